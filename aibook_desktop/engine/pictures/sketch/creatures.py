"""The animal and machine heroes: cat, frog, dinosaur and robot."""

from __future__ import annotations

import math

from .canvas import INK, RGB, Pen, darker, lighter
from .heroes import HeroLook, Pose, face

__all__ = ["draw_cat", "draw_dinosaur", "draw_frog", "draw_robot"]

WHITE: RGB = (255, 255, 255)
PINK: RGB = (255, 160, 175)


def _limbs(
    pen: Pen,
    pose: Pose,
    shoulder: tuple[float, float],
    reach: float,
    r: float,
    colour: RGB,
    paw: RGB,
    paw_r: float,
) -> None:
    for k in (-1, 1):
        dx, dy = pose.right if k > 0 else pose.left
        sx, sy = k * shoulder[0], shoulder[1]
        hx, hy = sx + k * dx * reach, sy + dy * reach
        pen.capsule([(sx, sy), (hx, hy)], r, colour)
        pen.circle(hx, hy, paw_r, paw)


def _feet(
    pen: Pen, pose: Pose, hip: float, spread: float, r: float, colour: RGB, foot: RGB
) -> None:
    for k in (-1, 1):
        fx = k * (spread + pose.stride * 0.5)
        fy = -4.0 + (3.0 if pose.lift and k > 0 else 0.0)
        pen.capsule([(k * spread * 0.8, hip), (fx, fy)], r, colour)
        pen.ellipse(fx + k * 1.5, fy + 1.0, r * 1.6, r * 0.95, foot)


def _open_mouth(pen: Pen, x0: float, y: float, width: float, depth: float) -> None:
    """A wide open mouth: a half-sine from ``x0`` to ``x0 + width``, ``depth`` deep below ``y``."""
    pen.poly(
        [(x0 + width * i / 12, y + depth * math.sin(math.pi * i / 12)) for i in range(13)],
        (205, 70, 85),
        INK,
        0.9,
    )


def draw_cat(pen: Pen, look: HeroLook, pose: Pose) -> None:
    fur, belly = look.skin, look.main
    stripe = darker(fur, 0.22)
    tail = [(10.0, -16.0), (24.0, -20.0), (31.0, -32.0), (30.0, -46.0), (24.0, -54.0)]
    pen.capsule(tail, 4.2, fur)
    pen.circle(24, -54, 4.6, stripe if look.style != 2 else fur)
    _feet(pen, pose, -20, 8.0, 5.0, fur, belly)
    pen.ellipse(0, -31, 16, 19, fur)
    pen.ellipse(0, -28, 10, 13, belly, None)
    _limbs(pen, pose, (11.0, -42.0), 0.85, 4.0, fur, belly, 4.6)
    pen.rrect(-13, -51, 13, -44, 3.5, look.accent)
    pen.circle(0, -43, 3.3, look.extra, INK, 0.8)
    for k in (-1, 1):  # ears
        pen.poly([(k * 21, -80), (k * 19, -103), (k * 5, -92)], fur)
        pen.poly([(k * 18, -83), (k * 17.5, -98), (k * 9, -91)], PINK, None)
    pen.ellipse(0, -73, 24, 20.5, fur)
    if look.style != 2:  # tabby stripes on the forehead
        for x in (-6.0, 0.0, 6.0):
            pen.capsule([(x, -92), (x * 0.8, -86)], 1.6, stripe, None)
    cy = -75.0
    face(pen, 0, cy, pose, eye_dx=9.0, eye_r=3.8, mouth_w=0.1)
    pen.poly([(-2.6, -70), (2.6, -70), (0, -67.4)], PINK, INK, 0.6)
    pen.arc(-2.6, -66.6, 2.6, 2.4, 10, 170, INK, 0.9)
    pen.arc(2.6, -66.6, 2.6, 2.4, 10, 170, INK, 0.9)
    for k in (-1, 1):
        for dy in (-2.5, 1.5):
            pen.line([(k * 12, -67.5 + dy * 0.3), (k * 27, -69 + dy * 1.6)], INK, 0.8)


def draw_frog(pen: Pen, look: HeroLook, pose: Pose) -> None:
    green, belly = look.skin, look.main
    light = lighter(green, 0.3)
    for k in (-1, 1):  # bent back legs and wide webbed feet
        fx = k * (14 + pose.stride * 0.5)
        fy = -3.0 + (3.0 if pose.lift and k > 0 else 0.0)
        pen.ellipse(k * 13, -14, 10, 8, green)
        pen.ellipse(fx + k * 3, fy, 10, 3.8, light)
        for t in (-6.0, 0.0, 6.0):
            pen.circle(fx + k * 3 + t, fy - 1.0, 2.1, light, None)
    pen.ellipse(0, -31, 19, 20, green)
    pen.ellipse(0, -28, 12.5, 14, belly, None)
    _limbs(pen, pose, (13.0, -40.0), 0.85, 3.8, green, light, 4.4)
    pen.ellipse(0, -58, 28, 17, green)
    for k in (-1, 1):
        pen.circle(k * 14, -74, 10.5, green)
        pen.circle(k * 14, -74, 7.2, WHITE, None)
        lx, ly = pose.look
        pen.circle(k * 14 + lx * 1.3, -73 + ly * 1.3, 4.2, INK, None)
        pen.circle(k * 14 + lx * 1.3 - 1.4, -74.5 + ly * 1.3, 1.5, WHITE, None)
        pen.ellipse(k * 19, -56, 4.2, 2.6, (255, 150, 150), None)
        pen.circle(k * 3, -64, 0.9, INK, None)
    if pose.open_mouth:
        _open_mouth(pen, -14, -57, 28, 7)
    else:
        pen.arc(0, -63, 15, 8, 20, 160, INK, 1.2)
    pen.poly([(0, -44), (-7, -48), (-7, -40)], look.accent, INK, 0.8)  # bow tie
    pen.poly([(0, -44), (7, -48), (7, -40)], look.accent, INK, 0.8)
    pen.circle(0, -44, 1.8, darker(look.accent, 0.1), INK, 0.6)


def draw_dinosaur(pen: Pen, look: HeroLook, pose: Pose) -> None:
    body, belly, spike = look.skin, look.main, look.extra
    tail = [(-8.0, -26.0), (-22.0, -18.0), (-34.0, -12.0), (-44.0, -10.0)]
    for x, y in ((-18.0, -26.0), (-30.0, -19.0), (-40.0, -15.0)):
        pen.poly([(x - 5, y + 4), (x - 1, y - 7), (x + 4, y + 3)], spike)
    pen.taper(tail, [10.0, 7.5, 4.5, 1.0], body)
    # spikes stand on the outline of the head and back, pointing outwards
    for cx, cy, rx, ry, deg in (
        (0.0, -74.0, 21.0, 21.0, 262.0),
        (0.0, -74.0, 21.0, 21.0, 228.0),
        (0.0, -74.0, 21.0, 21.0, 196.0),
        (0.0, -35.0, 20.0, 24.0, 212.0),
        (0.0, -35.0, 20.0, 24.0, 182.0),
        (0.0, -35.0, 20.0, 24.0, 152.0),
    ):
        a = math.radians(deg)
        bx, by = cx + rx * math.cos(a), cy + ry * math.sin(a)
        nx, ny = math.cos(a), math.sin(a)
        pen.poly(
            [
                (bx - 5 * ny - nx * 2, by + 5 * nx - ny * 2),
                (bx + 8 * nx, by + 8 * ny),
                (bx + 5 * ny - nx * 2, by - 5 * nx - ny * 2),
            ],
            spike,
        )
    _feet(pen, pose, -22, 9.0, 5.5, body, lighter(body, 0.25))
    pen.ellipse(0, -35, 20, 24, body)
    pen.ellipse(3, -31, 12, 17, belly, None)
    for y in (-40.0, -32.0, -24.0):
        pen.line([(-5, y), (11, y)], darker(belly, 0.12), 1.0)
    _limbs(pen, pose, (14.0, -44.0), 0.6, 3.2, body, body, 3.6)
    pen.blob([(0, -74, 21), (12, -68, 14)], body)
    pen.ellipse(-4, -84, 7, 3, lighter(body, 0.3), None)
    for k in (-1, 1):
        pen.circle(14 + k * 4, -70, 1.1, INK, None)
    face(pen, 0, -78, pose, eye_dx=7.0, eye_r=3.6, mouth_w=0.1, cheeks=False)
    for k in (-1, 1):
        pen.ellipse(k * 13 + 2, -69, 4.2, 2.6, (255, 150, 150), None)
    if pose.open_mouth:
        _open_mouth(pen, -2, -63, 20, 5)
    else:
        pen.arc(6, -66, 12, 5, 20, 160, INK, 1.1)
    pen.poly([(3, -62.5), (5, -59.5), (7, -62.3)], WHITE, INK, 0.5)


def draw_robot(pen: Pen, look: HeroLook, pose: Pose) -> None:
    metal, paint, glow, dark = look.skin, look.main, look.accent, look.hair
    pen.line([(0, -96), (0, -108)], INK, 1.6)
    pen.circle(0, -110, 4.0, look.extra)
    _feet(pen, pose, -24, 7.5, 4.0, darker(metal, 0.15), paint)
    pen.rrect(-17, -55, 17, -23, 5, paint)
    pen.rrect(-11, -50, 11, -33, 3, lighter(paint, 0.55))
    for x, col in ((-6.0, (255, 90, 90)), (0.0, (255, 210, 60)), (6.0, (90, 220, 120))):
        pen.circle(x, -45, 2.2, col, INK, 0.6)
    pen.poly(
        [(0, -35), (-4, -39.5), (-2, -41.5), (0, -39.8), (2, -41.5), (4, -39.5)],
        (255, 110, 130),
        None,
    )
    _limbs(pen, pose, (18.0, -50.0), 0.9, 3.2, darker(metal, 0.15), metal, 4.4)
    pen.rrect(-5, -60, 5, -54, 2, darker(metal, 0.2))
    for k in (-1, 1):
        pen.circle(k * 23, -78, 4.2, paint)
    pen.rrect(-22, -97, 22, -59, 8, metal)
    pen.rrect(-17, -91, 17, -65, 6, dark)
    lx, ly = pose.look
    for k in (-1, 1):
        pen.circle(k * 7 + lx, -80 + ly, 4.0, glow, None)
        pen.circle(k * 7 + lx - 1.2, -81.4 + ly, 1.4, WHITE, None)
        pen.ellipse(k * 12, -72, 3.0, 1.8, (255, 140, 170), None)
    if pose.open_mouth:
        pen.ellipse(0, -71, 4.5, 3.0, glow, None)
    else:
        pen.arc(0, -74, 6, 4.5, 25, 155, glow, 1.2)
    pen.circle(-17, -93, 1.3, darker(metal, 0.3), None)
    pen.circle(17, -93, 1.3, darker(metal, 0.3), None)
