"""The safety word lists and patterns, read once from ``resources/safety/{en,ko}.toml``.

They are data, not code, so a reviewer can read (and the bench can measure) every entry; the
rules that use them live in ``rules.py``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from ..resources import resource_path

__all__ = ["Lexicon", "lexicon"]


@dataclass(frozen=True)
class Lexicon:
    """One language's lists: gentle substitutions, harm parts, adult/profanity/slur words."""

    soften: dict[str, str]
    harm_verbs: frozenset[str]
    people_only: frozenset[str]
    people: frozenset[str]
    pets: frozenset[str]
    animals: frozenset[str]
    fillers: frozenset[str]
    harm_severe: tuple[str, ...]
    adult: tuple[str, ...]
    profanity: tuple[str, ...]
    slurs: tuple[str, ...]
    injection: tuple[re.Pattern[str], ...]
    model_threshold: float
    korcen_exclude: tuple[re.Pattern[str], ...]
    model_exclude: tuple[str, ...]

    @property
    def victims(self) -> frozenset[str]:
        return self.people | self.pets | self.animals


@cache
def lexicon(lang: str) -> Lexicon:
    """The lists for ``lang`` ("ko" or "en"; anything else reads the English lists)."""
    name = "ko" if lang == "ko" else "en"
    with resource_path("safety", f"{name}.toml").open("rb") as f:
        data = tomllib.load(f)
    harm = data["harm"]
    return Lexicon(
        soften={str(k): str(v) for k, v in data["soften"].items()},
        harm_verbs=frozenset(harm["verbs"]),
        people_only=frozenset(harm["people_only"]),
        people=frozenset(harm["people"]),
        pets=frozenset(harm["pets"]),
        animals=frozenset(harm["animals"]),
        fillers=frozenset(harm.get("fillers", ())),
        harm_severe=tuple(harm["severe"]),
        adult=tuple(data["adult"]["severe"]),
        profanity=tuple(data["profanity"]["words"]),
        slurs=tuple(data["slurs"]["words"]),
        injection=tuple(re.compile(p, re.IGNORECASE) for p in data["injection"]["patterns"]),
        model_threshold=float(data["profanity"].get("model_threshold", 0.8)),
        korcen_exclude=tuple(re.compile(p) for p in data["profanity"].get("korcen_exclude", ())),
        model_exclude=tuple(data["profanity"].get("model_exclude", ())),
    )
