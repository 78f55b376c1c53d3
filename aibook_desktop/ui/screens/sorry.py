"""Sorry: a kind picture and the engine's child message when a book could not be made."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..widgets import BigButton, icon
from .base import Screen

__all__ = ["SorryScreen"]


class SorryScreen(Screen):
    """The message is already in the book's language (engine ``Failed.child_message``).

    Signals:
        homeRequested()
    """

    homeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sorry")
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setPixmap(icon("sorry").pixmap(QSize(260, 260)))
        self.message = QLabel()
        self.message.setObjectName("sorryMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.home_button = BigButton(icon=icon("home"), role="primary", icon_size=72)
        self.home_button.setObjectName("sorryHome")
        self.home_button.setMinimumSize(360, 150)
        self.home_button.clicked.connect(self.homeRequested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 50)
        layout.addStretch(1)
        layout.addWidget(self.picture)
        layout.addSpacing(20)
        layout.addWidget(self.message)
        layout.addSpacing(30)
        layout.addWidget(self.home_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.retranslate()

    def show_message(self, message: str) -> None:
        self.message.setText(message)

    def retranslate(self) -> None:
        self.home_button.setText(self.tr("Home"))
