"""Cooperative cancellation: long work checks a token between pages, steps and chunks."""

from __future__ import annotations

import threading
import weakref

__all__ = ["CancelToken", "Cancelled"]


class Cancelled(Exception):
    """Raised by :meth:`CancelToken.check` once cancel was requested."""


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._children: weakref.WeakSet[CancelToken] = weakref.WeakSet()

    def cancel(self) -> None:
        with self._lock:
            self._event.set()
            children = list(self._children)
        for child in children:
            child.cancel()

    def child(self) -> CancelToken:
        """A token cancelled with this one that can also be cancelled alone: a helper thread's
        work stops when the user cancels *or* when its job ends for any other reason."""
        token = CancelToken()
        with self._lock:
            if self._event.is_set():
                token._event.set()
            else:
                self._children.add(token)
        return token

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled()

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; True if cancelled meanwhile (for bounded back-off loops)."""
        return self._event.wait(seconds)
