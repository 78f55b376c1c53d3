"""Reader: one page at a time, picture large, text large, big arrows, and a PDF for grown-ups."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ...engine.book import Book, Page
from ..widgets import BigButton, icon, placeholder_pixmap
from .base import Screen, header_row

__all__ = ["ReaderScreen"]


class _Picture(QLabel):
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


class ReaderScreen(Screen):
    """Shows a loaded :class:`Book`; pictures are read from the book's folder.

    Signals:
        homeRequested()
        exportRequested(str book_id): the grown-up asked for a PDF (the engine makes it).
    """

    homeRequested = Signal()
    exportRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.book: Book | None = None
        self.book_dir = Path()
        self.index = 0
        self.home_button = BigButton(icon=icon("home"), role="home")
        self.home_button.clicked.connect(self.homeRequested)
        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.export_button = BigButton(icon=icon("pdf"), role="quiet", icon_size=48)
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self._export)

        self.prev_button = BigButton(icon=icon("prev"), role="arrow", icon_size=96)
        self.prev_button.setObjectName("prevButton")
        self.prev_button.clicked.connect(self.previous_page)
        self.next_button = BigButton(icon=icon("next"), role="arrow", icon_size=96)
        self.next_button.setObjectName("nextButton")
        self.next_button.clicked.connect(self.next_page)
        for button in (self.prev_button, self.next_button):
            button.setFixedSize(140, 220)
        self.picture = _Picture()
        self.text = QLabel()
        self.text.setObjectName("pageText")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        self.text.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.counter = QLabel()
        self.counter.setObjectName("pageCounter")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note = QLabel()
        self.note.setObjectName("note")
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setWordWrap(True)

        page = QHBoxLayout()
        page.setSpacing(20)
        page.addWidget(self.prev_button, 0, Qt.AlignmentFlag.AlignVCenter)
        page.addWidget(self.picture, 5)
        page.addWidget(self.text, 4)
        page.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignVCenter)
        header = header_row(self.home_button, title=self.title)
        header.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addLayout(header)
        layout.addLayout(page, 1)
        layout.addWidget(self.counter)
        layout.addWidget(self.note)
        self.retranslate()

    def set_book(self, book: Book, book_dir: str | Path, index: int = 0) -> None:
        self.book = book
        self.book_dir = Path(book_dir)
        self.note.clear()
        self.export_button.setEnabled(True)
        self.title.setText(book.title)
        self.show_page(index)

    @property
    def page_count(self) -> int:
        return len(self.book.pages) if self.book is not None else 0

    def current_page(self) -> Page | None:
        if self.book is None or not self.book.pages:
            return None
        return self.book.pages[self.index]

    def show_page(self, index: int) -> None:
        if self.book is None or not self.book.pages:
            self.index = 0
            self.text.setText(self.tr("This book has no pages yet."))
            self.picture.set_full(QPixmap())
            self._update_controls()
            return
        self.index = max(0, min(index, self.page_count - 1))
        page = self.book.pages[self.index]
        self.text.setText(page.text)
        pixmap = QPixmap()
        if page.image_file:
            pixmap = QPixmap(str(self.book_dir / page.image_file))
        if pixmap.isNull():  # a page whose picture was never drawn (a stopped book)
            pixmap = placeholder_pixmap(str(page.index + 1), "#FFD180", 512)
        self.picture.set_full(pixmap)
        self._update_controls()

    def next_page(self) -> None:
        self.show_page(self.index + 1)

    def previous_page(self) -> None:
        self.show_page(self.index - 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self.next_page()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp):
            self.previous_page()
        elif key == Qt.Key.Key_Home:
            self.show_page(0)
        else:
            super().keyPressEvent(event)

    def show_exported(self, path: str) -> None:
        self.export_button.setEnabled(True)
        self.note.setText(self.tr("PDF saved: {path}").format(path=path))

    def show_export_failed(self) -> None:
        self.export_button.setEnabled(True)
        self.note.setText(self.tr("Sorry, the PDF could not be made."))

    def _export(self) -> None:
        if self.book is not None:
            self.export_button.setEnabled(False)
            self.note.setText(self.tr("Making the PDF…"))
            self.exportRequested.emit(self.book.id)

    def _update_controls(self) -> None:
        count = self.page_count
        self.prev_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < count - 1)
        self.counter.setText(
            self.tr("Page {page} of {count}").format(page=self.index + 1, count=count)
            if count
            else ""
        )

    def retranslate(self) -> None:
        self.home_button.setText(self.tr("Home"))
        self.export_button.setText(self.tr("Export PDF"))
        self.prev_button.setToolTip(self.tr("Previous page"))
        self.next_button.setToolTip(self.tr("Next page"))
        self._update_controls()
