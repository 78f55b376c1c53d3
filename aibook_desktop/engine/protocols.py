"""The small interfaces every backend family implements; Settings picks one of each at start-up."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from .book import Book, BookRequest, Hero, Page, PagePlan, Provenance, StoryHeader
from .cancel import CancelToken
from .events import Notice

if TYPE_CHECKING:  # Pillow is only needed by whoever draws; keep this module light for the UI
    from PIL import Image

    from .safety import SafetyResult

__all__ = [
    "SCENE_SETTINGS",
    "BatchIllustrator",
    "Illustrator",
    "Notify",
    "PagePreviewCallback",
    "Picture",
    "PictureRequest",
    "PreviewCallback",
    "StepCallback",
    "StoryPart",
    "StoryWriter",
    "ThemeChecker",
]

StoryPart = StoryHeader | PagePlan
# how a writer tells the parent view about retries, format changes and replaced pages
Notify = Callable[[Notice], None]

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
# called as preview(small_rgb_picture, step, steps) every few steps by painters that can show
# a page while it develops (a child watching the picture appear waits more happily)
PreviewCallback = Callable[["Image.Image", int, int], None]
# the same for several pages drawn together: preview(page_index, picture, step, steps)
PagePreviewCallback = Callable[[int, "Image.Image", int, int], None]


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

    @classmethod
    def for_page(
        cls, book: Book, page: Page, *, seed: int, width: int, height: int
    ) -> PictureRequest:
        """The request for one page of a book: the one place a job and a redraw build it."""
        return cls(
            page_index=page.index, page_count=book.page_count, scene_prompt=page.scene_prompt,
            page_text=page.text, theme=book.theme.text, hero=book.hero,
            hero_sheet=book.hero_sheet, art_style=book.art_style, seed=seed, width=width,
            height=height,
        )  # fmt: skip


@dataclass(frozen=True)
class Picture:
    image: Image.Image  # RGB
    provenance: Provenance


@runtime_checkable
class Illustrator(Protocol):
    """Draws one page. Deterministic for a given request (same seed, same picture) wherever the
    backend allows it; one that cannot (a remote image API) says so in the page's provenance.

    ``preview`` is optional to honour: a fast painter never calls it.
    """

    name: str

    def draw(
        self,
        request: PictureRequest,
        cancel: CancelToken,
        progress: StepCallback | None = None,
        preview: PreviewCallback | None = None,
    ) -> Picture: ...


@runtime_checkable
class BatchIllustrator(Illustrator, Protocol):
    """An illustrator that can denoise several pages of one book together (a GPU with room).

    ``max_batch`` may change while a book is made (it halves after running out of memory).
    ``draw_pages`` returns one picture per request, in order; progress covers all of them.
    """

    @property
    def max_batch(self) -> int: ...

    def draw_pages(
        self,
        requests: Sequence[PictureRequest],
        cancel: CancelToken,
        progress: StepCallback | None = None,
        preview: PagePreviewCallback | None = None,
    ) -> list[Picture]: ...
