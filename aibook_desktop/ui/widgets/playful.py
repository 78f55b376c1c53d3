"""Something to watch while the book is made: the hero bounces while crayons circle round."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt, QVariantAnimation
from PySide6.QtGui import QColor, QHideEvent, QPainter, QPaintEvent, QPen, QPixmap, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

__all__ = ["BouncingHero"]

CRAYONS = ("#EF5350", "#FFCA28", "#66BB6A", "#42A5F5", "#AB47BC")


class BouncingHero(QWidget):
    """A looping animation that only runs while it is on screen (no CPU spent when hidden)."""

    def __init__(self, parent: QWidget | None = None, size: int = 170) -> None:
        super().__init__(parent)
        self.setObjectName("bouncingHero")
        self.setMinimumSize(2 * size + 60, size + 110)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._size = size
        self._pixmap = QPixmap()
        self._phase = 0.0
        self._anim = QVariantAnimation(self)
        self._anim.setStartValue(0.0)
        self._anim.setEndValue(1.0)
        self._anim.setDuration(1800)
        self._anim.setLoopCount(-1)
        self._anim.valueChanged.connect(self._tick)

    def set_pixmap(self, pixmap: QPixmap) -> None:
        self._pixmap = pixmap
        self.update()

    def running(self) -> bool:
        return self._anim.state() == QVariantAnimation.State.Running

    def phase(self) -> float:
        return self._phase

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._anim.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._anim.stop()
        super().hideEvent(event)

    def _tick(self, value: object) -> None:
        self._phase = float(value)  # type: ignore[arg-type]
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        cx = self.width() / 2
        s = self._size
        two_hops = (self._phase * 2) % 1.0
        hop = abs(math.sin(math.pi * two_hops))
        squash = 1.0 - 0.12 * max(0.0, 1.0 - hop * 4)  # flattened for a moment on landing
        ground = self.height() - 24.0
        # shadow
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(120, 80, 40, 50))
        shadow_w = s * (0.7 - 0.25 * hop)
        p.drawEllipse(QRectF(cx - shadow_w / 2, ground, shadow_w, 14))
        # the hero
        height = s * squash
        width = s * (2 - squash)
        top = ground - height - hop * 34
        if not self._pixmap.isNull():
            p.drawPixmap(
                QRectF(cx - width / 2, top, width, height),
                self._pixmap,
                QRectF(self._pixmap.rect()),
            )
        # crayons circling
        radius_x, radius_y = s * 0.85, s * 0.32
        for i, colour in enumerate(CRAYONS):
            angle = 2 * math.pi * (self._phase + i / len(CRAYONS))
            x = cx + radius_x * math.cos(angle)
            y = ground - s * 0.55 + radius_y * math.sin(angle)
            front = math.sin(angle) > 0
            p.save()
            p.translate(QPointF(x, y))
            p.rotate(math.degrees(angle) + 90)
            p.setOpacity(1.0 if front else 0.55)
            p.setPen(QPen(QColor("#5D4037"), 2))
            p.setBrush(QColor(colour))
            p.drawRoundedRect(QRectF(-7, -22, 14, 36), 4, 4)
            p.setBrush(QColor("#FFE0B2"))
            p.drawPolygon([QPointF(-7, 14), QPointF(7, 14), QPointF(0, 26)])
            p.restore()
        p.end()
