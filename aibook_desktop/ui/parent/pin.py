"""The parent PIN's hashing lives in the engine (``aibook parent set-pin`` needs it too)."""

from ...engine.parent_pin import (
    MAX_PIN_LENGTH,
    PIN_LENGTH,
    SUGGESTED_PIN_LENGTH,
    hash_pin,
    is_passphrase_hash,
    is_valid_pin,
    verify_passphrase,
    verify_pin,
)

__all__ = [
    "MAX_PIN_LENGTH",
    "PIN_LENGTH",
    "SUGGESTED_PIN_LENGTH",
    "hash_pin",
    "is_passphrase_hash",
    "is_valid_pin",
    "verify_passphrase",
    "verify_pin",
]
