"""BookMaker: safety -> streamed story -> pictures page by page, saved as it goes, cancellable.

The story is written on a helper thread and queued; this thread draws pictures and, between
drawing steps, drains the queue, so page texts reach the screen while pictures are being drawn.
Every page is saved the moment it exists: a crash loses at most the page being drawn.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from typing import Any

from .book import Book, BookRequest, BookStatus, Page, PagePlan, StoryHeader, Theme
from .cancel import Cancelled as CancelledError
from .cancel import CancelToken
from .errors import FailureCode
from .events import (
    Event,
    Failed,
    Finished,
    JobCancelled,
    Notice,
    PageImage,
    PageText,
    Progress,
    Stage,
    StageStarted,
    StoryStarted,
)
from .library import BookBusy, Library, LibraryError
from .messages import child_message
from .pictures import (
    BatchIllustrator,
    Illustrator,
    PagePreviewCallback,
    Picture,
    PictureRequest,
    StepCallback,
)
from .previews import PreviewStore, one_page
from .privacy import private_theme
from .safety import SafetyResult, ThemeProblem, check_theme, theme_problem
from .safety.gate import gate_header, gate_page
from .scrub import scrub_secrets
from .story import StoryWriter, ThemeChecker

__all__ = ["BookMaker", "Emit", "StoryError", "failure_code"]

log = logging.getLogger(__name__)
Emit = Callable[[Event], None]
STORY_SHARE = 0.1  # of the overall progress bar; pictures take the rest


def failure_code(exc: BaseException, default: FailureCode) -> FailureCode:
    """``GPU_LOST`` for errors after which this process's CUDA context is unusable: the UI
    then asks the supervisor for a fresh process (supervisor.RESTART_EXIT_CODE)."""
    from .hardware import is_gpu_fatal

    return FailureCode.GPU_LOST if is_gpu_fatal(exc) else default


class StoryError(RuntimeError):
    """The story could not be written, even by the fallback writer."""


class ThemeRejected(ValueError):
    """Odd input no book should be made from as it is (too long, another language)."""

    def __init__(self, problem: ThemeProblem) -> None:
        super().__init__(f"the theme cannot be used: {problem}")
        self.problem = problem


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
        previews: PreviewStore | None = None,
    ) -> None:
        """``previews``: where pictures in the making are shown from (None: no previews)."""
        self.writer = writer
        self.illustrator = illustrator
        self.library = library
        self.fallback_writer = fallback_writer
        self.fallback_illustrator = fallback_illustrator
        self.previews = previews
        # False at a kiosk: book.json keeps the safe theme only (privacy.py, issue #21)
        self.keep_child_text = True

    # ---- public ---------------------------------------------------------------------------
    def run(self, request: BookRequest, emit: Emit, cancel: CancelToken) -> Book | None:
        if self.previews is not None:
            self.previews.clear_all()  # the last book's; its window has long read them
        job = _Job(self, request, _scrubbed(emit), cancel)
        return self._guarded(job, job.run)

    def finish(
        self, book_id: str, emit: Emit, cancel: CancelToken, size: int = 1024, lang: str = "en"
    ) -> Book | None:
        """Finish a stopped (or failed, or cancelled) book: write the pages its story lacks and
        draw every page without a usable picture, on the same shelf entry."""
        emit = _scrubbed(emit)
        try:
            book = self.library.load(book_id)
            request = _request_for(book, size)
        except (LibraryError, ValueError) as exc:
            emit(
                Failed(
                    str(exc),
                    FailureCode.BAD_REQUEST,
                    child_message(FailureCode.BAD_REQUEST, lang),
                    book_id,
                )
            )
            return None
        job = _Job(self, request, emit, cancel)
        return self._guarded(job, lambda: job.resume(book))

    def _guarded(self, job: _Job, work: Callable[[], Book]) -> Book | None:
        try:
            return work()
        except CancelledError:
            job.mark(BookStatus.CANCELLED)
            job.emit(JobCancelled(job.book.id if job.book else None))
        except BookBusy as exc:
            log.warning("%s", exc)
            job.fail(FailureCode.BAD_REQUEST, str(exc), save=False)
        except LibraryError as exc:
            log.error("saving failed: %s", exc)
            job.drop_empty_stub()
            job.fail(FailureCode.DISK_FULL, str(exc), save=False)
        except StoryError as exc:
            log.error("story failed: %s", exc)
            job.fail(FailureCode.STORY_FAILED, str(exc))
        except ThemeRejected as exc:
            log.info("%s", exc)
            job.fail(FailureCode(exc.problem.value), str(exc), save=False)
        except Exception as exc:  # the last line of defence: a kind message, never a crash
            log.exception("book job failed")
            default = FailureCode.PICTURES_FAILED if job.drawing else FailureCode.UNEXPECTED
            job.fail(failure_code(exc, default), repr(exc))
        finally:
            job.release()
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
        # The writer's own token: cancelled by the user's, and by the job's end on any path, so
        # a failed book never leaves a writer streaming (and billing) into the next one.
        self.story_cancel = cancel.child()
        self.story_thread: threading.Thread | None = None
        self.claim: Any = None  # the shelf's lock on the book while it is made (FileLock)
        self.resumed = False  # finishing a stopped book: never removed as an empty stub

    def release(self) -> None:
        if self.claim is not None:
            self.claim.release()
            self.claim = None

    def drop_empty_stub(self) -> None:
        """A book that could not save a single picture (disk full) is removed, not left behind
        as a "making 0/8" stub that every retry adds to; one with pictures is kept."""
        book = self.book
        if book is None or self.resumed or any(p.image_file for p in book.pages):
            return
        self.release()  # our own claim: delete takes the book's lock itself
        try:
            self.maker.library.delete(book.id)
        except (LibraryError, OSError) as exc:
            log.warning("could not remove the empty book %s: %s", book.id, exc)

    def resume(self, book: Book) -> Book:
        try:
            return self._resume(book)
        finally:
            self.stop_story()

    def _resume(self, book: Book) -> Book:
        self.resumed = True
        self.claim = self.maker.library.try_lock(book.id)
        if self.claim is None:
            raise BookBusy(f"the book {book.id} is being made right now")
        self.book = book
        book.status = BookStatus.MAKING
        self.maker.library.save_book(book)
        self.emit(StoryStarted(book.id, book.title, book.page_count, book.theme.text))
        for page in book.pages:
            self.emit(PageText(page.index, page.text, page.scene_prompt, page.text_alt))
        if len(book.pages) < book.page_count:
            self.emit(StageStarted(Stage.STORY))
            self._start_writer()
        else:
            self.story_done = True
        return self._draw_all(book, only_missing=True)

    def run(self) -> Book:
        try:
            return self._run()
        finally:
            self.stop_story()

    def stop_story(self, timeout_s: float = 10.0) -> None:
        """Stop the writer thread and wait for it, before the job's terminal event goes out."""
        self.story_cancel.cancel()
        thread = self.story_thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout_s)
            if thread.is_alive():
                log.warning("the story writer did not stop within %.0f s", timeout_s)

    def _start_writer(self) -> None:
        self.story_thread = threading.Thread(
            target=self._write_story, name="story-writer", daemon=True
        )
        self.story_thread.start()

    def _run(self) -> Book:
        self.emit(StageStarted(Stage.SAFETY))
        self.request = self._safe_request(self.request)
        self.cancel.check()
        self.emit(StageStarted(Stage.STORY))
        self._start_writer()
        while self.book is None:
            if self.story_done:
                raise StoryError("the story ended before it had a title")
            self._take(block=True)
        return self._draw_all(self.book, only_missing=False)

    def _draw_all(self, book: Book, *, only_missing: bool) -> Book:
        self.emit(StageStarted(Stage.PICTURES))
        index = 0
        while index < book.page_count:
            while book.page(index) is None and not self.story_done:
                self._take(block=True)
            if book.page(index) is None:
                raise StoryError(f"the story ended before page {index + 1}")
            if only_missing and self.maker.library.has_picture(book, index):
                index += 1
                continue
            indices = [index] if only_missing else self._ready_pages(book, index)
            self._draw(book, indices)
            index += len(indices)
        self.stop_story()  # every page is in; the writer only has its end left to say
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

    def fail(self, code: FailureCode, reason: str, save: bool = True) -> None:
        if save:
            self.mark(BookStatus.FAILED)
        book_id = self.book.id if self.book else None
        self.emit(Failed(reason, code, child_message(code, self.request.lang), book_id))

    # ---- safety -----------------------------------------------------------------------------
    def _safe_request(self, request: BookRequest) -> BookRequest:
        result = _check_theme(self.maker.writer, request.theme.text, request.lang)
        if not result.replaced:  # the child's own words go on: they must fit the book
            problem = theme_problem(result.text, request.lang)
            if problem in (ThemeProblem.TOO_LONG, ThemeProblem.OTHER_LANGUAGE):
                raise ThemeRejected(problem)  # a clear message, not a 20,000-character page
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
                for part in primary.write(self.request, self.story_cancel, self.parts.put):
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
            for part in fallback.write(self.request, self.story_cancel, self.parts.put):
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
                if self.book is None:  # a resumed book keeps its own title and look
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
        header, report = gate_header(header, r.lang, r.hero)  # whatever the writer was
        if report.replaced:
            self.emit(Notice("text_replaced", f"header: {', '.join(report.replaced)}"))
        if self.story_note is not None:
            header = replace(header, provenance=replace(header.provenance, note=self.story_note))
        theme = r.theme if self.maker.keep_child_text else private_theme(r.theme, r.lang)
        self.book = Book(
            title=header.title, lang=r.lang, hero=r.hero, theme=theme, page_count=r.pages,
            age=r.age, seed=r.seed, hero_sheet=header.hero_sheet, art_style=header.art_style,
            story_provenance=header.provenance,
        )  # fmt: skip
        # Claimed before its first save: a book in "making" without a live claim has stopped.
        self.claim = self.maker.library.try_lock(self.book.id)
        self.maker.library.save_book(self.book)
        self.emit(StoryStarted(self.book.id, self.book.title, self.book.page_count,
                               self.book.theme.text))  # fmt: skip

    def _add_page(self, plan: PagePlan) -> None:
        book = self.book
        if book is None or not 0 <= plan.index < book.page_count or book.page(plan.index):
            if book is None or book.page(plan.index) is None:  # (a resumed book has it: fine)
                log.warning("ignoring out-of-place story page %s", plan.index)
            return
        plan, report = gate_page(plan, self.request.lang, self.request.hero)
        if report.replaced:
            self.emit(
                Notice("text_replaced", f"page {plan.index + 1}: {', '.join(report.replaced)}")
            )
        book.pages.append(Page.from_plan(plan))
        book.pages.sort(key=lambda p: p.index)
        self.maker.library.save_book(book)
        self.emit(PageText(plan.index, plan.text, plan.scene_prompt, plan.text_alt))
        self.emit(Progress(STORY_SHARE * len(book.pages) / book.page_count, Stage.STORY))

    # ---- pictures -----------------------------------------------------------------------------
    def _ready_pages(self, book: Book, index: int) -> list[int]:
        """Page ``index`` and the written pages after it that one batch may take.

        Page 1 is always drawn alone: the first picture is what the child waits for (and the
        hero reference later pages follow). Never waits for the story: only pages already
        written join a batch.
        """
        ill = self.maker.illustrator
        limit = ill.max_batch if index > 0 and isinstance(ill, BatchIllustrator) else 1
        self._take(block=False)
        pages = [index]
        while len(pages) < limit and (nxt := index + len(pages)) < book.page_count:
            if book.page(nxt) is None:
                break
            pages.append(nxt)
        return pages

    def _picture_request(self, book: Book, index: int) -> PictureRequest:
        page = book.page(index)
        assert page is not None
        r = self.request
        return PictureRequest.for_page(
            book, page, seed=r.seed + index, width=r.width, height=r.height
        )

    def _progress(self, book: Book, first: int, pages: int) -> StepCallback:
        share = (1.0 - STORY_SHARE) / book.page_count

        def progress(step: int, steps: int) -> None:
            self._take(block=False)  # page texts keep flowing while we draw
            self.cancel.check()
            done = STORY_SHARE + share * (first + pages * step / max(steps, 1))
            self.emit(Progress(min(done, 0.999), Stage.PICTURES, first, step, steps))

        return progress

    def _preview(self, book: Book) -> PagePreviewCallback | None:
        store = self.maker.previews
        return None if store is None else store.reporter(book.id, self.emit)

    def _draw(self, book: Book, indices: list[int]) -> None:
        """Draw these pages (together when the illustrator batches), then save each in order."""
        requests = [self._picture_request(book, i) for i in indices]
        self.cancel.check()
        self.drawing = True
        pictures = self._pictures(book, requests)
        self.drawing = False
        for index, picture in zip(indices, pictures, strict=True):
            path = self.maker.library.save_page_image(
                book, index, picture.image, picture.provenance
            )
            self.emit(PageImage(index, str(path)))
        self.cancel.check()

    def _pictures(self, book: Book, requests: list[PictureRequest]) -> list[Picture]:
        ill, first = self.maker.illustrator, requests[0].page_index
        progress = self._progress(book, first, len(requests))
        preview = self._preview(book)
        try:
            if len(requests) > 1 and isinstance(ill, BatchIllustrator):
                return ill.draw_pages(requests, self.cancel, progress, preview)
            return [ill.draw(requests[0], self.cancel, progress, one_page(preview, first))]
        except CancelledError:
            raise
        except Exception as exc:
            fallback = self.maker.fallback_illustrator
            # a broken CUDA context fails every later page too: end here, the app restarts
            if (
                fallback is None
                or fallback is ill
                or failure_code(exc, FailureCode.UNEXPECTED) is FailureCode.GPU_LOST
            ):
                raise
            pictures = []
            for r in requests:  # one notice a page: the parent view lists pages, not batches
                log.warning("illustrator %s failed on page %d: %r", ill.name, r.page_index + 1, exc)
                self.emit(Notice("picture_fallback", f"page {r.page_index + 1}: {exc!r}"))
                progress = self._progress(book, r.page_index, 1)
                pictures.append(fallback.draw(r, self.cancel, progress))
            return pictures


def _request_for(book: Book, size: int) -> BookRequest:
    """The request a book was made from, near enough to write and draw its missing pages."""
    return BookRequest(
        hero=book.hero, theme=book.theme, lang=book.lang, pages=book.page_count, age=book.age,
        seed=book.seed, width=size, height=size,
        bilingual=any(p.text_alt for p in book.pages),
    )  # fmt: skip


def _scrubbed(emit: Emit) -> Emit:
    """Every event's texts lose any API key before a listener (UI, --events, logs) sees them."""

    def send(event: Event) -> None:
        changes = {
            f.name: scrub_secrets(value)
            for f in fields(event)
            if isinstance(value := getattr(event, f.name), str) and f.name != "path"
        }
        emit(replace(event, **changes) if changes else event)  # type: ignore[arg-type]

    return send


class _Switch(Exception):
    def __init__(self, writer: str, error: BaseException, pages_done: int | None = None) -> None:
        if pages_done is None:
            super().__init__(f"{writer} failed ({error!r}); using the offline storyteller")
        else:
            super().__init__(
                f"{writer} stopped after {pages_done} pages ({error!r}); "
                f"the offline storyteller wrote the rest"
            )


def _check_theme(writer: StoryWriter, theme: str, lang: str) -> SafetyResult:
    """A writer that can ask a moderation endpoint checks the theme itself (word list first)."""
    if isinstance(writer, ThemeChecker):
        try:
            result = writer.check_theme(theme, lang)
            if isinstance(result, SafetyResult):
                return result
        except Exception as exc:  # moderation trouble never stops a book
            log.warning("%s could not check the theme (%r); word list only", writer.name, exc)
    return check_theme(theme, lang)
