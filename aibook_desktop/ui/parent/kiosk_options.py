"""The parent area's kiosk choices added by issue #21: which printer Print uses (no dialog in
kiosk mode, ever) and whether earlier children's books stay on the shelf."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from ...engine.settings import Settings
from ..printing import printer_names

__all__ = ["KioskOptions"]

SHELF_CHOICES = ("auto", "shared", "session", "off")


class KioskOptions(QWidget):
    """Two rows for the kiosk tab's form; ``values()`` is merged into the saved settings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.printer = QComboBox()
        self.printer.setMinimumHeight(56)
        self.shelf = QComboBox()
        self.shelf.setMinimumHeight(56)
        for value in SHELF_CHOICES:
            self.shelf.addItem(value, value)
        self.printer_label = QLabel()
        self.shelf_label = QLabel()
        self._printer_name = ""
        self.retranslate()

    def add_rows(self, form: QFormLayout) -> None:
        form.addRow(self.printer_label, self.printer)
        form.addRow(self.shelf_label, self.shelf)

    def load(self, settings: Settings) -> None:
        self._printer_name = settings.printer_name
        self._fill_printers()
        self.shelf.setCurrentIndex(max(0, self.shelf.findData(settings.shelf_mode)))

    def _fill_printers(self) -> None:
        self.printer.clear()
        self.printer.addItem(self.tr("No printer (no Print button)"), "")
        names = printer_names()
        for name in names:
            self.printer.addItem(name, name)
        if self._printer_name and self._printer_name not in names:
            self.printer.addItem(
                self.tr("{name} (not found now)").format(name=self._printer_name),
                self._printer_name,
            )
        self.printer.setCurrentIndex(max(0, self.printer.findData(self._printer_name)))

    def values(self) -> dict[str, Any]:
        return {
            "printer_name": str(self.printer.currentData() or ""),
            "shelf_mode": str(self.shelf.currentData() or "auto"),
        }

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.printer_label.setText(self.tr("Printer for Print"))
        self.shelf_label.setText(self.tr("Bookshelf"))
        labels = {
            "auto": self.tr("Automatic (kiosk: this visit only)"),
            "shared": self.tr("Keep every book"),
            "session": self.tr("Keep books for this visit only"),
            "off": self.tr("No bookshelf"),
        }
        for i, value in enumerate(SHELF_CHOICES):
            self.shelf.setItemText(i, labels[value])
        if self.printer.count():
            self.printer.setItemText(0, self.tr("No printer (no Print button)"))
