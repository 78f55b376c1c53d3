"""BookMaker: event order, page-by-page saving, streaming overlap, cancel, fallbacks, failures.

The story writers and illustrators here are small implementations of the engine's protocols,
injected through BookMaker's constructor (the same seam the real backends use).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image

from aibook_desktop.engine.book import (
    BookRequest,
    BookStatus,
    Hero,
    PagePlan,
    Provenance,
    StoryHeader,
    Theme,
)
from aibook_desktop.engine.cancel import CancelToken
from aibook_desktop.engine.events import (
    Event,
    Failed,
    Finished,
    JobCancelled,
    Notice,
    Notify,
    PageImage,
    PageText,
    Progress,
    Stage,
    StageStarted,
    StoryStarted,
)
from aibook_desktop.engine.jobs import BookMaker
from aibook_desktop.engine.library import Library, LibraryError
from aibook_desktop.engine.messages import child_message
from aibook_desktop.engine.pictures import Picture, PictureRequest, PreviewCallback, StepCallback
from aibook_desktop.engine.story import StoryPart

TERMINAL = (Finished, Failed, JobCancelled)


class ScriptedWriter:
    """Tells a fixed story; can fail after ``fail_after`` parts or wait for a gate."""

    def __init__(self, pages: int = 4, fail_after: int | None = None, name: str = "scripted"):
        self.name, self.pages, self.fail_after = name, pages, fail_after
        self.gate: threading.Event | None = None  # if set, page 2+ wait for it
        self.all_written = threading.Event()

    def write(
        self, request: BookRequest, cancel: CancelToken, notify: Notify | None = None
    ) -> Iterator[StoryPart]:
        parts: list[StoryPart] = [
            StoryHeader(f"{self.name} title", "a small cat", "crayon", Provenance(self.name))
        ]
        parts += [
            PagePlan(i, f"{self.name} page {i}", f"a cat in the meadow {i}")
            for i in range(self.pages)
        ]
        for n, part in enumerate(parts):
            if self.fail_after is not None and n >= self.fail_after:
                raise ConnectionError("the network went away")
            if self.gate is not None and n >= 2:
                assert self.gate.wait(10), "the job never drained the story queue"
            cancel.check()
            yield part
        self.all_written.set()  # runs once the job has taken the last part off our hands


class FlatIllustrator:
    """Paints a flat colour per page in a few steps; can fail or cancel on a chosen page."""

    def __init__(
        self,
        name: str = "flat",
        fail_on: int | None = None,
        error: str = "CUDA out of memory (simulated at the hardware edge)",
    ):
        self.name, self.fail_on, self.error = name, fail_on, error
        self.cancel_on: tuple[int, CancelToken] | None = None
        self.during_first: Callable[[], None] | None = None

    def draw(
        self,
        request: PictureRequest,
        cancel: CancelToken,
        progress: StepCallback | None = None,
        preview: PreviewCallback | None = None,
    ) -> Picture:
        if request.page_index == self.fail_on:
            raise RuntimeError(self.error)
        for step in range(3):
            if self.cancel_on and self.cancel_on[0] == request.page_index and step == 1:
                self.cancel_on[1].cancel()
            if self.during_first is not None and request.page_index == 0 and step == 1:
                self.during_first()
            if progress:
                progress(step + 1, 3)
        image = Image.new(
            "RGB", (request.width, request.height), (40 * request.page_index, 90, 200)
        )
        return Picture(image, Provenance(self.name, seed=request.seed, prompt=request.scene_prompt))


def _request(pages: int = 4, theme: str = "a cat who flies to the moon") -> BookRequest:
    return BookRequest(Hero.default("cat", "en"), Theme(theme), "en", pages, 7, 100, 64, 64)


def _run(maker: BookMaker, request: BookRequest, cancel: CancelToken | None = None) -> list[Event]:
    events: list[Event] = []
    maker.run(request, events.append, cancel or CancelToken())
    return events


@pytest.fixture
def library(aibook_home: Path) -> Iterator[Library]:
    lib = Library()
    yield lib
    lib.close()


def test_events_in_order_and_every_page_saved(library: Library) -> None:
    events = _run(BookMaker(ScriptedWriter(), FlatIllustrator(), library), _request())
    stages = [e.stage for e in events if isinstance(e, StageStarted)]
    assert stages == [Stage.SAFETY, Stage.STORY, Stage.PICTURES, Stage.SAVING]
    assert [type(e) for e in events if isinstance(e, TERMINAL)] == [Finished]
    assert isinstance(events[-1], Finished)
    assert [e.index for e in events if isinstance(e, PageText)] == [0, 1, 2, 3]
    assert [e.index for e in events if isinstance(e, PageImage)] == [0, 1, 2, 3]
    first_text = next(i for i, e in enumerate(events) if isinstance(e, PageText))
    assert isinstance(events[first_text - 1], StoryStarted | Progress | StageStarted)
    fractions = [e.fraction for e in events if isinstance(e, Progress)]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0

    book = library.load(events[-1].book_id)  # type: ignore[union-attr]
    assert book.status is BookStatus.COMPLETE and book.title == "scripted title"
    for page in book.pages:
        assert page.image_file and (library.book_dir(book.id) / page.image_file).is_file()
        assert page.image_provenance is not None
        assert page.image_provenance.seed == 100 + page.index  # the book's seed family


def test_page_texts_arrive_while_pictures_are_drawn(library: Library) -> None:
    writer, painter = ScriptedWriter(pages=4), FlatIllustrator()
    writer.gate = threading.Event()

    def while_drawing_page_one() -> None:
        assert writer.gate is not None
        writer.gate.set()  # only now may the story go on past its first page
        assert writer.all_written.wait(10)

    painter.during_first = while_drawing_page_one
    events = _run(BookMaker(writer, painter, library), _request())
    order = [(type(e).__name__, getattr(e, "index", None)) for e in events]
    assert order.index(("PageText", 3)) < order.index(("PageImage", 0))


def test_cancel_mid_book_keeps_a_consistent_shelf(library: Library) -> None:
    cancel = CancelToken()
    painter = FlatIllustrator()
    painter.cancel_on = (2, cancel)
    events = _run(BookMaker(ScriptedWriter(), painter, library), _request(), cancel)
    assert [type(e) for e in events if isinstance(e, TERMINAL)] == [JobCancelled]
    assert [e.index for e in events if isinstance(e, PageImage)] == [0, 1]
    (summary,) = library.list_books()
    assert summary.status == "cancelled" and summary.pages_done == 2 and summary.problem is None
    book = library.load(summary.id)
    assert [p.index for p in book.pages if p.image_file] == [0, 1]


def test_cancel_before_start_ends_quietly(library: Library) -> None:
    cancel = CancelToken()
    cancel.cancel()
    events = _run(BookMaker(ScriptedWriter(), FlatIllustrator(), library), _request(), cancel)
    assert isinstance(events[-1], JobCancelled) and events[-1].book_id is None
    assert library.list_books() == []


def test_story_failure_falls_back_to_the_second_writer(library: Library) -> None:
    maker = BookMaker(
        ScriptedWriter(fail_after=0, name="online"),
        FlatIllustrator(),
        library,
        fallback_writer=ScriptedWriter(name="offline"),
    )
    events = _run(maker, _request())
    assert any(isinstance(e, Notice) and e.code == "story_fallback" for e in events)
    assert isinstance(events[-1], Finished)
    book = library.load(events[-1].book_id)
    assert book.story_provenance is not None and book.story_provenance.backend == "offline"


def test_story_failure_without_fallback_is_a_kind_message(library: Library) -> None:
    maker = BookMaker(ScriptedWriter(fail_after=2), FlatIllustrator(), library)
    events = _run(maker, _request())
    end = events[-1]
    assert isinstance(end, Failed) and end.code == "story_failed"
    assert "Shall we try again" in end.child_message
    assert library.load(end.book_id).status is BookStatus.FAILED  # type: ignore[arg-type]


def test_korean_child_message(library: Library) -> None:
    request = BookRequest(Hero.default("cat", "ko"), Theme("달나라"), "ko", 4, 7, 1, 64, 64)
    events = _run(BookMaker(ScriptedWriter(fail_after=0), FlatIllustrator(), library), request)
    assert isinstance(events[-1], Failed) and "다시" in events[-1].child_message


def test_picture_failure_uses_the_fallback_painter_for_that_page(library: Library) -> None:
    maker = BookMaker(
        ScriptedWriter(),
        FlatIllustrator(name="gpu", fail_on=1),
        library,
        fallback_illustrator=FlatIllustrator(name="sketch"),
    )
    events = _run(maker, _request())
    assert isinstance(events[-1], Finished)
    book = library.load(events[-1].book_id)
    backends = [p.image_provenance.backend for p in book.pages if p.image_provenance]
    assert backends == ["gpu", "sketch", "gpu", "gpu"]
    assert any(isinstance(e, Notice) and e.code == "picture_fallback" for e in events)


def test_picture_failure_without_fallback_fails_kindly(library: Library) -> None:
    events = _run(BookMaker(ScriptedWriter(), FlatIllustrator(fail_on=0), library), _request())
    assert isinstance(events[-1], Failed) and events[-1].code == "pictures_failed"


def test_a_lost_gpu_ends_the_book_for_a_restart_instead_of_sketching_the_rest(
    library: Library,
) -> None:
    """After 'illegal memory access' every CUDA call fails: no fallback, a code the UI acts on."""
    lost = FlatIllustrator(name="gpu", fail_on=1,
                           error="CUDA error: an illegal memory access was encountered")  # fmt: skip
    maker = BookMaker(ScriptedWriter(), lost, library, fallback_illustrator=FlatIllustrator())
    events = _run(maker, _request())
    failed = events[-1]
    assert isinstance(failed, Failed) and failed.code == "gpu_lost"
    assert failed.child_message == child_message("gpu_lost", "en")
    assert not any(isinstance(e, Notice) and e.code == "picture_fallback" for e in events)
    book = library.load(failed.book_id)  # page 1 is kept
    assert [p.index for p in book.pages if p.image_file] == [0]


class FullDiskLibrary(Library):
    """The disk fills up after two pictures (injected at the library's edge)."""

    def save_page_image(self, book, index, image, provenance):  # type: ignore[no-untyped-def]
        if index >= 2:
            raise LibraryError("No space left on device")
        return super().save_page_image(book, index, image, provenance)


def test_full_disk_fails_kindly_and_keeps_earlier_pages(aibook_home: Path) -> None:
    library = FullDiskLibrary()
    events = _run(BookMaker(ScriptedWriter(), FlatIllustrator(), library), _request())
    end = events[-1]
    assert isinstance(end, Failed) and end.code == "disk_full" and "grown-up" in end.child_message
    book = library.load(end.book_id)  # type: ignore[arg-type]
    assert [p.index for p in book.pages if p.image_file] == [0, 1]
    library.close()


def test_unsafe_theme_is_redirected_and_remembered(library: Library) -> None:
    events = _run(
        BookMaker(ScriptedWriter(), FlatIllustrator(), library),
        _request(theme="a zombie cat with a gun"),
    )
    assert any(isinstance(e, Notice) and e.code == "theme_redirected" for e in events)
    book = library.load(events[-1].book_id)  # type: ignore[union-attr]
    assert "zombie" not in book.theme.text and "gun" not in book.theme.text
    assert book.theme.original_text == "a zombie cat with a gun"
    started = next(e for e in events if isinstance(e, StoryStarted))
    assert started.theme == book.theme.text  # what the screen may show: the gentle theme


def test_story_too_short_fails_instead_of_hanging(library: Library) -> None:
    maker = BookMaker(ScriptedWriter(pages=2), FlatIllustrator(), library)
    events = _run(maker, _request(pages=4))
    assert isinstance(events[-1], Failed) and events[-1].code == "story_failed"
