"""The small interfaces every backend family implements; Settings picks one of each at start-up."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from .book import BookRequest, Hero, PagePlan, Provenance, StoryHeader
from .cancel import CancelToken

if TYPE_CHECKING:  # Pillow is only needed by whoever draws; keep this module light for the UI
    from PIL import Image

__all__ = [
    "SCENE_SETTINGS",
    "Illustrator",
    "Picture",
    "PictureRequest",
    "StepCallback",
    "StoryPart",
    "StoryWriter",
]

StoryPart = StoryHeader | PagePlan

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
)
# called as progress(step, steps) inside long picture work
StepCallback = Callable[[int, int], None]


@runtime_checkable
class StoryWriter(Protocol):
    """Writes a story plan as a stream: one StoryHeader first, then PagePlans in page order.

    Streaming lets pictures start while later pages are still being written. Implementations
    call ``cancel.check()`` between pieces and raise ``Cancelled`` when asked to stop.
    """

    name: str

    def write(self, request: BookRequest, cancel: CancelToken) -> Iterator[StoryPart]: ...


@dataclass(frozen=True)
class PictureRequest:
    page_index: int  # 0-based
    page_count: int
    scene_prompt: str  # English scene description for this page
    page_text: str  # the page's text in the child's language (procedural painters use it)
    theme: str  # the child's theme, for choosing a setting
    hero: Hero
    hero_sheet: str
    art_style: str
    seed: int  # already the page's seed (book seed family + page index)
    width: int = 1024
    height: int = 1024


@dataclass(frozen=True)
class Picture:
    image: Image.Image  # RGB
    provenance: Provenance


@runtime_checkable
class Illustrator(Protocol):
    """Draws one page. Must be deterministic for a given request (same seed, same picture)."""

    name: str

    def draw(
        self,
        request: PictureRequest,
        cancel: CancelToken,
        progress: StepCallback | None = None,
    ) -> Picture: ...
