"""BookMaker's story fallbacks: a writer that dies mid-book is finished by the offline
storyteller; writers that report notices or check themes themselves are heard."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from aibook_desktop.engine.book import BookRequest, Hero, PagePlan, Provenance, StoryHeader, Theme
from aibook_desktop.engine.cancel import CancelToken
from aibook_desktop.engine.events import Event, Failed, Finished, Notice, Notify, PageText
from aibook_desktop.engine.jobs import BookMaker
from aibook_desktop.engine.library import Library
from aibook_desktop.engine.pictures.sketch import SketchIllustrator
from aibook_desktop.engine.safety import SafetyResult
from aibook_desktop.engine.story import StoryPart
from aibook_desktop.engine.story.offline.writer import OfflineStoryWriter


class DyingWriter:
    """Writes the header and ``pages`` pages, then the network goes away."""

    name = "online"

    def __init__(self, pages: int) -> None:
        self.pages = pages

    def write(
        self, request: BookRequest, cancel: CancelToken, notify: Notify | None = None
    ) -> Iterator[StoryPart]:
        yield StoryHeader("Online title", "a small cat", "crayon", Provenance("online"))
        for i in range(self.pages):
            yield PagePlan(i, f"online page {i}", "a cat in the meadow")
        raise ConnectionError("the network went away")


class ChattyWriter:
    """Reports notices between its parts and checks themes itself."""

    name = "chatty"

    def __init__(self) -> None:
        self.checked: list[str] = []

    def check_theme(self, theme: str, lang: str) -> SafetyResult:
        self.checked.append(theme)
        return SafetyResult(False, "a picnic in the park", ("moderation:violence",))

    def write(
        self, request: BookRequest, cancel: CancelToken, notify: Notify | None = None
    ) -> Iterator[StoryPart]:
        assert notify is not None, "BookMaker passes every writer a notify callback"
        notify(Notice("story_retry", "lost the server; try 2"))
        yield StoryHeader(request.theme.text, "a small cat", "crayon", Provenance("chatty"))
        for i in range(request.pages):
            yield PagePlan(i, f"page {i}", "a cat in the meadow")


class BrokenFallback(OfflineStoryWriter):
    def write(
        self, request: BookRequest, cancel: CancelToken, notify: Notify | None = None
    ) -> Iterator[StoryPart]:
        raise RuntimeError("no arcs on disk")
        yield from ()


@pytest.fixture
def library(aibook_home: Path) -> Iterator[Library]:
    lib = Library()
    yield lib
    lib.close()


def _request(pages: int = 6) -> BookRequest:
    return BookRequest(Hero.default("cat", "en"), Theme("the moon"), "en", pages, 7, 1, 64, 64)


def _run(maker: BookMaker, request: BookRequest) -> list[Event]:
    events: list[Event] = []
    maker.run(request, events.append, CancelToken())
    return events


def test_a_writer_that_dies_mid_book_is_finished_by_the_fallback(library: Library) -> None:
    maker = BookMaker(
        DyingWriter(pages=2), SketchIllustrator(), library, fallback_writer=OfflineStoryWriter()
    )
    events = _run(maker, _request())
    assert isinstance(events[-1], Finished)
    book = library.load(events[-1].book_id)
    assert book.title == "Online title" and book.hero_sheet == "a small cat"
    assert [p.text for p in book.pages[:2]] == ["online page 0", "online page 1"]
    offline = [p for p in OfflineStoryWriter().write(_request(), CancelToken())]
    assert [p.text for p in book.pages[2:]] == [p.text for p in offline[3:]]  # type: ignore[union-attr]
    (why,) = [e.detail for e in events if isinstance(e, Notice) and e.code == "story_fallback"]
    assert "stopped after 2 pages" in why and "network went away" in why
    assert book.story_provenance is not None and book.story_provenance.note == why
    assert [e.index for e in events if isinstance(e, PageText)] == list(range(6))


def test_a_writer_that_dies_before_any_page_is_replaced_whole(library: Library) -> None:
    maker = BookMaker(
        DyingWriter(pages=0), SketchIllustrator(), library, fallback_writer=OfflineStoryWriter()
    )
    events = _run(maker, _request(4))
    assert isinstance(events[-1], Finished)
    book = library.load(events[-1].book_id)
    assert book.title == "Online title" and all("online" not in p.text for p in book.pages)


def test_when_the_fallback_fails_too_the_book_fails_kindly(library: Library) -> None:
    maker = BookMaker(
        DyingWriter(pages=2), SketchIllustrator(), library, fallback_writer=BrokenFallback()
    )
    events = _run(maker, _request(4))
    assert isinstance(events[-1], Failed) and events[-1].code == "story_failed"
    assert "no arcs on disk" in events[-1].reason


def test_writer_notices_and_theme_checks_reach_the_parent_view(library: Library) -> None:
    writer = ChattyWriter()
    events = _run(BookMaker(writer, SketchIllustrator(), library), _request(4))
    assert writer.checked == ["the moon"]
    codes = [e.code for e in events if isinstance(e, Notice)]
    assert codes == ["theme_redirected", "story_retry"]
    assert isinstance(events[-1], Finished)
    book = library.load(events[-1].book_id)
    assert book.theme.text == "a picnic in the park" and book.theme.original_text == "the moon"
