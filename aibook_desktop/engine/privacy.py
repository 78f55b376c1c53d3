"""What a public kiosk keeps of what a child said: the safe theme the book uses, no more.

At home a parent may want to see what was asked when a theme was redirected; at a kiosk the
raw text (a name, an address, an injected instruction) must not stay in ``book.json`` for
whoever opens the folder next. The parent view can still tell that a theme was redirected and
why (the category), never what it said.
"""

from __future__ import annotations

from dataclasses import replace

from .book import Theme
from .safety import check_theme

__all__ = ["REDIRECT_CATEGORIES", "private_theme", "redirect_category"]

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
