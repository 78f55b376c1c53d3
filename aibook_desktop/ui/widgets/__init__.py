"""Reusable widgets: big buttons, picture cards and the art they show."""

from .art import hero_pixmap, icon, placeholder_pixmap, scaled_pixmap
from .buttons import MIN_TARGET, BigButton, PictureButton

__all__ = [
    "MIN_TARGET",
    "BigButton",
    "PictureButton",
    "hero_pixmap",
    "icon",
    "placeholder_pixmap",
    "scaled_pixmap",
]
