"""Settings far from home: space, sky, sea, underwater, town and the bedroom."""

from __future__ import annotations

import numpy as np
from PIL import ImageDraw

from .canvas import INK, RGB, Canvas, darker, lighter
from .land import hill, house, streetlamp, tree
from .scenes import Avoid, Scene, free_spots, register
from .sky import balloon, birds, cloud, crescent, planet, rainbow, rocket, sparkle, stars, sun
from .water import boat, bubble, coral, fish, seaweed, shell, starfish, waves

__all__: list[str] = []

FISH: tuple[RGB, ...] = (
    (255, 160, 60),
    (255, 220, 80),
    (240, 110, 150),
    (130, 200, 255),
    (170, 130, 230),
)


def _sky(c: Canvas, top: RGB, bottom: RGB, y1: float = 1.0) -> None:
    c.gradient([(0.0, top), (1.0, bottom)], (0, round(c.H * y1)))


def _side(rng: np.random.Generator) -> float:
    return 0.18 if rng.random() < 0.5 else 0.82


# ---- space ------------------------------------------------------------------------------
def _space_back(c: Canvas, rng: np.random.Generator) -> None:
    c.gradient([(0.0, (18, 20, 58)), (0.55, (52, 36, 104)), (1.0, (96, 62, 140))])
    stars(c, rng, 140, c.H * 0.78)
    side = _side(rng)
    planet(
        c,
        side * c.W,
        c.H * rng.uniform(0.16, 0.3),
        c.u * rng.uniform(0.09, 0.12),
        (245, 160, 90),
        True,
        rng,
    )
    planet(
        c,
        (1 - side) * c.W + rng.uniform(-0.05, 0.05) * c.W,
        c.H * rng.uniform(0.1, 0.2),
        c.u * 0.045,
        (110, 200, 160),
        False,
        rng,
    )
    hill(c, c.H * 0.76, c.H * 0.025, rng.uniform(0, 6), 1.4, (196, 190, 220))
    for _ in range(9):
        x, y = rng.uniform(0, c.W), rng.uniform(0.8, 0.98) * c.H
        r = c.u * rng.uniform(0.02, 0.05)
        c.ellipse(x, y, r, r * 0.4, (170, 162, 200), INK, c.lw * 0.8)
        c.ellipse(x, y + r * 0.08, r * 0.8, r * 0.26, (150, 142, 182), None)


def _space_props(c: Canvas, rng: np.random.Generator, avoid: Avoid) -> None:
    x = c.W * (0.25 if (avoid[0] + avoid[1]) / 2 > c.W / 2 else 0.75)
    rocket(
        c,
        x,
        c.H * rng.uniform(0.4, 0.52),
        c.u * 0.2,
        rng.uniform(0.3, 0.7) * (1 if x < c.W / 2 else -1),
    )
    x0, y0 = rng.uniform(0.1, 0.6) * c.W, rng.uniform(0.05, 0.15) * c.H
    c.line([(x0, y0), (x0 + c.u * 0.16, y0 + c.u * 0.06)], (255, 250, 210), c.lw * 1.5)
    c.star(x0 + c.u * 0.17, y0 + c.u * 0.065, c.u * 0.022, (255, 235, 120))


register(Scene("space", 0.9, _space_back, _space_props))


# ---- sky --------------------------------------------------------------------------------
def _sky_back(c: Canvas, rng: np.random.Generator) -> None:
    _sky(c, (96, 196, 255), (214, 242, 255))
    if rng.random() < 0.6:
        rainbow(c, rng.uniform(0.3, 0.7) * c.W, c.H * 0.75, c.u * 0.5)
    sun(c, _side(rng) * c.W, c.H * 0.14, c.u * 0.07, (120, 200, 255))
    for _ in range(3):
        cloud(
            c,
            rng.uniform(0, 1) * c.W,
            rng.uniform(0.25, 0.55) * c.H,
            c.u * 0.18,
            (240, 248, 255),
            c.lw * 0.7,
        )
    # the cloud floor the hero stands on
    n = 7
    for i in range(n + 1):
        x = c.W * i / n + rng.uniform(-0.03, 0.03) * c.W
        cloud(c, x, c.H * 1.03, c.W * 0.42, (255, 255, 255))
    c.gradient([(0.0, (255, 255, 255)), (1.0, (236, 246, 255))], (round(c.H * 0.93), c.H))


def _sky_props(c: Canvas, rng: np.random.Generator, avoid: Avoid) -> None:
    cols: list[tuple[RGB, RGB]] = [
        ((240, 90, 90), (255, 220, 90)),
        ((90, 170, 240), (255, 255, 255)),
        ((170, 120, 220), (255, 200, 230)),
    ]
    for i, x in enumerate(free_spots(c, rng, 2, avoid, 0.12)):
        balloon(
            c,
            x,
            c.H * rng.uniform(0.3, 0.45),
            c.u * (0.07 - 0.015 * i),
            cols[(i + int(rng.integers(3))) % 3],
        )
    birds(c, rng, 3, c.H * 0.1, c.H * 0.3)


register(Scene("sky", 0.9, _sky_back, _sky_props))


# ---- sea --------------------------------------------------------------------------------
def _sea_back(c: Canvas, rng: np.random.Generator) -> None:
    _sky(c, (120, 200, 250), (235, 248, 255), 0.55)
    sun(c, _side(rng) * c.W, c.H * 0.15, c.u * 0.08, (150, 210, 250))
    for _ in range(2):
        cloud(c, rng.uniform(0.1, 0.9) * c.W, rng.uniform(0.15, 0.35) * c.H, c.u * 0.2)
    waves(c, c.H * 0.5, c.H * 0.012, 9, (48, 140, 215), rng.uniform(0, 3))
    boat(c, rng.uniform(0.15, 0.85) * c.W, c.H * 0.56, c.u * 0.2, (220, 90, 80), (255, 255, 255))
    waves(c, c.H * 0.6, c.H * 0.015, 7, (70, 165, 230), rng.uniform(0, 3))
    waves(c, c.H * 0.7, c.H * 0.018, 5, (100, 190, 240), rng.uniform(0, 3))
    hill(c, c.H * 0.8, c.H * 0.03, rng.uniform(0, 6), 1.2, (248, 222, 160))


def _sea_props(c: Canvas, rng: np.random.Generator, avoid: Avoid) -> None:
    birds(c, rng, 3, c.H * 0.2, c.H * 0.4)
    for i, x in enumerate(free_spots(c, rng, 3, avoid)):
        y = c.H * rng.uniform(0.88, 0.96)
        if i % 2:
            starfish(c, x, y, c.u * 0.035)
        else:
            shell(c, x, y, c.u * 0.035, (255, 190, 200) if i else (255, 225, 170))


register(Scene("sea", 0.93, _sea_back, _sea_props))


# ---- underwater -------------------------------------------------------------------------
def _underwater_back(c: Canvas, rng: np.random.Generator) -> None:
    c.gradient([(0.0, (90, 215, 225)), (0.5, (40, 150, 190)), (1.0, (24, 86, 146))])

    def rays(d: ImageDraw.ImageDraw) -> None:
        for _ in range(5):
            x = rng.uniform(0, 1) * c.W
            w = c.W * rng.uniform(0.03, 0.07)
            d.polygon(
                [
                    (x, 0),
                    (x + w, 0),
                    (x + w * 3 - c.W * 0.15, c.H),
                    (x + w * 1.5 - c.W * 0.15, c.H),
                ],
                fill=255,
            )

    c.tint((220, 250, 255), 0.18, rays)
    for _ in range(6):
        x = rng.uniform(0, 1) * c.W
        seaweed(c, x, c.H * 0.85, c.H * rng.uniform(0.2, 0.4), (40, 120, 140), rng.uniform(0, 6))
    hill(c, c.H * 0.84, c.H * 0.025, rng.uniform(0, 6), 2.0, (236, 212, 150))


def _underwater_props(c: Canvas, rng: np.random.Generator, avoid: Avoid) -> None:
    spots = free_spots(c, rng, 4, avoid)
    for i, x in enumerate(spots):
        if i % 2 == 0:
            coral(
                c,
                x,
                c.H * 0.9,
                c.H * rng.uniform(0.12, 0.2),
                ((250, 120, 150), (255, 160, 90))[i // 2 % 2],
            )
        else:
            seaweed(
                c, x, c.H * 0.9, c.H * rng.uniform(0.25, 0.35), (70, 190, 110), rng.uniform(0, 6)
            )
    for _ in range(int(rng.integers(4, 7))):
        fish(
            c,
            rng.uniform(0.08, 0.92) * c.W,
            rng.uniform(0.1, 0.6) * c.H,
            c.u * rng.uniform(0.1, 0.15),
            FISH[int(rng.integers(len(FISH)))],
            rng.random() < 0.5,
        )
    starfish(c, rng.uniform(0.05, 0.95) * c.W, c.H * 0.95, c.u * 0.035)


def _underwater_front(c: Canvas, rng: np.random.Generator) -> None:
    for _ in range(14):
        bubble(
            c, rng.uniform(0, 1) * c.W, rng.uniform(0.05, 0.8) * c.H, c.u * rng.uniform(0.008, 0.02)
        )


register(Scene("underwater", 0.94, _underwater_back, _underwater_props, _underwater_front))


# ---- town -------------------------------------------------------------------------------
HOUSES: tuple[tuple[RGB, RGB], ...] = (
    ((255, 200, 140), (220, 90, 80)),
    ((170, 220, 250), (80, 110, 190)),
    ((255, 235, 150), (120, 170, 90)),
    ((250, 190, 210), (150, 90, 170)),
    ((220, 240, 200), (230, 130, 60)),
)


def _town_back(c: Canvas, rng: np.random.Generator) -> None:
    _sky(c, (130, 200, 255), (220, 242, 255), 0.75)
    sun(c, _side(rng) * c.W, c.H * 0.12, c.u * 0.07, (140, 205, 255))
    cloud(c, rng.uniform(0.2, 0.8) * c.W, c.H * 0.22, c.u * 0.22)
    c.rrect(-10, c.H * 0.7, c.W + 10, c.H + 10, 0, (150, 205, 120), None)
    n = max(3, round(c.W / c.H * 4))
    start = int(rng.integers(len(HOUSES)))
    for i in range(n):
        x = c.W * (i + 0.5) / n + rng.uniform(-0.02, 0.02) * c.W
        wall, roof = HOUSES[(start + i) % len(HOUSES)]
        house(c, x, c.H * 0.72, c.W / n * rng.uniform(0.6, 0.75), wall, roof)
    c.rrect(-10, c.H * 0.72, c.W + 10, c.H * 0.8, 0, (215, 210, 215))
    c.rrect(-10, c.H * 0.8, c.W + 10, c.H + 10, 0, (125, 130, 150))
    for i in range(8):
        x = c.W * (i + 0.25) / 8
        c.rrect(x, c.H * 0.895, x + c.W / 16, c.H * 0.905, 3, (255, 255, 255), None)


def _town_props(c: Canvas, rng: np.random.Generator, avoid: Avoid) -> None:
    for i, x in enumerate(free_spots(c, rng, 2, avoid, 0.08)):
        if i == 0:
            streetlamp(c, x, c.H * 0.77, c.H * 0.3)
        else:
            tree(c, x, c.H * 0.76, c.H * 0.3, (90, 170, 80), (240, 90, 80))
    birds(c, rng, 2, c.H * 0.28, c.H * 0.4)


register(Scene("town", 0.94, _town_back, _town_props))


# ---- bedroom ----------------------------------------------------------------------------
def _bedroom_back(c: Canvas, rng: np.random.Generator) -> None:
    c.gradient([(0.0, (255, 214, 190)), (1.0, (255, 236, 210))], (0, round(c.H * 0.7)))
    step = c.u * 0.09
    for j, y in enumerate(np.arange(step / 2, c.H * 0.68, step)):
        for x in np.arange(step / 2 + (step / 2 if j % 2 else 0), c.W, step):
            c.star(x, y, c.u * 0.012, (255, 196, 170), None)
    side = _side(rng)
    wx, ww, wh = side * c.W, c.u * 0.32, c.u * 0.26
    c.rrect(wx - ww / 2, c.H * 0.12, wx + ww / 2, c.H * 0.12 + wh, c.u * 0.02, (40, 50, 110))
    crescent(c, wx + ww * 0.2, c.H * 0.12 + wh * 0.35, wh * 0.18)
    for _ in range(5):
        sparkle(
            c,
            wx + rng.uniform(-0.4, 0.1) * ww,
            c.H * 0.12 + rng.uniform(0.15, 0.85) * wh,
            c.u * 0.012,
        )
    c.line([(wx, c.H * 0.12), (wx, c.H * 0.12 + wh)], (255, 255, 255), c.lw * 2.5)
    for k in (-1, 1):  # curtains drawn back to each side
        cx = wx + k * ww * 0.52
        top, bot = c.H * 0.1, c.H * 0.13 + wh
        c.poly(
            [
                (cx - ww * 0.11, top),
                (cx + ww * 0.11, top),
                (cx + ww * 0.04 * k + ww * 0.09, bot),
                (cx + ww * 0.04 * k - ww * 0.09, bot),
            ],
            (120, 170, 230),
        )
        c.line([(cx, top), (cx + ww * 0.04 * k, bot)], darker((120, 170, 230), 0.15), c.lw)
    c.rrect(wx - ww * 0.8, c.H * 0.08, wx + ww * 0.8, c.H * 0.1, 4, (170, 110, 80))
    # floor with planks and a round rug
    c.rrect(-10, c.H * 0.7, c.W + 10, c.H + 10, 0, (214, 150, 98))
    for k in range(1, 6):
        y = c.H * (0.7 + k * 0.06)
        c.line([(0, y), (c.W, y)], darker((214, 150, 98), 0.15), c.lw)
    c.ellipse(c.W * 0.5, c.H * 0.9, c.W * 0.36, c.H * 0.07, (150, 200, 240))
    c.ellipse(c.W * 0.5, c.H * 0.9, c.W * 0.28, c.H * 0.05, (255, 240, 170), INK, c.lw * 0.6)


def _bed(c: Canvas, x: float, y: float, w: float, blanket: RGB) -> None:
    h = w * 0.5
    c.rrect(x - w / 2, y - h * 1.3, x - w / 2 + w * 0.08, y, w * 0.03, (180, 120, 85))
    c.rrect(x - w / 2, y - h * 0.55, x + w / 2, y - h * 0.2, w * 0.03, (255, 255, 255))
    c.rrect(x - w * 0.42, y - h * 0.85, x - w * 0.14, y - h * 0.5, w * 0.06, (255, 255, 255))
    c.rrect(x - w * 0.2, y - h * 0.72, x + w / 2, y - h * 0.15, w * 0.06, blanket)
    for k in range(3):
        c.circle(x + w * (0.0 + 0.14 * k), y - h * 0.45, w * 0.03, lighter(blanket, 0.5), None)
    c.rrect(x + w / 2 - w * 0.06, y - h * 0.9, x + w / 2, y, w * 0.03, (180, 120, 85))


def _bedroom_props(c: Canvas, rng: np.random.Generator, avoid: Avoid) -> None:
    left = (avoid[0] + avoid[1]) / 2 > c.W / 2
    w = min(c.W * 0.42, c.u * 0.55)
    _bed(c, w * 0.55 if left else c.W - w * 0.55, c.H * 0.8, w, (120, 180, 240))
    for i, x in enumerate(free_spots(c, rng, 3, avoid)):
        y = c.H * rng.uniform(0.84, 0.95)
        s = c.u * 0.05
        if i == 0:
            for k, col in enumerate(((240, 90, 90), (90, 160, 235), (255, 210, 80))):
                c.rrect(
                    x - s / 2 + (k % 2) * s * 0.5,
                    y - s * (k + 1),
                    x + s / 2 + (k % 2) * s * 0.5,
                    y - s * k,
                    s * 0.12,
                    col,
                )
        elif i == 1:
            c.circle(x, y - s * 0.7, s * 0.7, (255, 120, 100))
            c.arc(x, y - s * 0.7, s * 0.7, s * 0.25, 0, 180, (255, 240, 200), c.lw * 1.5)
        else:
            c.circle(x, y - s * 1.6, s * 0.55, (190, 135, 90))
            for k in (-1, 1):
                c.circle(x + k * s * 0.45, y - s * 2.05, s * 0.2, (190, 135, 90))
            c.ellipse(x, y - s * 0.55, s * 0.6, s * 0.62, (190, 135, 90))
            c.circle(x - s * 0.18, y - s * 1.65, s * 0.06, INK, None)
            c.circle(x + s * 0.18, y - s * 1.65, s * 0.06, INK, None)
            c.ellipse(x, y - s * 1.45, s * 0.16, s * 0.12, (240, 210, 170), None)


register(Scene("bedroom", 0.93, _bedroom_back, _bedroom_props))
