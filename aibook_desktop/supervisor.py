"""``aibook-desktop --supervised``: run the app as a child process and restart it when it dies.

An unattended booth must come back by itself after a crash, a killed process or a GPU driver
reset (CUDA contexts do not survive one: the only cure is a new process). A fresh process
starts on the home screen, so a restart also forgets the child who was using it. A clean exit
(code 0, the parent closed the app) ends supervision. Qt-free on purpose: the supervisor must
keep working when Qt or the GPU stack is what crashed.

A frozen app is as bad as a dead one at a booth: the child's window touches a heartbeat file
(``AIBOOK_HEARTBEAT``) from its event loop every few seconds, and a heartbeat older than
``hang_after_s`` gets the process killed and restarted like a crash.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from .engine.hardware import GPU_FATAL_MARKERS, is_gpu_fatal

__all__ = [
    "GPU_FATAL_MARKERS",
    "HANG_EXIT_CODE",
    "HEARTBEAT_ENV",
    "RESTART_EXIT_CODE",
    "ChildExit",
    "RestartPolicy",
    "child_command",
    "is_gpu_fatal",
    "run_supervised",
    "supervise",
]

log = logging.getLogger(__name__)

RESTART_EXIT_CODE = 75  # EX_TEMPFAIL: "restart me", e.g. after a CUDA error poisoned the context
HANG_EXIT_CODE = -1000  # reported when the supervisor killed a child whose heartbeat stopped
HEARTBEAT_ENV = "AIBOOK_HEARTBEAT"  # the file the app touches while its event loop runs


@dataclass(frozen=True)
class RestartPolicy:
    initial_delay_s: float = 1.0
    max_delay_s: float = 60.0
    factor: float = 2.0
    stable_after_s: float = 120.0  # a child that ran this long starts the back-off afresh
    max_restarts: int | None = None  # None: a booth keeps trying (at most every max_delay_s)
    # A heartbeat older than this is a frozen app (the app beats every 5 s; a book never blocks
    # its event loop). Checked only once the child has beaten at least once: start-up is free.
    hang_after_s: float | None = 60.0


@dataclass(frozen=True)
class ChildExit:
    returncode: int  # negative: killed by that signal (POSIX)
    runtime_s: float
    restarts: int  # restarts before this run


def supervise(
    command: Sequence[str],
    policy: RestartPolicy | None = None,
    *,
    env: dict[str, str] | None = None,
    stop: threading.Event | None = None,
    clock: Callable[[], float] = time.monotonic,
    on_exit: Callable[[ChildExit, float | None], None] | None = None,
    started: Callable[[subprocess.Popen[bytes]], None] | None = None,
) -> int:
    """Run ``command`` until it exits cleanly; returns the last exit code.

    Back-off doubles after each quick crash (1, 2, 4 ... 60 s). ``stop`` ends supervision
    (the child is asked to terminate first); ``on_exit(exit, delay)`` is told about each end,
    delay None when no restart follows.
    """
    policy = policy or RestartPolicy()
    stop = stop or threading.Event()
    beat_dir = tempfile.TemporaryDirectory(prefix="aibook-heartbeat-")
    heartbeat = Path(beat_dir.name) / "heartbeat"
    try:
        return _supervise(command, policy, env, stop, clock, on_exit, started, heartbeat)
    finally:
        beat_dir.cleanup()


def _supervise(
    command: Sequence[str],
    policy: RestartPolicy,
    env: dict[str, str] | None,
    stop: threading.Event,
    clock: Callable[[], float],
    on_exit: Callable[[ChildExit, float | None], None] | None,
    started: Callable[[subprocess.Popen[bytes]], None] | None,
    heartbeat: Path,
) -> int:
    delay = policy.initial_delay_s
    restarts = 0
    while True:
        child_env = dict(os.environ if env is None else env)
        child_env.update(AIBOOK_SUPERVISED="1", AIBOOK_RESTARTS=str(restarts))
        child_env[HEARTBEAT_ENV] = str(heartbeat)
        heartbeat.unlink(missing_ok=True)  # a new child proves itself alive afresh
        began = clock()
        proc = subprocess.Popen(list(command), env=child_env)
        if started:
            started(proc)
        rc = _wait(proc, stop, heartbeat, policy.hang_after_s)
        ran = clock() - began
        ended = ChildExit(rc, ran, restarts)
        if rc == 0 or stop.is_set():
            log.info("app exited with %s after %.0f s; supervision ends", rc, ran)
            if on_exit:
                on_exit(ended, None)
            return rc
        if policy.max_restarts is not None and restarts >= policy.max_restarts:
            log.error("app crashed %d times; giving up (last exit code %s)", restarts + 1, rc)
            if on_exit:
                on_exit(ended, None)
            return rc
        if ran >= policy.stable_after_s:
            delay = policy.initial_delay_s
        log.warning("app exited with %s after %.1f s; restarting in %.1f s", rc, ran, delay)
        if on_exit:
            on_exit(ended, delay)
        if stop.wait(delay):
            return rc
        restarts += 1
        delay = min(delay * policy.factor, policy.max_delay_s)


def _wait(
    proc: subprocess.Popen[bytes],
    stop: threading.Event,
    heartbeat: Path | None = None,
    hang_after_s: float | None = None,
) -> int:
    while True:
        try:
            return proc.wait(timeout=0.2)
        except subprocess.TimeoutExpired:
            if stop.is_set():
                return _end(proc)
            silent = _silence_s(heartbeat)
            if hang_after_s is not None and silent is not None and silent > hang_after_s:
                log.error("the app has not answered for %.0f s (frozen); restarting it", silent)
                _end(proc, grace_s=5.0)
                return HANG_EXIT_CODE


def _end(proc: subprocess.Popen[bytes], grace_s: float = 10.0) -> int:
    proc.terminate()
    try:
        return proc.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        proc.kill()  # a frozen Qt loop may never handle SIGTERM
        return proc.wait()


def _silence_s(heartbeat: Path | None) -> float | None:
    """Seconds since the child's last beat; None before its first one."""
    if heartbeat is None:
        return None
    try:
        return max(0.0, time.time() - heartbeat.stat().st_mtime)
    except OSError:
        return None


def child_command(argv: Sequence[str]) -> list[str]:
    """The app's own command line without ``--supervised`` (frozen bundles run themselves)."""
    rest = [a for a in argv if a != "--supervised"]
    if getattr(sys, "frozen", False):
        return [sys.executable, *rest]
    return [sys.executable, "-m", "aibook_desktop", *rest]


def run_supervised(argv: Sequence[str]) -> int:
    """Entry point for ``--supervised``: own log file, SIGTERM/SIGINT end supervision."""
    from .engine.logs import setup_logging

    setup_logging(filename="supervisor.log")
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        log.info("signal %s: stopping the app and the supervisor", signum)
        stop.set()

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, on_signal)
    rc = supervise(child_command(argv), stop=stop)
    if stop.is_set():
        return 0  # stopped on request (systemctl stop, Ctrl-C): not a failure
    if rc == HANG_EXIT_CODE:
        return 1
    return 128 - rc if rc < 0 else rc  # killed by signal N -> 128+N, as a shell reports it
