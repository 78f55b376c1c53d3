"""Settings close to nature: meadow, forest, jungle, castle, snow and mountain."""

from __future__ import annotations

import math

import numpy as np

from .canvas import INK, RGB, Canvas, lighter
from .land import (
    bush,
    castle,
    fence,
    flower,
    grass,
    hill,
    jungle_leaf,
    mountain,
    mushroom,
    palm,
    pine,
    snowman,
    tree,
)
from .scenes import Avoid, Scene, free_spots, register
from .sky import birds, cloud, snowflake, sparkle, sun

__all__: list[str] = []

PETALS: tuple[RGB, ...] = (
    (255, 120, 150),
    (255, 255, 255),
    (180, 140, 255),
    (255, 170, 80),
    (120, 180, 255),
)


def _side(rng: np.random.Generator) -> float:
    return 0.16 if rng.random() < 0.5 else 0.84


def _path(c: Canvas, top: float, colour: RGB, bend: float) -> None:
    """A path winding from the bottom of the page up to the horizon."""
    ys = np.linspace(top, c.H * 1.02, 24)
    t = (ys - top) / (c.H - top)
    xs = c.W * (0.5 + bend * np.sin(t * math.pi * 1.3))
    half = c.W * (0.01 + 0.16 * t)
    left = list(zip((xs - half).tolist(), ys.tolist(), strict=True))
    right = list(zip((xs + half).tolist(), ys.tolist(), strict=True))
    c.poly(left + right[::-1], colour, INK, c.lw * 0.8)


def _butterfly(c: Canvas, x: float, y: float, s: float, colour: RGB) -> None:
    for k in (-1, 1):
        c.ellipse(x + k * s * 0.45, y - s * 0.25, s * 0.45, s * 0.38, colour, INK, c.lw * 0.7)
        c.ellipse(
            x + k * s * 0.35, y + s * 0.3, s * 0.3, s * 0.26, lighter(colour, 0.3), INK, c.lw * 0.7
        )
    c.capsule([(x, y - s * 0.45), (x, y + s * 0.5)], s * 0.08, INK, None)


# ---- meadow -----------------------------------------------------------------------------
def _meadow_back(c: Canvas, rng: np.random.Generator) -> None:
    c.gradient([(0.0, (100, 190, 255)), (1.0, (215, 242, 255))])
    sun(c, _side(rng) * c.W, c.H * 0.14, c.u * 0.085, (120, 200, 255))
    for _ in range(int(rng.integers(2, 4))):
        cloud(c, rng.uniform(0.1, 0.9) * c.W, rng.uniform(0.15, 0.35) * c.H, c.u * 0.2)
    hill(c, c.H * 0.62, c.H * 0.05, rng.uniform(0, 6), 1.5, (170, 225, 120))
    hill(c, c.H * 0.74, c.H * 0.04, rng.uniform(0, 6), 1.1, (120, 200, 85))
    grass(c, rng, 30, c.H * 0.78, c.H, (80, 160, 70))


def _meadow_props(c: Canvas, rng: np.random.Generator, avoid: Avoid) -> None:
    spots = free_spots(c, rng, 2, avoid, 0.1)
    if spots:
        tree(c, spots[0], c.H * 0.74, c.H * 0.36, (90, 180, 80), (240, 80, 80))
    if len(spots) > 1:
        fence(
            c, spots[1] - c.W * 0.12, spots[1] + c.W * 0.12, c.H * 0.78, c.H * 0.08, (250, 240, 225)
        )
    for x in free_spots(c, rng, 7, avoid, 0.03):
        flower(
            c,
            x,
            c.H * rng.uniform(0.8, 0.93),
            c.u * rng.uniform(0.018, 0.028),
            PETALS[int(rng.integers(len(PETALS)))],
        )
    for _ in range(2):
        _butterfly(
            c,
            rng.uniform(0.1, 0.9) * c.W,
            rng.uniform(0.35, 0.6) * c.H,
            c.u * 0.035,
            PETALS[int(rng.integers(len(PETALS)))],
        )


register(Scene("meadow", 0.9, _meadow_back, _meadow_props))


# ---- forest -----------------------------------------------------------------------------
def _forest_back(c: Canvas, rng: np.random.Generator) -> None:
    c.gradient([(0.0, (190, 232, 214)), (1.0, (246, 244, 206))])
    sun(c, _side(rng) * c.W, c.H * 0.1, c.u * 0.06, (200, 235, 215), face=False)
    n = max(4, round(7 * c.W / c.H))
    for i in range(n):  # a hazy far row, then a nearer row of pines and round trees
        x = c.W * (i + rng.uniform(0.2, 0.8)) / n
        pine(c, x, c.H * 0.7, c.H * rng.uniform(0.3, 0.4), (150, 196, 160))
    hill(c, c.H * 0.7, c.H * 0.012, rng.uniform(0, 6), 2.0, (126, 180, 96))
    n = max(3, round(5 * c.W / c.H))
    for i in range(n):
        x = c.W * (i + rng.uniform(0.15, 0.85)) / n
        if (i + int(rng.integers(2))) % 2:
            pine(c, x, c.H * 0.74, c.H * rng.uniform(0.38, 0.48), (60, 135, 90))
        else:
            tree(c, x, c.H * 0.74, c.H * rng.uniform(0.34, 0.42), (80, 160, 85))
    hill(c, c.H * 0.75, c.H * 0.015, rng.uniform(0, 6), 1.5, (104, 160, 78))
    _path(c, c.H * 0.73, (222, 190, 140), rng.uniform(-0.12, 0.12))


def _forest_props(c: Canvas, rng: np.random.Generator, avoid: Avoid) -> None:
    for i, x in enumerate(free_spots(c, rng, 5, avoid)):
        y = c.H * rng.uniform(0.8, 0.95)
        if i < 2:
            bush(c, x, y, c.u * 0.12, (70, 150, 80))
        else:
            mushroom(c, x, y, c.u * 0.035)
    birds(c, rng, 2, c.H * 0.08, c.H * 0.2)


register(Scene("forest", 0.92, _forest_back, _forest_props))


# ---- jungle -----------------------------------------------------------------------------
def _jungle_back(c: Canvas, rng: np.random.Generator) -> None:
    c.gradient([(0.0, (255, 236, 160)), (1.0, (190, 230, 150))])
    for _ in range(4):
        palm(
            c,
            rng.uniform(0, 1) * c.W,
            c.H * 0.75,
            c.H * rng.uniform(0.4, 0.55),
            rng.uniform(-0.25, 0.25),
        )
    hill(c, c.H * 0.76, c.H * 0.02, rng.uniform(0, 6), 2.5, (60, 140, 60))
    for _ in range(10):
        x = rng.uniform(0, 1) * c.W
        jungle_leaf(
            c,
            x,
            c.H * 0.8,
            c.u * rng.uniform(0.1, 0.16),
            -math.pi / 2 + rng.uniform(-0.9, 0.9),
            (50, 160, 70),
        )


def _hibiscus(c: Canvas, x: float, y: float, r: float) -> None:
    for i in range(5):
        a = i * 2 * math.pi / 5
        c.circle(
            x + math.cos(a) * r * 0.6,
            y + math.sin(a) * r * 0.6,
            r * 0.55,
            (240, 70, 90),
            INK,
            c.lw * 0.7,
        )
    c.circle(x, y, r * 0.25, (255, 220, 80), None)


def _jungle_props(c: Canvas, rng: np.random.Generator, avoid: Avoid) -> None:
    for i in range(int(rng.integers(3, 6))):  # vines from the top
        x = rng.uniform(0.03, 0.97) * c.W
        length = c.H * rng.uniform(0.15, 0.4)
        pts = [(x + c.u * 0.015 * math.sin(t * 9 + i), length * t) for t in np.linspace(0, 1, 10)]
        c.capsule(pts, c.u * 0.006, (70, 130, 50))
        for px, py in pts[2::2]:
            jungle_leaf(c, px, py, c.u * 0.04, 0.4 if i % 2 else math.pi - 0.4, (90, 180, 80))
    for x in free_spots(c, rng, 4, avoid):
        _hibiscus(c, x, c.H * rng.uniform(0.82, 0.92), c.u * 0.03)


def _jungle_front(c: Canvas, rng: np.random.Generator) -> None:
    for side in (0, 1):
        x0 = c.W * side
        for _ in range(3):
            a = -math.pi / 2 + rng.uniform(0.2, 0.9) * (1 if side == 0 else -1)
            jungle_leaf(
                c,
                x0,
                c.H * rng.uniform(0.95, 1.05),
                c.u * rng.uniform(0.2, 0.3),
                a,
                (40, 150, 70) if side else (60, 170, 80),
            )


register(Scene("jungle", 0.92, _jungle_back, _jungle_props, _jungle_front))


# ---- castle -----------------------------------------------------------------------------
def _castle_back(c: Canvas, rng: np.random.Generator) -> None:
    c.gradient([(0.0, (246, 190, 222)), (1.0, (222, 210, 252))])
    for _ in range(10):
        sparkle(
            c,
            rng.uniform(0, 1) * c.W,
            rng.uniform(0.02, 0.35) * c.H,
            c.u * rng.uniform(0.01, 0.02),
            (255, 250, 220),
        )
    for _ in range(2):
        cloud(
            c, rng.uniform(0.1, 0.9) * c.W, rng.uniform(0.15, 0.3) * c.H, c.u * 0.2, (255, 240, 250)
        )
    cx = rng.uniform(0.35, 0.65) * c.W
    hill(c, c.H * 0.62, c.H * 0.05, math.pi / 2 - cx / c.W * math.pi, 1.0, (160, 210, 140))
    castle(
        c,
        cx,
        c.H * 0.6,
        min(c.W * 0.55, c.u * 0.5),
        (214, 206, 236),
        (130, 100, 200),
        (255, 110, 140),
    )
    hill(c, c.H * 0.76, c.H * 0.03, rng.uniform(0, 6), 1.3, (130, 200, 110))
    _path(c, c.H * 0.6, (246, 222, 170), 0.0)


def _castle_props(c: Canvas, rng: np.random.Generator, avoid: Avoid) -> None:
    for i, x in enumerate(free_spots(c, rng, 6, avoid, 0.04)):
        if i < 2:
            bush(c, x, c.H * rng.uniform(0.8, 0.86), c.u * 0.1, (90, 170, 100))
        else:
            flower(
                c,
                x,
                c.H * rng.uniform(0.84, 0.93),
                c.u * 0.022,
                ((255, 130, 170), (255, 255, 255), (190, 150, 255))[i % 3],
            )


register(Scene("castle", 0.92, _castle_back, _castle_props))


# ---- snow -------------------------------------------------------------------------------
def _snow_back(c: Canvas, rng: np.random.Generator) -> None:
    c.gradient([(0.0, (160, 188, 228)), (1.0, (226, 236, 250))])
    hill(c, c.H * 0.6, c.H * 0.05, rng.uniform(0, 6), 1.4, (222, 232, 248))
    for _ in range(6):
        pine(
            c,
            rng.uniform(0, 1) * c.W,
            c.H * 0.66,
            c.H * rng.uniform(0.18, 0.26),
            (70, 130, 110),
            snow=True,
        )
    hill(c, c.H * 0.76, c.H * 0.03, rng.uniform(0, 6), 1.2, (248, 251, 255))


def _snow_props(c: Canvas, rng: np.random.Generator, avoid: Avoid) -> None:
    spots = free_spots(c, rng, 3, avoid, 0.1)
    for i, x in enumerate(spots):
        if i == 0:
            snowman(c, x, c.H * 0.86, c.H * 0.3, (230, 70, 80))
        else:
            pine(c, x, c.H * 0.8, c.H * 0.35, (60, 130, 100), snow=True)


def _snow_front(c: Canvas, rng: np.random.Generator) -> None:
    for _ in range(40):
        snowflake(
            c, rng.uniform(0, 1) * c.W, rng.uniform(0, 0.95) * c.H, c.u * rng.uniform(0.006, 0.016)
        )


register(Scene("snow", 0.93, _snow_back, _snow_props, _snow_front))


# ---- mountain ---------------------------------------------------------------------------
def _mountain_back(c: Canvas, rng: np.random.Generator) -> None:
    c.gradient([(0.0, (140, 196, 240)), (0.6, (255, 214, 170)), (1.0, (255, 196, 150))])
    sun(c, _side(rng) * c.W, c.H * 0.3, c.u * 0.08, (255, 214, 170), face=False)
    for k, col in enumerate(((168, 156, 214), (112, 138, 206))):
        n = 3 + k
        for i in range(n):
            x = c.W * (i + rng.uniform(0.2, 0.8)) / n
            mountain(
                c,
                x,
                c.H * (0.62 + 0.06 * k),
                c.W * rng.uniform(0.45, 0.7),
                c.H * rng.uniform(0.3, 0.45) * (1 - 0.2 * k),
                col,
            )
    hill(c, c.H * 0.76, c.H * 0.04, rng.uniform(0, 6), 1.0, (130, 176, 92))
    birds(c, rng, 3, c.H * 0.1, c.H * 0.25)


def _mountain_props(c: Canvas, rng: np.random.Generator, avoid: Avoid) -> None:
    for i, x in enumerate(free_spots(c, rng, 4, avoid)):
        y = c.H * rng.uniform(0.82, 0.95)
        if i < 2:
            pine(c, x, y, c.H * 0.28, (60, 125, 90))
        else:
            r = c.u * 0.05
            c.blob(
                [(x - r * 0.6, y - r * 0.5, r * 0.7), (x + r * 0.3, y - r * 0.7, r)],
                (170, 165, 175),
            )
            c.ellipse(x, y - r * 0.95, r * 0.35, r * 0.15, lighter((170, 165, 175), 0.4), None)


register(Scene("mountain", 0.92, _mountain_back, _mountain_props))


# ---- desert -------------------------------------------------------------------------------
def _cactus(c: Canvas, x: float, y: float, h: float) -> None:
    green = (110, 175, 100)
    w = h * 0.16
    c.capsule([(x, y), (x, y - h)], w, green)
    for k, at in ((-1, 0.45), (1, 0.6)):
        ax, ay = x + k * w * 2.2, y - h * at
        c.capsule([(x, ay + w), (ax, ay + w), (ax, ay - h * 0.25)], w * 0.7, green)
    c.circle(x, y - h - w * 0.6, w * 0.5, (255, 140, 170), None)


def _desert_back(c: Canvas, rng: np.random.Generator) -> None:
    c.gradient([(0.0, (120, 190, 245)), (0.55, (255, 230, 170)), (1.0, (255, 214, 150))])
    sun(c, _side(rng) * c.W, c.H * 0.2, c.u * 0.09, (255, 230, 170))
    for k, col in enumerate(((240, 196, 120), (232, 180, 100))):
        hill(c, c.H * (0.66 + 0.08 * k), c.H * 0.05, rng.uniform(0, 6), 0.8 + k * 0.4, col)
    hill(c, c.H * 0.82, c.H * 0.03, rng.uniform(0, 6), 1.2, (245, 206, 130))
    birds(c, rng, 2, c.H * 0.1, c.H * 0.25)


def _desert_props(c: Canvas, rng: np.random.Generator, avoid: Avoid) -> None:
    for i, x in enumerate(free_spots(c, rng, 4, avoid)):
        y = c.H * rng.uniform(0.86, 0.95)
        if i < 3:
            _cactus(c, x, y, c.H * rng.uniform(0.12, 0.2))
        else:
            r = c.u * 0.035
            c.ellipse(x, y - r * 0.5, r * 1.4, r * 0.6, (200, 170, 130))


register(Scene("desert", 0.92, _desert_back, _desert_props))
