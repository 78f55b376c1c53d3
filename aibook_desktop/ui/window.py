"""The main window: one stack of screens and the only place that knows how they follow each other.

Screens emit signals, the bridge emits engine signals; this class routes both. It never runs
engine work itself. Kiosk mode, the idle reset and the parent area live in ``window_grownups``.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QStackedLayout, QWidget

from ..engine.book import Hero
from ..engine.safety import check_theme
from ..engine.settings import Settings, SettingsError, get_settings, update_settings_file
from .bridge import EngineBridge
from .i18n import Translations
from .parent import PinScreen
from .parent.settings_page import ParentScreen
from .screens import (
    HeroScreen,
    HomeScreen,
    MakingScreen,
    ReaderScreen,
    ShelfScreen,
    SorryScreen,
    ThemeScreen,
)
from .screens.overlays import NameOverlay, StillThereOverlay
from .screens.reader import COVER
from .session import Session
from .speech import Speaker
from .take_home import TakeHome
from .widgets import hero_pixmap
from .window_grownups import GrownUps

__all__ = ["WINDOW_SIZE", "MainWindow"]

log = logging.getLogger(__name__)
WINDOW_SIZE = (1280, 800)


class MainWindow(GrownUps, QMainWindow):
    """The kiosk window. Timings are injectable so tests need no sleeps:

    ``idle_timeout_ms`` (default: settings.idle_timeout_s), ``idle_grace_ms`` (how long "Are you
    still there?" waits), ``stop_grace_ms`` (how long "Stopping…" may take before the child is
    let go home while the engine finishes stopping in the background), ``gate_hold_ms`` (the
    corner long-press), ``restart_delay_ms`` (how long the "I'll be right back" message stays
    before a supervised app asks for a fresh process), ``speech_engine`` (a QTextToSpeech engine
    name; offscreen defaults to "mock").

    Signals:
        restartRequested(): exit with supervisor.RESTART_EXIT_CODE (app.py does) so that the
            supervisor starts a fresh process (after the GPU was lost).
    """

    restartRequested = Signal()

    def __init__(
        self,
        settings: Settings | None = None,
        bridge: EngineBridge | None = None,
        translations: Translations | None = None,
        *,
        kiosk: bool | None = None,
        speech_engine: str | None = None,
        idle_timeout_ms: int | None = None,
        idle_grace_ms: int = 20_000,
        stop_grace_ms: int = 8000,
        gate_hold_ms: int = 2000,
        restart_delay_ms: int = 6000,
        share_host: str | None = None,
    ) -> None:
        super().__init__()
        self._restart_delay_ms = restart_delay_ms
        self.settings = settings if settings is not None else get_settings()
        self.bridge = bridge if bridge is not None else EngineBridge(self.settings)
        self.translations = translations if translations is not None else Translations(self)
        self.speaker = Speaker(speech_engine, self)
        self.session = Session()
        self.setObjectName("mainWindow")
        self.resize(*WINDOW_SIZE)
        central = QWidget()
        central.setObjectName("central")
        self.stack = QStackedLayout(central)
        self.setCentralWidget(central)
        self.home = HomeScreen()
        self.hero = HeroScreen()
        self.theme = ThemeScreen()
        self.making = MakingScreen()
        self.reader = ReaderScreen(speaker=self.speaker)
        # the take-home QR code (#14); share_host: the address to serve on (tests: 127.0.0.1)
        self.take_home = TakeHome(self.bridge, self.settings, host=share_host, parent=self)
        self.shelf = ShelfScreen()
        self.sorry = SorryScreen()
        self.pin = PinScreen()
        self.parent_area = ParentScreen()
        for screen in (
            self.home, self.hero, self.theme, self.making, self.reader, self.shelf,
            self.sorry, self.pin, self.parent_area,
        ):  # fmt: skip
            self.stack.addWidget(screen)
        self.name_overlay = NameOverlay(central)
        self.still_there = StillThereOverlay(central, grace_ms=idle_grace_ms)
        self._stopping = False  # Stop was confirmed; a book that still finishes goes quietly
        self._open_pending = ""  # the book the user asked to open; late loads are ignored
        # a book asked for while the engine was still busy (stopping the last one, redrawing):
        # (hero kind, theme, source, lang, name), started the moment the engine is free
        self._book_waiting: tuple[str, str, str, str, str] | None = None
        self._stop_grace = QTimer(self)
        self._stop_grace.setSingleShot(True)
        self._stop_grace.setInterval(stop_grace_ms)
        self._stop_grace.timeout.connect(self._stop_took_long)
        self.voice_languages: list[str] | None = None  # None until the voice bridge reports
        self._connect()
        self._setup_grownups(idle_timeout_ms, gate_hold_ms)
        self.set_language(self.settings.language, persist=False)
        self.set_kiosk(self.settings.kiosk if kiosk is None else kiosk)
        self.go_home()

    # ---- wiring -----------------------------------------------------------------------------
    def _connect(self) -> None:
        self.home.makeRequested.connect(self.go_hero)
        self.home.shelfRequested.connect(self.go_shelf)
        self.home.languageRequested.connect(self.set_language)
        self.hero.heroChosen.connect(self._hero_chosen)
        self.hero.homeRequested.connect(self.go_home)
        self.name_overlay.nameChosen.connect(self._name_chosen)
        self.theme.themeChosen.connect(self.start_book)
        self.theme.homeRequested.connect(self.go_home)
        self.theme.backRequested.connect(self.go_hero)
        self.theme.listenRequested.connect(self._listen)
        self.theme.stopListeningRequested.connect(self._stop_listening)
        self.theme.sayRequested.connect(self.say)
        self.making.cancelRequested.connect(self.stop_book)
        self.making.readNowRequested.connect(self.read_live_book)
        self.reader.homeRequested.connect(self.go_home)
        self.reader.exportRequested.connect(self.export_book)
        self.reader.colouringRequested.connect(self.export_colouring)
        self.reader.printRequested.connect(self.print_book)
        self.reader.redrawRequested.connect(self.redraw_page)
        self.reader.makeAnotherRequested.connect(self.go_hero)
        self.reader.shareRequested.connect(self._share_book)
        self.reader.cleared.connect(self.take_home.stop)  # the idle reset closes the link
        self.take_home.ready.connect(self._share_ready)
        self.take_home.failed.connect(self._share_failed)
        books = self.parent_area.books  # the parent area: copy a book out, or lend it
        books.exportRequested.connect(self._copy_book)
        books.shareRequested.connect(self.take_home.request)
        self.take_home.ready.connect(books.show_share)
        self.take_home.failed.connect(books.show_share_failed)
        self.bridge.models.bundleExported.connect(books.show_copied)
        self.bridge.models.bundleFailed.connect(books.show_copy_failed)
        self.apply_share_setting()
        self.shelf.homeRequested.connect(self.go_home)
        self.shelf.openRequested.connect(self.open_book)
        self.sorry.homeRequested.connect(self.go_home)

        # Only bound methods of main-thread QObjects here: PySide6 then queues each call to
        # the main thread. A lambda would run on the engine thread and touch widgets there.
        b = self.bridge
        b.stageStarted.connect(self._stage_started)
        b.storyStarted.connect(self._story_started)
        b.pageText.connect(self._page_text)
        b.progress.connect(self._progress)
        b.pageImage.connect(self._page_image)
        b.busyChanged.connect(self._busy_changed)
        b.pagePreview.connect(self._page_preview)
        b.finished.connect(self._book_finished)
        b.failed.connect(self._book_failed)
        b.gpuLost.connect(self._gpu_lost)
        b.cancelled.connect(self._book_cancelled)
        b.booksListed.connect(self._books_listed)  # filtered by the shelf mode (issue #21)
        b.bookLoaded.connect(self._book_loaded)
        b.bookLoadFailed.connect(self._book_load_failed)
        b.exported.connect(self._exported)
        b.colouringExported.connect(self._exported)
        b.exportFailed.connect(self._export_failed)
        b.pageRedrawn.connect(self.reader.page_drawn)
        b.redrawPreview.connect(self.reader.show_redraw_preview)
        b.redrawFailed.connect(self._redraw_failed)
        b.redrawCancelled.connect(self._redraw_cancelled)  # a bound method: runs on this thread
        v = b.voice
        v.voiceReady.connect(self._voice_ready)
        v.recordingLevel.connect(self.theme.on_level)
        v.recordingDone.connect(self.theme.on_recording_done)
        v.transcribed.connect(self.theme.on_transcribed)

    # ---- navigation -------------------------------------------------------------------------
    def current_screen(self) -> QWidget:
        return self.stack.currentWidget() or self.home

    def show_screen(self, screen: QWidget) -> None:
        self.stack.setCurrentWidget(screen)
        screen.setFocus()

    def go_home(self) -> None:
        self._open_pending = ""
        self.name_overlay.close_overlay()
        self.bridge.voice.cancel_recording()
        self.show_screen(self.home)

    def go_hero(self) -> None:
        self.show_screen(self.hero)

    def go_shelf(self) -> None:
        self.shelf.set_loading()
        self.show_screen(self.shelf)
        self.bridge.list_books()

    def _hero_chosen(self, kind: str) -> None:
        self.session.hero_kind = kind
        if kind == "me":
            self.name_overlay.open()  # a grown-up types the child's name first
            return
        self.session.child_name = ""
        self._go_theme()

    def _name_chosen(self, name: str) -> None:
        self.session.child_name = name
        self._go_theme()

    def _go_theme(self) -> None:
        self.theme.reset()
        self.show_screen(self.theme)
        if self.theme.voice_box.isVisible():
            self.say(self.theme.spoken_prompt())

    def say(self, text: str) -> None:
        self.speaker.say(text, self.translations.language)

    def start_book(self, theme_text: str, source: str) -> None:
        lang = self.translations.language
        kind = self.session.hero_kind or "cat"
        hero = Hero.default(kind, lang, self.session.child_name)
        request = (kind, theme_text, source, lang, self.session.child_name)
        # Never show an unsafe theme back: the same word list the engine starts with gives
        # the gentle text at once; a moderation endpoint's verdict follows with StoryStarted.
        shown = check_theme(theme_text, lang).text
        self.session.theme_text, self.session.lang = shown, lang
        self.session.live = None
        self._stopping = False
        picture = hero_pixmap(kind, hero.name, 170)
        self.making.begin(hero.name, shown, self.settings.pages, picture)
        self.show_screen(self.making)
        self._book_waiting = None
        if not self.bridge.make_book(*request):
            # The last book is still stopping (or a page is being redrawn): this one starts
            # the moment the engine is free; the child already sees it being made.
            log.info("the engine is busy; the new book waits for it")
            self._book_waiting = request

    def finish_book(self, book_id: str) -> None:
        """A grown-up finishes a stopped book: the making screen shows its missing pages
        being made, then the reader opens it, as for a new book."""
        summary = self.parent_area.books.summary(book_id)
        if summary is None:
            return
        lang = summary.lang or self.translations.language
        self.session.hero_kind, self.session.theme_text = summary.hero_kind or "cat", ""
        self.session.lang, self.session.live = lang, None
        hero = Hero.default(self.session.hero_kind, lang, self.session.child_name)
        self._stopping = False
        self._book_waiting = None
        if not self.bridge.finish_book(book_id, lang):
            self.parent_area.books.show_finish_failed(self.tr("Just a moment, I'm still busy."))
            return
        picture = hero_pixmap(self.session.hero_kind, hero.name, 170)
        self.making.begin(hero.name, summary.title, summary.page_count, picture)
        self.show_screen(self.making)

    def _busy_changed(self, busy: bool) -> None:
        if busy or self._book_waiting is None:
            return
        request, self._book_waiting = self._book_waiting, None
        on_making = self.current_screen() is self.making and not self._stopping
        if on_making and not self.bridge.make_book(*request):
            self._book_waiting = request

    # The bridge lives on the engine thread: connecting a screen's signal straight to one of
    # its methods would queue the call behind the running job. Call it from here instead.
    def stop_book(self) -> None:
        self._stopping = True
        if self._book_waiting is not None:  # it never started: there is nothing to stop
            self._book_waiting = None
            self.go_home()
            return
        self.bridge.cancel()
        self._stop_grace.start()

    def _stop_took_long(self) -> None:
        """A step that cannot be interrupted (loading weights, compiling) holds the stop up:
        the child goes home now; the book ends in the background and waits on the shelf."""
        if self._stopping and self.current_screen() is self.making:
            log.warning("the book has not stopped yet; going home, it ends in the background")
            self.go_home()

    def export_book(self, book_id: str) -> None:
        self.bridge.export_pdf(book_id)

    def export_colouring(self, book_id: str) -> None:
        self.bridge.export_colouring(book_id)

    def redraw_page(self, book_id: str, index: int) -> None:
        if not self.bridge.redraw_page(book_id, index):
            self.reader.show_redraw_failed(index, self.tr("Just a moment, I'm still busy."))

    def open_book(self, book_id: str) -> None:
        self._open_pending = book_id
        self.bridge.load_book(book_id)

    def read_live_book(self) -> None:
        """Page 1 is drawn: read it now; the reader gets later pages as they arrive."""
        live = self.session.live
        if live is None or self.session.live_dir is None:
            return
        self.reader.set_book(live, self.session.live_dir, live=True)
        self.show_screen(self.reader)

    # ---- voice ------------------------------------------------------------------------------
    def _voice_ready(self, languages: list[str]) -> None:
        self.voice_languages = list(languages)
        self.theme.set_voice_available(self.translations.language in self.voice_languages)

    def _listen(self, mode: str) -> None:
        self.speaker.stop()
        if not self.bridge.voice.start_recording(mode, self.translations.language):
            self.theme.on_voice_unavailable()

    def _stop_listening(self) -> None:
        self.bridge.voice.stop_recording()

    # ---- engine results ---------------------------------------------------------------------
    # While a new book waits for the engine, everything the engine reports still belongs to
    # the book that is stopping (Qt delivers it in order, before the engine says it is free):
    # none of it may touch the making screen or send the child somewhere else.
    def _old_job(self) -> bool:
        return self._book_waiting is not None

    def _stage_started(self, stage: str) -> None:
        if not self._old_job():
            self.making.on_stage(stage)

    def _page_preview(self, index: int, path: str) -> None:
        if not self._old_job():
            self.making.on_page_preview(index, path)

    def _story_started(self, book_id: str, title: str, page_count: int, theme: str) -> None:
        if self._old_job():
            return
        self.session.start_live(book_id, title, page_count)
        self.making.on_story(title, page_count, theme)

    def _page_text(self, index: int, text: str) -> None:
        if self._old_job():
            return
        page = self.session.add_text(index, text)
        live = self.session.live
        if page is not None and live is not None:
            self.reader.page_added(live.id, page)

    def _page_image(self, index: int, path: str) -> None:
        if self._old_job():
            return
        self.session.add_image(index, path)
        self.making.on_page_image(index, path)
        live = self.session.live
        if live is not None:
            self.reader.page_drawn(live.id, index, path)

    def _progress(self, fraction: float, _stage: str) -> None:
        if not self._old_job():
            self.making.on_progress(fraction)

    def _exported(self, book_id: str, path: str) -> None:
        if self.take_home.claims(book_id, path):
            return
        self.reader.show_exported(path)

    def _export_failed(self, book_id: str, reason: str) -> None:
        log.warning("PDF export of %s failed: %s", book_id, reason)
        if self.take_home.claims_failure(book_id):
            return
        self.reader.show_export_failed()

    def _redraw_cancelled(self, _book_id: str, index: int) -> None:
        self.reader.show_redraw_failed(index, "")  # the old picture, quietly

    # ---- taking the book home (#14) -----------------------------------------------------------
    def apply_share_setting(self) -> None:
        """The parent's QR setting, now: off closes any open link at once."""
        self.reader.set_share_enabled(bool(self.settings.share_qr))
        self.parent_area.books.set_share_enabled(bool(self.settings.share_qr))
        if not self.settings.share_qr:
            self.take_home.stop()

    def _copy_book(self, book_id: str, folder: str) -> None:
        # through a main-thread method: the models bridge lives on the engine thread
        self.bridge.models.export_bundle(book_id, folder)

    def _share_book(self, book_id: str) -> None:
        book = self.reader.book
        if book is not None and book.id == book_id:
            self.take_home.request(book_id, book.title, book.lang)

    def _share_ready(self, book_id: str, qr: Any, _url: str, minutes: int) -> None:
        self.reader.show_share(book_id, qr, minutes)

    def _share_failed(self, _book_id: str, message: str) -> None:
        self.reader.show_share_failed(message)

    def _redraw_failed(self, book_id: str, index: int, message: str) -> None:
        self.reader.show_redraw_failed(index, message)
        if message and self.current_screen() is self.reader:
            self.say(message)

    def _book_finished(self, book_id: str, _path: str) -> None:
        live = self.session.live
        self.session.live = None
        if self._old_job():  # it finished before it saw the stop: it waits on the shelf
            return
        if self.current_screen() is self.reader and live is not None and live.id == book_id:
            self.reader.finish_live()  # the child is already reading it: reload it quietly
            self.open_book(book_id)
            return
        if self.current_screen() is not self.making:
            return
        if self._stopping:  # finished just before the stop arrived: it waits on the shelf
            self.go_home()
        else:
            self.open_book(book_id)

    def _book_failed(self, child_message: str, code: str, reason: str) -> None:
        log.warning("the book failed (%s): %s", code, reason)
        self.session.live = None
        if self._old_job():  # the making screen already shows the book that waits its turn
            return
        # the child asked it to stop: how it ended is no news to them
        if self._stopping:
            if self.current_screen() is self.making:
                self.go_home()
            return
        self.show_sorry(child_message)

    def _gpu_lost(self) -> None:
        """Under ``--supervised`` ask for a fresh process once the child has heard why. Without
        a supervisor the app goes on, and GPU pictures keep failing kindly until a restart."""
        if os.environ.get("AIBOOK_SUPERVISED") == "1":
            log.error("the GPU was lost; asking the supervisor for a fresh process")
            QTimer.singleShot(self._restart_delay_ms, self.restartRequested.emit)

    def show_sorry(self, message: str) -> None:
        """A friendly picture and the message, said aloud: nothing needs reading."""
        self.sorry.show_message(message)
        self.show_screen(self.sorry)
        self.say(message)

    def _book_cancelled(self, _book_id: str) -> None:
        # Cancelling is not an error: quietly back to the start.
        self.session.live = None
        if self.current_screen() is self.making and not self._old_job():
            self.go_home()

    def _book_loaded(self, book: Any, book_dir: str) -> None:
        if book.id != self._open_pending:
            return
        self._open_pending = ""
        same = self.reader.book is not None and self.reader.book.id == book.id
        # a book opens on its cover, like a real one; the same book stays on its page
        self.reader.set_book(book, book_dir, index=self.reader.index if same else COVER)
        self.show_screen(self.reader)

    def _book_load_failed(self, book_id: str, _reason: str) -> None:
        if book_id != self._open_pending:
            return
        self._open_pending = ""
        self.show_sorry(self.tr("This book can't be opened right now. Let's pick another one!"))

    # ---- language and lifetime --------------------------------------------------------------
    def set_language(self, lang: str, persist: bool = True) -> None:
        """Switch the UI (and the language of new books); remembered in the settings file."""
        self.translations.set_language(lang)
        self.home.set_language(lang)
        self.setWindowTitle(self.tr("My Picture Book"))
        self.theme.set_voice_available(lang in (self.voice_languages or []))
        if persist and self.settings.language != lang:
            self.settings.language = lang
            try:  # the language alone: never the environment's temporary overrides
                update_settings_file({"language": lang})
            except (OSError, SettingsError):
                log.exception("the language choice could not be saved")
            self.bridge.update_settings(self.settings)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.kiosk_guard.active and not self._allow_close:
            log.info("kiosk: a close request was refused (the PIN opens the way out)")
            event.ignore()
            QTimer.singleShot(0, self.kiosk_guard.take_screen_back)
            return
        self.speaker.stop()
        self.take_home.stop()
        self._detach_grownups()
        self.bridge.shutdown()
        self.translations.uninstall()
        super().closeEvent(event)
