"""Screens on their own and wired in the main window: navigation, big targets, cancel, failure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractButton
from ui_actions import click

from aibook_desktop.engine.book import Book, Hero, HeroKind, Page, Theme
from aibook_desktop.engine.events import Failed
from aibook_desktop.engine.messages import child_message
from aibook_desktop.engine.settings import Settings
from aibook_desktop.ui.app import MainWindow, setup_application
from aibook_desktop.ui.screens import ThemeScreen
from aibook_desktop.ui.widgets import MIN_TARGET, hero_pixmap


@pytest.fixture
def window(open_window) -> MainWindow:
    return open_window(Settings(language="en", picture_size=256, pages=4))


def make_book(folder: Path, pages: int = 3) -> Book:
    """A small book in memory with real PNG pages drawn by Qt (no engine needed)."""
    folder.mkdir(parents=True, exist_ok=True)
    book = Book(
        title="Kiki and the Moon",
        lang="en",
        hero=Hero.default(HeroKind.CAT, "en"),
        theme=Theme("flying to the moon"),
        page_count=pages,
    )
    for i in range(pages):
        image = QImage(64, 64, QImage.Format.Format_RGB32)
        image.fill(QColor.fromHsv(i * 60, 160, 230))
        image.save(str(folder / f"page-{i + 1:02d}.png"))
        book.pages.append(
            Page(i, f"Page text number {i + 1}.", "scene", image_file=f"page-{i + 1:02d}.png")
        )
    return book


def test_navigation_reaches_every_screen_and_home(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    assert window.stack.currentWidget() is window.home
    click(qtbot, window.home.make_button)
    assert window.stack.currentWidget() is window.hero
    click(qtbot, window.hero.home_button)
    assert window.stack.currentWidget() is window.home

    click(qtbot, window.home.make_button)
    click(qtbot, window.hero.buttons["frog"])
    assert window.stack.currentWidget() is window.theme
    click(qtbot, window.theme.back_button)
    assert window.stack.currentWidget() is window.hero
    click(qtbot, window.hero.buttons["cat"])
    click(qtbot, window.theme.home_button)
    assert window.stack.currentWidget() is window.home

    click(qtbot, window.home.shelf_button)
    assert window.stack.currentWidget() is window.shelf
    # bridge signals come from the engine thread: wait on the screen, not on the signal
    qtbot.waitUntil(lambda: not window.shelf._loading, timeout=30_000)
    assert window.shelf.cards == {}
    assert window.shelf.empty.isVisible()
    click(qtbot, window.shelf.home_button)
    assert window.stack.currentWidget() is window.home

    window.reader.set_book(make_book(tmp_path / "book"), tmp_path / "book")
    window.show_screen(window.reader)
    click(qtbot, window.reader.home_button)
    assert window.stack.currentWidget() is window.home


def test_every_target_is_big(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.making.begin("Kiki the cat", "flying to the moon", 8)
    window.making.read_now_button.show()
    window.reader.set_book(make_book(tmp_path / "book"), tmp_path / "book")
    window.theme.set_voice_available(True)
    window.pin.begin_setup()
    checked = 0
    for screen in (
        window.home,
        window.hero,
        window.theme,
        window.making,
        window.reader,
        window.shelf,
        window.sorry,
        window.pin,
        window.still_there,
        window.name_overlay,
        window.theme.confirm,
    ):
        if screen in (window.still_there, window.name_overlay, window.theme.confirm):
            screen.open()
        else:
            window.show_screen(screen)
        for button in screen.findChildren(QAbstractButton):
            if not button.isVisible() or button.property("role") == "language":
                continue  # the language switch is a small grown-up control in a corner
            assert button.width() >= MIN_TARGET and button.height() >= MIN_TARGET, (
                screen.objectName(),
                button.objectName(),
                button.text(),
                button.size(),
            )
            checked += 1
    assert checked >= 50


def test_failed_event_shows_the_kind_message(qtbot, window: MainWindow) -> None:
    message = child_message("pictures_failed", "en")
    # The bridge's event callback, exactly as the engine calls it (here on the main thread).
    window.bridge._emit(Failed(reason="GPU on fire", code="pictures_failed", child_message=message))
    assert window.stack.currentWidget() is window.sorry
    assert window.sorry.message.text() == message
    assert not window.sorry.picture.pixmap().isNull()
    assert "GPU" not in window.sorry.message.text()
    click(qtbot, window.sorry.home_button)
    assert window.stack.currentWidget() is window.home


def test_cancel_asks_before_stopping(qtbot, window: MainWindow) -> None:
    making = window.making
    making.begin("Kiki the cat", "flying to the moon", 4)
    window.show_screen(making)
    stops: list[bool] = []
    making.cancelRequested.connect(lambda: stops.append(True))
    click(qtbot, making.cancel_button)
    assert making.question.isVisible() and not making.cancel_button.isVisible()
    click(qtbot, making.no_button)
    assert making.cancel_button.isVisible() and stops == []
    click(qtbot, making.cancel_button)
    with qtbot.wait_signal(making.cancelRequested):
        click(qtbot, making.yes_button)
    assert stops == [True]
    assert making.stopping.isVisible()


def test_making_shows_stages_progress_and_thumbnails(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    making = window.making
    making.begin("Kiki the cat", "flying to the moon", 4)
    window.show_screen(making)
    assert making.summary.text() == "Kiki the cat + flying to the moon"
    assert len(making.thumbs) == 4 and making.thumbs_done() == 0
    making.on_stage("story")
    assert making.stage_labels["story"].property("state") == "now"
    making.on_story("Kiki's Moon Trip", 4)
    making.on_stage("pictures")
    assert making.stage_labels["story"].property("state") == "done"
    assert making.stage_labels["pictures"].property("state") == "now"
    book = make_book(tmp_path / "b", pages=2)
    making.on_page_image(0, str(tmp_path / "b" / book.pages[0].image_file))
    making.on_progress(0.5)
    assert making.thumbs_done() == 1 and not making.thumbs[0].pixmap().isNull()
    assert making.progress.value() == 500
    assert making.book_title.text() == "Kiki's Moon Trip"


def test_reader_pages_with_buttons_and_arrow_keys(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    reader = window.reader
    reader.set_book(make_book(tmp_path / "book", pages=3), tmp_path / "book")
    window.show_screen(reader)
    assert reader.text.text() == "Page text number 1."
    assert reader.text.font().pointSizeF() >= 28
    assert not reader.picture.full().isNull()
    assert reader.counter.text() == "Page 1 of 3"
    assert reader.prev_button.isEnabled()  # back to the cover
    qtbot.keyClick(reader, Qt.Key.Key_Right)
    assert reader.index == 1 and reader.text.text() == "Page text number 2."
    click(qtbot, reader.next_button)
    assert reader.index == 2 and reader.next_button.isEnabled()
    qtbot.keyClick(reader, Qt.Key.Key_Right)  # after the last page: "The End"
    assert reader.index == 3 and reader.on_ending() and not reader.next_button.isEnabled()
    assert reader.counter.text() == "The End"
    qtbot.keyClick(reader, Qt.Key.Key_Right)
    assert reader.index == 3
    qtbot.keyClick(reader, Qt.Key.Key_Left)
    qtbot.keyClick(reader, Qt.Key.Key_Left)
    assert reader.index == 1 and reader.counter.text() == "Page 2 of 3"
    click(qtbot, reader.prev_button)
    assert reader.index == 0
    click(qtbot, reader.prev_button)
    assert reader.on_cover() and not reader.prev_button.isEnabled()
    assert reader.cover_title.text() == reader.book.title


def test_reader_draws_a_placeholder_for_a_missing_picture(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    book = make_book(tmp_path / "book", pages=2)
    (tmp_path / "book" / "page-02.png").unlink()
    window.reader.set_book(book, tmp_path / "book", index=1)
    assert not window.reader.picture.full().isNull()


def test_hero_buttons_have_pictures_even_without_art(qtbot, window: MainWindow) -> None:
    assert not hero_pixmap("no-such-hero", "Zed", 100).isNull()
    assert len(window.hero.buttons) == len(HeroKind)
    for kind, button in window.hero.buttons.items():
        assert not button.icon().isNull(), kind
        assert button.text() == Hero.default(kind, "en").name


def test_typed_theme_needs_text(qtbot) -> None:
    setup_application()
    theme = ThemeScreen()  # on its own: in the window, a chosen theme starts a real book
    qtbot.add_widget(theme)
    theme.show()
    assert not theme.go_button.isEnabled()
    chosen: list[tuple[str, str]] = []
    theme.themeChosen.connect(lambda text, source: chosen.append((text, source)))
    qtbot.keyClicks(theme.typed, "a duck on a rainy day")
    click(qtbot, theme.go_button)
    click(qtbot, theme.cards["moon"])
    assert chosen == [("a duck on a rainy day", "typed"), ("flying to the moon", "card")]


def test_shelf_marks_damaged_books_gently(qtbot, window: MainWindow, tmp_path: Path) -> None:
    from aibook_desktop.engine.library import BookSummary

    make_book(tmp_path / "book")
    good = BookSummary(
        "aaa",
        "Kiki and the Moon",
        "en",
        "cat",
        "complete",
        3,
        3,
        tmp_path / "book" / "page-01.png",
        "t",
        "t",
    )
    torn = BookSummary(
        "bbb",
        "Lost Book",
        "en",
        "frog",
        "complete",
        8,
        0,
        None,
        "t",
        "t",
        problem="book.json is not JSON",
    )
    window.show_screen(window.shelf)
    window.shelf.set_books([good, torn])
    assert window.shelf.cards["aaa"].isEnabled()
    assert not window.shelf.cards["bbb"].isEnabled()
    assert "torn" in window.shelf.cards["bbb"].text()
    assert not window.shelf.empty.isVisible()
    with qtbot.wait_signal(window.shelf.openRequested) as blocker:
        click(qtbot, window.shelf.cards["aaa"])
    assert blocker.args == ["aaa"]


def test_shelf_reads_a_cover_once_and_again_when_page_one_is_redrawn(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    from aibook_desktop.engine.library import BookSummary

    make_book(tmp_path / "book")
    cover = tmp_path / "book" / "page-01.png"
    summary = BookSummary("aaa", "Kiki", "en", "cat", "complete", 3, 3, cover, "t", "t")
    shelf = window.shelf
    window.show_screen(shelf)

    def centre_colour() -> QColor:
        image = shelf.cards["aaa"].icon().pixmap(180, 180).toImage()
        return image.pixelColor(image.width() // 2, image.height() // 2)

    shelf.set_books([summary])
    first = shelf.cards["aaa"].icon().pixmap(180, 180).cacheKey()
    before = centre_colour()
    shelf.set_books([summary])  # every visit rebuilds the shelf: the cover is not read again
    assert shelf.cards["aaa"].icon().pixmap(180, 180).cacheKey() == first
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    image.fill(QColor("black"))
    image.save(str(cover))  # a new picture for page 1
    stat = cover.stat()
    os.utime(cover, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    shelf.set_books([summary])
    assert centre_colour() != before and centre_colour().value() < 30


END_MARKS = [  # (heard, the English question, the Korean question)
    (
        "Ragan, who loves to make cookies?",
        "Did you say: Ragan, who loves to make cookies?",
        "Ragan, who loves to make cookies, 맞아요?",
    ),
    ("a trip to the shop.", "Did you say: a trip to the shop?", "a trip to the shop, 맞아요?"),
    ("달나라 여행!!", "Did you say: 달나라 여행?", "달나라 여행, 맞아요?"),
    ("공룡 친구…", "Did you say: 공룡 친구?", "공룡 친구, 맞아요?"),
    ("우주 여행。 ", "Did you say: 우주 여행?", "우주 여행, 맞아요?"),
    ("무지개？！", "Did you say: 무지개?", "무지개, 맞아요?"),
    ("Dr. Who", "Did you say: Dr. Who?", "Dr. Who, 맞아요?"),  # only the end is trimmed
]


def test_the_spoken_question_never_doubles_the_end_mark(qtbot, window: MainWindow) -> None:
    """Every case in one window (one window per case took most of this file's time)."""
    confirm = window.theme.confirm
    for heard, english, korean in END_MARKS:
        confirm.ask(heard)
        assert confirm.spoken_line() == english, heard
        assert confirm.text == heard  # what the child said is kept as said; only the question trims
        window.translations.set_language("ko")
        try:
            assert confirm.spoken_line() == korean, heard
        finally:
            window.translations.set_language("en")
            confirm.close_overlay()
