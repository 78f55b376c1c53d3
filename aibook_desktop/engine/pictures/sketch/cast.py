# ruff: noqa: E501  (drawing and template tables read best one entry a line)
"""The companions a story names, drawn beside the hero: animals, people and creatures.

Every drawer works in figure units (feet at 0,0, y up is negative, a grown-up ~100 units
tall, a small animal ~50), so the painter can place and scale them like the hero. A key the
library does not know is drawn by :func:`companion_for` as its nearest kind, never omitted.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from ...book import Hero, HeroKind
from .canvas import INK, RGB, Pen, darker, lighter
from .creatures import draw_cat, draw_dinosaur, draw_frog, draw_robot
from .heroes import POSES, Pose, hero_look

__all__ = ["COMPANIONS", "COMPANION_HEIGHT", "companion_for", "draw_companion"]

WHITE: RGB = (255, 255, 255)
PINK: RGB = (255, 165, 180)
CHEEK: RGB = (255, 160, 160)
SKIN: RGB = (250, 214, 186)


def _face(pen: Pen, x: float, y: float, r: float, mouth: bool = True) -> None:
    for k in (-1, 1):
        pen.circle(x + k * r * 0.38, y - r * 0.08, r * 0.13, INK, None)
        pen.circle(x + k * r * 0.38 + r * 0.04, y - r * 0.13, r * 0.045, WHITE, None)
        pen.circle(x + k * r * 0.62, y + r * 0.22, r * 0.12, CHEEK, None)
    if mouth:
        pen.arc(x, y + r * 0.12, r * 0.2, r * 0.16, 20, 160, INK, 0.9)


@dataclass(frozen=True)
class Beast:
    """A round, friendly animal: body, head, ears, and the few marks that name the species."""

    fur: RGB
    belly: RGB
    ears: str = "round"  # round / pointy / long / floppy / none / horns
    tail: str = "short"  # short / long / fluffy / curl / none
    marks: tuple[str, ...] = ()  # trunk, mane, stripes, spots, spikes, neck, shell, horn, antlers


def _beast(pen: Pen, b: Beast, pose: Pose) -> None:
    neck = "neck" in b.marks
    head_y = -78.0 if neck else -48.0
    hr = 15.0
    if b.tail == "long":
        pen.capsule([(12, -14), (26, -20), (30, -32)], 3.0, b.fur)
    elif b.tail == "fluffy":
        pen.blob([(18, -18, 8), (26, -28, 9), (24, -38, 7)], b.fur)
    elif b.tail == "curl":
        pen.arc(18, -20, 6, 6, 180, 520, darker(b.fur, 0.1), 2.5)
    elif b.tail == "short":
        pen.circle(17, -16, 4.5, b.fur)
    if "shell" in b.marks:
        pen.ellipse(0, -22, 22, 16, (120, 170, 90))
        for dx in (-9.0, 0.0, 9.0):
            pen.circle(dx, -26, 4.5, (150, 200, 110), INK, 0.7)
    else:
        pen.ellipse(0, -18, 17, 17, b.fur)
        pen.ellipse(0, -14, 10, 11, b.belly, None)
    for k in (-1, 1):  # feet, and paws that follow the pose a little
        pen.ellipse(k * 9, -2, 6, 3.5, darker(b.fur, 0.08))
        dx, dy = pose.right if k > 0 else pose.left
        pen.capsule([(k * 13, -26), (k * (13 + dx * 0.25), -26 + dy * 0.4)], 3.2, b.fur)
    if neck:
        pen.capsule([(4, -30), (2, -70)], 6.0, b.fur)
        for y in (-40.0, -52.0, -64.0):
            pen.circle(3, y, 2.4, darker(b.fur, 0.3), None)
    if "mane" in b.marks:
        pen.blob([(0, head_y, hr * 1.55)], (200, 120, 50))
    if "spikes" in b.marks:
        for i in range(9):
            a = math.pi * (0.1 + 0.8 * i / 8)
            cx, cy = -math.cos(a) * 19, -18 - math.sin(a) * 19
            pen.poly([(cx - 3, cy), (cx * 1.35, cy * 1.2 + 4), (cx + 3, cy)], (120, 90, 70))
    ear_c, inner = b.fur, lighter(PINK, 0.2)
    for k in (-1, 1):
        ex = k * hr * 0.62
        if b.ears == "round":
            pen.circle(ex, head_y - hr * 0.75, hr * 0.38, ear_c)
            pen.circle(ex, head_y - hr * 0.75, hr * 0.2, inner, None)
        elif b.ears == "pointy":
            pen.poly([(ex - 5, head_y - 9), (ex + k * 2, head_y - 24), (ex + 5, head_y - 9)], ear_c)
        elif b.ears == "long":
            pen.ellipse(ex * 0.7, head_y - hr - 8, 4.5, 13, ear_c)
            pen.ellipse(ex * 0.7, head_y - hr - 8, 2.2, 9, inner, None)
        elif b.ears == "floppy":
            pen.ellipse(k * hr * 0.95, head_y - 1, 5, 10, darker(b.fur, 0.2))
        elif b.ears == "big":
            pen.ellipse(k * hr * 1.05, head_y, 10, 13, b.fur)
            pen.ellipse(k * hr * 1.05, head_y, 6, 9, inner, None)
        elif b.ears == "horns":
            pen.capsule([(ex * 0.6, head_y - hr * 0.8), (ex * 0.7, head_y - hr * 1.3)], 2.0,
                        (250, 236, 200))  # fmt: skip
    if "antlers" in b.marks:
        for k in (-1, 1):
            pen.line([(k * 6, head_y - 12), (k * 12, head_y - 28), (k * 18, head_y - 32)],
                     (140, 96, 60), 2.5)  # fmt: skip
            pen.line([(k * 10, head_y - 22), (k * 4, head_y - 30)], (140, 96, 60), 2.5)
    pen.circle(0, head_y, hr, b.fur)
    if "stripes" in b.marks:
        for dx in (-6.0, 0.0, 6.0):
            pen.line([(dx, head_y - hr * 0.95), (dx, head_y - hr * 0.6)], darker(b.fur, 0.45), 2)
    if "spots" in b.marks:
        for sx, sy in ((-8.0, -22.0), (7.0, -14.0), (-3.0, -8.0)):
            pen.circle(sx, sy, 3.0, darker(b.fur, 0.35), None)
    if "horn" in b.marks:
        pen.poly([(-3, head_y - hr + 2), (0, head_y - hr - 16), (3, head_y - hr + 2)],
                 (255, 220, 120))  # fmt: skip
        pen.blob([(-6, head_y - hr + 1, 5), (0, head_y - hr - 1, 5)], (190, 150, 240))
    if "trunk" in b.marks:
        pen.capsule([(0, head_y + 4), (2, head_y + 14), (8, head_y + 20)], 4.0, b.fur)
    snout = "trunk" not in b.marks
    if snout:
        pen.ellipse(0, head_y + hr * 0.35, hr * 0.42, hr * 0.3, b.belly, None)
        pen.ellipse(0, head_y + hr * 0.22, hr * 0.14, hr * 0.1, INK, None)
    _face(pen, 0, head_y - 1, hr, mouth=False)
    pen.arc(0, head_y + hr * 0.42, hr * 0.16, hr * 0.12, 20, 160, INK, 0.9)


def _beast_drawer(b: Beast) -> Callable[[Pen, Pose], None]:
    return lambda pen, pose: _beast(pen, b, pose)


def _octopus(pen: Pen, pose: Pose) -> None:
    body = (230, 120, 170)
    for i in range(6):
        x0 = -16 + i * 6.4
        wave = 4 if i % 2 else -4
        pen.capsule([(x0, -18), (x0 + wave, -8), (x0 - wave * 0.5, -2)], 3.4, darker(body, 0.05))
    pen.ellipse(0, -30, 19, 20, body)
    pen.circle(-8, -40, 3.2, lighter(body, 0.4), None)
    _face(pen, 0, -28, 16)


def _whale(pen: Pen, pose: Pose) -> None:
    blue = (90, 150, 220)
    pen.poly([(22, -16), (36, -30), (38, -12), (30, -14)], blue)
    pen.ellipse(0, -18, 28, 17, blue)
    pen.ellipse(-4, -10, 20, 8, (220, 236, 250), None)
    for dx in (-4.0, 0.0, 4.0):  # a spout
        pen.line([(-6, -34), (-6 + dx * 2, -46)], (150, 210, 255), 2.2)
    _face(pen, -12, -20, 11)


def _dolphin(pen: Pen, pose: Pose) -> None:
    grey = (130, 170, 210)
    pen.taper([(-26, -14), (-8, -26), (12, -26), (28, -16)], [3, 9, 8, 3], grey)
    pen.poly([(2, -30), (8, -42), (12, -28)], grey)
    pen.poly([(26, -18), (36, -26), (34, -10)], grey)
    _face(pen, -14, -22, 8)


def _fish(pen: Pen, pose: Pose) -> None:
    orange = (255, 150, 70)
    pen.poly([(14, -20), (28, -30), (28, -10)], darker(orange, 0.1))
    pen.ellipse(0, -20, 16, 12, orange)
    pen.line([(2, -30), (2, -10)], lighter(orange, 0.4), 2.5)
    _face(pen, -7, -21, 8)


def _shark(pen: Pen, pose: Pose) -> None:
    grey = (150, 170, 190)
    pen.poly([(20, -20), (34, -34), (32, -8)], grey)
    pen.poly([(-2, -30), (6, -46), (10, -30)], grey)
    pen.ellipse(0, -20, 24, 13, grey)
    pen.ellipse(-4, -14, 16, 6, WHITE, None)
    _face(pen, -12, -22, 9)


def _crab(pen: Pen, pose: Pose) -> None:
    red = (235, 90, 70)
    for k in (-1, 1):
        for i in range(3):
            pen.line([(k * 10, -10 + i * 2), (k * (20 + i * 2), -2 + i * 1.5)], darker(red), 2.2)
        pen.capsule([(k * 14, -20), (k * 22, -32)], 3, red)
        pen.circle(k * 23, -36, 6, red)
        pen.poly([(k * 23, -40), (k * 27, -44), (k * 25, -36)], lighter(red, 0.6), None)
    pen.ellipse(0, -16, 18, 11, red)
    for k in (-1, 1):
        pen.line([(k * 5, -24), (k * 6, -32)], INK, 1.5)
        pen.circle(k * 6, -33, 3, WHITE)
        pen.circle(k * 6, -33, 1.4, INK, None)
    pen.arc(0, -14, 4, 3, 20, 160, INK, 0.9)


def _penguin(pen: Pen, pose: Pose) -> None:
    black = (50, 60, 80)
    pen.ellipse(0, -26, 16, 25, black)
    pen.ellipse(0, -22, 11, 19, WHITE, None)
    for k in (-1, 1):
        dx, dy = pose.right if k > 0 else pose.left
        pen.capsule([(k * 14, -32), (k * (16 + dx * 0.3), -22 + dy * 0.3)], 3.5, black)
        pen.ellipse(k * 6, -1, 5.5, 2.5, (255, 170, 60))
    pen.poly([(-3, -37), (3, -37), (0, -32)], (255, 170, 60))
    _face(pen, 0, -40, 9, mouth=False)


def _bird(colour: RGB, beak: RGB, body_ry: float = 14.0, crest: bool = False,
          owl: bool = False) -> Callable[[Pen, Pose], None]:  # fmt: skip
    def draw(pen: Pen, pose: Pose) -> None:
        pen.poly([(12, -14), (22, -18), (20, -8)], darker(colour, 0.15))
        pen.ellipse(0, -16, 14, body_ry, colour)
        pen.ellipse(0, -12, 8, body_ry * 0.6, lighter(colour, 0.5), None)
        wing_up = -10 if pose.name in ("cheer", "jump", "wave") else 0
        pen.ellipse(10, -18 + wing_up, 5, 9, darker(colour, 0.12))
        hy = -16 - body_ry - 6
        if owl:
            for k in (-1, 1):
                pen.poly([(k * 4, hy - 8), (k * 10, hy - 16), (k * 11, hy - 6)], colour)
        pen.circle(0, hy, 10, colour)
        if crest:
            pen.blob([(0, hy - 10, 3), (3, hy - 12, 2.5)], darker(colour, 0.2))
        if owl:
            for k in (-1, 1):
                pen.circle(k * 4.5, hy - 1, 4.2, WHITE)
                pen.circle(k * 4.5, hy - 1, 2, INK, None)
        else:
            _face(pen, 0, hy - 1, 9, mouth=False)
        pen.poly([(-3, hy + 2), (3, hy + 2), (0, hy + 7)], beak)
        for k in (-1, 1):
            pen.line([(k * 4, -3), (k * 5, 0)], beak, 2)

    return draw


def _bee(pen: Pen, pose: Pose) -> None:
    for k in (-1, 1):
        pen.ellipse(k * 8, -40, 8, 6, (230, 245, 255))
    pen.ellipse(0, -30, 14, 11, (255, 210, 60))
    for dx in (-4.0, 4.0):
        pen.line([(dx, -40), (dx, -20)], INK, 3)
    pen.circle(-14, -32, 7, (255, 210, 60))
    _face(pen, -14, -32, 6, mouth=False)


def _butterfly(pen: Pen, pose: Pose) -> None:
    for k in (-1, 1):
        pen.ellipse(k * 10, -40, 10, 9, (170, 130, 235))
        pen.ellipse(k * 8, -27, 7, 6, (255, 160, 200))
        pen.circle(k * 10, -40, 3, WHITE, None)
    pen.capsule([(0, -46), (0, -22)], 2.5, (90, 70, 90))
    pen.line([(0, -46), (-4, -54)], INK, 1.2)
    pen.line([(0, -46), (4, -54)], INK, 1.2)


def _ladybug(pen: Pen, pose: Pose) -> None:
    pen.ellipse(0, -12, 16, 12, (230, 60, 60))
    pen.line([(0, -24), (0, -1)], INK, 1.5)
    for sx, sy in ((-7.0, -14.0), (7.0, -14.0), (-6.0, -6.0), (6.0, -6.0)):
        pen.circle(sx, sy, 2.6, INK, None)
    pen.circle(-15, -14, 6, (60, 60, 70))
    _face(pen, -15, -14, 5, mouth=False)


def _snail(pen: Pen, pose: Pose) -> None:
    pen.capsule([(-18, -4), (16, -4)], 4, (200, 220, 150))
    pen.circle(2, -16, 12, (220, 160, 90))
    pen.arc(2, -16, 6, 6, 0, 300, darker((220, 160, 90), 0.3), 2)
    pen.circle(-18, -10, 5, (200, 220, 150))
    _face(pen, -18, -10, 4.5, mouth=False)


def _seal(pen: Pen, pose: Pose) -> None:
    grey = (160, 170, 185)
    pen.taper([(-8, -30), (0, -14), (18, -4)], [9, 12, 4], grey)
    pen.circle(-6, -34, 10, grey)
    pen.ellipse(-6, -30, 4, 3, lighter(grey, 0.4), None)
    _face(pen, -6, -35, 8, mouth=False)


@dataclass(frozen=True)
class Person:
    hair: RGB
    top: RGB
    bottom: RGB
    hair_style: str = "short"  # short / bun / long / bald / curly
    extras: tuple[str, ...] = ()  # glasses, beard, helmet, cap, crown, hat, wings, tail, coat


def _person(pen: Pen, p: Person, pose: Pose) -> None:
    if "wings" in p.extras:
        for k in (-1, 1):
            pen.ellipse(k * 18, -62, 12, 18, (220, 240, 255))
    if "tail" in p.extras:  # a mermaid
        pen.taper([(0, -44), (2, -24), (-2, -6)], [12, 10, 3], (90, 200, 180))
        pen.poly([(-2, -6), (-14, 2), (10, 2)], (90, 200, 180))
    else:
        for k in (-1, 1):
            pen.capsule([(k * 6, -40), (k * 7 + pose.stride * k * 0.4, -4)], 4.5, p.bottom)
            pen.ellipse(k * 8, -2, 6, 3, (90, 70, 60))
    if p.hair_style == "long":
        pen.rrect(-15, -86, 15, -56, 10, p.hair)
    coat = "coat" in p.extras
    pen.rrect(-13, -64, 13, -36 if not coat else -22, 7, p.top)
    for k in (-1, 1):
        dx, dy = pose.right if k > 0 else pose.left
        hx, hy = k * (12 + dx * 0.8), -60 + dy * 0.9
        pen.capsule([(k * 12, -60), (hx, hy)], 3.6, p.top)
        pen.circle(hx, hy, 3.6, SKIN)
    pen.circle(0, -76, 13, SKIN)
    if p.hair_style == "short":
        pen.blob([(-8, -86, 7), (0, -89, 8), (8, -86, 7)], p.hair)
    elif p.hair_style == "bun":
        pen.circle(0, -92, 6, p.hair)
        pen.blob([(-9, -84, 6), (0, -88, 8), (9, -84, 6)], p.hair)
    elif p.hair_style == "curly":
        pen.blob([(-10, -82, 6), (-4, -89, 6), (4, -89, 6), (10, -82, 6)], p.hair)
    elif p.hair_style == "long":
        pen.blob([(-8, -85, 7), (0, -89, 8), (8, -85, 7)], p.hair)
    elif p.hair_style == "bald":
        for k in (-1, 1):
            pen.circle(k * 12, -79, 4, p.hair)
    _face(pen, 0, -75, 12)
    if "glasses" in p.extras:
        for k in (-1, 1):
            pen.circle(k * 4.6, -76, 3.6, None, INK, 0.8)
    if "beard" in p.extras:
        pen.blob([(-6, -66, 5), (0, -64, 6), (6, -66, 5)], p.hair)
    if "helmet" in p.extras:
        pen.ellipse(0, -86, 15, 8, (230, 70, 60))
        pen.rrect(-17, -84, 17, -80, 2, (230, 70, 60))
    if "space" in p.extras:
        pen.circle(0, -76, 17, None, (200, 220, 240), 2.5)
    if "cap" in p.extras:
        pen.ellipse(0, -88, 13, 6, (50, 80, 160))
        pen.rrect(0, -86, 18, -83, 1.5, (50, 80, 160))
    if "crown" in p.extras:
        pen.poly([(-9, -88), (-9, -98), (-4, -92), (0, -100), (4, -92), (9, -98), (9, -88)],
                 (255, 210, 70))  # fmt: skip
    if "hat" in p.extras:  # santa's hat / pirate's hat
        pen.poly([(-14, -86), (14, -86), (4, -104)], p.top)
        pen.circle(4, -104, 3, WHITE)
    if "medic" in p.extras:
        pen.rrect(-3, -56, 3, -44, 1, (230, 60, 60), None)
        pen.rrect(-6, -53, 6, -47, 1, (230, 60, 60), None)


def _person_drawer(p: Person) -> Callable[[Pen, Pose], None]:
    return lambda pen, pose: _person(pen, p, pose)


def _hero_drawer(kind: HeroKind) -> Callable[[Pen, Pose], None]:
    from .figures import draw_boy, draw_girl, draw_princess

    fn = {HeroKind.CAT: draw_cat, HeroKind.FROG: draw_frog, HeroKind.DINOSAUR: draw_dinosaur,
          HeroKind.ROBOT: draw_robot, HeroKind.BOY: draw_boy, HeroKind.GIRL: draw_girl,
          HeroKind.PRINCESS: draw_princess}[kind]  # fmt: skip
    look = hero_look(Hero(kind, f"companion-{kind.value}"))
    return lambda pen, pose: fn(pen, look, pose)


def _dragon(pen: Pen, pose: Pose) -> None:
    for k in (-1, 1):
        pen.poly([(k * 8, -50), (k * 30, -74), (k * 26, -46)], (255, 170, 120))
    _hero_drawer(HeroKind.DINOSAUR)(pen, pose)


def _unicorn(pen: Pen, pose: Pose) -> None:
    _beast(pen, Beast((252, 248, 255), (255, 230, 245), "pointy", "fluffy", ("horn",)), pose)


def _alien(pen: Pen, pose: Pose) -> None:
    green = (140, 220, 120)
    for k in (-1, 1):
        pen.line([(k * 6, -60), (k * 12, -74)], INK, 1.5)
        pen.circle(k * 12, -75, 3, (255, 220, 90))
        pen.capsule([(k * 6, -20), (k * 7, -2)], 3.5, green)
    pen.ellipse(0, -30, 12, 14, green)
    pen.ellipse(0, -50, 16, 13, green)
    pen.circle(0, -52, 6, WHITE)
    pen.circle(0, -52, 3, INK, None)
    pen.arc(0, -45, 4, 3, 20, 160, INK, 0.9)


def _monster(pen: Pen, pose: Pose) -> None:
    fur = (150, 120, 230)
    pen.blob([(0, -24, 20), (-10, -36, 10), (10, -36, 10)], fur)
    for k in (-1, 1):
        pen.poly([(k * 8, -42), (k * 14, -56), (k * 16, -40)], (255, 220, 120))
        pen.ellipse(k * 9, -2, 6, 3, darker(fur, 0.2))
    for k in (-1, 1):
        pen.circle(k * 7, -32, 5, WHITE)
        pen.circle(k * 7, -32, 2.4, INK, None)
    pen.arc(0, -22, 7, 5, 10, 170, INK, 1.2)
    pen.poly([(-3, -18), (0, -14), (3, -18)], WHITE, None)


def _teddy(pen: Pen, pose: Pose) -> None:
    _beast(pen, Beast((196, 140, 90), (235, 200, 160), "round", "none", ()), pose)


COMPANIONS: dict[str, Callable[[Pen, Pose], None]] = {
    "octopus": _octopus, "whale": _whale, "dolphin": _dolphin, "fish": _fish, "shark": _shark,
    "crab": _crab, "penguin": _penguin, "seal": _seal, "bee": _bee, "butterfly": _butterfly,
    "ladybug": _ladybug, "snail": _snail, "alien": _alien, "monster": _monster,
    "dragon": _dragon, "unicorn": _unicorn, "teddy": _teddy,
    "turtle": _beast_drawer(Beast((150, 200, 120), (220, 240, 190), "none", "short", ("shell",))),
    "polar_bear": _beast_drawer(Beast((250, 250, 255), (230, 236, 245), "round", "short")),
    "hedgehog": _beast_drawer(Beast((200, 160, 120), (245, 220, 190), "round", "none", ("spikes",))),
    "puppy": _beast_drawer(Beast((230, 190, 140), (250, 235, 215), "floppy", "curl")),
    "rabbit": _beast_drawer(Beast((250, 250, 250), (255, 225, 230), "long", "fluffy")),
    "elephant": _beast_drawer(Beast((170, 180, 200), (200, 208, 222), "big", "long", ("trunk",))),
    "giraffe": _beast_drawer(Beast((250, 200, 90), (255, 235, 180), "horns", "long", ("neck", "spots"))),
    "lion": _beast_drawer(Beast((245, 190, 90), (255, 230, 180), "round", "long", ("mane",))),
    "tiger": _beast_drawer(Beast((250, 160, 60), (255, 236, 210), "round", "long", ("stripes",))),
    "monkey": _beast_drawer(Beast((170, 120, 80), (240, 210, 170), "big", "curl")),
    "bear": _beast_drawer(Beast((160, 110, 70), (220, 180, 130), "round", "short")),
    "panda": _beast_drawer(Beast((250, 250, 250), (235, 235, 235), "round", "short", ("spots",))),
    "fox": _beast_drawer(Beast((245, 140, 60), (255, 240, 225), "pointy", "fluffy")),
    "squirrel": _beast_drawer(Beast((200, 130, 70), (245, 215, 175), "pointy", "fluffy")),
    "mouse": _beast_drawer(Beast((190, 190, 200), (240, 225, 230), "big", "long")),
    "pig": _beast_drawer(Beast((255, 190, 200), (255, 215, 222), "pointy", "curl")),
    "cow": _beast_drawer(Beast((250, 250, 250), (255, 220, 225), "horns", "long", ("spots",))),
    "horse": _beast_drawer(Beast((200, 150, 100), (235, 205, 170), "pointy", "fluffy")),
    "sheep": _beast_drawer(Beast((250, 248, 240), (235, 230, 220), "floppy", "fluffy")),
    "reindeer": _beast_drawer(Beast((170, 120, 80), (230, 200, 160), "pointy", "short", ("antlers",))),
    "duck": _bird((255, 225, 90), (255, 150, 50)),
    "chick": _bird((255, 235, 120), (255, 160, 60), 11.0),
    "bird": _bird((120, 180, 240), (255, 190, 80), 12.0, crest=True),
    "owl": _bird((170, 130, 100), (255, 200, 90), 15.0, owl=True),
    "cat": _hero_drawer(HeroKind.CAT), "frog": _hero_drawer(HeroKind.FROG),
    "dinosaur": _hero_drawer(HeroKind.DINOSAUR), "robot": _hero_drawer(HeroKind.ROBOT),
    "friend": _hero_drawer(HeroKind.GIRL), "baby": _hero_drawer(HeroKind.BOY),
    "grandma": _person_drawer(Person((215, 215, 225), (190, 120, 200), (120, 110, 160), "bun", ("glasses",))),
    "grandpa": _person_drawer(Person((210, 210, 215), (120, 160, 110), (110, 100, 90), "bald", ("glasses", "beard"))),
    "mom": _person_drawer(Person((90, 60, 50), (255, 140, 130), (80, 110, 180), "long")),
    "dad": _person_drawer(Person((50, 40, 40), (80, 140, 220), (70, 70, 90), "short")),
    "teacher": _person_drawer(Person((120, 80, 50), (250, 190, 80), (90, 90, 120), "bun", ("glasses",))),
    "doctor": _person_drawer(Person((60, 50, 50), (250, 250, 250), (120, 170, 200), "short", ("coat", "medic"))),
    "firefighter": _person_drawer(Person((60, 50, 50), (230, 80, 60), (60, 60, 70), "short", ("helmet",))),
    "police": _person_drawer(Person((60, 50, 50), (60, 90, 170), (50, 60, 90), "short", ("cap",))),
    "astronaut": _person_drawer(Person((60, 50, 50), (236, 240, 246), (220, 226, 236), "short", ("space",))),
    "pirate": _person_drawer(Person((60, 40, 30), (200, 60, 60), (60, 60, 80), "curly", ("beard",))),
    "santa": _person_drawer(Person((245, 245, 245), (220, 50, 50), (200, 40, 40), "bald", ("beard", "hat", "coat"))),
    "king": _person_drawer(Person((120, 80, 40), (150, 80, 200), (250, 210, 80), "short", ("crown", "coat"))),
    "mermaid": _person_drawer(Person((240, 120, 90), (120, 200, 190), (90, 200, 180), "long", ("tail",))),
    "fairy": _person_drawer(Person((250, 210, 100), (255, 180, 220), (255, 200, 230), "long", ("wings",))),
}  # fmt: skip

# Height in figure units, to scale each companion next to the hero (a grown-up is ~100).
COMPANION_HEIGHT: dict[str, float] = {
    "whale": 50, "giraffe": 95, "elephant": 70, "dinosaur": 100, "dragon": 100, "robot": 100,
    "cat": 100, "frog": 100, "friend": 110, "baby": 110, "unicorn": 70, "horse": 70,
    "polar_bear": 70, "bear": 70, "lion": 68, "tiger": 68,
}  # fmt: skip


def companion_for(key: str) -> str:
    """The drawing for ``key``: its own, or the nearest kind ("unknown:..." keys arrive here
    already mapped by the storyteller; anything else falls back to a friendly monster)."""
    return key if key in COMPANIONS else "monster"


def draw_companion(pen: Pen, key: str, pose_name: str = "stand") -> str:
    """Draws ``key`` at the pen's origin; returns what was drawn."""
    drawn = companion_for(key)
    pose = next((p for p in POSES if p.name == pose_name), POSES[0])
    COMPANIONS[drawn](pen, pose)
    return drawn
