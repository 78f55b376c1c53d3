"""Cooperative cancellation: long work checks a token between pages, steps and chunks."""

from __future__ import annotations

import threading

__all__ = ["CancelToken", "Cancelled"]


class Cancelled(Exception):
    """Raised by :meth:`CancelToken.check` once cancel was requested."""


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled()

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; True if cancelled meanwhile (for bounded back-off loops)."""
        return self._event.wait(seconds)
