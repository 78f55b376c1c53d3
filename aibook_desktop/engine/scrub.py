"""API keys out of everything that is stored or printed: book.json, events, stderr and logs.

Some servers echo the request's key in an error ("Incorrect API key provided: sk-abc..."); the
error then travels into a Notice, a book's provenance note and a log line. Every such path runs
its text through ``scrub_secrets`` first, which removes key-shaped tokens and the exact key
this process was given (so a key without the usual ``sk-`` prefix goes too).
"""

from __future__ import annotations

import logging
import os
import re
import threading

__all__ = ["SCRUBBED", "ScrubSecrets", "remember_secret", "scrub_secrets"]

SCRUBBED = "[key removed]"

_lock = threading.Lock()
_known: set[str] = set()
# OpenAI-style keys (sk-..., sk-proj-...), bearer tokens and key=... pairs in URLs or headers.
_PATTERNS = re.compile(
    r"\bsk-[A-Za-z0-9_\-]{6,}"
    r"|(?<=Bearer )[A-Za-z0-9._~+/\-]{8,}=*"
    r"|(?<=api[_-]key=)[^\s&\"',;]{6,}",
    re.IGNORECASE,
)
_ENV_KEYS = ("OPENAI_API_KEY",)


def remember_secret(value: str | None) -> None:
    """Register a key this process uses (e.g. read from the keyring) so it is scrubbed too."""
    if value and len(value.strip()) >= 8:
        with _lock:
            _known.add(value.strip())


def scrub_secrets(text: str) -> str:
    """``text`` with every API key replaced by a marker; cheap when there is none."""
    if not text:
        return text
    with _lock:
        known = set(_known)
    for name in _ENV_KEYS:
        value = os.environ.get(name, "").strip()
        if len(value) >= 8:
            known.add(value)
    for secret in sorted(known, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, SCRUBBED)
    return _PATTERNS.sub(SCRUBBED, text)


class ScrubSecrets(logging.Filter):
    """A handler filter: the record's message (args merged in) loses any key before output."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not lose the record
            message = str(record.msg)
        clean = scrub_secrets(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and record.exc_info[1] is not None:
            text = logging.Formatter().formatException(record.exc_info)
            record.exc_info, record.exc_text = None, None
            # the message is final from here on: a '%' in the traceback must not be formatted
            record.msg, record.args = f"{clean}\n{scrub_secrets(text)}", None
        return True
