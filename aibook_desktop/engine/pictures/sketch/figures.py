"""The child-shaped heroes: boy, girl, princess, superhero and "me" (the child, with a star)."""

from __future__ import annotations

import math

from .canvas import INK, RGB, Pen, darker, lighter
from .heroes import HeroLook, Pose, face

__all__ = ["draw_boy", "draw_girl", "draw_me", "draw_princess", "draw_superhero"]

HEAD = (0.0, -76.0)
HEAD_R = 21.0
SHOULDER = (12.0, -51.0)
WHITE: RGB = (255, 255, 255)


def _arc_pts(
    cx: float, cy: float, r: float, a0: float, a1: float, n: int = 14
) -> list[tuple[float, float]]:
    return [
        (
            cx + r * math.cos(math.radians(a0 + (a1 - a0) * i / (n - 1))),
            cy + r * math.sin(math.radians(a0 + (a1 - a0) * i / (n - 1))),
        )
        for i in range(n)
    ]


def _hand(pose: Pose, k: int, reach: float = 1.0) -> tuple[float, float]:
    dx, dy = pose.right if k > 0 else pose.left
    return (k * (SHOULDER[0] + dx * reach), SHOULDER[1] + dy * reach)


def _legs(pen: Pen, pose: Pose, pants: RGB, shoe: RGB) -> None:
    for k in (-1, 1):
        fx = k * (7.5 + pose.stride * 0.5) + (pose.stride if k > 0 else 0) * 0.3
        fy = -4.0 + (3.0 if pose.lift else 0.0) * (k > 0)
        pen.capsule([(k * 6.0, -30.0), (fx, fy)], 4.3, pants)
        pen.ellipse(fx + k * 1.5, fy + 1.0, 7.0, 4.2, shoe)
        pen.ellipse(fx + k * 0.5, fy - 0.6, 3.0, 1.4, lighter(shoe, 0.5), None)


def _arms(pen: Pen, look: HeroLook, pose: Pose, sleeve: RGB, short: bool, hand: RGB) -> None:
    for k in (-1, 1):
        sx, sy = k * SHOULDER[0], SHOULDER[1]
        hx, hy = _hand(pose, k)
        mx, my = sx + (hx - sx) * 0.5, sy + (hy - sy) * 0.5
        if short:
            pen.capsule([(sx, sy), (hx, hy)], 3.5, look.skin)
            pen.capsule([(sx, sy), (mx, my)], 4.4, sleeve)
        else:
            pen.capsule([(sx, sy), (hx, hy)], 3.8, sleeve)
        pen.circle(hx, hy, 4.6, hand)


def _head(pen: Pen, look: HeroLook) -> None:
    for k in (-1, 1):
        pen.circle(k * 20.5, HEAD[1] + 1, 4.5, look.skin)
    pen.circle(*HEAD, HEAD_R, look.skin)


def _short_hair(pen: Pen, hair: RGB, tuft: bool = True) -> None:
    hx, hy = HEAD
    pts = _arc_pts(hx, hy, HEAD_R + 1.5, 165, 375)
    fringe = [
        (19.0, -78.0),
        (14.0, -84.0),
        (9.0, -80.0),
        (3.0, -86.0),
        (-3.0, -81.0),
        (-9.0, -86.0),
        (-15.0, -81.0),
        (-20.0, -75.0),
    ]
    pen.poly(pts + fringe, hair)
    if tuft:
        pen.poly([(-2.0, -97.0), (2.0, -104.0), (5.0, -97.0)], hair)
    pen.ellipse(-7.0, -92.0, 6.0, 2.2, lighter(hair, 0.3), None)


def _bangs(pen: Pen, hair: RGB) -> None:
    hx, hy = HEAD
    pts = _arc_pts(hx, hy, HEAD_R + 1.5, 160, 380)
    bangs = (
        [(20.0, -78.0)]
        + [
            (x, -81.0 - 3.0 * math.sin((x + 20) / 40 * math.pi * 3) ** 2)
            for x in (14.0, 7.0, 0.0, -7.0, -14.0)
        ]
        + [(-20.0, -78.0)]
    )
    pen.poly(pts + bangs, hair)
    pen.ellipse(-7.0, -92.0, 6.0, 2.2, lighter(hair, 0.3), None)


def _bow(pen: Pen, x: float, y: float, colour: RGB, size: float = 1.0) -> None:
    s = size
    pen.poly([(x, y), (x - 8 * s, y - 5 * s), (x - 8 * s, y + 5 * s)], colour)
    pen.poly([(x, y), (x + 8 * s, y - 5 * s), (x + 8 * s, y + 5 * s)], colour)
    pen.circle(x, y, 2.6 * s, lighter(colour, 0.3))


def draw_boy(pen: Pen, look: HeroLook, pose: Pose) -> None:
    _legs(pen, pose, look.accent, look.extra)
    pen.rrect(-14, -57, 14, -26, 8, look.main)
    pen.rrect(-14, -33, 14, -26, 3, look.accent)  # shorts' waistband
    pen.line([(-8, -45), (8, -45)], lighter(look.main, 0.45), 3)
    _arms(pen, look, pose, look.main, True, look.skin)
    _head(pen, look)
    _short_hair(pen, look.hair, tuft=look.style != 1)
    face(pen, HEAD[0], HEAD[1] + 1, pose)


def draw_girl(pen: Pen, look: HeroLook, pose: Pose) -> None:
    if look.style == 1:
        pen.rrect(-25, -92, 25, -48, 15, look.hair)
    elif look.style == 2:
        pen.ellipse(0, -73, 26, 24, look.hair)
    _legs(pen, pose, look.skin, look.extra)
    pen.poly([(-11, -57), (11, -57), (14, -48), (23, -21), (-23, -21), (-14, -48)], look.main)
    pen.rrect(-12, -40, 12, -35, 2, lighter(look.main, 0.5))
    for x in (-12.0, 0.0, 12.0):
        pen.circle(x, -28, 2.2, lighter(look.main, 0.55), None)
    _arms(pen, look, pose, look.main, True, look.skin)
    if look.style == 0:  # pigtails
        for k in (-1, 1):
            pen.circle(k * 26, -66, 8.5, look.hair)
    _head(pen, look)
    _bangs(pen, look.hair)
    _bow(pen, 13, -95, look.accent)
    face(pen, HEAD[0], HEAD[1] + 1, pose)


def draw_princess(pen: Pen, look: HeroLook, pose: Pose) -> None:
    hair = look.hair
    pen.blob([(-18, -70, 12), (18, -70, 12), (-19, -55, 10), (19, -55, 10), (0, -80, 22)], hair)
    for k in (-1, 1):
        pen.ellipse(k * 7, -2, 6.5, 3.8, look.extra)
    skirt = [(-10, -44), (10, -44)] + [
        (28 - 56 * i / 12, -4 + 2.5 * math.sin(i * math.pi / 2)) for i in range(13)
    ]
    pen.poly(skirt, look.main)
    pen.poly([(-14, -14), (14, -14), (24, -8), (-24, -8)], lighter(look.main, 0.4), None)
    pen.rrect(-11, -57, 11, -40, 6, darker(look.main, 0.08))
    pen.rrect(-11, -44, 11, -40, 2, look.accent)
    _arms(pen, look, pose, look.skin, False, look.skin)
    for k in (-1, 1):
        pen.circle(k * 12, -53, 6.5, lighter(look.main, 0.3))
    _head(pen, look)
    _bangs(pen, hair)
    # the crown
    pts = [(-12, -94), (-14, -108), (-7, -100), (0, -112), (7, -100), (14, -108), (12, -94)]
    pen.poly(pts, look.accent)
    for x, y, col in (
        (-14, -108, (255, 120, 160)),
        (0, -112, (120, 200, 255)),
        (14, -108, (255, 120, 160)),
    ):
        pen.circle(x, y, 2.2, col, INK, 0.7)
    pen.circle(0, -99, 2.6, (120, 200, 255), INK, 0.7)
    face(pen, HEAD[0], HEAD[1] + 1, pose)
    pen.star(0, -49, 3.0, (255, 255, 255), INK, 0.6)


def draw_superhero(pen: Pen, look: HeroLook, pose: Pose) -> None:
    flare = 8.0 if pose.lift or pose.name == "cheer" else 0.0
    pen.poly(
        [
            (-12, -55),
            (12, -55),
            (27 + flare, -8),
            (14, -12),
            (0, -6),
            (-14, -12),
            (-27 - flare, -8),
        ],
        look.accent,
    )
    _legs(pen, pose, look.main, look.accent)
    pen.rrect(-14, -57, 14, -26, 8, look.main)
    pen.rrect(-14, -33, 14, -28, 2, look.extra)
    pen.poly(
        [(2, -51), (-6, -41), (0, -41), (-3, -33), (7, -45), (1, -45), (4, -51)],
        look.extra,
        INK,
        0.8,
    )
    _arms(pen, look, pose, look.main, False, look.accent)
    for k in (-1, 1):  # the cape's clasp on each shoulder
        pen.circle(k * 11, -54, 2.6, look.extra, INK, 0.7)
    _head(pen, look)
    hx, hy = HEAD
    pts = _arc_pts(hx, hy, HEAD_R + 1.5, 175, 365)
    pen.poly([*pts, (16.0, -86.0), (4.0, -90.0), (-6.0, -84.0), (-18.0, -86.0)], look.hair)
    pen.poly([(-4.0, -96.0), (8.0, -100.0), (6.0, -92.0)], look.hair)
    pen.rrect(-20, -82, 20, -70, 6, look.accent)
    for k in (-1, 1):
        pen.ellipse(k * 7.5 + pose.look[0], -76 + pose.look[1], 4.8, 4.4, WHITE, None)
    face(pen, HEAD[0], HEAD[1] + 1, pose, eye_r=2.9)


def draw_me(pen: Pen, look: HeroLook, pose: Pose) -> None:
    if look.style == 2:  # ponytail
        pen.capsule([(16, -84), (27, -78), (28, -64)], 5.0, look.hair)
    elif look.style == 1:
        pen.ellipse(0, -74, 25, 22, look.hair)
    _legs(pen, pose, look.accent, (250, 250, 255))
    pen.rrect(-14, -57, 14, -26, 8, look.main)
    pen.rrect(-14, -33, 14, -26, 3, look.accent)
    _arms(pen, look, pose, look.main, True, look.skin)
    # the star badge that says "this is me"
    pen.poly([(-2, -42), (-5, -32), (0, -35), (5, -32), (2, -42)], (240, 80, 90), INK, 0.7)
    pen.star(0, -45, 7.0, look.extra, INK, 0.9)
    _head(pen, look)
    if look.style == 0:
        _short_hair(pen, look.hair)
    else:
        _bangs(pen, look.hair)
        if look.style == 2:
            pen.circle(17, -86, 3.0, look.extra, INK, 0.7)
    face(pen, HEAD[0], HEAD[1] + 1, pose)
