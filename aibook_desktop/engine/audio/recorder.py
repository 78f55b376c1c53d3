"""The Recorder the kiosk's microphone button drives: start / stop / cancel, callbacks, one result.

Capture runs on the recorder's own thread (a blocking read loop), so neither the Qt main thread
nor the engine thread is held up; callbacks run on that thread and must only hand data on.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from . import dsp
from .capture import (
    BLOCK_S,
    InputStream,
    NoMicrophone,
    RecordingResult,
    RecordMode,
    RecordStatus,
    StreamFactory,
    finish_recording,
    open_microphone,
)

if TYPE_CHECKING:
    from ..settings import Settings

__all__ = ["Recorder"]

log = logging.getLogger(__name__)


class Recorder:
    """One microphone, one recording at a time; ``on_done`` is called exactly once per start().

    ``max_s`` is the hard limit (a gentle ``on_warning(seconds_left)`` comes ``warn_before_s``
    earlier). In TAP mode the recording stops by itself after ``silence_stop_s`` of quiet
    following speech, or after ``no_speech_s`` if the child never starts talking.
    """

    def __init__(
        self,
        *,
        on_level: Callable[[float], None] | None = None,
        on_warning: Callable[[float], None] | None = None,
        on_done: Callable[[RecordingResult], None] | None = None,
        stream_factory: StreamFactory = open_microphone,
        settings: Settings | None = None,
        max_s: float = 15.0,
        warn_before_s: float = 3.0,
        silence_stop_s: float = 1.5,
        no_speech_s: float = 6.0,
    ) -> None:
        self.on_level = on_level
        self.on_warning = on_warning
        self.on_done = on_done
        self.stream_factory = stream_factory
        self.settings = settings
        self.max_s, self.warn_before_s = max_s, warn_before_s
        self.silence_stop_s, self.no_speech_s = silence_stop_s, no_speech_s
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._cancel = threading.Event()
        self._done = threading.Event()
        self._result: RecordingResult | None = None

    @property
    def recording(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, mode: RecordMode | str = RecordMode.PUSH_TO_TALK) -> None:
        """Begin recording (returns at once). Ignored while a recording is already running."""
        with self._lock:
            if self.recording:
                log.debug("start() while recording: ignored")
                return
            self._stop.clear()
            self._cancel.clear()
            self._done.clear()
            self._result = None
            self._thread = threading.Thread(
                target=self._run, args=(RecordMode(mode),), name="recorder", daemon=True
            )
            self._thread.start()

    def stop(self) -> None:
        """Finish now and deliver what was said (the push-to-talk button was released)."""
        self._stop.set()

    def cancel(self) -> None:
        """Throw the recording away; ``on_done`` gets a CANCELLED result."""
        self._cancel.set()
        self._stop.set()

    def wait(self, timeout: float | None = None) -> RecordingResult | None:
        """Block until the current recording has ended (for the CLI and tests)."""
        self._done.wait(timeout)
        return self._result

    # ---- the capture thread --------------------------------------------------------------------
    def _run(self, mode: RecordMode) -> None:
        try:
            result = self._capture(mode)
        except Exception as exc:  # the last line of defence: a state, never a crash
            log.exception("recording failed")
            result = RecordingResult(RecordStatus.DEVICE_LOST, detail=repr(exc))
        self._result = result
        self._done.set()
        self._emit(self.on_done, result)

    def _capture(self, mode: RecordMode) -> RecordingResult:
        try:
            stream = self.stream_factory()
        except NoMicrophone as exc:
            log.info("no microphone: %s", exc)
            return RecordingResult(RecordStatus.NO_MICROPHONE, detail=str(exc))
        except Exception as exc:
            log.warning("the microphone could not be opened: %r", exc)
            return RecordingResult(RecordStatus.NO_MICROPHONE, detail=repr(exc))
        try:
            blocks, status, detail = self._loop(stream, mode)
        finally:
            stream.close()
        raw = np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.float32)
        return finish_recording(
            raw, stream.samplerate, status=status, device=stream.name, detail=detail,
            keep_dir=self._keep_dir(),
        )  # fmt: skip

    def _loop(
        self, stream: InputStream, mode: RecordMode
    ) -> tuple[list[np.ndarray], RecordStatus, str]:
        rate = stream.samplerate
        block = max(1, int(rate * BLOCK_S))
        max_frames = int(self.max_s * rate)
        warn_frames = int(max(0.0, self.max_s - self.warn_before_s) * rate)
        blocks: list[np.ndarray] = []
        frames, warned = 0, False
        floor, heard, quiet_frames = 1.0, False, 0
        while frames < max_frames:
            if self._cancel.is_set():
                return blocks, RecordStatus.CANCELLED, "cancelled"
            if self._stop.is_set():
                return blocks, RecordStatus.OK, ""
            try:
                chunk = dsp.to_float_mono(stream.read(min(block, max_frames - frames)))
            except Exception as exc:
                log.warning("the microphone went away while recording: %r", exc)
                return blocks, RecordStatus.DEVICE_LOST, repr(exc)
            if chunk.size == 0:
                return blocks, RecordStatus.DEVICE_LOST, "the input stream ended"
            blocks.append(chunk)
            frames += chunk.size
            level = dsp.rms(chunk)
            self._emit(self.on_level, level)
            if not warned and frames >= warn_frames and self.warn_before_s > 0:
                warned = True
                self._emit(self.on_warning, (max_frames - frames) / rate)
            if mode is RecordMode.TAP:
                floor = max(min(floor, level), 1e-4)
                if level > max(0.01, 4.0 * floor):
                    heard, quiet_frames = True, 0
                else:
                    quiet_frames += chunk.size
                if heard and quiet_frames >= self.silence_stop_s * rate:
                    return blocks, RecordStatus.OK, "stopped after trailing silence"
                if not heard and frames >= self.no_speech_s * rate:
                    return blocks, RecordStatus.OK, "nothing was said"
        return blocks, RecordStatus.TOO_LONG, f"stopped at the {self.max_s:g} s limit"

    def _keep_dir(self) -> Path | None:
        from .. import paths
        from ..settings import get_settings

        settings = self.settings or get_settings()
        return paths.data_dir() / "recordings" if settings.keep_recordings else None

    @staticmethod
    def _emit(callback: Callable[..., None] | None, *args: object) -> None:
        if callback is None:
            return
        try:
            callback(*args)
        except Exception:  # a broken listener must not kill the recording
            log.exception("recorder callback failed")
