"""The application: fonts, translations, style sheet, the main window and how screens connect.

Nothing heavy is imported here: the engine's service (numpy, PIL, backends) is imported by the
bridge on its own thread after the window is on screen.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QWidget

from ..engine.book import Hero
from ..engine.resources import font_path, resources_root
from ..engine.settings import Settings, get_settings, save_settings
from .bridge import EngineBridge
from .i18n import Translations
from .screens import (
    HeroScreen,
    HomeScreen,
    MakingScreen,
    ReaderScreen,
    ShelfScreen,
    SorryScreen,
    ThemeScreen,
)

__all__ = ["MainWindow", "build_parser", "main", "setup_application"]

log = logging.getLogger(__name__)
WINDOW_SIZE = (1280, 800)


def load_fonts(app: QApplication) -> str | None:
    """Register NanumSquareRound (Korean and Latin) and make it the app font; its family name."""
    family = None
    for bold in (False, True):
        try:
            path = font_path(bold=bold)
        except FileNotFoundError:
            log.error("the UI font is missing; using the system font")
            return None
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            log.error("font %s could not be loaded", path)
            continue
        family = family or families[0]
    if family:
        font = QFont(family)
        font.setPointSize(18)
        app.setFont(font)
    return family


def load_style(app: QApplication) -> None:
    path = resources_root() / "style" / "app.qss"
    try:
        app.setStyleSheet(path.read_text(encoding="utf-8"))
    except OSError:
        log.error("style sheet %s is missing; using the plain style", path)


class MainWindow(QMainWindow):
    """One window, one stack of screens; the only place that knows how screens follow each other.

    Screens emit signals, the bridge emits engine signals; this class routes both. It never
    runs engine work itself.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        bridge: EngineBridge | None = None,
        translations: Translations | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings if settings is not None else get_settings()
        self.bridge = bridge if bridge is not None else EngineBridge(self.settings)
        self.translations = translations if translations is not None else Translations(self)
        self.setObjectName("mainWindow")
        self.resize(*WINDOW_SIZE)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.home = HomeScreen()
        self.hero = HeroScreen()
        self.theme = ThemeScreen()
        self.making = MakingScreen()
        self.reader = ReaderScreen()
        self.shelf = ShelfScreen()
        self.sorry = SorryScreen()
        for screen in (
            self.home,
            self.hero,
            self.theme,
            self.making,
            self.reader,
            self.shelf,
            self.sorry,
        ):
            self.stack.addWidget(screen)
        self._hero_kind = ""
        self._stopping = False  # Stop was confirmed; a book that still finishes goes quietly
        self._open_pending = ""  # the book the user asked to open; late loads are ignored
        self._connect()
        self.set_language(self.settings.language, persist=False)
        self.go_home()

    # ---- wiring -----------------------------------------------------------------------------
    def _connect(self) -> None:
        self.home.makeRequested.connect(self.go_hero)
        self.home.shelfRequested.connect(self.go_shelf)
        self.home.languageRequested.connect(self.set_language)
        self.hero.heroChosen.connect(self._hero_chosen)
        self.hero.homeRequested.connect(self.go_home)
        self.theme.themeChosen.connect(self.start_book)
        self.theme.homeRequested.connect(self.go_home)
        self.theme.backRequested.connect(self.go_hero)
        self.making.cancelRequested.connect(self.stop_book)
        self.reader.homeRequested.connect(self.go_home)
        self.reader.exportRequested.connect(self.export_book)
        self.shelf.homeRequested.connect(self.go_home)
        self.shelf.openRequested.connect(self.open_book)
        self.sorry.homeRequested.connect(self.go_home)

        # Only bound methods of main-thread QObjects here: PySide6 then queues each call to
        # the main thread. A lambda would run on the engine thread and touch widgets there.
        b = self.bridge
        b.stageStarted.connect(self.making.on_stage)
        b.storyStarted.connect(self._story_started)
        b.progress.connect(self._progress)
        b.pageImage.connect(self.making.on_page_image)
        b.finished.connect(self._book_finished)
        b.failed.connect(self._book_failed)
        b.cancelled.connect(self._book_cancelled)
        b.booksListed.connect(self.shelf.set_books)
        b.bookLoaded.connect(self._book_loaded)
        b.bookLoadFailed.connect(self._book_load_failed)
        b.exported.connect(self._exported)
        b.exportFailed.connect(self._export_failed)

    # ---- navigation -------------------------------------------------------------------------
    def show_screen(self, screen: QWidget) -> None:
        self.stack.setCurrentWidget(screen)
        screen.setFocus()

    def go_home(self) -> None:
        self._open_pending = ""
        self.show_screen(self.home)

    def go_hero(self) -> None:
        self.hero.reload_art()
        self.show_screen(self.hero)

    def go_shelf(self) -> None:
        self.shelf.set_loading()
        self.show_screen(self.shelf)
        self.bridge.list_books()

    def _hero_chosen(self, kind: str) -> None:
        self._hero_kind = kind
        self.theme.reset()
        self.show_screen(self.theme)

    def start_book(self, theme_text: str, source: str) -> None:
        lang = self.translations.language
        hero = Hero.default(self._hero_kind or "cat", lang)
        if not self.bridge.make_book(hero.kind.value, theme_text, source, lang):
            return  # a book is still being made (or stopped); the child stays where they are
        self._stopping = False
        self.making.begin(hero.name, theme_text, self.settings.pages)
        self.show_screen(self.making)

    # The bridge lives on the engine thread: connecting a screen's signal straight to one of
    # its methods would queue the call behind the running job. Call it from here instead.
    def stop_book(self) -> None:
        self._stopping = True
        self.bridge.cancel()

    def export_book(self, book_id: str) -> None:
        self.bridge.export_pdf(book_id)

    def open_book(self, book_id: str) -> None:
        self._open_pending = book_id
        self.bridge.load_book(book_id)

    # ---- engine results ---------------------------------------------------------------------
    def _story_started(self, _book_id: str, title: str, page_count: int) -> None:
        self.making.on_story(title, page_count)

    def _progress(self, fraction: float, _stage: str) -> None:
        self.making.on_progress(fraction)

    def _exported(self, _book_id: str, path: str) -> None:
        self.reader.show_exported(path)

    def _export_failed(self, book_id: str, reason: str) -> None:
        log.warning("PDF export of %s failed: %s", book_id, reason)
        self.reader.show_export_failed()

    def _book_finished(self, book_id: str, _path: str) -> None:
        if self.stack.currentWidget() is not self.making:
            return
        if self._stopping:  # finished just before the stop arrived: it waits on the shelf
            self.go_home()
        else:
            self.open_book(book_id)

    def _book_failed(self, child_message: str, code: str, reason: str) -> None:
        log.warning("the book failed (%s): %s", code, reason)
        self.sorry.show_message(child_message)
        self.show_screen(self.sorry)

    def _book_cancelled(self, _book_id: str) -> None:
        # Cancelling is not an error: quietly back to the start.
        if self.stack.currentWidget() is self.making:
            self.go_home()

    def _book_loaded(self, book: Any, book_dir: str) -> None:
        if book.id != self._open_pending:
            return
        self._open_pending = ""
        self.reader.set_book(book, book_dir)
        self.show_screen(self.reader)

    def _book_load_failed(self, book_id: str, _reason: str) -> None:
        if book_id != self._open_pending:
            return
        self._open_pending = ""
        self.sorry.show_message(
            self.tr("This book can't be opened right now. Let's pick another one!")
        )
        self.show_screen(self.sorry)

    # ---- language and lifetime --------------------------------------------------------------
    def set_language(self, lang: str, persist: bool = True) -> None:
        """Switch the UI (and the language of new books); remembered in the settings file."""
        self.translations.set_language(lang)
        self.home.set_language(lang)
        self.setWindowTitle(self.tr("My Picture Book"))
        if persist and self.settings.language != lang:
            self.settings.language = lang
            try:
                save_settings(self.settings)
            except (OSError, ValueError):
                log.exception("the language choice could not be saved")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.bridge.shutdown()
        super().closeEvent(event)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="aibook-desktop", description=__doc__)
    parser.add_argument("--kiosk", action="store_true", help="full screen, no window frame")
    parser.add_argument("--lang", choices=("ko", "en"), help="UI and book language")
    return parser


def setup_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication with our font and style (reuses an existing one, e.g. in tests)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("AI-Book Desktop")
    load_fonts(app)
    load_style(app)
    return app


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    app = setup_application()
    settings = get_settings()
    if args.lang:
        settings.language = args.lang
    window = MainWindow(settings)
    if args.kiosk or settings.kiosk:
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        window.showFullScreen()
    else:
        window.show()
    # The window is up; now the engine thread may import the heavy modules.
    QTimer.singleShot(0, window.bridge.start)
    app.aboutToQuit.connect(window.bridge.shutdown)
    return app.exec()
