"""The offline storyteller's hand-written arcs (``resources/stories/*.toml``) and hero looks.

The arcs live in TOML so a writer can edit a story without touching code; this module loads
and validates them once, and picks the arc a child's theme asks for.
"""

from __future__ import annotations

import functools
import logging
import random
import re
import tomllib
from dataclasses import dataclass
from typing import Any

from ...book import SCENE_SETTINGS, HeroKind
from ...resources import resource_path

__all__ = [
    "ART_STYLES",
    "BEATS_PER_ARC",
    "HERO_LOOKS",
    "HERO_SHEETS",
    "KO_PARTICLES",
    "Arc",
    "ArcChoice",
    "Beat",
    "Friend",
    "choose_arc",
    "choose_friend",
    "load_arcs",
    "pick_beats",
    "tokenize",
]

log = logging.getLogger(__name__)

BEATS_PER_ARC = 12
# Fewer pages drop beats in this order, so the spine (setup, problem, climax, warm ending)
# always survives: 4 pages keep beats 0, 2, 9 and 11.
_DROP_ORDER = (4, 7, 3, 10, 1, 8, 5, 6)

ART_STYLES = ("watercolor", "oil pastel", "colored pencil", "crayon", "gouache", "paper cutout")

# Particles a Korean keyword may carry in speech ("달에", "공룡이랑"), longest first.
KO_PARTICLES = (
    "이랑",
    "에서",
    "으로",
    "에게",
    "한테",
    "처럼",
    "까지",
    "하고",
    "에",
    "을",
    "를",
    "이",
    "가",
    "은",
    "는",
    "의",
    "로",
    "와",
    "과",
    "랑",
    "도",
    "만",
)

# How each hero looks, for a picture model: species or person, colours, clothes, one item.
HERO_SHEETS: dict[HeroKind, str] = {
    HeroKind.BOY: "a cheerful little boy with short black hair and round cheeks, wearing a green "
    "hoodie, blue shorts and red sneakers, with a small yellow backpack",
    HeroKind.GIRL: "a cheerful little girl with two black braids tied with red ribbons, wearing "
    "a yellow dress and white sneakers, with a tiny heart-shaped hair clip",
    HeroKind.CAT: "a small orange tabby cat with big green eyes and a white-tipped tail, wearing "
    "a blue knitted scarf, with a little silver bell on a red collar",
    HeroKind.FROG: "a small bright green frog with big round eyes and a wide smile, wearing a "
    "tiny red cap, with a little orange backpack",
    HeroKind.PRINCESS: "a little princess with long brown hair, wearing a pink gown and purple "
    "slippers, with a small golden crown set with a blue gem",
    HeroKind.SUPERHERO: "a small superhero kid with short brown hair, wearing a blue suit with a "
    "yellow lightning bolt on the chest, with a flowing red cape",
    HeroKind.DINOSAUR: "a friendly baby dinosaur with green skin, orange spots and a round "
    "belly, wearing a striped yellow scarf, with a red bow tie",
    HeroKind.ROBOT: "a small round silver robot with a dome head, blue glowing eyes and wheels "
    "for feet, with a red heart-shaped light on its chest",
    HeroKind.ME: "a cheerful young child with a short dark bob and rosy cheeks, wearing a "
    "green sweater with a big yellow star, blue trousers and white sneakers",
}

# The short form of each sheet that opens every scene prompt (no names, ever).
HERO_LOOKS: dict[HeroKind, str] = {
    HeroKind.BOY: "a cheerful little boy in a green hoodie",
    HeroKind.GIRL: "a cheerful little girl with two braids in a yellow dress",
    HeroKind.CAT: "a small orange cat in a blue scarf",
    HeroKind.FROG: "a small green frog in a red cap",
    HeroKind.PRINCESS: "a little princess in a pink gown with a golden crown",
    HeroKind.SUPERHERO: "a small superhero kid in a red cape",
    HeroKind.DINOSAUR: "a friendly baby green dinosaur with a red bow tie",
    HeroKind.ROBOT: "a small round silver robot with a heart light",
    HeroKind.ME: "a cheerful young child with a dark bob in a green star sweater",
}


@dataclass(frozen=True)
class Friend:
    """A companion; ``keys`` are theme words that ask for this friend in particular."""

    ko: str
    en: str  # with its article, e.g. "the moon rabbit"
    look: str  # English, for pictures
    keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class Beat:
    """One page of an arc: a core sentence and an extra one per language, and its scene."""

    setting: str
    ko: tuple[str, str]
    en: tuple[str, str]
    action: str
    context: str
    environment: str
    with_friend: bool = False


@dataclass(frozen=True)
class Arc:
    id: str
    title: dict[str, str]
    theme: dict[str, str]  # the arc's own theme words, for the other language of a book
    strong: dict[str, tuple[str, ...]]  # theme keywords per language
    weak: dict[str, tuple[str, ...]]  # keywords that only break ties ("magic", "friend")
    friends: tuple[Friend, ...]
    beats: tuple[Beat, ...]


def _pair(value: Any, what: str) -> tuple[str, str]:
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
        raise ValueError(f"{what} must be a list of two strings")
    return value[0], value[1]


def _parse_arc(data: dict[str, Any]) -> Arc:
    arc_id = str(data["id"])
    beats = []
    for i, raw in enumerate(data["beat"]):
        setting = str(raw["at"])
        if setting not in SCENE_SETTINGS:
            raise ValueError(f"arc {arc_id} beat {i}: unknown setting {setting!r}")
        action, context, environment = (str(s) for s in raw["scene"])
        beats.append(
            Beat(
                setting,
                _pair(raw["ko"], f"arc {arc_id} beat {i} ko"),
                _pair(raw["en"], f"arc {arc_id} beat {i} en"),
                action,
                context,
                environment,
                bool(raw.get("with", False)),
            )
        )
    if len(beats) != BEATS_PER_ARC:
        raise ValueError(f"arc {arc_id} has {len(beats)} beats, not {BEATS_PER_ARC}")
    friends = tuple(
        Friend(str(f["ko"]), str(f["en"]), str(f["look"]), tuple(f.get("keys", ())))
        for f in data["friend"]
    )
    kw = data["keywords"]
    return Arc(
        id=arc_id,
        title={"ko": str(data["title"]["ko"]), "en": str(data["title"]["en"])},
        theme={k: str(data["theme"][k]) for k in ("ko", "en", "ko_short", "en_short")},
        strong={lang: tuple(kw[lang]) for lang in ("ko", "en")},
        weak={lang: tuple(kw.get(f"{lang}_weak", ())) for lang in ("ko", "en")},
        friends=friends,
        beats=tuple(beats),
    )


@functools.cache
def load_arcs() -> tuple[Arc, ...]:
    """Read every arc once per process; a broken arc file is a packaging bug, so it raises."""
    folder = resource_path("stories")
    arcs = []
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as fh:
            try:
                arcs.append(_parse_arc(tomllib.load(fh)))
            except (KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"story arc {path.name} is broken: {exc}") from exc
    log.debug("loaded %d story arcs", len(arcs))
    return tuple(arcs)


def pick_beats(pages: int) -> list[int]:
    """The beats a book of ``pages`` pages tells, in story order."""
    dropped = set(_DROP_ORDER[: BEATS_PER_ARC - pages])
    return [i for i in range(BEATS_PER_ARC) if i not in dropped]


_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


def tokenize(theme: str) -> list[str]:
    """Lower-cased words, the way keyword matching and theme shortening both see a theme."""
    return [t.lower() for t in _WORD.findall(theme)]


def _ko_hit(token: str, keyword: str) -> str | None:
    """The word the keyword names in ``token`` without its particle ("달에" -> "달"), if any."""
    if token == keyword or (token.startswith(keyword) and token[len(keyword) :] in KO_PARTICLES):
        return keyword
    # A longer keyword may sit inside a compound ("생일파티", "우주선을").
    return token if len(keyword) >= 2 and keyword in token else None


def _en_hit(token: str, keyword: str) -> str | None:
    token = token.removesuffix("'s")
    return token if token in (keyword, keyword + "s", keyword + "es") else None


@dataclass(frozen=True)
class ArcChoice:
    arc: Arc
    word_at: int | None  # index in tokenize(theme) of the word that chose the arc
    word: str | None  # that word, without a Korean particle; None when the seed chose


def _hits(tokens: list[str], keywords: tuple[str, ...], lang: str) -> list[tuple[int, str]]:
    hit = _ko_hit if lang == "ko" else _en_hit
    found = []
    for i, tok in enumerate(tokens):
        for kw in keywords:
            word = hit(tok, kw)
            if word:
                found.append((i, word))
                break
    return found


def choose_arc(theme: str, seed: int) -> ArcChoice:
    """The arc whose keywords the theme names most (earliest wins a tie); else one by seed.

    Both languages' keywords are tried whatever the book's language, since children mix them.
    """
    arcs = load_arcs()
    tokens = tokenize(theme)
    best: tuple[float, int, Arc, str] | None = None
    for arc in arcs:
        score, first, word = 0.0, len(tokens), ""
        for lang in ("ko", "en"):
            strong = _hits(tokens, arc.strong[lang], lang)
            weak = _hits(tokens, arc.weak[lang], lang)
            score += len(strong) + 0.4 * len(weak)
            for i, w in strong or weak:
                if i < first:
                    first, word = i, w
                break
        if score and (best is None or (score, -first) > (best[0], -best[1])):
            best = (score, first, arc, word)
    if best is not None:
        return ArcChoice(best[2], best[1], best[3])
    return ArcChoice(random.Random(f"{seed}:arc").choice(arcs), None, None)


def choose_friend(arc: Arc, theme: str, seed: int) -> Friend:
    """The friend the theme names ("공룡", "owl"), else one picked by seed."""
    tokens = tokenize(theme)
    for friend in arc.friends:
        for lang in ("ko", "en"):
            if _hits(tokens, friend.keys, lang):
                return friend
    return random.Random(f"{seed}:friend:{arc.id}").choice(arc.friends)
