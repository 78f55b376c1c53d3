"""Issue #21: the gate only grown-ups can set, a booth that resets clean, a screen that stays.

Each test here failed before the fix it names (the gate used to let the first person at the
corner choose the PIN, a restart cleared the lockout, a language tap saved env overrides...).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QClipboard, QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMenu
from ui_actions import click, enter_parent_area, hold_corner, type_pin

from aibook_desktop.engine import paths
from aibook_desktop.engine.book import Book, Hero, Page, Theme
from aibook_desktop.engine.settings import (
    UNREADABLE_PIN,
    Settings,
    load_settings,
    update_settings_file,
)
from aibook_desktop.ui.app import MainWindow, setup_application
from aibook_desktop.ui.booth import UsabilityWatch, foreign_windows
from aibook_desktop.ui.heartbeat import Heartbeat
from aibook_desktop.ui.parent import hash_pin, verify_pin
from aibook_desktop.ui.parent.backoff import CAP_S, Backoff
from aibook_desktop.ui.printing import kiosk_printer

REPO = Path(__file__).resolve().parents[1]


def make_window(qtbot, settings: Settings | None = None, **kwargs) -> MainWindow:  # type: ignore[no-untyped-def]
    setup_application()
    kwargs.setdefault("gate_hold_ms", 40)
    kwargs.setdefault("speech_engine", "mock")  # the speaker is hardware; on X11 too
    win = MainWindow(settings or Settings(language="en", pages=4, picture_size=64), **kwargs)
    qtbot.add_widget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(qtbot):  # type: ignore[no-untyped-def]
    win = make_window(qtbot)
    yield win
    win.quit_app()
    win.translations.set_language("en")


@pytest.fixture
def kiosk(qtbot):  # type: ignore[no-untyped-def]
    win = make_window(qtbot, kiosk=True)
    yield win
    win.quit_app()
    win.translations.set_language("en")


def a_book(folder: Path) -> Book:
    folder.mkdir(parents=True, exist_ok=True)
    pages = [Page(i, f"Page {i + 1} text.", "") for i in range(4)]
    return Book("Kiki", "en", Hero.default("cat", "en"), Theme("moon"), pages=pages, id="b1")


# ---- the gate --------------------------------------------------------------------------------
def test_the_corner_never_lets_the_first_comer_choose_a_pin(qtbot, kiosk: MainWindow) -> None:
    hold_corner(qtbot, kiosk)
    assert kiosk.current_screen() is kiosk.pin and kiosk.pin.mode == "nopin"
    assert not kiosk.pin.keypad.isVisible() and kiosk.pin.locked()
    assert "aibook parent set-pin" in kiosk.pin.message.text()
    with qtbot.assertNotEmitted(kiosk.pin.pinSet):
        for digit in "12341234":
            kiosk.pin.press(digit)
        kiosk.pin.submit()
    assert kiosk.current_screen() is kiosk.pin and kiosk.settings.parent_pin_hash == ""
    click(qtbot, kiosk.pin.home_button)
    assert kiosk.current_screen() is kiosk.home


def test_first_run_setup_takes_a_long_pin_and_later_skips_it(qtbot, window: MainWindow) -> None:
    window.begin_first_run()
    type_pin(qtbot, window, "20240917")
    type_pin(qtbot, window, "20240917")
    assert window.current_screen() is window.parent_area
    stored = load_settings().parent_pin_hash
    assert verify_pin("20240917", stored) and not verify_pin("2024", stored)
    click(qtbot, window.parent_area.home_button)
    enter_parent_area(qtbot, window, "20240917")  # the long PIN opens the gate next time

    later = make_window(qtbot)
    paths.settings_file().unlink()
    later.begin_first_run()
    click(qtbot, later.pin.home_button)  # "later": the file now exists, setup is not offered
    assert later.current_screen() is later.home and paths.settings_file().exists()
    later.quit_app()


def test_unreadable_settings_keep_the_gate_shut_and_say_how_to_recover(qtbot) -> None:
    update_settings_file({"parent_pin_hash": hash_pin("2468", iterations=1000)})
    paths.settings_file().write_bytes(b"\xff\xfe not toml [[[")  # overwritten by a stranger
    settings = load_settings()
    assert settings.parent_pin_hash == UNREADABLE_PIN
    win = make_window(qtbot, settings, kiosk=True)
    hold_corner(qtbot, win)
    assert win.pin.mode == "unreadable" and not win.pin.keypad.isVisible()
    assert "aibook parent set-pin" in win.pin.message.text()
    win.pin.press("2")
    assert "●" not in win.pin.dots.text()
    # a language tap does not overwrite the broken file (it may be the only copy of the PIN)
    click(qtbot, win.pin.home_button)
    click(qtbot, win.home.language_buttons["en" if win.settings.language == "ko" else "ko"])
    assert paths.settings_file().read_bytes().startswith(b"\xff\xfe")
    win.quit_app()
    win.translations.set_language("en")

    # the grown-up's way back: the CLI keeps the broken file aside and sets a new PIN
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-m", "aibook_desktop.engine", "parent", "set-pin", "--stdin"],
        input="97531864\n", capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert list(paths.settings_file().parent.glob("settings.toml.broken-*"))
    assert verify_pin("97531864", load_settings().parent_pin_hash)


def test_set_pin_refuses_a_short_pin(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-m", "aibook_desktop.engine", "parent", "set-pin", "--stdin"],
        input="12\n", capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and "4 to 12 digits" in done.stderr
    assert load_settings().parent_pin_hash == ""


def test_wrong_pins_back_off_exponentially_across_restarts(tmp_path: Path) -> None:
    now = [1000.0]
    clock = lambda: now[0]  # noqa: E731
    gate = Backoff(tmp_path / "gate.json", clock=clock)
    waits = [gate.failed() for _ in range(6)]
    assert waits == [0.0, 0.0, 30.0, 60.0, 120.0, 240.0]
    restarted = Backoff(tmp_path / "gate.json", clock=clock)  # the plug was pulled
    assert restarted.failures == 6 and restarted.remaining_s() == 240.0
    now[0] += 241
    assert restarted.remaining_s() == 0 and restarted.failed() == 480.0
    assert restarted.wait_for(40) == CAP_S
    restarted.succeeded()
    assert Backoff(tmp_path / "gate.json", clock=clock).failures == 0
    (tmp_path / "gate.json").write_text("{broken", encoding="utf-8")
    assert Backoff(tmp_path / "gate.json", clock=clock).remaining_s() > 0  # fails closed


def test_a_restarted_app_still_rests_the_keypad(qtbot) -> None:
    settings = Settings(language="en", parent_pin_hash=hash_pin("2468", iterations=1000))
    win = make_window(qtbot, settings)
    hold_corner(qtbot, win)
    for _ in range(3):
        type_pin(qtbot, win, "0000")
    assert win.pin.locked() and "opens again" in win.pin.message.text()
    win.quit_app()
    again = make_window(qtbot, settings)  # a new process would read the same gate.json
    hold_corner(qtbot, again)
    assert again.pin.locked() and not again.pin.keys["2"].isEnabled()
    again.quit_app()


def test_no_corner_hint_on_the_childs_screens(qtbot, window: MainWindow) -> None:
    window.home.set_setup_notice(True)
    for lang in ("en", "ko"):
        window.set_language(lang, persist=False)
        text = window.home.setup_notice.text()
        assert text and "corner" not in text and "모서리" not in text and "구석" not in text


# ---- settings: only what a parent changed ----------------------------------------------------
def test_a_language_tap_never_persists_environment_overrides(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    update_settings_file({"age": 5})
    monkeypatch.setenv("AIBOOK_PAGES", "4")
    monkeypatch.setenv("AIBOOK_STORY_BACKEND", "openai")
    win = make_window(qtbot, load_settings())
    assert win.settings.pages == 4
    assert win.settings.language == "ko"  # the default
    click(qtbot, win.home.language_buttons["en"])
    text = paths.settings_file().read_text(encoding="utf-8")
    assert 'language = "en"' in text and "age = 5" in text
    assert "pages" not in text and "openai" not in text
    monkeypatch.delenv("AIBOOK_PAGES")
    monkeypatch.delenv("AIBOOK_STORY_BACKEND")
    assert load_settings().pages == Settings().pages
    win.quit_app()
    win.translations.set_language("en")


def test_the_parent_area_writes_only_the_fields_changed(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIBOOK_PAGES", "4")
    win = make_window(qtbot, load_settings())
    enter_parent_area(qtbot, win)
    area = win.parent_area
    area.tabs.setCurrentIndex(2)
    area.idle_timeout.setValue(300)
    click(qtbot, area.save_button)
    text = paths.settings_file().read_text(encoding="utf-8")
    assert "idle_timeout_s = 300" in text and "pages" not in text
    win.quit_app()


# ---- printing and stock dialogs -------------------------------------------------------------
def test_kiosk_print_button_only_with_a_chosen_printer_and_never_a_dialog(
    qtbot, tmp_path: Path
) -> None:
    win = make_window(qtbot, Settings(language="en", pages=4, picture_size=64), kiosk=True)
    book = a_book(tmp_path / "book")
    win.reader.set_book(book, tmp_path / "book")
    win.show_screen(win.reader)
    assert not win.reader.print_button.isVisible()  # no printer chosen: no Print at all
    win.settings.printer_name = "Not-A-Real-Printer"
    win._update_print_button()
    assert win.reader.print_button.isVisible()
    seen: list[str] = []
    win.reader.print_button.click()
    seen += [type(w).__name__ for w in foreign_windows(win)]
    assert seen == [] and "printer" in win.reader.note.text()
    assert kiosk_printer("Not-A-Real-Printer") is None and kiosk_printer("") is None
    assert not (tmp_path / "book" / "printed.pdf").exists()  # never a file in kiosk mode
    win.quit_app()


def test_no_stock_context_menu_in_kiosk_text_fields(qtbot, kiosk: MainWindow) -> None:
    menus: list[str] = []

    def close_menus() -> None:
        for menu in [w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu)]:
            if menu.isVisible():
                menus.append(menu.title() or "menu")
                menu.close()

    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(close_menus)
    timer.start(10)
    click(qtbot, kiosk.home.make_button)
    click(qtbot, kiosk.hero.buttons["cat"])
    field = kiosk.theme.typed
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, QPoint(5, 5), field.mapToGlobal(QPoint(5, 5))
    )
    QApplication.sendEvent(field, event)
    QApplication.processEvents()
    timer.stop()
    assert menus == [] and kiosk.context_menus.blocked >= 1


# ---- the booth resets clean -----------------------------------------------------------------
def test_idle_reset_closes_dialogs_wipes_clipboard_and_undo(qtbot) -> None:
    win = make_window(qtbot, kiosk=True, idle_timeout_ms=600_000)
    click(qtbot, win.home.make_button)
    click(qtbot, win.hero.buttons["me"])
    qtbot.keyClicks(win.name_overlay.field, "Yuna Kim")
    win.name_overlay.field.selectAll()
    win.name_overlay.field.copy()
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text() == "Yuna Kim"
    dialog = QDialog(win)
    dialog.setModal(True)
    dialog.open()  # e.g. a print dialog a child left open
    assert dialog.isVisible()
    win.reset_session()
    assert not dialog.isVisible() and foreign_windows(win) == []
    assert clipboard.text(QClipboard.Mode.Clipboard) == ""
    field = win.name_overlay.field
    assert field.text() == "" and not field.isUndoAvailable()
    assert win.current_screen() is win.home and win.session.child_name == ""
    win.quit_app()


class HangingEngine:
    """The hardware edge: a system speech engine whose stop() never returns (speechd, no card)."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.stopped_on: list[str] = []

    def state(self) -> object:
        from PySide6.QtTextToSpeech import QTextToSpeech

        return QTextToSpeech.State.Ready

    def stop(self) -> None:
        self.stopped_on.append(threading.current_thread().name)
        self.release.wait(30)

    def availableLocales(self) -> list[object]:  # Qt's name
        return []  # no voice for the book's language: "Read to me" stays hidden


def test_idle_reset_never_waits_for_a_hanging_speech_engine(qtbot) -> None:
    win = make_window(qtbot, idle_timeout_ms=600_000)
    engine = HangingEngine()
    win.speaker._engine_name = "speechd"
    win.speaker._tts = engine
    win.reader.set_book(a_book(Path(str(paths.data_dir())) / "b"), paths.data_dir() / "b")
    win.show_screen(win.reader)
    started = time.monotonic()
    win.reset_session()
    took = time.monotonic() - started
    assert win.current_screen() is win.home and win.reader.book is None
    assert took < 1.0, took  # the reset did not wait on the engine
    qtbot.waitUntil(lambda: engine.stopped_on == ["speech-calls"])
    qtbot.waitUntil(lambda: win.speaker._tts is None, timeout=5000)  # given up after timeout
    started = time.monotonic()
    win.say("Are you still there?")  # silent now, and never waits on the hung engine again
    assert time.monotonic() - started < 0.5 and not win.speaker.can_speak()
    engine.release.set()
    win.quit_app()


# ---- the screen stays in front ----------------------------------------------------------------
def test_the_window_takes_the_screen_back_without_a_focus_event(qtbot, kiosk: MainWindow) -> None:
    kiosk.front_keeper._timer.setInterval(20)
    kiosk.setWindowState(kiosk.windowState() & ~kiosk.windowState().WindowFullScreen)
    kiosk.showNormal()  # "show desktop" / a desktop switch: no focus-out reaches the app
    assert not kiosk.isFullScreen()
    qtbot.waitUntil(lambda: kiosk.isFullScreen() and kiosk.isVisible(), timeout=3000)


def test_taking_the_screen_back_never_buries_our_own_modal(qtbot, kiosk: MainWindow) -> None:
    dialog = QDialog(kiosk)
    dialog.setModal(True)
    dialog.open()
    assert kiosk.kiosk_guard.take_screen_back() is dialog
    dialog.reject()
    assert kiosk.kiosk_guard.take_screen_back() is kiosk


def test_the_heartbeat_stops_when_a_modal_blocks_the_kiosk(
    qtbot, kiosk: MainWindow, tmp_path: Path
) -> None:
    beat_file = tmp_path / "beat"
    now = [0.0]
    kiosk.usability = UsabilityWatch(
        kiosk, lambda: True, kiosk.front_keeper.in_front, grace_s=30, clock=lambda: now[0]
    )
    heartbeat = Heartbeat(beat_file, interval_ms=60_000, healthy=kiosk.ui_usable)
    assert beat_file.exists() and heartbeat.skipped == 0
    dialog = QDialog(kiosk)
    dialog.setModal(True)
    dialog.open()
    heartbeat.beat()  # within the grace: still beating
    assert heartbeat.skipped == 0
    now[0] = 31.0
    beat_file.unlink()
    heartbeat.beat()
    assert heartbeat.skipped == 1 and not beat_file.exists()  # the supervisor will restart us
    dialog.reject()
    qtbot.waitUntil(kiosk.front_keeper.in_front, timeout=5000)  # X11: activation comes back
    heartbeat.beat()
    assert beat_file.exists()


# ---- privacy: whose books the shelf shows ------------------------------------------------------
def test_a_kiosk_shelf_shows_only_this_visits_books_and_can_be_off(qtbot) -> None:
    from aibook_desktop.engine.library import Library

    library = Library()
    for book_id, title in (
        ("0dd0000000aa", "Minji Park's dragon"),
        ("aaaa11112222", "Kiki and the moon"),
    ):
        book = Book(title, "en", Hero.default("cat", "en"), Theme("moon"), id=book_id,
                    pages=[Page(0, "Hello.", "")], page_count=1)  # fmt: skip
        library.save_book(book)
    library.close() if hasattr(library, "close") else None
    win = make_window(qtbot, Settings(language="en", pages=4), kiosk=True)
    win.bridge.start()
    assert win.shelf_filter.mode == "session"  # the kiosk default
    win._note_session_book("aaaa11112222", "", 1, "")  # this visit's child started it
    click(qtbot, win.home.shelf_button)
    qtbot.waitUntil(lambda: not win.shelf._loading, timeout=30_000)
    assert list(win.shelf.cards) == ["aaaa11112222"]
    win.reset_session()  # the next child sees neither
    click(qtbot, win.home.shelf_button)
    qtbot.waitUntil(lambda: not win.shelf._loading, timeout=30_000)
    assert list(win.shelf.cards) == []
    win.settings.shelf_mode = "off"
    win._apply_shelf_mode()
    win.go_home()
    assert not win.home.shelf_button.isVisible()
    win.settings.shelf_mode = "shared"
    win._apply_shelf_mode()
    click(qtbot, win.home.shelf_button)
    qtbot.waitUntil(lambda: len(win.shelf.cards) == 2, timeout=30_000)
    win.quit_app()


def test_a_grown_ups_folder_dialog_never_stops_the_heartbeat(qtbot, kiosk: MainWindow) -> None:
    now = [0.0]
    kiosk.usability._clock = lambda: now[0]
    kiosk.parent_area.load(kiosk.settings)
    kiosk.show_screen(kiosk.parent_area)  # behind the PIN: a grown-up is choosing a folder
    dialog = QDialog(kiosk)
    dialog.open()
    assert kiosk.ui_usable()
    now[0] = 600.0
    assert kiosk.ui_usable()
    kiosk.go_home()  # left open on the child's side: unusable once the grace is over
    assert kiosk.ui_usable()
    now[0] = 700.0
    assert not kiosk.ui_usable()
    dialog.reject()
