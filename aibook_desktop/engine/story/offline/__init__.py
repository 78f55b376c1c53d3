"""The embedded storyteller: hand-written bilingual story arcs that need no model or network."""

from __future__ import annotations

from .writer import (
    OfflineStoryWriter,
    attach_josa,
    clean_theme,
    korean_name,
    page_length,
    page_length_bounds,
)

__all__ = [
    "OfflineStoryWriter",
    "attach_josa",
    "clean_theme",
    "korean_name",
    "page_length",
    "page_length_bounds",
]
