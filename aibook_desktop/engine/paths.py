"""Every directory the app touches comes from here, so tests and kiosks can relocate all of it.

Set ``AIBOOK_HOME`` (or call :func:`set_base_dir`) and config, data, cache and logs all live
under that one folder; otherwise the platform's user directories (platformdirs) are used.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

__all__ = [
    "base_dir",
    "cache_dir",
    "config_dir",
    "data_dir",
    "library_db",
    "log_dir",
    "set_base_dir",
    "settings_file",
]

APP_NAME = "aibook-desktop"
_override: Path | None = None


def set_base_dir(path: str | os.PathLike[str] | None) -> None:
    """Relocate everything under ``path`` (None restores the default)."""
    global _override
    _override = Path(path) if path is not None else None


def base_dir() -> Path | None:
    """The override in force, if any (explicit call first, then ``AIBOOK_HOME``)."""
    if _override is not None:
        return _override
    env = os.environ.get("AIBOOK_HOME")
    return Path(env) if env else None


def _dir(kind: str) -> Path:
    base = base_dir()
    if base is not None:
        path = base / kind
    else:
        path = Path(
            {
                "config": platformdirs.user_config_dir,
                "data": platformdirs.user_data_dir,
                "cache": platformdirs.user_cache_dir,
                "logs": platformdirs.user_log_dir,
            }[kind](APP_NAME, appauthor=False)
        )
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    return _dir("config")


def data_dir() -> Path:
    return _dir("data")


def cache_dir() -> Path:
    return _dir("cache")


def log_dir() -> Path:
    return _dir("logs")


def settings_file() -> Path:
    return config_dir() / "settings.toml"


def library_db() -> Path:
    return data_dir() / "library.sqlite3"
