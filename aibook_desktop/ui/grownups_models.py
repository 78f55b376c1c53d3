"""The main window's model setup, doctor and book deletion wiring (grown-ups only)."""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from ..engine.models import ModelRole, apply_to_settings, get_preset

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from ..engine.settings import Settings
    from .bridge import EngineBridge
    from .parent.settings_page import ParentScreen
    from .screens import HomeScreen

    _Window = QMainWindow
else:
    _Window = object

__all__ = ["ModelSetup"]

log = logging.getLogger(__name__)


class ModelSetup(_Window):
    """Mixed into the window through :class:`GrownUps`.

    Only bound methods of this main-thread object are connected to the bridge's signals, so
    each runs on the main thread; the page's requests are passed on from here because the
    bridge lives on the engine thread (a direct connection would queue behind a running job).
    """

    if TYPE_CHECKING:
        settings: Settings
        bridge: EngineBridge
        parent_area: ParentScreen
        home: HomeScreen

        def apply_settings(self, new: Settings) -> bool: ...

        def finish_book(self, book_id: str) -> None: ...

    def _setup_models(self) -> None:
        area, page, books = self.parent_area, self.parent_area.models, self.parent_area.books
        m = self.bridge.models
        area.modelsShown.connect(self._models_shown)
        area.booksShown.connect(self._books_shown)
        page.useRequested.connect(self.use_preset)
        page.downloadRequested.connect(self._download)
        page.cancelRequested.connect(self._cancel_download)
        page.importRequested.connect(self._import)
        books.deleteRequested.connect(self._delete_book)
        books.finishRequested.connect(self.finish_book)
        books.refreshRequested.connect(self._books_shown)
        m.checked.connect(area.diagnostics.show_checks)
        m.recommended.connect(page.set_recommended)
        m.downloadProgress.connect(page.on_progress)
        m.downloaded.connect(self._downloaded)
        m.downloadFailed.connect(self._download_failed)
        m.downloadCancelled.connect(self._download_cancelled)
        m.imported.connect(self._imported)
        m.importFailed.connect(page.show_import_failed)
        m.bookDeleted.connect(self._book_deleted)
        m.deleteFailed.connect(books.show_delete_failed)
        self.bridge.booksListed.connect(books.set_books)
        self.home.set_setup_notice(not self.settings.model_preset)

    def _models_shown(self) -> None:
        self.parent_area.models.set_current(self.settings.model_preset)
        self.bridge.models.recommend()

    def _books_shown(self) -> None:
        self.bridge.list_books()

    def use_preset(self, preset_id: str, installed: dict[ModelRole, Any] | None = None) -> bool:
        """Switch to a preset (with downloaded or already-set folders) and save it."""
        new = dataclasses.replace(self.settings)
        try:
            apply_to_settings(new, get_preset(preset_id), installed or {})
        except (KeyError, ValueError) as exc:
            self.parent_area.models.show_message(str(exc))
            return False
        if not self.apply_settings(new):
            return False
        self.parent_area.adopt(self.settings)
        self.parent_area.models.set_current(self.settings.model_preset)
        self.parent_area.models.show_message(
            QCoreApplication.translate("GrownUps", "Saved: new books use these settings.")
        )
        return True

    def _download(self, preset_id: str) -> None:
        if not self.bridge.models.download(preset_id):
            self.parent_area.models.show_download_failed(
                QCoreApplication.translate("GrownUps", "another download is still running")
            )

    def _cancel_download(self) -> None:
        self.bridge.models.cancel_download()

    def _downloaded(self, preset_id: str, installed: list[Any]) -> None:
        if self.use_preset(preset_id, {m.role: m for m in installed}):
            self.parent_area.models.show_downloaded(preset_id)
        else:
            self.parent_area.models.show_download_failed(self.parent_area.status.text())

    def _download_failed(self, _preset_id: str, message: str) -> None:
        self.parent_area.models.show_download_failed(message)

    def _download_cancelled(self, _preset_id: str) -> None:
        self.parent_area.models.show_cancelled()

    def _import(self, role: str, folder: str) -> None:
        self.bridge.models.import_folder(role, folder)

    def _imported(self, role: str, installed: Any) -> None:
        new = dataclasses.replace(self.settings)
        setattr(new, ModelRole(role).value, str(installed.folder))
        if self.apply_settings(new):
            self.parent_area.adopt(self.settings)
            self.parent_area.models.show_imported(role, str(installed.folder))

    def _delete_book(self, book_id: str) -> None:
        self.bridge.models.delete_book(book_id)

    def _book_deleted(self, book_id: str) -> None:
        self.parent_area.books.show_deleted(book_id)  # asks for a fresh list: shelf and page
