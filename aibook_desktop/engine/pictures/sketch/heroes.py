"""The hero's look (fixed per hero, so every page shows the same friend) and its poses."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass

from ...book import Hero, HeroKind
from .canvas import INK, RGB, Pen

__all__ = ["POSES", "HeroLook", "Pose", "face", "hero_look", "look_key"]


@dataclass(frozen=True)
class HeroLook:
    """Everything about how a hero looks. It depends on the kind and name, never on the page."""

    kind: HeroKind
    skin: RGB  # skin, fur, scales or metal: the main body colour
    main: RGB  # clothes, or the second body colour
    accent: RGB  # cape, scarf, bow, belly, screen details
    hair: RGB
    extra: RGB  # shoes, spikes, trim
    style: int  # hairstyle or pattern variant (0-2)


@dataclass(frozen=True)
class Pose:
    """Where the hands go (relative to the shoulders), how the legs stand, where the eyes look."""

    name: str
    right: tuple[float, float]
    left: tuple[float, float]
    lift: float = 0.0  # units above the ground (jumping)
    stride: float = 0.0  # feet apart forwards/backwards (walking)
    look: tuple[float, float] = (0.0, 0.0)
    open_mouth: bool = False


POSES: tuple[Pose, ...] = (
    Pose("stand", (9, 17), (9, 17)),
    Pose("wave", (20, -22), (9, 17), open_mouth=True),
    Pose("jump", (13, -19), (13, -19), lift=16, open_mouth=True),
    Pose("look_up", (14, -14), (9, 17), look=(0.6, -1.2)),
    Pose("walk", (11, 13), (3, 18), stride=6, look=(1.0, 0.0)),
    Pose("cheer", (19, -15), (19, -15), open_mouth=True),
)

SKINS: tuple[RGB, ...] = ((255, 222, 196), (248, 208, 172), (232, 184, 146), (196, 142, 104))
HAIRS: tuple[RGB, ...] = ((70, 48, 40), (40, 34, 40), (120, 76, 46), (196, 120, 60))
CLOTHES: tuple[RGB, ...] = (
    (80, 160, 235),
    (255, 130, 110),
    (120, 200, 120),
    (255, 196, 70),
    (170, 130, 230),
    (255, 150, 190),
)
ME_SHIRTS: tuple[RGB, ...] = ((120, 200, 120), *CLOTHES)
CHEEK: RGB = (255, 150, 150)
WHITE: RGB = (255, 255, 255)


def _pick(name: str, salt: str, options: tuple[RGB, ...]) -> RGB:
    """A colour chosen by the name; the default hero (empty key) gets the first, hand-picked."""
    if not name:
        return options[0]
    # crc32, not hash(): Python's str hash changes every run, the look must not
    return options[zlib.crc32(f"{salt}:{name}".encode()) % len(options)]


def _style(name: str) -> int:
    return zlib.crc32(f"style:{name}".encode()) % 3 if name else 0


_LOOKS: dict[HeroKind, Callable[[str], HeroLook]] = {
    HeroKind.BOY: lambda n: HeroLook(
        HeroKind.BOY,
        _pick(n, "skin", SKINS[:3]),
        _pick(n, "shirt", CLOTHES[:4]),
        (70, 100, 170),
        _pick(n, "hair", HAIRS),
        (240, 90, 80),
        _style(n),
    ),
    HeroKind.GIRL: lambda n: HeroLook(
        HeroKind.GIRL,
        _pick(n, "skin", SKINS[:3]),
        _pick(n, "dress", CLOTHES[1:]),
        (255, 90, 130),
        _pick(n, "hair", HAIRS),
        (200, 90, 160),
        _style(n),
    ),
    HeroKind.PRINCESS: lambda n: HeroLook(
        HeroKind.PRINCESS,
        _pick(n, "skin", SKINS[:2]),
        (255, 150, 200),
        (255, 215, 80),
        _pick(n, "hair", ((250, 210, 110), (196, 120, 60), (70, 48, 40))),
        (170, 110, 230),
        0,
    ),
    HeroKind.SUPERHERO: lambda n: HeroLook(
        HeroKind.SUPERHERO,
        _pick(n, "skin", SKINS[:3]),
        (60, 120, 230),
        (235, 60, 70),
        _pick(n, "hair", HAIRS[:2]),
        (255, 210, 60),
        0,
    ),
    HeroKind.ME: lambda n: HeroLook(
        HeroKind.ME,
        _pick(n, "skin", SKINS),
        _pick(n, "shirt", ME_SHIRTS),
        _pick(n, "pants", ((70, 100, 170), (90, 90, 110), (120, 90, 160))),
        _pick(n, "hair", HAIRS),
        (255, 200, 50),
        (_style(n) + 1) % 3,
    ),
    HeroKind.CAT: lambda n: HeroLook(
        HeroKind.CAT,
        _pick(n, "fur", ((255, 170, 80), (175, 175, 190), (240, 235, 228), (90, 90, 110))),
        (255, 245, 235),
        _pick(n, "scarf", ((80, 160, 235), (240, 90, 110), (120, 200, 120))),
        (255, 175, 190),
        (255, 210, 60),
        _style(n),
    ),
    HeroKind.FROG: lambda n: HeroLook(
        HeroKind.FROG,
        _pick(n, "skin", ((110, 200, 90), (90, 190, 120), (140, 210, 80))),
        (232, 246, 170),
        _pick(n, "tie", ((240, 80, 90), (255, 180, 60), (80, 150, 240))),
        (60, 140, 60),
        (80, 160, 70),
        0,
    ),
    HeroKind.DINOSAUR: lambda n: HeroLook(
        HeroKind.DINOSAUR,
        _pick(n, "scales", ((120, 200, 150), (110, 180, 230), (190, 160, 230))),
        (255, 240, 180),
        (255, 150, 80),
        (0, 0, 0),
        (255, 150, 80),
        0,
    ),
    HeroKind.ROBOT: lambda n: HeroLook(
        HeroKind.ROBOT,
        (205, 215, 228),
        _pick(n, "paint", ((90, 150, 230), (250, 150, 70), (120, 200, 170))),
        (110, 240, 255),
        (50, 60, 100),
        (255, 90, 90),
        0,
    ),
}


def look_key(hero: Hero) -> str:
    """The part of the name that picks the look; "" for the built-in default in any language.

    Kiki the cat is 고양이 키키 in Korean: both must look like the picture on the hero button.
    """
    kind = HeroKind(hero.kind)
    if kind is HeroKind.ME:  # "Me" is the child: it looks like the card they chose, any name
        return ""
    name = hero.name.strip().lower()
    defaults = {Hero.default(kind, lang).name.strip().lower() for lang in ("ko", "en")}
    return "" if name in defaults or not name else name


def hero_look(hero: Hero) -> HeroLook:
    """The hero's colours and features: the same for every page of every book with this hero."""
    return _LOOKS[HeroKind(hero.kind)](look_key(hero))


def face(
    pen: Pen,
    cx: float,
    cy: float,
    pose: Pose,
    eye_dx: float = 7.5,
    eye_r: float = 3.4,
    mouth_w: float = 5.0,
    cheeks: bool = True,
    eye_colour: RGB = INK,
) -> None:
    """Round shiny eyes, rosy cheeks and a smile: the friendly face every hero shares."""
    lx, ly = pose.look
    for k in (-1, 1):
        ex, ey = cx + k * eye_dx + lx, cy + ly
        pen.ellipse(ex, ey, eye_r * 0.82, eye_r, eye_colour, None)
        pen.circle(ex - eye_r * 0.28, ey - eye_r * 0.38, eye_r * 0.34, WHITE, None)
    if cheeks:
        for k in (-1, 1):
            pen.ellipse(
                cx + k * eye_dx * 1.6, cy + eye_r * 1.9, eye_r * 1.15, eye_r * 0.7, CHEEK, None
            )
    my = cy + eye_r * 1.7
    if pose.open_mouth:
        pts = [(cx - mouth_w, my)]
        pts += [
            (
                cx - mouth_w * (1 - 2 * i / 12),
                my + mouth_w * 0.95 * (1 - (1 - 2 * i / 12) ** 2) ** 0.5,
            )
            for i in range(13)
        ]
        pen.poly(pts, (205, 70, 85), INK, 0.9)
        pen.ellipse(cx, my + mouth_w * 0.62, mouth_w * 0.5, mouth_w * 0.25, (255, 150, 160), None)
    else:
        pen.arc(cx, my - mouth_w * 0.55, mouth_w, mouth_w * 0.85, 25, 155, INK, 1.1)
