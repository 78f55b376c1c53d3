"""The grown-ups' gate: a PIN keypad that only checks. A PIN is chosen in the first-run
grown-up setup, in the parent area (after the old PIN), or with ``aibook parent set-pin``;
never by whoever holds the corner first. A passphrase set with ``aibook parent set-pin
--passphrase`` replaces the keypad with a password field (kiosks with a keyboard)."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ...engine.settings import UNREADABLE_PIN
from ..screens.base import Screen, header_row
from ..widgets import BigButton, icon
from .backoff import Backoff
from .pin import (
    MAX_PIN_LENGTH,
    PIN_LENGTH,
    SUGGESTED_PIN_LENGTH,
    hash_pin,
    is_passphrase_hash,
    verify_passphrase,
    verify_pin,
)

__all__ = ["PinScreen"]


class PinScreen(Screen):
    """Checks a PIN against ``parent_pin_hash``; chooses one only when asked to (``begin_setup``).

    Modes: ``check``; ``set``/``confirm`` (choosing a PIN); ``nopin`` (none was ever chosen:
    the gate stays shut and says how a grown-up sets one); ``unreadable`` (the settings file
    could not be read: shut, and says how to recover). Wrong PINs back off exponentially,
    remembered across restarts (:class:`Backoff`).

    Signals:
        unlocked(): the right PIN (or a newly chosen one) was entered.
        pinSet(str pin_hash): a new PIN was chosen; the window stores it in the settings.
        homeRequested(): give up (a child who found the corner goes back home).
    """

    unlocked = Signal()
    pinSet = Signal(str)
    homeRequested = Signal()

    def __init__(self, parent: QWidget | None = None, backoff: Backoff | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pinGate")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._stored = ""
        self._entered = ""
        self._first = ""  # the new PIN's first entry, while setting one
        self._mode = "check"
        self._message = ""
        self._backoff = backoff
        self._lock = QTimer(self)
        self._lock.setSingleShot(True)
        self._lock.timeout.connect(self._unlock_keypad)

        self.home_button = BigButton(icon=icon("home"), role="home")
        self.home_button.clicked.connect(self.homeRequested)
        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.dots = QLabel()
        self.dots.setObjectName("pinDots")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel()
        self.message.setObjectName("note")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

        grid = QGridLayout()
        grid.setSpacing(12)
        self.keys: dict[str, BigButton] = {}
        for i, digit in enumerate("1234567890"):
            button = BigButton(digit, role="key")
            button.setObjectName(f"key-{digit}")
            button.setFixedSize(150, 120)
            button.clicked.connect(lambda _=False, d=digit: self.press(d))
            self.keys[digit] = button
            row, col = (i // 3, i % 3) if digit != "0" else (3, 1)
            grid.addWidget(button, row, col)
        self.back_key = BigButton(icon=icon("erase"), role="key", icon_size=64)
        self.back_key.setObjectName("key-back")
        self.back_key.setFixedSize(150, 120)
        self.back_key.clicked.connect(self.backspace)
        grid.addWidget(self.back_key, 3, 0)
        self.ok_key = BigButton("OK", role="key")
        self.ok_key.setObjectName("key-ok")
        self.ok_key.setFixedSize(150, 120)
        self.ok_key.clicked.connect(self.submit)
        grid.addWidget(self.ok_key, 3, 2)

        self.keypad = QWidget()
        self.keypad.setLayout(grid)
        # A passphrase's own field: masked, no copy (password echo), cleared by the idle reset
        self.phrase = QLineEdit()
        self.phrase.setObjectName("passphrase")
        self.phrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.phrase.setMinimumWidth(360)
        self.phrase.returnPressed.connect(self.submit)
        self.phrase_ok = BigButton("OK", role="key")
        self.phrase_ok.setObjectName("phrase-ok")
        self.phrase_ok.clicked.connect(self.submit)
        self.phrase_box = QWidget()
        phrase_row = QHBoxLayout(self.phrase_box)
        phrase_row.addWidget(self.phrase, 1)
        phrase_row.addWidget(self.phrase_ok)
        self.phrase_box.hide()
        side = QVBoxLayout()
        side.addStretch(1)
        side.addWidget(self.dots)
        side.addWidget(self.phrase_box)
        side.addWidget(self.message)
        side.addStretch(1)
        body = QHBoxLayout()
        body.setSpacing(40)
        body.addLayout(side, 1)
        body.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignVCenter)
        body.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 20)
        layout.addLayout(header_row(self.home_button, title=self.title))
        layout.addLayout(body, 1)
        self.retranslate()

    # ---- state ------------------------------------------------------------------------------
    @property
    def mode(self) -> str:
        return self._mode

    @property
    def backoff(self) -> Backoff:
        if self._backoff is None:
            self._backoff = Backoff()  # made on first use: the config folder may move in tests
        return self._backoff

    def set_backoff(self, backoff: Backoff) -> None:
        self._backoff = backoff

    @property
    def uses_passphrase(self) -> bool:
        """Checking a passphrase (a text field) rather than a PIN (the keypad)."""
        return self._mode == "check" and is_passphrase_hash(self._stored)

    def begin(self, stored_hash: str) -> None:
        """An empty keypad checking ``stored_hash``; shut when there is none or it is unreadable."""
        self._stored = stored_hash
        if stored_hash == UNREADABLE_PIN:
            self._mode = "unreadable"
        elif not stored_hash:
            self._mode = "nopin"
        else:
            self._mode = "check"
        self._entered = self._first = ""
        self._message = ""
        self.phrase.setText("")  # setText: no undo history either
        self._arm_lock()
        self.retranslate()
        if self.uses_passphrase:
            self.phrase.setFocus()

    def begin_setup(self) -> None:
        """Choose a new PIN: the first-run grown-up setup, or after the old PIN was entered."""
        self._stored = ""
        self._mode = "set"
        self._entered = self._first = ""
        self._message = ""
        self._lock.stop()
        self.retranslate()

    begin_change = begin_setup

    def locked(self) -> bool:
        return self._mode in ("nopin", "unreadable") or self._lock.isActive()

    def press(self, digit: str) -> None:
        if self.locked() or self.uses_passphrase or len(self._entered) >= MAX_PIN_LENGTH:
            return
        self._entered += digit
        self._message = ""
        self._update()

    def backspace(self) -> None:
        self._entered = self._entered[:-1]
        self._update()

    def submit(self) -> None:
        if self.uses_passphrase:
            phrase = self.phrase.text()
            self.phrase.setText("")
            if not self.locked() and phrase.strip():
                self._entered = phrase
                self._complete()
            return
        if self.locked() or len(self._entered) < PIN_LENGTH:
            return
        self._complete()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit() and text.isascii():
            self.press(text)
        elif event.key() == Qt.Key.Key_Backspace:
            self.backspace()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
        else:
            super().keyPressEvent(event)

    def _complete(self) -> None:
        pin, self._entered = self._entered, ""
        if self._mode == "check":
            verify = verify_passphrase if self.uses_passphrase else verify_pin
            if verify(pin, self._stored):
                self.backoff.succeeded()
                self.unlocked.emit()
            else:
                wait = self.backoff.failed()
                self._message = "wrong"
                if wait > 0:
                    self._message = "locked"
                    self._arm_lock()
        elif self._mode == "set":
            self._first, self._mode = pin, "confirm"
        elif self._mode == "confirm":
            if pin == self._first:
                self._stored = hash_pin(pin)
                self._mode = "check"
                self.pinSet.emit(self._stored)
                self.unlocked.emit()
            else:
                self._first, self._mode, self._message = "", "set", "mismatch"
        self.retranslate()

    def _arm_lock(self) -> None:
        """Rest the keypad for whatever wait is still owed (also one owed from before a restart)."""
        if self._mode != "check":
            self._lock.stop()
            return
        remaining = self.backoff.remaining_s()
        if remaining > 0:
            self._message = "locked"
            self._lock.start(max(1, int(remaining * 1000)))
        else:
            self._lock.stop()

    def _unlock_keypad(self) -> None:
        self._message = ""
        self.retranslate()

    def _update(self) -> None:
        shown = max(PIN_LENGTH, len(self._entered))
        self.dots.setText(" ".join("●" if i < len(self._entered) else "○" for i in range(shown)))
        closed = self.locked()
        shut = self._mode in ("nopin", "unreadable")
        phrase = self.uses_passphrase
        self.keypad.setVisible(not shut and not phrase)
        self.dots.setVisible(not shut and not phrase)  # empty dots: a guess that cannot work
        self.phrase_box.setVisible(phrase)
        self.phrase.setEnabled(phrase and not closed)
        self.phrase_ok.setEnabled(phrase and not closed)
        for button in (*self.keys.values(), self.back_key):
            button.setEnabled(not closed)
        self.ok_key.setEnabled(not closed and len(self._entered) >= PIN_LENGTH)

    def retranslate(self) -> None:
        self.home_button.setText(self.tr("Home"))
        self.ok_key.setText(self.tr("OK"))
        self.phrase_ok.setText(self.tr("OK"))
        titles = {
            "check": self.tr("Grown-ups only: type the passphrase")
            if self.uses_passphrase
            else self.tr("Grown-ups only: enter the PIN"),
            "set": self.tr("Grown-ups: choose a PIN of {n} to {m} digits").format(
                n=PIN_LENGTH, m=MAX_PIN_LENGTH
            ),
            "confirm": self.tr("Enter the same PIN again"),
            "nopin": self.tr("Grown-ups only"),
            "unreadable": self.tr("Grown-ups only"),
        }
        self.title.setText(titles[self._mode])
        minutes = max(1, math.ceil(self.backoff.remaining_s() / 60)) if self._lock.isActive() else 1
        messages = {
            "": "",
            "wrong": self.tr("That is not the passphrase. Try again.")
            if self.uses_passphrase
            else self.tr("That is not the PIN. Try again."),
            "locked": self.tr("Too many tries. The keypad opens again in {n} min.").format(
                n=minutes
            ),
            "mismatch": self.tr("The two PINs were different. Let's start again."),
        }
        text = messages[self._message]
        if self._mode == "set" and not text:
            text = self.tr("{n} digits or more are much harder to guess.").format(
                n=SUGGESTED_PIN_LENGTH
            )
        elif self._mode == "nopin":
            text = self.tr(
                "No grown-up PIN has been set on this computer. A grown-up sets one with "
                "the command: aibook parent set-pin"
            )
        elif self._mode == "unreadable":
            text = self.tr(
                "The settings file could not be read, so this gate stays locked. A grown-up "
                "can fix it with the command: aibook parent set-pin (the broken file is kept "
                "beside it)."
            )
        self.message.setText(text)
        self._update()
