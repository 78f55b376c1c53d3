"""Reusable widgets: big buttons, picture cards, the art they show, and the moving parts."""

from .art import hero_pixmap, icon, placeholder_pixmap, scaled_pixmap
from .buttons import MIN_TARGET, BigButton, PictureButton
from .level_meter import LevelMeter
from .page_flip import PageFlip
from .playful import BouncingHero

__all__ = [
    "MIN_TARGET",
    "BigButton",
    "BouncingHero",
    "LevelMeter",
    "PageFlip",
    "PictureButton",
    "hero_pixmap",
    "icon",
    "placeholder_pixmap",
    "scaled_pixmap",
]
