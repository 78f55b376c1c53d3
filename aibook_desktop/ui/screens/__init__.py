"""The app's screens; each emits signals and never reaches into another screen."""

from .hero import HeroScreen
from .home import HomeScreen
from .making import MakingScreen
from .reader import ReaderScreen
from .shelf import ShelfScreen
from .sorry import SorryScreen
from .theme import THEMES, ThemeScreen

__all__ = [
    "THEMES",
    "HeroScreen",
    "HomeScreen",
    "MakingScreen",
    "ReaderScreen",
    "ShelfScreen",
    "SorryScreen",
    "ThemeScreen",
]
