"""A level meter a child can see: bars that grow with the voice, green to orange."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

__all__ = ["LevelMeter", "level_fraction"]

BARS = 12
FLOOR_DB = -50.0  # quieter than this shows no bar


def level_fraction(rms: float) -> float:
    """Loudness on a 0..1 scale that follows the ear (dB), not the raw amplitude."""
    if rms <= 0:
        return 0.0
    db = 20 * math.log10(min(rms, 1.0))
    return max(0.0, min(1.0, 1.0 - db / FLOOR_DB))


class LevelMeter(QWidget):
    """Jumps up with each level, then falls back smoothly (~20 updates a second come in)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("levelMeter")
        self.setMinimumSize(220, 60)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.level = 0.0
        self._decay = QTimer(self)
        self._decay.setInterval(40)
        self._decay.timeout.connect(self._fall)

    def set_level(self, rms: float) -> None:
        self.level = max(self.level, level_fraction(rms))
        if not self._decay.isActive():
            self._decay.start()
        self.update()

    def reset(self) -> None:
        self.level = 0.0
        self._decay.stop()
        self.update()

    def _fall(self) -> None:
        self.level *= 0.82
        if self.level < 0.01:
            self.level = 0.0
            self._decay.stop()
        self.update()

    def lit_bars(self) -> int:
        return round(self.level * BARS)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        gap = 6.0
        width = (self.width() - gap * (BARS - 1)) / BARS
        lit = self.lit_bars()
        for i in range(BARS):
            height = self.height() * (0.35 + 0.65 * (i + 1) / BARS)
            top = self.height() - height
            if i < lit:
                hue = 120 - int(90 * i / (BARS - 1))  # green to orange
                p.setBrush(QColor.fromHsv(hue, 200, 230))
            else:
                p.setBrush(QColor("#F1E3CF"))
            p.drawRoundedRect(QRectF(i * (width + gap), top, width, height), 6, 6)
        p.end()
