"""Things on the ground: hills, trees, flowers, houses, a castle, mountains, a snowman."""

from __future__ import annotations

import math

import numpy as np

from .canvas import INK, RGB, Canvas, darker, lighter

__all__ = [
    "bush",
    "castle",
    "fence",
    "flower",
    "grass",
    "hill",
    "house",
    "jungle_leaf",
    "mountain",
    "mushroom",
    "palm",
    "pine",
    "snowman",
    "streetlamp",
    "tree",
]

TRUNK: RGB = (150, 98, 64)


def hill(
    c: Canvas,
    base: float,
    amp: float,
    phase: float,
    waves: float,
    colour: RGB,
    outline: bool = True,
) -> list[tuple[float, float]]:
    """A rolling band of land from y≈base down to the bottom; returns its top edge."""
    xs = np.linspace(-c.W * 0.02, c.W * 1.02, 64)
    ys = base - amp * np.sin(xs / c.W * math.pi * waves + phase)
    top = list(zip(xs.tolist(), ys.tolist(), strict=True))
    c.poly([*top, (c.W * 1.02, c.H + 10), (-c.W * 0.02, c.H + 10)], colour, None)
    if outline:
        c.line(top, INK, c.lw)
    return top


def grass(c: Canvas, rng: np.random.Generator, n: int, y0: float, y1: float, colour: RGB) -> None:
    for _ in range(n):
        x, y = rng.uniform(0, c.W), rng.uniform(y0, y1)
        s = c.u * rng.uniform(0.012, 0.022)
        for dx in (-0.5, 0.0, 0.5):
            c.line([(x + dx * s * 0.5, y), (x + dx * s, y - s * (1.2 - abs(dx)))], colour, c.lw)


def tree(c: Canvas, x: float, y: float, h: float, green: RGB, fruit: RGB | None = None) -> None:
    c.rrect(x - h * 0.07, y - h * 0.5, x + h * 0.07, y + h * 0.02, h * 0.03, TRUNK)
    r = h * 0.26
    blobs = [
        (x, y - h * 0.72, r),
        (x - r * 0.8, y - h * 0.55, r * 0.8),
        (x + r * 0.8, y - h * 0.55, r * 0.8),
        (x - r * 0.45, y - h * 0.86, r * 0.7),
        (x + r * 0.5, y - h * 0.82, r * 0.75),
    ]
    c.blob(blobs, green)
    c.ellipse(x - r * 0.5, y - h * 0.86, r * 0.35, r * 0.22, lighter(green, 0.25), None)
    if fruit:
        for dx, dy in ((-0.6, -0.55), (0.5, -0.65), (0.05, -0.78), (0.8, -0.5)):
            c.circle(x + dx * r, y + dy * h, r * 0.12, fruit, INK, c.lw * 0.7)


def pine(c: Canvas, x: float, y: float, h: float, green: RGB, snow: bool = False) -> None:
    c.rrect(x - h * 0.05, y - h * 0.2, x + h * 0.05, y + h * 0.02, h * 0.02, TRUNK)
    for i, (top, bot, w) in enumerate(((0.0, 0.42, 0.22), (0.2, 0.66, 0.3), (0.42, 0.88, 0.38))):
        ty, by = y - h + top * h, y - h + bot * h
        pts = [
            (x, ty),
            (x + w * h, by),
            (x + w * h * 0.6, by + h * 0.03),
            (x - w * h * 0.6, by + h * 0.03),
            (x - w * h, by),
        ]
        c.poly(pts, green if i % 2 == 0 else darker(green, 0.06))
        if snow:
            sy = ty + (by - ty) * 0.38
            sw = w * h * 0.38
            c.poly(
                [
                    (x, ty + c.lw),
                    (x + sw, sy),
                    (x + sw * 0.3, sy - h * 0.02),
                    (x, sy + h * 0.02),
                    (x - sw * 0.4, sy - h * 0.015),
                    (x - sw, sy),
                ],
                (250, 252, 255),
                None,
            )


def bush(c: Canvas, x: float, y: float, w: float, green: RGB) -> None:
    r = w * 0.3
    c.blob(
        [(x - r, y - r * 0.7, r * 0.9), (x, y - r * 1.1, r), (x + r, y - r * 0.7, r * 0.85)], green
    )


def flower(c: Canvas, x: float, y: float, r: float, petal: RGB, stem: float = 2.5) -> None:
    c.line([(x, y), (x, y + r * stem)], (70, 150, 70), max(2.0, r * 0.28))
    c.ellipse(x + r * 0.55, y + r * stem * 0.6, r * 0.5, r * 0.22, (90, 175, 80), INK, c.lw * 0.6)
    for i in range(5):
        a = i * 2 * math.pi / 5 - math.pi / 2
        c.circle(
            x + math.cos(a) * r * 0.7, y + math.sin(a) * r * 0.7, r * 0.5, petal, INK, c.lw * 0.7
        )
    c.circle(x, y, r * 0.38, (255, 210, 70), INK, c.lw * 0.7)


def mushroom(c: Canvas, x: float, y: float, r: float) -> None:
    c.rrect(x - r * 0.35, y - r * 0.8, x + r * 0.35, y, r * 0.15, (250, 240, 220))
    c.poly(
        [
            (x - r, y - r * 0.7),
            *[
                (x - r * math.cos(t), y - r * 0.7 - r * 0.8 * math.sin(t))
                for t in np.linspace(0, math.pi, 20)
            ],
        ],
        (230, 70, 70),
    )
    for dx, dy, rr in ((-0.5, -1.0, 0.14), (0.1, -1.3, 0.16), (0.55, -0.95, 0.12)):
        c.circle(x + dx * r, y + dy * r, rr * r, (255, 255, 255), None)


def house(c: Canvas, x: float, y: float, w: float, wall: RGB, roof: RGB, lit: bool = False) -> None:
    h = w * 0.8
    c.rrect(x + w * 0.2, y - h * 1.45, x + w * 0.34, y - h * 0.95, 2, (180, 110, 90))
    c.rrect(x - w / 2, y - h, x + w / 2, y, w * 0.03, wall)
    c.poly(
        [(x - w * 0.62, y - h + w * 0.02), (x, y - h - w * 0.55), (x + w * 0.62, y - h + w * 0.02)],
        roof,
    )
    c.rrect(x - w * 0.12, y - h * 0.5, x + w * 0.12, y, w * 0.1, darker(roof, 0.2))
    c.circle(x + w * 0.07, y - h * 0.25, w * 0.02, (255, 220, 90), None)
    glass: RGB = (255, 226, 120) if lit else (170, 220, 250)
    for wx in (-0.32, 0.32):
        c.rrect(
            x + wx * w - w * 0.11, y - h * 0.78, x + wx * w + w * 0.11, y - h * 0.5, w * 0.03, glass
        )
        c.line([(x + wx * w, y - h * 0.78), (x + wx * w, y - h * 0.5)], INK, c.lw * 0.8)


def castle(c: Canvas, x: float, y: float, w: float, stone: RGB, roof: RGB, flag: RGB) -> None:
    """A fairy-tale castle ``w`` wide standing on y, with cone-roofed towers and flags."""
    h = w * 0.55
    dark = darker(stone, 0.12)
    c.rrect(x - w * 0.36, y - h, x + w * 0.36, y, 4, stone)
    for i in range(7):  # battlements
        bx = x - w * 0.36 + i * w * 0.72 / 6.5
        c.rrect(bx, y - h - w * 0.05, bx + w * 0.06, y - h + c.lw, 2, stone)
    for tx, th, tw in (
        (-0.42, 1.1, 0.14),
        (0.42, 1.1, 0.14),
        (-0.15, 1.4, 0.12),
        (0.15, 1.4, 0.12),
        (0.0, 1.7, 0.15),
    ):
        cx, top, half = x + tx * w, y - h * th, w * tw / 2
        c.rrect(cx - half, top, cx + half, y, 4, stone if tx else dark)
        c.line([(cx, top - half * 2.1), (cx, top - half * 3.0)], INK, c.lw)
        c.poly(
            [(cx, top - half * 3.0), (cx + half * 1.3, top - half * 2.75), (cx, top - half * 2.5)],
            flag,
        )
        c.poly(
            [(cx - half * 1.25, top + 2), (cx, top - half * 2.2), (cx + half * 1.25, top + 2)], roof
        )
        c.rrect(
            cx - half * 0.3,
            top + half * 0.9,
            cx + half * 0.3,
            top + half * 1.9,
            half * 0.3,
            (255, 226, 120),
        )
    dw, dh = w * 0.065, h * 0.28
    c.poly(
        [
            (x - dw, y),
            (x - dw, y - dh),
            *[
                (x - dw * math.cos(t), y - dh - dw * math.sin(t))
                for t in np.linspace(0, math.pi, 16)
            ],
            (x + dw, y),
        ],
        (150, 100, 72),
    )
    c.line([(x, y - dh - dw), (x, y)], darker((150, 100, 72), 0.25), c.lw)


def mountain(
    c: Canvas, x: float, y: float, w: float, h: float, colour: RGB, snow: bool = True
) -> None:
    peak = (x, y - h)
    left, right = (x - w / 2, y), (x + w / 2, y)
    c.poly([left, (x - w * 0.06, y - h * 0.95), peak, (x + w * 0.06, y - h * 0.95), right], colour)
    c.poly(
        [peak, (x + w * 0.07, y - h * 0.95), right, (x + w * 0.05, y)], darker(colour, 0.1), None
    )
    if snow:
        sy = y - h * 0.68
        c.poly(
            [
                (x - w * 0.06, y - h * 0.95),
                peak,
                (x + w * 0.06, y - h * 0.95),
                (x + w * 0.16, sy),
                (x + w * 0.07, sy + h * 0.06),
                (x, sy - h * 0.02),
                (x - w * 0.08, sy + h * 0.07),
                (x - w * 0.16, sy),
            ],
            (250, 252, 255),
        )


def fence(c: Canvas, x0: float, x1: float, y: float, h: float, colour: RGB) -> None:
    c.rrect(x0, y - h * 0.75, x1, y - h * 0.6, 2, colour)
    c.rrect(x0, y - h * 0.4, x1, y - h * 0.25, 2, colour)
    n = max(2, int((x1 - x0) / (h * 0.55)))
    for i in range(n + 1):
        px = x0 + (x1 - x0) * i / n
        c.poly(
            [
                (px - h * 0.09, y),
                (px - h * 0.09, y - h * 0.9),
                (px, y - h),
                (px + h * 0.09, y - h * 0.9),
                (px + h * 0.09, y),
            ],
            colour,
        )


def streetlamp(c: Canvas, x: float, y: float, h: float) -> None:
    c.rrect(x - h * 0.025, y - h, x + h * 0.025, y, 2, (70, 80, 110))
    c.circle(x, y - h * 1.05, h * 0.09, (255, 230, 140))
    c.poly(
        [(x - h * 0.1, y - h * 1.1), (x, y - h * 1.22), (x + h * 0.1, y - h * 1.1)], (70, 80, 110)
    )


def snowman(c: Canvas, x: float, y: float, h: float, scarf: RGB) -> None:
    c.circle(x, y - h * 0.27, h * 0.27, (252, 252, 255))
    c.circle(x, y - h * 0.72, h * 0.2, (252, 252, 255))
    for dy in (0.2, 0.32):
        c.circle(x, y - h * dy, h * 0.025, INK, None)
    c.capsule([(x - h * 0.15, y - h * 0.55), (x + h * 0.15, y - h * 0.55)], h * 0.035, scarf)
    c.circle(x - h * 0.07, y - h * 0.76, h * 0.022, INK, None)
    c.circle(x + h * 0.07, y - h * 0.76, h * 0.022, INK, None)
    c.poly([(x, y - h * 0.72), (x + h * 0.14, y - h * 0.69), (x, y - h * 0.67)], (255, 140, 50))
    c.arc(x, y - h * 0.68, h * 0.07, h * 0.05, 30, 150, INK, c.lw)


def jungle_leaf(c: Canvas, x: float, y: float, length: float, angle: float, green: RGB) -> None:
    """A big pointed leaf growing from (x, y) in direction ``angle`` (radians)."""
    ca, sa = math.cos(angle), math.sin(angle)
    pts = []
    for t in np.linspace(0, math.pi, 18):
        u, v = (1 - math.cos(t)) / 2, math.sin(t) * 0.28 * (1 - 0.3 * (1 - math.cos(t)) / 2)
        pts.append((u, v))
    outline = pts + [(u, -v) for u, v in reversed(pts)]
    c.poly(
        [(x + length * (u * ca - v * sa), y + length * (u * sa + v * ca)) for u, v in outline],
        green,
    )
    c.line([(x, y), (x + length * 0.9 * ca, y + length * 0.9 * sa)], darker(green, 0.25), c.lw)


def palm(c: Canvas, x: float, y: float, h: float, lean: float) -> None:
    pts = [(x + lean * h * (t * t), y - h * t) for t in np.linspace(0, 1, 12)]
    c.capsule(pts, h * 0.035, (175, 120, 75))
    tx, ty = pts[-1]
    for a in (-2.8, -2.2, -1.5, -0.9, -0.3, 0.5, 3.6):
        jungle_leaf(c, tx, ty, h * 0.42, a, (60, 170, 80))
    c.circle(tx - h * 0.03, ty + h * 0.03, h * 0.035, (140, 90, 50))
    c.circle(tx + h * 0.035, ty + h * 0.035, h * 0.035, (140, 90, 50))
