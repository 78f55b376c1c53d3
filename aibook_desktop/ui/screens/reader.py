"""Reader: one page at a time with a real page turn, swipes, read-aloud, redraw, print and PDFs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QMouseEvent, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ...engine.book import Book, Page
from ..read_aloud import ReadAloud
from ..speech import Speaker
from ..widgets import BigButton, PageFlip, icon, placeholder_pixmap
from ..widgets.page_picture import PagePicture, load_picture
from .base import Screen, current_language, header_row

__all__ = ["SWIPE_PX", "ReaderScreen"]

SWIPE_PX = 80  # a horizontal drag at least this long turns the page
DRAG_START_PX = 16  # from here on the page follows the finger


class ReaderScreen(Screen):
    """Shows a :class:`Book` (complete, or still being drawn); pictures come from its folder.

    Signals:
        homeRequested()
        exportRequested(str book_id): a PDF of the book (the engine makes it).
        colouringRequested(str book_id): a colouring-book PDF.
        printRequested(): print the book shown.
        redrawRequested(str book_id, int index): "I don't like this picture".
    """

    homeRequested = Signal()
    exportRequested = Signal(str)
    colouringRequested = Signal(str)
    printRequested = Signal()
    redrawRequested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None, speaker: Speaker | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.book: Book | None = None
        self.book_dir = Path()
        self.index = 0
        self.live = False  # later pages are still being drawn
        self.redrawing = -1  # the page being drawn again, -1 when none
        self._reading_book = False  # read-aloud goes on page after page
        self._press: QPoint | None = None
        self._drag_from: int | None = None  # the page a finger is turning away from
        self.home_button = BigButton(icon=icon("home"), role="home")
        self.home_button.clicked.connect(self._go_home)
        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)

        self.prev_button = BigButton(icon=icon("prev"), role="arrow", icon_size=96)
        self.prev_button.setObjectName("prevButton")
        self.prev_button.clicked.connect(self.previous_page)
        self.next_button = BigButton(icon=icon("next"), role="arrow", icon_size=96)
        self.next_button.setObjectName("nextButton")
        self.next_button.clicked.connect(self.next_page)
        for button in (self.prev_button, self.next_button):
            button.setFixedSize(140, 220)
        self.picture = PagePicture()
        self.text = QLabel()
        self.text.setObjectName("pageText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        self.text.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.page_box = QWidget()
        self.page_box.setObjectName("pageBox")
        self.page_box.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        # the page takes the room that is left; a long text never pushes the buttons away
        self.page_box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.page_box.setMinimumHeight(300)
        box = QHBoxLayout(self.page_box)
        box.setContentsMargins(14, 14, 14, 14)
        box.setSpacing(20)
        box.addWidget(self.picture, 5)
        box.addWidget(self.text, 4)
        self.page_box.installEventFilter(self)
        self.flip = PageFlip(self)
        self.flip.finished.connect(self._turn_finished)
        self.flip.cancelled.connect(self._turn_cancelled)
        self.read_aloud = ReadAloud(self.text, speaker)
        self.read_aloud.pageDone.connect(self._page_read)

        self.read_button = self._button("readButton", "speaker", "tool-main")
        self.read_button.clicked.connect(self.toggle_reading)
        self.redraw_button = self._button("redrawButton", "redraw", "tool")
        self.redraw_button.clicked.connect(self._redraw)
        self.can_print = True  # False in kiosk mode until a grown-up chooses a printer
        self.print_button = self._button("printButton", "print", "tool")
        self.print_button.clicked.connect(self.printRequested)
        self.export_button = self._button("exportButton", "pdf", "tool")
        self.export_button.clicked.connect(self._export)
        self.colouring_button = self._button("colouringButton", "colouring", "tool")
        self.colouring_button.clicked.connect(self._colouring)
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
        page.addWidget(self.page_box, 1)
        page.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignVCenter)
        tools = QHBoxLayout()
        tools.setSpacing(14)
        tools.addWidget(self.read_button)
        tools.addWidget(self.redraw_button)
        tools.addStretch(1)
        tools.addWidget(self.print_button)
        tools.addWidget(self.export_button)
        tools.addWidget(self.colouring_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 10)
        layout.setSpacing(10)
        header = header_row(self.home_button, title=self.title)
        header.addWidget(self.counter)
        layout.addLayout(header)
        layout.addLayout(page, 1)
        layout.addLayout(tools)
        layout.addWidget(self.note)
        self.retranslate()

    @staticmethod
    def _button(name: str, icon_name: str, role: str) -> BigButton:
        button = BigButton(icon=icon(icon_name), role=role, icon_size=44)
        button.setObjectName(name)
        button.setMaximumHeight(130)
        return button

    def set_speaker(self, speaker: Speaker) -> None:
        self.read_aloud.set_speaker(speaker)

    # ---- the book ---------------------------------------------------------------------------
    def set_book(
        self, book: Book, book_dir: str | Path, index: int = 0, live: bool = False
    ) -> None:
        """Show ``book``; ``live``: pages are still being drawn and arrive by ``page_drawn``."""
        self.stop_reading()
        self.flip.finish_now()
        self.book = book
        self.book_dir = Path(book_dir)
        self.live = live
        self.redrawing = -1
        self.note.clear()
        self.note.setToolTip("")  # the last PDF's path belongs to the last book
        for button in (self.export_button, self.colouring_button, self.print_button):
            button.setEnabled(True)
        # No speech engine on this machine: a "Read to me" that stays silent would confuse.
        self.read_button.setVisible(self.read_aloud.possible)
        self.title.setText(book.title)
        self.show_page(index, animate=False)

    def clear(self) -> None:
        """Forget the book (idle reset): nothing of the last child stays on screen."""
        self.stop_reading()
        self.flip.finish_now()
        self.book = None
        self.live = False
        self.redrawing = -1
        self.title.clear()
        self.note.clear()
        self.note.setToolTip("")
        self.show_page(0, animate=False)

    @property
    def page_count(self) -> int:
        return len(self.book.pages) if self.book is not None else 0

    def current_page(self) -> Page | None:
        if self.book is None or not self.book.pages:
            return None
        return self.book.pages[self.index]

    def page_drawn(self, book_id: str, index: int, path: str) -> None:
        """A picture of this book was (re)drawn: show it if it is the page on screen."""
        if self.book is None or book_id != self.book.id or not 0 <= index < self.page_count:
            return
        self.book.pages[index].image_file = Path(path).name
        if index == self.redrawing:
            self.redrawing = -1
            self.note.clear()
        if index == self.index:
            self._show_content()
        self._update_controls()

    def page_added(self, book_id: str, page: Page) -> None:
        """A live book's next page got its text."""
        if self.book is None or book_id != self.book.id:
            return
        if page.index >= self.page_count:
            self.book.pages.append(page)
        self._update_controls()

    def finish_live(self) -> None:
        self.live = False
        self._update_controls()

    def show_redraw_preview(self, book_id: str, index: int, path: str) -> None:
        """The new picture developing, in place of the old one, while it is drawn."""
        if self.book is None or book_id != self.book.id or index != self.redrawing:
            return
        if index == self.index and not self.flip.running():
            preview = load_picture(Path(path))
            if not preview.isNull():  # gone already: the finished picture is on its way
                self.picture.set_full(preview)

    def show_redraw_failed(self, index: int, message: str) -> None:
        if index == self.redrawing:
            self.redrawing = -1
            if index == self.index and self.book is not None:
                self._show_content()  # the old picture again, not a half-drawn preview
        self.note.setText(message)
        self._update_controls()

    # ---- turning pages ----------------------------------------------------------------------
    def show_page(self, index: int, animate: bool = True) -> None:
        if self.book is None or not self.book.pages:
            self.index = 0
            self.text.setText(self.tr("This book has no pages yet."))
            self.picture.set_full(QPixmap())
            self._update_controls()
            return
        self.flip.finish_now()  # a turn under way (or under a finger) ends where it was going
        index = max(0, min(index, self.page_count - 1))
        if index == self.index and animate:
            return
        if not self._reading_book:
            self.stop_reading()
        forward = index > self.index
        old = self.page_box.grab() if animate and self.isVisible() else None
        self.index = index
        self._show_content()
        if old is not None:
            self.flip.setGeometry(self.page_box.geometry())
            self.flip.turn(old, self.page_box.grab(), forward)
        self._update_controls()

    def _show_content(self) -> None:
        assert self.book is not None
        page = self.book.pages[self.index]
        self.read_aloud.stop()
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setText(page.text)
        pixmap = QPixmap()
        if page.image_file:
            pixmap = load_picture(self.book_dir / page.image_file)
        if pixmap.isNull():  # not drawn yet (a live book) or never (a stopped book)
            pixmap = placeholder_pixmap(str(page.index + 1), "#FFD180", 512)
        self.picture.set_full(pixmap)

    def next_page(self) -> None:
        self.show_page(self.index + 1)

    def previous_page(self) -> None:
        self.show_page(self.index - 1)

    def turning(self) -> bool:
        return self.flip.running()

    def _turn_finished(self) -> None:
        self._drag_from = None
        if self._reading_book:
            self._read_current()

    def _turn_cancelled(self) -> None:
        """A finger let go too early: the page it lifted lies back down."""
        if self._drag_from is not None and self.book is not None:
            self.index = min(self._drag_from, self.page_count - 1)
            self._show_content()
            self._update_controls()
        self._drag_from = None

    def _begin_drag(self, forward: bool) -> None:
        target = self.index + (1 if forward else -1)
        if self.book is None or not 0 <= target < self.page_count or self.flip.running():
            return
        if not self._reading_book:
            self.stop_reading()
        old = self.page_box.grab()
        self._drag_from = self.index
        self.index = target
        self._show_content()
        self.flip.setGeometry(self.page_box.geometry())
        self.flip.begin_drag(old, self.page_box.grab(), forward)
        self._update_controls()

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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A swipe on the page (mouse drag, or touch that Qt turns into one) turns it; while
        the finger moves, the page folds with it."""
        if watched is self.page_box and isinstance(event, QMouseEvent):
            kind = event.type()
            if kind == QEvent.Type.MouseButtonPress:
                self.flip.finish_now()  # a new touch does not wait for the last turn
                self._press = event.position().toPoint()
                return True
            if kind == QEvent.Type.MouseMove and self._press is not None:
                delta = event.position().toPoint() - self._press
                dx = delta.x()
                if (
                    self._drag_from is None
                    and abs(dx) >= DRAG_START_PX
                    and abs(dx) > abs(delta.y())
                ):
                    self._begin_drag(forward=dx < 0)
                if self._drag_from is not None:
                    pulled = -dx if self.index > self._drag_from else dx
                    self.flip.drag_to(max(0, pulled) / max(1, self.page_box.width()))
                return True
            if kind == QEvent.Type.MouseButtonRelease and self._press is not None:
                delta = event.position().toPoint() - self._press
                self._press = None
                swipe = abs(delta.x()) >= SWIPE_PX and abs(delta.x()) > abs(delta.y())
                if self._drag_from is not None:
                    forward = self.index > self._drag_from
                    self.flip.release(complete=swipe and (delta.x() < 0) == forward)
                elif swipe:
                    if delta.x() < 0:
                        self.next_page()
                    else:
                        self.previous_page()
                return True
        return super().eventFilter(watched, event)

    # ---- reading aloud ----------------------------------------------------------------------
    def toggle_reading(self) -> None:
        if self._reading_book:
            self.stop_reading()
        else:
            self._reading_book = True
            self._read_current()
            self._update_controls()

    def is_reading(self) -> bool:
        return self._reading_book

    def stop_reading(self) -> None:
        self._reading_book = False
        self.read_aloud.stop()
        self._update_controls()

    def _read_current(self) -> None:
        page = self.current_page()
        if page is None:
            self.stop_reading()
            return
        self.read_aloud.read(page.text, self.book.lang if self.book else current_language())

    def _page_read(self) -> None:
        if not self._reading_book:
            return
        if self.index < self.page_count - 1:
            self.next_page()  # the next page is read when the turn has finished
            if not self.flip.running():
                self._read_current()
        else:
            self.stop_reading()

    def hideEvent(self, event: QHideEvent) -> None:
        self.stop_reading()
        super().hideEvent(event)

    # ---- grown-up buttons -------------------------------------------------------------------
    def _go_home(self) -> None:
        self.stop_reading()
        self.homeRequested.emit()

    def _redraw(self) -> None:
        page = self.current_page()
        if self.book is None or page is None or self.redrawing >= 0:
            return
        self.redrawing = self.index
        self.note.setText(self.tr("Drawing a new picture…"))
        self._update_controls()
        self.redrawRequested.emit(self.book.id, self.index)

    def show_exported(self, path: str) -> None:
        self.export_button.setEnabled(True)
        self.colouring_button.setEnabled(True)
        # a child cannot use a file path; a grown-up reads it in the tooltip (the parent area
        # does not list book folders, so the note does not send anyone there)
        self.note.setText(self.tr("The PDF is saved! A grown-up can find it in the book's folder."))
        self.note.setToolTip(path)

    def show_printed(self, where: str) -> None:
        self.print_button.setEnabled(True)
        self.note.setText(self.tr("Printed: {where}").format(where=where) if where else "")

    def refresh_tools(self) -> None:
        self._update_controls()

    def show_print_failed(self) -> None:
        self.print_button.setEnabled(True)
        self.note.setText(self.tr("Sorry, the printer is not answering. Ask a grown-up."))

    def show_export_failed(self) -> None:
        self.export_button.setEnabled(True)
        self.colouring_button.setEnabled(True)
        self.print_button.setEnabled(True)
        self.note.setText(self.tr("Sorry, the PDF could not be made."))

    def _export(self) -> None:
        if self.book is not None:
            self.export_button.setEnabled(False)
            self.note.setText(self.tr("Making the PDF…"))
            self.note.setToolTip("")
            self.exportRequested.emit(self.book.id)

    def _colouring(self) -> None:
        if self.book is not None:
            self.colouring_button.setEnabled(False)
            self.note.setText(self.tr("Making the colouring book…"))
            self.note.setToolTip("")
            self.colouringRequested.emit(self.book.id)

    def _update_controls(self) -> None:
        count = self.page_count
        self.prev_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < count - 1)
        page = self.current_page()
        drawn = page is not None and bool(page.image_file)
        self.redraw_button.setEnabled(drawn and not self.live and self.redrawing < 0)
        self.read_button.setEnabled(page is not None)
        for button in (self.export_button, self.colouring_button, self.print_button):
            button.setVisible(not self.live and (button is not self.print_button or self.can_print))
        self.read_button.setText(
            self.tr("Stop reading") if self._reading_book else self.tr("Read to me")
        )
        if not count:
            self.counter.setText("")
        elif self.live:
            self.counter.setText(
                self.tr("Page {page} (more pages are being drawn)").format(page=self.index + 1)
            )
        else:
            self.counter.setText(
                self.tr("Page {page} of {count}").format(page=self.index + 1, count=count)
            )

    def retranslate(self) -> None:
        self.home_button.setText(self.tr("Home"))
        self.export_button.setText(self.tr("PDF"))
        self.colouring_button.setText(self.tr("Colouring"))
        self.print_button.setText(self.tr("Print"))
        self.redraw_button.setText(self.tr("New picture"))
        self.redraw_button.setToolTip(self.tr("I don't like this picture"))
        self.prev_button.setToolTip(self.tr("Previous page"))
        self.next_button.setToolTip(self.tr("Next page"))
        self._update_controls()
