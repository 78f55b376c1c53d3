"""A guard against a PySide6 bug that would crash a long-running kiosk on Python 3.11.

PySide6/shiboken6 6.12.0 returns ``None`` from void C++ methods without taking a reference
(harmless on Python 3.12+, where None is immortal). On 3.11 every such call (``setText``,
``fillRect``, ...) takes one reference away from None; after a few thousand calls None's count
reaches zero and the interpreter aborts with "none_dealloc: deallocating None". The page-turn
animation makes that many calls in a few seconds. PySide6 6.11.3 does not have the bug.
"""

from __future__ import annotations

import ctypes
import logging
import platform
import sys

__all__ = ["guard_none_refcount", "none_refcount_leaks"]

log = logging.getLogger(__name__)
_PROBE_CALLS = 200
_TOP_UP = 1 << 40  # a million calls a second would need twelve days to use this up


def none_refcount_leaks() -> bool:
    """True when a void Qt call takes a reference from None (measured, not assumed)."""
    from PySide6.QtCore import QPoint

    point = QPoint()
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        point.setX(1)
    return before - sys.getrefcount(None) >= _PROBE_CALLS // 2


_guarded = False


def guard_none_refcount() -> bool:
    """If this PySide6 leaks None references, give None enough of them to never run out.

    Only on CPython before 3.12 (where ``ob_refcnt`` is the first field of every object and
    None is not immortal) and only when the leak is measured here. Returns True if applied.
    """
    global _guarded
    if _guarded or platform.python_implementation() != "CPython" or sys.version_info >= (3, 12):
        return False
    if not none_refcount_leaks():
        return False
    ctypes.c_ssize_t.from_address(id(None)).value += _TOP_UP
    _guarded = True
    log.warning(
        "this PySide6 drops a reference to None on every void call (6.12.0 on Python 3.11); "
        "worked around. Install PySide6 6.11.3 to be rid of it."
    )
    return True
