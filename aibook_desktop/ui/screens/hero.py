"""Hero: nine big picture buttons; the child taps who the story is about."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from ...engine.book import Hero, HeroKind
from ..widgets import BigButton, PictureButton, hero_pixmap, icon
from .base import Screen, current_language, header_row

__all__ = ["HeroScreen"]

PICTURE = 150


class HeroScreen(Screen):
    """Hero names come from the engine (``Hero.default``) so the book and the button agree.

    Signals:
        heroChosen(str kind): a HeroKind value.
        homeRequested()
    """

    heroChosen = Signal(str)
    homeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hero")
        self.home_button = BigButton(icon=icon("home"), role="home")
        self.home_button.clicked.connect(self.homeRequested)
        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)

        grid = QGridLayout()
        grid.setSpacing(14)
        self.buttons: dict[str, PictureButton] = {}
        self._lang = ""
        for i, kind in enumerate(HeroKind):
            button = PictureButton(QIcon(), "", picture_size=PICTURE, role="hero")
            button.setObjectName(f"hero-{kind.value}")
            button.clicked.connect(lambda _=False, k=kind.value: self.heroChosen.emit(k))
            self.buttons[kind.value] = button
            grid.addWidget(button, i // 5, i % 5)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 28)
        layout.addLayout(header_row(self.home_button, title=self.title))
        layout.addSpacing(8)
        layout.addLayout(grid, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Who is in your story?"))
        self.home_button.setText(self.tr("Home"))
        lang = current_language()
        if lang == self._lang:
            return
        self._lang = lang
        for kind, button in self.buttons.items():
            name = Hero.default(kind, lang).name
            button.setText(name)
            button.setIcon(QIcon(hero_pixmap(kind, name, PICTURE)))
