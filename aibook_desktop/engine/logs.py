"""Logging set up in one place: rotating files under the user log dir, children's data redacted.

A booth runs for months: logs must not fill the disk (RotatingFileHandler) and must not keep
what children said or typed. Three layers of redaction run on every record, on every handler:
texts the engine registered as the current child's (theme, name), ``theme=...``-style values,
and any Korean text (our log messages are English, so Hangul in a log line came from a child
or a story).
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
import threading
from pathlib import Path

from . import paths
from .scrub import scrub_secrets

__all__ = [
    "LOG_FILE",
    "REDACTED",
    "RedactChildData",
    "forget_child_data",
    "redact",
    "remember_child_data",
    "setup_logging",
]

LOG_FILE = "aibook.log"
REDACTED = "[redacted]"
_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"

_lock = threading.Lock()
_secrets: set[str] = set()

_KEYS = r"theme(?:_text)?|child_name|name|hero_name|title|text|prompt|transcript|heard|said"
# key=value / key: value / "key": "value". A quoted value ends at its quote; an unquoted one
# runs to the next "other_key=", a delimiter or the end of the line (themes have spaces).
_KEYED = re.compile(
    rf"""(?P<key>["']?\b(?:{_KEYS})\b["']?\s*[=:]\s*)"""
    r"""(?P<value>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'"""
    r"""|[^,;)\]}\n]+?(?=\s+\w+\s*[=:]|[,;)\]}\n]|$))""",
    re.IGNORECASE | re.MULTILINE,
)
_HANGUL_CHARS = r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]+"
_HANGUL = re.compile(rf"{_HANGUL_CHARS}(?:[\s\d.,!?~]*{_HANGUL_CHARS})*")


def remember_child_data(*texts: str) -> None:
    """Register the current child's texts (theme, name) so no log line can carry them."""
    with _lock:
        _secrets.update(t.strip() for t in texts if t and len(t.strip()) >= 2)


def forget_child_data() -> None:
    """Called when a session ends (idle timeout, back home): the list itself is child data."""
    with _lock:
        _secrets.clear()


def redact(text: str) -> str:
    """Child data and API keys out of a log line (the kiosk's log file, the parent's list)."""
    text = scrub_secrets(text)
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)
    for secret in known:
        text = re.sub(re.escape(secret), REDACTED, text, flags=re.IGNORECASE)
    text = _KEYED.sub(lambda m: m.group("key") + REDACTED, text)
    return _HANGUL.sub(REDACTED, text)


class RedactChildData(logging.Filter):
    """Rewrites each record's message (and traceback text) before any handler formats it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not lose the record
            message = str(record.msg)
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def setup_logging(
    level: int = logging.INFO,
    *,
    log_dir: Path | None = None,
    filename: str = LOG_FILE,
    max_bytes: int = 1_000_000,
    backups: int = 5,
    stderr: bool = True,
) -> Path:
    """Install the rotating file (and stderr) handlers on the root logger, once per file.

    Each process writes its own file (the supervisor uses ``supervisor.log``): two processes
    rotating one file would lose lines.
    """
    folder = log_dir or paths.log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / filename
    root = logging.getLogger()
    for handler in root.handlers:
        if (
            isinstance(handler, logging.handlers.RotatingFileHandler)
            and Path(handler.baseFilename) == path.absolute()
        ):
            return path
    redactor = RedactChildData()
    file_handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
    )
    handlers: list[logging.Handler] = [file_handler]
    if stderr:
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        handler.setFormatter(logging.Formatter(_FORMAT))
        handler.addFilter(redactor)
        root.addHandler(handler)
    root.setLevel(level)
    return path
