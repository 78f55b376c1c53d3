"""What every screen shares: re-reading its texts when the language changes, and a header row."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

__all__ = ["Screen", "current_language", "header_row"]


def current_language() -> str:
    """The app's language code, as set by :class:`ui.i18n.Translations` (QLocale default)."""
    return "ko" if QLocale().language() == QLocale.Language.Korean else "en"


class Screen(QWidget):
    """A page of the main stack. Screens emit signals; only app.py knows the other screens."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every visible text again (called at start and on each language change)."""
        raise NotImplementedError


def header_row(*widgets: QWidget, title: QLabel | None = None) -> QHBoxLayout:
    """Buttons on the left, the screen's title in the middle (kept centred by a right spacer)."""
    row = QHBoxLayout()
    row.setSpacing(16)
    for widget in widgets:
        row.addWidget(widget)
    if title is not None:
        row.addWidget(title, 1)
    else:
        row.addStretch(1)
    return row
