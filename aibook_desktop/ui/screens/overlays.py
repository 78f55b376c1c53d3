"""Cards that float over the current screen: "Are you still there?" and the child's name."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ..widgets import BigButton, icon
from .base import Screen

__all__ = ["ConfirmOverlay", "NameOverlay", "Overlay", "StillThereOverlay", "without_end_mark"]

# Sentence ends a recogniser (or a child typing) may leave; the question adds its own "?".
END_MARKS = " \t\r\n.,!?;:…~。．，、！？；：～"


def without_end_mark(text: str) -> str:
    """The heard text minus its closing punctuation, so the question never says "cookies??"."""
    return text.rstrip(END_MARKS) or text.strip()


class Overlay(Screen):
    """Covers its parent with a soft veil and a centred card; follows the parent's size."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.card = QFrame(self)
        self.card.setObjectName("overlayCard")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        parent.installEventFilter(self)
        self.hide()

    def open(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()

    def close_overlay(self) -> None:
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if parent is not None and watched is parent and event.type() == QEvent.Type.Resize:
            self.setGeometry(parent.rect())
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(78, 52, 46, 150))
        painter.end()


class StillThereOverlay(Overlay):
    """Asks with a picture and a spoken line; a tap anywhere says "yes, I'm here".

    Signals:
        stillHere(): someone touched the screen.
        timedOut(): nobody answered within the grace time.
    """

    stillHere = Signal()
    timedOut = Signal()

    def __init__(self, parent: QWidget, grace_ms: int = 20_000) -> None:
        super().__init__(parent)
        self.setObjectName("stillThere")
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setPixmap(icon("sleepy").pixmap(QSize(200, 200)))
        self.question = QLabel()
        self.question.setObjectName("question")
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.here_button = BigButton(icon=icon("yes"), role="primary", icon_size=64)
        self.here_button.setObjectName("hereButton")
        self.here_button.setMinimumSize(360, 140)
        self.here_button.clicked.connect(self._here)
        layout = QVBoxLayout(self.card)
        layout.setContentsMargins(50, 36, 50, 36)
        layout.setSpacing(18)
        layout.addWidget(self.picture)
        layout.addWidget(self.question)
        layout.addWidget(self.here_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self._grace = QTimer(self)
        self._grace.setSingleShot(True)
        self._grace.setInterval(grace_ms)
        self._grace.timeout.connect(self._timed_out)
        self.retranslate()

    def open(self) -> None:
        super().open()
        self._grace.start()

    def close_overlay(self) -> None:
        self._grace.stop()
        super().close_overlay()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._here()

    def _here(self) -> None:
        if self.isVisible():
            self.close_overlay()
            self.stillHere.emit()

    def _timed_out(self) -> None:
        self.close_overlay()
        self.timedOut.emit()

    def spoken_line(self) -> str:
        return self.tr("Are you still there? Touch the screen!")

    def retranslate(self) -> None:
        self.question.setText(self.tr("Are you still there?"))
        self.here_button.setText(self.tr("I'm here!"))


class NameOverlay(Overlay):
    """For the "me" hero: a grown-up types the child's name into one big field.

    Signals:
        nameChosen(str name)
        cancelled()
    """

    nameChosen = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("nameOverlay")
        self.title = QLabel()
        self.title.setObjectName("question")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel()
        self.hint.setObjectName("grownUpLabel")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field = QLineEdit()
        self.field.setObjectName("nameField")
        self.field.setMaxLength(24)
        self.field.setMinimumSize(560, 110)
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.textChanged.connect(self._update_ok)
        self.field.returnPressed.connect(self._ok)
        self.ok_button = BigButton(icon=icon("go"), role="primary", icon_size=56)
        self.ok_button.setObjectName("nameOk")
        self.ok_button.setMinimumWidth(220)
        self.ok_button.clicked.connect(self._ok)
        self.cancel_button = BigButton(icon=icon("back"), role="back", icon_size=56)
        self.cancel_button.setObjectName("nameCancel")
        self.cancel_button.setMinimumWidth(220)
        self.cancel_button.clicked.connect(self._cancel)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self.card)
        layout.setContentsMargins(50, 36, 50, 36)
        layout.setSpacing(18)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.field)
        layout.addLayout(buttons)
        self._update_ok()
        self.retranslate()

    def open(self) -> None:
        self.field.clear()
        super().open()
        self.field.setFocus()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.field.text().strip()))

    def _ok(self) -> None:
        name = " ".join(self.field.text().split())
        if name:
            self.close_overlay()
            self.nameChosen.emit(name)

    def _cancel(self) -> None:
        self.close_overlay()
        self.cancelled.emit()

    def retranslate(self) -> None:
        self.title.setText(self.tr("What is your name?"))
        self.hint.setText(self.tr("A grown-up can type the name here."))
        self.field.setPlaceholderText(self.tr("Name"))
        self.ok_button.setText(self.tr("OK"))
        self.cancel_button.setText(self.tr("Cancel"))


class ConfirmOverlay(Overlay):
    """ "Did you say ...?" with a big yes and a big try-again (the question is spoken too).

    Signals:
        yes(str text)
        again()
    """

    yes = Signal(str)
    again = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("confirmOverlay")
        self.text = ""
        self.question = QLabel()
        self.question.setObjectName("question")
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heard = QLabel()
        self.heard.setObjectName("heardText")
        self.heard.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heard.setWordWrap(True)
        self.heard.setTextFormat(Qt.TextFormat.PlainText)
        self.yes_button = BigButton(icon=icon("yes"), role="primary", icon_size=72)
        self.yes_button.setObjectName("confirmYes")
        self.yes_button.setMinimumSize(300, 150)
        self.yes_button.clicked.connect(self._yes)
        self.again_button = BigButton(icon=icon("mic"), role="secondary", icon_size=72)
        self.again_button.setObjectName("confirmAgain")
        self.again_button.setMinimumSize(300, 150)
        self.again_button.clicked.connect(self._again)
        buttons = QHBoxLayout()
        buttons.setSpacing(30)
        buttons.addWidget(self.again_button)
        buttons.addWidget(self.yes_button)
        layout = QVBoxLayout(self.card)
        layout.setContentsMargins(50, 36, 50, 36)
        layout.setSpacing(18)
        layout.addWidget(self.question)
        layout.addWidget(self.heard)
        layout.addLayout(buttons)
        self.retranslate()

    def ask(self, text: str) -> None:
        self.text = text
        self.heard.setText(f"“{text}”")
        self.open()

    def spoken_line(self) -> str:
        return self.tr("Did you say: {text}?").format(text=without_end_mark(self.text))

    def _yes(self) -> None:
        self.close_overlay()
        self.yes.emit(self.text)

    def _again(self) -> None:
        self.close_overlay()
        self.again.emit()

    def retranslate(self) -> None:
        self.question.setText(self.tr("Did you say…"))
        self.yes_button.setText(self.tr("Yes!"))
        self.again_button.setText(self.tr("Try again"))
