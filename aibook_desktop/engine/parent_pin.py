"""The parent PIN: salted PBKDF2 (hashlib), stored as one string in settings.parent_pin_hash.

A PIN is 4 to 12 digits. Four digits fall to an offline guesser in about a minute (10,000
hashes); a kiosk should use 8 or more, which the setup screen and ``aibook parent set-pin``
suggest. The hash does not record the length: the keypad has an OK key.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

__all__ = [
    "MAX_PIN_LENGTH",
    "PIN_LENGTH",
    "SUGGESTED_PIN_LENGTH",
    "hash_pin",
    "is_valid_pin",
    "verify_pin",
]

PIN_LENGTH = 4  # the shortest PIN accepted
MAX_PIN_LENGTH = 12
SUGGESTED_PIN_LENGTH = 8
ITERATIONS = 120_000  # ~50 ms on a small CPU: slow for a guesser, unnoticed by a parent
_SCHEME = "pbkdf2_sha256"


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
