"""Free-space checks before anything big is written, so a full disk is a clear message up front.

A half-downloaded 5 GB UNet on a full disk also stops the shelf from saving books; refusing
early (with room left over for books) is kinder than failing at 97 %.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, Protocol

__all__ = [
    "RESERVE_BYTES",
    "DiskUsage",
    "DiskUsageFn",
    "NotEnoughDiskSpace",
    "check_disk_space",
    "free_bytes",
    "human_bytes",
]

RESERVE_BYTES = 2 * 2**30  # left free for books, logs and the OS after the models are in


class _Usage(Protocol):
    @property
    def free(self) -> int: ...


class DiskUsage(NamedTuple):
    """What shutil.disk_usage returns; handy for injecting a small disk in tests."""

    total: int
    used: int
    free: int


DiskUsageFn = Callable[[str], _Usage]


class NotEnoughDiskSpace(OSError):
    """Refused before writing anything; the message is what the parent sees."""

    def __init__(self, needed: int, free: int, folder: Path) -> None:
        self.needed, self.free, self.folder = needed, free, folder
        super().__init__(
            f"Not enough free disk space in {folder}: the models need {human_bytes(needed)} "
            f"(plus {human_bytes(RESERVE_BYTES)} kept free for books), only {human_bytes(free)} "
            "is free. Free some space, choose another folder or a smaller preset."
        )


def human_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if abs(n) < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} GB"  # pragma: no cover - the loop always returns


def _existing(folder: Path) -> Path:
    """The folder itself or the nearest parent that exists (the target may not exist yet)."""
    folder = folder.absolute()
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def free_bytes(folder: str | Path, disk_usage: DiskUsageFn | None = None) -> int:
    usage = (disk_usage or shutil.disk_usage)(str(_existing(Path(folder))))
    return int(usage.free)


def check_disk_space(
    needed: int,
    folder: str | Path,
    *,
    reserve: int = RESERVE_BYTES,
    disk_usage: DiskUsageFn | None = None,
) -> int:
    """Free bytes at ``folder``; raises NotEnoughDiskSpace when ``needed + reserve`` won't fit."""
    free = free_bytes(folder, disk_usage)
    if needed > 0 and needed + reserve > free:
        raise NotEnoughDiskSpace(needed, free, Path(folder))
    return free
