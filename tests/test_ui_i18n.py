"""Korean translations: complete, compiled, and actually shown on every screen."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QTabWidget

from aibook_desktop.engine.book import Book, Hero, HeroKind, Page, Theme
from aibook_desktop.engine.settings import Settings, load_settings
from aibook_desktop.ui.app import MainWindow
from aibook_desktop.ui.i18n import LANGUAGES, qm_path, ts_path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def ts_sources() -> dict[str, str]:
    """English source -> Korean translation, for every message in the shipped .ts."""
    root = ET.parse(ts_path("ko")).getroot()
    return {m.findtext("source", ""): m.findtext("translation", "") for m in root.iter("message")}


def test_every_message_has_a_finished_translation() -> None:
    root = ET.parse(ts_path("ko")).getroot()
    for message in root.iter("message"):
        translation = message.find("translation")
        assert translation is not None and translation.text, message.findtext("source")
        assert translation.get("type") not in ("unfinished", "obsolete", "vanished")


def test_ts_covers_every_string_in_the_code(tmp_path: Path) -> None:
    """Re-run lupdate over ui/ into a copy: nothing new may appear untranslated."""
    copy = tmp_path / "aibook_ko.ts"
    shutil.copy(ts_path("ko"), copy)
    sources = sorted(str(p) for p in (REPO / "aibook_desktop" / "ui").rglob("*.py"))
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources, "-ts", str(copy)], check=True, capture_output=True
    )
    text = copy.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text, re.findall(
        r"<source>(.*?)</source>\s*<translation type=\"unfinished\"", text
    )


def test_qm_is_compiled_from_the_current_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(ts_path("ko")), "-qm", str(fresh)],
        check=True,
        capture_output=True,
    )
    assert fresh.read_bytes() == qm_path("ko").read_bytes(), "run pyside6-lrelease again"


@pytest.fixture
def window(open_window) -> MainWindow:
    return open_window(Settings(language="ko", picture_size=256, pages=4))


def visible_texts(widget) -> list[str]:
    texts = []
    for child in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton):
        if child.isVisible() and child.text():
            texts.extend(line for line in child.text().split("\n") if line)
    for edit in widget.findChildren(QLineEdit):
        if edit.isVisible() and edit.placeholderText():
            texts.append(edit.placeholderText())
    for tabs in widget.findChildren(QTabWidget):
        if tabs.isVisible():
            texts.extend(tabs.tabText(i) for i in range(tabs.count()))
    for box in widget.findChildren(QComboBox):
        if box.isVisible() and box.currentText():
            texts.append(box.currentText())
    return texts


def small_book(folder: Path) -> Book:
    folder.mkdir(parents=True, exist_ok=True)
    image = QImage(32, 32, QImage.Format.Format_RGB32)
    image.fill(QColor("orange"))
    image.save(str(folder / "page-01.png"))
    book = Book("키키의 달나라 여행", "ko", Hero.default(HeroKind.CAT, "ko"), Theme("달나라"))
    book.pages = [
        Page(0, "키키는 달을 보았어요.", "scene", image_file="page-01.png"),
        Page(1, "그리고 날아갔어요.", "scene", image_file="page-01.png"),
    ]
    return book


@pytest.fixture
def memory_keyring() -> Iterator[None]:
    import keyring
    from test_ui_kiosk import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)


def check_korean(screen, english: set[str], allowed_paths: str) -> int:
    texts = visible_texts(screen)
    leftovers = [t for t in texts if t in english]
    assert not leftovers, (screen.objectName(), leftovers)
    # no Latin words except "PDF", "PIN", "SDXL", "API", the language names and file paths
    for text in texts:
        kept = r"aibook parent set-pin|PDF|PIN|SDXL|API|OpenAI|Whisper"  # a command stays as is
        words = re.findall(r"[A-Za-z]{3,}", re.sub(kept, "", text))
        allowed = text in LANGUAGES.values() or allowed_paths in text
        assert not words or allowed, (screen.objectName(), text)
    return len(texts)


def test_grown_up_screens_and_overlays_are_in_korean(
    qtbot, window: MainWindow, memory_keyring: None, tmp_path: Path
) -> None:
    english = {s for s in ts_sources() if s != ts_sources()[s]}
    seen = 0
    window.pin.begin("")
    window.show_screen(window.pin)
    seen += check_korean(window.pin, english, str(tmp_path))
    window.pin.begin_setup()
    seen += check_korean(window.pin, english, str(tmp_path))
    window.pin.begin("x")
    for digit in "1234":
        qtbot.mouseClick(window.pin.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.pin.ok_key, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(window.pin.message.text()))
    seen += check_korean(window.pin, english, str(tmp_path))
    window.parent_area.load(window.settings)
    window.show_screen(window.parent_area)
    for tab in range(window.parent_area.tabs.count() - 1):  # diagnostics: machine facts
        window.parent_area.tabs.setCurrentIndex(tab)
        seen += check_korean(window.parent_area, english, str(tmp_path))
    window.show_screen(window.theme)
    window.theme.set_voice_available(True)
    seen += check_korean(window.theme, english, str(tmp_path))
    window.theme.confirm.ask("달나라 여행")
    seen += check_korean(window.theme.confirm, english, str(tmp_path))
    assert window.theme.confirm.spoken_line() == "달나라 여행, 맞아요?"
    window.theme.confirm.close_overlay()
    window.theme.on_voice_unavailable()
    seen += check_korean(window.theme, english, str(tmp_path))
    for overlay in (window.still_there, window.name_overlay):
        overlay.open()
        seen += check_korean(overlay, english, str(tmp_path))
        overlay.close_overlay()
    assert seen > 40


def test_every_screen_is_in_korean(qtbot, window: MainWindow, tmp_path: Path) -> None:
    from aibook_desktop.engine.library import BookSummary

    english = {s for s in ts_sources() if s != ts_sources()[s]}
    window.making.begin(Hero.default("cat", "ko").name, "달나라로 날아가는 여행", 4)
    window.reader.set_book(small_book(tmp_path / "b"), tmp_path / "b")
    window.reader.show_exported(str(tmp_path / "b" / "book.pdf"))
    window.sorry.show_message("앗, 잠깐 문제가 생겼어요.")
    summary = BookSummary(
        "x1", "키키의 달나라 여행", "ko", "cat", "cancelled", 8, 2, None, "t", "t"
    )
    torn = BookSummary(
        "x2", "찢어진 책", "ko", "frog", "complete", 8, 8, None, "t", "t", problem="bad"
    )
    window.shelf.set_books([summary, torn])
    seen = 0
    for screen in (
        window.home,
        window.hero,
        window.theme,
        window.making,
        window.reader,
        window.shelf,
        window.sorry,
    ):
        window.show_screen(screen)
        if screen is window.making:
            qtbot.mouseClick(window.making.cancel_button, Qt.MouseButton.LeftButton)
        texts = visible_texts(screen)
        seen += len(texts)
        leftovers = [t for t in texts if t in english]
        assert not leftovers, (screen.objectName(), leftovers)
        # no Latin words except "PDF", the language names and file paths
        for text in texts:
            words = re.findall(r"[A-Za-z]{3,}", text.replace("PDF", ""))
            allowed = text in LANGUAGES.values() or str(tmp_path) in text
            assert not words or allowed, (screen.objectName(), text)
    assert seen > 40
    assert window.reader.counter.text() == "2쪽 중 1쪽"


def test_language_switch_retranslates_at_runtime(qtbot, window: MainWindow) -> None:
    home = window.home
    assert home.make_button.text() == "그림책 만들기"
    assert home.language_buttons["ko"].isChecked()
    qtbot.mouseClick(home.language_buttons["en"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: home.make_button.text() == "Make my book")
    assert window.theme.cards["moon"].text() == "Moon trip"
    assert home.language_buttons["en"].isChecked() and not home.language_buttons["ko"].isChecked()
    window.go_hero()
    assert window.hero.buttons["cat"].text() == "Kiki the cat"
    assert load_settings().language == "en"  # the choice is remembered
    qtbot.mouseClick(home.language_buttons["ko"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: home.make_button.text() == "그림책 만들기")
    qtbot.waitUntil(lambda: window.hero.buttons["cat"].text() == "고양이 키키")
    assert window.theme.title.text() == "어떤 이야기를 만들까요?"
