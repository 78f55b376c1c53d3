"""Composes a page: setting, props, the hero in this page's pose, then the foreground."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from ...book import Hero, HeroKind
from ...cancel import CancelToken
from .. import PictureRequest, StepCallback
from . import nature, worlds  # noqa: F401 - importing them registers their scenes
from .canvas import RGB, Canvas, Pen, lighter
from .creatures import draw_cat, draw_dinosaur, draw_frog, draw_robot
from .figures import draw_boy, draw_girl, draw_me, draw_princess, draw_superhero
from .heroes import POSES, HeroLook, Pose, hero_look
from .scenes import SCENES
from .setting import choose_setting

__all__ = ["STEPS", "HeroPlacement", "draw_hero", "hero_portrait", "paint_page", "place_hero"]

log = logging.getLogger(__name__)

STEPS = 5  # background, props, hero, foreground, finishing
_MASK64 = (1 << 64) - 1
FIGURE_TALL = 114.0  # units from the feet to the top of the tallest hero (crown, antenna)
FIGURE_HALF = 46.0  # units from the middle to the widest side (tails, capes)

DRAWERS: dict[HeroKind, Callable[[Pen, HeroLook, Pose], None]] = {
    HeroKind.BOY: draw_boy,
    HeroKind.GIRL: draw_girl,
    HeroKind.CAT: draw_cat,
    HeroKind.FROG: draw_frog,
    HeroKind.PRINCESS: draw_princess,
    HeroKind.SUPERHERO: draw_superhero,
    HeroKind.DINOSAUR: draw_dinosaur,
    HeroKind.ROBOT: draw_robot,
    HeroKind.ME: draw_me,
}
PORTRAIT_BG: dict[HeroKind, RGB] = {
    HeroKind.BOY: (190, 226, 255),
    HeroKind.GIRL: (255, 214, 226),
    HeroKind.CAT: (255, 236, 190),
    HeroKind.FROG: (214, 244, 200),
    HeroKind.PRINCESS: (240, 214, 255),
    HeroKind.SUPERHERO: (255, 226, 200),
    HeroKind.DINOSAUR: (214, 240, 226),
    HeroKind.ROBOT: (214, 226, 246),
    HeroKind.ME: (255, 244, 190),
}


@dataclass(frozen=True)
class HeroPlacement:
    """Where and how the hero stands on one page (supersampled pixels)."""

    x: float
    feet_y: float
    scale: float  # pixels per figure unit
    pose: Pose
    flip: bool


def _supersample(width: int, height: int) -> int:
    # 2x smooths edges well (and stays fast); very small pages need 3x to keep details
    side = max(width, height)
    return 3 if side <= 384 else 2


def place_hero(c: Canvas, ground: float, rng: np.random.Generator) -> HeroPlacement:
    pose = POSES[int(rng.integers(len(POSES)))]
    scale = c.H * rng.uniform(0.46, 0.62) / FIGURE_TALL
    scale = min(scale, c.W * 0.42 / FIGURE_HALF)
    feet_y = c.H * (ground + rng.uniform(-0.025, 0.02))
    scale = min(scale, (feet_y - c.H * 0.03) / (FIGURE_TALL + pose.lift))
    half = FIGURE_HALF * scale
    x = c.W * rng.uniform(0.3, 0.7)
    x = min(max(x, half), c.W - half)
    return HeroPlacement(x, feet_y, scale, pose, bool(rng.random() < 0.5))


def draw_hero(c: Canvas, hero: Hero, at: HeroPlacement) -> None:
    look = hero_look(hero)
    s = at.scale

    def shadow(d: ImageDraw.ImageDraw) -> None:
        rx, ry = 26 * s * (0.8 if at.pose.lift else 1.0), 5 * s
        d.ellipse((at.x - rx, at.feet_y - ry, at.x + rx, at.feet_y + ry), fill=255)

    c.tint((40, 30, 60), 0.2, shadow)
    pen = Pen(c, at.x, at.feet_y - at.pose.lift * s, s, at.flip)
    DRAWERS[HeroKind(hero.kind)](pen, look, at.pose)


def _rngs(request: PictureRequest) -> list[np.random.Generator]:
    """Independent streams per layer, so changing the props never moves the hero."""
    seq = np.random.SeedSequence([request.seed & _MASK64, request.page_index & _MASK64])
    return [np.random.default_rng(s) for s in seq.spawn(4)]


def paint_page(
    request: PictureRequest, cancel: CancelToken, progress: StepCallback | None = None
) -> tuple[Image.Image, str]:
    """Paints one page and returns it with the setting it chose."""
    setting = choose_setting(request.scene_prompt, request.theme)
    scene = SCENES[setting]
    r_hero, r_back, r_props, r_front = _rngs(request)
    c = Canvas(request.width, request.height, _supersample(request.width, request.height))
    at = place_hero(c, scene.ground, r_hero)
    avoid = (at.x - 32 * at.scale, at.x + 32 * at.scale)
    log.debug(
        "page %d: %s, %s, pose %s", request.page_index, setting, request.hero.kind, at.pose.name
    )

    def layer(step: int, paint: Callable[[], None]) -> None:
        cancel.check()
        paint()
        if progress is not None:
            progress(step, STEPS)

    layer(1, lambda: scene.back(c, r_back))
    layer(2, lambda: scene.props(c, r_props, avoid))
    layer(3, lambda: draw_hero(c, request.hero, at))
    layer(4, lambda: scene.front(c, r_front) if scene.front else None)
    result: list[Image.Image] = []
    layer(5, lambda: result.append(c.finish()))
    return result[0], setting


def hero_portrait(kind: HeroKind | str, size: int = 512) -> Image.Image:
    """The default hero waving on a soft round badge (RGBA, transparent corners)."""
    kind = HeroKind(kind)
    ss = _supersample(size, size)
    c = Canvas(size, size, ss)
    n = c.W
    yy, xx = np.mgrid[0:n, 0:n].astype(np.float32) / n - 0.5
    d = np.sqrt(xx * xx + (yy + 0.08) ** 2)[..., None] / 0.5
    inner = np.array(lighter(PORTRAIT_BG[kind], 0.6), np.float32)
    outer = np.array(PORTRAIT_BG[kind], np.float32)
    rgb = inner + (outer - inner) * np.clip(d, 0, 1) ** 1.5
    c.img.paste(Image.fromarray(rgb.astype(np.uint8)))
    scale = n * 0.74 / FIGURE_TALL
    pen_at = HeroPlacement(n / 2, n * 0.9, scale, POSES[1], False)
    draw_hero(c, Hero.default(kind, "en"), pen_at)
    mask = Image.new("L", (n, n), 0)
    ImageDraw.Draw(mask).ellipse((1, 1, n - 2, n - 2), fill=255)
    img = c.img.convert("RGBA")
    img.putalpha(mask)
    return img.resize((size, size), Image.Resampling.LANCZOS)
