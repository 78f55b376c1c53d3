"""What a job tells the world while it runs: small frozen dataclasses, one JSON line each.

Every job ends with exactly one of Finished, Failed or JobCancelled.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .errors import FailureCode

__all__ = [
    "Event",
    "Failed",
    "Finished",
    "JobCancelled",
    "Notice",
    "Notify",
    "PageImage",
    "PagePreview",
    "PageText",
    "Progress",
    "Stage",
    "StageStarted",
    "StoryStarted",
    "event_to_dict",
]


class Stage(StrEnum):
    SAFETY = "safety"
    STORY = "story"
    PICTURES = "pictures"
    SAVING = "saving"


@dataclass(frozen=True)
class StageStarted:
    stage: Stage


@dataclass(frozen=True)
class StoryStarted:
    """The title and look of the book are known; the book exists on the shelf from now on."""

    book_id: str
    title: str
    page_count: int
    theme: str = ""  # the theme the book is about: the child's, or its gentle replacement


@dataclass(frozen=True)
class PageText:
    index: int
    text: str
    scene_prompt: str
    text_alt: str | None = None


@dataclass(frozen=True)
class PageImage:
    index: int
    path: str  # absolute path of the saved PNG


@dataclass(frozen=True)
class PagePreview:
    """A small, rough look at a page that is still being drawn (replaced by its PageImage)."""

    index: int
    path: str  # a throw-away JPEG in the cache folder; gone once the book is done
    step: int
    steps: int


@dataclass(frozen=True)
class Progress:
    """Overall fraction 0..1 of the job, plus where inside the current stage we are."""

    fraction: float
    stage: Stage
    page: int | None = None
    step: int | None = None
    steps: int | None = None


@dataclass(frozen=True)
class Notice:
    """Something a parent may want to know that does not stop the book (e.g. a fallback)."""

    code: str
    detail: str


@dataclass(frozen=True)
class Finished:
    book_id: str
    path: str  # the book folder


@dataclass(frozen=True)
class Failed:
    reason: str  # for logs and the parent view
    code: FailureCode  # each has a kind child message (engine.messages)
    child_message: str  # already in the book's language
    book_id: str | None = None


@dataclass(frozen=True)
class JobCancelled:
    """The job stopped because it was asked to. Not ``cancel.Cancelled`` (the exception that
    unwinds the work); on the wire it is still ``"event": "Cancelled"``."""

    book_id: str | None = None


Event = (
    StageStarted
    | StoryStarted
    | PageText
    | PageImage
    | PagePreview
    | Progress
    | Notice
    | Finished
    | Failed
    | JobCancelled
)


def event_to_dict(event: Event) -> dict[str, Any]:
    """A flat dict with the event's type name under "event" (for --events jsonl)."""
    name = "Cancelled" if isinstance(event, JobCancelled) else type(event).__name__
    return {"event": name, **dataclasses.asdict(event)}


# how a writer tells the parent view about retries, format changes and replaced pages
Notify = Callable[[Notice], None]
