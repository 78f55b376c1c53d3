"""Throw-away preview pictures of pages being drawn, kept in the cache folder, never the shelf.

A preview is a file (not bytes in the event) so the same event works for the UI thread and the
CLI's JSON lines. Every preview gets a new name: a viewer never reads a half-replaced file or a
stale cached one. A preview that cannot be written (full disk) is skipped: it is a nicety, and
losing one must never cost the book.
"""

from __future__ import annotations

import io
import logging
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING

from .events import Event, PagePreview
from .fileio import atomic_write_bytes
from .paths import cache_dir
from .pictures import PagePreviewCallback, PreviewCallback

if TYPE_CHECKING:
    from collections.abc import Callable

    from PIL import Image

__all__ = ["PREVIEW_SIZE", "PreviewStore", "one_page"]

log = logging.getLogger(__name__)
PREVIEW_SIZE = 192  # px on the long side: a making-screen thumbnail, not a page
_STALE_S = 6 * 3600  # folders older than this were left by a killed process


class PreviewStore:
    """``<cache>/previews/<book id>/page-03-s010.jpg``.

    The previews of a book stay until the next book starts (``clear_all``): the window reads
    them from its own thread a moment after the event, possibly after the book is finished.
    """

    def __init__(self, root: Path | None = None) -> None:
        self.root = root if root is not None else cache_dir() / "previews"
        self._clean_stale()

    def save(self, book_id: str, index: int, step: int, image: Image.Image) -> Path | None:
        """Write a small JPEG; None (logged) when it could not be written."""
        picture = image.convert("RGB")
        picture.thumbnail((PREVIEW_SIZE, PREVIEW_SIZE))
        buf = io.BytesIO()
        picture.save(buf, format="JPEG", quality=80)
        path = self.root / book_id / f"page-{index + 1:02d}-s{step:03d}.jpg"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(path, buf.getvalue())
        except OSError as exc:
            log.info("preview of page %d not saved: %s", index + 1, exc)
            return None
        return path

    def reporter(self, book_id: str, emit: Callable[[Event], None]) -> PagePreviewCallback:
        """What a job hands the painter: save each preview, then tell ``emit`` where it is."""

        def preview(index: int, image: Image.Image, step: int, steps: int) -> None:
            path = self.save(book_id, index, step, image)
            if path is not None:
                emit(PagePreview(index, str(path), step, steps))

        return preview

    def clear_all(self) -> None:
        """Called as a book starts: the engine makes one book at a time."""
        if self.root.is_dir():
            for folder in self.root.iterdir():
                shutil.rmtree(folder, ignore_errors=True)

    def _clean_stale(self) -> None:
        if not self.root.is_dir():
            return
        cutoff = time.time() - _STALE_S
        for folder in self.root.iterdir():
            try:
                if folder.stat().st_mtime < cutoff:
                    shutil.rmtree(folder, ignore_errors=True)
            except OSError:
                continue


def one_page(preview: PagePreviewCallback | None, index: int) -> PreviewCallback | None:
    """A painter that draws one page at a time gets a callback without the page number."""
    if preview is None:
        return None
    return lambda image, step, steps: preview(index, image, step, steps)
