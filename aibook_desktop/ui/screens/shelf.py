"""Shelf: the covers of saved books; a tap opens one in the reader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ..widgets import BigButton, PictureButton, icon, placeholder_pixmap, scaled_pixmap
from .base import Screen, header_row

__all__ = ["ShelfScreen"]

COVER = 180
CARD_W, CARD_H = 270, 320
COLUMNS = 4


class ShelfScreen(Screen):
    """Shows ``BookSummary`` rows the bridge read from the library (on the engine thread).

    A book with a ``problem`` (damaged folder, unreadable book.json) still gets a place on
    the shelf, with a gentle note instead of a cover, and cannot be opened.

    Signals:
        openRequested(str book_id)
        homeRequested()
    """

    openRequested = Signal(str)
    homeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shelf")
        self.home_button = BigButton(icon=icon("home"), role="home")
        self.home_button.clicked.connect(self.homeRequested)
        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty = QLabel()
        self.empty.setObjectName("note")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.cards: dict[str, PictureButton] = {}
        self._books: list[Any] = []
        self._loading = True
        # (page-1 path, its mtime) -> the fitted cover: the shelf is rebuilt on every visit,
        # and reading each book's full-size page 1 again would stall the UI on a big shelf
        self._covers: dict[tuple[str, int], QPixmap] = {}

        self.grid_box = QWidget()
        self.grid_box.setObjectName("shelfGrid")
        self.grid = QGridLayout(self.grid_box)
        self.grid.setSpacing(18)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.grid_box)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 20)
        layout.addLayout(header_row(self.home_button, title=self.title))
        layout.addWidget(self.empty)
        layout.addWidget(scroll, 1)
        self.retranslate()

    def set_loading(self) -> None:
        self._loading = True
        self._clear()
        self.retranslate()

    def set_books(self, books: list[Any]) -> None:
        self._loading = False
        self._clear()
        self._books = list(books)
        covers, self._covers = self._covers, {}  # keeps only the covers still on the shelf
        for i, summary in enumerate(self._books):
            card = self._card(summary, covers)
            self.cards[summary.id] = card
            self.grid.addWidget(card, i // COLUMNS, i % COLUMNS)
            card.show()  # added to a visible parent: show now, not on the next event loop
        self.retranslate()

    def _cover(self, path: Path, previous: dict[tuple[str, int], QPixmap]) -> QPixmap | None:
        try:
            key = (str(path), path.stat().st_mtime_ns)  # a redrawn page 1 is read again
        except OSError:
            return None
        pixmap = previous.get(key)
        if pixmap is None:
            pixmap = scaled_pixmap(str(path), QSize(COVER, COVER))
        self._covers[key] = pixmap
        return pixmap

    def _card(self, summary: Any, covers: dict[tuple[str, int], QPixmap]) -> PictureButton:
        pixmap = None
        if summary.cover_path is not None and not summary.problem:
            pixmap = self._cover(Path(summary.cover_path), covers)
        if pixmap is None or pixmap.isNull():
            pixmap = placeholder_pixmap(summary.title or "?", "#FFB74D", COVER)
        card = PictureButton(QIcon(pixmap), "", picture_size=COVER, role="cover")
        card.setObjectName(f"book-{summary.id}")
        card.setFixedSize(CARD_W, CARD_H)  # a shelf of equal books, however few there are
        card.setProperty("damaged", bool(summary.problem))
        if summary.problem:
            card.setEnabled(False)
        else:
            card.clicked.connect(lambda _=False, b=summary.id: self.openRequested.emit(b))
        return card

    def _clear(self) -> None:
        for card in self.cards.values():
            self.grid.removeWidget(card)
            card.deleteLater()
        self.cards = {}
        self._books = []

    def retranslate(self) -> None:
        self.title.setText(self.tr("My bookshelf"))
        self.home_button.setText(self.tr("Home"))
        if self._loading:
            self.empty.setText(self.tr("Looking for your books…"))
        elif not self._books:
            self.empty.setText(self.tr("No books yet. Let's make one!"))
        else:
            self.empty.clear()
        self.empty.setVisible(bool(self.empty.text()))
        for summary in self._books:
            card = self.cards.get(summary.id)
            if card is None:
                continue
            title = _wrap(summary.title)
            if summary.problem:
                card.setText(title + "\n" + self.tr("This book got a little torn."))
            elif summary.status != "complete":
                card.setText(title + "\n" + self.tr("(not finished)"))
            else:
                card.setText(title)


def _wrap(title: str, width: int = 16, lines: int = 2) -> str:
    """Break a title over at most ``lines`` lines at spaces (a tool button cannot word-wrap)."""
    out: list[str] = []
    for word in title.split():
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1] + "…"
    return "\n".join(line if len(line) <= width + 4 else line[: width + 3] + "…" for line in out)
