"""Issue #21: a passphrase as the stronger alternative to the PIN for the grown-ups' gate.

Set only from a terminal (``aibook parent set-pin --passphrase``); the gate then shows a
masked text field instead of the keypad. A PIN never checks against a passphrase's hash.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

from PySide6.QtCore import Qt
from ui_actions import click, hold_corner

from aibook_desktop.engine.parent_pin import (
    hash_passphrase,
    hash_pin,
    is_passphrase_hash,
    is_valid_passphrase,
    verify_passphrase,
    verify_pin,
)
from aibook_desktop.engine.settings import Settings, load_settings
from aibook_desktop.ui.app import MainWindow, setup_application

REPO = Path(__file__).resolve().parents[1]
PHRASE = "보라색 부엉이는 정오에 책을 읽어요"  # 19 characters, typed through a Korean IME


def test_a_passphrase_hash_checks_only_passphrases() -> None:
    stored = hash_passphrase(PHRASE, iterations=1000)
    assert is_passphrase_hash(stored) and not is_passphrase_hash(hash_pin("12345678"))
    assert verify_passphrase(PHRASE, stored)
    assert verify_passphrase(f"  {unicodedata.normalize('NFD', PHRASE)} ", stored)  # jamo
    assert not verify_passphrase(PHRASE + "!", stored)
    assert not verify_pin("123456789012", hash_passphrase("123456789012", iterations=1000))
    assert not verify_passphrase("123456789012", hash_pin("123456789012", iterations=1000))
    assert not is_valid_passphrase("short words") and is_valid_passphrase("twelve chars")
    assert not is_valid_passphrase("a tab\there in it")


def set_pin_cli(*args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, "-m", "aibook_desktop.engine", "parent", "set-pin", "--stdin", *args],
        input=stdin, capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip


def test_set_pin_takes_a_passphrase_and_refuses_a_short_one() -> None:
    done = set_pin_cli("--passphrase", stdin="too short\n")
    assert done.returncode == 2 and "12 to 128 characters" in done.stderr
    assert load_settings().parent_pin_hash == ""
    done = set_pin_cli("--passphrase", stdin=PHRASE + "\n")
    assert done.returncode == 0, done.stderr
    stored = load_settings().parent_pin_hash
    assert is_passphrase_hash(stored) and verify_passphrase(PHRASE, stored)


def test_the_gate_asks_for_the_passphrase_in_a_masked_field(qtbot) -> None:  # type: ignore[no-untyped-def]
    setup_application()
    settings = Settings(language="en", pages=4, picture_size=64)
    settings.parent_pin_hash = hash_passphrase(PHRASE, iterations=1000)
    win = MainWindow(settings, gate_hold_ms=40, speech_engine="mock", kiosk=True)
    qtbot.add_widget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    try:
        hold_corner(qtbot, win)
        gate = win.pin
        assert win.current_screen() is gate and gate.uses_passphrase
        assert gate.phrase.isVisible() and not gate.keypad.isVisible()
        assert not gate.dots.isVisible() and "passphrase" in gate.title.text()
        assert gate.phrase.echoMode() == gate.phrase.EchoMode.Password

        gate.phrase.setFocus()
        qtbot.keyClicks(gate.phrase, "the wrong words here")
        qtbot.keyClick(gate.phrase, Qt.Key.Key_Return)
        assert win.current_screen() is gate and gate.phrase.text() == ""
        assert "not the passphrase" in gate.message.text()

        gate.phrase.setText(PHRASE)  # an IME commits whole syllables: set, as it would
        click(qtbot, gate.phrase_ok)
        assert win.stack.currentWidget() is win.parent_area
    finally:
        win.quit_app()
        win.translations.set_language("en")
