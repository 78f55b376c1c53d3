"""The application: fonts, style sheet, command line, and starting the main window.

Nothing heavy is imported here: the engine's service (numpy, PIL, backends) is imported by the
bridge on its own thread after the window is on screen.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from ..engine import paths
from ..engine.resources import font_path, resources_root
from ..engine.settings import get_settings
from ..supervisor import RESTART_EXIT_CODE
from .heartbeat import Heartbeat
from .qt_fixes import guard_none_refcount
from .window import WINDOW_SIZE, MainWindow

__all__ = ["WINDOW_SIZE", "MainWindow", "build_parser", "main", "setup_application"]

log = logging.getLogger(__name__)


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="aibook-desktop", description=__doc__)
    parser.add_argument("--kiosk", action="store_true", help="full screen, no window frame")
    parser.add_argument("--lang", choices=("ko", "en"), help="UI and book language")
    parser.add_argument(  # handled in aibook_desktop.__main__ before Qt starts; listed for --help
        "--supervised", action="store_true", help="restart the app after a crash (kiosks)"
    )
    return parser


def setup_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication with our font and style (reuses an existing one, e.g. in tests)."""
    guard_none_refcount()
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
    first_run = not paths.settings_file().exists()  # before anything could write it
    settings = get_settings()
    if args.lang:
        settings.language = args.lang
    if args.kiosk:
        settings.kiosk = True  # for this run (privacy defaults follow it); never written
    window = MainWindow(settings, kiosk=bool(args.kiosk or settings.kiosk))
    if first_run and not settings.parent_pin_hash:
        window.begin_first_run()  # a fresh install: the grown-up at the screen chooses the PIN
    if window.kiosk_guard.active:
        window.showFullScreen()
    else:
        window.show()
    # The window is up; now the engine thread may import the heavy modules.
    QTimer.singleShot(0, window.bridge.start)
    app.aboutToQuit.connect(window.bridge.shutdown)
    window.restartRequested.connect(lambda: app.exit(RESTART_EXIT_CODE))
    heartbeat = Heartbeat.from_env(app, healthy=window.ui_usable)  # only under --supervised
    if heartbeat is not None:
        log.info("beating for the supervisor at %s", heartbeat.path)
    return app.exec()
