"""The parent area: the gate (corner long-press + PIN), settings, key and diagnostics."""

from .gate import PinScreen
from .pin import hash_pin, verify_pin

__all__ = ["PinScreen", "hash_pin", "verify_pin"]
