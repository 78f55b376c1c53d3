"""A real book in the reader (#14): cover, ending, take-home QR, narration that never hangs.

Real widgets offscreen; the only stand-in is a voice engine that never finishes (the hardware
edge: speech-dispatcher with no sound card stays in "Speaking" for ever).
"""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal
from test_ui_reader import make_book, shelved_book
from ui_actions import click

from aibook_desktop.engine.book import Book, Hero, HeroKind, Theme
from aibook_desktop.engine.narration import audio_path, timings_path
from aibook_desktop.engine.settings import Settings
from aibook_desktop.ui.app import MainWindow
from aibook_desktop.ui.read_aloud import HIGHLIGHT


@pytest.fixture
def window(open_window) -> MainWindow:
    win = open_window(speech_engine="mock", share_host="127.0.0.1")
    win.reader.flip.set_duration_ms(60)
    return win


class NeverFinishes(QObject):
    """A voice that starts the first sentence and is never heard of again."""

    sentenceStarted = Signal(int)
    readingDone = Signal()
    readingStopped = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.reading = False
        self.stops = 0

    def can_speak(self) -> bool:
        return True

    def has_voice(self, lang: str) -> bool:
        return True

    def read(self, sentences: list[str], lang: str) -> None:
        self.reading = True
        self.sentenceStarted.emit(0)

    def stop(self) -> None:
        self.stops += 1
        if self.reading:
            self.reading = False
            self.readingStopped.emit()


def test_a_stuck_voice_times_out_and_the_button_comes_back(qtbot, window, tmp_path) -> None:
    reader = window.reader
    stuck = NeverFinishes()
    reader.set_speaker(stuck)
    reader.read_aloud.patience_ms, reader.read_aloud.patience_per_char_ms = 300, 0
    reader.set_book(make_book(tmp_path / "b", ["Kiki saw the moon. It was big!"]), tmp_path / "b")
    window.show_screen(reader)
    click(qtbot, reader.read_button)
    assert reader.read_button.text() == "Stop reading" and reader.read_aloud.current == 0
    with qtbot.waitSignal(reader.read_aloud.stuck, timeout=5000):
        pass
    assert reader.read_button.text() == "Read to me" and not reader.is_reading()
    assert stuck.stops >= 1 and not stuck.reading
    assert HIGHLIGHT not in reader.text.text()
    click(qtbot, reader.read_button)  # and it can be tried again
    assert reader.read_button.text() == "Stop reading"
    reader.stop_reading()


def _korean_book(folder: Path) -> Book:
    book = make_book(folder, ["키키는 달을 보았어요. 정말 컸어요!"])
    book.lang = "ko"
    return book


def test_read_to_me_is_hidden_without_a_voice_for_the_books_language(
    qtbot, window, tmp_path
) -> None:
    reader = window.reader
    assert not window.speaker.has_voice("ko")  # Qt's mock engine has English voices only
    reader.set_book(_korean_book(tmp_path / "ko"), tmp_path / "ko")
    assert not reader.read_button.isVisibleTo(reader)
    reader.set_book(make_book(tmp_path / "en", ["One."]), tmp_path / "en")
    assert reader.read_button.isVisibleTo(reader)


def _narrate(folder: Path, text: str, sentences: list[str]) -> None:
    """A real pre-rendered page as engine/narration saves it: espeak-ng + sox, 24 kHz."""
    pcm = bytearray()
    spans = []
    for sentence in sentences:
        wav = subprocess.run(["espeak-ng", "-v", "ko", "--stdout", sentence],
                             capture_output=True, check=True).stdout  # fmt: skip
        raw = subprocess.run(
            ["sox", "-R", "-t", "wav", "-", "-t", "raw", "-r", "24000", "-e", "signed", "-b",
             "16", "-c", "1", "-"], input=wav, capture_output=True, check=True,
        ).stdout  # fmt: skip
        start = len(pcm) / 48000
        pcm += raw
        spans.append([start, len(pcm) / 48000])
    import wave

    with wave.open(str(audio_path(folder, 0)), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(24000)
        out.writeframes(bytes(pcm))
    meta = {"text": text, "voice": "openai", "duration_s": len(pcm) / 48000, "sentences": spans}
    timings_path(folder, 0).write_text(json.dumps(meta), encoding="utf-8")


@pytest.mark.qt_log_ignore("PulseAudio", "No audio device", "pa_context")
def test_pre_rendered_narration_plays_and_the_highlight_follows_it(qtbot, window, tmp_path) -> None:
    reader = window.reader
    folder = tmp_path / "ko"
    book = _korean_book(folder)
    text = book.pages[0].text
    _narrate(folder, text, ["키키는 달을 보았어요.", "정말 컸어요!"])
    reader.set_book(book, folder)
    window.show_screen(reader)
    # no Korean system voice here, but the book brought its own narration
    assert reader.read_button.isVisibleTo(reader)
    seen: list[int] = []
    reader.page_audio.sentenceStarted.connect(seen.append)
    click(qtbot, reader.read_button)
    qtbot.waitUntil(lambda: reader.read_aloud.current == 0)
    assert "키키는 달을 보았어요.</span>" in reader.text.text()
    qtbot.waitUntil(lambda: reader.read_aloud.current == 1, timeout=10_000)
    assert "정말 컸어요!</span>" in reader.text.text()
    # the story is over: the reader turns to "The End" by itself
    qtbot.waitUntil(reader.on_ending, timeout=15_000)
    assert seen == [0, 1] and not reader.is_reading()


def test_the_ending_reads_again_or_makes_another(qtbot, window, tmp_path) -> None:
    reader = window.reader
    reader.set_book(make_book(tmp_path / "b", ["One.", "Two."]), tmp_path / "b")
    window.show_screen(reader)
    reader.show_page(reader.page_count, animate=False)
    assert reader.on_ending() and reader.end_title.text() == "The End"
    assert reader.read_again_button.isVisibleTo(reader)
    assert reader.read_again_button.height() >= 120  # big enough for a small hand
    click(qtbot, reader.read_again_button)
    qtbot.waitUntil(lambda: not reader.turning())
    assert reader.on_cover() and reader.cover_title.text() == "Kiki and the Moon"
    reader.show_page(reader.page_count, animate=False)
    click(qtbot, reader.make_another_button)
    assert window.current_screen() is window.hero


def test_the_cover_says_who_made_the_book(qtbot, window, tmp_path) -> None:
    reader = window.reader
    book = make_book(tmp_path / "b", ["One."])
    reader.set_book(book, tmp_path / "b", index=-1)
    assert reader.on_cover() and reader.cover_by.text() == ""  # a cat made nothing
    me = Book("Mina's Moon", "en", Hero(HeroKind.ME, "Mina"), Theme("moon"))
    me.pages = book.pages
    me.page_count = 1
    reader.set_book(me, tmp_path / "b", index=-1)
    assert reader.cover_by.text() == "made by Mina"
    window.set_language("ko", persist=False)
    qtbot.waitUntil(lambda: reader.end_title.text() == "끝")  # LanguageChange is posted
    assert reader.cover_by.text() == "Mina 지음"
    window.set_language("en", persist=False)
    qtbot.waitUntil(lambda: reader.end_title.text() == "The End")


def test_status_lines_never_move_the_page(qtbot, window, tmp_path) -> None:
    reader = window.reader
    reader.set_book(make_book(tmp_path / "b", ["One.", "Two."]), tmp_path / "b")
    window.show_screen(reader)
    qtbot.wait(10)  # let the layout settle once (the only wait: geometry comes from events)
    page, read = reader.page_box.geometry(), reader.read_button.geometry()
    reader.note.setText("Making the colouring book… " * 4)  # a long, wrapping note
    reader._set_busy(True)
    qtbot.wait(10)
    assert reader.page_box.geometry() == page and reader.read_button.geometry() == read
    reader.show_exported("/tmp/book.pdf")
    assert not reader.busy.isVisible()


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as reply:
            return reply.status, reply.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def test_the_ending_lends_the_book_to_a_phone_until_reset(qtbot, window) -> None:
    book_id, folder = shelved_book(pages=4)
    window.bridge.start()
    window.open_book(book_id)
    qtbot.waitUntil(lambda: window.current_screen() is window.reader, timeout=30_000)
    reader = window.reader
    reader.show_page(reader.page_count, animate=False)
    assert reader.share_button.isVisibleTo(reader)
    urls: list[str] = []
    window.take_home.ready.connect(lambda _b, _q, url, _m: urls.append(url))
    click(qtbot, reader.share_button)
    assert reader.busy.isVisibleTo(reader)  # the PDFs are being made: a moving bar
    qtbot.waitUntil(lambda: bool(urls), timeout=60_000)
    assert reader.qr.pixmap() is not None and not reader.qr.pixmap().isNull()
    assert "10 minutes" in reader.qr_caption.text() and not reader.busy.isVisibleTo(reader)
    assert reader.note.text() == ""  # no "PDF is saved" for a file the child did not ask for
    url = urls[0]
    assert url.startswith("http://127.0.0.1:")
    status, page = _get(url)
    assert status == 200 and "그림책" not in page.decode()  # an English book, English page
    status, pdf = _get(url + "book.pdf")
    assert status == 200 and pdf == (folder / "book.pdf").read_bytes()
    assert _get(url + "colouring.pdf")[1] == (folder / "colouring.pdf").read_bytes()
    # the parent turns the feature off: the link is gone at once, and so is the button
    settings = Settings(**{**window.settings.__dict__, "share_qr": False})
    assert window.apply_settings(settings)
    assert not reader.share_box.isVisibleTo(reader)
    with pytest.raises(OSError):
        urllib.request.urlopen(url, timeout=2)


def test_the_parent_area_copies_a_book_out_and_lends_it(qtbot, window, tmp_path) -> None:
    book_id, _folder = shelved_book(pages=4)
    window.bridge.start()
    area = window.parent_area
    books = area.books
    area.load(window.settings)
    window.show_screen(area)  # (the PIN gate is tested elsewhere)
    area.tabs.setCurrentWidget(books)
    qtbot.waitUntil(lambda: books.list.count() == 1, timeout=30_000)
    books.list.setCurrentRow(0)
    stick = tmp_path / "usb-stick"
    stick.mkdir()
    books.choose_folder = lambda: str(stick)
    click(qtbot, books.copy_button)
    assert books.status.text() == "Copying the book…" and not books.copy_button.isEnabled()
    qtbot.waitUntil(lambda: books.status.text().startswith("Copied to "), timeout=60_000)
    copied = Path(books.status.text().removeprefix("Copied to "))
    assert copied.parent == stick and book_id in copied.name
    names = sorted(p.name for p in copied.iterdir())
    assert names == ["book.pdf", "colouring.pdf", *[f"page-{i:02d}.png" for i in range(1, 5)]]
    assert (copied / "book.pdf").read_bytes()[:5] == b"%PDF-"
    assert str(copied) in books.status.text()
    books.choose_folder = lambda: ""  # cancelled: nothing happens
    click(qtbot, books.copy_button)
    assert str(copied) in books.status.text()

    urls: list[str] = []
    window.take_home.ready.connect(lambda _b, _q, url, _m: urls.append(url))
    click(qtbot, books.qr_button)
    qtbot.waitUntil(lambda: bool(urls) and books.qr.isVisibleTo(books), timeout=60_000)
    assert urls[0] in books.status.text()
    assert _get(urls[0] + "book.pdf")[0] == 200
    window.reader.clear()  # the idle reset: no link stays open
    with pytest.raises(OSError):
        urllib.request.urlopen(urls[0], timeout=2)


@pytest.mark.qt_log_ignore("PulseAudio", "No audio device", "pa_context")
def test_stopping_pre_rendered_narration_mid_sentence(qtbot, window, tmp_path) -> None:
    reader = window.reader
    folder = tmp_path / "ko"
    book = _korean_book(folder)
    _narrate(folder, book.pages[0].text, ["키키는 달을 보았어요.", "정말 컸어요!"])
    reader.set_book(book, folder)
    window.show_screen(reader)
    click(qtbot, reader.read_button)
    qtbot.waitUntil(lambda: reader.read_aloud.current == 0)
    click(qtbot, reader.read_button)  # "Stop reading" while the file plays
    assert not reader.is_reading() and not reader.page_audio.reading
    assert reader.read_button.text() == "Read to me"
