"""The story family: the StoryWriter protocol and the factory that picks a writer from Settings.

Backends: ``offline`` (the embedded storyteller) and ``llm`` (any OpenAI-compatible server).
Each backend module is imported only when chosen, so importing this package stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..backend_names import StoryBackend
from ..book import BookRequest, PagePlan, StoryHeader
from ..cancel import CancelToken
from ..errors import BackendUnavailable
from ..events import Notify

if TYPE_CHECKING:
    from ..safety import SafetyResult
    from ..settings import Settings

__all__ = [
    "STORY_WRITERS",
    "StoryBackend",
    "StoryPart",
    "StoryWriter",
    "ThemeChecker",
    "make_story_writer",
]

STORY_WRITERS = tuple(StoryBackend)
StoryPart = StoryHeader | PagePlan


@runtime_checkable
class StoryWriter(Protocol):
    """Writes a story plan as a stream: one StoryHeader first, then PagePlans in page order.

    Streaming lets pictures start while later pages are still being written. Implementations
    call ``cancel.check()`` between pieces and raise ``Cancelled`` when asked to stop; those
    with something worth a parent's attention (a retry, a replaced page) pass it to ``notify``.
    """

    name: str

    def write(
        self, request: BookRequest, cancel: CancelToken, notify: Notify | None = None
    ) -> Iterator[StoryPart]: ...


@runtime_checkable
class ThemeChecker(Protocol):
    """A writer that can check a theme better than the word list (a moderation endpoint).

    It runs the word list itself first; trouble on its side must fall back to the word list.
    """

    def check_theme(self, theme: str, lang: str) -> SafetyResult: ...


def make_story_writer(name: str, settings: Settings | None = None) -> StoryWriter:
    if name == StoryBackend.OFFLINE:
        from .offline import OfflineStoryWriter

        return OfflineStoryWriter()
    if (
        name == StoryBackend.OPENAI
    ):  # any OpenAI-compatible server: a key, or a local server's address
        try:
            from .llm import OpenAIStoryConfig, OpenAIStoryWriter
        except ImportError as exc:
            raise BackendUnavailable(
                f"the openai story backend needs the llm extra (pip install 'aibook-desktop[llm]'):"
                f" {exc}"
            ) from exc
        from ..settings import get_settings

        config = OpenAIStoryConfig.from_settings(settings or get_settings())
        reason = config.unavailable_reason()
        if reason is not None:
            raise BackendUnavailable(reason)
        return OpenAIStoryWriter(config)
    raise BackendUnavailable(f"unknown story backend {name!r}; choose one of {STORY_WRITERS}")
