"""Push-to-talk / tap-to-talk recording with a level feed, a hard limit and kind end states.

The microphone is an injected :class:`InputStream` (sounddevice by default), so tests feed WAVs
and a kiosk with no microphone gets a ``no_microphone`` result instead of an exception.
Time is counted in frames, never on the wall clock: a file-backed ALSA device has no clock.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from . import dsp

__all__ = [
    "InputStream",
    "NoMicrophone",
    "RecordMode",
    "RecordStatus",
    "RecordingResult",
    "StreamFactory",
    "finish_recording",
    "open_microphone",
]

log = logging.getLogger(__name__)

BLOCK_S = 0.05  # one level reading per block: ~20 a second for the meter


class NoMicrophone(RuntimeError):
    """No input device can be opened (none plugged in, or PortAudio is missing)."""


@runtime_checkable
class InputStream(Protocol):
    """A started mono input stream; ``read`` blocks until ``frames`` samples are there.

    ``read`` raises (any exception) when the device goes away mid-recording.
    """

    samplerate: int
    name: str

    def read(self, frames: int) -> np.ndarray: ...

    def close(self) -> None: ...


StreamFactory = Callable[[], InputStream]


class _SoundDeviceStream:
    """sounddevice at the device's native rate: resampling happens later, in one known way."""

    def __init__(self, device: int | str | None = None) -> None:
        try:
            import sounddevice as sd
        except OSError as exc:  # libportaudio2 missing
            raise NoMicrophone(f"PortAudio is not available: {exc}") from exc
        try:
            info = sd.query_devices(device, "input")
        except (ValueError, sd.PortAudioError) as exc:
            raise NoMicrophone(f"no input device: {exc}") from exc
        self.samplerate = int(info["default_samplerate"])
        self.name = str(info["name"])
        try:
            self._stream = sd.InputStream(
                samplerate=self.samplerate, channels=1, dtype="float32", device=device
            )
            self._stream.start()
        except sd.PortAudioError as exc:
            raise NoMicrophone(f"the microphone {self.name!r} cannot be opened: {exc}") from exc

    def read(self, frames: int) -> np.ndarray:
        data, overflowed = self._stream.read(frames)
        if overflowed:
            log.debug("input overflow: some samples were dropped")
        return np.asarray(data)[:, 0]

    def close(self) -> None:
        try:
            self._stream.abort()
            self._stream.close()
        except Exception as exc:  # a device that vanished may refuse even to close
            log.debug("closing the input stream: %r", exc)


def open_microphone(device: int | str | None = None) -> InputStream:
    """The default :data:`StreamFactory`: the system's input device through PortAudio."""
    return _SoundDeviceStream(device)


class RecordMode(StrEnum):
    PUSH_TO_TALK = "push"  # recording until stop() (the button is released)
    TAP = "tap"  # recording until the child has been quiet for a moment


class RecordStatus(StrEnum):
    OK = "ok"
    SILENT = "silent"
    NOISY = "noisy"  # loud, but no speech in it (a fan, a crowd, white noise): not "silent"
    CLIPPED = "clipped"  # too loud: the microphone distorted
    NO_MICROPHONE = "no_microphone"
    DEVICE_LOST = "device_lost"  # unplugged (or failed) while recording
    TOO_LONG = "too_long"  # hit the hard maximum; what was said is kept and usable
    CANCELLED = "cancelled"


NOISE_RMS = 0.01  # about -40 dBFS: no speech found in a sound this loud means noise, not quiet

_MESSAGES: dict[RecordStatus, dict[str, str]] = {
    RecordStatus.OK: {"ko": "잘 들었어요!", "en": "I heard you!"},
    RecordStatus.SILENT: {
        "ko": "잘 안 들렸어요. 다시 한 번 말해 줄래요?",
        "en": "I couldn't hear you. Let's try again!",
    },
    RecordStatus.NOISY: {
        "ko": "주위가 너무 시끄러워요. 조용한 곳에서 다시 말해 줄래요?",
        "en": "It's too noisy here. Let's try again somewhere quieter!",
    },
    RecordStatus.CLIPPED: {
        "ko": "소리가 너무 커요. 조금 작게 다시 말해 줄래요?",
        "en": "That was very loud! Can you say it a little softer?",
    },
    RecordStatus.NO_MICROPHONE: {
        "ko": "마이크가 없어요. 그림 카드에서 골라 볼까요?",
        "en": "There's no microphone. Let's pick a picture card!",
    },
    RecordStatus.DEVICE_LOST: {
        "ko": "마이크가 빠졌나 봐요. 어른에게 도움을 요청해 주세요.",
        "en": "The microphone went away. Please ask a grown-up for help.",
    },
    RecordStatus.TOO_LONG: {"ko": "이야기를 많이 해 줬네요!", "en": "What a lot of ideas!"},
    RecordStatus.CANCELLED: {
        "ko": "괜찮아요, 다시 해 봐요.",
        "en": "That's okay, let's try again.",
    },
}


@dataclass(frozen=True)
class RecordingResult:
    """How a recording ended; ``samples`` are trimmed, 16 kHz and :func:`dsp.normalise`-d."""

    status: RecordStatus
    samples: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    rate: int = dsp.TARGET_RATE
    duration_s: float = 0.0  # of the speech kept
    recorded_s: float = 0.0  # of the raw capture
    peak: float = 0.0  # raw, before any gain
    rms: float = 0.0
    device: str = ""
    path: str | None = None  # a kept WAV, only when settings.keep_recordings
    detail: str = ""  # for logs and the parent view

    @property
    def usable(self) -> bool:
        """Worth handing to a recogniser."""
        ok = self.status in (RecordStatus.OK, RecordStatus.TOO_LONG)
        return ok and self.samples.size > 0

    def child_message(self, lang: str) -> str:
        entry = _MESSAGES[self.status]
        return entry.get(lang, entry["en"])


def finish_recording(
    raw: np.ndarray,
    rate: int,
    *,
    status: RecordStatus = RecordStatus.OK,
    device: str = "",
    detail: str = "",
    keep_dir: Path | None = None,
) -> RecordingResult:
    """Judge and clean a raw capture: silent / clipped / ok, trimmed and normalised."""
    raw = dsp.to_float_mono(raw)
    a = dsp.analyse(raw, rate)
    measured = RecordingResult(
        status, recorded_s=len(raw) / rate if rate else 0.0, peak=a.peak, rms=a.rms,
        device=device, detail=detail,
    )  # fmt: skip
    if status in (RecordStatus.CANCELLED, RecordStatus.NO_MICROPHONE, RecordStatus.DEVICE_LOST):
        return measured  # what the child should hear about is the microphone, not the audio
    if a.silent:
        why = detail or f"peak {a.peak:.4f}, floor {a.floor:.4f}, voiced {a.voiced_s:.2f}s"
        loud = a.noisy or (a.peak >= dsp.SILENT_PEAK and a.rms >= NOISE_RMS)
        quiet = RecordStatus.NOISY if loud else RecordStatus.SILENT
        return replace(measured, status=quiet, detail=why)
    samples = dsp.normalise(raw[a.speech_start : a.speech_end], rate)
    if status is RecordStatus.OK and a.clipped:
        status, detail = RecordStatus.CLIPPED, f"{a.clipped_fraction:.1%} of samples clipped"
    path = str(_keep(samples, keep_dir)) if keep_dir is not None and samples.size else None
    return replace(
        measured, status=status, samples=samples, duration_s=len(samples) / dsp.TARGET_RATE,
        path=path, detail=detail,
    )  # fmt: skip


def _keep(samples: np.ndarray, folder: Path) -> Path:
    import soundfile as sf

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / time.strftime("rec-%Y%m%d-%H%M%S.wav")
    n = 1
    while path.exists():
        path = path.with_name(f"{path.stem.split('_')[0]}_{n}.wav")
        n += 1
    sf.write(path, samples, dsp.TARGET_RATE, subtype="PCM_16")
    return path
