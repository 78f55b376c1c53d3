"""'Redraw this page': the same hero, story and style, a new seed, saved over the old picture.

A small job of its own, with the same manners as BookMaker: progress per drawing step, cancel
inside the loop (the old picture stays), one terminal event (Finished, Failed or JobCancelled).
Works with any Illustrator.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PIL import Image

from .book import Book, Page
from .cancel import Cancelled as CancelledError
from .cancel import CancelToken
from .errors import FailureCode
from .events import (
    Failed,
    Finished,
    JobCancelled,
    Notice,
    PageImage,
    Progress,
    Stage,
    StageStarted,
)
from .jobs import Emit, failure_code
from .library import Library, LibraryError
from .messages import child_message
from .pictures import Illustrator, Picture, PictureRequest, PreviewCallback, StepCallback
from .previews import PreviewStore, one_page

__all__ = ["REDRAW_SEED_STRIDE", "next_seed", "redraw_page"]

log = logging.getLogger(__name__)
# Far from the book's own page seeds (book seed + page index), so a redraw is a new picture.
REDRAW_SEED_STRIDE = 1_000_003


def next_seed(book: Book, page: Page) -> int:
    """The seed after the page's current one (its provenance, else the book's seed family)."""
    current = page.image_provenance.seed if page.image_provenance else None
    if current is None:
        current = book.seed + page.index
    return (current + REDRAW_SEED_STRIDE) % 2**32


def _size(folder: Path, page: Page, default: int) -> tuple[int, int]:
    """Keep the page's picture size (the book may have been made at another size)."""
    if page.image_file:
        try:
            with Image.open(folder / page.image_file) as old:
                return old.size
        except OSError:
            log.warning("page %d's old picture is unreadable; using %d px", page.index + 1, default)
    return default, default


def redraw_page(
    library: Library,
    illustrator: Illustrator,
    book_id: str,
    index: int,
    emit: Emit,
    cancel: CancelToken,
    *,
    seed: int | None = None,
    fallback: Illustrator | None = None,
    default_size: int = 1024,
    previews: PreviewStore | None = None,
) -> Page | None:
    """Draw page ``index`` of a shelved book again; returns the updated page, or None.

    With ``previews`` the new picture is shown developing (PagePreview), as while making.
    """
    try:
        book = library.load(book_id)
    except LibraryError as exc:
        emit(
            Failed(
                str(exc),
                FailureCode.BAD_REQUEST,
                child_message(FailureCode.BAD_REQUEST, "en"),
                book_id,
            )
        )
        return None
    page = book.page(index)
    if page is None:
        reason = f"the book {book_id} has no page {index + 1}"
        emit(
            Failed(
                reason,
                FailureCode.BAD_REQUEST,
                child_message(FailureCode.BAD_REQUEST, book.lang),
                book_id,
            )
        )
        return None
    try:
        emit(StageStarted(Stage.PICTURES))
        folder = library.book_dir(book_id)
        width, height = _size(folder, page, default_size)
        request = PictureRequest.for_page(
            book, page, seed=next_seed(book, page) if seed is None else seed, width=width,
            height=height,
        )  # fmt: skip

        def progress(step: int, steps: int) -> None:
            cancel.check()
            emit(Progress(min(step / max(steps, 1), 0.999), Stage.PICTURES, index, step, steps))

        preview: PreviewCallback | None = None
        if previews is not None:
            previews.clear_all()
            preview = one_page(previews.reporter(book_id, emit), index)
        cancel.check()
        picture = _draw(illustrator, fallback, request, cancel, progress, emit, preview)
        cancel.check()
        path = library.save_page_image(book, index, picture.image, picture.provenance)
        emit(PageImage(index, str(path)))
        emit(Progress(1.0, Stage.PICTURES, index))
        emit(Finished(book.id, str(folder)))
        return book.page(index)
    except CancelledError:
        emit(JobCancelled(book_id))  # the old picture is untouched
    except LibraryError as exc:
        log.error("saving the redrawn page failed: %s", exc)
        emit(
            Failed(
                str(exc),
                FailureCode.DISK_FULL,
                child_message(FailureCode.DISK_FULL, book.lang),
                book_id,
            )
        )
    except Exception as exc:  # a kind message, never a crash
        log.exception("redraw failed")
        code = failure_code(exc, FailureCode.PICTURES_FAILED)
        emit(Failed(repr(exc), code, child_message(code, book.lang), book_id))
    return None


def _draw(
    illustrator: Illustrator,
    fallback: Illustrator | None,
    request: PictureRequest,
    cancel: CancelToken,
    progress: StepCallback,
    emit: Emit,
    preview: PreviewCallback | None = None,
) -> Picture:
    try:
        return illustrator.draw(request, cancel, progress, preview)
    except CancelledError:
        raise
    except Exception as exc:
        if fallback is None or fallback is illustrator:
            raise
        log.warning("illustrator %s failed on a redraw: %r", illustrator.name, exc)
        emit(Notice("picture_fallback", f"page {request.page_index + 1}: {exc!r}"))
        return fallback.draw(request, cancel, progress)
