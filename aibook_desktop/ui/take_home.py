"""Taking the book home (#14): the PDFs are made on the engine thread, then lent to a phone
through engine/share's one-time link, shown as a QR code.

The web server binds this machine's local-network address (never every interface) and is
stopped when the parent turns the feature off, at the idle reset and when the app quits.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QPixmap

from ..engine.settings import Settings
from ..engine.share import ShareServer, lan_address, qr_png

__all__ = ["TakeHome"]

log = logging.getLogger(__name__)


class TakeHome(QObject):
    """``request(book_id, title, lang)``; answers with ``ready`` or ``failed``.

    ``host``: the address to serve on (tests: 127.0.0.1); None finds the LAN address.

    Signals:
        ready(str book_id, QPixmap qr, str url, int minutes)
        failed(str book_id, str message): a kind sentence for the screen.
    """

    ready = Signal(str, QPixmap, str, int)
    failed = Signal(str, str)

    def __init__(
        self,
        bridge: Any,
        settings: Settings,
        host: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.settings = settings
        self.host = host
        self.server: ShareServer | None = None
        self._pending: dict[str, Any] | None = None
        self.last_url = ""

    @property
    def enabled(self) -> bool:
        return bool(self.settings.share_qr)

    def request(self, book_id: str, title: str, lang: str) -> None:
        if not self.enabled:
            self.failed.emit(book_id, self.tr("Taking books home is turned off."))
            return
        self._pending = {"id": book_id, "title": title, "lang": lang, "files": {}}
        self.bridge.export_pdf(book_id)

    def claims(self, book_id: str, path: str) -> bool:
        """An export finished: True when it was ours (the window then says nothing)."""
        pending = self._pending
        if pending is None or pending["id"] != book_id:
            return False
        name = Path(path).name
        pending["files"][name] = Path(path)
        if name == "book.pdf":
            self.bridge.export_colouring(book_id)
        else:
            self._pending = None
            self._offer(pending)
        return True

    def claims_failure(self, book_id: str) -> bool:
        pending = self._pending
        if pending is None or pending["id"] != book_id:
            return False
        self._pending = None
        if pending["files"]:  # the book came out, only the colouring failed: lend the book
            self._offer(pending)
        else:
            self.failed.emit(book_id, self.tr("Sorry, the book could not be made ready."))
        return True

    def _offer(self, pending: dict[str, Any]) -> None:
        book_id = pending["id"]
        try:
            host = self.host or lan_address()
            if host.startswith("127.") and self.host is None:
                self.failed.emit(
                    book_id, self.tr("No network here: use the parent area to copy the book.")
                )
                return
            if self.server is not None and self.server.host != host:
                self.server.stop()
                self.server = None
            if self.server is None:
                self.server = ShareServer(host)
            minutes = max(1, int(self.settings.share_minutes))
            offer = self.server.offer(
                pending["title"], pending["files"], pending["lang"], ttl_s=minutes * 60
            )
        except OSError as exc:
            log.warning("the take-home link could not start: %s", exc)
            self.failed.emit(book_id, self.tr("Sorry, the QR code could not be made."))
            return
        pixmap = QPixmap()
        pixmap.loadFromData(qr_png(offer.url))
        self.last_url = offer.url
        self.ready.emit(book_id, pixmap, offer.url, minutes)

    def stop(self) -> None:
        """No link stays open: idle reset, sharing turned off, the app closing."""
        self._pending = None
        self.last_url = ""
        if self.server is not None:
            self.server.stop()
            self.server = None
