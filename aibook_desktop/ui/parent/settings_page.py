"""The parent area: story and picture backends, the API key, book shape, kiosk options."""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...engine import apikey
from ...engine.settings import Settings, SettingsError
from ..i18n import LANGUAGES
from ..screens.base import Screen, header_row
from ..widgets import BigButton, icon
from .books_page import BooksPage
from .diagnostics import DiagnosticsPage
from .kiosk_options import KioskOptions
from .models_page import ModelsPage

__all__ = ["AGE_BANDS", "ParentScreen", "age_band_index"]

log = logging.getLogger(__name__)

# (label, the age the storyteller writes for): page length follows the age
AGE_BANDS: tuple[tuple[str, int], ...] = (("3–4", 4), ("5–6", 6), ("7–8", 7), ("9–10", 9))
FOLDERS = ("sdxl_base", "sdxl_refiner", "sdxl_safety_checker", "whisper_model", "whisper_adapter")


def age_band_index(age: int) -> int:
    """Which band an age falls in (3-4, 5-6, 7-8, 9-10)."""
    return min(max(age - 3, 0) // 2, len(AGE_BANDS) - 1)


def _combo(items: list[tuple[str, Any]]) -> QComboBox:
    box = QComboBox()
    for label, value in items:
        box.addItem(label, value)
    box.setMinimumHeight(56)
    return box


def _grown_up_button() -> QPushButton:
    button = QPushButton()
    button.setProperty("role", "grown-up")
    return button


def _select(box: QComboBox, value: object) -> None:
    index = box.findData(value)
    box.setCurrentIndex(max(0, index))


class ParentScreen(Screen):
    """Edits a copy of the settings; Save hands the new settings to the window.

    Signals:
        settingsSaved(object settings): a validated :class:`Settings`; the window stores and
            applies it.
        homeRequested(): done; the area locks again.
        changePinRequested()
        quitRequested(): leave the app (only possible from here in kiosk mode).
        diagnosticsRequested()
        modelsShown(): the Models tab opened (the window asks which preset fits).
        booksShown(): the Books tab opened (the window lists the shelf).
    """

    settingsSaved = Signal(object)
    homeRequested = Signal()
    changePinRequested = Signal()
    quitRequested = Signal()
    diagnosticsRequested = Signal()
    modelsShown = Signal()
    booksShown = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("parent")
        self._settings = Settings()
        self.home_button = BigButton(icon=icon("home"), role="home")
        self.home_button.setObjectName("parentDone")
        self.home_button.clicked.connect(self.homeRequested)
        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.save_button = BigButton(icon=icon("yes"), role="primary", icon_size=48)
        self.save_button.setObjectName("parentSave")
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setObjectName("note")
        self.status.setWordWrap(True)

        # -- story & pictures
        self.story_backend = _combo([("offline", "offline"), ("OpenAI", "openai")])
        self.openai_model = QLineEdit()
        self.openai_base_url = QLineEdit()
        self.api_key = QLineEdit()
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_state = QLabel()
        self.save_key_button = _grown_up_button()
        self.save_key_button.clicked.connect(self._save_key)
        self.forget_key_button = _grown_up_button()
        self.forget_key_button.clicked.connect(self._forget_key)
        key_row = QHBoxLayout()
        key_row.addWidget(self.api_key, 1)
        key_row.addWidget(self.save_key_button)
        key_row.addWidget(self.forget_key_button)
        self.picture_backend = _combo(
            [("sketch", "sketch"), ("SDXL (GPU)", "sdxl"), ("OpenAI", "openai"),
             ("server", "remote")]
        )  # fmt: skip
        # `aibook serve` on a GPU box: its address and this kiosk's token (issue #18)
        self.server_url = QLineEdit()
        self.server_token = QLineEdit()
        self.server_token.setEchoMode(QLineEdit.EchoMode.Password)
        self.server_speech = QCheckBox()
        self.openai_image_model = QLineEdit()  # used when the pictures come from OpenAI
        self.folders: dict[str, QLineEdit] = {}
        self.choose_buttons: dict[str, QPushButton] = {}
        story_form = QFormLayout()
        self._story_labels = [QLabel() for _ in range(10 + len(FOLDERS))]
        rows: list[QWidget | QHBoxLayout] = [
            self.story_backend, self.openai_model, self.openai_base_url, key_row,
            self.key_state, self.picture_backend, self.openai_image_model, self.server_url,
            self.server_token, self.server_speech,
        ]  # fmt: skip
        rows += [self._folder_row(name) for name in FOLDERS]
        for label, row in zip(self._story_labels, rows, strict=True):
            story_form.addRow(label, row)

        # -- book
        self.pages = QSpinBox()
        self.pages.setRange(4, 12)
        self.age_band = _combo([(label, age) for label, age in AGE_BANDS])
        self.bilingual = QCheckBox()
        self.safety = _combo([("strict", "strict"), ("normal", "normal")])
        self.language = _combo([(name, code) for code, name in LANGUAGES.items()])
        book_form = QFormLayout()
        self._book_labels = [QLabel() for _ in range(5)]
        for label, widget in zip(
            self._book_labels,
            (self.pages, self.age_band, self.bilingual, self.safety, self.language),
            strict=True,
        ):
            book_form.addRow(label, widget)

        # -- kiosk
        self.kiosk = QCheckBox()
        self.idle_timeout = QSpinBox()
        self.idle_timeout.setRange(10, 3600)
        self.idle_timeout.setSingleStep(30)
        self.keep_recordings = QCheckBox()
        self.share_qr = QCheckBox()  # #14: off for kiosks on networks nobody vouches for
        self.share_qr.setObjectName("shareQrSetting")
        self.change_pin_button = _grown_up_button()
        self.change_pin_button.clicked.connect(self.changePinRequested)
        self.quit_button = _grown_up_button()
        self.quit_button.setObjectName("quitApp")
        self.quit_button.clicked.connect(self.quitRequested)
        kiosk_form = QFormLayout()
        self._kiosk_labels = [QLabel() for _ in range(4)]
        for label, widget in zip(
            self._kiosk_labels,
            (self.kiosk, self.idle_timeout, self.keep_recordings, self.share_qr),
            strict=True,
        ):
            kiosk_form.addRow(label, widget)
        self.kiosk_options = KioskOptions(self)  # printer and shelf (issue #21)
        self.kiosk_options.add_rows(kiosk_form)
        kiosk_form.addRow(self.change_pin_button)
        kiosk_form.addRow(self.quit_button)

        self.diagnostics = DiagnosticsPage()
        self.diagnostics.refreshRequested.connect(self.diagnosticsRequested)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("parentTabs")
        for form in (story_form, book_form, kiosk_form):
            page = QWidget()
            page.setObjectName("parentPage")
            page.setLayout(form)
            form.setSpacing(14)
            scroll = QScrollArea()  # the forms are taller than a small screen
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(page)
            self.tabs.addTab(scroll, "")
        self.tabs.addTab(self.diagnostics, "")
        self.models = ModelsPage()
        models_scroll = QScrollArea()
        models_scroll.setWidgetResizable(True)
        models_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        models_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        models_scroll.setWidget(self.models)
        self.tabs.addTab(models_scroll, "")
        self.books = BooksPage()
        self.tabs.addTab(self.books, "")
        self.tabs.currentChanged.connect(self._tab_changed)

        header = header_row(self.home_button, title=self.title)
        header.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 16)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        self.retranslate()

    def _folder_row(self, name: str) -> QHBoxLayout:
        edit = QLineEdit()
        edit.setObjectName(f"folder-{name}")
        choose = _grown_up_button()
        choose.clicked.connect(lambda _=False, e=edit: self._choose_folder(e))
        self.folders[name] = edit
        self.choose_buttons[name] = choose
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(choose)
        return row

    # ---- settings in and out ----------------------------------------------------------------
    def load(self, settings: Settings) -> None:
        """Fill the form from the settings in force (the form edits a copy)."""
        self._settings = dataclasses.replace(settings)
        s = self._settings
        _select(self.story_backend, s.story_backend)
        self.openai_model.setText(s.openai_model)
        self.openai_base_url.setText(s.openai_base_url)
        self.api_key.clear()
        _select(self.picture_backend, s.picture_backend)
        self.openai_image_model.setText(s.openai_image_model)
        self.server_url.setText(s.server_url)
        self.server_token.setText(s.server_token)
        self.server_speech.setChecked(s.speech_backend == "remote")
        for name, edit in self.folders.items():
            edit.setText(str(getattr(s, name, "")))
        self.pages.setValue(s.pages)
        self.age_band.setCurrentIndex(age_band_index(s.age))
        self.bilingual.setChecked(s.bilingual)
        _select(self.safety, s.safety_level)
        _select(self.language, s.language)
        self.kiosk.setChecked(s.kiosk)
        self.idle_timeout.setValue(s.idle_timeout_s)
        self.keep_recordings.setChecked(s.keep_recordings)
        self.kiosk_options.load(s)
        self.share_qr.setChecked(s.share_qr)
        self.status.clear()
        self._key_state = apikey.has_key()
        self.tabs.setCurrentIndex(0)
        self.models.set_current(s.model_preset)
        self.retranslate()

    def _speech_backend(self) -> str:
        """The server's recogniser when ticked; unticking it goes back to the automatic choice."""
        if self.server_speech.isChecked():
            return "remote"
        current = self._settings.speech_backend
        return "auto" if current == "remote" else current

    def values(self) -> Settings:
        """The settings as the form shows them (validated; raises SettingsError)."""
        changes = {
            "story_backend": self.story_backend.currentData(),
            "openai_model": self.openai_model.text().strip()
            or Settings.openai_model,  # empty: the default model (an empty name breaks OpenAI)
            "openai_base_url": self.openai_base_url.text().strip(),
            "picture_backend": self.picture_backend.currentData(),
            "openai_image_model": self.openai_image_model.text().strip()
            or Settings.openai_image_model,  # empty: the default model
            "server_url": self.server_url.text().strip(),
            "server_token": self.server_token.text().strip(),
            "speech_backend": self._speech_backend(),
            "pages": self.pages.value(),
            "age": int(self.age_band.currentData()),
            "bilingual": self.bilingual.isChecked(),
            "safety_level": self.safety.currentData(),
            "language": self.language.currentData(),
            "kiosk": self.kiosk.isChecked(),
            "idle_timeout_s": self.idle_timeout.value(),
            "keep_recordings": self.keep_recordings.isChecked(),
            **self.kiosk_options.values(),
            "share_qr": self.share_qr.isChecked(),
        }
        for name, edit in self.folders.items():
            changes[name] = edit.text().strip()
        return dataclasses.replace(self._settings, **changes).validate()

    def save(self) -> None:
        try:
            settings = self.values()
        except SettingsError as exc:
            self.status.setText(self.tr("Not saved: {why}").format(why=exc))
            return
        if self.api_key.text().strip() and not self._save_key():
            return
        self._settings = settings
        self.status.setText(self.tr("Saved."))
        self.settingsSaved.emit(dataclasses.replace(settings))

    def show_save_failed(self, reason: str) -> None:
        self.status.setText(self.tr("Not saved: {why}").format(why=reason))

    # ---- the API key ------------------------------------------------------------------------
    def _save_key(self) -> bool:
        key = self.api_key.text().strip()
        if not key:
            return True
        try:
            apikey.save_key(key)
        except apikey.KeyringUnavailable as exc:
            self.status.setText(
                self.tr("The key could not be kept in this computer's keyring ({why}). "
                        "Set OPENAI_API_KEY instead.").format(why=exc)
            )  # fmt: skip
            return False
        self.api_key.clear()
        self._key_state = True
        self.status.setText(self.tr("The key is saved in the keyring."))
        self.retranslate()
        return True

    def _forget_key(self) -> None:
        try:
            apikey.forget_key()
        except apikey.KeyringUnavailable as exc:
            self.status.setText(
                self.tr("The keyring could not be changed ({why}).").format(why=exc)
            )
            return
        self._key_state = False
        self.retranslate()

    def _choose_folder(self, edit: QLineEdit) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose a model folder"), edit.text()
        )
        if folder:
            edit.setText(folder)

    def _tab_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        if page is self.diagnostics:
            self.diagnosticsRequested.emit()
        elif page is self.books:
            self.booksShown.emit()
        elif isinstance(page, QScrollArea) and page.widget() is self.models:
            self.modelsShown.emit()

    def show_models(self) -> None:
        self.tabs.setCurrentIndex(4)

    def adopt(self, settings: Settings) -> None:
        """Settings changed from inside the area (models set up): refresh the form, stay here."""
        index = self.tabs.currentIndex()
        status = self.status.text()
        self.load(settings)
        self.tabs.setCurrentIndex(index)
        self.status.setText(status)

    def retranslate(self) -> None:
        self.title.setText(self.tr("For grown-ups"))
        self.home_button.setText(self.tr("Done"))
        self.save_button.setText(self.tr("Save"))
        for i, text in enumerate(
            (self.tr("Story and pictures"), self.tr("Book"), self.tr("Kiosk"),
             self.tr("Diagnostics"), self.tr("Models"), self.tr("Books"))
        ):  # fmt: skip
            self.tabs.setTabText(i, text)
        story = (
            self.tr("Story backend"), self.tr("Story model"), self.tr("Server address"),
            self.tr("API key"), "", self.tr("Picture backend"), self.tr("OpenAI picture model"),
            self.tr("Picture server address"), self.tr("This kiosk's server token"),
            self.tr("Voice from the server"),
            self.tr("SDXL base folder"),
            self.tr("SDXL refiner folder"), self.tr("Picture safety check folder"),
            self.tr("Whisper model folder"),
            self.tr("Whisper adapter folder"),
        )  # fmt: skip
        for label, text in zip(self._story_labels, story, strict=True):
            label.setText(text)
        self.openai_base_url.setPlaceholderText(self.tr("empty = api.openai.com"))
        self.api_key.setPlaceholderText(self.tr("paste a new key here"))
        state = getattr(self, "_key_state", None)
        self.key_state.setText(
            self.tr("A key is saved in the keyring.") if state
            else self.tr("No key saved.") if state is False
            else self.tr("The keyring cannot be reached on this computer.")
        )  # fmt: skip
        self.save_key_button.setText(self.tr("Save key"))
        self.forget_key_button.setText(self.tr("Forget key"))
        for button in self.choose_buttons.values():
            button.setText(self.tr("Choose…"))
        book = (
            self.tr("Pages"), self.tr("Age"), self.tr("Both languages on each page"),
            self.tr("Safety filter"), self.tr("Language"),
        )  # fmt: skip
        for label, text in zip(self._book_labels, book, strict=True):
            label.setText(text)
        self.safety.setItemText(0, self.tr("strict"))
        self.safety.setItemText(1, self.tr("normal"))
        self.story_backend.setItemText(0, self.tr("built-in storyteller (offline)"))
        self.picture_backend.setItemText(0, self.tr("built-in painter (sketch)"))
        self.picture_backend.setItemText(3, self.tr("picture server (aibook serve)"))
        self.server_url.setPlaceholderText(self.tr("host:port (empty = no server)"))
        self.server_speech.setText(self.tr("recognise the child's voice on the server too"))
        for i, (band, _age) in enumerate(AGE_BANDS):
            self.age_band.setItemText(i, self.tr("{band} years").format(band=band))
        kiosk = (
            self.tr("Full screen kiosk"), self.tr("Idle timeout (seconds)"),
            self.tr("Keep voice recordings"),
            self.tr("QR code to take books home (local network)"),
        )  # fmt: skip
        for label, text in zip(self._kiosk_labels, kiosk, strict=True):
            label.setText(text)
        self.change_pin_button.setText(self.tr("Change the PIN"))
        self.quit_button.setText(self.tr("Quit the app"))
