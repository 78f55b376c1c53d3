"""A failed book stops its story writer: no parts (no tokens billed) after ``Failed``.

The story is written on a helper thread; a book that fails while pictures are drawn must stop
and join that thread before it says ``Failed``, or an OpenAI writer keeps streaming (and
billing) and overlaps the next book.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import test_jobs
from test_jobs import FlatIllustrator, _request

from aibook_desktop.engine.book import BookRequest, PagePlan, Provenance, StoryHeader
from aibook_desktop.engine.cancel import Cancelled, CancelToken
from aibook_desktop.engine.events import Event, Failed, JobCancelled
from aibook_desktop.engine.jobs import BookMaker
from aibook_desktop.engine.library import Library
from aibook_desktop.engine.story import StoryPart

library = test_jobs.library  # the same fixture: a Library in this test's own AIBOOK_HOME


class SlowWriter:
    """Writes a long story slowly (as a streaming model does); counts the parts it yields."""

    name = "slow"

    def __init__(self, pages: int = 12, pause_s: float = 0.05) -> None:
        self.pages, self.pause_s = pages, pause_s
        self.produced = 0
        self.lock = threading.Lock()
        self.stopped = threading.Event()

    def write(self, request: BookRequest, cancel: CancelToken, notify: object = None
              ) -> Iterator[StoryPart]:  # fmt: skip
        try:
            yield self._count(StoryHeader("slow title", "a cat", "crayon", Provenance(self.name)))
            for i in range(self.pages):
                if cancel.wait(self.pause_s):
                    raise Cancelled()
                yield self._count(PagePlan(i, f"page {i}", f"a cat {i}"))
        finally:
            self.stopped.set()

    def _count(self, part: StoryPart) -> StoryPart:
        with self.lock:
            self.produced += 1
        return part


def _run_recording_parts_at_end(maker: BookMaker, writer: SlowWriter, request: BookRequest,
                                cancel: CancelToken) -> tuple[list[Event], int]:  # fmt: skip
    events: list[Event] = []
    at_end: list[int] = []

    def emit(event: Event) -> None:
        if isinstance(event, Failed | JobCancelled):
            at_end.append(writer.produced)
        events.append(event)

    maker.run(request, emit, cancel)
    return events, at_end[0]


def test_a_failed_book_stops_its_story_writer(library: Library) -> None:
    writer = SlowWriter()
    maker = BookMaker(writer, FlatIllustrator(fail_on=1), library)
    events, at_failed = _run_recording_parts_at_end(maker, writer, _request(pages=12),
                                                    CancelToken())  # fmt: skip
    assert isinstance(events[-1], Failed) and events[-1].code == "pictures_failed"
    assert writer.stopped.wait(1.0), "the story writer still runs after the book failed"
    assert writer.produced == at_failed  # not one part after Failed
    assert at_failed < 1 + 12  # it was stopped mid-story, not left to finish


def test_a_cancelled_book_stops_its_story_writer_before_saying_so(library: Library) -> None:
    writer = SlowWriter()
    ill = FlatIllustrator()
    cancel = CancelToken()
    ill.cancel_on = (1, cancel)
    maker = BookMaker(writer, ill, library)
    events, at_end = _run_recording_parts_at_end(maker, writer, _request(pages=12), cancel)
    assert isinstance(events[-1], JobCancelled)
    assert writer.stopped.is_set()
    assert writer.produced == at_end


def test_a_child_token_follows_its_parent_but_not_the_other_way() -> None:
    parent = CancelToken()
    child = parent.child()
    child.cancel()
    assert child.cancelled and not parent.cancelled
    other = parent.child()
    parent.cancel()
    assert other.cancelled
    assert parent.child().cancelled  # made after the parent was cancelled
