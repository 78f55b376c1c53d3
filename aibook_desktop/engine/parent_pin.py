"""The parent PIN: salted PBKDF2 (hashlib), stored as one string in settings.parent_pin_hash.

A PIN is 4 to 12 digits. Four digits fall to an offline guesser in about a minute (10,000
hashes); a kiosk should use 8 or more, which the setup screen and ``aibook parent set-pin``
suggest. The hash does not record the length: the keypad has an OK key.

A passphrase (``aibook parent set-pin --passphrase``: 12 characters or more, any letters) is
the stronger choice for a public kiosk with a keyboard. Its hash carries its own scheme name,
so the gate knows to show a text field instead of the keypad, and a PIN can never be checked
against a passphrase's hash or the other way round.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata

__all__ = [
    "MAX_PASSPHRASE_LENGTH",
    "MAX_PIN_LENGTH",
    "PASSPHRASE_LENGTH",
    "PIN_LENGTH",
    "SUGGESTED_PIN_LENGTH",
    "hash_passphrase",
    "hash_pin",
    "is_passphrase_hash",
    "is_valid_passphrase",
    "is_valid_pin",
    "verify_passphrase",
    "verify_pin",
]

PIN_LENGTH = 4  # the shortest PIN accepted
MAX_PIN_LENGTH = 12
SUGGESTED_PIN_LENGTH = 8
ITERATIONS = 120_000  # ~50 ms on a small CPU: slow for a guesser, unnoticed by a parent
_SCHEME = "pbkdf2_sha256"
_PHRASE_SCHEME = "pbkdf2_sha256_phrase"
PASSPHRASE_LENGTH = 12  # characters, the shortest accepted
MAX_PASSPHRASE_LENGTH = 128


def is_valid_pin(pin: str) -> bool:
    return PIN_LENGTH <= len(pin) <= MAX_PIN_LENGTH and pin.isascii() and pin.isdigit()


def hash_pin(pin: str, *, iterations: int = ITERATIONS, salt: bytes | None = None) -> str:
    """``pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>``; a fresh random salt each time."""
    if not is_valid_pin(pin):
        raise ValueError(f"a PIN is {PIN_LENGTH}-{MAX_PIN_LENGTH} digits")
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("ascii"), salt, iterations)
    return f"{_SCHEME}${iterations}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    """False for a wrong PIN and for a stored value we cannot read (never raises)."""
    try:
        scheme, iterations, salt_hex, digest_hex = stored.split("$")
        if scheme != _SCHEME or not is_valid_pin(pin):
            return False
        digest = hashlib.pbkdf2_hmac(
            "sha256", pin.encode("ascii"), bytes.fromhex(salt_hex), int(iterations)
        )
    except ValueError:
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


def _phrase_bytes(phrase: str) -> bytes:
    """The same words typed through another input method (a Korean IME may compose jamo
    differently) give the same bytes; spaces around the phrase do not count."""
    return unicodedata.normalize("NFC", phrase.strip()).encode("utf-8")


def is_valid_passphrase(phrase: str) -> bool:
    length = len(unicodedata.normalize("NFC", phrase.strip()))
    return PASSPHRASE_LENGTH <= length <= MAX_PASSPHRASE_LENGTH and phrase.isprintable()


def is_passphrase_hash(stored: str) -> bool:
    """Whether the gate asks for a passphrase (a text field) rather than a PIN (the keypad)."""
    return stored.startswith(_PHRASE_SCHEME + "$")


def hash_passphrase(phrase: str, *, iterations: int = ITERATIONS, salt: bytes | None = None) -> str:
    """``pbkdf2_sha256_phrase$<iterations>$<salt hex>$<hash hex>``; a fresh salt each time."""
    if not is_valid_passphrase(phrase):
        raise ValueError(
            f"a passphrase is {PASSPHRASE_LENGTH}-{MAX_PASSPHRASE_LENGTH} printable characters"
        )
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", _phrase_bytes(phrase), salt, iterations)
    return f"{_PHRASE_SCHEME}${iterations}${salt.hex()}${digest.hex()}"


def verify_passphrase(phrase: str, stored: str) -> bool:
    """False for a wrong phrase and for a stored value that is not a passphrase's hash."""
    try:
        scheme, iterations, salt_hex, digest_hex = stored.split("$")
        if scheme != _PHRASE_SCHEME or not is_valid_passphrase(phrase):
            return False
        digest = hashlib.pbkdf2_hmac(
            "sha256", _phrase_bytes(phrase), bytes.fromhex(salt_hex), int(iterations)
        )
    except ValueError:
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)
