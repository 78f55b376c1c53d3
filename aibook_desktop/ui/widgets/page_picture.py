"""The page's picture: kept whole, re-fitted to the label whenever the label changes size."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy

__all__ = ["PagePicture", "load_picture"]


class PagePicture(QLabel):
    """Keeps the full picture and re-fits it whenever the label changes size."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("pagePicture")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setMinimumSize(200, 200)
        self._full = QPixmap()

    def set_full(self, pixmap: QPixmap) -> None:
        self._full = pixmap
        self._fit()

    def full(self) -> QPixmap:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self._full.isNull():
            self.clear()
            return
        side = min(self.width(), self.height()) - 8
        self.setPixmap(
            self._full.scaled(
                QSize(side, side),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )


def load_picture(path: Path) -> QPixmap:
    """Read through QImage: a redrawn page has the same file name, and must not come cached."""
    image = QImage(str(path))
    return QPixmap.fromImage(image) if not image.isNull() else QPixmap()
