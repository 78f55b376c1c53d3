"""The parent area's model setup: choose a preset, download it (asked first) or import folders."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...engine.models import PRESETS, ModelRole, Preset, free_bytes, human_bytes, models_dir
from ...engine.texts import localize
from ..screens.base import current_language

__all__ = ["ModelsPage"]

log = logging.getLogger(__name__)


def _button(name: str) -> QPushButton:
    button = QPushButton()
    button.setObjectName(name)
    button.setProperty("role", "grown-up")
    return button


class ModelsPage(QWidget):
    """Presets with what they need, and the one that fits this computer marked.

    Nothing is downloaded before the grown-up agrees to the size shown. ``confirm`` (title,
    text) -> bool and ``choose_folder`` () -> str are the page's two questions to a person;
    tests replace them.

    Signals:
        useRequested(str preset_id): switch to this preset with the folders already set.
        downloadRequested(str preset_id): the grown-up agreed to the download.
        cancelRequested()
        importRequested(str role, str folder)
    """

    useRequested = Signal(str)
    downloadRequested = Signal(str)
    cancelRequested = Signal()
    importRequested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelsPage")
        self.confirm: Callable[[str, str], bool] = self._ask
        self.choose_folder: Callable[[], str] = self._choose
        self.free_bytes: Callable[[], int] = lambda: free_bytes(models_dir())
        self._recommended = ""
        self._hardware: object = ""  # a doctor Text (localized when shown) or plain English
        self._current = ""
        self._downloading = ""
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        self.titles: dict[str, QLabel] = {}
        self.needs: dict[str, QLabel] = {}
        self.marks: dict[str, QLabel] = {}
        self.use_buttons: dict[str, QPushButton] = {}
        self.download_buttons: dict[str, QPushButton] = {}
        for row, preset in enumerate(PRESETS):
            self.titles[preset.id] = QLabel()
            self.needs[preset.id] = QLabel()
            self.needs[preset.id].setObjectName("grownUpLabel")
            self.marks[preset.id] = QLabel()
            self.marks[preset.id].setObjectName("note")
            self.marks[preset.id].setWordWrap(True)
            use = _button(f"use-{preset.id}")
            use.clicked.connect(lambda _=False, p=preset.id: self.useRequested.emit(p))
            self.use_buttons[preset.id] = use
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(self.titles[preset.id])
            cell.addWidget(self.needs[preset.id])
            grid.addLayout(cell, row, 0)
            grid.addWidget(self.marks[preset.id], row, 1)
            grid.addWidget(use, row, 2)
            if preset.downloadable:
                download = _button(f"download-{preset.id}")
                download.clicked.connect(lambda _=False, p=preset: self.ask_download(p))
                self.download_buttons[preset.id] = download
                grid.addWidget(download, row, 3)
        grid.setColumnStretch(0, 1)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.cancel_button = _button("cancelDownload")
        self.cancel_button.clicked.connect(self.cancelRequested)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        self.status = QLabel()
        self.status.setObjectName("modelsStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.role = QComboBox()
        for role in ModelRole:
            self.role.addItem(role.value, role.value)
        self.import_button = _button("importFolder")
        self.import_button.clicked.connect(self.ask_import)
        self.import_label = QLabel()
        import_row = QHBoxLayout()
        import_row.addWidget(self.import_label)
        import_row.addWidget(self.role)
        import_row.addWidget(self.import_button)
        import_row.addStretch(1)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(grid)
        layout.addLayout(progress_row)
        layout.addWidget(line)
        layout.addLayout(import_row)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self._show_progress(False)
        self.retranslate()

    # ---- state from the window --------------------------------------------------------------
    def set_current(self, preset_id: str) -> None:
        self._current = preset_id
        self.retranslate()

    def set_recommended(self, preset_id: str, hardware: object) -> None:
        """``hardware``: the summary, in English or as a doctor Text the page localizes."""
        self._recommended, self._hardware = preset_id, hardware
        self.retranslate()

    def on_progress(self, stage: str, file: str, fraction: float) -> None:
        self.progress.setValue(round(fraction * 1000))
        what = self.tr("Checking") if stage == "verify" else self.tr("Downloading")
        self.status.setText(f"{what}: {file}" if file else what)

    def show_downloaded(self, preset_id: str) -> None:
        self._finish(self.tr("Done: the models are in place and the settings are saved."))

    def show_download_failed(self, message: str) -> None:
        self._finish(self.tr("The download did not finish: {why}").format(why=message))

    def show_cancelled(self) -> None:
        self._finish(
            self.tr("Stopped. The files already here are kept; downloading again continues.")
        )

    def show_imported(self, role: str, folder: str) -> None:
        self.status.setText(
            self.tr("Imported {role} into {folder}.").format(role=role, folder=folder)
        )

    def show_import_failed(self, role: str, report: str) -> None:
        self.status.setText(self.tr("That folder cannot be used: {report}").format(report=report))

    def show_message(self, text: str) -> None:
        self.status.setText(text)

    @property
    def downloading(self) -> str:
        return self._downloading

    # ---- questions to the grown-up ----------------------------------------------------------
    def ask_download(self, preset: Preset) -> None:
        try:
            free = human_bytes(self.free_bytes())
        except OSError as exc:
            free = f"? ({exc})"
        question = self.tr(
            "Download the models for \u201c{title}\u201d?\n\nAbout {size} will be downloaded "
            "into {folder}.\nFree disk space there: {free}."
        ).format(
            title=preset.title,
            size=human_bytes(sum(m.approx_bytes for m in preset.downloadable)),
            folder=str(models_dir()),
            free=free,
        )
        if not self.confirm(self.tr("Download models"), question):
            self.status.setText(self.tr("Nothing was downloaded."))
            return
        self._downloading = preset.id
        self.progress.setValue(0)
        self._show_progress(True)
        self.status.setText(self.tr("Starting the download…"))
        self.downloadRequested.emit(preset.id)

    def ask_import(self) -> None:
        folder = self.choose_folder()
        if folder:
            self.status.setText(self.tr("Checking the folder…"))
            self.importRequested.emit(str(self.role.currentData()), folder)

    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def _choose(self) -> str:
        return QFileDialog.getExistingDirectory(self, self.tr("Choose a model folder"))

    def _finish(self, message: str) -> None:
        self._downloading = ""
        self._show_progress(False)
        self.status.setText(message)

    def _show_progress(self, on: bool) -> None:
        self.progress.setVisible(on)
        self.cancel_button.setVisible(on)
        for button in (*self.use_buttons.values(), *self.download_buttons.values()):
            button.setEnabled(not on)
        self.import_button.setEnabled(not on)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        intro = self.tr("Pictures and voice can use bigger models on a computer with a good "
                        "graphics card. Choose what fits this computer.")  # fmt: skip
        if self._hardware:
            text = self._hardware
            hw = localize(text, current_language()) if isinstance(text, str) else str(text)
            intro += "\n" + self.tr("This computer: {hw}").format(hw=hw)
        self.intro.setText(intro)
        titles = {
            "gpu12": self.tr("Graphics card 12 GB+: best pictures, best listening"),
            "fast": self.tr("Graphics card 12 GB+: fast pictures (8 steps, no refiner)"),
            "instant": self.tr(
                "Graphics card 12 GB+: instant pictures (4 steps, safety check required)"
            ),
            "gpu8": self.tr("Graphics card 8 GB: good pictures"),
            "cpu": self.tr("CPU only: built-in storyteller and painter"),
            "cpu-voice": self.tr("CPU only, with Korean voice: multilingual listening"),
        }
        for preset in PRESETS:
            self.titles[preset.id].setText(titles.get(preset.id, preset.title))
            self.needs[preset.id].setText(
                self.tr("Disk: {disk} · Graphics memory: {vram}").format(
                    disk=human_bytes(preset.approx_bytes) if preset.models else self.tr("none"),
                    vram=(f"{preset.min_vram_gb:.0f} GB" if preset.min_vram_gb
                          else self.tr("not needed")),
                )
            )  # fmt: skip
            marks = []
            if preset.id == self._current:
                marks.append(self.tr("✔ in use"))
            if preset.id == self._recommended:
                marks.append(self.tr("★ recommended for this computer"))
            self.marks[preset.id].setText("\n".join(marks))
            self.use_buttons[preset.id].setText(self.tr("Use"))
            if preset.id in self.download_buttons:
                self.download_buttons[preset.id].setText(self.tr("Download…"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.import_label.setText(self.tr("Already have a model folder (USB stick)?"))
        self.import_button.setText(self.tr("Import folder…"))
        roles = {
            ModelRole.SDXL_BASE: self.tr("SDXL base (pictures)"),
            ModelRole.SDXL_REFINER: self.tr("SDXL refiner (finer pictures)"),
            ModelRole.SDXL_VAE: self.tr("SDXL picture decoder (fp16-safe VAE)"),
            ModelRole.SDXL_LORA: self.tr("Fast-pictures LoRA (few steps)"),
            ModelRole.IMAGE_SAFETY: self.tr("Picture safety check"),
            ModelRole.WHISPER: self.tr("Whisper (listening)"),
            ModelRole.WHISPER_ADAPTER: self.tr("Whisper children's adapter"),
        }
        for i in range(self.role.count()):
            role = ModelRole(self.role.itemData(i))
            self.role.setItemText(i, roles.get(role, role.value))
