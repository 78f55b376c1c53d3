"""Sea and underwater things: waves, boats, fish, bubbles, seaweed, coral, starfish, shells."""

from __future__ import annotations

import math

import numpy as np

from .canvas import INK, RGB, Canvas, darker, lighter

__all__ = ["boat", "bubble", "coral", "fish", "seaweed", "shell", "starfish", "waves"]


def waves(c: Canvas, y: float, amp: float, n: float, colour: RGB, phase: float) -> None:
    """A scalloped band of water from y down to the bottom of the page."""
    xs = np.linspace(-c.W * 0.02, c.W * 1.02, 160)
    ys = y - amp * np.abs(np.sin(xs / c.W * math.pi * n + phase))
    top = list(zip(xs.tolist(), ys.tolist(), strict=True))
    c.poly([*top, (c.W * 1.02, c.H + 10), (-c.W * 0.02, c.H + 10)], colour, None)
    c.line(top, lighter(colour, 0.55), c.lw * 1.6)


def boat(c: Canvas, x: float, y: float, w: float, hull: RGB, sail: RGB) -> None:
    c.line([(x, y - w * 0.12), (x, y - w * 0.95)], INK, c.lw * 1.6)
    c.poly(
        [(x + w * 0.03, y - w * 0.9), (x + w * 0.42, y - w * 0.2), (x + w * 0.03, y - w * 0.2)],
        sail,
    )
    c.poly(
        [(x - w * 0.03, y - w * 0.75), (x - w * 0.3, y - w * 0.22), (x - w * 0.03, y - w * 0.22)],
        lighter(sail, 0.4),
    )
    c.poly(
        [
            (x - w * 0.5, y - w * 0.16),
            (x + w * 0.5, y - w * 0.16),
            (x + w * 0.36, y),
            (x - w * 0.36, y),
        ],
        hull,
    )
    for k in (-0.2, 0.0, 0.2):
        c.circle(x + k * w, y - w * 0.08, w * 0.03, (255, 255, 255), INK, c.lw * 0.6)


def fish(c: Canvas, x: float, y: float, s: float, colour: RGB, flip: bool = False) -> None:
    """A round friendly fish ``s`` long, facing left (or right when flipped)."""
    f = -1.0 if flip else 1.0
    c.poly(
        [(x + f * s * 0.3, y), (x + f * s * 0.55, y - s * 0.22), (x + f * s * 0.55, y + s * 0.22)],
        darker(colour, 0.1),
    )
    c.poly(
        [
            (x - f * s * 0.05, y - s * 0.2),
            (x + f * s * 0.12, y - s * 0.36),
            (x + f * s * 0.2, y - s * 0.18),
        ],
        darker(colour, 0.1),
    )
    c.ellipse(x, y, s * 0.36, s * 0.25, colour)
    c.line(
        [(x + f * s * 0.08, y - s * 0.2), (x + f * s * 0.08, y + s * 0.2)],
        lighter(colour, 0.45),
        max(1.0, s * 0.06),
    )
    c.circle(x - f * s * 0.18, y - s * 0.05, s * 0.07, (255, 255, 255), INK, c.lw * 0.7)
    c.circle(x - f * s * 0.19, y - s * 0.05, s * 0.035, INK, None)
    c.arc(x - f * s * 0.26, y + s * 0.07, s * 0.05, s * 0.04, 20, 160, INK, c.lw * 0.7)


def bubble(c: Canvas, x: float, y: float, r: float) -> None:
    c.circle(x, y, r, None, (235, 250, 255), max(1.0, r * 0.18))
    c.ellipse(x - r * 0.35, y - r * 0.35, r * 0.22, r * 0.15, (255, 255, 255), None)


def seaweed(c: Canvas, x: float, y: float, h: float, colour: RGB, phase: float) -> None:
    pts = [(x + h * 0.08 * math.sin(t * 7 + phase), y - h * t) for t in np.linspace(0, 1, 14)]
    c.capsule(pts, h * 0.04, colour)


def coral(c: Canvas, x: float, y: float, h: float, colour: RGB) -> None:
    r = h * 0.07
    c.capsule([(x, y), (x, y - h * 0.55), (x - h * 0.05, y - h)], r, colour)
    c.capsule(
        [(x, y - h * 0.3), (x - h * 0.3, y - h * 0.5), (x - h * 0.32, y - h * 0.75)], r, colour
    )
    c.capsule(
        [(x, y - h * 0.4), (x + h * 0.3, y - h * 0.55), (x + h * 0.35, y - h * 0.85)], r, colour
    )
    c.line([(x, y - h * 0.2), (x, y - h * 0.55)], colour, r * 2)


def starfish(c: Canvas, x: float, y: float, r: float, colour: RGB = (255, 150, 90)) -> None:
    c.star(x, y, r, colour, INK, c.lw, inner=0.5, turn=0.2)
    c.circle(x, y - r * 0.1, r * 0.08, INK, None)


def shell(c: Canvas, x: float, y: float, r: float, colour: RGB = (255, 200, 200)) -> None:
    pts = [(x, y)] + [
        (x + r * math.cos(t), y - r * math.sin(t)) for t in np.linspace(0.1, 3.04, 14)
    ]
    c.poly(pts, colour)
    for t in (0.6, 1.1, 1.57, 2.05, 2.55):
        c.line([(x, y), (x + r * 0.85 * math.cos(t), y - r * 0.85 * math.sin(t))], INK, c.lw * 0.6)
