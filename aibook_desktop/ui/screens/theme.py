"""Theme: say it into the microphone, pick one of eight picture cards, or a grown-up types it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QElapsedTimer, QSize, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ..widgets import BigButton, LevelMeter, PictureButton, icon
from .base import Screen, header_row
from .overlays import ConfirmOverlay

__all__ = ["HOLD_MS", "THEMES", "ThemeScreen"]

HOLD_MS = 600  # held at least this long: releasing the microphone ends the recording

# (icon name, card word, the theme sentence the story is made from). The sentence is sent in
# the book's language, exactly as a child would have said it.
# (QT_TRANSLATE_NOOP only marks a string for lupdate; its stub returns object, hence Any.)
THEMES: tuple[tuple[str, Any, Any], ...] = (
    (
        "moon",
        QT_TRANSLATE_NOOP("ThemeScreen", "Moon trip"),
        QT_TRANSLATE_NOOP("ThemeScreen", "flying to the moon"),
    ),
    (
        "sea",
        QT_TRANSLATE_NOOP("ThemeScreen", "Under the sea"),
        QT_TRANSLATE_NOOP("ThemeScreen", "an adventure under the sea"),
    ),
    (
        "dinosaur",
        QT_TRANSLATE_NOOP("ThemeScreen", "Dinosaur friend"),
        QT_TRANSLATE_NOOP("ThemeScreen", "making friends with a dinosaur"),
    ),
    (
        "birthday",
        QT_TRANSLATE_NOOP("ThemeScreen", "Birthday"),
        QT_TRANSLATE_NOOP("ThemeScreen", "a happy birthday party"),
    ),
    (
        "snow",
        QT_TRANSLATE_NOOP("ThemeScreen", "Snow day"),
        QT_TRANSLATE_NOOP("ThemeScreen", "playing in the snow"),
    ),
    (
        "castle",
        QT_TRANSLATE_NOOP("ThemeScreen", "Castle"),
        QT_TRANSLATE_NOOP("ThemeScreen", "a visit to a magic castle"),
    ),
    (
        "picnic",
        QT_TRANSLATE_NOOP("ThemeScreen", "Forest picnic"),
        QT_TRANSLATE_NOOP("ThemeScreen", "a picnic in the forest"),
    ),
    (
        "robot",
        QT_TRANSLATE_NOOP("ThemeScreen", "Robot friend"),
        QT_TRANSLATE_NOOP("ThemeScreen", "building a robot friend"),
    ),
)


def _tr(text: object) -> str:
    return QCoreApplication.translate("ThemeScreen", str(text))


class ThemeScreen(Screen):
    """The microphone works by holding it (push to talk) or by a tap (it stops after silence).

    The screen never records itself: it asks the window, which asks the voice bridge, and is
    fed back levels and results (``on_level``, ``on_recording_done``, ``on_transcribed``).

    Signals:
        themeChosen(str text, str source): the theme; source "card" | "typed" | "voice".
        homeRequested()
        backRequested(): back to the heroes.
        listenRequested(str mode): start recording, "tap" (the recorder stops by itself).
        stopListeningRequested(): the held microphone was let go.
        sayRequested(str text): say this aloud (questions and kind messages).
    """

    themeChosen = Signal(str, str)
    homeRequested = Signal()
    backRequested = Signal()
    listenRequested = Signal(str)
    stopListeningRequested = Signal()
    sayRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("theme")
        self.home_button = BigButton(icon=icon("home"), role="home")
        self.home_button.clicked.connect(self.homeRequested)
        self.back_button = BigButton(icon=icon("back"), role="back")
        self.back_button.clicked.connect(self.backRequested)
        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)

        grid = QGridLayout()
        grid.setSpacing(14)
        self.cards: dict[str, PictureButton] = {}
        for i, (name, _word, _sentence) in enumerate(THEMES):
            card = PictureButton(icon(f"themes/{name}"), "", picture_size=112, role="theme")
            card.setObjectName(f"theme-{name}")
            card.clicked.connect(lambda _=False, n=i: self._card_clicked(n))
            self.cards[name] = card
            grid.addWidget(card, i // 4, i % 4)

        self.typed_label = QLabel()
        self.typed_label.setObjectName("grownUpLabel")
        self.typed = QLineEdit()
        self.typed.setObjectName("typedTheme")
        self.typed.setMaxLength(200)
        self.typed.setMinimumHeight(72)
        self.typed.returnPressed.connect(self._typed_go)
        self.typed.textChanged.connect(self._update_go)
        self.go_button = BigButton(icon=icon("go"), role="primary", icon_size=48)
        self.go_button.setObjectName("goButton")
        self.go_button.setMinimumWidth(180)
        self.go_button.clicked.connect(self._typed_go)
        typed_row = QHBoxLayout()
        typed_row.setSpacing(16)
        typed_row.addWidget(self.typed_label)
        typed_row.addWidget(self.typed, 1)
        typed_row.addWidget(self.go_button)

        # the microphone column
        self.mic_button = BigButton(icon=icon("mic"), role="mic", icon_size=110)
        self.mic_button.setObjectName("micButton")
        self.mic_button.setFixedSize(220, 220)
        self.mic_button.setProperty("state", "idle")
        self.mic_button.pressed.connect(self._mic_pressed)
        self.mic_button.released.connect(self._mic_released)
        self.meter = LevelMeter()
        self.meter.setFixedSize(240, 60)
        self.voice_picture = QLabel()
        self.voice_picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.voice_picture.setPixmap(icon("sorry").pixmap(QSize(72, 72)))
        self.voice_picture.hide()
        self.voice_status = QLabel()
        self.voice_status.setObjectName("voiceStatus")
        self.voice_status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.voice_status.setWordWrap(True)
        self.voice_status.setFixedWidth(260)
        self.voice_box = QWidget()
        self.voice_box.setObjectName("voiceBox")
        voice = QVBoxLayout(self.voice_box)
        voice.setContentsMargins(0, 0, 0, 0)
        voice.addStretch(1)
        voice.addWidget(self.mic_button, 0, Qt.AlignmentFlag.AlignHCenter)
        voice.addWidget(self.meter, 0, Qt.AlignmentFlag.AlignHCenter)
        voice.addWidget(self.voice_picture)
        voice.addWidget(self.voice_status)
        voice.addStretch(1)
        self.voice_box.hide()  # shown once the voice bridge says recognition works here
        self.confirm = ConfirmOverlay(self)
        self.confirm.yes.connect(lambda text: self.themeChosen.emit(text, "voice"))
        self.confirm.again.connect(self._try_again)
        self._voice_state = "idle"  # idle | listening | thinking | problem
        self._problem = ""
        self._held = QElapsedTimer()
        self.hold_ms = HOLD_MS

        middle = QHBoxLayout()
        middle.setSpacing(20)
        middle.addLayout(grid, 1)
        middle.addWidget(self.voice_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 24)
        layout.addLayout(header_row(self.home_button, self.back_button, title=self.title))
        layout.addSpacing(8)
        layout.addLayout(middle, 1)
        layout.addSpacing(12)
        layout.addLayout(typed_row)
        self._update_go()
        self.retranslate()

    def reset(self) -> None:
        """A fresh screen for a new child: no typed text, no recording, no question open."""
        self.typed.clear()
        self.confirm.close_overlay()
        self._set_voice("idle")

    # ---- voice ------------------------------------------------------------------------------
    def set_voice_available(self, available: bool) -> None:
        self.voice_box.setVisible(available)

    @property
    def voice_state(self) -> str:
        return self._voice_state

    def _set_voice(self, state: str, problem: str = "") -> None:
        self._voice_state, self._problem = state, problem
        self.mic_button.setProperty("state", state)
        self.mic_button.style().unpolish(self.mic_button)
        self.mic_button.style().polish(self.mic_button)
        self.mic_button.setEnabled(state != "thinking")
        self.voice_picture.setVisible(state == "problem")
        if state != "listening":
            self.meter.reset()
        self._voice_text()

    def _mic_pressed(self) -> None:
        if self._voice_state in ("listening", "thinking"):
            return
        self._held.start()
        self._set_voice("listening")
        self.listenRequested.emit("tap")

    def _mic_released(self) -> None:
        held = self._held.isValid() and self._held.elapsed() >= self.hold_ms
        if self._voice_state == "listening" and held:
            self.stopListeningRequested.emit()

    def _try_again(self) -> None:
        self._set_voice("listening")
        self.listenRequested.emit("tap")

    def on_level(self, rms: float) -> None:
        if self._voice_state == "listening":
            self.meter.set_level(rms)

    def on_recording_done(self, status: str, _seconds: float, message: str) -> None:
        if self._voice_state != "listening" or status == "cancelled":
            return
        if message:
            self._set_voice("problem", message)
            self.sayRequested.emit(message)
        else:
            self._set_voice("thinking")

    def on_transcribed(self, text: str, _confidence: float, rejected: str) -> None:
        if self._voice_state != "thinking":
            return
        if text.strip():
            self._set_voice("idle")
            self.confirm.ask(text.strip())
            self.sayRequested.emit(self.confirm.spoken_line())
        else:
            message = self.tr("I couldn't quite hear that. Let's try again!")
            if rejected == "unsafe":  # never repeated back: ask again, kindly
                message = self.tr(
                    "Let's find kind words for our story. Say it again, or pick a picture!"
                )
            self._set_voice("problem", message)
            self.sayRequested.emit(message)

    def on_voice_unavailable(self) -> None:
        """The microphone could not even start."""
        message = self.tr("The microphone is sleeping. Pick a picture instead!")
        self._set_voice("problem", message)
        self.sayRequested.emit(message)

    def spoken_prompt(self) -> str:
        return self.tr("What should the story be about? Hold the microphone and tell me!")

    def _voice_text(self) -> None:
        texts = {
            "idle": self.tr("Hold and talk"),
            "listening": self.tr("I'm listening…"),
            "thinking": self.tr("Thinking…"),
            "problem": self._problem,
        }
        self.voice_status.setText(texts[self._voice_state])

    def retranslate(self) -> None:
        self.title.setText(self.tr("What is the story about?"))
        self.home_button.setText(self.tr("Home"))
        self.back_button.setText(self.tr("Back"))
        self.typed_label.setText(self.tr("Typed by a grown-up:"))
        self.typed.setPlaceholderText(self.tr("e.g. a rainy day with a duck"))
        self.go_button.setText(self.tr("Go"))
        for name, word, _sentence in THEMES:
            self.cards[name].setText(_tr(word))
        self.mic_button.setToolTip(self.tr("Hold and talk"))
        self._voice_text()

    def _card_clicked(self, index: int) -> None:
        self.themeChosen.emit(_tr(THEMES[index][2]), "card")

    def _update_go(self) -> None:
        self.go_button.setEnabled(bool(self.typed.text().strip()))

    def _typed_go(self) -> None:
        text = self.typed.text().strip()
        if text:
            self.themeChosen.emit(text, "typed")
