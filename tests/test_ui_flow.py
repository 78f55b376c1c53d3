"""Whole books through the UI with the real engine (offline story, sketch pictures, small size)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QMetaObject, QObject, Qt, Slot
from ui_actions import click

from aibook_desktop.engine.settings import Settings
from aibook_desktop.ui.app import MainWindow
from aibook_desktop.ui.screens.making import MakingScreen

pytestmark = pytest.mark.slow
BOOK_TIMEOUT = 120_000  # ms; a 4-page 256 px sketch book takes a few seconds on 2 cores


@pytest.fixture
def window(open_window) -> MainWindow:
    return open_window(Settings(language="en", picture_size=256, pages=4), start=True)


def open_shelf(qtbot, window: MainWindow) -> None:
    click(qtbot, window.home.shelf_button)
    qtbot.waitUntil(lambda: not window.shelf._loading, timeout=30_000)


def test_a_book_end_to_end_through_the_ui(qtbot, window: MainWindow) -> None:
    click(qtbot, window.home.make_button)
    click(qtbot, window.hero.buttons["cat"])
    click(qtbot, window.theme.cards["moon"])
    making = window.making
    assert window.stack.currentWidget() is making
    assert making.summary.text() == "Kiki the cat + flying to the moon"
    # the reader opens by itself when the book is done; thumbnails appeared on the way
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.reader, timeout=BOOK_TIMEOUT)
    assert making.thumbs_done() == 4 and making.progress.value() == 1000
    assert making.book_title.text()

    reader = window.reader
    assert reader.book is not None and reader.book.is_complete and reader.page_count == 4
    assert reader.on_cover() and reader.counter.text() == "Cover"  # a book opens on its cover
    assert reader.cover_title.text() == reader.book.title
    click(qtbot, reader.next_button)
    qtbot.waitUntil(lambda: not reader.turning())
    assert reader.index == 0 and reader.counter.text() == "Page 1 of 4"
    assert reader.text.text() == reader.book.pages[0].text and reader.text.text()
    assert not reader.picture.full().isNull() and reader.picture.full().width() == 256
    first_text = reader.text.text()
    click(qtbot, reader.next_button)
    assert reader.index == 1 and reader.text.text() != first_text

    click(qtbot, reader.export_button)
    qtbot.waitUntil(lambda: reader.export_button.isEnabled(), timeout=60_000)
    assert "PDF is saved" in reader.note.text(), reader.note.text()
    pdf = reader.book_dir / "book.pdf"
    assert reader.note.toolTip().endswith("book.pdf") and "/" not in reader.note.text()
    assert pdf.read_bytes()[:5] == b"%PDF-"

    click(qtbot, reader.home_button)
    assert window.stack.currentWidget() is window.home

    open_shelf(qtbot, window)
    assert list(window.shelf.cards) == [reader.book.id]
    card = window.shelf.cards[reader.book.id]
    assert not card.icon().isNull() and card.text().split("\n")[0] in reader.book.title
    window.reader.book = None
    click(qtbot, card)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.reader, timeout=30_000)
    assert window.reader.book is not None and window.reader.page_count == 4
    assert window.reader.on_cover()


def hold_after_page_1(qtbot, window: MainWindow) -> threading.Event:
    """Start a robot/snow book and hold the engine thread after its first page until the
    returned gate is set: a small book is drawn faster than any click, and this makes 'mid-book'
    (or 'a step that cannot be interrupted') happen on cue."""
    gate = threading.Event()
    window.bridge.pageImage.connect(lambda *_: gate.wait(60), Qt.ConnectionType.DirectConnection)
    click(qtbot, window.home.make_button)
    click(qtbot, window.hero.buttons["robot"])
    click(qtbot, window.theme.cards["snow"])
    qtbot.waitUntil(lambda: window.making.thumbs_done() >= 1, timeout=BOOK_TIMEOUT)
    return gate


def test_cancel_mid_book_leaves_a_tidy_shelf(qtbot, window: MainWindow) -> None:
    gate = hold_after_page_1(qtbot, window)  # the Stop clicks happen truly mid-book
    making = window.making
    try:
        click(qtbot, making.cancel_button)
        assert window.bridge.busy  # asking is not stopping yet
        click(qtbot, making.yes_button)
    finally:
        gate.set()
    # Cancelled is not an error: quietly home, no sorry screen
    qtbot.waitUntil(lambda: window.stack.currentWidget() is not making, timeout=BOOK_TIMEOUT)
    assert window.stack.currentWidget() is window.home, window.stack.currentWidget()
    qtbot.waitUntil(lambda: not window.bridge.busy, timeout=30_000)
    assert making.thumbs_done() == 1

    open_shelf(qtbot, window)
    assert len(window.shelf._books) <= 1
    for summary in window.shelf._books:  # a stopped book may stay, marked and whole
        assert summary.problem is None, summary
        assert summary.status == "cancelled", summary
        assert summary.pages_done == 1, summary
        assert "(not finished)" in window.shelf.cards[summary.id].text()
    click(qtbot, window.shelf.home_button)

    # the engine is free again: the next book can be made at once
    click(qtbot, window.home.make_button)
    click(qtbot, window.hero.buttons["frog"])
    click(qtbot, window.theme.cards["sea"])
    assert window.stack.currentWidget() is making
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.reader, timeout=BOOK_TIMEOUT)


def test_a_stop_that_takes_long_lets_the_child_go_and_the_next_book_waits_its_turn(
    qtbot, open_window
) -> None:
    """The engine is held after page 1 (as by weights loading or a compile that cannot be
    interrupted): Stop gives up waiting after stop_grace_ms, and a new book asked for while
    the old one is still stopping starts by itself once the engine is free."""
    window = open_window(Settings(language="en", picture_size=256, pages=4), start=True,
                         stop_grace_ms=200)  # fmt: skip
    gate = hold_after_page_1(qtbot, window)
    making = window.making
    try:
        click(qtbot, making.cancel_button)
        click(qtbot, making.yes_button)
        # the engine is still held: after the grace the child is home anyway, no sorry screen
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=10_000)
        assert window.bridge.busy
        click(qtbot, window.home.make_button)
        click(qtbot, window.hero.buttons["frog"])
        click(qtbot, window.theme.cards["sea"])
        assert window.stack.currentWidget() is making  # shown at once, waiting for the engine
        assert window.bridge.busy
        # whatever the old book still reports is its own: it cannot send the child away
        window.bridge.failed.emit("Oops.", "unexpected", "the old book broke while stopping")
        assert window.stack.currentWidget() is making
    finally:
        gate.set()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.reader, timeout=BOOK_TIMEOUT)
    book = window.reader.book
    assert book is not None and book.hero.kind.value == "frog" and book.is_complete


def test_a_book_asked_for_as_the_last_one_ends_is_not_ended_by_the_last_ones_end(
    qtbot, open_window
) -> None:
    """The old book has ended on the engine thread, but its last signals still wait in the
    main thread's queue when the child picks the next theme: the new book waits for them."""
    window = open_window(Settings(language="en", picture_size=256, pages=4), start=True,
                         stop_grace_ms=200)  # fmt: skip
    gate = hold_after_page_1(qtbot, window)
    try:
        click(qtbot, window.making.cancel_button)
        click(qtbot, window.making.yes_button)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=10_000)
        click(qtbot, window.home.make_button)
        click(qtbot, window.hero.buttons["frog"])
    finally:
        gate.set()
    # returns once the engine thread has run past the old job; the main thread has not yet
    # seen its "cancelled" (no Qt events are processed until the waitUntil below)
    QMetaObject.invokeMethod(window.bridge, "_list", Qt.ConnectionType.BlockingQueuedConnection)
    window.theme.cards["sea"].click()
    assert window.stack.currentWidget() is window.making
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.reader, timeout=BOOK_TIMEOUT)
    book = window.reader.book
    assert book is not None and book.hero.kind.value == "frog" and book.is_complete


class PreviewWatcher(QObject):
    def __init__(self, making: MakingScreen) -> None:
        super().__init__()
        self.making, self.seen = making, list[tuple[int, str]]()

    @Slot(int, str)
    def on_preview(self, index: int, _path: str) -> None:
        self.seen.append((index, str(self.making.thumbs[index].property("state"))))


def test_sdxl_pages_appear_step_by_step_while_they_are_drawn(
    qtbot, open_window, tiny_sdxl_models
) -> None:
    """The tiny SDXL models on the CPU: each thumbnail shows its picture developing first."""
    settings = Settings(
        language="en", pages=4, picture_size=128, picture_backend="sdxl",
        sdxl_base=tiny_sdxl_models.base, sdxl_refiner=tiny_sdxl_models.refiner,
        sdxl_allow_cpu=True, sdxl_steps=6,
    )  # fmt: skip
    window = open_window(settings, start=True)
    making = window.making
    watcher = PreviewWatcher(making)  # a QObject on the main thread: its slot runs after
    window.bridge.pagePreview.connect(watcher.on_preview)  # the making screen's, queued in order
    click(qtbot, window.home.make_button)
    click(qtbot, window.hero.buttons["cat"])
    click(qtbot, window.theme.cards["moon"])
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.reader, timeout=BOOK_TIMEOUT)
    seen = watcher.seen
    assert [index for index, _ in seen] == [0, 1, 2, 3]  # step 5 of 6, once a page
    assert all(state == "drawing" for _, state in seen), seen
    assert making.thumbs_done() == 4 and making.thumbs_previewing() == 0
    assert window.reader.book is not None
    assert window.reader.book.pages[0].image_provenance.backend == "sdxl"
