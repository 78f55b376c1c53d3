"""The story server's API key: the OS keyring (never settings.toml), or ``OPENAI_API_KEY``.

One module for both sides: the parent area saves and forgets the key, the story backend reads it.
"""

from __future__ import annotations

import logging
import os

__all__ = [
    "KEYRING_SERVICE",
    "KEYRING_USER",
    "KeyringUnavailable",
    "api_key",
    "forget_key",
    "has_key",
    "save_key",
]

log = logging.getLogger(__name__)

KEYRING_SERVICE = "aibook-desktop"
KEYRING_USER = "openai_api_key"


class KeyringUnavailable(RuntimeError):
    """This computer has no usable keyring (e.g. a headless Linux box); the message says why."""


def save_key(key: str) -> None:
    import keyring
    import keyring.errors

    try:
        keyring.set_password(KEYRING_SERVICE, KEYRING_USER, key.strip())
    except (keyring.errors.KeyringError, RuntimeError) as exc:
        log.warning("the API key could not be saved in the keyring: %s", exc)
        raise KeyringUnavailable(str(exc)) from exc


def forget_key() -> None:
    import keyring
    import keyring.errors

    try:
        keyring.delete_password(KEYRING_SERVICE, KEYRING_USER)
    except keyring.errors.PasswordDeleteError:
        pass  # nothing was saved: forgetting it is already done
    except (keyring.errors.KeyringError, RuntimeError) as exc:
        raise KeyringUnavailable(str(exc)) from exc


def has_key() -> bool | None:
    """True/False, or None when the keyring cannot be asked."""
    import keyring
    import keyring.errors

    try:
        return bool(keyring.get_password(KEYRING_SERVICE, KEYRING_USER))
    except (keyring.errors.KeyringError, RuntimeError) as exc:
        log.info("the keyring cannot be read: %s", exc)
        return None


def api_key() -> str | None:
    """``OPENAI_API_KEY`` if set (a developer's override), else the key in the OS keyring."""
    key = os.environ.get("OPENAI_API_KEY", "").strip()
    if key:
        return key
    try:
        import keyring

        stored = keyring.get_password(KEYRING_SERVICE, KEYRING_USER) or None
    except Exception as exc:  # no keyring backend (a kiosk without a desktop session)
        log.debug("no key from the OS keyring: %r", exc)
        return None
    from .scrub import remember_secret

    remember_secret(stored)  # an error that echoes it must not store or print it
    return stored
