"""The grown-ups' side of the bridge: doctor checks, model downloads and imports, book deletion.

Everything here runs on the engine thread (a child of ``EngineBridge``): downloads and folder
imports take minutes and hash gigabytes, the doctor may import torch, and deleting a book
touches the library index, which only that thread may touch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from ..engine.cancel import Cancelled, CancelToken
from .main_thread import MainThreadSide

__all__ = ["ModelsBridge"]

log = logging.getLogger(__name__)


class ModelsBridge(QObject):
    """Requests come from the main thread and are served in order on the engine thread.

    Injection points (tests, and a deployer's own hub): ``doctor_probes`` (an
    ``engine.doctor.Probes``), ``download_fn`` (same signature as ``download_preset``) and
    ``download_kwargs`` (extra keyword arguments for it, e.g. ``endpoint`` or ``disk_usage``).

    Signals:
        checked(list checks): ``engine.doctor.Check`` rows.
        recommended(str preset_id, str hardware): the preset this machine's GPU can hold.
        downloadProgress(str stage, str file, float fraction)
        downloaded(str preset_id, list installed): ``InstalledModel`` rows; settings not yet
            changed (the window applies them).
        downloadFailed(str preset_id, str message): a message a grown-up can act on.
        downloadCancelled(str preset_id)
        imported(str role, object installed): an ``InstalledModel``.
        importFailed(str role, str report): what is missing or damaged, in one line.
        bookDeleted(str book_id)
        deleteFailed(str book_id, str reason)
    """

    checked = Signal(list)
    recommended = Signal(str, object)  # preset id, the hardware summary (a doctor Text)
    downloadProgress = Signal(str, str, float)
    downloaded = Signal(str, list)
    downloadFailed = Signal(str, str)
    downloadCancelled = Signal(str)
    imported = Signal(str, object)
    importFailed = Signal(str, str)
    bookDeleted = Signal(str)
    deleteFailed = Signal(str, str)
    bundleExported = Signal(str, str)  # book id, the folder made (#14: copy to a USB stick)
    bundleFailed = Signal(str, str)

    _doctorRequested = Signal(object)
    _recommendRequested = Signal()
    _downloadRequested = Signal(str, object)
    _importRequested = Signal(str, str)
    _deleteRequested = Signal(str)
    _bundleRequested = Signal(str, str)

    def __init__(self, owner: Any) -> None:
        super().__init__(owner)
        self._owner = owner  # the EngineBridge: starts the thread, holds the engine
        self.doctor_probes: Any = None
        self.hardware_fn: Callable[[], Any] | None = None
        self.download_fn: Callable[..., Any] | None = None
        self.download_kwargs: dict[str, Any] = {}
        self._token: CancelToken | None = None  # read and written on the main thread only
        self._main_side = MainThreadSide()
        self._doctorRequested.connect(self._doctor)
        self._recommendRequested.connect(self._recommend)
        self._downloadRequested.connect(self._download)
        self._importRequested.connect(self._import)
        self._deleteRequested.connect(self._delete)
        self._bundleRequested.connect(self._bundle)

    # ---- main thread ------------------------------------------------------------------------
    @property
    def downloading(self) -> bool:
        return self._token is not None

    def run_doctor(self, settings: Any) -> None:
        self._owner.start()
        self._doctorRequested.emit(settings)

    def recommend(self) -> None:
        self._owner.start()
        self._recommendRequested.emit()

    def download(self, preset_id: str) -> bool:
        """Only after the grown-up confirmed; False while another download runs."""
        if self._token is not None:
            return False
        self._owner.start()
        self._token = CancelToken()
        self._downloadRequested.emit(preset_id, self._token)
        return True

    def cancel_download(self) -> None:
        """Set directly: the engine thread is busy downloading, a queued request would wait."""
        token = self._token
        if token is not None:
            token.cancel()

    def import_folder(self, role: str, folder: str) -> None:
        self._owner.start()
        self._importRequested.emit(role, folder)

    def delete_book(self, book_id: str) -> None:
        self._owner.start()
        self._deleteRequested.emit(book_id)

    def export_bundle(self, book_id: str, folder: str) -> None:
        """PDF, colouring book and pictures into ``folder`` (made on the engine thread)."""
        self._owner.start()
        self._bundleRequested.emit(book_id, folder)

    # ---- engine thread ----------------------------------------------------------------------
    @Slot(object)
    def _doctor(self, settings: Any) -> None:
        from ..engine.doctor import Check, run_checks

        try:
            checks = run_checks(settings, probes=self.doctor_probes)
        except Exception as exc:  # the doctor must never take the parent area down
            log.exception("the doctor checks failed")
            checks = [Check("doctor", False, f"{type(exc).__name__}: {exc}", "see the log")]
        self.checked.emit(checks)

    @Slot()
    def _recommend(self) -> None:
        from ..engine.hardware import detect
        from ..engine.models import recommend_preset

        try:
            hw = (self.hardware_fn or detect)()
        except Exception as exc:  # no answer: the CPU preset is always safe
            log.warning("hardware detection failed: %s", exc)
            self.recommended.emit("cpu", "?")
            return
        self.recommended.emit(recommend_preset(hw).id, hw.summary_text)

    @Slot(str, object)
    def _download(self, preset_id: str, token: CancelToken) -> None:
        from ..engine.models import DownloadProgress, download_preset, get_preset

        def progress(p: DownloadProgress) -> None:
            self.downloadProgress.emit(p.stage, p.file, float(p.fraction))

        outcome: tuple[Any, ...]
        try:
            fn = self.download_fn or download_preset
            _plan, installed = fn(
                get_preset(preset_id), confirm=True, progress=progress, cancel=token,
                **self.download_kwargs,
            )  # fmt: skip
            outcome = (self.downloaded, preset_id, list(installed))
        except Cancelled:
            outcome = (self.downloadCancelled, preset_id)
        except Exception as exc:  # NotEnoughDiskSpace, DownloadError, IntegrityError, OSError
            log.warning("downloading the %s models failed: %s", preset_id, exc)
            outcome = (self.downloadFailed, preset_id, str(exc))
        # Freed on the main thread, before the page hears the outcome (posted first): a new
        # download may then start at once, and never before this one's end was delivered.
        self._main_side.post(self._download_ended)
        signal, *args = outcome
        signal.emit(*args)

    def _download_ended(self) -> None:
        self._token = None

    @Slot(str, str)
    def _import(self, role: str, folder: str) -> None:
        from ..engine.models import FolderProblem, import_folder

        try:
            installed = import_folder(role, folder, copy=True)
        except FolderProblem as exc:
            self.importFailed.emit(role, exc.report.describe())
        except Exception as exc:  # no space, unreadable stick: a plain reason
            log.warning("importing %s from %s failed: %s", role, folder, exc)
            self.importFailed.emit(role, str(exc))
        else:
            self.imported.emit(role, installed)

    @Slot(str, str)
    def _bundle(self, book_id: str, folder: str) -> None:
        self._owner._build()
        engine = self._owner._engine
        try:
            if engine is None:
                raise RuntimeError("the engine is not available")
            from ..engine.export import export_bundle

            book = engine.library.load(book_id)
            target = export_bundle(book, engine.library.book_dir(book_id), Path(folder))
        except Exception as exc:  # a full stick, a pulled stick, a torn book
            log.warning("copying book %s failed: %s", book_id, exc)
            self.bundleFailed.emit(book_id, str(exc))
            return
        self.bundleExported.emit(book_id, str(target))

    @Slot(str)
    def _delete(self, book_id: str) -> None:
        engine = self._owner.engine()
        try:
            if engine is None:
                raise RuntimeError("the engine is not available")
            engine.library.delete(book_id)
        except Exception as exc:
            log.warning("book %s could not be deleted: %s", book_id, exc)
            self.deleteFailed.emit(book_id, str(exc))
            return
        self.bookDeleted.emit(book_id)
