"""Wrong-PIN back-off that doubles with every miss and survives a restart.

A fixed "5 tries then 60 s, cleared by a restart" let a patient child try all 10,000 4-digit
PINs in about 33 hours, or at once by pulling the plug. Here the count and the end of the
current wait live in ``gate.json`` beside the settings, and each miss after the free ones
doubles the wait (30 s, 1 min, 2 min, ... up to a day).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from pathlib import Path

from ...engine import paths
from ...engine.fileio import atomic_write_bytes

__all__ = ["FREE_TRIES", "Backoff"]

log = logging.getLogger(__name__)
FREE_TRIES = 3
BASE_S = 30.0
CAP_S = 24 * 3600.0


class Backoff:
    """The gate's memory of wrong PINs. ``clock`` is injectable so tests need no sleeps."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        base_s: float = BASE_S,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = path or paths.config_dir() / "gate.json"
        self.base_s = base_s
        self._clock = clock
        self.failures = 0
        self.until = 0.0
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.failures = max(0, int(data.get("failures", 0)))
            self.until = float(data.get("until", 0.0))
        except FileNotFoundError:
            return
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            # fail closed: a damaged file counts as many misses, not none
            log.error("gate back-off file %s unreadable (%s); locked", self.path, exc)
            self.failures = FREE_TRIES + 4
            self.until = self._clock() + self.wait_for(self.failures)
        # a clock set back must not stretch a wait beyond its longest
        self.until = min(self.until, self._clock() + CAP_S)

    def _save(self) -> None:
        data = {"failures": self.failures, "until": self.until}
        try:
            atomic_write_bytes(self.path, json.dumps(data).encode("utf-8"))
        except OSError as exc:
            log.error("gate back-off not saved: %s", exc)

    def wait_for(self, failures: int) -> float:
        """Seconds to wait after ``failures`` misses: none for the free tries, then doubling."""
        if failures < FREE_TRIES:
            return 0.0
        return min(CAP_S, self.base_s * 2 ** (failures - FREE_TRIES))

    def remaining_s(self) -> float:
        return max(0.0, self.until - self._clock())

    def failed(self) -> float:
        """Count one miss; returns how long the keypad now rests (seconds)."""
        self.failures += 1
        wait = self.wait_for(self.failures)
        self.until = self._clock() + wait
        self._save()
        return wait

    def succeeded(self) -> None:
        if self.failures or self.until:
            self.failures, self.until = 0, 0.0
            self._save()
