"""Issue #15 in the kiosk: a damaged book is one marked row, never an empty shelf, and a book
whose making stopped (the app was killed) is shown as stopped and can be finished."""

from __future__ import annotations

from PIL import Image
from test_ui_models import enter_parent_area
from ui_actions import click

from aibook_desktop.engine.book import Book, BookStatus, Hero, HeroKind, Page, Provenance, Theme
from aibook_desktop.engine.library import Library


def _stopped_book() -> str:
    """A 4-page book killed after 2 pictures: saved as 'making' with no live maker."""
    book = Book(title="Half a moon", lang="en", hero=Hero.default(HeroKind.FROG, "en"),
                theme=Theme("the moon"), page_count=4)  # fmt: skip
    book.pages = [Page(i, f"Page {i + 1}.", f"a frog, scene {i}") for i in range(3)]
    with Library() as lib:
        lib.save_book(book)
        for i in range(2):
            picture = Image.new("RGB", (64, 64), (90, 160, 90))
            lib.save_page_image(book, i, picture, Provenance("sketch", seed=i))
    return book.id


def _damaged_book() -> str:
    with Library() as lib:
        folder = lib.books_root / "0123456789ab"
    folder.mkdir(parents=True)
    (folder / "book.json").write_text('{"page_count": 1e400, "a": ' + "[" * 9999 + "]" * 9999 + "}")
    return "0123456789ab"


def test_a_stopped_book_is_shown_and_finished_from_the_parent_area(qtbot, open_window) -> None:
    stopped, damaged = _stopped_book(), _damaged_book()
    with Library() as lib:  # the next open of the shelf reconciles it
        assert lib.load(stopped).status is BookStatus.STOPPED
    window = open_window(gate_hold_ms=40)
    enter_parent_area(qtbot, window)
    area, books = window.parent_area, window.parent_area.books
    area.tabs.setCurrentWidget(books)
    qtbot.waitUntil(lambda: books.list.count() == 2, timeout=30_000)
    texts = [books.list.item(i).text() for i in range(2)]
    row = next(i for i, t in enumerate(texts) if t.startswith("Half a moon"))
    assert "stopped at 2 of 4 pages" in texts[row]
    assert any("damaged" in t for t in texts)  # one marked row; the shelf is not empty
    books.list.setCurrentRow(1 - row)
    assert not books.finish_button.isEnabled()  # a damaged book cannot be finished
    books.list.setCurrentRow(row)
    assert books.finish_button.isEnabled()
    click(qtbot, books.finish_button)
    assert window.stack.currentWidget() is window.making
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.reader, timeout=60_000)
    with Library() as lib:
        book = lib.load(stopped)
        assert book.status is BookStatus.COMPLETE and len(book.pages) == 4
        assert all(lib.has_picture(book, i) for i in range(4))
        assert {s.id for s in lib.list_books()} == {stopped, damaged}
    assert window.reader.book is not None and window.reader.book.id == stopped
