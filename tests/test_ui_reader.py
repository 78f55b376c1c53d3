"""The reader: page turns, swipes, read-aloud with highlight, redraw, print, colouring, live books."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent
from PySide6.QtWidgets import QApplication
from ui_actions import click

from aibook_desktop.engine.book import Book, Hero, HeroKind, Page, Theme
from aibook_desktop.engine.cancel import CancelToken
from aibook_desktop.engine.service import Engine
from aibook_desktop.engine.settings import Settings
from aibook_desktop.ui.app import MainWindow, setup_application
from aibook_desktop.ui.printing import paint_book, pdf_printer
from aibook_desktop.ui.read_aloud import HIGHLIGHT
from aibook_desktop.ui.speech import split_sentences

BOOK_TIMEOUT = 120_000


@pytest.fixture
def window(open_window) -> MainWindow:
    win = open_window(speech_engine="mock")
    win.reader.flip.set_duration_ms(120)
    return win


def make_book(folder: Path, texts: list[str]) -> Book:
    folder.mkdir(parents=True, exist_ok=True)
    book = Book("Kiki and the Moon", "en", Hero.default(HeroKind.CAT, "en"), Theme("moon"))
    book.page_count = len(texts)
    for i, text in enumerate(texts):
        image = QImage(64, 64, QImage.Format.Format_RGB32)
        image.fill(QColor.fromHsv(i * 70, 160, 230))
        image.save(str(folder / f"page-{i + 1:02d}.png"))
        book.pages.append(Page(i, text, "scene", image_file=f"page-{i + 1:02d}.png"))
    return book


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


def shelved_book(pages: int = 4) -> tuple[str, Path]:
    """A real book made by the real engine (offline story, sketch pictures, 64 px)."""
    engine = Engine(Settings(language="en", picture_size=64, pages=pages))
    request = engine.request_for("cat", "flying to the moon", lang="en", seed=7)
    book = engine.make_book(request, lambda _event: None, CancelToken())
    assert book is not None and book.is_complete
    folder = engine.library.book_dir(book.id)
    engine.close()
    return book.id, folder


def open_in_reader(qtbot, window: MainWindow, book_id: str) -> None:
    window.bridge.start()
    window.open_book(book_id)
    qtbot.waitUntil(lambda: window.current_screen() is window.reader, timeout=30_000)
    assert window.reader.on_cover()  # a book opens on its cover, like a real one
    window.reader.show_page(0, animate=False)


def test_sentences_are_found_in_both_languages() -> None:
    text = "Kiki saw the moon. It was big! Was it cheese?"
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Kiki saw the moon.", "It was big!", "Was it cheese?",
    ]  # fmt: skip
    ko = "키키는 달을 보았어요. 정말 컸어요!"
    assert [ko[a:b] for a, b in split_sentences(ko)] == ["키키는 달을 보았어요.", "정말 컸어요!"]
    assert split_sentences("") == [] and split_sentences("no end") == [(0, 6)]


def test_page_turn_animates_and_changes_the_page(qtbot, window, tmp_path: Path) -> None:
    reader = window.reader
    reader.set_book(make_book(tmp_path / "b", ["One.", "Two.", "Three."]), tmp_path / "b")
    window.show_screen(reader)
    click(qtbot, reader.next_button)
    assert reader.index == 1 and reader.text.text() == "Two."  # the real page is there at once
    assert reader.turning() and reader.flip.isVisible()
    assert reader.flip.geometry() == reader.page_box.geometry()
    qtbot.waitUntil(lambda: not reader.turning())
    assert not reader.flip.isVisible()
    assert len(reader.flip.frame_times) >= 3  # frames were painted in between
    click(qtbot, reader.prev_button)  # backwards turns play the same fold in reverse
    assert reader.turning()
    click(qtbot, reader.next_button)  # a tap during a turn finishes it and starts the next
    assert reader.index == 1
    qtbot.waitUntil(lambda: not reader.turning())


def test_swipe_turns_pages(qtbot, window, tmp_path: Path) -> None:
    reader = window.reader
    reader.set_book(make_book(tmp_path / "b", ["One.", "Two.", "Three."]), tmp_path / "b")
    window.show_screen(reader)
    box = reader.page_box
    middle = box.rect().center()

    def swipe(dx: int) -> None:
        start, end = middle, middle + QPoint(dx, 10)
        qtbot.mousePress(box, Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(box, end)
        qtbot.mouseRelease(box, Qt.MouseButton.LeftButton, pos=end)

    swipe(-250)
    assert reader.index == 1
    swipe(-30)  # too short: the lifted page falls back
    qtbot.waitUntil(lambda: not reader.turning())
    assert reader.index == 1 and reader.text.text() == "Two."
    swipe(250)
    assert reader.index == 0
    qtbot.waitUntil(lambda: not reader.turning())


def test_the_page_follows_the_finger_and_turns_or_falls_back(qtbot, window, tmp_path) -> None:
    reader = window.reader
    reader.set_book(make_book(tmp_path / "b", ["One.", "Two.", "Three."]), tmp_path / "b")
    window.show_screen(reader)
    box, flip = reader.page_box, reader.flip
    start = box.rect().center() + QPoint(300, 0)

    def press() -> None:
        qtbot.mousePress(box, Qt.MouseButton.LeftButton, pos=start)

    def move(dx: int) -> None:
        event = QMouseEvent(
            QEvent.Type.MouseMove, QPointF(start + QPoint(dx, 4)), QPointF(box.mapToGlobal(start)),
            Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
        )  # fmt: skip
        QApplication.sendEvent(box, event)

    def release(dx: int) -> None:
        qtbot.mouseRelease(box, Qt.MouseButton.LeftButton, pos=start + QPoint(dx, 4))

    press()
    move(-8)  # a wobble is not a turn yet
    assert not flip.isVisible() and reader.index == 0
    seen = []
    for dx in (-40, -200, -400):
        move(dx)
        seen.append(flip.progress)
    assert flip.dragging() and flip.isVisible() and reader.index == 1  # the next page lies under
    assert seen == sorted(seen) and seen[0] > 0 and seen[-1] == pytest.approx(400 / box.width())
    release(-400)
    assert not flip.dragging() and reader.turning()  # it plays the rest of the way
    qtbot.waitUntil(lambda: not reader.turning())
    assert reader.index == 1 and reader.text.text() == "Two." and not flip.isVisible()

    press()  # back the other way, let go early: page 2 stays
    move(40)
    assert flip.dragging() and reader.index == 0
    move(60)
    release(60)  # under SWIPE_PX
    qtbot.waitUntil(lambda: not reader.turning())
    assert reader.index == 1 and reader.text.text() == "Two."

    press()  # dragging back past the start while holding: no turn either
    move(-200)
    move(30)
    assert flip.progress == 0.0
    release(30)
    qtbot.waitUntil(lambda: not reader.turning())
    assert reader.index == 1

    reader.show_page(3)  # the ending ("The End") comes after the last page
    qtbot.waitUntil(lambda: not reader.turning())
    assert reader.on_ending()
    press()  # the ending: nothing to turn to
    move(-300)
    assert not flip.isVisible()
    release(-300)
    assert reader.index == 3


def test_read_aloud_highlights_each_sentence_and_turns_pages(qtbot, window, tmp_path) -> None:
    reader = window.reader
    texts = ["Kiki saw the moon. It was big!", "She flew up high."]
    reader.set_book(make_book(tmp_path / "b", texts), tmp_path / "b")
    window.show_screen(reader)
    assert window.speaker.engine_name == "mock"
    seen: list[tuple[int, int]] = []
    window.speaker.sentenceStarted.connect(lambda i: seen.append((reader.index, i)))
    click(qtbot, reader.read_button)
    assert reader.read_button.text() == "Stop reading"
    qtbot.waitUntil(lambda: reader.read_aloud.current == 0)
    assert HIGHLIGHT in reader.text.text() and "Kiki saw the moon.</span>" in reader.text.text()
    qtbot.waitUntil(lambda: reader.read_aloud.current == 1, timeout=10_000)
    assert "It was big!</span>" in reader.text.text()
    # the end of page 1 turns the page and reading goes on there
    qtbot.waitUntil(lambda: reader.index == 1 and reader.read_aloud.current == 0, timeout=10_000)
    qtbot.waitUntil(lambda: reader.read_button.text() == "Read to me", timeout=10_000)
    assert seen == [(0, 0), (0, 1), (1, 0)]
    assert reader.text.text() == "She flew up high." and reader.read_aloud.current == -1


@pytest.mark.qt_log_ignore("Text-to-speech plug-in")  # Qt's own report of the missing engine
def test_read_to_me_is_offered_only_where_speech_works(qtbot, window, tmp_path: Path) -> None:
    from aibook_desktop.ui.speech import Speaker

    reader = window.reader
    book = make_book(tmp_path / "b", ["One.", "Two.", "Three."])
    reader.set_book(book, tmp_path / "b")
    assert reader.read_button.isVisibleTo(reader)  # the mock engine speaks
    reader.set_speaker(Speaker("no-such-engine", reader))
    reader.set_book(book, tmp_path / "b")
    assert not reader.read_button.isVisibleTo(reader)


def test_stop_reading_and_turning_by_hand(qtbot, window, tmp_path: Path) -> None:
    reader = window.reader
    texts = ["One two three four five six. Seven.", "Eight."]
    reader.set_book(make_book(tmp_path / "b", texts), tmp_path / "b")
    window.show_screen(reader)
    click(qtbot, reader.read_button)
    qtbot.waitUntil(lambda: reader.read_aloud.current == 0)
    click(qtbot, reader.read_button)
    assert not reader.read_aloud.reading and reader.text.text() == texts[0]
    click(qtbot, reader.read_button)
    qtbot.waitUntil(lambda: reader.read_aloud.current == 0)
    click(qtbot, reader.home_button)  # leaving the book stops the voice
    assert window.current_screen() is window.home and not window.speaker.reading


def test_redraw_one_page(qtbot, window) -> None:
    book_id, folder = shelved_book()
    open_in_reader(qtbot, window, book_id)
    reader = window.reader
    click(qtbot, reader.next_button)
    before = QImage(str(folder / reader.book.pages[1].image_file))
    other = QImage(str(folder / reader.book.pages[2].image_file))
    redrawn: list[tuple[str, int]] = []
    window.bridge.pageRedrawn.connect(lambda b, i, _p: redrawn.append((b, i)))
    click(qtbot, reader.redraw_button)
    assert not reader.redraw_button.isEnabled() and reader.note.text()
    qtbot.waitUntil(
        lambda: reader.redrawing == -1 and reader.redraw_button.isEnabled(), timeout=60_000
    )
    assert redrawn == [(book_id, 1)]
    after = QImage(str(folder / reader.book.pages[1].image_file))
    assert after.size() == before.size() and after != before
    assert QImage(str(folder / reader.book.pages[2].image_file)) == other  # only that page
    assert reader.picture.full().toImage().convertToFormat(after.format()) == after
    assert reader.note.text() == ""


def test_a_redrawn_picture_shows_as_it_develops(qtbot, window, tmp_path: Path) -> None:
    reader = window.reader
    book = make_book(tmp_path / "b", ["One.", "Two."])
    reader.set_book(book, tmp_path / "b")
    window.show_screen(reader)
    old = reader.picture.full().toImage()
    preview = tmp_path / "preview.jpg"
    QImage(24, 24, QImage.Format.Format_RGB32).save(str(preview))
    reader.show_redraw_preview(book.id, 0, str(preview))  # not asked for: ignored
    assert reader.picture.full().toImage() == old
    click(qtbot, reader.redraw_button)
    assert reader.redrawing == 0
    reader.show_redraw_preview("another-book", 0, str(preview))
    assert reader.picture.full().toImage() == old
    reader.show_redraw_preview(book.id, 0, str(preview))
    assert reader.picture.full().width() == 24  # the rough new picture, in place of the old
    reader.show_redraw_failed(0, "Oops")
    assert reader.picture.full().toImage() == old  # a failed redraw puts the old one back
    assert reader.note.text() == "Oops" and reader.redrawing == -1


def test_print_and_colouring_book(qtbot, window) -> None:
    book_id, folder = shelved_book()
    open_in_reader(qtbot, window, book_id)
    reader = window.reader
    click(qtbot, reader.print_button)  # offscreen: no dialog, a PDF beside the book
    qtbot.waitUntil(lambda: reader.print_button.isEnabled(), timeout=60_000)
    printed = folder / "printed.pdf"
    assert "Printed" in reader.note.text() and printed.read_bytes()[:5] == b"%PDF-"
    assert pdf_pages(printed.read_bytes()) == 4
    click(qtbot, reader.colouring_button)
    qtbot.waitUntil(lambda: reader.colouring_button.isEnabled(), timeout=60_000)
    assert (folder / "colouring.pdf").read_bytes()[:5] == b"%PDF-"
    assert "colouring.pdf" in reader.note.toolTip()  # the path is for a grown-up only
    assert reader.note.text() and "/" not in reader.note.text() and "PDF" in reader.note.text()


def test_paint_book_puts_one_page_per_sheet(qtbot, tmp_path: Path) -> None:
    setup_application()
    book = make_book(tmp_path / "b", ["One.", "Two.", "Three."])
    out = tmp_path / "print.pdf"
    assert paint_book(book, tmp_path / "b", pdf_printer(out)) == 3
    data = out.read_bytes()
    assert data[:5] == b"%PDF-" and pdf_pages(data) == 3


def test_page_one_can_be_read_while_the_rest_is_drawn(qtbot, window) -> None:
    gate = threading.Event()
    pages_drawn: list[int] = []

    def hold(index: int, _path: str) -> None:  # on the engine thread: wait after page 1
        pages_drawn.append(index)
        if index == 0:
            gate.wait(60)

    window.bridge.pageImage.connect(hold, Qt.ConnectionType.DirectConnection)
    window.bridge.start()
    try:
        click(qtbot, window.home.make_button)
        click(qtbot, window.hero.buttons["me"])
        qtbot.keyClicks(window.name_overlay.field, "Yuna")
        click(qtbot, window.name_overlay.ok_button)
        click(qtbot, window.theme.cards["moon"])
        making = window.making
        assert making.summary.text() == "Yuna + flying to the moon"
        assert making.bouncer.running()
        qtbot.waitUntil(lambda: making.read_now_button.isVisible(), timeout=BOOK_TIMEOUT)
        click(qtbot, making.read_now_button)
        reader = window.reader
        assert window.current_screen() is reader and reader.live
        assert reader.index == 0 and reader.text.text() and not reader.picture.full().isNull()
        assert "being drawn" in reader.counter.text()
        assert not reader.export_button.isVisible() and not reader.redraw_button.isEnabled()
    finally:
        gate.set()
    qtbot.waitUntil(
        lambda: not window.reader.live and window.reader.page_count == 4, timeout=BOOK_TIMEOUT
    )
    qtbot.waitUntil(lambda: window.reader.book.is_complete, timeout=30_000)
    assert window.reader.book.hero.name == "Yuna"
    assert window.reader.counter.text() == "Page 1 of 4"
    assert pages_drawn == [0, 1, 2, 3]
