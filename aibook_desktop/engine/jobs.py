"""BookMaker: safety -> streamed story -> pictures page by page, saved as it goes, cancellable.

The story is written on a helper thread and queued; this thread draws pictures and, between
drawing steps, drains the queue, so page texts reach the screen while pictures are being drawn.
Every page is saved the moment it exists: a crash loses at most the page being drawn.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any, cast

from .book import Book, BookRequest, BookStatus, Page, PagePlan, StoryHeader, Theme
from .cancel import Cancelled as CancelledError
from .cancel import CancelToken
from .events import (
    Cancelled,
    Event,
    Failed,
    Finished,
    Notice,
    PageImage,
    PageText,
    Progress,
    Stage,
    StageStarted,
    StoryStarted,
)
from .library import Library, LibraryError
from .messages import child_message
from .protocols import Illustrator, PictureRequest, StoryPart, StoryWriter
from .safety import SafetyResult, check_theme

__all__ = ["BookMaker", "Emit", "StoryError"]

log = logging.getLogger(__name__)
Emit = Callable[[Event], None]
STORY_SHARE = 0.1  # of the overall progress bar; pictures take the rest


class StoryError(RuntimeError):
    """The story could not be written, even by the fallback writer."""


@dataclass
class _End:
    error: BaseException | None = None


class BookMaker:
    """Makes one book. ``run`` never raises for expected trouble: it ends in one terminal event."""

    def __init__(
        self,
        writer: StoryWriter,
        illustrator: Illustrator,
        library: Library,
        *,
        fallback_writer: StoryWriter | None = None,
        fallback_illustrator: Illustrator | None = None,
    ) -> None:
        self.writer = writer
        self.illustrator = illustrator
        self.library = library
        self.fallback_writer = fallback_writer
        self.fallback_illustrator = fallback_illustrator

    # ---- public ---------------------------------------------------------------------------
    def run(self, request: BookRequest, emit: Emit, cancel: CancelToken) -> Book | None:
        job = _Job(self, request, emit, cancel)
        try:
            return job.run()
        except CancelledError:
            job.mark(BookStatus.CANCELLED)
            emit(Cancelled(job.book.id if job.book else None))
        except LibraryError as exc:
            log.error("saving failed: %s", exc)
            job.fail("disk_full", str(exc), save=False)
        except StoryError as exc:
            log.error("story failed: %s", exc)
            job.fail("story_failed", str(exc))
        except Exception as exc:  # the last line of defence: a kind message, never a crash
            log.exception("book job failed")
            job.fail("pictures_failed" if job.drawing else "unexpected", repr(exc))
        return None


class _Job:
    """The state of one run; kept apart so BookMaker stays reusable between books."""

    def __init__(self, maker: BookMaker, request: BookRequest, emit: Emit, cancel: CancelToken):
        self.maker, self.request, self.emit, self.cancel = maker, request, emit, cancel
        self.book: Book | None = None
        self.drawing = False
        self.parts: queue.Queue[StoryHeader | PagePlan | Notice | _End] = queue.Queue()
        self.story_done = False
        self.story_note: str | None = None  # why the story is not (all) the chosen writer's

    def run(self) -> Book:
        self.emit(StageStarted(Stage.SAFETY))
        self.request = self._safe_request(self.request)
        self.cancel.check()
        self.emit(StageStarted(Stage.STORY))
        threading.Thread(target=self._write_story, name="story-writer", daemon=True).start()
        while self.book is None:
            if self.story_done:
                raise StoryError("the story ended before it had a title")
            self._take(block=True)
        book = self.book
        self.emit(StageStarted(Stage.PICTURES))
        for index in range(book.page_count):
            while book.page(index) is None and not self.story_done:
                self._take(block=True)
            if book.page(index) is None:
                raise StoryError(f"the story ended before page {index + 1}")
            self._draw(book, index)
        self.emit(StageStarted(Stage.SAVING))
        book.status = BookStatus.COMPLETE
        self.maker.library.save_book(book)
        self.emit(Progress(1.0, Stage.SAVING))
        self.emit(Finished(book.id, str(self.maker.library.book_dir(book.id))))
        return book

    def mark(self, status: BookStatus) -> None:
        if self.book is not None:
            self.book.status = status
            try:
                self.maker.library.save_book(self.book)
            except LibraryError as exc:
                log.error("could not record the book's status: %s", exc)

    def fail(self, code: str, reason: str, save: bool = True) -> None:
        if save:
            self.mark(BookStatus.FAILED)
        book_id = self.book.id if self.book else None
        self.emit(Failed(reason, code, child_message(code, self.request.lang), book_id))

    # ---- safety -----------------------------------------------------------------------------
    def _safe_request(self, request: BookRequest) -> BookRequest:
        result = _check_theme(self.maker.writer, request.theme.text, request.lang)
        if result.safe:
            return request
        self.emit(Notice("theme_redirected", f"{', '.join(result.reasons)} -> {result.text}"))
        theme = Theme(result.text, request.theme.source, original_text=request.theme.text)
        return replace(request, theme=theme)

    # ---- story (helper thread) ----------------------------------------------------------------
    def _write_story(self) -> None:
        """Primary writer, then the fallback: all of its story when the primary handed on
        nothing, else only the pages still missing (same hero, the arc's own ending), so a
        network drop at page 5 still ends in a whole book."""
        primary, fallback = self.maker.writer, self.maker.fallback_writer
        header, written = False, set[int]()
        try:
            try:
                for part in _parts(primary, self.request, self.cancel, self.parts.put):
                    self.parts.put(part)
                    if isinstance(part, StoryHeader):
                        header = True
                    else:
                        written.add(part.index)
                self.parts.put(_End())
                return
            except CancelledError:
                raise
            except Exception as exc:  # any backend failure: the fallback takes over
                log.warning("story writer %s failed: %r", primary.name, exc)
                if fallback is None or fallback is primary:
                    self.parts.put(_End(StoryError(f"no writer could tell this story: {exc!r}")))
                    return
                done = len(written)
                self.parts.put(_End(_Switch(primary.name, exc, done if header else None)))
            for part in fallback.write(self.request, self.cancel):
                if isinstance(part, StoryHeader) and header:
                    continue
                if isinstance(part, PagePlan) and part.index in written:
                    continue
                self.parts.put(part)
            self.parts.put(_End())
        except CancelledError as exc:
            self.parts.put(_End(exc))
        except Exception as exc:
            log.warning("the fallback story writer failed too: %r", exc)
            self.parts.put(_End(StoryError(f"no writer could tell this story: {exc!r}")))

    def _take(self, block: bool) -> None:
        """Move story parts from the queue into the book (on the job thread only)."""
        while True:
            try:
                part = self.parts.get(block=block, timeout=0.1 if block else None)
            except queue.Empty:
                self.cancel.check()
                if block:
                    continue
                return
            block = False
            if isinstance(part, Notice):
                self.emit(part)
                continue
            if isinstance(part, _End):
                if isinstance(part.error, _Switch):
                    self._note_fallback(str(part.error))
                    continue
                self.story_done = True
                if part.error is not None:
                    raise part.error
                return
            if isinstance(part, StoryHeader):
                self._start_book(part)
            else:
                self._add_page(part)

    def _note_fallback(self, why: str) -> None:
        """Tell the parent view, and write it into the book's story provenance."""
        self.emit(Notice("story_fallback", why))
        self.story_note = why
        if self.book is not None and self.book.story_provenance is not None:
            self.book.story_provenance = replace(self.book.story_provenance, note=why)
            self.maker.library.save_book(self.book)

    def _start_book(self, header: StoryHeader) -> None:
        r = self.request
        if self.story_note is not None:
            header = replace(header, provenance=replace(header.provenance, note=self.story_note))
        self.book = Book(
            title=header.title, lang=r.lang, hero=r.hero, theme=r.theme, page_count=r.pages,
            age=r.age, seed=r.seed, hero_sheet=header.hero_sheet, art_style=header.art_style,
            story_provenance=header.provenance,
        )  # fmt: skip
        self.maker.library.save_book(self.book)
        self.emit(StoryStarted(self.book.id, self.book.title, self.book.page_count))

    def _add_page(self, plan: PagePlan) -> None:
        book = self.book
        if book is None or not 0 <= plan.index < book.page_count or book.page(plan.index):
            log.warning("ignoring out-of-place story page %s", plan.index)
            return
        book.pages.append(Page.from_plan(plan))
        book.pages.sort(key=lambda p: p.index)
        self.maker.library.save_book(book)
        self.emit(PageText(plan.index, plan.text, plan.scene_prompt, plan.text_alt))
        self.emit(Progress(STORY_SHARE * len(book.pages) / book.page_count, Stage.STORY))

    # ---- pictures -----------------------------------------------------------------------------
    def _draw(self, book: Book, index: int) -> None:
        page = book.page(index)
        assert page is not None
        r = self.request
        picture_request = PictureRequest(
            page_index=index, page_count=book.page_count, scene_prompt=page.scene_prompt,
            page_text=page.text, theme=r.theme.text, hero=r.hero, hero_sheet=book.hero_sheet,
            art_style=book.art_style, seed=r.seed + index, width=r.width, height=r.height,
        )  # fmt: skip
        share = (1.0 - STORY_SHARE) / book.page_count

        def progress(step: int, steps: int) -> None:
            self._take(block=False)  # page texts keep flowing while we draw
            self.cancel.check()
            done = STORY_SHARE + share * (index + step / max(steps, 1))
            self.emit(Progress(min(done, 0.999), Stage.PICTURES, index, step, steps))

        self.cancel.check()
        self.drawing = True
        picture = self._picture(picture_request, progress)
        self.drawing = False
        self.cancel.check()
        path = self.maker.library.save_page_image(book, index, picture.image, picture.provenance)
        self.emit(PageImage(index, str(path)))

    def _picture(self, request: PictureRequest, progress: Callable[[int, int], None]) -> Any:
        try:
            return self.maker.illustrator.draw(request, self.cancel, progress)
        except CancelledError:
            raise
        except Exception as exc:
            fallback = self.maker.fallback_illustrator
            if fallback is None or fallback is self.maker.illustrator:
                raise
            log.warning("illustrator %s failed on page %s: %r", self.maker.illustrator.name,
                        request.page_index + 1, exc)  # fmt: skip
            self.emit(Notice("picture_fallback", f"page {request.page_index + 1}: {exc!r}"))
            return fallback.draw(request, self.cancel, progress)


class _Switch(Exception):
    def __init__(self, writer: str, error: BaseException, pages_done: int | None = None) -> None:
        if pages_done is None:
            super().__init__(f"{writer} failed ({error!r}); using the offline storyteller")
        else:
            super().__init__(
                f"{writer} stopped after {pages_done} pages ({error!r}); "
                f"the offline storyteller wrote the rest"
            )


def _parts(
    writer: StoryWriter, request: BookRequest, cancel: CancelToken, notify: Callable[[Notice], None]
) -> Iterator[StoryPart]:
    """``writer.write``, passing ``notify`` to writers that report notices (retries, formats)."""
    if getattr(writer, "reports_notices", False):
        return cast(Any, writer).write(request, cancel, notify=notify)
    return writer.write(request, cancel)


def _check_theme(writer: StoryWriter, theme: str, lang: str) -> SafetyResult:
    """A writer that can ask a moderation endpoint checks the theme itself (word list first)."""
    checker = getattr(writer, "check_theme", None)
    if callable(checker):
        try:
            result = checker(theme, lang)
            if isinstance(result, SafetyResult):
                return result
        except Exception as exc:  # moderation trouble never stops a book
            log.warning("%s could not check the theme (%r); word list only", writer.name, exc)
    return check_theme(theme, lang)
