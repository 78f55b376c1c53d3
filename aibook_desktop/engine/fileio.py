"""All-or-nothing file writes, shared by the shelf, the exports and the settings file.

A killed process or a full disk must leave the previous file readable: write a temp file in the
same folder, fsync it, rename it over the old one, then fsync the folder.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

__all__ = ["WriteBytes", "atomic_write_bytes", "fsync_dir", "plain_write"]

# The file-write edge, injectable so tests can simulate a full disk without patching the stdlib.
WriteBytes = Callable[[IO[bytes], bytes], None]


def plain_write(f: IO[bytes], data: bytes) -> None:
    f.write(data)


def fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows cannot open folders, and doesn't need to."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes, write_bytes: WriteBytes = plain_write) -> None:
    """Replace ``path`` with ``data`` all-or-nothing; on OSError ``path`` is left untouched."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            write_bytes(f, data)
            f.flush()
            os.fsync(f.fileno())
        try:  # mkstemp makes owner-only files; keep the mode of the file we replace
            os.chmod(tmp, path.stat().st_mode & 0o777)
        except FileNotFoundError:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)
