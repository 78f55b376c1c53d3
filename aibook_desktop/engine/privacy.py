"""What a public kiosk keeps of what a child said: the safe theme the book uses, no more.

At home a parent may want to see what was asked when a theme was redirected; at a kiosk the
raw text (a name, an address, an injected instruction) must not stay in ``book.json`` for
whoever opens the folder next. The parent view can still tell that a theme was redirected and
why (the category), never what it said.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from .book import Theme
from .safety import check_theme

__all__ = ["REDIRECT_CATEGORIES", "book_redirect", "private_theme", "redirect_category"]

# instruction: the theme tried to give the storyteller orders; empty: nothing was left after
# cleaning; words: unsafe words were softened
REDIRECT_CATEGORIES = ("instruction", "empty", "words")


def redirect_category(original: str, lang: str = "en") -> str:
    """Why ``original`` was redirected, as one of :data:`REDIRECT_CATEGORIES` ("" if it wasn't)."""
    result = check_theme(original, lang)
    if result.safe:
        return ""
    if result.reasons and result.reasons[0] in ("instruction", "empty"):
        return result.reasons[0]
    return "words"


def private_theme(theme: Theme, lang: str = "en") -> Theme:
    """The theme without the child's raw words; a redirect keeps only its category."""
    if theme.original_text is None:
        return theme
    category = redirect_category(theme.original_text, lang) or "words"
    return replace(theme, original_text=None, redirect=category)


def book_redirect(book_dir: Path) -> str:
    """Why the theme of the book in ``book_dir`` was redirected ("" if it was not).

    Read from ``book.json`` when a parent selects the book: the library index carries no
    theme, and a kiosk book keeps only the category. A book made at home keeps the child's
    words; the parent view still shows just the category. An unreadable book says "".
    """
    from .library import BOOK_FILE  # the library imports Pillow: not at the UI's start-up

    try:
        data = json.loads((book_dir / BOOK_FILE).read_text(encoding="utf-8"))
        theme = data.get("theme") or {}
        redirect = str(theme.get("redirect") or "")
        original = theme.get("original_text")
        lang = str(data.get("lang") or "en")
    except (OSError, ValueError, AttributeError, TypeError, RecursionError):  # damaged: no note
        return ""
    if redirect:
        return redirect if redirect in REDIRECT_CATEGORIES else "words"
    if isinstance(original, str):
        return redirect_category(original, lang) or "words"
    return ""
