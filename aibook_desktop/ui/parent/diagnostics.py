"""The diagnostics page: what this machine has (GPU, models, microphone) and what went wrong.

``gather_diagnostics`` runs on the engine thread (it may import torch to ask about the GPU);
the page only shows the plain dataclass it returns.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...engine.logs import RedactChildData
from ...engine.texts import T, localize
from ..screens.base import current_language

__all__ = [
    "NAME_ROLE",
    "Diagnostics",
    "DiagnosticsPage",
    "LastErrors",
    "gather_diagnostics",
    "install_error_log",
]

log = logging.getLogger(__name__)
NAME_ROLE = Qt.ItemDataRole.UserRole + 1  # a check row's doctor name ("microphone", "model:...")
MARKS = {"ok": ("✔", "#2e7d32"), "warn": ("⚠", "#b26a00"), "FAIL": ("✘", "#c62828")}
MODEL_FIELDS = (
    "sdxl_base", "sdxl_refiner", "sdxl_vae", "sdxl_safety_checker", "whisper_model",
    "whisper_adapter",
)  # fmt: skip


@dataclass(frozen=True)
class Diagnostics:
    hardware: str  # "NVIDIA RTX 4070, 12 GB" or "CPU only (8 cores)" (a texts.Text)
    torch_installed: bool
    cuda: bool
    story_backend: str
    picture_backend: str
    models: tuple[tuple[str, str, str], ...] = ()  # (setting, value, found|missing|hub|unset)
    microphones: tuple[str, ...] = ()
    microphone_problem: str = ""
    notices: tuple[str, ...] = ()  # why a configured backend was replaced
    problem: str = ""  # the engine itself could not be asked


def _model_status(value: str) -> str:
    """found | missing | hub | unset: the engine's hub-id-or-folder rule and its store's lookup
    (the doctor's model checks use the same two), so a hub id already cached reads "found"."""
    from ...engine.models import ModelRef, locate_model, model_ref_kind

    kind = model_ref_kind(value)
    if kind is ModelRef.UNSET:
        return "unset"
    if locate_model(value) is not None:
        return "found"
    return "hub" if kind is ModelRef.HUB else "missing"  # a hub id: fetched only when allowed


def _microphones(probes: Any) -> tuple[tuple[str, ...], str]:
    """The doctor's own probe of the sound devices (its microphone check reads the same)."""
    try:
        devices = probes.audio_devices()
        names = tuple(str(d["name"]) for d in devices if int(d.get("max_input_channels", 0)) > 0)
        return names, "" if names else T("no input device")
    except Exception as exc:  # no PortAudio, no sound card, a driver error: all just facts here
        return (), f"{type(exc).__name__}: {exc}"


def gather_diagnostics(engine: Any, settings: Any, probes: Any = None) -> Diagnostics:
    """Facts for the parent's diagnostics page (engine thread; never raises).

    The machine is asked through the doctor's probes (``engine.doctor.Probes``), so this page
    and the doctor's checks beside it never disagree about the hardware or the microphones."""
    hardware: str  # a doctor Text, or the plain reason detection failed
    if probes is None:
        from ...engine.doctor import Probes

        probes = Probes()
    try:
        info = probes.hardware()
        hardware, torch_ok, cuda = info.summary_text, info.torch_installed, info.cuda
    except Exception as exc:
        log.warning("hardware detection failed: %s", exc)
        hardware, torch_ok, cuda = f"? ({exc})", False, False
    models = tuple(
        (name, str(getattr(settings, name, "")), _model_status(str(getattr(settings, name, ""))))
        for name in MODEL_FIELDS
        if hasattr(settings, name)
    )
    mics, mic_problem = _microphones(probes)
    notices: tuple[str, ...] = ()
    if engine is not None:
        notices = tuple(f"{n.code}: {n.detail}" for n in getattr(engine, "notices", []))
    return Diagnostics(
        hardware=hardware,
        torch_installed=torch_ok,
        cuda=cuda,
        story_backend=str(settings.story_backend),
        picture_backend=str(settings.picture_backend),
        models=models,
        microphones=mics,
        microphone_problem=mic_problem,
        notices=notices,
        problem="" if engine is not None else T("the engine is not running"),
    )


class LastErrors(logging.Handler):
    """Keeps the last warnings and errors of this run for the diagnostics page."""

    def __init__(self, size: int = 30) -> None:
        super().__init__(logging.WARNING)
        self.records: deque[str] = deque(maxlen=size)
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        # the parent reads this list; a record never filtered elsewhere must not show a child's
        # words either (engine.logs redaction; issue #21)
        self.addFilter(RedactChildData())

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.records.append(self.format(record).splitlines()[0][:300])
        except Exception:  # a logging handler must never raise
            self.handleError(record)


_installed: LastErrors | None = None


def install_error_log() -> LastErrors:
    """One handler on the root logger for the whole process (idempotent)."""
    global _installed
    if _installed is None:
        _installed = LastErrors()
        logging.getLogger().addHandler(_installed)
    return _installed


class DiagnosticsPage(QWidget):
    """Read-only text a parent can read out to a helper; refreshed on request.

    Signals:
        refreshRequested()
    """

    refreshRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diagnostics")
        self.checks = QListWidget()  # engine.doctor checks: a mark, what was found, the fix
        self.checks.setObjectName("doctorChecks")
        self._checks: list[Any] = []
        self.text = QPlainTextEdit()
        self.text.setObjectName("diagnosticsText")
        self.text.setReadOnly(True)
        self.refresh_button = QPushButton()
        self.refresh_button.setProperty("role", "grown-up")
        self.refresh_button.clicked.connect(self.refreshRequested)
        self.status = QLabel()
        self.status.setObjectName("note")
        layout = QVBoxLayout(self)
        layout.addWidget(self.checks, 1)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._info: Diagnostics | None = None
        self._extra: list[str] = []
        self._errors: list[str] = []
        self.retranslate()

    def set_waiting(self) -> None:
        self.status.setText(self.tr("Looking…"))

    def show_checks(self, checks: list[Any]) -> None:
        """``engine.doctor.Check`` rows; each problem comes with its one-line fix."""
        self._checks = list(checks)
        self._render_checks()

    def problems(self) -> list[Any]:
        return [c for c in self._checks if not c.ok]

    def titles(self) -> dict[str, str]:
        """What a parent reads for each doctor check name (the names are ids)."""
        return {
            "python": self.tr("Python version"),
            "qt": self.tr("Window toolkit (Qt)"),
            "qt-libs": self.tr("System libraries for Qt"),
            "torch": self.tr("AI engine (PyTorch)"),
            "gpu": self.tr("Graphics card (GPU)"),
            "model:sdxl_base": self.tr("SDXL base model"),
            "model:sdxl_refiner": self.tr("SDXL refiner model"),
            "model:sdxl_vae": self.tr("SDXL VAE model"),
            "model:sdxl_safety_checker": self.tr("Picture safety model"),
            "model:whisper_model": self.tr("Whisper speech model"),
            "model:whisper_adapter": self.tr("Whisper children's voice adapter"),
            "image_safety": self.tr("Picture safety check"),
            "models": self.tr("Models"),
            "openai-pictures": self.tr("OpenAI pictures"),
            "microphone": self.tr("Microphone"),
            "speakers": self.tr("Speakers"),
            "voice:ko": self.tr("Korean voice"),
            "voice:en": self.tr("English voice"),
            "read-aloud": self.tr("Reading aloud"),
            "fonts": self.tr("Fonts"),
            "disk": self.tr("Disk space"),
            "keyring": self.tr("Key storage (keyring)"),
            "network": self.tr("Network"),
        }

    def _render_checks(self) -> None:
        self.checks.clear()
        lang, titles = current_language(), self.titles()
        for check in self._checks:
            mark, colour = MARKS.get(check.status, MARKS["warn"])
            title = titles.get(check.name, check.name)
            rows = [(f"{mark}  {title}: {localize(check.detail, lang)}", check.status)]
            if not check.ok and check.fix:  # its own row: a one-line fix under its problem
                fix = localize(check.fix, lang)
                rows.append(("      " + self.tr("Fix: {fix}").format(fix=fix), "fix"))
            for text, role in rows:
                item = QListWidgetItem(text)
                item.setForeground(QBrush(QColor(colour)))
                item.setData(Qt.ItemDataRole.UserRole, role)
                item.setData(NAME_ROLE, check.name)
                item.setToolTip(text.strip())
                self.checks.addItem(item)

    def show_info(self, info: Diagnostics, extra: list[str], errors: list[str]) -> None:
        """``extra``: lines the UI knows itself (speech engines); ``errors``: recent log lines."""
        self._info, self._extra, self._errors = info, extra, errors
        self.status.clear()
        self._render()

    def _render(self) -> None:
        info = self._info
        if info is None:
            self.text.setPlainText("")
            return
        lang, titles = current_language(), self.titles()
        states = {
            "found": self.tr("found"),
            "missing": self.tr("MISSING"),
            "hub": self.tr("model id (download needed)"),
            "unset": self.tr("not set"),
        }
        lines = [
            self.tr("Computer: {hw}").format(hw=localize(info.hardware, lang)),
            self.tr("PyTorch installed: {v}").format(v=self._yes(info.torch_installed)),
            self.tr("NVIDIA GPU (CUDA): {v}").format(v=self._yes(info.cuda)),
            self.tr("Story backend: {b}").format(b=info.story_backend),
            self.tr("Picture backend: {b}").format(b=info.picture_backend),
            "",
            self.tr("Models:"),
        ]
        for name, value, state in info.models:
            # the setting's id too: it is what the settings file and AIBOOK_* variables use
            label = f"{titles[f'model:{name}']} · {name}" if f"model:{name}" in titles else name
            lines.append(
                f"  {label}: {states.get(state, state)}" + (f"  ({value})" if value else "")
            )
        lines.append("")
        if info.microphones:
            lines.append(self.tr("Microphones: {m}").format(m=", ".join(info.microphones)))
        else:
            why = localize(info.microphone_problem, lang)
            lines.append(self.tr("No microphone found ({why})").format(why=why))
        lines.extend(self._extra)
        if info.problem:
            lines.append(localize(info.problem, lang))
        if info.notices:
            lines += ["", self.tr("Backends replaced:"), *(f"  {n}" for n in info.notices)]
        lines += ["", self.tr("Last errors:")]
        lines += [f"  {e}" for e in self._errors] or ["  " + self.tr("none")]
        self.text.setPlainText("\n".join(lines))

    def _yes(self, value: bool) -> str:
        return self.tr("yes") if value else self.tr("no")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.refresh_button.setText(self.tr("Check again"))
        self._render()
        self._render_checks()
