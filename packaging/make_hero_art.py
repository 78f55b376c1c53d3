"""Writes resources/heroes/<kind>.png, the hero-choice button pictures, from the sketch painter.

The UI only loads these files (it never draws), so run this again after changing how a hero
looks:  python packaging/make_hero_art.py [--size 512] [--out resources/heroes]
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from aibook_desktop.engine.book import HeroKind
from aibook_desktop.engine.pictures.sketch import hero_portrait

log = logging.getLogger("make_hero_art")

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "resources" / "heroes"


def make_hero_art(out: Path, size: int = 512) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in HeroKind:
        path = out / f"{kind.value}.png"
        hero_portrait(kind, size).save(path, optimize=True)
        written.append(path)
        log.info("wrote %s", path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=512, help="side in pixels (default 512)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    make_hero_art(args.out, args.size)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
