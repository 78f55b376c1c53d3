"""Run a bridge's bookkeeping on the main thread, in order with the signals sent before it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

__all__ = ["MainThreadSide"]


class MainThreadSide(QObject):
    """Posts calls from the engine thread to the main thread.

    Made on the main thread without a parent, so it stays there when its bridge moves to the
    engine thread. A call posted after some signals runs after the main thread has received
    them (one event queue, in order). Were a bridge's ``busy`` or download token cleared on
    the engine thread, a new job could start while the last job's end still waited in the
    main thread's queue, and be taken for the new job's end.
    """

    _posted = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._posted.connect(self._run)

    def post(self, call: Callable[[], None]) -> None:
        """From any thread: ``call()`` runs on the main thread, after what was sent before."""
        self._posted.emit(call)

    @Slot(object)
    def _run(self, call: Callable[[], None]) -> None:
        call()
