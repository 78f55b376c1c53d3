"""The procedural sketch painter: flat, colourful picture-book pages drawn with Pillow + numpy."""

from __future__ import annotations

from .heroes import POSES, HeroLook, Pose, hero_look
from .illustrator import SKETCH_MODEL, SketchIllustrator  # last: it uses the painter above
from .painter import STEPS, draw_hero, hero_portrait, paint_page
from .scenes import SCENES
from .setting import DEFAULT_SETTING, choose_setting

__all__ = [
    "DEFAULT_SETTING",
    "POSES",
    "SCENES",
    "SKETCH_MODEL",
    "STEPS",
    "HeroLook",
    "Pose",
    "SketchIllustrator",
    "choose_setting",
    "draw_hero",
    "hero_look",
    "hero_portrait",
    "paint_page",
]
