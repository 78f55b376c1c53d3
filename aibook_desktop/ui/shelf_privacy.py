"""Whose books a child sees on the shelf: everyone's, this visit's, or none (issue #21).

At a public kiosk the shelf once showed every earlier child's books, titled with their names
(a full name typed as "me" becomes the title). ``settings.shelf_mode`` decides: ``shared``
(a family's computer), ``session`` (only the books made since the last idle reset; the
default at a kiosk) or ``off`` (no shelf button). Books stay on disk for the grown-ups' list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..engine.settings import Settings

__all__ = ["ShelfFilter"]


class ShelfFilter:
    def __init__(self, settings: Settings, kiosk: Callable[[], bool]) -> None:
        self._settings = settings
        self._kiosk = kiosk  # the window's kiosk state (--kiosk may set it, not the file)
        self.session_books: set[str] = set()

    @property
    def mode(self) -> str:
        """shared | session | off; "auto" is session at a kiosk, shared elsewhere."""
        if self._settings.shelf_mode != "auto":
            return self._settings.shelf_mode
        return "session" if self._kiosk() else "shared"

    def note_book(self, book_id: str) -> None:
        """A book this visit's child started."""
        self.session_books.add(book_id)

    def forget_session(self) -> None:
        self.session_books.clear()

    def visible(self, books: list[Any]) -> list[Any]:
        mode = self.mode
        if mode == "shared":
            return list(books)
        if mode == "off":
            return []
        return [b for b in books if getattr(b, "id", None) in self.session_books]
