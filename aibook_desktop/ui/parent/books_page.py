"""The parent area's book list: the one place a book can be deleted (children only read), copied
to a folder or USB stick, or lent to a phone through a QR code (#14)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...engine import paths
from ...engine.privacy import book_redirect

__all__ = ["BooksPage"]


def _redirect_on_shelf(book_id: str) -> str:
    """The shelf the engine uses (engine.service: ``Library()`` at the data folder)."""
    return book_redirect(Path(paths.data_dir()) / "books" / book_id)


class BooksPage(QWidget):
    """Lists the shelf's books; Delete asks once more before anything is removed.

    A book whose making stopped (the app was closed or crashed mid-way, issue #15) says so,
    and Finish makes its missing pages on the same shelf entry.

    ``confirm`` (title, text) -> bool is the page's question to a person; tests replace it.

    Signals:
        deleteRequested(str book_id): the grown-up confirmed.
        finishRequested(str book_id): make the missing pages of a stopped book.
        refreshRequested()
        exportRequested(str book_id, str folder): copy PDF, colouring book and pictures there.
        shareRequested(str book_id, str title, str lang): a QR code for a phone.

    ``choose_folder`` () -> str ("" when cancelled) is the folder question; tests replace it.
    """

    deleteRequested = Signal(str)
    finishRequested = Signal(str)
    refreshRequested = Signal()
    exportRequested = Signal(str, str)
    shareRequested = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("booksPage")
        self.confirm: Callable[[str, str], bool] = self._ask
        # book id -> why its theme was redirected ("" when it was not): read on selection
        self.redirect_of: Callable[[str], str] = _redirect_on_shelf
        self.choose_folder: Callable[[], str] = self._ask_folder
        self.share_enabled = True
        self._books: list[Any] = []
        self.list = QListWidget()
        self.list.setObjectName("parentBooks")
        self.list.currentRowChanged.connect(self._selection_changed)
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("deleteBook")
        self.delete_button.setProperty("role", "grown-up")
        self.delete_button.clicked.connect(self.ask_delete)
        self.finish_button = QPushButton()
        self.finish_button.setObjectName("finishBook")
        self.finish_button.setProperty("role", "grown-up")
        self.finish_button.clicked.connect(self.ask_finish)
        self.copy_button = QPushButton()
        self.copy_button.setObjectName("copyBook")
        self.copy_button.setProperty("role", "grown-up")
        self.copy_button.clicked.connect(self.ask_copy)
        self.qr_button = QPushButton()
        self.qr_button.setObjectName("shareBook")
        self.qr_button.setProperty("role", "grown-up")
        self.qr_button.clicked.connect(self._share)
        self.qr = QLabel()
        self.qr.setObjectName("shareQr")
        self.qr.setFixedSize(200, 200)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.hide()
        self.status = QLabel()
        self.status.setObjectName("note")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.redirect_note = QLabel()  # "a theme was redirected", and why: never the words
        self.redirect_note.setObjectName("redirectNote")
        self.redirect_note.setWordWrap(True)
        self.redirect_note.hide()
        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addWidget(self.qr_button)
        row.addWidget(self.finish_button)
        row.addStretch(1)
        row.addWidget(self.delete_button)
        lower = QHBoxLayout()
        lower.addWidget(self.status, 1)
        lower.addWidget(self.qr)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.redirect_note)
        layout.addLayout(row)
        layout.addLayout(lower)
        self.retranslate()

    def set_books(self, books: list[Any]) -> None:
        chosen = self.selected_id()  # a refresh keeps the grown-up's choice
        self._books = list(books)
        self._fill(chosen)
        if not self._books:
            self.status.setText(self.tr("The shelf is empty."))

    def _fill(self, chosen: str = "") -> None:
        """(Re)write the rows in the current language, keeping the selection (by book)."""
        chosen = chosen or self.selected_id()
        self.list.clear()
        for summary in self._books:
            label = f"{summary.title or summary.id}  ·  {str(summary.created_at)[:10]}"
            if summary.problem:
                label += "  ·  " + self.tr("damaged")
            elif summary.status == "stopped":
                label += "  ·  " + self.tr("stopped at {done} of {pages} pages").format(
                    done=summary.pages_done, pages=summary.page_count
                )
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            self.list.addItem(item)
            if chosen and summary.id == chosen:
                self.list.setCurrentItem(item)
        self._selection_changed(self.list.currentRow())

    def summary(self, book_id: str) -> Any:
        """The listed BookSummary of this book, or None."""
        return next((b for b in self._books if b.id == book_id), None)

    def selected_id(self) -> str:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def ask_delete(self) -> None:
        book_id = self.selected_id()
        if not book_id:
            return
        title = self.list.currentItem().text().split("  ·  ")[0]
        question = self.tr("Delete \u201c{title}\u201d for good? This cannot be undone.").format(
            title=title
        )
        if not self.confirm(self.tr("Delete a book"), question):
            self.status.setText(self.tr("Nothing was deleted."))
            return
        self.delete_button.setEnabled(False)
        self.status.setText(self.tr("Deleting…"))
        self.deleteRequested.emit(book_id)

    def _finishable(self, row: int) -> bool:
        if not 0 <= row < len(self._books):
            return False
        summary = self._books[row]
        return not summary.problem and summary.status in ("stopped", "failed", "cancelled")

    def ask_finish(self) -> None:
        book_id = self.selected_id()
        if not book_id or not self._finishable(self.list.currentRow()):
            return
        self.status.setText(self.tr("Finishing the book…"))
        self.finishRequested.emit(book_id)

    def show_finish_failed(self, reason: str) -> None:
        self.status.setText(self.tr("The book could not be finished: {why}").format(why=reason))

    def show_deleted(self, _book_id: str) -> None:
        self.status.setText(self.tr("The book was deleted."))
        self.refreshRequested.emit()

    def show_delete_failed(self, _book_id: str, reason: str) -> None:
        self.status.setText(self.tr("The book could not be deleted: {why}").format(why=reason))
        self._selection_changed(self.list.currentRow())

    def _selection_changed(self, row: int) -> None:
        self.delete_button.setEnabled(row >= 0)
        self.finish_button.setEnabled(self._finishable(row))
        self._show_redirect()
        self.copy_button.setEnabled(row >= 0)
        self.qr_button.setEnabled(row >= 0 and self.share_enabled)
        self.qr_button.setVisible(self.share_enabled)
        self.qr.clear()
        self.qr.hide()

    def _show_redirect(self) -> None:
        book_id = self.selected_id()
        category = self.redirect_of(book_id) if book_id else ""
        self.redirect_note.setVisible(bool(category))
        if not category:
            self.redirect_note.clear()
            return
        reasons = {
            "instruction": self.tr("it tried to give the storyteller instructions"),
            "empty": self.tr("nothing usable was left of it"),
            "words": self.tr("it had words that are not for children"),
        }
        why = reasons.get(category, reasons["words"])
        self.redirect_note.setText(
            self.tr("The child's theme was changed to a gentler one: {why}.").format(why=why)
        )

    def set_share_enabled(self, enabled: bool) -> None:
        self.share_enabled = enabled
        self._selection_changed(self.list.currentRow())

    # ---- copying to a folder or USB stick ---------------------------------------------------
    def ask_copy(self) -> None:
        book_id = self.selected_id()
        if not book_id:
            return
        folder = self.choose_folder()
        if not folder:
            return
        self.copy_button.setEnabled(False)
        self.status.setText(self.tr("Copying the book…"))
        self.exportRequested.emit(book_id, folder)

    def show_copied(self, _book_id: str, folder: str) -> None:
        self.copy_button.setEnabled(self.list.currentRow() >= 0)
        self.status.setText(self.tr("Copied to {folder}").format(folder=folder))

    def show_copy_failed(self, _book_id: str, reason: str) -> None:
        self.copy_button.setEnabled(self.list.currentRow() >= 0)
        self.status.setText(self.tr("The book could not be copied: {why}").format(why=reason))

    def _ask_folder(self) -> str:
        return QFileDialog.getExistingDirectory(self, self.tr("Copy the book to…"))

    # ---- a QR code for a phone --------------------------------------------------------------
    def _share(self) -> None:
        row = self.list.currentRow()
        if row < 0 or not self.share_enabled:
            return
        summary = self._books[row]
        self.qr_button.setEnabled(False)
        self.status.setText(self.tr("Getting the book ready to take home…"))
        self.shareRequested.emit(summary.id, summary.title, summary.lang)

    def show_share(self, book_id: str, qr: QPixmap, url: str, minutes: int) -> None:
        if book_id != self.selected_id():
            return
        self.qr.setPixmap(qr.scaled(self.qr.size(), Qt.AspectRatioMode.KeepAspectRatio))
        self.qr.show()
        self.qr_button.setEnabled(True)
        self.status.setText(
            self.tr("Scan with a phone on the same network within {n} minutes, or open {url}")
            .format(n=minutes, url=url)
        )  # fmt: skip

    def show_share_failed(self, _book_id: str, message: str) -> None:
        self.qr_button.setEnabled(self.share_enabled and self.list.currentRow() >= 0)
        self.status.setText(message)

    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.delete_button.setText(self.tr("Delete this book…"))
        self.finish_button.setText(self.tr("Finish this book"))
        self._fill()
        self._show_redirect()
        self.copy_button.setText(self.tr("Copy to a folder or USB stick…"))
        self.qr_button.setText(self.tr("QR code for a phone"))
