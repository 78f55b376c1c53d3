"""Leaving the booth clean for the next child, and keeping the screen in the kiosk's hands.

* :func:`close_other_windows` shuts every dialog or stray window of ours (an open print
  dialog once survived an idle reset, and the next child printed the last child's book).
* :func:`clear_clipboard` wipes the clipboard and the X selection (a name could be pasted).
* Speech is stopped off the main thread by the speaker itself (``Speaker._call`` in
  speech.py), as is every other call of the system engine: one that hangs (speechd with no
  sound card) cannot freeze the reset; after a timeout the engine is abandoned and the app
  goes on silently (texts stay on screen).
* :class:`FrontKeeper` looks every second whether the kiosk window is still in front, not only
  after a focus loss ("show desktop" and a desktop switch lose no focus event we would see).
* :class:`ContextMenuBlocker` swallows stock context menus (Qt's, in English, with Paste/Select
  All) in kiosk mode.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget

__all__ = [
    "ContextMenuBlocker",
    "FrontKeeper",
    "UsabilityWatch",
    "clear_clipboard",
    "close_other_windows",
    "foreign_windows",
]

log = logging.getLogger(__name__)


def foreign_windows(window: QWidget) -> list[QWidget]:
    """Visible top-level widgets other than ``window`` (dialogs, menus, file browsers...)."""
    return [
        w
        for w in QApplication.topLevelWidgets()
        if w is not window and w.isVisible() and w.isWindow()
    ]


def close_other_windows(window: QWidget) -> int:
    """Close every visible top-level widget except ``window``; dialogs are rejected so any
    ``exec()`` waiting on them returns. Returns how many were closed."""
    closed = 0
    for _ in range(10):  # closing one modal can reveal the next
        others = foreign_windows(window)
        if not others:
            break
        for other in others:
            if isinstance(other, QDialog):
                other.reject()
            other.close()
            closed += 1
    if closed:
        log.info("reset: closed %d window(s) the last child had open", closed)
    return closed


def clear_clipboard() -> None:
    clipboard = QGuiApplication.clipboard()
    clipboard.clear(QClipboard.Mode.Clipboard)
    if clipboard.supportsSelection():
        clipboard.clear(QClipboard.Mode.Selection)
    if clipboard.supportsFindBuffer():
        clipboard.clear(QClipboard.Mode.FindBuffer)


class FrontKeeper(QObject):
    """While active, checks every ``interval_ms`` that the window is in front and takes the
    screen back if not: minimised, hidden, not active, or not full screen.

    Signals:
        tookBack(): the window was not in front and was brought back.
    """

    tookBack = Signal()

    def __init__(
        self, window: QWidget, take_back: Callable[[], None], interval_ms: int = 1000
    ) -> None:
        super().__init__(window)
        self._window = window
        self._take_back = take_back
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self.misses = 0  # checks in a row that found the window away

    def set_active(self, on: bool) -> None:
        if on:
            self._timer.start()
        else:
            self._timer.stop()

    def active(self) -> bool:
        return self._timer.isActive()

    def in_front(self) -> bool:
        window = self._window
        if not window.isVisible() or window.isMinimized() or not window.isFullScreen():
            return False
        if QGuiApplication.platformName() == "offscreen":
            return True  # no other windows, and no window activation to ask about
        # Exposed, not "active": a window manager may refuse focus to a window it did not
        # choose (openbox's focus-stealing rules) while the window is on screen and answers
        # every touch. "Show desktop" and a desktop switch unmap it: then it is not exposed.
        # A window of another program on top of ours is caught by the focus loss (kiosk.py).
        handle = window.windowHandle()
        return handle is not None and handle.isExposed()

    def check(self) -> None:
        if self.in_front():
            self.misses = 0
            return
        self.misses += 1
        log.info("kiosk: the window was not in front; taking the screen back")
        if self.misses >= 2:
            self.remap()
        self._take_back()
        self.tookBack.emit()

    def remap(self) -> None:
        """Unmap and map the window again. A window manager may ignore an app's activation
        request (openbox after "show desktop" or on another desktop: focus-stealing rules),
        but a window that is mapped anew is shown on the current desktop and focused."""
        window = self._window
        if QGuiApplication.platformName() == "offscreen" or QApplication.activeModalWidget():
            return  # never hide the window from under our own modal dialog
        window.hide()
        window.setWindowState(Qt.WindowState.WindowFullScreen)
        window.showFullScreen()


class ContextMenuBlocker(QObject):
    """An application event filter that swallows context-menu requests while active."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.active = False
        self.blocked = 0

    def set_active(self, on: bool) -> None:
        app = QApplication.instance()
        if app is None or on == self.active:
            return
        self.active = on
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.active and event.type() == QEvent.Type.ContextMenu:
            self.blocked += 1
            event.accept()
            return True
        return False


class UsabilityWatch:
    """Whether a child could still use the kiosk: answers the heartbeat (heartbeat.py).

    The event loop can keep beating while the screen is dead to touch: a modal dialog buried
    under the full-screen window swallowed every tap, the gate and the idle reset. In kiosk
    mode no window of ours but the main one should ever be up, and the main one should be in
    front; either state lasting ``grace_s`` means the supervisor should restart us.
    """

    def __init__(
        self,
        window: QWidget,
        kiosk: Callable[[], bool],
        in_front: Callable[[], bool],
        grace_s: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._window = window
        self._kiosk = kiosk
        self._in_front = in_front
        self.grace_s = grace_s
        self._clock = clock
        self._since: float | None = None
        self.reason = ""

    def usable(self) -> bool:
        if not self._kiosk():
            self._since, self.reason = None, ""
            return True
        problem = ""
        others = foreign_windows(self._window)
        if others:
            problem = "a window blocks the kiosk: " + ", ".join(type(w).__name__ for w in others)
        elif not self._in_front():
            problem = "the kiosk window is not in front"
        if not problem:
            self._since, self.reason = None, ""
            return True
        now = self._clock()
        if self._since is None:
            self._since = now
        self.reason = problem
        return now - self._since < self.grace_s
