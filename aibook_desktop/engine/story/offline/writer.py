"""Story writers; ``OfflineStoryWriter`` tells hand-written arcs in Korean or English, offline.

The offline storyteller needs no model, key or network: it picks an arc from the child's theme
(or the seed), weaves in the hero's name and the theme with correct Korean particles, and fits
every page to the reading length of the child's age.
"""

from __future__ import annotations

import logging
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...book import BookRequest, Hero, HeroKind, PagePlan, Provenance, StoryHeader
from ...cancel import CancelToken
from ...events import Notify
from .. import StoryPart, StoryWriter
from .arcs import (
    ART_STYLES,
    HERO_LOOKS,
    HERO_SHEETS,
    Beat,
    Friend,
    choose_arc,
    choose_friend,
    pick_beats,
)
from .words import (
    KoreanName,
    attach_josa,
    clean_theme,
    english_names,
    korean_name,
    page_length,
    page_length_bounds,
    page_length_target,
    theme_forms,
)

__all__ = [
    "ArcStoryWriter",
    "OfflineStoryWriter",
    "StoryWriter",
    "attach_josa",
    "clean_theme",
    "korean_name",
    "page_length",
    "page_length_bounds",
]

log = logging.getLogger(__name__)

MODEL_ID = "aibook-offline-arcs-v1"
_STYLE_TAIL = ", warm sunlight, cute storybook illustration, vibrant"

_SLOT = re.compile(r"\{(N|n|f|F|T|his|His)(?:\|([^}]*))?\}")
_POSSESSIVE = {HeroKind.GIRL: "her", HeroKind.PRINCESS: "her", HeroKind.CAT: "her",
               HeroKind.ME: "their"}  # fmt: skip


@dataclass(frozen=True)
class _Cast:
    """Who and what one language's sentences name."""

    lang: str
    full: str | KoreanName
    short: str | KoreanName
    friend: str
    themes: tuple[str, ...]
    possessive: str


def _render(template: str, cast: _Cast, full: bool, theme: str) -> str:
    def fill(m: re.Match[str]) -> str:
        slot, particle = m.group(1), m.group(2) or ""
        value: str | KoreanName
        if slot in ("N", "n"):
            value = cast.full if slot == "N" and full else cast.short
        elif slot in ("f", "F"):
            value = cast.friend[:1].upper() + cast.friend[1:] if slot == "F" else cast.friend
        elif slot == "T":
            value = theme
        else:
            value = cast.possessive.capitalize() if slot == "His" else cast.possessive
        if isinstance(value, KoreanName):
            return value.say(particle)
        return attach_josa(value, particle) if particle else value

    # One pass over the template only: a theme that looks like "{N}" stays plain text.
    return _SLOT.sub(fill, template)


def _fit(texts: tuple[str, str], cast: _Cast, age: int, main: bool = True) -> str:
    """The telling that fits the child's page length, nearest the band's target.

    Preference: the whole theme over its short form, the full name over the short one, then
    the length nearest the target (the longer on a tie).
    """
    lo, hi = page_length_bounds(cast.lang, age)
    target = page_length_target(cast.lang, age)
    core, extra = texts
    names = (True, False) if "{N" in core else (False,)
    themes = cast.themes if "{T" in core else ("",)
    tried: list[str] = []
    for theme in themes:
        for full in names:
            one = _render(core, cast, full, theme)
            both = f"{one} {_render(extra, cast, full, theme)}"
            fits = [t for t in (one, both) if lo <= page_length(t, cast.lang) <= hi]
            if fits:
                return min(fits, key=lambda t: (abs(page_length(t, cast.lang) - target), -len(t)))
            tried += [one, both]

    def miss(t: str) -> int:
        n = page_length(t, cast.lang)
        return max(lo - n, n - hi)

    # Only a very long name or theme gets here; the bilingual line may be off by a little.
    log.log(logging.WARNING if main else logging.DEBUG, "no telling of %r fits %d-%d", core, lo, hi)
    return min(tried, key=miss)


def _cast(lang: str, hero: Hero, friend: Friend, themes: list[str]) -> _Cast:
    if lang == "ko":
        full, short = korean_name(hero.name)
        return _Cast(lang, full, short, friend.ko, tuple(themes), "")
    en_full, en_short = english_names(hero.name)
    return _Cast(
        lang, en_full, en_short, friend.en, tuple(themes), _POSSESSIVE.get(hero.kind, "his")
    )


def _scene(beat: Beat, hero: Hero, friend: Friend) -> str:
    subject = HERO_LOOKS[hero.kind]
    if beat.with_friend:
        subject = f"{subject} and {friend.look}"
    return (
        f"(Subject) {subject} (Action) {beat.action} (Context) {beat.context} "
        f"(Environment) {beat.environment}"
    )


def _other_hero(hero: Hero, lang: str, other: str) -> Hero:
    """The hero as the other language calls it: Kiki the cat <-> 고양이 키키; a child's own name
    stays as it was written."""
    if hero.name == Hero.default(hero.kind, lang).name:
        return Hero.default(hero.kind, other)
    return hero


_HERO_WORDS: dict[HeroKind, tuple[str, ...]] = {
    HeroKind.BOY: ("boy", "소년", "남자아이"),
    HeroKind.GIRL: ("girl", "소녀", "여자아이"),
    HeroKind.CAT: ("cat", "kitty", "kitten", "고양이", "야옹"),
    HeroKind.FROG: ("frog", "개구리"),
    HeroKind.PRINCESS: ("princess", "공주"),
    HeroKind.SUPERHERO: ("superhero", "hero", "슈퍼히어로", "영웅"),
    HeroKind.DINOSAUR: ("dinosaur", "dino", "공룡"),
    HeroKind.ROBOT: ("robot", "로봇"),
    HeroKind.ME: (),
}


def _mentions_hero(theme: str, hero: Hero) -> bool:
    lowered = theme.lower()
    return any(
        re.search(rf"\b{word}\b", lowered) if word.isascii() else word in lowered
        for word in _HERO_WORDS[hero.kind]
    )


class ArcStoryWriter:
    """The first offline storyteller (kept as the benchmark's baseline): tells one of twelve
    hand-written arcs and names the theme in it; milliseconds, deterministic, no AI involved.

    With ``request.bilingual`` pages carry the other language in ``text_alt`` too.
    """

    name = "offline-arcs"

    def write(
        self, request: BookRequest, cancel: CancelToken, notify: Notify | None = None
    ) -> Iterator[StoryPart]:
        cancel.check()
        lang, other = request.lang, ("en" if request.lang == "ko" else "ko")
        theme = clean_theme(request.theme.text)
        choice = choose_arc(theme, request.seed)
        arc = choice.arc
        friend = choose_friend(arc, theme, request.seed)
        themes = theme_forms(theme, lang, choice.word_at, choice.word)
        alt_themes = [arc.theme[other], arc.theme[f"{other}_short"]]
        if not themes:  # nothing but "umm": tell the arc's own theme
            themes = [arc.theme[lang], arc.theme[f"{lang}_short"]]
        elif not choice.word:  # no arc keyword to translate: keep the child's own words
            alt_themes = themes
        elif _mentions_hero(theme, request.hero):
            # "a cat who wants to fly to the moon" told about Kiki the cat: the hero is already
            # in the story, so "Kiki dreamed about a trip to the moon" reads better than
            # "Kiki dreamed about a cat who wants to fly to the moon".
            themes = [arc.theme[lang], arc.theme[f"{lang}_short"]]
        cast = _cast(lang, request.hero, friend, themes)
        alt = _cast(other, _other_hero(request.hero, lang, other), friend, alt_themes)
        style = ART_STYLES[random.Random(f"{request.seed}:style").randrange(len(ART_STYLES))]
        log.debug("offline story: arc %s, friend %s, style %s", arc.id, friend.en, style)

        cancel.check()
        yield StoryHeader(
            title=_render(arc.title[lang], cast, False, ""),
            hero_sheet=HERO_SHEETS[request.hero.kind],
            art_style=style + _STYLE_TAIL,
            provenance=Provenance(
                backend=self.name, model=MODEL_ID, seed=request.seed, ai_generated=False
            ),
        )
        for index, beat_no in enumerate(pick_beats(request.pages)):
            beat = arc.beats[beat_no]
            text = _fit(getattr(beat, lang), cast, request.age)
            text_alt = None
            if request.bilingual:
                text_alt = _fit(getattr(beat, other), alt, request.age, main=False)
            cancel.check()
            yield PagePlan(index, text, _scene(beat, request.hero, friend), text_alt)


# The storyteller the app uses: it tells the child's theme from a plan (tell.py).
from .tell import OfflineStoryWriter  # noqa: E402
