"""The grown-ups' gate: a 4-digit PIN keypad; the first visit sets the PIN (asked twice)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..screens.base import Screen, header_row
from ..widgets import BigButton, icon
from .pin import PIN_LENGTH, hash_pin, verify_pin

__all__ = ["PinScreen"]

MAX_TRIES = 5


class PinScreen(Screen):
    """Checks a PIN against ``parent_pin_hash``, or sets one when none exists yet.

    After ``MAX_TRIES`` wrong PINs the keypad rests for ``lockout_ms``: four digits are quick
    to guess by hand otherwise.

    Signals:
        unlocked(): the right PIN (or a new one) was entered.
        pinSet(str pin_hash): a new PIN was chosen; the window stores it in the settings.
        homeRequested(): give up (a child who found the corner goes back home).
    """

    unlocked = Signal()
    pinSet = Signal(str)
    homeRequested = Signal()

    def __init__(self, parent: QWidget | None = None, lockout_ms: int = 60_000) -> None:
        super().__init__(parent)
        self.setObjectName("pinGate")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._stored = ""
        self._entered = ""
        self._first = ""  # the new PIN's first entry, while setting one
        self._mode = "check"  # check | set | confirm
        self._message = ""
        self.tries = 0
        self._lock = QTimer(self)
        self._lock.setSingleShot(True)
        self._lock.setInterval(lockout_ms)
        self._lock.timeout.connect(self._unlock_keypad)

        self.home_button = BigButton(icon=icon("home"), role="home")
        self.home_button.clicked.connect(self.homeRequested)
        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots = QLabel()
        self.dots.setObjectName("pinDots")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel()
        self.message.setObjectName("note")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)

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
        grid.addWidget(self.back_key, 3, 2)

        keypad = QWidget()
        keypad.setLayout(grid)
        side = QVBoxLayout()
        side.addStretch(1)
        side.addWidget(self.dots)
        side.addWidget(self.message)
        side.addStretch(1)
        body = QHBoxLayout()
        body.setSpacing(40)
        body.addLayout(side, 1)
        body.addWidget(keypad, 0, Qt.AlignmentFlag.AlignVCenter)
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

    def set_lockout_ms(self, ms: int) -> None:
        self._lock.setInterval(max(1, ms))

    def begin(self, stored_hash: str) -> None:
        """Show an empty keypad: checking ``stored_hash``, or setting a PIN if it is empty."""
        self._stored = stored_hash
        self._mode = "check" if stored_hash else "set"
        self._entered = self._first = ""
        self._message = ""
        self.retranslate()

    def begin_change(self) -> None:
        """Choose a new PIN (from inside the parent area: the old one was just entered)."""
        self.begin("")

    def locked(self) -> bool:
        return self._lock.isActive()

    def press(self, digit: str) -> None:
        if self.locked() or len(self._entered) >= PIN_LENGTH:
            return
        self._entered += digit
        self._message = ""
        self._update()
        if len(self._entered) == PIN_LENGTH:
            QTimer.singleShot(0, self._complete)  # let the 4th dot show before the check

    def backspace(self) -> None:
        self._entered = self._entered[:-1]
        self._update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit() and text.isascii():
            self.press(text)
        elif event.key() == Qt.Key.Key_Backspace:
            self.backspace()
        else:
            super().keyPressEvent(event)

    def _complete(self) -> None:
        pin, self._entered = self._entered, ""
        if len(pin) != PIN_LENGTH:
            return
        if self._mode == "check":
            if verify_pin(pin, self._stored):
                self.tries = 0
                self.unlocked.emit()
            else:
                self.tries += 1
                self._message = "wrong"
                if self.tries >= MAX_TRIES:
                    self._message = "locked"
                    self._lock.start()
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

    def _unlock_keypad(self) -> None:
        self.tries = 0
        self._message = ""
        self.retranslate()

    def _update(self) -> None:
        self.dots.setText(" ".join("●" if i < len(self._entered) else "○" for i in range(4)))
        for button in (*self.keys.values(), self.back_key):
            button.setEnabled(not self.locked())

    def retranslate(self) -> None:
        self.home_button.setText(self.tr("Home"))
        titles = {
            "check": self.tr("Grown-ups only: enter the PIN"),
            "set": self.tr("Choose a 4-digit PIN for grown-ups"),
            "confirm": self.tr("Enter the same PIN again"),
        }
        self.title.setText(titles[self._mode])
        messages = {
            "": "",
            "wrong": self.tr("That is not the PIN. Try again."),
            "locked": self.tr("Too many tries. Please wait a minute."),
            "mismatch": self.tr("The two PINs were different. Let's start again."),
        }
        self.message.setText(messages[self._message])
        self._update()
