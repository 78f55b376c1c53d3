"""Real tmpfs mounts for the fault tests (root only): full and read-only disks without mocks."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def mount(*args: str) -> bool:
    try:
        return subprocess.run(["mount", *args], capture_output=True, check=False).returncode == 0
    except OSError:
        return False


@contextlib.contextmanager
def tmpfs_at(where: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` (e.g. "4m") at ``where``; the test is skipped where mount fails."""
    where.mkdir(parents=True, exist_ok=True)
    if not mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)):
        pytest.skip("cannot mount a tmpfs here (not root)")
    try:
        yield where
    finally:
        mount("-o", "remount,rw", str(where))
        subprocess.run(["umount", "-l", str(where)], check=False)
