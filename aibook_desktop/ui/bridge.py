"""The UI's one door to the engine: a QObject on its own thread that turns events into signals."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMetaObject, QObject, Qt, QThread, Signal, Slot

from ..engine import events as ev
from ..engine.cancel import CancelToken
from ..engine.errors import FailureCode
from ..engine.settings import Settings
from .main_thread import MainThreadSide
from .models_bridge import ModelsBridge
from .voice_bridge import VoiceBridge

__all__ = ["EngineBridge", "VoiceBridge"]

log = logging.getLogger(__name__)


class EngineBridge(QObject):
    """Runs every engine call on one dedicated ``QThread``, one job at a time.

    The engine (and with it numpy, PIL and whatever the backends need) is imported lazily on
    the engine thread by :meth:`start`, so the window is on screen before anything heavy loads.
    Public methods are called from the main thread; they only post requests, which the engine
    thread serves in order (Anki's single task manager: work touching the library never runs
    twice at once). The shelf also goes through here rather than opening its own Library: the
    index is then only ever touched from one thread, and a shelf read can never race a book
    that is being written.

    Cancelling sets a thread-safe :class:`CancelToken` directly (the engine thread is busy, so
    a queued request would arrive too late); the job then ends with ``cancelled``.

    Signals (emitted on the engine thread, delivered queued to main-thread receivers):
        engineReady(): the engine was built; jobs can run.
        engineUnavailable(str reason): the engine could not be built (logged; jobs fail kindly).
        busyChanged(bool busy): a job (book or redraw) started or ended; emitted on the main
            thread, ``False`` only once the main thread has received all the job's signals.
        stageStarted(str stage): "safety" | "story" | "pictures" | "saving".
        storyStarted(str book_id, str title, int page_count, str theme): theme is what the book
            is really about (an unsafe theme's gentle replacement).
        pageText(int index, str text)
        pageImage(int index, str path): absolute path of the finished page picture.
        pagePreview(int index, str path): a small rough look at a page still being drawn.
        progress(float fraction, str stage): overall fraction 0..1.
        notice(str code, str detail): something a parent may want to know.
        finished(str book_id, str path): the book is complete; path is its folder.
        failed(str child_message, str code, str reason): a kind message in the book language.
        cancelled(str book_id): the job stopped because it was asked to ("" if no book yet).
        booksListed(list summaries): the library's BookSummary list, newest first.
        bookLoaded(object book, str book_dir): a Book and the folder its pictures are in.
        bookLoadFailed(str book_id, str reason)
        exported(str book_id, str pdf_path)
        colouringExported(str book_id, str pdf_path)
        exportFailed(str book_id, str reason)
        redrawStarted(str book_id, int index)
        redrawProgress(float fraction)
        redrawPreview(str book_id, int index, str path): the new picture developing.
        pageRedrawn(str book_id, int index, str path): the new picture is saved.
        redrawFailed(str book_id, int index, str child_message): the old picture stays.
        redrawCancelled(str book_id, int index): stopped when asked; the old picture stays.
        diagnosed(object info): a ``parent.diagnostics.Diagnostics``.
        gpuLost(): a job broke this process's CUDA context; only a new process can draw again.

    ``voice`` (a :class:`VoiceBridge` on the same thread) records and recognises speech;
    ``models`` (a :class:`ModelsBridge`) runs the doctor, model setup and book deletion.
    """

    engineReady = Signal()
    engineUnavailable = Signal(str)
    busyChanged = Signal(bool)
    stageStarted = Signal(str)
    storyStarted = Signal(str, str, int, str)
    pageText = Signal(int, str)
    pageImage = Signal(int, str)
    pagePreview = Signal(int, str)
    progress = Signal(float, str)
    notice = Signal(str, str)
    finished = Signal(str, str)
    failed = Signal(str, str, str)
    cancelled = Signal(str)
    booksListed = Signal(list)
    bookLoaded = Signal(object, str)
    bookLoadFailed = Signal(str, str)
    exported = Signal(str, str)
    colouringExported = Signal(str, str)
    exportFailed = Signal(str, str)
    redrawStarted = Signal(str, int)
    redrawProgress = Signal(float)
    redrawPreview = Signal(str, int, str)
    pageRedrawn = Signal(str, int, str)
    redrawFailed = Signal(str, int, str)
    redrawCancelled = Signal(str, int)
    gpuLost = Signal()
    diagnosed = Signal(object)

    # main thread -> engine thread requests (queued because this object lives on that thread)
    _buildRequested = Signal()
    _makeRequested = Signal(str, str, str, str, str, object)
    _finishRequested = Signal(str, str, object)
    _listRequested = Signal()
    _loadRequested = Signal(str)
    _exportRequested = Signal(str, str)
    _redrawRequested = Signal(str, int, object)
    _diagnoseRequested = Signal()
    _reconfigureRequested = Signal(object)
    _settingsUpdated = Signal(object)

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        # The engine thread reads its own copy: the window's object is edited on the main thread.
        self._settings = _copy(settings)
        self._engine: Any = None  # engine.service.Engine, imported on the engine thread
        self._thread: QThread | None = None
        self._token: CancelToken | None = None
        self._busy = False  # read and written on the main thread only
        self._main_side = MainThreadSide()  # frees ``busy`` after the job's last signal
        self.voice = VoiceBridge(self)  # a child: it moves to the engine thread with us
        self.models = ModelsBridge(self)  # doctor, model setup, deleting books
        self._buildRequested.connect(self._build)
        self._makeRequested.connect(self._make)
        self._finishRequested.connect(self._finish)
        self._listRequested.connect(self._list)
        self._loadRequested.connect(self._load)
        self._exportRequested.connect(self._export)
        self._redrawRequested.connect(self._redraw)
        self._diagnoseRequested.connect(self._diagnose)
        self._reconfigureRequested.connect(self._reconfigure)
        self._settingsUpdated.connect(self._use_settings)

    # ---- main thread API --------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def settings(self) -> Settings | None:
        """The copy the engine reads (None: the engine reads the settings file's)."""
        return self._settings

    @property
    def started(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        """Start the engine thread and build the engine there (call after the window shows)."""
        if self._thread is not None:
            return
        self._thread = QThread()
        self._thread.setObjectName("aibook-engine")
        self.moveToThread(self._thread)
        self._thread.start()
        self._buildRequested.emit()

    def make_book(
        self, hero_kind: str, theme_text: str, source: str, lang: str, child_name: str = ""
    ) -> bool:
        """Queue a book; False (and nothing happens) while another book is being made."""
        if not self._claim():
            return False
        self._makeRequested.emit(hero_kind, theme_text, source, lang, child_name, self._token)
        return True

    def finish_book(self, book_id: str, lang: str) -> bool:
        """Make the missing pages of a stopped book; the same events as make_book follow.
        False (and nothing happens) while another job runs."""
        if not self._claim():
            return False
        self._finishRequested.emit(book_id, lang, self._token)
        return True

    def redraw_page(self, book_id: str, index: int) -> bool:
        """Draw one page of a shelved book again; False while another job runs."""
        if not self._claim():
            return False
        self.redrawStarted.emit(book_id, index)
        self._redrawRequested.emit(book_id, index, self._token)
        return True

    def _claim(self) -> bool:
        if self._busy:
            log.warning("the engine is busy; ignoring a second job")
            return False
        self.start()
        self._busy = True
        self._token = CancelToken()
        self.busyChanged.emit(True)
        return True

    def _job_ended(self) -> None:
        """On the main thread, after every signal the job sent (see MainThreadSide)."""
        self._busy = False
        self.busyChanged.emit(False)

    def cancel(self) -> None:
        token = self._token
        if token is not None:
            token.cancel()

    def list_books(self) -> None:
        self.start()
        self._listRequested.emit()

    def load_book(self, book_id: str) -> None:
        self.start()
        self._loadRequested.emit(book_id)

    def export_pdf(self, book_id: str) -> None:
        self.start()
        self._exportRequested.emit(book_id, "book")

    def export_colouring(self, book_id: str) -> None:
        self.start()
        self._exportRequested.emit(book_id, "colouring")

    def diagnose(self) -> None:
        """Gather the diagnostics page's facts on the engine thread (may import torch)."""
        self.start()
        self._diagnoseRequested.emit()

    def reconfigure(self, settings: Settings) -> None:
        """Use new settings: the engine is rebuilt (new backends) before the next job."""
        copy = _copy(settings)
        if self._thread is None:
            self._settings = copy
            return
        self._reconfigureRequested.emit(copy)

    def update_settings(self, settings: Settings) -> None:
        """Use new settings that need no new backends (pages, age, language…) from the next job.

        The engine gets a copy made here, on the main thread, and swaps it in whole: it never
        sees a half-edited object."""
        copy = _copy(settings)
        if self._thread is None:
            self._settings = copy
            return
        self._settingsUpdated.emit(copy)

    def shutdown(self) -> None:
        """Stop any job, close the engine on its own thread and end the thread."""
        thread = self._thread
        if thread is None:
            return
        self.cancel()
        self.voice.cancel_recording()
        QMetaObject.invokeMethod(self, "_close", Qt.ConnectionType.BlockingQueuedConnection)
        thread.quit()
        thread.wait()
        self._thread = None

    # ---- engine thread ----------------------------------------------------------------------
    def engine(self) -> Any:
        """The engine, built first if need be; None if it cannot be built (engine thread only:
        the other bridges on this thread use it for their jobs)."""
        self._build()
        return self._engine

    @Slot()
    def _build(self) -> None:
        if self._engine is not None:
            return
        try:
            from ..engine.service import Engine  # heavy: numpy, PIL, backends

            self._engine = Engine(settings=self._settings)
        except Exception as exc:  # any failure here must reach the UI as a kind message
            log.exception("the engine could not be started")
            self.engineUnavailable.emit(f"{type(exc).__name__}: {exc}")
            return
        try:
            self._engine.warm_up()  # load the backends now, not when the first child waits
        except Exception:  # a job will report it kindly; the shelf still works
            log.exception("warming up the engine failed")
        self.engineReady.emit()
        self.voice.build(self._engine.settings)

    def _close_engine(self) -> None:
        if self._engine is not None:
            try:
                self._engine.close()
            except Exception:
                log.exception("closing the engine failed")
            self._engine = None

    @Slot(object)
    def _use_settings(self, settings: Settings) -> None:
        self._settings = settings
        if self._engine is not None:
            self._engine.settings = settings

    @Slot(object)
    def _reconfigure(self, settings: Settings) -> None:
        self._settings = settings
        self._close_engine()
        self.voice.reset()

    @Slot()
    def _close(self) -> None:
        self._close_engine()
        # Hand this object back to the main thread before its thread ends, so it is never
        # left on a dead thread (Qt would then complain when it is deleted).
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())

    @Slot(str, str, str, str, str, object)
    def _make(
        self, hero_kind: str, theme: str, source: str, lang: str, name: str, token: Any
    ) -> None:
        try:
            self._build()
            if self._engine is None:
                self._fail_unexpected(lang, "the engine is not available")
                return
            try:
                request = self._engine.request_for(
                    hero_kind, theme, source=source, child_name=name, lang=lang
                )
            except ValueError as exc:
                self._fail(lang, FailureCode.BAD_REQUEST, str(exc))
                return
            self._engine.make_book(request, self._emit, token)
        except Exception as exc:  # the engine promises not to raise; if it does, stay kind
            log.exception("making a book raised")
            self._fail_unexpected(lang, f"{type(exc).__name__}: {exc}")
        finally:
            self._main_side.post(self._job_ended)

    @Slot(str, str, object)
    def _finish(self, book_id: str, lang: str, token: Any) -> None:
        try:
            self._build()
            if self._engine is None:
                self._fail_unexpected(lang, "the engine is not available")
                return
            self._engine.finish_book(book_id, self._emit, token)
        except Exception as exc:  # the engine promises not to raise; if it does, stay kind
            log.exception("finishing a book raised")
            self._fail_unexpected(lang, f"{type(exc).__name__}: {exc}")
        finally:
            self._main_side.post(self._job_ended)

    def _fail(self, lang: str, code: FailureCode, reason: str) -> None:
        from ..engine.messages import child_message

        self.failed.emit(child_message(code, lang), code, reason)

    def _fail_unexpected(self, lang: str, reason: str) -> None:
        self._fail(lang, FailureCode.UNEXPECTED, reason)

    def _emit(self, event: ev.Event) -> None:
        """The engine's callback: runs on the engine thread, only emits signals."""
        match event:
            case ev.StageStarted(stage=stage):
                self.stageStarted.emit(str(stage))
            case ev.StoryStarted(book_id=book_id, title=title, page_count=count, theme=theme):
                self.storyStarted.emit(book_id, title, count, theme)
            case ev.PageText(index=index, text=text):
                self.pageText.emit(index, text)
            case ev.PageImage(index=index, path=path):
                self.pageImage.emit(index, str(path))
            case ev.PagePreview(index=index, path=path):
                self.pagePreview.emit(index, str(path))
            case ev.Progress(fraction=fraction, stage=stage):
                self.progress.emit(float(fraction), str(stage))
            case ev.Notice(code=code, detail=detail):
                self.notice.emit(code, detail)
            case ev.Finished(book_id=book_id, path=path):
                self.finished.emit(book_id, str(path))
            case ev.Failed(reason=reason, code=code, child_message=message):
                self.failed.emit(message, code, reason)
                if code == FailureCode.GPU_LOST:
                    self.gpuLost.emit()
            case ev.JobCancelled(book_id=book_id):
                self.cancelled.emit(book_id or "")
            case _:
                log.debug("ignoring engine event %r", event)

    @Slot()
    def _list(self) -> None:
        self._build()
        books: list[Any] = []
        if self._engine is not None:
            try:
                books = list(self._engine.library.list_books())
            except Exception:
                log.exception("the shelf could not be read")
        self.booksListed.emit(books)

    @Slot(str)
    def _load(self, book_id: str) -> None:
        self._build()
        try:
            if self._engine is None:
                raise RuntimeError("the engine is not available")
            book = self._engine.library.load(book_id)
            book_dir = Path(self._engine.library.book_dir(book_id))
        except Exception as exc:  # LibraryError, or a damaged folder
            log.warning("book %s could not be opened: %s", book_id, exc)
            self.bookLoadFailed.emit(book_id, str(exc))
            return
        self.bookLoaded.emit(book, str(book_dir))

    @Slot(str, str)
    def _export(self, book_id: str, kind: str) -> None:
        self._build()
        try:
            if self._engine is None:
                raise RuntimeError("the engine is not available")
            if kind == "colouring":
                path = self._engine.export_colouring_pdf(book_id)
            else:
                path = self._engine.export_pdf(book_id)
        except Exception as exc:
            log.warning("exporting %s failed: %s", book_id, exc)
            self.exportFailed.emit(book_id, str(exc))
            return
        if kind == "colouring":
            self.colouringExported.emit(book_id, str(path))
        else:
            self.exported.emit(book_id, str(path))

    @Slot(str, int, object)
    def _redraw(self, book_id: str, index: int, token: Any) -> None:
        outcome: list[str] = []

        def emit(event: ev.Event) -> None:  # the redraw's own signals: not the making screen's
            match event:
                case ev.Progress(fraction=fraction):
                    self.redrawProgress.emit(float(fraction))
                case ev.PagePreview(index=i, path=path):
                    self.redrawPreview.emit(book_id, i, str(path))
                case ev.PageImage(index=i, path=path):
                    outcome.append("drawn")
                    self.pageRedrawn.emit(book_id, i, str(path))
                case ev.Failed(reason=reason, code=code, child_message=message):
                    outcome.append("failed")
                    log.warning("redrawing page %d of %s failed: %s", index + 1, book_id, reason)
                    self.redrawFailed.emit(book_id, index, message)
                    if code == FailureCode.GPU_LOST:
                        self.gpuLost.emit()
                case ev.JobCancelled():
                    outcome.append("cancelled")
                    self.redrawCancelled.emit(book_id, index)

        try:
            self._build()
            if self._engine is None:
                raise RuntimeError("the engine is not available")
            self._engine.redraw_page(book_id, index, emit, token)
        except Exception:  # the engine promises not to raise; if it does, stay kind
            log.exception("redrawing a page raised")
            if not outcome:
                from ..engine.messages import child_message

                outcome.append("failed")
                lang = self._settings.language if self._settings else "en"
                self.redrawFailed.emit(
                    book_id, index, child_message(FailureCode.PICTURES_FAILED, lang)
                )
        finally:
            if not outcome:  # no end from the engine: the page simply stays as it was
                self.redrawCancelled.emit(book_id, index)
            self._main_side.post(self._job_ended)

    @Slot()
    def _diagnose(self) -> None:
        from .parent.diagnostics import gather_diagnostics

        self._build()
        settings = self._engine.settings if self._engine is not None else self._settings
        self.diagnosed.emit(gather_diagnostics(self._engine, settings or Settings()))


def _copy(settings: Settings | None) -> Settings | None:
    return None if settings is None else dataclasses.replace(settings)
