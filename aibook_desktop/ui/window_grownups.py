"""The main window's grown-up side: kiosk lock, idle reset, the parent gate and area, printing."""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

from ..engine.settings import Settings, SettingsError, changed_fields, update_settings_file
from .booth import (
    ContextMenuBlocker,
    FrontKeeper,
    UsabilityWatch,
    clear_clipboard,
    close_other_windows,
)
from .grownups_models import ModelSetup
from .kiosk import CornerHold, IdleWatcher, KioskGuard
from .parent.diagnostics import Diagnostics, install_error_log
from .printing import PrintJob, kiosk_printer, pdf_printer
from .shelf_privacy import ShelfFilter

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
# Read afresh for each book (Engine.request_for) or by the window alone: no new backends needed.
LIVE_FIELDS = frozenset({
    "schema_version", "language", "pages", "age", "bilingual", "picture_size", "seed", "kiosk",
    "idle_timeout_s", "safety_level", "parent_pin_hash", "printer_name", "shelf_mode",
    "share_qr", "share_minutes",
})  # fmt: skip
# Every other field may shape a backend, so changing it rebuilds the engine; a field added later
# is safe by default (a hand-kept list of engine fields once missed openai_image_model).
ENGINE_FIELDS = frozenset(f.name for f in dataclasses.fields(Settings)) - LIVE_FIELDS


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
        self.front_keeper = FrontKeeper(self, self.kiosk_guard.take_screen_back)
        self.context_menus = ContextMenuBlocker(self)
        # a grown-up in the parent area may keep a folder dialog open as long as they like
        self.usability = UsabilityWatch(
            self,
            lambda: self.kiosk_guard.active and self.current_screen() is not self.parent_area,
            self.front_keeper.in_front,
        )
        self._first_run = False
        self.shelf_filter = ShelfFilter(self.settings, lambda: self.kiosk_guard.active)
        self.bridge.storyStarted.connect(self._note_session_book)
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
        self.pin.homeRequested.connect(self._gate_left)
        self.speaker.unavailable.connect(self._speech_gone)
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
        self.front_keeper.set_active(False)
        self.context_menus.set_active(False)
        self.idle.detach()
        self.corner_hold.detach()

    # ---- kiosk ------------------------------------------------------------------------------
    def set_kiosk(self, on: bool) -> None:
        """Full screen without a frame, escape keys swallowed; or a normal window."""
        self.kiosk_guard.set_active(on)
        self.front_keeper.set_active(on)
        self.context_menus.set_active(on)
        self._update_print_button()
        self._apply_shelf_mode()
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

    def _speech_gone(self, _why: str) -> None:
        """The speech engine was given up (it hung): the reading is over. A reader that stayed
        "reading" for ever held the idle reset off, and the last child's book stayed up."""
        if self.reader.is_reading():
            self.reader.stop_reading()

    def reset_session(self) -> None:
        """Nobody answered: forget this child's name, hero, theme, recording and book."""
        log.info("idle: back to the start, forgetting the session")
        # the screen first: a speech engine that hangs must not keep the last book on show
        close_other_windows(self)
        self.bridge.voice.cancel_recording()
        self.still_there.close_overlay()
        self.name_overlay.close_overlay()
        self.session.forget()
        self.theme.reset()
        self.reader.clear()
        self._forget_typing()
        clear_clipboard()
        self._changing_pin = False
        self._forget_session_books()
        self.go_home()
        self.idle.start()
        self.speaker.stop()  # off the main thread, given up after a timeout (speech.py)

    def _forget_typing(self) -> None:
        """setText (not clear) also empties the undo history: Ctrl+Z must not bring a name back."""
        from PySide6.QtWidgets import QLineEdit

        for edit in (self.theme.typed, self.name_overlay.field):
            edit.setText("")
        for edit in self.findChildren(QLineEdit):
            if edit.window() is self and not self.parent_area.isAncestorOf(edit):
                edit.setText("")

    def _forget_session_books(self) -> None:
        self.shelf_filter.forget_session()

    # ---- the shelf: shared, this visit only, or off (shelf_privacy.py) -----------------------
    def _note_session_book(self, book_id: str, *_: object) -> None:
        self.shelf_filter.note_book(book_id)

    def _books_listed(self, books: list[object]) -> None:
        self.shelf.set_books(self.shelf_filter.visible(books))

    def _apply_shelf_mode(self) -> None:
        self.home.shelf_button.setVisible(self.shelf_filter.mode != "off")

    # ---- the gate and the parent area -------------------------------------------------------
    def open_gate(self) -> None:
        if self.current_screen() in (self.pin, self.parent_area):
            return
        self.reader.stop_reading()
        self.name_overlay.close_overlay()
        self._changing_pin = False
        self._first_run = False
        self.pin.begin(self.settings.parent_pin_hash)
        self.show_screen(self.pin)

    def begin_first_run(self) -> None:
        """The first-run grown-up setup: the only time a PIN is chosen without the old one.

        app.main calls it when no settings file exists yet (a fresh install, before any child
        has touched the screen). Home ("later") skips it; then only ``aibook parent set-pin``
        sets a PIN.
        """
        self._first_run = True
        self._changing_pin = False
        self.pin.begin_setup()
        self.show_screen(self.pin)

    def _gate_left(self) -> None:
        if self._first_run:
            self._first_run = False
            self._write_settings({})  # the file now exists: the setup is not offered again
        self.go_home()

    def _gate_opened(self) -> None:
        self._first_run = False
        if not self._changing_pin:
            self.parent_area.load(self.settings)
        self._changing_pin = False
        self.show_screen(self.parent_area)

    def _pin_set(self, pin_hash: str) -> None:
        self.settings.parent_pin_hash = pin_hash
        self._write_settings({"parent_pin_hash": pin_hash})

    def _change_pin(self) -> None:
        self._changing_pin = True
        self.pin.begin_change()
        self.show_screen(self.pin)

    def apply_settings(self, new: Settings) -> bool:
        """Store the parent's settings and use them now; the engine gets its own copy."""
        old = dataclasses.replace(self.settings)
        new.parent_pin_hash = self.settings.parent_pin_hash
        try:
            new.validate()
        except ValueError as exc:
            self.parent_area.show_save_failed(str(exc))
            return False
        # only what the parent changed: environment overrides shown in the form stay temporary
        if not self._write_settings(changed_fields(old, new)):
            return False
        for f in dataclasses.fields(Settings):
            setattr(self.settings, f.name, getattr(new, f.name))
        if any(getattr(old, name) != getattr(new, name) for name in ENGINE_FIELDS):
            self.bridge.reconfigure(self.settings)
        else:
            self.bridge.update_settings(self.settings)
        if new.language != old.language:
            self.set_language(new.language, persist=False)
        if new.kiosk != old.kiosk:
            self.set_kiosk(new.kiosk)
        self.apply_share_setting()  # the take-home QR setting (#14)
        if not self._idle_override:
            self.idle.set_timeout_ms(new.idle_timeout_s * 1000)
        self._update_print_button()
        self._apply_shelf_mode()
        self.home.set_setup_notice(not self.settings.model_preset)
        return True

    def _write_settings(self, changes: dict[str, object]) -> bool:
        try:
            update_settings_file(changes)
        except (OSError, SettingsError, ValueError) as exc:
            log.exception("the settings could not be saved")
            self.parent_area.show_save_failed(str(exc))
            return False
        return True

    def ui_usable(self) -> bool:
        """For the supervisor's heartbeat: False once the kiosk has been unusable a while."""
        usable = self.usability.usable()
        if not usable:
            log.error("kiosk unusable: %s", self.usability.reason)
        return usable

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
    def _update_print_button(self) -> None:
        """In kiosk mode Print exists only when a grown-up chose a printer (no dialog, ever)."""
        self.reader.can_print = not self.kiosk_guard.active or bool(self.settings.printer_name)
        self.reader.refresh_tools()

    def print_book(self) -> None:
        """Kiosk: straight to the parent's printer. Else the system dialog; offscreen (no one
        to ask) a PDF beside the book."""
        book = self.reader.book
        if book is None or self._print_job is not None:
            return
        book_dir = self.reader.book_dir
        if self.kiosk_guard.active:
            kiosk = kiosk_printer(self.settings.printer_name)
            if kiosk is None:
                log.warning("the chosen printer %r is not there", self.settings.printer_name)
                self.reader.show_print_failed()
                return
            printer = kiosk
        elif QGuiApplication.platformName() == "offscreen":
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
        self.reader.show_print_failed()
