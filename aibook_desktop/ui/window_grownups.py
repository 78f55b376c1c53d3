"""The main window's grown-up side: kiosk lock, idle reset, the parent gate and area, printing."""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

from ..engine.settings import Settings, save_settings
from .grownups_models import ModelSetup
from .kiosk import CornerHold, IdleWatcher, KioskGuard
from .parent.diagnostics import Diagnostics, install_error_log
from .printing import PrintJob, pdf_printer

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow, QWidget

    from .bridge import EngineBridge
    from .parent import PinScreen
    from .parent.settings_page import ParentScreen
    from .screens import HomeScreen, MakingScreen, ReaderScreen, ThemeScreen
    from .screens.overlays import NameOverlay, StillThereOverlay
    from .session import Session
    from .speech import Speaker

    _Window = QMainWindow  # what the mixin is mixed into, for the type checker only
else:
    _Window = object

__all__ = ["GrownUps"]

log = logging.getLogger(__name__)
# Changing these needs new backends; the rest is read when the next book is made.
ENGINE_FIELDS = (
    "story_backend", "picture_backend", "openai_model", "openai_base_url", "sdxl_base",
    "sdxl_refiner", "whisper_model", "whisper_adapter", "speech_backend",
    "narration_backend", "openai_speech_model", "openai_speech_voice",
)  # fmt: skip


class GrownUps(ModelSetup, _Window):
    """Mixed into :class:`MainWindow` (kept apart so each file stays readable).

    Texts use ``QCoreApplication.translate("GrownUps", ...)``: lupdate cannot tell which class
    a ``self.tr`` here belongs to.
    """

    if TYPE_CHECKING:  # provided by MainWindow
        settings: Settings
        bridge: EngineBridge
        speaker: Speaker
        session: Session
        home: HomeScreen
        theme: ThemeScreen
        making: MakingScreen
        reader: ReaderScreen
        pin: PinScreen
        parent_area: ParentScreen
        still_there: StillThereOverlay
        name_overlay: NameOverlay
        voice_languages: list[str] | None

        def current_screen(self) -> QWidget: ...
        def show_screen(self, screen: QWidget) -> None: ...
        def go_home(self) -> None: ...
        def say(self, text: str) -> None: ...
        def set_language(self, lang: str, persist: bool = True) -> None: ...
        def apply_share_setting(self) -> None: ...

    def _setup_grownups(self, idle_timeout_ms: int | None, hold_ms: int) -> None:
        self._allow_close = False
        self._changing_pin = False
        self._idle_override = idle_timeout_ms is not None
        self._print_job: PrintJob | None = None
        self.error_log = install_error_log()
        self.kiosk_guard = KioskGuard(self)
        timeout = (
            idle_timeout_ms if idle_timeout_ms is not None else self.settings.idle_timeout_s * 1000
        )
        self.idle = IdleWatcher(timeout, self)
        self.idle.idle.connect(self._on_idle)
        self.corner_hold = CornerHold(self, hold_ms=hold_ms)
        self.corner_hold.held.connect(self.open_gate)
        self.still_there.stillHere.connect(self.idle.start)
        self.still_there.timedOut.connect(self.reset_session)
        self.pin.unlocked.connect(self._gate_opened)
        self.pin.pinSet.connect(self._pin_set)
        self.pin.homeRequested.connect(self.go_home)
        area = self.parent_area
        area.homeRequested.connect(self.go_home)
        area.settingsSaved.connect(self.apply_settings)
        area.changePinRequested.connect(self._change_pin)
        area.quitRequested.connect(self.quit_app)
        area.diagnosticsRequested.connect(self.refresh_diagnostics)
        self.bridge.diagnosed.connect(self._diagnosed)
        self._setup_models()
        self.idle.start()

    def _detach_grownups(self) -> None:
        self.kiosk_guard.set_active(False)
        self.idle.detach()
        self.corner_hold.detach()

    # ---- kiosk ------------------------------------------------------------------------------
    def set_kiosk(self, on: bool) -> None:
        """Full screen without a frame, escape keys swallowed; or a normal window."""
        self.kiosk_guard.set_active(on)
        visible = self.isVisible()
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, on)
        if on:
            self.setWindowState(Qt.WindowState.WindowFullScreen)  # also for a later show()
            if visible:
                self.showFullScreen()
        elif self.isFullScreen() or visible:
            self.setWindowState(Qt.WindowState.WindowNoState)
            if visible:
                self.showNormal()

    def quit_app(self) -> None:
        """The only way out of kiosk mode: from the parent area, after the PIN."""
        self._allow_close = True
        self.close()

    # ---- idle -------------------------------------------------------------------------------
    def _on_idle(self) -> None:
        screen = self.current_screen()
        if screen is self.home and not self.name_overlay.isVisible():
            self.idle.start()  # nothing to forget on the home screen
            return
        if (screen is self.making and self.bridge.busy) or self.reader.is_reading():
            self.idle.start()  # the child is watching the book being made, or listening
            return
        self.reader.stop_reading()
        self.still_there.open()
        self.say(self.still_there.spoken_line())

    def reset_session(self) -> None:
        """Nobody answered: forget this child's name, hero, theme, recording and book."""
        log.info("idle: back to the start, forgetting the session")
        self.speaker.stop()
        self.bridge.voice.cancel_recording()
        self.still_there.close_overlay()
        self.name_overlay.close_overlay()
        self.session.forget()
        self.theme.reset()
        self.reader.clear()
        self._changing_pin = False
        self.go_home()
        self.idle.start()

    # ---- the gate and the parent area -------------------------------------------------------
    def open_gate(self) -> None:
        if self.current_screen() in (self.pin, self.parent_area):
            return
        self.reader.stop_reading()
        self.name_overlay.close_overlay()
        self._changing_pin = False
        self.pin.begin(self.settings.parent_pin_hash)
        self.show_screen(self.pin)

    def _gate_opened(self) -> None:
        if not self._changing_pin:
            self.parent_area.load(self.settings)
        self._changing_pin = False
        self.show_screen(self.parent_area)

    def _pin_set(self, pin_hash: str) -> None:
        self.settings.parent_pin_hash = pin_hash
        self._save(self.settings)

    def _change_pin(self) -> None:
        self._changing_pin = True
        self.pin.begin_change()
        self.show_screen(self.pin)

    def apply_settings(self, new: Settings) -> bool:
        """Store the parent's settings and use them now (same object the engine reads)."""
        old = dataclasses.replace(self.settings)
        new.parent_pin_hash = self.settings.parent_pin_hash
        if not self._save(new):
            return False
        for f in dataclasses.fields(Settings):
            setattr(self.settings, f.name, getattr(new, f.name))
        if any(getattr(old, name, None) != getattr(new, name, None) for name in ENGINE_FIELDS):
            self.bridge.reconfigure(self.settings)
        if new.language != old.language:
            self.set_language(new.language, persist=False)
        if new.kiosk != old.kiosk:
            self.set_kiosk(new.kiosk)
        self.apply_share_setting()  # the take-home QR setting (#14)
        if not self._idle_override:
            self.idle.set_timeout_ms(new.idle_timeout_s * 1000)
        self.home.set_setup_notice(not self.settings.model_preset)
        return True

    def _save(self, settings: Settings) -> bool:
        try:
            save_settings(settings)
        except (OSError, ValueError) as exc:
            log.exception("the settings could not be saved")
            self.parent_area.show_save_failed(str(exc))
            return False
        return True

    def refresh_diagnostics(self) -> None:
        self.parent_area.diagnostics.set_waiting()
        self.bridge.diagnose()
        self.bridge.models.run_doctor(dataclasses.replace(self.settings))

    def _diagnosed(self, info: Diagnostics) -> None:
        speech = QCoreApplication.translate(
            "GrownUps", "Speech engines: {e} (in use: {used}); voices: {v}"
        ).format(
            e=", ".join(self.speaker.available_engines()) or "-",
            used=self.speaker.engine_name,
            v=self.speaker.voices_summary() or "-",
        )
        voice = QCoreApplication.translate(
            "GrownUps", "Voice recognition languages: {langs}"
        ).format(langs=", ".join(self.voice_languages or []) or "-")
        self.parent_area.diagnostics.show_info(info, [speech, voice], list(self.error_log.records))

    # ---- printing ---------------------------------------------------------------------------
    def print_book(self) -> None:
        """Ask the system print dialog; offscreen (no one to ask) print to a PDF beside the book."""
        book = self.reader.book
        if book is None or self._print_job is not None:
            return
        book_dir = self.reader.book_dir
        if QGuiApplication.platformName() == "offscreen":
            printer = pdf_printer(book_dir / "printed.pdf")
        else:
            from PySide6.QtPrintSupport import QPrintDialog, QPrinter

            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            dialog = QPrintDialog(printer, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
        where = printer.outputFileName() or printer.printerName()
        self.reader.print_button.setEnabled(False)
        self.reader.note.setText(QCoreApplication.translate("GrownUps", "Printing…"))
        job = PrintJob(book, book_dir, printer, self.font().family(), self)
        self._print_where = where
        # bound methods: the job signals from a pool thread, these run on the main thread
        job.done.connect(self._printed)
        job.failed.connect(self._print_failed)
        self._print_job = job
        job.start()

    def _printed(self, _sheets: int) -> None:
        self._print_job = None
        self.reader.show_printed(self._print_where)

    def _print_failed(self, reason: str) -> None:
        self._print_job = None
        log.warning("printing failed: %s", reason)
        self.reader.show_export_failed()
