"""Theme: eight picture cards, plus a box a grown-up can type into (voice comes later)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ..widgets import BigButton, PictureButton, icon
from .base import Screen, header_row

__all__ = ["THEMES", "ThemeScreen"]

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
    """Signals:
    themeChosen(str text, str source): the theme in the UI language; source "card" | "typed".
    homeRequested()
    backRequested(): back to the heroes.
    """

    themeChosen = Signal(str, str)
    homeRequested = Signal()
    backRequested = Signal()

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

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 24)
        layout.addLayout(header_row(self.home_button, self.back_button, title=self.title))
        layout.addSpacing(8)
        layout.addLayout(grid, 1)
        layout.addSpacing(12)
        layout.addLayout(typed_row)
        self._update_go()
        self.retranslate()

    def reset(self) -> None:
        self.typed.clear()

    def retranslate(self) -> None:
        self.title.setText(self.tr("What is the story about?"))
        self.home_button.setText(self.tr("Home"))
        self.back_button.setText(self.tr("Back"))
        self.typed_label.setText(self.tr("Typed by a grown-up:"))
        self.typed.setPlaceholderText(self.tr("e.g. a rainy day with a duck"))
        self.go_button.setText(self.tr("Go"))
        for name, word, _sentence in THEMES:
            self.cards[name].setText(_tr(word))

    def _card_clicked(self, index: int) -> None:
        self.themeChosen.emit(_tr(THEMES[index][2]), "card")

    def _update_go(self) -> None:
        self.go_button.setEnabled(bool(self.typed.text().strip()))

    def _typed_go(self) -> None:
        text = self.typed.text().strip()
        if text:
            self.themeChosen.emit(text, "typed")
