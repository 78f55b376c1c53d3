"""The engine as one object: what the UI bridge, the CLI and benchmarks all talk to.

It owns the chosen backends (loaded once, kept warm) and the library, and turns a few plain
arguments into a validated BookRequest using the settings.
"""

from __future__ import annotations

import logging
import secrets
from pathlib import Path
from typing import Any

from .backend_names import PictureBackend, StoryBackend
from .book import Book, BookRequest, Hero, Page, Theme, ThemeSource
from .cancel import CancelToken
from .errors import BackendUnavailable
from .events import Notice
from .jobs import BookMaker, Emit
from .library import Library
from .logs import remember_child_data
from .pictures import Illustrator, make_illustrator
from .previews import PreviewStore
from .scrub import scrub_secrets
from .settings import Settings, get_settings
from .story import StoryWriter, make_story_writer

__all__ = ["Engine"]

log = logging.getLogger(__name__)


class Engine:
    def __init__(
        self,
        settings: Settings | None = None,
        library: Library | None = None,
        *,
        substitute: bool = True,
    ) -> None:
        """``substitute=False`` makes an unavailable backend an error instead of a fallback."""
        self.settings = settings or get_settings()
        self.substitute = substitute
        self.library = library or Library()
        self.notices: list[Notice] = []  # why a configured backend was replaced (parent view)
        self._writer: StoryWriter | None = None
        self._illustrator: Illustrator | None = None
        self._previews: PreviewStore | None = None  # made (and swept) on the first book
        self._narration: Any = None  # narration.prerender.Prerenderer | False (none here)

    # ---- backends ----------------------------------------------------------------------------
    def story_writer(self) -> StoryWriter:
        if self._writer is None:
            try:
                self._writer = make_story_writer(self.settings.story_backend, self.settings)
            except BackendUnavailable as exc:
                if not self.substitute:
                    raise
                log.warning("%s; using the offline storyteller", exc)
                self.notices.append(Notice("story_backend_unavailable", str(exc)))
                self._writer = make_story_writer(StoryBackend.OFFLINE)
        return self._writer

    def illustrator(self) -> Illustrator:
        if self._illustrator is None:
            try:
                self._illustrator = make_illustrator(self.settings.picture_backend, self.settings)
            except BackendUnavailable as exc:
                if not self.substitute:
                    raise
                log.warning("%s; using the sketch painter", exc)
                self.notices.append(Notice("picture_backend_unavailable", str(exc)))
                self._illustrator = make_illustrator(PictureBackend.SKETCH)
        return self._illustrator

    def previews(self) -> PreviewStore:
        if self._previews is None:
            self._previews = PreviewStore()
        return self._previews

    def warm_up(self) -> None:
        """Load the backends now (on the engine thread) so the first child does not wait."""
        self.story_writer()
        self.illustrator()
        from .safety import nlp

        nlp.warm_up()  # the safety libraries (kiwipiepy takes seconds): not on a child's theme
        from .story.offline.plan import warm_up as warm_up_plan  # any writer may fall back to it

        warm_up_plan()

    # ---- jobs --------------------------------------------------------------------------------
    def request_for(
        self,
        hero_kind: str,
        theme_text: str,
        source: str = "card",
        child_name: str = "",
        lang: str | None = None,
        seed: int | None = None,
    ) -> BookRequest:
        lang = lang or self.settings.language
        if seed is None:
            seed = self.settings.seed or secrets.randbelow(2**31 - 1) + 1
        remember_child_data(theme_text, child_name)  # so no log line can carry them
        return BookRequest(
            hero=Hero.default(hero_kind, lang, child_name),
            theme=Theme(theme_text.strip(), ThemeSource(source)),
            lang=lang,
            pages=self.settings.pages,
            age=self.settings.age,
            seed=seed,
            width=self.settings.picture_size,
            height=self.settings.picture_size,
            bilingual=self.settings.bilingual,
        )

    def _maker(self, emit: Emit) -> BookMaker:
        """The book maker with today's backends; tells the parent view why a backend fell back."""
        writer, illustrator = self.story_writer(), self.illustrator()
        for notice in self.notices:
            emit(Notice(notice.code, scrub_secrets(notice.detail)))
        offline, sketch = StoryBackend.OFFLINE, PictureBackend.SKETCH
        maker = BookMaker(
            writer,
            illustrator,
            self.library,
            fallback_writer=None if writer.name == offline else make_story_writer(offline),
            fallback_illustrator=None if illustrator.name == sketch else make_illustrator(sketch),
            previews=self.previews(),
        )
        maker.keep_child_text = not self.settings.kiosk  # a public kiosk keeps no raw words
        return maker

    def make_book(self, request: BookRequest, emit: Emit, cancel: CancelToken) -> Book | None:
        return self._maker(emit).run(request, self._narrating(emit, request.lang), cancel)

    def finish_book(self, book_id: str, emit: Emit, cancel: CancelToken) -> Book | None:
        """Finish a stopped book (its process died while making it): the missing pages are
        written and drawn; ends in one Finished, Failed or Cancelled event like make_book."""
        maker = self._maker(emit)
        return maker.finish(
            book_id, emit, cancel, size=self.settings.picture_size, lang=self.settings.language
        )

    def remove_book(self, book_id: str) -> None:
        """Remove a book from the shelf for good (a parent's choice; LibraryError if it cannot)."""
        self.library.delete(book_id)

    # ---- narration (#14): page audio rendered while the pictures are drawn -------------------
    def narration(self) -> Any:
        """The background page-audio renderer, or None where no narrator is configured."""
        if self._narration is None:
            from .narration import make_narrator

            narrator = None
            try:
                narrator = make_narrator(self.settings)
            except Exception as exc:  # a broken SDK install must not stop the book
                log.warning("narration is not available: %r", exc)
            if narrator is None:
                self._narration = False
            else:
                from .narration.prerender import Prerenderer

                self._narration = Prerenderer(narrator)
        return self._narration or None

    def _narrating(self, emit: Emit, lang: str) -> Emit:
        from .events import PageText, StoryStarted

        prerender = self.narration()
        if prerender is None:
            return emit
        book: list[Path] = []

        def narrating_emit(event: Any) -> None:
            if isinstance(event, StoryStarted):
                book[:] = [self.library.book_dir(event.book_id)]
            elif isinstance(event, PageText) and book:
                prerender.add(book[0], event.index, event.text, lang)
            emit(event)

        return narrating_emit

    def redraw_page(
        self, book_id: str, index: int, emit: Emit, cancel: CancelToken, seed: int | None = None
    ) -> Page | None:
        """Draw one page again with a new seed (same hero, story and style); saved at once."""
        from .redraw import redraw_page

        illustrator = self.illustrator()
        sketch = PictureBackend.SKETCH
        fallback = None if illustrator.name == sketch else make_illustrator(sketch)
        return redraw_page(
            self.library, illustrator, book_id, index, emit, cancel, seed=seed,
            fallback=fallback, default_size=self.settings.picture_size, previews=self.previews(),
        )  # fmt: skip

    def export_pdf(self, book_id: str, out_path: Path | None = None) -> Path:
        from .export import export_pdf

        book = self.library.load(book_id)
        folder = self.library.book_dir(book_id)
        return export_pdf(book, folder, out_path or folder / "book.pdf")

    def export_colouring_pdf(self, book_id: str, out_path: Path | None = None) -> Path:
        from .export import export_colouring_pdf

        book = self.library.load(book_id)
        folder = self.library.book_dir(book_id)
        return export_colouring_pdf(book, folder, out_path or folder / "colouring.pdf")

    def close(self) -> None:
        if self._narration:
            self._narration.close()
        self.library.close()
