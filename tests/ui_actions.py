"""What a person does with the kiosk in UI tests: tap a button, hold the grown-ups' corner."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton

from aibook_desktop.ui.app import MainWindow

__all__ = ["click", "hold_corner"]


def click(qtbot, button: QAbstractButton) -> None:  # type: ignore[no-untyped-def]
    assert button.isVisible() and button.isEnabled(), button.objectName() or button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def hold_corner(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """A long press in the top-right corner, as a grown-up does it."""
    point = QPoint(window.width() - 20, 20)
    target = window.childAt(point) or window
    local = target.mapFrom(window, point)
    with qtbot.wait_signal(window.corner_hold.held, timeout=5000):
        qtbot.mousePress(target, Qt.MouseButton.LeftButton, pos=local)
    qtbot.mouseRelease(target, Qt.MouseButton.LeftButton, pos=local)
