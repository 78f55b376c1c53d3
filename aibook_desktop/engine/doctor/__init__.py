"""``aibook doctor``: what works on this machine, what does not, and the one-line fix for each.

The checks live in ``checks``, the machine probes in ``probes``. Importing this package is cheap:
names load on first use, so the UI can show a report without importing the checks' dependencies
at start-up.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "EXIT_BLOCKING",
    "Check",
    "Probes",
    "add_parser",
    "format_report",
    "has_blocking",
    "main",
    "report_json",
    "run_checks",
]


def __getattr__(name: str) -> Any:
    if name == "Probes":
        from .probes import Probes

        return Probes
    if name.startswith("__"):
        raise AttributeError(name)
    checks = importlib.import_module(".checks", __name__)
    try:
        return getattr(checks, name)
    except AttributeError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
