"""Reader: one page at a time with a real page turn, swipes, read-aloud, redraw, print and PDFs.

A real book (#14): before page 1 a cover (title, hero, "made by <name>"), after the last page
an ending ("The End / 끝") with big "read again" and "make another" buttons and, where the
parent allows it, a QR code that lends the PDF to a phone. Index -1 is the cover, index
``page_count`` the ending; pages keep their 0-based indices.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QMouseEvent, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from ...engine.book import Book, HeroKind, Page
from ...engine.narration import load_page_audio
from ..page_audio import AudioSpeaker
from ..read_aloud import ReadAloud
from ..speech import Speaker
from ..widgets import BigButton, PageFlip, hero_pixmap, icon, placeholder_pixmap
from ..widgets.page_picture import PagePicture, load_picture
from .base import Screen, current_language, header_row

__all__ = ["COVER", "SWIPE_PX", "ReaderScreen"]

COVER = -1  # the index of the cover; the ending's index is page_count
STATUS_HEIGHT = 64  # the status line's fixed room: a note appearing never moves the page

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
        makeAnotherRequested(): the ending's "make another book".
        shareRequested(str book_id): a grown-up asked for the take-home QR code.
    """

    homeRequested = Signal()
    exportRequested = Signal(str)
    colouringRequested = Signal(str)
    printRequested = Signal()
    redrawRequested = Signal(str, int)
    makeAnotherRequested = Signal()
    cleared = Signal()  # the idle reset forgot the book (an open take-home link ends)
    shareRequested = Signal(str)

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
        self.page_view = QWidget()
        box = QHBoxLayout(self.page_view)
        box.setContentsMargins(14, 14, 14, 14)
        box.setSpacing(20)
        box.addWidget(self.picture, 5)
        box.addWidget(self.text, 4)
        self.cover_view = self._make_cover()
        self.end_view = self._make_ending()
        self.views = QStackedLayout(self.page_box)
        for view in (self.page_view, self.cover_view, self.end_view):
            self.views.addWidget(view)
        self.page_box.installEventFilter(self)
        self.flip = PageFlip(self)
        self.flip.finished.connect(self._turn_finished)
        self.flip.cancelled.connect(self._turn_cancelled)
        self.page_audio = AudioSpeaker(self)
        self.read_aloud = ReadAloud(self.text, speaker, self.page_audio)
        self.read_aloud.pageDone.connect(self._page_read)
        self.read_aloud.stuck.connect(self.stop_reading)  # the button comes back

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
        # PDF and colouring work take seconds: a moving bar a child can see (the work itself
        # runs on the engine thread)
        self.busy = QProgressBar()
        self.busy.setObjectName("busyBar")
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setFixedSize(220, 22)
        _keep_room(self.busy)
        self.busy.hide()
        self.status_row = QWidget()
        self.status_row.setObjectName("statusRow")
        self.status_row.setFixedHeight(STATUS_HEIGHT)
        status = QHBoxLayout(self.status_row)
        status.setContentsMargins(0, 0, 0, 0)
        status.addWidget(self.busy, 0, Qt.AlignmentFlag.AlignVCenter)
        status.addWidget(self.note, 1)
        status.addSpacing(220)  # the note stays centred under the page

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
        layout.addWidget(self.status_row)
        for button in (self.read_button, self.redraw_button, self.print_button,
                       self.export_button, self.colouring_button):  # fmt: skip
            _keep_room(button)  # a hidden tool leaves its place: nothing slides
        self.counter.setMinimumWidth(260)
        self.retranslate()

    def _make_cover(self) -> QWidget:
        view = QWidget()
        view.setObjectName("coverView")
        self.cover_picture = QLabel()
        self.cover_picture.setObjectName("coverPicture")
        self.cover_picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cover_picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.cover_title = QLabel()
        self.cover_title.setObjectName("coverTitle")
        self.cover_title.setWordWrap(True)
        self.cover_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cover_by = QLabel()
        self.cover_by.setObjectName("coverBy")
        self.cover_by.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cover_hero = QLabel()
        self.cover_hero.setAlignment(Qt.AlignmentFlag.AlignCenter)
        words = QVBoxLayout()
        words.addStretch(1)
        words.addWidget(self.cover_title)
        words.addWidget(self.cover_hero)
        words.addWidget(self.cover_by)
        words.addStretch(1)
        row = QHBoxLayout(view)
        row.setContentsMargins(14, 14, 14, 14)
        row.setSpacing(20)
        row.addWidget(self.cover_picture, 5)
        row.addLayout(words, 4)
        return view

    def _make_ending(self) -> QWidget:
        view = QWidget()
        view.setObjectName("endView")
        self.end_title = QLabel()
        self.end_title.setObjectName("endTitle")
        self.end_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.read_again_button = BigButton(icon=icon("prev"), role="secondary", icon_size=64)
        self.read_again_button.setObjectName("readAgainButton")
        self.read_again_button.setFixedSize(420, 140)
        self.read_again_button.clicked.connect(self.read_again)
        self.make_another_button = BigButton(icon=icon("make"), role="primary", icon_size=64)
        self.make_another_button.setObjectName("makeAnotherButton")
        self.make_another_button.setFixedSize(420, 140)
        self.make_another_button.clicked.connect(self._make_another)
        self.share_button = BigButton(role="grown-up")
        self.share_button.setObjectName("shareButton")
        self.share_button.clicked.connect(self._share)
        self.qr = QLabel()
        self.qr.setObjectName("shareQr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setFixedSize(180, 180)
        self.qr_caption = QLabel()
        self.qr_caption.setObjectName("grownUpLabel")
        self.qr_caption.setWordWrap(True)
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_caption.setFixedWidth(330)
        self.share_box = QWidget()
        share = QVBoxLayout(self.share_box)
        share.setContentsMargins(0, 0, 0, 0)
        share.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignCenter)
        share.addWidget(self.qr_caption, 0, Qt.AlignmentFlag.AlignCenter)
        share.addWidget(self.share_button, 0, Qt.AlignmentFlag.AlignCenter)
        _keep_room(self.share_box)
        buttons = QVBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.read_again_button, 0, Qt.AlignmentFlag.AlignCenter)
        buttons.addWidget(self.make_another_button, 0, Qt.AlignmentFlag.AlignCenter)
        buttons.addStretch(1)
        lower = QHBoxLayout()
        lower.addStretch(1)
        lower.addLayout(buttons)
        lower.addSpacing(40)
        lower.addWidget(self.share_box, 0, Qt.AlignmentFlag.AlignVCenter)
        lower.addStretch(1)
        column = QVBoxLayout(view)
        column.setContentsMargins(14, 14, 14, 14)
        column.addWidget(self.end_title)
        column.addLayout(lower, 1)
        self.share_enabled = False  # the parent's setting; the window sets it
        self.qr.clear()
        return view

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
        self._set_busy(False)
        self.note.clear()
        self.note.setToolTip("")  # the last PDF's path belongs to the last book
        self.clear_share()
        for button in (self.export_button, self.colouring_button, self.print_button):
            button.setEnabled(True)
        # No voice for this book's language: a "Read to me" that stays silent would confuse.
        has_audio = any(
            load_page_audio(self.book_dir, p.index, p.text) is not None for p in book.pages[:1]
        )
        self.read_button.setVisible(self.read_aloud.possible_for(book.lang, has_audio))
        self.title.setText(book.title)
        self._fill_cover()
        self.show_page(index, animate=False)

    def clear(self) -> None:
        """Forget the book (idle reset): nothing of the last child stays on screen."""
        self.stop_reading()
        self.flip.finish_now()
        self.book = None
        self.live = False
        self.redrawing = -1
        self.title.clear()
        self._set_busy(False)
        self.note.clear()
        self.note.setToolTip("")
        self.clear_share()
        self.cover_title.clear()
        self.cover_by.clear()
        self.cover_picture.clear()
        self.show_page(0, animate=False)
        self.cleared.emit()

    @property
    def page_count(self) -> int:
        return len(self.book.pages) if self.book is not None else 0

    @property
    def last_index(self) -> int:
        """The ending while the book is complete; the newest page while it is being drawn."""
        return self.page_count - 1 if self.live else self.page_count

    def on_cover(self) -> bool:
        return self.book is not None and self.page_count > 0 and self.index == COVER

    def on_ending(self) -> bool:
        return self.book is not None and self.page_count > 0 and self.index == self.page_count

    def current_page(self) -> Page | None:
        if self.book is None or not 0 <= self.index < self.page_count:
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
        elif index == 0 and self.on_cover():
            self._fill_cover()
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
            self.views.setCurrentWidget(self.page_view)
            self.text.setText(self.tr("This book has no pages yet."))
            self.picture.set_full(QPixmap())
            self._update_controls()
            return
        self.flip.finish_now()  # a turn under way (or under a finger) ends where it was going
        index = max(COVER, min(index, self.last_index))
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
        self.read_aloud.stop()
        if self.index == COVER:
            self.views.setCurrentWidget(self.cover_view)
            self._fill_cover()
            return
        if self.index >= self.page_count:
            self.views.setCurrentWidget(self.end_view)
            return
        self.views.setCurrentWidget(self.page_view)
        page = self.book.pages[self.index]
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
            self.index = min(self._drag_from, self.last_index)
            self._show_content()
            self._update_controls()
        self._drag_from = None

    def _begin_drag(self, forward: bool) -> None:
        target = self.index + (1 if forward else -1)
        if (
            self.book is None
            or not self.page_count
            or not COVER <= target <= self.last_index
            or self.flip.running()
        ):
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
        if self.on_cover() and self._reading_book:
            self.next_page()  # "Read to me" on the cover starts at page 1
            if not self.flip.running():
                self._read_current()
            return
        page = self.current_page()
        if page is None:
            self.stop_reading()
            return
        audio = load_page_audio(self.book_dir, page.index, page.text)
        self.read_aloud.read(page.text, self.book.lang if self.book else current_language(), audio)

    def _page_read(self) -> None:
        if not self._reading_book:
            return
        if self.index < self.page_count - 1:
            self.next_page()  # the next page is read when the turn has finished
            if not self.flip.running():
                self._read_current()
        else:
            self.stop_reading()
            if not self.live:
                self.next_page()  # the story is over: "The End"

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.on_cover():
            self._fill_cover()  # the picture fits the page box as laid out now

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
        self._set_busy(False)
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
        self._set_busy(False)
        self.export_button.setEnabled(True)
        self.colouring_button.setEnabled(True)
        self.print_button.setEnabled(True)
        self.note.setText(self.tr("Sorry, the PDF could not be made."))

    def _export(self) -> None:
        if self.book is not None:
            self.export_button.setEnabled(False)
            self.note.setText(self.tr("Making the PDF…"))
            self.note.setToolTip("")
            self._set_busy(True)
            self.exportRequested.emit(self.book.id)

    def _colouring(self) -> None:
        if self.book is not None:
            self.colouring_button.setEnabled(False)
            self.note.setText(self.tr("Making the colouring book…"))
            self.note.setToolTip("")
            self._set_busy(True)
            self.colouringRequested.emit(self.book.id)

    # ---- cover, ending, taking the book home ------------------------------------------------
    def _fill_cover(self) -> None:
        book = self.book
        if book is None:
            return
        self.cover_title.setText(book.title)
        self.cover_hero.setPixmap(hero_pixmap(str(book.hero.kind), book.hero.name, 160))
        made_by = book.hero.kind is HeroKind.ME and bool(book.hero.name.strip())
        self.cover_by.setText(
            self.tr("made by {name}").format(name=book.hero.name) if made_by else ""
        )
        first = book.pages[0] if book.pages else None
        pixmap = QPixmap()
        if first is not None and first.image_file:
            pixmap = load_picture(self.book_dir / first.image_file)
        if pixmap.isNull():
            pixmap = hero_pixmap(str(book.hero.kind), book.hero.name, 512)
        side = 420  # fits the page box of the 1280x800 window; a bigger one scales it down
        if self.page_box.height() > 100:
            side = max(200, min(self.page_box.width() * 5 // 9, self.page_box.height()) - 40)
        self.cover_picture.setPixmap(
            pixmap.scaled(
                side, side, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )  # fmt: skip

    def read_again(self) -> None:
        self.stop_reading()
        self.show_page(COVER)

    def _make_another(self) -> None:
        self.stop_reading()
        self.makeAnotherRequested.emit()

    def set_share_enabled(self, enabled: bool) -> None:
        """The parent's "QR code to take the book home" setting."""
        self.share_enabled = enabled
        if not enabled:
            self.clear_share()
        self._update_controls()

    def _share(self) -> None:
        if self.book is None or not self.share_enabled:
            return
        self.share_button.setEnabled(False)
        self.qr_caption.setText(self.tr("Getting the book ready to take home…"))
        self._set_busy(True)
        self.shareRequested.emit(self.book.id)

    def show_share(self, book_id: str, qr: QPixmap, minutes: int) -> None:
        """The QR code of a one-time link to this book's PDFs."""
        if self.book is None or book_id != self.book.id:
            return
        self._set_busy(False)
        self.qr.setPixmap(
            qr.scaled(self.qr.size(), Qt.AspectRatioMode.KeepAspectRatio,
                      Qt.TransformationMode.FastTransformation)
        )  # fmt: skip
        self.qr_caption.setText(
            self.tr("A grown-up's phone can take the book home: scan within {n} minutes.").format(
                n=minutes
            )
        )
        self.share_button.setEnabled(True)

    def show_share_failed(self, message: str) -> None:
        self._set_busy(False)
        self.qr.clear()
        self.qr_caption.setText(message)
        self.share_button.setEnabled(True)

    def clear_share(self) -> None:
        self.qr.clear()
        self.qr_caption.clear()
        self.share_button.setEnabled(True)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)

    def _update_controls(self) -> None:
        count = self.page_count
        self.prev_button.setEnabled(count > 0 and self.index > COVER)
        self.next_button.setEnabled(count > 0 and self.index < self.last_index)
        self.share_box.setVisible(self.share_enabled)
        page = self.current_page()
        drawn = page is not None and bool(page.image_file)
        self.redraw_button.setEnabled(drawn and not self.live and self.redrawing < 0)
        self.read_button.setEnabled(page is not None or self.on_cover())
        for button in (self.export_button, self.colouring_button, self.print_button):
            button.setVisible(not self.live and (button is not self.print_button or self.can_print))
        self.read_button.setText(
            self.tr("Stop reading") if self._reading_book else self.tr("Read to me")
        )
        if not count:
            self.counter.setText("")
        elif self.on_cover():
            self.counter.setText(self.tr("Cover"))
        elif self.on_ending():
            self.counter.setText(self.tr("The End"))
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
        self.end_title.setText(self.tr("The End"))
        self.read_again_button.setText(self.tr("Read again"))
        self.make_another_button.setText(self.tr("Make another book"))
        self.share_button.setText(self.tr("Take the book home (QR)"))
        if self.book is not None:
            self._fill_cover()
        self._update_controls()


def _keep_room(widget: QWidget) -> None:
    """A hidden widget keeps its place, so nothing else moves when it appears."""
    policy = widget.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    widget.setSizePolicy(policy)
