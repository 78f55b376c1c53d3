"""Making: what the book will be, its stage, each page appearing, and a hero bouncing meanwhile."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..widgets import BigButton, BouncingHero, icon, scaled_pixmap
from .base import Screen

__all__ = ["MakingScreen"]

THUMB = 128
SMALL_THUMB = 96  # more than 4 pages a row (a 10-12 page book): still fits a 1280 px screen


class MakingScreen(Screen):
    """Shows a job's progress; asking to stop takes two taps (Cancel, then Yes).

    The screen only displays what app.py feeds it from the bridge; it never talks to the engine.

    Signals:
        cancelRequested(): the child (or grown-up) confirmed stopping the book.
        readNowRequested(): read the pages drawn so far while the rest are drawn.
    """

    cancelRequested = Signal()
    readNowRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("making")
        self.summary = QLabel()
        self.summary.setObjectName("screenTitle")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary.setWordWrap(True)
        self.book_title = QLabel()
        self.book_title.setObjectName("bookTitle")
        self.book_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.book_title.setWordWrap(True)

        self.stage_labels: dict[str, QLabel] = {}
        stages = QHBoxLayout()
        stages.addStretch(1)
        for stage in ("story", "pictures"):
            label = QLabel()
            label.setObjectName("stagePill")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setProperty("state", "todo")
            self.stage_labels[stage] = label
            stages.addWidget(label)
        stages.addStretch(1)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setMinimumHeight(36)

        self.thumbs_grid = QGridLayout()
        self.thumbs_grid.setSpacing(10)
        self.thumbs_grid.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbs: list[QLabel] = []
        thumbs_box = QFrame()
        thumbs_box.setObjectName("thumbs")
        thumbs_box.setLayout(self.thumbs_grid)

        # bottom: the Cancel button, or the "are you sure?" question in its place
        self.cancel_button = BigButton(icon=icon("stop"), role="quiet", icon_size=48)
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setMinimumWidth(260)
        self.cancel_button.clicked.connect(self.ask_cancel)
        self.read_now_button = BigButton(icon=icon("speaker"), role="primary", icon_size=56)
        self.read_now_button.setObjectName("readNowButton")
        self.read_now_button.setMinimumWidth(300)
        self.read_now_button.clicked.connect(self.readNowRequested)
        self.read_now_button.hide()
        self.bouncer = BouncingHero()
        self.question = QLabel()
        self.question.setObjectName("question")
        self.yes_button = BigButton(icon=icon("yes"), role="danger", icon_size=48)
        self.yes_button.setObjectName("yesButton")
        self.yes_button.setMinimumWidth(200)
        self.yes_button.clicked.connect(self._confirm_cancel)
        self.no_button = BigButton(icon=icon("no"), role="primary", icon_size=48)
        self.no_button.setObjectName("noButton")
        self.no_button.setMinimumWidth(200)
        self.no_button.clicked.connect(self._keep_going)
        self.stopping = QLabel()
        self.stopping.setObjectName("question")
        self.stopping.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bottom = QStackedWidget()
        self.bottom.addWidget(_row(self.cancel_button, self.read_now_button))
        self.bottom.addWidget(_row(self.question, self.yes_button, self.no_button))
        self.bottom.addWidget(_row(self.stopping))
        self.bottom.setFixedHeight(140)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 28, 40, 24)
        layout.addWidget(self.summary)
        layout.addWidget(self.book_title)
        layout.addSpacing(12)
        layout.addLayout(stages)
        layout.addSpacing(12)
        layout.addWidget(self.progress)
        layout.addSpacing(16)
        middle = QHBoxLayout()
        middle.addWidget(self.bouncer, 0, Qt.AlignmentFlag.AlignVCenter)
        middle.addWidget(thumbs_box, 1)
        layout.addLayout(middle, 1)
        layout.addWidget(self.bottom)
        self._hero = ""
        self._theme = ""
        self._thumb = THUMB
        self.retranslate()

    # ---- fed by app.py ----------------------------------------------------------------------
    def begin(
        self,
        hero_name: str,
        theme_text: str,
        page_count: int = 8,
        hero_picture: QPixmap | None = None,
    ) -> None:
        """Reset for a new book: 'Kiki the cat + flying to the moon'."""
        self._hero, self._theme = hero_name, theme_text
        self.bouncer.set_pixmap(hero_picture if hero_picture is not None else QPixmap())
        self.read_now_button.hide()
        self.book_title.clear()
        self.progress.setValue(0)
        for label in self.stage_labels.values():
            _set_state(label, "todo")
        self._make_thumbs(page_count)
        self.bottom.setCurrentIndex(0)
        self.cancel_button.setEnabled(True)
        self.retranslate()

    def on_stage(self, stage: str) -> None:
        order = ["story", "pictures"]
        if stage not in order:
            return
        for name, label in self.stage_labels.items():
            done = order.index(name) < order.index(stage)
            _set_state(label, "done" if done else "now" if name == stage else "todo")

    def on_story(self, title: str, page_count: int, theme: str = "") -> None:
        """``theme``: what the book is really about (a gentle replacement of an unsafe one)."""
        self.book_title.setText(title)
        if theme and theme != self._theme:
            self._theme = theme
            self.retranslate()
        if page_count != len(self.thumbs):
            self._make_thumbs(page_count)

    def on_progress(self, fraction: float) -> None:
        self.progress.setValue(round(max(0.0, min(1.0, fraction)) * 1000))

    def on_page_image(self, index: int, path: str) -> None:
        if not 0 <= index < len(self.thumbs):
            return
        pixmap = scaled_pixmap(path, QSize(self._thumb, self._thumb))
        if not pixmap.isNull():
            self.thumbs[index].setPixmap(pixmap)
            self.thumbs[index].setProperty("state", "done")
            self.thumbs[index].style().polish(self.thumbs[index])
            if index == 0 and self.bottom.currentIndex() == 0:
                self.read_now_button.show()

    def on_page_preview(self, index: int, path: str) -> None:
        """The page's picture appearing, step by step, until its finished picture replaces it."""
        if not 0 <= index < len(self.thumbs) or self.thumbs[index].property("state") == "done":
            return
        pixmap = scaled_pixmap(path, QSize(self._thumb, self._thumb))
        if pixmap.isNull():  # already cleared away, or a preview that was never written
            return
        self.thumbs[index].setPixmap(pixmap)
        if self.thumbs[index].property("state") != "drawing":
            _set_state(self.thumbs[index], "drawing")

    def thumbs_previewing(self) -> int:
        return sum(1 for t in self.thumbs if t.property("state") == "drawing")

    def thumbs_done(self) -> int:
        return sum(1 for t in self.thumbs if t.property("state") == "done")

    # ---- cancelling -------------------------------------------------------------------------
    def ask_cancel(self) -> None:
        self.bottom.setCurrentIndex(1)

    def _keep_going(self) -> None:
        self.bottom.setCurrentIndex(0)

    def _confirm_cancel(self) -> None:
        self.bottom.setCurrentIndex(2)
        self.cancelRequested.emit()

    def retranslate(self) -> None:
        if self._hero:
            self.summary.setText(
                self.tr("{hero} + {theme}").format(hero=self._hero, theme=self._theme)
            )
        self.stage_labels["story"].setText(self.tr("Writing the story"))
        self.stage_labels["pictures"].setText(self.tr("Drawing the pictures"))
        self.cancel_button.setText(self.tr("Stop"))
        self.read_now_button.setText(self.tr("Read page 1 now"))
        self.question.setText(self.tr("Stop making the book?"))
        self.yes_button.setText(self.tr("Yes, stop"))
        self.no_button.setText(self.tr("No, keep going"))
        self.stopping.setText(self.tr("Stopping…"))

    def _make_thumbs(self, count: int) -> None:
        for label in self.thumbs:
            self.thumbs_grid.removeWidget(label)
            label.deleteLater()
        self.thumbs = []
        columns = count if count <= 4 else (count + 1) // 2  # 8 pages: two rows of four
        self._thumb = THUMB if columns <= 4 else SMALL_THUMB
        for i in range(count):
            label = QLabel(str(i + 1))
            label.setObjectName("thumb")
            label.setProperty("state", "todo")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setFixedSize(self._thumb + 8, self._thumb + 8)
            self.thumbs.append(label)
            self.thumbs_grid.addWidget(label, i // columns, i % columns)


def _row(*widgets: QWidget) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(20)
    row.addStretch(1)
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return box


def _set_state(label: QLabel, state: str) -> None:
    label.setProperty("state", state)
    label.style().unpolish(label)
    label.style().polish(label)
