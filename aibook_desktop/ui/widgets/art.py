"""Pictures for buttons: shipped SVG icons, hero portraits, and a drawn fallback for missing art."""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from ...engine.resources import resources_root

__all__ = ["HERO_COLOURS", "hero_pixmap", "icon", "placeholder_pixmap", "scaled_pixmap"]

log = logging.getLogger(__name__)

# One cheerful colour per hero, used for the fallback portrait until real art exists.
HERO_COLOURS: dict[str, str] = {
    "boy": "#4A90E2",
    "girl": "#F06292",
    "cat": "#FF9F43",
    "frog": "#4CAF50",
    "princess": "#AB47BC",
    "superhero": "#E53935",
    "dinosaur": "#26A69A",
    "robot": "#78909C",
    "me": "#FFB300",
}


@cache
def icon(name: str) -> QIcon:
    """An icon from resources/ui/<name>.svg (empty icon, logged, if it is missing)."""
    path = resources_root() / "ui" / f"{name}.svg"
    if not path.is_file():
        log.error("missing UI icon %s", path)
        return QIcon()
    return QIcon(str(path))


def placeholder_pixmap(text: str, colour: str, size: int) -> QPixmap:
    """A coloured circle with a big initial: always available, so no screen waits on art."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    margin = size * 0.04
    painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * 0.45))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, text[:1].upper())
    painter.end()
    return pixmap


def scaled_pixmap(path: str, size: QSize) -> QPixmap:
    """The picture at ``path`` fitted into ``size`` (a null pixmap if it cannot be read)."""
    pixmap = QPixmap(path)
    if pixmap.isNull():
        return pixmap
    return pixmap.scaled(
        size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


def hero_pixmap(kind: str, name: str, size: int) -> QPixmap:
    """resources/heroes/<kind>.png if it exists and reads, else a drawn placeholder."""
    path = resources_root() / "heroes" / f"{kind}.png"
    if path.is_file():
        pixmap = scaled_pixmap(str(path), QSize(size, size))
        if not pixmap.isNull():
            return pixmap
        log.warning("hero picture %s could not be read; drawing a placeholder", path)
    return placeholder_pixmap(name, HERO_COLOURS.get(kind, "#FF8A3D"), size)
