# ruff: noqa: E501  (drawing and template tables read best one entry a line)
"""The things a story names (cake, balloon, rocket, map, …), drawn on the page.

Each drawer works in prop units: the bottom centre at 0,0, about 40 units tall, y up
negative. ``SKY`` props float in the upper page; the rest stand on the ground beside the hero.
An unknown thing is drawn as a wrapped present (its nearest category), never left out.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from .canvas import INK, RGB, Pen, darker, lighter

__all__ = ["PROPS", "SKY", "draw_prop", "prop_for"]

WHITE: RGB = (255, 255, 255)
RED: RGB = (235, 80, 80)
YELLOW: RGB = (255, 215, 80)
BROWN: RGB = (170, 110, 70)
BLUE: RGB = (90, 150, 230)
GREEN: RGB = (110, 190, 100)


def _cake(p: Pen) -> None:
    p.rrect(-20, -22, 20, 0, 4, (255, 214, 230))
    p.rrect(-16, -38, 16, -22, 4, (255, 240, 245))
    p.line([(-20, -12), (20, -12)], (240, 120, 160), 3)
    for x in (-8.0, 0.0, 8.0):
        p.rrect(x - 1.5, -48, x + 1.5, -38, 1, (130, 190, 255))
        p.ellipse(x, -51, 2, 3.2, (255, 190, 60), None)


def _balloon(p: Pen) -> None:
    p.line([(0, 0), (2, -14), (-1, -24)], INK, 1)
    p.ellipse(0, -36, 10, 12, RED)
    p.ellipse(-3, -40, 2.5, 3.5, lighter(RED, 0.6), None)


def _rocket(p: Pen) -> None:
    p.poly([(-8, -6), (-16, 2), (-8, -14)], RED)
    p.poly([(8, -6), (16, 2), (8, -14)], RED)
    p.rrect(-8, -40, 8, -4, 6, (236, 240, 248))
    p.poly([(-8, -38), (0, -52), (8, -38)], RED)
    p.circle(0, -26, 4.5, (140, 200, 255))
    p.poly([(-5, -4), (0, 8), (5, -4)], (255, 170, 60), None)


def _moon(p: Pen) -> None:
    p.circle(0, -24, 20, (255, 236, 150))
    for x, y, r in ((-7.0, -28.0, 4.0), (6.0, -18.0, 3.0), (5.0, -32.0, 2.0)):
        p.circle(x, y, r, (240, 214, 120), None)


def _stars(p: Pen) -> None:
    for x, y, r in ((-14.0, -30.0, 8.0), (10.0, -40.0, 6.0), (14.0, -14.0, 5.0)):
        p.star(x, y, r, YELLOW)


def _sandcastle(p: Pen) -> None:
    sand = (235, 200, 130)
    p.rrect(-22, -18, 22, 0, 2, sand)
    for x in (-16.0, 0.0, 16.0):
        p.rrect(x - 6, -34, x + 6, -16, 2, sand)
        for dx in (-4.0, 0.0, 4.0):
            p.rrect(x + dx - 1.5, -37, x + dx + 1.5, -33, 0.5, sand)
    p.line([(0, -37), (0, -48)], INK, 1)
    p.poly([(0, -48), (8, -45), (0, -42)], RED)
    p.rrect(-4, -10, 4, 0, 3, darker(sand, 0.3))


def _treasure(p: Pen) -> None:
    p.rrect(-20, -20, 20, 0, 2, BROWN)
    p.poly([(-20, -20), (-16, -34), (16, -34), (20, -20)], lighter(BROWN, 0.15))
    for x in (-12.0, 12.0):
        p.rrect(x - 2, -34, x + 2, 0, 0.5, YELLOW)
    p.rrect(-4, -24, 4, -14, 1, YELLOW)
    for x in (-8.0, 0.0, 8.0):
        p.circle(x, -36, 3, YELLOW)


def _map(p: Pen) -> None:
    paper = (245, 230, 190)
    p.poly(
        [(-22, -4), (-8, -8), (6, -4), (22, -8), (22, -36), (6, -32), (-8, -36), (-22, -32)], paper
    )
    p.line([(-16, -12), (-6, -22), (4, -16), (12, -26)], (200, 90, 70), 1.5)
    p.line([(10, -24), (16, -30)], RED, 2.5)
    p.line([(16, -24), (10, -30)], RED, 2.5)


def _ice_cream(p: Pen) -> None:
    p.poly([(-8, -22), (8, -22), (0, 0)], (225, 170, 110))
    p.circle(-4, -26, 7, (255, 200, 220))
    p.circle(5, -27, 7, (190, 240, 200))
    p.circle(0, -36, 7, (255, 240, 200))
    p.circle(0, -44, 2.5, RED)


def _cookies(p: Pen) -> None:
    for x, y in ((-12.0, -8.0), (10.0, -8.0), (0.0, -20.0)):
        p.circle(x, y, 9, (220, 160, 90))
        for dx, dy in ((-3.0, -2.0), (3.0, 1.0), (0.0, 4.0)):
            p.circle(x + dx, y + dy, 1.5, (100, 60, 40), None)


def _fire_truck(p: Pen) -> None:
    p.rrect(-28, -22, 14, -4, 3, RED)
    p.rrect(14, -26, 30, -4, 3, RED)
    p.rrect(18, -23, 27, -15, 1, (180, 220, 255))
    p.line([(-26, -28), (10, -34)], (200, 200, 210), 3)
    for x in (-18.0, 20.0):
        p.circle(x, -4, 6, (60, 60, 70))
        p.circle(x, -4, 2.5, (200, 200, 210), None)
    p.rrect(20, -30, 24, -26, 1, (80, 160, 255))


def _snowman(p: Pen) -> None:
    p.circle(0, -13, 13, WHITE)
    p.circle(0, -33, 9, WHITE)
    p.rrect(-10, -27, 10, -24, 1.5, RED)
    for k in (-1, 1):
        p.circle(k * 3, -35, 1.3, INK, None)
    p.poly([(0, -33), (8, -31), (0, -30)], (255, 150, 60))
    p.rrect(-7, -48, 7, -41, 1, (60, 60, 80))
    p.rrect(-10, -42, 10, -40, 1, (60, 60, 80))


def _skates(p: Pen) -> None:
    for x in (-10.0, 10.0):
        p.rrect(x - 7, -22, x + 3, -6, 3, (120, 170, 240))
        p.rrect(x - 7, -10, x + 9, -6, 2, (120, 170, 240))
        p.line([(x - 8, -2), (x + 10, -2)], (200, 200, 215), 2)


def _toothbrush(p: Pen) -> None:
    p.capsule([(-18, -6), (14, -22)], 2.5, (120, 200, 240))
    p.rrect(10, -30, 22, -22, 2, WHITE)
    p.blob([(16, -30, 3), (20, -31, 2.5)], (180, 230, 255))


def _book(p: Pen) -> None:
    p.poly([(-20, -4), (0, 0), (0, -26), (-20, -30)], (120, 170, 240))
    p.poly([(20, -4), (0, 0), (0, -26), (20, -30)], (250, 250, 245))
    for y in (-12.0, -18.0):
        p.line([(4, y), (16, y - 3)], (180, 180, 190), 1)


def _ball(p: Pen) -> None:
    p.circle(0, -12, 12, (255, 120, 110))
    p.arc(0, -12, 12, 5, 0, 180, WHITE, 2)
    p.arc(0, -12, 5, 12, 270, 450, YELLOW, 2)


def _kite(p: Pen) -> None:
    p.line([(0, -10), (-6, 10), (-14, 30)], INK, 0.8)
    p.poly([(0, -44), (12, -28), (0, -10), (-12, -28)], (255, 120, 160))
    p.line([(0, -44), (0, -10)], lighter((255, 120, 160), 0.4), 1)
    for y in (0.0, 6.0):
        p.poly([(-3 - y * 0.5, y), (0 - y * 0.5, y - 3), (-1 - y * 0.5, y + 3)], YELLOW)


def _flowers(p: Pen) -> None:
    for x, colour in ((-12.0, (255, 140, 170)), (0.0, YELLOW), (12.0, (180, 140, 240))):
        p.line([(x, 0), (x, -20)], GREEN, 2)
        for i in range(5):
            a = i * math.tau / 5
            p.circle(x + math.cos(a) * 4, -22 + math.sin(a) * 4, 3.4, colour)
        p.circle(x, -22, 2.4, (255, 200, 60))


def _present(p: Pen) -> None:
    p.rrect(-16, -28, 16, 0, 2, (150, 120, 230))
    p.rrect(-3, -28, 3, 0, 0.5, YELLOW)
    p.rrect(-16, -17, 16, -11, 0.5, YELLOW)
    for k in (-1, 1):
        p.ellipse(k * 6, -31, 6, 3.5, YELLOW)


def _car(colour: RGB, long: bool = False) -> Callable[[Pen], None]:
    def draw(p: Pen) -> None:
        w = 30 if long else 22
        p.rrect(-w, -20, w, -5, 5, colour)
        p.rrect(-w * 0.55, -32, w * 0.55 if not long else w, -18, 5, colour)
        p.rrect(-w * 0.45, -29, -2, -21, 2, (190, 225, 255))
        p.rrect(2, -29, w * 0.45, -21, 2, (190, 225, 255))
        for x in (-w * 0.6, w * 0.6):
            p.circle(x, -5, 5.5, (60, 60, 70))

    return draw


def _train(p: Pen) -> None:
    p.rrect(-26, -22, 10, -6, 2, (80, 170, 110))
    p.rrect(-4, -36, 10, -22, 2, (80, 170, 110))
    p.rrect(12, -22, 28, -8, 2, RED)
    p.rrect(-22, -30, -16, -22, 1, (60, 60, 70))
    for x in (-18.0, -4.0, 20.0):
        p.circle(x, -5, 5, (60, 60, 70))


def _boat(p: Pen) -> None:
    p.poly([(-24, -12), (24, -12), (16, 0), (-16, 0)], (200, 110, 70))
    p.line([(0, -12), (0, -46)], BROWN, 2)
    p.poly([(2, -44), (20, -16), (2, -16)], WHITE)


def _airplane(p: Pen) -> None:
    p.capsule([(-22, -20), (20, -20)], 6, (236, 240, 248))
    p.poly([(-4, -20), (8, -38), (12, -20)], BLUE)
    p.poly([(-20, -22), (-26, -34), (-16, -24)], BLUE)
    for x in (-6.0, 2.0, 10.0):
        p.circle(x, -21, 1.8, (120, 180, 240), None)


def _umbrella(p: Pen) -> None:
    p.line([(0, -34), (0, -4)], INK, 1.5)
    p.arc(3, -4, 3, 3, 0, 180, INK, 1.5)
    p.poly([(-20, -32), (-14, -42), (0, -46), (14, -42), (20, -32)], (255, 120, 150))


def _apple(p: Pen) -> None:
    for x in (-9.0, 9.0):
        p.circle(x, -10, 9, (230, 70, 70))
        p.line([(x, -19), (x + 1, -23)], BROWN, 1.5)
        p.ellipse(x + 4, -22, 3, 1.6, GREEN, None)


def _pizza(p: Pen) -> None:
    p.poly([(-18, -4), (18, -4), (0, -36)], (255, 210, 110))
    p.line([(-18, -4), (18, -4)], (210, 140, 70), 4)
    for x, y in ((-4.0, -12.0), (5.0, -16.0), (0.0, -24.0)):
        p.circle(x, y, 2.6, (220, 80, 70), None)


def _rainbow(p: Pen) -> None:
    for i, colour in enumerate(((240, 90, 90), (255, 170, 70), (255, 225, 90), (120, 205, 110),
                                (90, 160, 235), (160, 120, 220))):  # fmt: skip
        r = 30 - i * 3
        p.arc(0, 0, r, r, 180, 360, colour, 3)


def _crown(p: Pen) -> None:
    p.poly([(-16, 0), (-18, -22), (-8, -12), (0, -26), (8, -12), (18, -22), (16, 0)], YELLOW)
    for x in (-8.0, 0.0, 8.0):
        p.circle(x, -6, 2.4, (120, 160, 255), None)


def _wand(p: Pen) -> None:
    p.line([(-12, 0), (6, -24)], (120, 90, 160), 2.5)
    p.star(8, -28, 8, YELLOW)


def _bicycle(p: Pen) -> None:
    for x in (-14.0, 14.0):
        p.circle(x, -10, 9, None, INK, 1.5)
    p.line([(-14, -10), (-2, -24), (14, -10), (0, -10), (-14, -10)], RED, 2)
    p.line([(-2, -24), (10, -26)], RED, 2)


def _drum(p: Pen) -> None:
    p.rrect(-14, -22, 14, 0, 3, RED)
    p.ellipse(0, -22, 14, 4, WHITE)
    p.line([(-10, -30), (4, -22)], BROWN, 1.5)
    p.line([(10, -30), (-4, -22)], BROWN, 1.5)


def _guitar(p: Pen) -> None:
    p.blob([(0, -10, 10), (0, -22, 7)], (230, 150, 80))
    p.circle(0, -14, 3, (100, 60, 40), None)
    p.capsule([(0, -26), (0, -46)], 2, BROWN)


def _paint(p: Pen) -> None:
    p.ellipse(-4, -10, 16, 10, (245, 230, 200))
    for x, c in ((-12.0, RED), (-4.0, YELLOW), (4.0, BLUE), (-8.0, GREEN)):
        p.circle(x, -10 if x != -8 else -4, 2.5, c, None)
    p.capsule([(6, -4), (20, -30)], 1.6, BROWN)
    p.ellipse(20, -32, 2, 4, RED)


def _shells(p: Pen) -> None:
    for x, c in ((-10.0, (255, 200, 200)), (10.0, (255, 226, 180))):
        p.poly([(x - 8, -2), (x, -16), (x + 8, -2)], c)
        for dx in (-3.0, 0.0, 3.0):
            p.line([(x, -14), (x + dx * 2, -2)], darker(c, 0.2), 0.8)


def _heart(p: Pen) -> None:
    p.blob([(-6, -26, 8), (6, -26, 8)], (240, 90, 120))
    p.poly([(-13, -23), (13, -23), (0, -6)], (240, 90, 120), None)


def _key(p: Pen) -> None:
    p.circle(-10, -20, 7, YELLOW)
    p.circle(-10, -20, 3, WHITE, None)
    p.rrect(-4, -22, 16, -18, 1, YELLOW)
    p.rrect(10, -18, 13, -13, 0.5, YELLOW)


def _lantern(p: Pen) -> None:
    p.rrect(-8, -30, 8, -6, 3, (255, 220, 120))
    p.rrect(-10, -8, 10, -4, 1, BROWN)
    p.rrect(-10, -34, 10, -30, 1, BROWN)
    p.arc(0, -34, 5, 5, 180, 360, INK, 1.2)


def _bucket(p: Pen) -> None:
    p.poly([(-12, -20), (12, -20), (9, 0), (-9, 0)], (90, 170, 240))
    p.arc(0, -20, 12, 8, 180, 360, INK, 1.2)
    p.capsule([(16, 0), (22, -24)], 1.5, BROWN)
    p.poly([(13, 0), (19, 0), (17, 6), (14, 6)], (255, 200, 60))


def _pumpkin(p: Pen) -> None:
    p.blob([(-8, -12, 10), (8, -12, 10), (0, -12, 11)], (250, 150, 50))
    p.capsule([(0, -22), (2, -28)], 2, GREEN)


def _candy(p: Pen) -> None:
    p.line([(0, 0), (0, -20)], WHITE, 2)
    p.circle(0, -28, 9, (255, 130, 180))
    p.arc(0, -28, 5, 5, 0, 300, WHITE, 2)


def _bread(p: Pen) -> None:
    p.blob([(-10, -10, 9), (0, -14, 11), (10, -10, 9)], (225, 170, 100))
    for x in (-6.0, 0.0, 6.0):
        p.line([(x - 2, -18), (x + 2, -10)], darker((225, 170, 100), 0.2), 1.2)


def _tent(p: Pen) -> None:
    p.poly([(-26, 0), (0, -36), (26, 0)], (255, 160, 80))
    p.poly([(-6, 0), (0, -14), (6, 0)], darker((255, 160, 80), 0.3))


def _telescope(p: Pen) -> None:
    p.line([(-10, 0), (0, -16), (10, 0)], BROWN, 2)
    p.capsule([(-14, -14), (14, -30)], 4, BLUE)


def _teddy(p: Pen) -> None:
    fur = (196, 140, 90)
    p.ellipse(0, -12, 10, 12, fur)
    for k in (-1, 1):
        p.circle(k * 7, -35, 4, fur)
    p.circle(0, -28, 9, fur)
    p.ellipse(0, -25, 4, 3, (235, 200, 160), None)
    for k in (-1, 1):
        p.circle(k * 3.5, -30, 1.3, INK, None)


def _carrots(p: Pen) -> None:
    for x in (-8.0, 8.0):
        p.poly([(x - 4, -22), (x + 4, -22), (x, 0)], (255, 150, 60))
        p.blob([(x - 2, -25, 3), (x + 2, -26, 3)], GREEN)


def _egg(p: Pen) -> None:
    p.ellipse(0, -16, 12, 16, (250, 246, 230))
    p.line([(-10, -16), (-5, -12), (0, -18), (5, -12), (10, -16)], (140, 200, 120), 1.5)


def _letter(p: Pen) -> None:
    p.rrect(-18, -24, 18, 0, 2, (250, 250, 245))
    p.line([(-18, -24), (0, -10), (18, -24)], (200, 200, 210), 1.2)
    p.blob([(-2, -12, 3), (2, -12, 3)], (240, 90, 120))


def _blocks(p: Pen) -> None:
    for x, y, c in ((-10.0, 0.0, RED), (10.0, 0.0, BLUE), (0.0, -18.0, YELLOW)):
        p.rrect(x - 9, y - 18, x + 9, y, 2, c)


def _sun(p: Pen) -> None:
    for i in range(10):
        a = i * math.tau / 10
        p.line([(math.cos(a) * 18, -24 + math.sin(a) * 18), (math.cos(a) * 24, -24 + math.sin(a) * 24)],
               (255, 190, 60), 2)  # fmt: skip
    p.circle(0, -24, 14, (255, 215, 80))


def _xmas_tree(p: Pen) -> None:
    for y, w in ((-10.0, 20.0), (-24.0, 15.0), (-36.0, 10.0)):
        p.poly([(-w, y), (0, y - 18), (w, y)], (60, 150, 80))
    p.rrect(-3, -10, 3, 0, 1, BROWN)
    p.star(0, -56, 5, YELLOW)
    for x, y in ((-8.0, -14.0), (6.0, -26.0), (-3.0, -36.0)):
        p.circle(x, y, 2, RED, None)


def _sled(p: Pen) -> None:
    p.rrect(-20, -12, 16, -6, 2, RED)
    p.arc(-18, -3, 6, 4, 90, 270, INK, 1.5)
    p.line([(-18, 0), (20, 0)], INK, 1.5)


def _fruit(colour: RGB, leaf: RGB = GREEN) -> Callable[[Pen], None]:
    def draw(p: Pen) -> None:
        for x in (-8.0, 8.0):
            p.ellipse(x, -9, 7, 9, colour)
            p.ellipse(x, -19, 3, 1.6, leaf, None)

    return draw


def _watermelon(p: Pen) -> None:
    p.poly([(-18, -4), (18, -4), (0, -24)], (250, 90, 100))
    p.line([(-18, -4), (18, -4)], (80, 170, 80), 4)
    for x in (-6.0, 0.0, 6.0):
        p.circle(x, -10, 1.2, INK, None)


def _sandwich(p: Pen) -> None:
    p.rrect(-22, -12, 22, 0, 3, (200, 150, 90))
    p.line([(-20, -12), (20, -12)], (245, 220, 170), 2)
    p.poly([(-22, -12), (22, -12), (16, -28), (-16, -28)], (235, 190, 120))
    p.arc(0, -28, 10, 6, 180, 360, BROWN, 2)


def _music(p: Pen) -> None:
    for x, y in ((-8.0, -10.0), (8.0, -16.0)):
        p.circle(x, y, 4, INK, None)
        p.line([(x + 3.5, y), (x + 3.5, y - 18)], INK, 1.5)
    p.line([(-4.5, -28), (11.5, -34)], INK, 2.5)


def _hat(p: Pen) -> None:
    p.ellipse(0, -4, 20, 5, (120, 90, 200))
    p.rrect(-12, -24, 12, -4, 4, (120, 90, 200))
    p.rrect(-12, -10, 12, -6, 1, YELLOW)


def _backpack(p: Pen) -> None:
    p.rrect(-14, -32, 14, 0, 6, (255, 190, 60))
    p.rrect(-9, -14, 9, -4, 3, darker((255, 190, 60), 0.15))
    p.arc(0, -32, 7, 5, 180, 360, INK, 1.5)


def _bubbles(p: Pen) -> None:
    for x, y, r in ((-10.0, -12.0, 7.0), (8.0, -22.0, 9.0), (-2.0, -34.0, 5.0)):
        p.circle(x, y, r, (220, 240, 255))
        p.circle(x - r * 0.35, y - r * 0.35, r * 0.25, WHITE, None)


def _leaves(p: Pen) -> None:
    for x, c in ((-10.0, (240, 140, 60)), (8.0, (220, 80, 60)), (0.0, (250, 190, 70))):
        p.ellipse(x, -8 - abs(x), 6, 4, c)


def _fire(p: Pen) -> None:
    p.blob([(0, -10, 10), (-4, -20, 6), (4, -24, 5)], (255, 140, 60))
    p.blob([(0, -8, 5), (0, -14, 3)], (255, 220, 100), None)


PROPS: dict[str, Callable[[Pen], None]] = {
    "cake": _cake, "balloon": _balloon, "rocket": _rocket, "moon": _moon, "stars": _stars,
    "sandcastle": _sandcastle, "treasure": _treasure, "map": _map, "ice_cream": _ice_cream,
    "cookies": _cookies, "fire_truck": _fire_truck, "snowman": _snowman, "skates": _skates,
    "toothbrush": _toothbrush, "book": _book, "ball": _ball, "kite": _kite, "flower": _flowers,
    "present": _present, "car": _car((90, 160, 240)), "bus": _car((255, 200, 60), long=True),
    "train": _train, "boat": _boat, "airplane": _airplane, "umbrella": _umbrella,
    "apple": _apple, "pizza": _pizza, "rainbow": _rainbow, "crown": _crown, "wand": _wand,
    "bicycle": _bicycle, "drum": _drum, "guitar": _guitar, "paint": _paint, "shell": _shells,
    "heart": _heart, "key": _key, "lantern": _lantern, "bucket": _bucket, "pumpkin": _pumpkin,
    "candy": _candy, "bread": _bread, "tent": _tent, "telescope": _telescope, "teddy": _teddy,
    "carrot": _carrots, "egg": _egg, "letter": _letter, "blocks": _blocks, "sun": _sun,
    "tree_xmas": _xmas_tree, "sled": _sled, "strawberry": _fruit((240, 70, 80)),
    "banana": _fruit((255, 225, 90)), "watermelon": _watermelon, "sandwich": _sandwich,
    "music": _music, "hat": _hat, "backpack": _backpack, "bubble": _bubbles, "leaf": _leaves,
    "fire": _fire,
}  # fmt: skip

SKY = {"balloon", "moon", "stars", "kite", "airplane", "rainbow", "sun", "rocket", "music",
       "bubble"}  # fmt: skip


def prop_for(key: str) -> str:
    """The drawing for ``key``: its own, or a wrapped present (an unknown thing)."""
    return key if key in PROPS else "present"


def draw_prop(pen: Pen, key: str) -> str:
    drawn = prop_for(key)
    PROPS[drawn](pen)
    return drawn
