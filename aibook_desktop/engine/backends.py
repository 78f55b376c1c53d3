"""Choosing backends from Settings. Heavy modules are imported only when their backend is chosen."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from .protocols import Illustrator, StoryWriter

if TYPE_CHECKING:
    from .settings import Settings
    from .speech import Transcriber

__all__ = [
    "ILLUSTRATORS",
    "STORY_WRITERS",
    "BackendUnavailable",
    "make_illustrator",
    "make_story_writer",
    "make_transcriber",
]

log = logging.getLogger(__name__)

STORY_WRITERS = ("offline", "openai")
ILLUSTRATORS = ("sketch", "sdxl", "openai")


class BackendUnavailable(RuntimeError):
    """A configured backend cannot run here (not installed yet, no weights, no key)."""


def make_story_writer(name: str, settings: Settings | None = None) -> StoryWriter:
    if name == "offline":
        from .story import OfflineStoryWriter

        return OfflineStoryWriter()
    if name == "openai":  # any OpenAI-compatible server: a key, or a local server's address
        try:
            from .story_openai import OpenAIStoryConfig, OpenAIStoryWriter
        except ImportError as exc:
            raise BackendUnavailable(
                f"the openai story backend needs the llm extra (pip install 'aibook-desktop[llm]'):"
                f" {exc}"
            ) from exc
        from .settings import get_settings

        config = OpenAIStoryConfig.from_settings(settings or get_settings())
        reason = config.unavailable_reason()
        if reason is not None:
            raise BackendUnavailable(reason)
        return OpenAIStoryWriter(config)
    raise BackendUnavailable(f"unknown story backend {name!r}; choose one of {STORY_WRITERS}")


def make_illustrator(name: str, settings: Settings | None = None) -> Illustrator:
    if name == "sketch":
        from .illustrate import SketchIllustrator

        return SketchIllustrator()
    if name == "sdxl":  # loads the weights now (warm-up), or says why it cannot run here
        from .sdxl.config import illustrator_from_settings
        from .settings import get_settings

        return illustrator_from_settings(settings or get_settings())
    if name == "openai":  # OpenAI's images API (or a compatible server): a key or an address
        try:
            from .pictures_openai import OpenAIImageConfig, OpenAIImageIllustrator
        except ImportError as exc:
            raise BackendUnavailable(
                "the openai picture backend needs the llm extra (pip install "
                f"'aibook-desktop[llm]'): {exc}"
            ) from exc
        from .settings import get_settings

        image_config = OpenAIImageConfig.from_settings(settings or get_settings())
        why = image_config.unavailable_reason()
        if why is not None:
            raise BackendUnavailable(why)
        return OpenAIImageIllustrator(image_config)
    raise BackendUnavailable(f"unknown picture backend {name!r}; choose one of {ILLUSTRATORS}")


def make_transcriber(settings: Settings | None = None, name: str | None = None) -> Transcriber:
    """The speech recogniser (issue #5): ``auto`` never fails (NoRecognizer when none fits).

    Cheap: the model itself loads in the transcriber's ``warm_up`` on the engine thread.
    """
    from .settings import get_settings
    from .speech import SpeechUnavailable, transcriber_from_settings

    try:
        return transcriber_from_settings(settings or get_settings(), name)
    except SpeechUnavailable as exc:
        raise BackendUnavailable(str(exc)) from exc
