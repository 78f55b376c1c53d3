"""Kiosk edges a tester found: long books on a 1280x800 screen, an unsafe theme shown back,
and a lost GPU under the supervisor. Real windows offscreen, the real engine where it runs."""

from __future__ import annotations

import pytest

from aibook_desktop.engine.book import Hero
from aibook_desktop.engine.events import Failed
from aibook_desktop.engine.settings import Settings
from aibook_desktop.ui.window import WINDOW_SIZE

BOOK_TIMEOUT = 120_000


@pytest.mark.parametrize("pages", [4, 8, 10, 12])
def test_the_making_screen_fits_the_kiosk_screen_for_every_book_length(
    open_window, pages: int
) -> None:
    window = open_window(Settings(language="ko", pages=pages, picture_size=64))
    window.making.begin(Hero.default("cat", "ko").name, "달나라 여행", pages)
    window.show_screen(window.making)
    hint = window.minimumSizeHint()
    assert hint.width() <= WINDOW_SIZE[0] and hint.height() <= WINDOW_SIZE[1], (pages, hint)
    assert window.width() == WINDOW_SIZE[0]  # the window did not grow past the screen


@pytest.mark.parametrize(
    ("lang", "theme", "words"),
    [
        ("en", "a zombie with a gun who kills everyone", ("zombie", "gun", "kills")),
        ("ko", "총을 든 좀비가 모두를 죽이는 이야기", ("총", "좀비", "죽이")),
    ],
)
def test_an_unsafe_theme_is_never_shown_back_to_the_child(
    qtbot, open_window, lang: str, theme: str, words: tuple[str, ...]
) -> None:
    window = open_window(Settings(language=lang, pages=4, picture_size=64), start=True)
    window.session.hero_kind = "cat"
    window.start_book(theme, "typed")
    making = window.making
    assert not any(w in making.summary.text() for w in words), making.summary.text()
    qtbot.waitUntil(lambda: bool(making.book_title.text()), timeout=BOOK_TIMEOUT)
    assert not any(w in making.summary.text() for w in words), making.summary.text()
    qtbot.waitUntil(lambda: window.current_screen() is window.reader, timeout=BOOK_TIMEOUT)
    book = window.reader.book
    assert book is not None and not any(w in book.theme.text for w in words)


def test_a_lost_gpu_asks_a_supervised_app_for_a_fresh_process(
    qtbot, open_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(restart_delay_ms=10)
    lost = Failed("CUDA error: an illegal memory access", "gpu_lost", "I'll be right back!")
    with qtbot.assertNotEmitted(window.restartRequested, wait=100):
        window.bridge._emit(lost)  # unsupervised: nobody would start the app again
    monkeypatch.setenv("AIBOOK_SUPERVISED", "1")
    with qtbot.waitSignal(window.restartRequested, timeout=5000):
        window.bridge._emit(lost)
    assert window.current_screen() is window.sorry  # the child hears why first
