"""The window's sign of life for ``--supervised``: a file touched from the Qt event loop.

The beat runs on the main thread's event loop, so it stops exactly when the screen would stop
answering a child's taps; the supervisor then restarts the app (supervisor.py).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from ..supervisor import HEARTBEAT_ENV

__all__ = ["BEAT_MS", "Heartbeat"]

log = logging.getLogger(__name__)
BEAT_MS = 5000


class Heartbeat(QObject):
    """Touches ``path`` every ``interval_ms``; skips the beat while ``healthy()`` says the UI
    cannot be used (a modal blocking every tap keeps the event loop alive but the booth dead),
    so the supervisor restarts the app."""

    def __init__(
        self,
        path: Path,
        interval_ms: int = BEAT_MS,
        parent: QObject | None = None,
        healthy: Callable[[], bool] | None = None,
    ):
        super().__init__(parent)
        self.path = path
        self.healthy = healthy
        self.skipped = 0
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.beat)
        self._timer.start()
        self.beat()

    @classmethod
    def from_env(
        cls, parent: QObject | None = None, healthy: Callable[[], bool] | None = None
    ) -> Heartbeat | None:
        """A heartbeat when a supervisor asked for one (``AIBOOK_HEARTBEAT``), else None."""
        path = os.environ.get(HEARTBEAT_ENV)
        return cls(Path(path), parent=parent, healthy=healthy) if path else None

    def beat(self) -> None:
        if self.healthy is not None and not self.healthy():
            self.skipped += 1
            log.error("heartbeat skipped: the screen cannot be used")
            return
        try:
            self.path.touch()
            os.utime(self.path)
        except OSError as exc:  # a full disk must not end the app; the supervisor may restart
            log.warning("heartbeat %s not written: %s", self.path, exc)
