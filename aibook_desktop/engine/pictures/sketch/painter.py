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
from .cast import COMPANION_HEIGHT, companion_for, draw_companion
from .creatures import draw_cat, draw_dinosaur, draw_frog, draw_robot
from .figures import draw_boy, draw_girl, draw_me, draw_princess, draw_superhero
from .heroes import POSES, HeroLook, Pose, hero_look
from .props import SKY, draw_prop, prop_for
from .scenes import SCENES
from .setting import choose_setting

__all__ = [
    "STEPS",
    "HeroPlacement",
    "draw_hero",
    "hero_portrait",
    "paint_page",
    "paint_scene",
    "place_hero",
]

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


# the storyteller's actions -> the poses the figures know
_ACTION_POSE = {"stand": "stand", "wave": "wave", "walk": "walk", "think": "look_up",
                "talk": "wave", "sit": "stand", "reach": "wave", "cheer": "cheer", "jump": "jump",
                "hug": "cheer", "sleep": "stand", "hold": "stand", "run": "walk"}  # fmt: skip


def place_hero(
    c: Canvas, ground: float, rng: np.random.Generator, action: str | None = None,
    with_friends: bool = False,
) -> HeroPlacement:  # fmt: skip
    """Where the hero stands: anywhere on a page alone; on the left third beside friends."""
    pose = POSES[int(rng.integers(len(POSES)))]
    if action is not None:
        pose = next((p for p in POSES if p.name == _ACTION_POSE.get(action, "stand")), pose)
    scale = c.H * rng.uniform(0.46, 0.62) / FIGURE_TALL
    scale = min(scale, c.W * 0.42 / FIGURE_HALF)
    feet_y = c.H * (ground + rng.uniform(-0.025, 0.02))
    scale = min(scale, (feet_y - c.H * 0.03) / (FIGURE_TALL + pose.lift))
    half = FIGURE_HALF * scale
    x = c.W * (rng.uniform(0.24, 0.36) if with_friends else rng.uniform(0.3, 0.7))
    x = min(max(x, half), c.W - half)
    flip = False if with_friends else bool(rng.random() < 0.5)
    return HeroPlacement(x, feet_y, scale, pose, flip)


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


def _winter_clothes(c: Canvas, hero: Hero, at: HeroPlacement) -> None:
    """A scarf and a woolly hat over the hero's own clothes, so a snowy page is dressed for it
    (the hero stays recognisable: same colours, same face)."""
    pen = Pen(c, at.x, at.feet_y - at.pose.lift * at.scale, at.scale, at.flip)
    people = hero.kind in (HeroKind.BOY, HeroKind.GIRL, HeroKind.ME, HeroKind.SUPERHERO,
                           HeroKind.PRINCESS)  # fmt: skip
    neck = -56.0 if people else -50.0
    red = (220, 70, 80)
    pen.rrect(-15, neck - 4, 15, neck + 3, 3, red)
    pen.rrect(6, neck, 12, neck + 16, 2, red)
    if people and hero.kind is not HeroKind.PRINCESS:
        pen.ellipse(0, -93, 20, 11, (90, 140, 220))
        pen.rrect(-21, -92, 21, -86, 3, lighter((90, 140, 220), 0.4))
        pen.circle(0, -104, 5, (255, 255, 255))


def _sky_light(c: Canvas, time: str) -> None:
    tints = {"night": ((30, 40, 90), 0.42), "evening": ((255, 140, 80), 0.18),
             "morning": ((255, 230, 180), 0.08)}  # fmt: skip
    if time in tints:
        colour, alpha = tints[time]
        c.tint(colour, alpha, lambda d: d.rectangle((0, 0, c.W, c.H), fill=255))


def _weather(c: Canvas, weather: str, rng: np.random.Generator) -> None:
    if weather == "rain":
        for _ in range(70):
            x, y = rng.uniform(0, c.W), rng.uniform(0, c.H)
            c.line([(x, y), (x - c.u * 0.01, y + c.u * 0.04)], (150, 190, 240), c.u * 0.004)
    elif weather == "snow":
        for _ in range(60):
            x, y = rng.uniform(0, c.W), rng.uniform(0, c.H)
            c.circle(x, y, c.u * rng.uniform(0.004, 0.009), (255, 255, 255), None)


def _draw_cast(
    c: Canvas, request: PictureRequest, at: HeroPlacement, rng: np.random.Generator
) -> list[str]:
    """The page's companions to the hero's right, facing the hero, in the page's action."""
    scene = request.scene
    if scene is None or not scene.characters:
        return []
    names = dict(scene.names)
    drawn: list[str] = []
    slots = [0.68, 0.88, 0.5]
    for i, key in enumerate(scene.characters[:3]):
        kind = companion_for(key)
        scale = at.scale * (1.0 if COMPANION_HEIGHT.get(kind, 55.0) >= 90 else 1.1)
        x = c.W * slots[i] + float(rng.uniform(-0.02, 0.02)) * c.W
        lift = c.H * 0.1 if kind in _FLOAT else 0.0
        feet = at.feet_y + c.H * float(rng.uniform(-0.015, 0.02)) - lift
        pen = Pen(c, x, feet, scale * 1.05, flip=True)
        draw_companion(pen, kind, at.pose.name)
        label = names.get(key)
        drawn.append(f"{key}" if label is None else f"{label} (as {kind})")
    return drawn


_PEOPLE = {"grandma", "grandpa", "mom", "dad", "teacher", "doctor", "firefighter", "police",
           "astronaut", "pirate", "santa", "king", "mermaid", "fairy"}  # fmt: skip
_FLOAT = {"bee", "butterfly", "bird", "fairy"}


def _draw_props(
    c: Canvas, request: PictureRequest, at: HeroPlacement, rng: np.random.Generator
) -> list[str]:
    scene = request.scene
    if scene is None or not scene.props:
        return []
    names = dict(scene.names)
    drawn: list[str] = []
    ground_slots = [at.x + c.W * 0.17, at.x - c.W * 0.2]
    sky_slots = [c.W * 0.78, c.W * 0.2, c.W * 0.5]
    for key in scene.props[:4]:
        kind = prop_for(key)
        if kind in SKY:
            x = sky_slots.pop(0) if sky_slots else c.W * 0.5
            y = c.H * float(rng.uniform(0.2, 0.3))
            pen = Pen(c, x, y, at.scale * (1.5 if kind in ("moon", "rainbow", "sun") else 1.1))
        else:
            x = ground_slots.pop(0) if ground_slots else c.W * 0.5
            x = min(max(x, c.W * 0.08), c.W * 0.92)
            pen = Pen(c, x, at.feet_y + c.H * 0.03, at.scale * 0.95)
        draw_prop(pen, kind)
        label = names.get(key)
        drawn.append(key if label is None else f"{label} (as {kind})")
    return drawn


def paint_scene(
    request: PictureRequest, cancel: CancelToken, progress: StepCallback | None = None
) -> tuple[Image.Image, str, list[str]]:
    """Paints one page; returns it, its setting, and what was drawn besides the hero.

    With the storyteller's scene plan the page shows its place, time, weather and season, the
    companions beside the hero (in the page's action) and the props the text names; without
    one (older books, model-written stories) the setting comes from the prompt and theme.
    """
    plan = request.scene
    if plan is not None and plan.setting in SCENES:
        setting = plan.setting
    else:
        setting = choose_setting(request.scene_prompt, request.theme)
    scene = SCENES[setting]
    r_hero, r_back, r_props, r_front = _rngs(request)
    c = Canvas(request.width, request.height, _supersample(request.width, request.height))
    friends = bool(plan and plan.characters)
    at = place_hero(c, scene.ground, r_hero, plan.action if plan else None, friends)
    avoid = (at.x - 32 * at.scale, c.W if friends else at.x + 32 * at.scale)
    log.debug(
        "page %d: %s, %s, pose %s", request.page_index, setting, request.hero.kind, at.pose.name
    )
    drawn: list[str] = []

    def layer(step: int, paint: Callable[[], None]) -> None:
        cancel.check()
        paint()
        if progress is not None:
            progress(step, STEPS)

    def back() -> None:
        scene.back(c, r_back)
        if plan is not None:
            _sky_light(c, plan.time)

    def hero_and_cast() -> None:
        drawn.extend(_draw_props(c, request, at, r_props))
        draw_hero(c, request.hero, at)
        if plan is not None and (plan.season == "winter" or plan.setting == "snow"):
            _winter_clothes(c, request.hero, at)
        drawn.extend(_draw_cast(c, request, at, r_props))

    def front() -> None:
        if scene.front:
            scene.front(c, r_front)
        if plan is not None:
            _weather(c, plan.weather, r_front)

    layer(1, back)
    layer(2, lambda: scene.props(c, r_props, avoid))
    layer(3, hero_and_cast)
    layer(4, front)
    result: list[Image.Image] = []
    layer(5, lambda: result.append(c.finish()))
    return result[0], setting, drawn


def paint_page(
    request: PictureRequest, cancel: CancelToken, progress: StepCallback | None = None
) -> tuple[Image.Image, str]:
    """Paints one page and returns it with the setting it chose."""
    image, setting, _ = paint_scene(request, cancel, progress)
    return image, setting


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
