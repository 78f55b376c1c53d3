"""Home: one huge "Make my book" button, the bookshelf, and a small language switch for adults."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..i18n import LANGUAGES
from ..widgets import BigButton, icon
from .base import Screen

__all__ = ["HomeScreen"]


class HomeScreen(Screen):
    """The start of everything; the idle state a kiosk returns to.

    Signals:
        makeRequested(): the child wants a new book.
        shelfRequested(): the child wants to see saved books.
        languageRequested(str lang): a grown-up switched the language ("ko" | "en").
    """

    makeRequested = Signal()
    shelfRequested = Signal()
    languageRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("home")
        self.language_buttons: dict[str, QPushButton] = {}
        # For grown-ups, small and out of the way: a child never has to do anything about it.
        self.setup_notice = QLabel()
        self.setup_notice.setObjectName("grownUpLabel")
        self.setup_notice.setWordWrap(True)
        self.setup_notice.setMaximumWidth(520)
        self.setup_notice.hide()
        corner = QHBoxLayout()
        corner.addWidget(self.setup_notice, 0, Qt.AlignmentFlag.AlignTop)
        corner.addStretch(1)
        for code, name in LANGUAGES.items():
            button = QPushButton(name)  # a language's own name: never translated
            button.setProperty("role", "language")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, c=code: self.languageRequested.emit(c))
            self.language_buttons[code] = button
            corner.addWidget(button)

        self.title = QLabel()
        self.title.setObjectName("appTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("subtitle")
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.make_button = BigButton(icon=icon("make"), role="hero-action", icon_size=120)
        self.make_button.setObjectName("makeButton")
        self.make_button.setMinimumSize(620, 230)
        self.make_button.clicked.connect(self.makeRequested)
        self.shelf_button = BigButton(icon=icon("shelf"), role="secondary", icon_size=72)
        self.shelf_button.setObjectName("shelfButton")
        self.shelf_button.setMinimumSize(400, 140)
        self.shelf_button.clicked.connect(self.shelfRequested)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 40)
        layout.addLayout(corner)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(28)
        layout.addWidget(self.make_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(28)
        layout.addWidget(self.shelf_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.retranslate()

    def set_language(self, lang: str) -> None:
        """Show which language is on (the switch itself does not change it)."""
        for code, button in self.language_buttons.items():
            button.setChecked(code == lang)

    def set_setup_notice(self, on: bool) -> None:
        """The first-run hint: no model preset has been chosen yet."""
        self.setup_notice.setVisible(on)

    def retranslate(self) -> None:
        self.title.setText(self.tr("My Picture Book"))
        self.subtitle.setText(self.tr("Pick a hero, pick a story, and watch it come alive!"))
        self.make_button.setText(self.tr("Make my book"))
        self.shelf_button.setText(self.tr("My bookshelf"))
        # no word of where the corner is: the children read this screen too
        self.setup_notice.setText(
            self.tr("Grown-ups: set up pictures and voice models in the grown-ups' area.")
        )
