"""Issue #21: a system speech engine that hangs never freezes the kiosk.

speechd with no sound card can hang in any call. The idle reset already stopped speech off the
main thread; the "Are you still there?" line, turning read-aloud off and a language switch
still called the engine on the GUI thread, so one hung call froze every tap. The engine here
is the hardware edge (a stand-in for QTextToSpeech whose calls block); the window is real.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from ui_actions import click

from aibook_desktop.engine import paths
from aibook_desktop.engine.book import Book, Hero, Page, Theme
from aibook_desktop.engine.settings import Settings
from aibook_desktop.ui.app import MainWindow, setup_application

MAIN = "MainThread"


class BlockingEngine:
    """Every call that reaches the system's speech service blocks until ``release`` (bounded,
    so that code calling it on the main thread fails the test instead of hanging it)."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.calls: list[tuple[str, str]] = []  # (method, thread it was called on)

    def _block(self, method: str) -> None:
        self.calls.append((method, threading.current_thread().name))
        self.release.wait(5)

    def state(self) -> object:  # Qt keeps the state itself: never blocks
        from PySide6.QtTextToSpeech import QTextToSpeech

        return QTextToSpeech.State.Ready

    def say(self, text: str) -> None:
        self._block("say")

    def stop(self) -> None:
        self._block("stop")

    def availableLocales(self) -> list[QLocale]:
        self._block("availableLocales")
        return [QLocale(QLocale.Language.Korean), QLocale(QLocale.Language.English)]

    def setLocale(self, locale: QLocale) -> None:
        self._block("setLocale")

    def on_main_thread(self) -> list[str]:
        return [method for method, thread in self.calls if thread == MAIN]


def a_book(folder: Path) -> Book:
    folder.mkdir(parents=True, exist_ok=True)
    pages = [Page(i, f"Page {i + 1} text. It is a nice page.", "") for i in range(3)]
    return Book("Kiki", "en", Hero.default("cat", "en"), Theme("moon"), pages=pages, id="b1")


@pytest.fixture
def hung(qtbot) -> Iterator[tuple[MainWindow, BlockingEngine]]:  # type: ignore[no-untyped-def]
    setup_application()
    win = MainWindow(
        Settings(language="en", pages=3, picture_size=64),
        gate_hold_ms=40,
        speech_engine="mock",
        idle_timeout_ms=600_000,
    )
    qtbot.add_widget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    engine = BlockingEngine()
    win.speaker._engine_name = "speechd"  # the system engine, as on a real kiosk
    win.speaker._tts = engine
    # its voices were learnt (off the main thread) before it hung: "Read to me" is offered
    win.speaker._voice_languages = frozenset({QLocale.Language.English, QLocale.Language.Korean})
    win.speaker.call_timeout_ms = 60_000  # hung, but not given up yet: taps must still work
    folder = Path(str(paths.data_dir())) / "b"
    win.reader.set_book(a_book(folder), folder)
    win.show_screen(win.reader)
    yield win, engine
    engine.release.set()
    win.quit_app()
    win.translations.set_language("en")


def test_are_you_still_there_never_waits_on_a_hung_engine(qtbot, hung) -> None:  # type: ignore[no-untyped-def]
    win, engine = hung
    win._on_idle()  # nobody touched the book: the overlay asks, and says it aloud
    assert win.still_there.isVisible()
    qtbot.waitUntil(lambda: bool(engine.calls))  # the speech thread is stuck in the engine
    click(qtbot, win.still_there.here_button)  # the child answers: the tap is handled
    qtbot.waitUntil(lambda: not win.still_there.isVisible())
    assert win.current_screen() is win.reader
    assert engine.on_main_thread() == []


def test_read_aloud_off_and_a_language_switch_never_wait_on_a_hung_engine(qtbot, hung) -> None:  # type: ignore[no-untyped-def]
    win, engine = hung
    button = win.reader.read_button
    click(qtbot, button)  # "Read to me"
    assert win.reader.is_reading()
    qtbot.waitUntil(lambda: bool(engine.calls))
    click(qtbot, button)  # and off again, while the engine is stuck
    assert not win.reader.is_reading()
    win.set_language("ko")  # the next line wants the Korean voice
    win.say("안녕")
    click(qtbot, win.reader.next_button)  # the reader still turns pages
    qtbot.waitUntil(lambda: win.reader.index == 1)
    assert engine.on_main_thread() == []


def test_a_hung_engine_is_given_up_and_the_reading_ends(qtbot, hung) -> None:  # type: ignore[no-untyped-def]
    win, engine = hung
    win.speaker.call_timeout_ms = 200
    click(qtbot, win.reader.read_button)
    assert win.reader.is_reading()
    with qtbot.wait_signal(win.speaker.unavailable, timeout=5000):
        pass
    assert not win.reader.read_aloud.reading  # the voice is over; the text stays on screen
    assert not win.reader.is_reading()  # so the idle reset is not held off for ever
    assert not win.speaker.can_speak()
    calls = len(engine.calls)
    win.say("Are you still there?")  # silent now: the hung engine is never called again
    win.speaker.stop()
    assert len(engine.calls) == calls and engine.on_main_thread() == []
