"""When the recogniser gives its memory to the pictures, and when it is loaded again.

A warm recogniser answers the first clip without a load, so it is loaded at start-up on the
engine thread and kept. Pictures come first, though: SDXL needs gigabytes of RAM (or VRAM),
so while a book is drawn with SDXL, or when the machine is short of memory, the recogniser is
released and loaded again after the book (the child is reading by then, not talking).
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..settings import Settings

__all__ = ["LOW_MEMORY_BYTES", "available_memory", "release_for_pictures"]

log = logging.getLogger(__name__)
LOW_MEMORY_BYTES = 3 * 2**30  # under this much free RAM a book's pictures need the recogniser's
HEAVY_PAINTERS = frozenset({"sdxl"})  # in-process diffusion: GBs of weights and activations


def available_memory() -> int | None:
    """Free RAM in bytes (Linux MemAvailable, else the pages the OS reports), None if unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, OSError, ValueError):
        return None


def release_for_pictures(settings: Settings, free_bytes: int | None = None) -> bool:
    """True when the recogniser should be released while a book is made."""
    if settings.picture_backend in HEAVY_PAINTERS:
        return True
    free = available_memory() if free_bytes is None else free_bytes
    return free is not None and free < LOW_MEMORY_BYTES
