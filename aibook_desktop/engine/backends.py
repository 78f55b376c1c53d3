"""Choosing backends from Settings. Heavy modules are imported only when their backend is chosen."""

from __future__ import annotations

import logging

from .protocols import Illustrator, StoryWriter

__all__ = [
    "ILLUSTRATORS",
    "STORY_WRITERS",
    "BackendUnavailable",
    "make_illustrator",
    "make_story_writer",
]

log = logging.getLogger(__name__)

STORY_WRITERS = ("offline", "openai")
ILLUSTRATORS = ("sketch", "sdxl", "openai")


class BackendUnavailable(RuntimeError):
    """A configured backend cannot run here (not installed yet, no weights, no key)."""


def make_story_writer(name: str) -> StoryWriter:
    if name == "offline":
        from .story import OfflineStoryWriter

        return OfflineStoryWriter()
    if name == "openai":
        raise BackendUnavailable(
            "the OpenAI story backend is not part of this build yet (planned in issue #3)"
        )
    raise BackendUnavailable(f"unknown story backend {name!r}; choose one of {STORY_WRITERS}")


def make_illustrator(name: str) -> Illustrator:
    if name == "sketch":
        from .illustrate import SketchIllustrator

        return SketchIllustrator()
    if name in ("sdxl", "openai"):
        raise BackendUnavailable(
            f"the {name} picture backend is not part of this build yet (planned in issue #4)"
        )
    raise BackendUnavailable(f"unknown picture backend {name!r}; choose one of {ILLUSTRATORS}")
