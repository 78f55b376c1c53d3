"""The book and everything that describes it, as plain dataclasses with a versioned JSON form.

Provenance is recorded per page (which backend and model wrote and drew it, with which seed),
so a parent can see what was AI-made and a single page can be redrawn later.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

__all__ = [
    "BOOK_SCHEMA_VERSION",
    "SCENE_SETTINGS",
    "Book",
    "BookFormatError",
    "BookRequest",
    "BookStatus",
    "Hero",
    "HeroKind",
    "Page",
    "PagePlan",
    "Provenance",
    "ScenePlan",
    "StoryHeader",
    "Theme",
    "ThemeSource",
    "now_iso",
]

# The places a story can happen. Scene prompts name one of these words (in English) so that a
# procedural painter and a diffusion model both know where the page is set.
SCENE_SETTINGS = (
    "space",
    "sky",
    "sea",
    "underwater",
    "forest",
    "jungle",
    "town",
    "castle",
    "meadow",
    "snow",
    "mountain",
    "bedroom",
    "desert",
)

BOOK_SCHEMA_VERSION = 1
LANGUAGES = ("ko", "en")
MIN_PAGES, MAX_PAGES = 4, 12
# The kiosk's fields allow 200 (theme) and 24 (name) characters; the CLI and the engine take a
# little more, but a 5,000-character name must never become a title.
# Hard limits every caller meets. A theme's real limit is the safety step's (safety.
# MAX_THEME_CHARS, 200), which fails the book with a kind "say it shorter" message; this one only
# keeps absurd input (a pasted file) out of memory and the shelf.
MAX_THEME_CHARS, MAX_NAME_CHARS = 100_000, 40


class BookFormatError(ValueError):
    """A book.json that cannot be understood (corrupt, truncated or from the future)."""


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class HeroKind(StrEnum):
    BOY = "boy"
    GIRL = "girl"
    CAT = "cat"
    FROG = "frog"
    PRINCESS = "princess"
    SUPERHERO = "superhero"
    DINOSAUR = "dinosaur"
    ROBOT = "robot"
    ME = "me"  # the child's own name


# Generic names only (no trademarked characters); MISSION.md names Kiki the cat and Finn the frog.
_DEFAULT_NAMES: dict[HeroKind, dict[str, str]] = {
    HeroKind.BOY: {"ko": "도윤", "en": "Leo"},
    HeroKind.GIRL: {"ko": "하린", "en": "Mia"},
    HeroKind.CAT: {"ko": "고양이 키키", "en": "Kiki the cat"},
    HeroKind.FROG: {"ko": "개구리 핀", "en": "Finn the frog"},
    HeroKind.PRINCESS: {"ko": "공주 아라", "en": "Princess Ara"},
    HeroKind.SUPERHERO: {"ko": "번개맨 준", "en": "Captain Zoom"},
    HeroKind.DINOSAUR: {"ko": "공룡 토토", "en": "Toto the dinosaur"},
    HeroKind.ROBOT: {"ko": "로봇 삐삐", "en": "Beep the robot"},
    HeroKind.ME: {"ko": "나", "en": "Me"},
}


@dataclass(frozen=True)
class Hero:
    kind: HeroKind
    name: str

    @classmethod
    def default(cls, kind: HeroKind | str, lang: str = "ko", child_name: str = "") -> Hero:
        kind = HeroKind(kind)
        if kind is HeroKind.ME and child_name.strip():
            return cls(kind, child_name.strip())
        return cls(kind, _DEFAULT_NAMES[kind][lang if lang in LANGUAGES else "en"])


class ThemeSource(StrEnum):
    VOICE = "voice"
    CARD = "card"
    TYPED = "typed"


@dataclass(frozen=True)
class Theme:
    text: str
    source: ThemeSource = ThemeSource.TYPED
    # The theme the child asked for when safety redirected it to a gentler one.
    original_text: str | None = None
    # Why it was redirected (privacy.REDIRECT_CATEGORIES) when the raw text is not kept (kiosks)
    redirect: str = ""


@dataclass(frozen=True)
class Provenance:
    """Who made a piece of the book: backend family, model id, seed and the exact prompt."""

    backend: str
    model: str | None = None
    seed: int | None = None
    prompt: str | None = None
    ai_generated: bool = False
    created_at: str = field(default_factory=now_iso)
    note: str | None = None  # e.g. why a fallback backend was used


@dataclass(frozen=True)
class BookRequest:
    """Everything a job needs to make a book; validated here so every caller gets the same rules."""

    hero: Hero
    theme: Theme
    lang: str = "ko"
    pages: int = 8
    age: int = 7
    seed: int = 42
    width: int = 1024
    height: int = 1024
    bilingual: bool = False  # each page in Korean and English side by side

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}, not {self.lang!r}")
        if not MIN_PAGES <= self.pages <= MAX_PAGES:
            raise ValueError(f"a book has {MIN_PAGES}-{MAX_PAGES} pages, not {self.pages}")
        if not 3 <= self.age <= 10:
            raise ValueError(f"age must be 3-10, not {self.age}")
        if not self.theme.text.strip():
            raise ValueError("the theme is empty")
        if len(self.theme.text) > MAX_THEME_CHARS:
            raise ValueError(f"the theme is too long (at most {MAX_THEME_CHARS} characters)")
        if len(self.hero.name) > MAX_NAME_CHARS:
            raise ValueError(f"the name is too long (at most {MAX_NAME_CHARS} characters)")
        for what, text in (("theme", self.theme.text), ("name", self.hero.name)):
            if not _is_utf8(text):  # e.g. a terminal in another encoding (lone surrogates)
                raise ValueError(f"the {what} is not valid text (UTF-8)")
        if not (64 <= self.width <= 2048 and 64 <= self.height <= 2048):
            raise ValueError("picture size must be 64-2048 pixels a side")


@dataclass(frozen=True)
class StoryHeader:
    """The part of a story plan that comes before any page (first in the stream)."""

    title: str
    hero_sheet: str  # English description of the hero's look, reused in every picture prompt
    art_style: str
    provenance: Provenance


@dataclass(frozen=True)
class ScenePlan:
    """What a page's picture shows, so the painter draws what the text says.

    ``characters`` and ``props`` are painter keys ("octopus", "cake"); ``names`` maps a key to
    the word the child used for it when it is not a key the painter knows (an unknown creature
    drawn by its nearest category). Optional on a page: books made before it load without.
    """

    setting: str  # one of SCENE_SETTINGS
    time: str = "day"  # day / morning / evening / night
    weather: str = "clear"  # clear / rain / snow / wind
    season: str = ""  # winter / summer / spring / autumn, or "" when the story does not say
    characters: tuple[str, ...] = ()  # companions besides the hero, painter keys
    props: tuple[str, ...] = ()  # things, painter keys
    action: str = "stand"  # the hero's pose: stand, wave, walk, jump, cheer, reach, ...
    names: tuple[tuple[str, str], ...] = ()  # (painter key, the child's word) for unknown ones

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> ScenePlan | None:
        if not data:
            return None
        return cls(
            setting=str(data["setting"]),
            time=str(data.get("time", "day")),
            weather=str(data.get("weather", "clear")),
            season=str(data.get("season", "")),
            characters=tuple(str(c) for c in data.get("characters", ())),
            props=tuple(str(p) for p in data.get("props", ())),
            action=str(data.get("action", "stand")),
            names=tuple((str(k), str(v)) for k, v in data.get("names", ())),
        )


@dataclass(frozen=True)
class PagePlan:
    index: int  # 0-based
    text: str  # in the child's language
    scene_prompt: str  # English: subject, action, context, environment; no proper names
    text_alt: str | None = None  # the other language, for bilingual books
    scene: ScenePlan | None = None  # what the picture shows (offline storyteller)


@dataclass
class Page:
    index: int
    text: str
    scene_prompt: str
    text_alt: str | None = None
    image_file: str | None = None  # relative to the book folder, e.g. "page-01.png"
    image_provenance: Provenance | None = None
    scene: ScenePlan | None = None  # absent in books made before scene plans

    @classmethod
    def from_plan(cls, plan: PagePlan) -> Page:
        return cls(plan.index, plan.text, plan.scene_prompt, plan.text_alt, scene=plan.scene)


class BookStatus(StrEnum):
    MAKING = "making"
    COMPLETE = "complete"
    CANCELLED = "cancelled"
    FAILED = "failed"
    # Was being made when its process died (kill, power cut); found when the shelf opens. A
    # parent can finish it (the missing pages are written and drawn) or remove it.
    STOPPED = "stopped"


@dataclass
class Book:
    title: str
    lang: str
    hero: Hero
    theme: Theme
    pages: list[Page] = field(default_factory=list)
    page_count: int = 8
    age: int = 7
    seed: int = 42
    hero_sheet: str = ""
    art_style: str = ""
    story_provenance: Provenance | None = None
    status: BookStatus = BookStatus.MAKING
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    created_at: str = field(default_factory=now_iso)
    updated_at: str = field(default_factory=now_iso)
    schema_version: int = BOOK_SCHEMA_VERSION

    @property
    def is_complete(self) -> bool:
        return self.status is BookStatus.COMPLETE

    def page(self, index: int) -> Page | None:
        return next((p for p in self.pages if p.index == index), None)

    def touch(self) -> None:
        self.updated_at = now_iso()

    # ---- JSON -------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Book:
        try:
            version = int(data.get("schema_version", 0))
            if version > BOOK_SCHEMA_VERSION:
                raise BookFormatError(f"book format {version} is newer than this app understands")
            data = _migrate(dict(data), version)
            pages = [_page(p) for p in data["pages"]]
            theme = data["theme"]
            return cls(
                title=str(data["title"]),
                lang=str(data["lang"]),
                hero=Hero(HeroKind(data["hero"]["kind"]), str(data["hero"]["name"])),
                theme=Theme(
                    str(theme["text"]),
                    ThemeSource(theme["source"]),
                    theme.get("original_text"),
                    str(theme.get("redirect", "")),
                ),
                pages=sorted(pages, key=lambda p: p.index),
                page_count=int(data["page_count"]),
                age=int(data["age"]),
                seed=int(data["seed"]),
                hero_sheet=str(data.get("hero_sheet", "")),
                art_style=str(data.get("art_style", "")),
                story_provenance=_prov(data.get("story_provenance")),
                status=BookStatus(data["status"]),
                id=str(data["id"]),
                created_at=str(data["created_at"]),
                updated_at=str(data["updated_at"]),
                schema_version=BOOK_SCHEMA_VERSION,
            )
        except BookFormatError:
            raise
        # OverflowError: "page_count": 1e400; RecursionError: absurdly nested values.
        except (
            AttributeError, KeyError, TypeError, ValueError, OverflowError, RecursionError
        ) as exc:  # fmt: skip
            raise BookFormatError(f"book data is not valid: {exc!r}") from exc

    @classmethod
    def from_json(cls, text: str) -> Book:
        try:
            data = json.loads(text)
        # ValueError: an integer of more than 4,300 digits (Python's int-string limit)
        except (ValueError, RecursionError) as exc:
            raise BookFormatError(f"book.json is not JSON: {exc!r}") from exc
        if not isinstance(data, dict):
            raise BookFormatError("book.json does not hold an object")
        return cls.from_dict(data)


def _prov(data: dict[str, Any] | None) -> Provenance | None:
    if not data:
        return None
    known = {f.name for f in fields(Provenance)}
    return Provenance(**{k: v for k, v in data.items() if k in known})


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _page(data: dict[str, Any]) -> Page:
    """One page, leniently: a newer app's extra keys are ignored and a damaged text becomes an
    empty one, so one bad page never makes the whole book unreadable (only its index must be
    a number)."""
    image = data.get("image_file")
    alt = data.get("text_alt")
    try:
        provenance = _prov(data.get("image_provenance"))
    except (TypeError, AttributeError):
        provenance = None
    try:
        scene = ScenePlan.from_dict(data.get("scene"))
    except (TypeError, AttributeError, ValueError, KeyError):  # damaged: drawn from the text
        scene = None
    return Page(
        index=int(data["index"]),
        text=_text(data.get("text")),
        scene_prompt=_text(data.get("scene_prompt")),
        text_alt=alt if isinstance(alt, str) else None,
        image_file=image if isinstance(image, str) else None,
        image_provenance=provenance,
        scene=scene,
    )


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _migrate(data: dict[str, Any], version: int) -> dict[str, Any]:
    """Upgrade older book.json layouts in place; version 1 is the first, so nothing yet."""
    if version < 1:
        raise BookFormatError("book.json has no schema_version")
    return data
