"""Things above the horizon: sun, moon, stars, clouds, rainbows, planets, rockets, birds."""

from __future__ import annotations

import math

import numpy as np
from PIL import ImageDraw

from .canvas import INK, RGB, Canvas, darker, lighter

__all__ = [
    "balloon",
    "birds",
    "cloud",
    "crescent",
    "planet",
    "rainbow",
    "rocket",
    "snowflake",
    "sparkle",
    "stars",
    "sun",
]

WHITE: RGB = (255, 255, 255)
SUN: RGB = (255, 214, 74)


def sun(c: Canvas, x: float, y: float, r: float, sky: RGB, face: bool = True) -> None:
    def glow(d: ImageDraw.ImageDraw) -> None:
        for k in range(6, 0, -1):
            rr = r * (1 + 0.22 * k)
            d.ellipse((x - rr, y - rr, x + rr, y + rr), fill=round(255 * (1 - k / 7) * 0.5))

    c.tint(lighter(SUN, 0.5), 0.8, glow)
    for i in range(12):
        a = i * math.pi / 6 + 0.2
        p0 = (x + math.cos(a) * r * 1.25, y + math.sin(a) * r * 1.25)
        p1 = (x + math.cos(a) * r * 1.6, y + math.sin(a) * r * 1.6)
        c.capsule([p0, p1], r * 0.07, (255, 190, 60))
    c.circle(x, y, r, SUN)
    if face:
        c.circle(x - r * 0.33, y - r * 0.1, r * 0.09, INK, None)
        c.circle(x + r * 0.33, y - r * 0.1, r * 0.09, INK, None)
        c.ellipse(x - r * 0.55, y + r * 0.2, r * 0.16, r * 0.1, (255, 150, 120), None)
        c.ellipse(x + r * 0.55, y + r * 0.2, r * 0.16, r * 0.1, (255, 150, 120), None)
        c.arc(x, y + r * 0.05, r * 0.32, r * 0.3, 20, 160, INK, r * 0.07)


def crescent(c: Canvas, x: float, y: float, r: float, colour: RGB = (255, 236, 150)) -> None:
    """A crescent moon drawn as one polygon, so it sits cleanly on any gradient sky."""
    d, ri = r * 0.55, r * 0.9
    ts = np.linspace(-math.pi, math.pi, 120)
    outer = [(x + r * math.cos(math.pi + t), y + r * math.sin(math.pi + t)) for t in ts]
    outer = [(px, py) for px, py in outer if (px - x - d) ** 2 + (py - y + d * 0.3) ** 2 > ri * ri]
    inner = [
        (x + d + ri * math.cos(math.pi + t), y - d * 0.3 + ri * math.sin(math.pi + t)) for t in ts
    ]
    inner = [(px, py) for px, py in inner if (px - x) ** 2 + (py - y) ** 2 < r * r]
    if len(outer) > 2 and len(inner) > 2:
        c.poly(outer + inner[::-1], colour)
        c.circle(x - r * 0.45, y - r * 0.05, r * 0.08, INK, None)
        c.arc(x - r * 0.5, y + r * 0.2, r * 0.14, r * 0.1, 20, 160, INK, r * 0.05)


def sparkle(c: Canvas, x: float, y: float, r: float, colour: RGB = (255, 240, 160)) -> None:
    c.star(x, y, r, colour, None, points=4, inner=0.28)


def stars(c: Canvas, rng: np.random.Generator, n: int, y1: float, big: bool = True) -> None:
    for _ in range(n):
        x, y = rng.uniform(0, c.W), rng.uniform(0, y1)
        r = c.u * rng.uniform(0.002, 0.005)
        c.circle(x, y, r, (255, 250, 220), None)
    if big:
        for _ in range(max(1, n // 8)):
            x, y = rng.uniform(0.03, 0.97) * c.W, rng.uniform(0.03, 0.9) * y1
            r = c.u * rng.uniform(0.014, 0.026)
            if rng.random() < 0.5:
                c.star(x, y, r, (255, 226, 110), INK, c.lw * 0.7, turn=rng.uniform(-0.3, 0.3))
            else:
                sparkle(c, x, y, r * 1.2)


def cloud(
    c: Canvas, x: float, y: float, w: float, colour: RGB = WHITE, lw: float | None = None
) -> None:
    """A fluffy cloud ``w`` wide, centred on x with its flat-ish bottom at y."""
    h = w * 0.16
    circles = [
        (x - w * 0.32, y - h * 0.8, h * 1.0),
        (x - w * 0.12, y - h * 1.5, h * 1.5),
        (x + w * 0.14, y - h * 1.3, h * 1.3),
        (x + w * 0.34, y - h * 0.8, h * 0.95),
        (x, y - h * 0.7, h * 1.1),
    ]
    c.blob(circles, colour, INK, lw)
    c.ellipse(x - w * 0.16, y - h * 1.9, h * 0.45, h * 0.28, lighter(colour, 0.6), None)


def rainbow(c: Canvas, x: float, y: float, r: float) -> None:
    bands = [
        (240, 90, 90),
        (255, 165, 70),
        (255, 225, 90),
        (120, 205, 110),
        (90, 160, 235),
        (160, 120, 220),
    ]
    bw = r * 0.07
    for i, col in enumerate(bands):
        rr = r - i * bw
        c.arc(x, y, rr, rr, 180, 360, col, bw + 1)


def planet(
    c: Canvas, x: float, y: float, r: float, colour: RGB, ring: bool, rng: np.random.Generator
) -> None:
    ring_col = lighter(colour, 0.45)
    if ring:
        c.arc(x, y, r * 1.8, r * 0.45, 180, 360, INK, r * 0.16 + 2 * c.lw)
        c.arc(x, y, r * 1.8, r * 0.45, 180, 360, ring_col, r * 0.16)
    c.circle(x, y, r, colour)
    for _ in range(3):
        a, rr = rng.uniform(0, 2 * math.pi), r * rng.uniform(0.1, 0.2)
        d = r * rng.uniform(0.2, 0.55)
        c.circle(x + d * math.cos(a), y + d * math.sin(a), rr, darker(colour, 0.12), None)
    c.ellipse(x - r * 0.4, y - r * 0.45, r * 0.22, r * 0.13, lighter(colour, 0.5), None)
    if ring:
        c.arc(x, y, r * 1.8, r * 0.45, 0, 180, INK, r * 0.16 + 2 * c.lw)
        c.arc(x, y, r * 1.8, r * 0.45, 0, 180, ring_col, r * 0.16)


def rocket(c: Canvas, x: float, y: float, h: float, tilt: float = 0.5) -> None:
    """A little rocket flying up and to the side; ``tilt`` in radians from vertical."""
    ca, sa = math.cos(tilt), math.sin(tilt)

    def p(u: float, v: float) -> tuple[float, float]:  # u across, v along (up is negative)
        return (x + u * h * ca - v * h * sa, y + u * h * sa + v * h * ca)

    c.poly([p(-0.05, 0.5), p(0.0, 0.9), p(0.05, 0.5)], (255, 170, 60), None)
    c.poly([p(-0.1, 0.25), p(-0.26, 0.52), p(-0.08, 0.45)], (235, 80, 80))
    c.poly([p(0.1, 0.25), p(0.26, 0.52), p(0.08, 0.45)], (235, 80, 80))
    body = [
        p(0.16 * math.sin(t) * (1.2 - 0.35 * math.cos(t)), -0.5 * math.cos(t))
        for t in np.linspace(0, 2 * math.pi, 40)
    ]
    c.poly(body, (245, 245, 250))
    c.poly([p(-0.105, -0.3), p(0.0, -0.5), p(0.105, -0.3)], (235, 80, 80))
    cx, cy = p(0, -0.05)
    c.circle(cx, cy, h * 0.08, (120, 200, 250))


def birds(c: Canvas, rng: np.random.Generator, n: int, y0: float, y1: float) -> None:
    for _ in range(n):
        x, y = rng.uniform(0.05, 0.95) * c.W, rng.uniform(y0, y1)
        s = c.u * rng.uniform(0.018, 0.03)
        c.arc(x - s, y, s, s * 0.7, 200, 340, INK, c.lw * 1.2)
        c.arc(x + s, y, s, s * 0.7, 200, 340, INK, c.lw * 1.2)


def balloon(c: Canvas, x: float, y: float, r: float, colours: tuple[RGB, RGB]) -> None:
    """A hot-air balloon whose envelope's centre is at x, y."""
    by = y + r * 1.55
    for dx in (-0.35, 0.35):
        c.line([(x + dx * r * 1.4, y + r * 0.75), (x + dx * r * 0.5, by)], INK, c.lw)
    c.rrect(x - r * 0.28, by - r * 0.05, x + r * 0.28, by + r * 0.32, r * 0.06, (190, 130, 80))
    pts = [
        (
            x + r * math.sin(t) * (1 - 0.25 * max(0.0, math.cos(t + math.pi))),
            y - r * math.cos(t) * 1.05,
        )
        for t in np.linspace(0, 2 * math.pi, 48)
    ]
    pts = [(px, min(py, y + r * 0.9)) for px, py in pts]
    c.poly(pts, colours[0])
    for k in (-0.5, 0.5):
        c.ellipse(x + k * r * 0.55, y - r * 0.05, r * 0.16, r * 0.92, colours[1], None)
    c.poly(pts, None)


def snowflake(c: Canvas, x: float, y: float, r: float) -> None:
    for i in range(3):
        a = i * math.pi / 3
        dx, dy = math.cos(a) * r, math.sin(a) * r
        c.line([(x - dx, y - dy), (x + dx, y + dy)], WHITE, max(1.0, r * 0.22))
    c.circle(x, y, r * 0.28, WHITE, None)
