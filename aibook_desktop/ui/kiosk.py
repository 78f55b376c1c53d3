"""Kiosk helpers: swallow escape keys, notice when nobody is there, and the grown-ups' corner.

All three are application-wide event filters, so they see input whichever widget has it,
without any screen having to cooperate.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QApplication, QWidget

__all__ = ["CornerHold", "IdleWatcher", "KioskGuard", "is_escape_key"]

log = logging.getLogger(__name__)

_KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)
_INPUT_EVENTS = (
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseMove,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TabletPress,
)
_SYSTEM_KEYS = {
    Qt.Key.Key_Escape,
    Qt.Key.Key_Meta,
    Qt.Key.Key_Super_L,
    Qt.Key.Key_Super_R,
    Qt.Key.Key_Menu,
    Qt.Key.Key_F11,
    Qt.Key.Key_Close,
    Qt.Key.Key_Exit,
}


def is_escape_key(event: QKeyEvent) -> bool:
    """Keys that leave or hide a full-screen app: Esc, Alt+F4, Alt/Meta+Tab, Ctrl+Q/W, ..."""
    key = event.key()
    mods = event.modifiers()
    alt = bool(mods & Qt.KeyboardModifier.AltModifier)
    ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
    meta = bool(mods & Qt.KeyboardModifier.MetaModifier)
    if key in _SYSTEM_KEYS:
        return True
    if alt and key in (Qt.Key.Key_F4, Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Space):
        return True
    if (ctrl or meta) and key in (Qt.Key.Key_Q, Qt.Key.Key_W, Qt.Key.Key_Tab, Qt.Key.Key_D):
        return True
    return alt and ctrl and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


class KioskGuard(QObject):
    """While ``active``, escape keys never reach the app and the window keeps full screen.

    The window manager handles Alt+Tab and Alt+F4 itself on most desktops; what reaches us is
    swallowed here, a close request is refused by the window (``MainWindow.closeEvent``), and
    a window that was minimised or lost focus takes the screen back.

    Signals:
        blocked(str key): an escape attempt was swallowed (for the log and tests).
    """

    blocked = Signal(str)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.active = False

    def set_active(self, active: bool) -> None:
        app = QApplication.instance()
        if app is None or active == self.active:
            return
        self.active = active
        if active:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.active:
            return False
        if event.type() in _KEY_EVENTS and isinstance(event, QKeyEvent):
            if is_escape_key(event):
                if event.type() == QEvent.Type.KeyPress:
                    log.info("kiosk: ignored %s", event.keyCombination().toCombined())
                    self.blocked.emit(str(event.key()))
                event.accept()
                return True
        elif watched is self._window and event.type() == QEvent.Type.WindowStateChange:
            if self._window.windowState() & Qt.WindowState.WindowMinimized:
                QTimer.singleShot(0, self.take_screen_back)
        elif watched is self._window and event.type() == QEvent.Type.WindowDeactivate:
            QTimer.singleShot(250, self.take_screen_back)
        return False

    def take_screen_back(self) -> QWidget | None:
        """Full screen and in front again; returns the widget raised (None: not active).

        A modal or popup of our own stays on top: burying it under the full-screen window
        once left every tap swallowed and the booth locked until a power cycle.
        """
        if not self.active:
            return None
        window = self._window
        if not window.isFullScreen() or window.isMinimized() or not window.isVisible():
            window.setWindowState(Qt.WindowState.WindowFullScreen)
            window.showFullScreen()
        top = QApplication.activeModalWidget() or QApplication.activePopupWidget() or window
        if QGuiApplication.platformName() != "offscreen":  # no other windows to rise above
            window.raise_()
            if top is not window:
                top.raise_()
            top.activateWindow()
        return top


class IdleWatcher(QObject):
    """Fires ``idle`` after ``timeout_ms`` without any touch, click or key anywhere in the app.

    Signals:
        idle(): nobody has touched anything for the timeout.
    """

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(1, timeout_ms))
        self._timer.timeout.connect(self.idle)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def timeout_ms(self) -> int:
        return self._timer.interval()

    def set_timeout_ms(self, timeout_ms: int) -> None:
        self._timer.setInterval(max(1, timeout_ms))
        if self._timer.isActive():
            self._timer.start()

    def is_running(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def detach(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and self._timer.isActive():
            self._timer.start()  # restart: someone is there
        return False


class CornerHold(QObject):
    """A press held ``hold_ms`` in the window's top-right corner opens the grown-ups' gate.

    It only watches: the press still reaches whatever is under the finger, so the corner needs
    no visible widget a child would poke at.

    Signals:
        held(): the corner was held long enough.
    """

    held = Signal()

    def __init__(self, window: QWidget, hold_ms: int = 2000, size: int = 90) -> None:
        super().__init__(window)
        self._window = window
        self.size = size
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(hold_ms)
        self._timer.timeout.connect(self.held)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def corner(self) -> QRect:
        """The corner in window coordinates (top-right, ``size`` square)."""
        return QRect(self._window.width() - self.size, 0, self.size, self.size)

    def holding(self) -> bool:
        return self._timer.isActive()

    def detach(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._timer.stop()

    def _in_corner(self, global_pos: QPoint) -> bool:
        if not self._window.isVisible():
            return False
        return self.corner().contains(self._window.mapFromGlobal(global_pos))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            inside = isinstance(event, QMouseEvent) and self._in_corner(
                event.globalPosition().toPoint()
            )
            self._press(inside)
        elif kind == QEvent.Type.TouchBegin and isinstance(event, QTouchEvent):
            points = event.points()
            self._press(len(points) == 1 and self._in_corner(points[0].globalPosition().toPoint()))
        elif kind in (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd):
            self._timer.stop()
        elif (
            kind == QEvent.Type.MouseMove
            and isinstance(event, QMouseEvent)
            and self._timer.isActive()
            and not self._in_corner(event.globalPosition().toPoint())
        ):
            self._timer.stop()  # slid out of the corner
        return False

    def _press(self, inside: bool) -> None:
        """The same press reaches us once per widget it propagates through: start only once."""
        if not inside:
            self._timer.stop()
        elif not self._timer.isActive():
            self._timer.start()
