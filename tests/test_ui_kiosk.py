"""Kiosk mode: escape keys and close requests refused, idle reset, the parent gate and area."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.errors
import pytest
from PySide6.QtCore import QPoint, Qt, QThread
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication
from ui_actions import click, enter_parent_area, hold_corner, type_pin

from aibook_desktop.engine.apikey import KEYRING_SERVICE, KEYRING_USER
from aibook_desktop.engine.paths import settings_file as settings_file_path
from aibook_desktop.engine.settings import Settings, load_settings, update_settings_file
from aibook_desktop.ui.app import MainWindow, setup_application
from aibook_desktop.ui.parent import hash_pin, verify_pin

HOLD_MS = 40


class MemoryKeyring(keyring.backend.KeyringBackend):
    """The OS keyring's stand-in (the hardware edge): a dict, never the user's real keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.store.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("not there")


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


def make_window(qtbot, settings: Settings | None = None, **kwargs) -> MainWindow:
    setup_application()
    kwargs.setdefault("gate_hold_ms", HOLD_MS)
    win = MainWindow(settings or Settings(language="en", pages=4, picture_size=64), **kwargs)
    qtbot.add_widget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(qtbot) -> Iterator[MainWindow]:
    win = make_window(qtbot)
    yield win
    win.quit_app()
    win.translations.set_language("en")


@pytest.fixture
def kiosk(qtbot) -> Iterator[MainWindow]:
    win = make_window(qtbot, kiosk=True)
    yield win
    win.quit_app()


def test_kiosk_ignores_escape_keys_and_close_requests(qtbot, kiosk: MainWindow) -> None:
    assert kiosk.isFullScreen()
    assert kiosk.windowFlags() & Qt.WindowType.FramelessWindowHint
    click(qtbot, kiosk.home.make_button)
    assert kiosk.current_screen() is kiosk.hero
    blocked: list[str] = []
    kiosk.kiosk_guard.blocked.connect(blocked.append)
    target = kiosk.hero
    qtbot.keyClick(target, Qt.Key.Key_Escape)
    qtbot.keyClick(target, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(target, Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(target, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(target, Qt.Key.Key_Meta)
    assert len(blocked) == 5
    event = QCloseEvent()
    QApplication.sendEvent(kiosk, event)  # what Alt+F4 in a window manager turns into
    assert not event.isAccepted()
    assert not kiosk.close()
    assert kiosk.isVisible() and kiosk.current_screen() is kiosk.hero
    kiosk.showMinimized()  # another app tried to take the screen
    qtbot.waitUntil(lambda: kiosk.isFullScreen() and not kiosk.isMinimized())
    # arrow keys and typing still work
    qtbot.keyClick(kiosk.theme.typed, Qt.Key.Key_A)
    assert kiosk.theme.typed.text() == "a"


def test_a_normal_window_closes_and_lets_escape_through(qtbot) -> None:
    win = make_window(qtbot, kiosk=False)
    blocked: list[str] = []
    win.kiosk_guard.blocked.connect(blocked.append)
    qtbot.keyClick(win.home, Qt.Key.Key_Escape)
    assert blocked == [] and not win.isFullScreen()
    assert win.close()
    assert not win.isVisible()


def test_the_way_out_of_kiosk_mode_is_the_pin(qtbot, kiosk: MainWindow) -> None:
    enter_parent_area(qtbot, kiosk, "13572468")
    assert kiosk.current_screen() is kiosk.parent_area
    kiosk.parent_area.tabs.setCurrentIndex(2)
    click(qtbot, kiosk.parent_area.quit_button)
    qtbot.waitUntil(lambda: not kiosk.isVisible())


def test_first_run_setup_sets_a_hashed_pin(qtbot, window: MainWindow) -> None:
    window.begin_first_run()
    assert window.current_screen() is window.pin and window.pin.mode == "set"
    type_pin(qtbot, window, "1357")
    type_pin(qtbot, window, "1358")  # a slip: both entries must match
    assert window.pin.mode == "set" and "different" in window.pin.message.text()
    type_pin(qtbot, window, "2468")
    type_pin(qtbot, window, "2468")
    assert window.current_screen() is window.parent_area
    stored = load_settings().parent_pin_hash
    assert stored.startswith("pbkdf2_sha256$") and verify_pin("2468", stored)
    assert not verify_pin("1357", stored)
    assert "2468" not in settings_file_path().read_text(encoding="utf-8")
    # a second hash of the same PIN uses a new salt
    assert hash_pin("2468") != hash_pin("2468")


def test_wrong_pin_then_right_pin(qtbot) -> None:
    settings = Settings(language="en", parent_pin_hash=hash_pin("2468", iterations=1000))
    win = make_window(qtbot, settings)
    click(qtbot, win.home.shelf_button)  # the corner works on any screen
    hold_corner(qtbot, win)
    assert win.pin.mode == "check"
    type_pin(qtbot, win, "1111")
    assert win.current_screen() is win.pin
    assert win.pin.message.text() == "That is not the PIN. Try again."
    click(qtbot, win.pin.keys["9"])
    click(qtbot, win.pin.back_key)  # a grown-up fixes a typo
    type_pin(qtbot, win, "2468")
    assert win.current_screen() is win.parent_area
    click(qtbot, win.parent_area.home_button)
    assert win.current_screen() is win.home
    win.quit_app()


def test_too_many_wrong_pins_rest_the_keypad(qtbot) -> None:
    win = make_window(qtbot, Settings(language="en", parent_pin_hash=hash_pin("2468")))
    win.pin.backoff.base_s = 0.15
    hold_corner(qtbot, win)
    for _ in range(3):
        type_pin(qtbot, win, "0000")
    assert win.pin.locked() and not win.pin.keys["2"].isEnabled()
    qtbot.waitUntil(lambda: not win.pin.locked())
    assert win.pin.keys["2"].isEnabled()
    type_pin(qtbot, win, "2468")
    assert win.current_screen() is win.parent_area
    win.quit_app()


def test_a_short_press_in_the_corner_does_nothing(qtbot, window: MainWindow) -> None:
    point = QPoint(window.width() - 20, 20)
    target = window.childAt(point) or window
    local = target.mapFrom(window, point)
    with qtbot.assertNotEmitted(window.corner_hold.held, wait=HOLD_MS * 3):
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=local)
    assert window.current_screen() is window.home


def test_idle_asks_then_goes_home_and_forgets_the_child(qtbot) -> None:
    win = make_window(qtbot, idle_timeout_ms=150, idle_grace_ms=150)
    said: list[str] = []
    win.speaker.say = lambda text, lang: said.append(text)  # type: ignore[method-assign]
    click(qtbot, win.home.make_button)
    click(qtbot, win.hero.buttons["me"])
    qtbot.keyClicks(win.name_overlay.field, "Yuna")
    click(qtbot, win.name_overlay.ok_button)
    assert win.session.child_name == "Yuna" and win.current_screen() is win.theme
    qtbot.keyClicks(win.theme.typed, "a duck")
    qtbot.waitUntil(lambda: win.still_there.isVisible())
    assert said == [win.still_there.spoken_line()]
    qtbot.waitUntil(lambda: win.current_screen() is win.home and not win.still_there.isVisible())
    assert win.session.child_name == "" and win.session.hero_kind == ""
    assert win.theme.typed.text() == ""
    assert win.reader.book is None
    win.quit_app()


def test_idle_question_answered_keeps_the_child_where_they_were(qtbot) -> None:
    win = make_window(qtbot, idle_timeout_ms=120, idle_grace_ms=60_000)
    click(qtbot, win.home.make_button)
    click(qtbot, win.hero.buttons["cat"])
    qtbot.keyClicks(win.theme.typed, "a duck")
    qtbot.waitUntil(lambda: win.still_there.isVisible())
    click(qtbot, win.still_there.here_button)
    assert not win.still_there.isVisible()
    assert win.current_screen() is win.theme and win.theme.typed.text() == "a duck"
    assert win.idle.is_running()
    win.quit_app()


def test_parent_area_saves_and_applies_settings(qtbot, window: MainWindow) -> None:
    window.settings.parent_pin_hash = hash_pin("2468", iterations=1000)
    update_settings_file({"parent_pin_hash": window.settings.parent_pin_hash})
    hold_corner(qtbot, window)
    type_pin(qtbot, window, "2468")
    area = window.parent_area
    area.tabs.setCurrentIndex(1)
    area.pages.setValue(6)
    area.age_band.setCurrentIndex(0)
    area.bilingual.setChecked(True)
    area.safety.setCurrentIndex(1)
    area.language.setCurrentIndex(area.language.findData("ko"))
    area.tabs.setCurrentIndex(2)
    area.idle_timeout.setValue(300)
    area.keep_recordings.setChecked(True)
    click(qtbot, area.save_button)
    saved = load_settings()
    assert (saved.pages, saved.age, saved.bilingual) == (6, 4, True)
    assert (saved.safety_level, saved.language, saved.idle_timeout_s) == ("normal", "ko", 300)
    assert saved.keep_recordings and saved.parent_pin_hash == window.settings.parent_pin_hash
    assert window.settings.pages == 6 and window.bridge.settings.pages == 6  # its own copy
    assert window.translations.language == "ko" and window.idle.timeout_ms == 300_000
    qtbot.waitUntil(lambda: area.save_button.text() == "저장")


def test_empty_model_names_fall_back_to_the_defaults(qtbot, window: MainWindow) -> None:
    window.settings.parent_pin_hash = hash_pin("2468", iterations=1000)
    hold_corner(qtbot, window)
    type_pin(qtbot, window, "2468")
    area = window.parent_area
    area.openai_model.setText("   ")  # a grown-up cleared the field: "" would break OpenAI stories
    area.openai_image_model.clear()
    assert area.values().openai_model == Settings().openai_model != ""
    click(qtbot, area.save_button)
    saved = load_settings()
    assert saved.openai_model == Settings().openai_model
    assert saved.openai_image_model == Settings().openai_image_model
    assert window.settings.openai_model == Settings().openai_model
    area.openai_model.setText(" gpt-4o-mini ")  # a name typed in is kept (trimmed)
    click(qtbot, area.save_button)
    assert load_settings().openai_model == "gpt-4o-mini"


def test_parent_area_style_wraps_the_doctor_and_keeps_the_models_tab_cream(
    qtbot, window: MainWindow
) -> None:
    area = window.parent_area
    area.load(window.settings)
    window.show_screen(area)
    checks = area.diagnostics.checks  # a long fix line wraps instead of needing a side scroll
    assert checks.wordWrap() and checks.textElideMode() == Qt.TextElideMode.ElideNone
    assert checks.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    area.tabs.setCurrentIndex(area.tabs.indexOf(area.models.parentWidget().parentWidget()))
    qtbot.waitUntil(lambda: area.models.isVisible())
    viewport = area.models.parentWidget()
    corner = viewport.mapTo(window, QPoint(viewport.width() - 4, viewport.height() - 4))
    corner = window.grab().toImage().pixelColor(corner)  # below the last row: background only
    assert corner.name() == "#fff4e0", corner.name()  # the form tabs' cream, not Qt's grey


def test_api_key_goes_to_the_keyring_never_the_settings_file(
    qtbot, window: MainWindow, memory_keyring: MemoryKeyring
) -> None:
    enter_parent_area(qtbot, window)
    area = window.parent_area
    assert area.key_state.text() == "No key saved."
    area.story_backend.setCurrentIndex(area.story_backend.findData("openai"))
    qtbot.keyClicks(area.api_key, "sk-test-123")
    click(qtbot, area.save_button)
    assert memory_keyring.store[(KEYRING_SERVICE, KEYRING_USER)] == "sk-test-123"
    assert area.api_key.text() == "" and area.key_state.text() == "A key is saved in the keyring."
    text = settings_file_path().read_text(encoding="utf-8")
    assert "sk-test" not in text and load_settings().story_backend == "openai"
    click(qtbot, area.forget_key_button)
    assert (KEYRING_SERVICE, KEYRING_USER) not in memory_keyring.store
    # a computer without a keyring: a plain message, and still nothing in the file
    keyring.set_keyring(keyring.backends.fail.Keyring())
    qtbot.keyClicks(area.api_key, "sk-test-456")
    click(qtbot, area.save_key_button)
    assert "OPENAI_API_KEY" in area.status.text()
    assert "sk-test-456" not in settings_file_path().read_text(encoding="utf-8")


def test_diagnostics_are_gathered_on_the_engine_thread(qtbot, window: MainWindow) -> None:
    logging.getLogger("aibook_desktop.test").warning("the printer is out of crayons")
    threads: list[object] = []
    window.bridge.diagnosed.connect(
        lambda _info: threads.append(QThread.currentThread()), Qt.ConnectionType.DirectConnection
    )
    window.bridge.start()
    enter_parent_area(qtbot, window)
    area = window.parent_area
    area.tabs.setCurrentWidget(area.diagnostics)
    qtbot.waitUntil(lambda: "Computer:" in area.diagnostics.text.toPlainText(), timeout=60_000)
    text = area.diagnostics.text.toPlainText()
    assert threads and threads[0] is not QApplication.instance().thread()
    assert threading.current_thread() is threading.main_thread()
    for expected in ("PyTorch installed", "Models:", "sdxl_base: not set", "Speech engines:"):
        assert expected in text, text
    assert "Microphones:" in text or "No microphone found" in text
    assert "the printer is out of crayons" in text
