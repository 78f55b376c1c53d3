"""Big, friendly buttons: every target a small child taps is at least 120 px in both directions."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QPushButton, QSizePolicy, QToolButton, QWidget

__all__ = ["MIN_TARGET", "BigButton", "PictureButton"]

MIN_TARGET = 120


class BigButton(QPushButton):
    """A rounded push button; ``role`` picks its colour in the style sheet (primary, home, ...)."""

    def __init__(
        self,
        text: str = "",
        icon: QIcon | None = None,
        role: str = "primary",
        parent: QWidget | None = None,
        icon_size: int = 64,
    ) -> None:
        super().__init__(text, parent)
        self.setProperty("role", role)
        self.setMinimumSize(MIN_TARGET, MIN_TARGET)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # arrow keys belong to the screen
        if icon is not None and not icon.isNull():
            self.setIcon(icon)
            self.setIconSize(QSize(icon_size, icon_size))


class PictureButton(QToolButton):
    """A card: a big picture with one word under it (heroes, themes, book covers)."""

    def __init__(
        self,
        picture: QIcon | QPixmap,
        text: str = "",
        picture_size: int = 140,
        role: str = "card",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setProperty("role", role)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.setIcon(picture if isinstance(picture, QIcon) else QIcon(picture))
        self.setIconSize(QSize(picture_size, picture_size))
        self.setText(text)
        self.setMinimumSize(max(MIN_TARGET, picture_size + 24), max(MIN_TARGET, picture_size + 60))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
