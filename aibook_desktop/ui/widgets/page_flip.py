"""The page turn: the old page folds over from the right edge like paper and shows the next one."""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QEasingCurve, QPointF, QRectF, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QColor, QLinearGradient, QPainter, QPaintEvent, QPixmap, QTransform
from PySide6.QtWidgets import QWidget

__all__ = ["PageFlip"]

PAPER = QColor("#FFF8EC")


class PageFlip(QWidget):
    """An overlay that plays one turn between two snapshots of the page, then hides.

    The screen keeps its real widgets; only while a turn plays this widget covers them with
    pictures of the old and new page (grabbed once), so each frame is three pixmap draws and
    two gradients: cheap enough for 60 fps with software rendering.

    A turn either plays by itself (``turn``) or follows a finger (``begin_drag``, ``drag_to``,
    ``release``): let go far enough and it completes, else it falls back to the old page.

    Signals:
        finished(): the turn is over (or was skipped to its end).
        cancelled(): a dragged turn was let go early and fell back: the old page shows again.
    """

    finished = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None, duration_ms: int = 520) -> None:
        super().__init__(parent)
        self.setObjectName("pageFlip")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._old = QPixmap()
        self._new = QPixmap()
        self._forward = True
        self._t = 0.0
        self._dragging = False
        self._duration_ms = duration_ms
        self.frame_times: list[float] = []  # paint timestamps of the last turn (benchmarks)
        self._anim = QVariantAnimation(self)
        self._anim.setStartValue(0.0)
        self._anim.setEndValue(1.0)
        self._anim.setDuration(duration_ms)
        self._anim.setEasingCurve(QEasingCurve.Type.InOutSine)
        self._anim.valueChanged.connect(self._step)
        self._anim.finished.connect(self._done)  # the end value decides: finished or cancelled
        self.hide()

    @property
    def duration_ms(self) -> int:
        return self._duration_ms

    def set_duration_ms(self, ms: int) -> None:
        self._duration_ms = max(1, ms)
        self._anim.setDuration(self._duration_ms)

    def running(self) -> bool:
        """A turn is on screen: playing, or held under a finger."""
        return self._dragging or self._anim.state() == QVariantAnimation.State.Running

    def dragging(self) -> bool:
        return self._dragging

    @property
    def progress(self) -> float:
        """0: the old page lies flat; 1: the turn is complete."""
        return self._t

    def turn(self, old: QPixmap, new: QPixmap, forward: bool = True) -> None:
        """Start a turn from ``old`` to ``new`` (forward: the right page folds to the left)."""
        self._start(old, new, forward)
        self._play(1.0, self._duration_ms)

    def begin_drag(self, old: QPixmap, new: QPixmap, forward: bool = True) -> None:
        """Show the turn at rest; ``drag_to`` then moves it with the finger."""
        self._start(old, new, forward)
        self._dragging = True
        self.update()

    def drag_to(self, progress: float) -> None:
        if self._dragging:
            self._t = max(0.0, min(1.0, progress))
            self.update()

    def release(self, complete: bool) -> None:
        """The finger let go: finish the turn, or fall back to the old page."""
        if not self._dragging:
            return
        self._dragging = False
        target = 1.0 if complete else 0.0
        # the rest of the way at the same pace as a whole turn, never a jump
        self._play(target, max(60, round(self._duration_ms * abs(target - self._t))))

    def _start(self, old: QPixmap, new: QPixmap, forward: bool) -> None:
        self.finish_now()
        self._old, self._new, self._forward = old, new, forward
        self._t = 0.0
        self.frame_times = []
        self.show()
        self.raise_()

    def _play(self, target: float, duration_ms: int) -> None:
        self._anim.setStartValue(self._t)
        self._anim.setEndValue(target)
        self._anim.setDuration(duration_ms)
        self._anim.start()

    def finish_now(self) -> None:
        """Skip to the end (a second tap during a turn should not wait for the first); a turn
        held under a finger completes."""
        if self._dragging:
            self._dragging = False
            self._t = 1.0
            self._done()
        elif self._anim.state() == QVariantAnimation.State.Running:
            self._anim.stop()
            self._t = float(self._anim.endValue())
            self._done()

    def _step(self, value: object) -> None:
        self._t = float(value)  # type: ignore[arg-type]
        self.update()

    def _done(self) -> None:
        self.hide()
        self._old = QPixmap()
        self._new = QPixmap()
        if self._t >= 0.5:
            self.finished.emit()
        else:
            self.cancelled.emit()

    # ---- drawing ----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        self.frame_times.append(time.perf_counter())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.fillRect(self.rect(), PAPER)
        if self._forward:
            self._paint_fold(painter, self._old, self._new, self._t)
        else:  # a backward turn is a forward turn played in reverse
            self._paint_fold(painter, self._new, self._old, 1.0 - self._t)
        painter.end()

    def _paint_fold(self, p: QPainter, under_top: QPixmap, below: QPixmap, t: float) -> None:
        """``under_top`` (the turning page) folds at x = w*(1-t) over ``below``."""
        w, h = float(self.width()), float(self.height())
        fold = w * (1.0 - t)
        lifted = w - fold  # how much of the page is lifted and lies mirrored left of the fold
        p.drawPixmap(self.rect(), below)
        # the page still lying flat, left of the fold
        p.save()
        p.setClipRect(QRectF(0, 0, fold, h))
        p.drawPixmap(self.rect(), under_top)
        p.restore()
        # a soft shadow on the revealed page, deepest at the fold, widest mid-turn
        spread = 18 + 60 * math.sin(math.pi * t)
        shadow = QLinearGradient(QPointF(fold, 0), QPointF(fold + spread, 0))
        shadow.setColorAt(0.0, QColor(60, 40, 20, 110))
        shadow.setColorAt(1.0, QColor(60, 40, 20, 0))
        p.fillRect(QRectF(fold, 0, spread, h), shadow)
        if lifted <= 0.5:
            return
        # the back of the lifted part: the same page seen through thin paper, mirrored
        back = QRectF(fold - lifted, 0, lifted, h)
        p.save()
        p.setClipRect(back)
        mirror = QTransform(-1, 0, 0, 1, 2 * fold, 0)  # reflect about the fold line
        p.setTransform(mirror, True)
        p.drawPixmap(self.rect(), under_top)
        p.restore()
        p.save()
        p.setClipRect(back)
        paper = QLinearGradient(QPointF(fold, 0), QPointF(fold - lifted, 0))
        paper.setColorAt(0.0, QColor(214, 196, 170, 245))
        paper.setColorAt(0.35, QColor(255, 250, 240, 235))
        paper.setColorAt(1.0, QColor(246, 236, 220, 235))
        p.fillRect(back, paper)
        p.restore()
        # a thin shadow the lifted edge throws on the flat page
        edge = fold - lifted
        if edge > 0:
            cast = QLinearGradient(QPointF(edge, 0), QPointF(edge - 24, 0))
            cast.setColorAt(0.0, QColor(60, 40, 20, 70))
            cast.setColorAt(1.0, QColor(60, 40, 20, 0))
            p.fillRect(QRectF(edge - 24, 0, 24, h), cast)
