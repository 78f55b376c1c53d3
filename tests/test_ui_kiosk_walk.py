"""Kiosk lockdown proven by walking it: every control a child can reach, clicked and
right-clicked in both languages, and no window but the app's own may ever appear.

Runs offscreen in the suite; ``tools/kiosk_walk_xvfb.sh`` runs the same file on a real X
server (Xvfb) with and without a window manager, where a stock dialog would be a real window.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from ui_actions import click

from aibook_desktop.engine.settings import Settings
from aibook_desktop.ui.app import MainWindow, setup_application
from aibook_desktop.ui.booth import foreign_windows

pytestmark = pytest.mark.slow
BOOK_TIMEOUT = 120_000


class ForeignWindowWatch:
    """Polls for top-level windows other than the app's own, records and closes them (a stock
    dialog's ``exec()`` runs a nested event loop, where this timer still fires)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.seen: list[str] = []
        self.where = ""
        self._timer = QTimer()
        self._timer.setInterval(15)
        self._timer.timeout.connect(self.poll)
        self._timer.start()

    def poll(self) -> None:
        for other in foreign_windows(self.window):
            if other.objectName() == "qtooltip_label":
                continue  # a tooltip is not a way out (and is hidden from children anyway)
            self.seen.append(f"{type(other).__name__} after {self.where}")
            other.close()

    def stop(self) -> None:
        self._timer.stop()


def controls(window: MainWindow) -> list[QAbstractButton]:
    """The enabled buttons a child can see now, in screen order (top to bottom, left to right)."""
    found = [
        b
        for b in window.findChildren(QAbstractButton)
        if b.isVisible() and b.isEnabled() and b.window() is window
    ]
    return sorted(found, key=lambda b: (b.mapToGlobal(QPoint()).y(), b.mapToGlobal(QPoint()).x()))


def settle(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Let a click's consequences finish: a book being made, a PDF, a redraw."""
    QApplication.processEvents()
    qtbot.waitUntil(lambda: window.current_screen() is not window.making, timeout=BOOK_TIMEOUT)
    qtbot.waitUntil(lambda: not window.bridge.busy, timeout=BOOK_TIMEOUT)
    QApplication.processEvents()


def right_click_everything(window: MainWindow, watch: ForeignWindowWatch, state: str) -> None:
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        watch.where = f"right-click on {type(widget).__name__} {widget.objectName()} in {state}"
        centre = widget.rect().center()
        event = QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, centre, widget.mapToGlobal(centre)
        )
        QApplication.sendEvent(widget, event)
        QApplication.processEvents()


@pytest.fixture(params=["en", "ko"])
def kiosk(qtbot, request) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    setup_application()
    settings = Settings(
        language=request.param, pages=4, picture_size=64, kiosk=True, shelf_mode="shared"
    )  # the shared shelf: its cards are controls to walk too
    win = MainWindow(
        settings, kiosk=True, gate_hold_ms=60_000, idle_timeout_ms=600_000, speech_engine="mock"
    )
    qtbot.add_widget(win)
    win.showFullScreen()
    qtbot.waitExposed(win)
    win.bridge.start()
    yield win
    win.quit_app()
    win.translations.set_language("en")


def test_every_reachable_control_keeps_the_child_inside(qtbot, kiosk: MainWindow) -> None:
    win = kiosk
    watch = ForeignWindowWatch(win)

    # one finished book, so the shelf and the reader have something to show
    click(qtbot, win.home.make_button)
    click(qtbot, win.hero.buttons["cat"])
    click(qtbot, win.theme.cards["moon"])
    qtbot.waitUntil(lambda: win.current_screen() is win.reader, timeout=BOOK_TIMEOUT)
    settle(qtbot, win)

    def home() -> None:
        win.reset_session()
        QApplication.processEvents()

    def hero() -> None:
        home()
        click(qtbot, win.home.make_button)

    def name() -> None:
        hero()
        click(qtbot, win.hero.buttons["me"])
        qtbot.keyClicks(win.name_overlay.field, "Yuna")

    def theme() -> None:
        hero()
        click(qtbot, win.hero.buttons["robot"])
        qtbot.keyClicks(win.theme.typed, "a duck")

    def shelf() -> None:
        home()
        click(qtbot, win.home.shelf_button)
        qtbot.waitUntil(lambda: bool(win.shelf.cards), timeout=30_000)

    def reader() -> None:
        shelf()
        click(qtbot, next(iter(win.shelf.cards.values())))
        qtbot.waitUntil(lambda: win.current_screen() is win.reader, timeout=30_000)

    def sorry() -> None:
        home()
        win.show_sorry("Oops")

    states: dict[str, Callable[[], None]] = {
        "home": home, "hero": hero, "name": name, "theme": theme, "shelf": shelf,
        "reader": reader, "sorry": sorry,
    }  # fmt: skip
    clicked = 0
    for state, reach in states.items():
        reach()
        right_click_everything(win, watch, state)
        for i in range(len(controls(win))):
            reach()
            buttons = controls(win)
            if i >= len(buttons):
                continue
            button = buttons[i]
            watch.where = f"{button.objectName() or button.text()!r} in {state}"
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            clicked += 1
            settle(qtbot, win)
            # and whatever that click opened (a confirmation, an overlay) gets its clicks too
            for inner in [b for b in controls(win) if b is not button][:12]:
                if not (inner.isVisible() and inner.isEnabled()):
                    continue
                watch.where = f"{inner.objectName() or inner.text()!r} after {state}/{i}"
                qtbot.mouseClick(inner, Qt.MouseButton.LeftButton)
                clicked += 1
                settle(qtbot, win)
                break
    watch.stop()
    assert clicked > 40, clicked
    assert watch.seen == [], watch.seen
    assert win.isVisible() and win.isFullScreen()
