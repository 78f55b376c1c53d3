"""The book and everything that describes it, as plain dataclasses with a versioned JSON form.

Provenance is recorded per page (which backend and model wrote and drew it, with which seed),
so a parent can see what was AI-made and a single page can be redrawn later.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

__all__ = [
    "BOOK_SCHEMA_VERSION",
    "Book",
    "BookFormatError",
    "BookRequest",
    "BookStatus",
    "Hero",
    "HeroKind",
    "Page",
    "PagePlan",
    "Provenance",
    "StoryHeader",
    "Theme",
    "ThemeSource",
    "now_iso",
]

BOOK_SCHEMA_VERSION = 1
LANGUAGES = ("ko", "en")
MIN_PAGES, MAX_PAGES = 4, 12


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
class PagePlan:
    index: int  # 0-based
    text: str  # in the child's language
    scene_prompt: str  # English: subject, action, context, environment; no proper names
    text_alt: str | None = None  # the other language, for bilingual books


@dataclass
class Page:
    index: int
    text: str
    scene_prompt: str
    text_alt: str | None = None
    image_file: str | None = None  # relative to the book folder, e.g. "page-01.png"
    image_provenance: Provenance | None = None

    @classmethod
    def from_plan(cls, plan: PagePlan) -> Page:
        return cls(plan.index, plan.text, plan.scene_prompt, plan.text_alt)


class BookStatus(StrEnum):
    MAKING = "making"
    COMPLETE = "complete"
    CANCELLED = "cancelled"
    FAILED = "failed"


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
            pages = [
                replace(
                    Page(**{k: v for k, v in p.items() if k != "image_provenance"}),
                    image_provenance=_prov(p.get("image_provenance")),
                )
                for p in data["pages"]
            ]
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
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise BookFormatError(f"book data is not valid: {exc!r}") from exc

    @classmethod
    def from_json(cls, text: str) -> Book:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise BookFormatError(f"book.json is not JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise BookFormatError("book.json does not hold an object")
        return cls.from_dict(data)


def _prov(data: dict[str, Any] | None) -> Provenance | None:
    return Provenance(**data) if data else None


def _migrate(data: dict[str, Any], version: int) -> dict[str, Any]:
    """Upgrade older book.json layouts in place; version 1 is the first, so nothing yet."""
    if version < 1:
        raise BookFormatError("book.json has no schema_version")
    return data
