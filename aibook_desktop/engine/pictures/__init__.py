"""The picture family: the Illustrator protocol, its request/result types, and the factory.

Backends: ``sketch`` (the embedded painter), ``sdxl`` (local GPU), ``openai_images``. Each is
imported only when chosen, so importing this package stays cheap (no torch, no Pillow).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..backend_names import PictureBackend
from ..book import Book, Hero, Page, Provenance, ScenePlan
from ..cancel import CancelToken
from ..errors import BackendUnavailable

if TYPE_CHECKING:  # Pillow is only needed by whoever draws; keep this module light for the UI
    from PIL import Image

    from ..settings import Settings

__all__ = [
    "ILLUSTRATORS",
    "BatchIllustrator",
    "Illustrator",
    "PagePreviewCallback",
    "Picture",
    "PictureBackend",
    "PictureRequest",
    "PreviewCallback",
    "StepCallback",
    "make_illustrator",
]

ILLUSTRATORS = tuple(PictureBackend)


# called as progress(step, steps) inside long picture work
StepCallback = Callable[[int, int], None]
# called as preview(small_rgb_picture, step, steps) every few steps by painters that can show
# a page while it develops (a child watching the picture appear waits more happily)
PreviewCallback = Callable[["Image.Image", int, int], None]
# the same for several pages drawn together: preview(page_index, picture, step, steps)
PagePreviewCallback = Callable[[int, "Image.Image", int, int], None]


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
    scene: ScenePlan | None = None  # what the page shows, when the storyteller planned it

    @classmethod
    def for_page(
        cls, book: Book, page: Page, *, seed: int, width: int, height: int
    ) -> PictureRequest:
        """The request for one page of a book: the one place a job and a redraw build it."""
        return cls(
            page_index=page.index, page_count=book.page_count, scene_prompt=page.scene_prompt,
            page_text=page.text, theme=book.theme.text, hero=book.hero,
            hero_sheet=book.hero_sheet, art_style=book.art_style, seed=seed, width=width,
            height=height, scene=page.scene,
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


def make_illustrator(name: str, settings: Settings | None = None) -> Illustrator:
    if name == PictureBackend.SKETCH:
        from .sketch import SketchIllustrator

        return SketchIllustrator()
    if (
        name == PictureBackend.SDXL
    ):  # loads the weights now (warm-up), or says why it cannot run here
        from ..settings import get_settings
        from .sdxl.config import illustrator_from_settings

        return illustrator_from_settings(settings or get_settings())
    if (
        name == PictureBackend.OPENAI
    ):  # OpenAI's images API (or a compatible server): a key or an address
        try:
            from .openai_images import OpenAIImageConfig, OpenAIImageIllustrator
        except ImportError as exc:
            raise BackendUnavailable(
                "the openai picture backend needs the llm extra (pip install "
                f"'aibook-desktop[llm]'): {exc}"
            ) from exc
        from ..settings import get_settings

        image_config = OpenAIImageConfig.from_settings(settings or get_settings())
        why = image_config.unavailable_reason()
        if why is not None:
            raise BackendUnavailable(why)
        return OpenAIImageIllustrator(image_config)
    if name == PictureBackend.REMOTE:  # `aibook serve`; the sketch painter when it cannot help
        from ..serving import ServerAddress
        from ..settings import get_settings
        from .remote import RemoteIllustrator
        from .sketch import SketchIllustrator

        address = ServerAddress.from_settings(settings or get_settings())
        problem = address.unavailable_reason()
        if problem is not None:
            raise BackendUnavailable(f"the remote picture backend has {problem}")
        return RemoteIllustrator(address, fallback=SketchIllustrator())
    raise BackendUnavailable(f"unknown picture backend {name!r}; choose one of {ILLUSTRATORS}")
