"""What a person does with the kiosk in UI tests: tap a button, hold the grown-ups' corner."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton

from aibook_desktop.ui.app import MainWindow

__all__ = ["click", "enter_parent_area", "hold_corner", "type_pin"]


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


def type_pin(qtbot, window: MainWindow, pin: str) -> None:  # type: ignore[no-untyped-def]
    """Tap the digits, then OK (a PIN is 4-12 digits, so the keypad cannot guess the end)."""
    for digit in pin:
        click(qtbot, window.pin.keys[digit])
    click(qtbot, window.pin.ok_key)
    qtbot.waitUntil(lambda: "●" not in window.pin.dots.text() or not window.pin.isVisible())


def enter_parent_area(qtbot, window: MainWindow, pin: str = "1234") -> None:  # type: ignore[no-untyped-def]
    """A grown-up's way in: the PIN was set beforehand (first-run setup or the CLI)."""
    from aibook_desktop.ui.parent import hash_pin

    if not window.settings.parent_pin_hash:
        window.settings.parent_pin_hash = hash_pin(pin, iterations=1000)
    hold_corner(qtbot, window)
    type_pin(qtbot, window, pin)
    assert window.stack.currentWidget() is window.parent_area
