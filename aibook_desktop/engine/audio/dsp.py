"""Signal work on recorded speech: one normalisation for training and inference, VAD, resampling.

Everything here is plain numpy (soxr is used for resampling when installed) and deterministic,
so the Whisper training toolkit (issue #7) and the kiosk feed the model identical numbers.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

import numpy as np

__all__ = [
    "CLIP_FRACTION",
    "CLIP_LEVEL",
    "NOISY_FLOOR",
    "SILENT_PEAK",
    "TARGET_PEAK",
    "TARGET_RATE",
    "Analysis",
    "analyse",
    "energy_speech_bounds",
    "load_audio",
    "normalise",
    "resample",
    "rms",
    "speech_bounds",
    "speech_threshold",
    "to_float_mono",
]

log = logging.getLogger(__name__)

TARGET_RATE = 16_000  # what Whisper (and the training data) expects
TARGET_PEAK = 0.9  # peak after normalise(): headroom so nothing is clipped by rounding
MAX_GAIN = 10.0  # +20 dB at most: a whisper is raised, a silent room is not blown up into noise
SILENT_PEAK = 0.003  # about -50 dBFS: below this nobody spoke into the microphone
CLIP_LEVEL = 0.99  # a sample at or above this (full scale 1.0) is taken as clipped
CLIP_FRACTION = 0.005  # more than 0.5% clipped samples in the speech: "too loud"
FRAME_S = 0.02  # VAD frame
MIN_SPEECH_S = 0.2  # less voiced time than this is "silent"
NOISY_FLOOR = 0.015  # about -36 dBFS: a room (fan, music, chatter) this loud is "too noisy"
PAD_S = 0.15  # kept around the speech when trimming, so first/last consonants survive


def to_float_mono(samples: np.ndarray) -> np.ndarray:
    """Integer PCM scaled by its full scale, channels averaged: float32 in [-1, 1]."""
    x = np.asarray(samples)
    if x.dtype.kind == "i":
        x = x.astype(np.float64) / float(2 ** (8 * x.dtype.itemsize - 1))
    elif x.dtype.kind == "u":
        half = float(2 ** (8 * x.dtype.itemsize - 1))
        x = (x.astype(np.float64) - half) / half
    else:
        x = x.astype(np.float64, copy=False)
    if x.ndim == 2:
        x = x.mean(axis=1)
    elif x.ndim != 1:
        raise ValueError(f"audio must be (frames,) or (frames, channels), not {x.shape}")
    return np.clip(x, -1.0, 1.0).astype(np.float32)


def _resample_fft(x: np.ndarray, rate: int, target: int) -> np.ndarray:
    """Band-limited resampling through the spectrum: exact for content below both Nyquists."""
    n_out = round(len(x) * target / rate)
    spectrum = np.fft.rfft(x.astype(np.float64))
    keep = min(len(spectrum), n_out // 2 + 1)
    out = np.fft.irfft(spectrum[:keep], n=n_out) * (n_out / len(x))
    return out.astype(np.float32)


def resample(samples: np.ndarray, rate: int, target: int = TARGET_RATE) -> np.ndarray:
    """Mono float32 from ``rate`` to ``target`` Hz (soxr's high quality if installed, else FFT)."""
    x = np.asarray(samples, dtype=np.float32)
    if rate == target or len(x) == 0:
        return x.copy()
    if rate <= 0 or target <= 0:
        raise ValueError(f"sample rates must be positive, not {rate} -> {target}")
    try:
        import soxr
    except ImportError:
        return _resample_fft(x, rate, target)
    return np.asarray(soxr.resample(x, rate, target, quality="HQ"), dtype=np.float32)


def normalise(samples: np.ndarray, rate: int) -> np.ndarray:
    """THE normalisation for Whisper input, used by training (issue #7) and inference alike.

    Input: any PCM array, integer (int16/int32/uint8, scaled by full scale) or float, mono or
    (frames, channels), at ``rate`` Hz. Output: float32 mono at 16 kHz in [-1, 1].
    Policy: average channels, remove the DC offset, resample to 16 kHz, then scale so the peak
    is 0.9 with the gain limited to +20 dB (a quiet child is raised, room noise is not made
    loud; near-silence below -50 dBFS gets no gain at all). It is idempotent: normalising a
    normalised clip changes nothing, so a clip saved by the kiosk trains like a fresh one.
    The original project z-scored raw int16 for training and fed [-1, 1] floats at inference;
    importing this one function in both places is what prevents that mismatch.
    """
    x = to_float_mono(samples).astype(np.float64)
    if len(x) == 0:
        return x.astype(np.float32)
    x -= x.mean()  # before resampling: a DC step at the edges would ring in the filter
    x = resample(x.astype(np.float32), rate, TARGET_RATE).astype(np.float64)
    peak = float(np.max(np.abs(x)))
    if peak >= SILENT_PEAK:
        x *= min(TARGET_PEAK / peak, MAX_GAIN)
    return np.clip(x, -1.0, 1.0).astype(np.float32)


def load_audio(path: str | os.PathLike[str]) -> tuple[np.ndarray, int]:
    """The raw samples (frames,) or (frames, channels) and the rate of a sound file."""
    import soundfile as sf

    data, rate = sf.read(os.fspath(path), dtype="float32", always_2d=False)
    return np.asarray(data), int(rate)


def rms(samples: np.ndarray) -> float:
    """Root mean square level (0..1 for float audio) of a block; 0.0 for an empty one."""
    x = np.asarray(samples, dtype=np.float64)
    return float(np.sqrt(np.mean(x * x))) if x.size else 0.0


def _frame_rms(x: np.ndarray, rate: int) -> np.ndarray:
    n = max(1, int(rate * FRAME_S))
    frames = len(x) // n
    if frames == 0:
        return np.zeros(0)
    blocks = x[: frames * n].astype(np.float64).reshape(frames, n)
    return np.asarray(np.sqrt(np.mean(blocks * blocks, axis=1)))


def speech_threshold(frame_levels: np.ndarray) -> float:
    """An energy VAD threshold: 10 dB over the room's noise floor, never below -46 dBFS.

    A steady noise (a fan, white noise) sets its own floor, so it never counts as speech.
    """
    floor = float(np.percentile(frame_levels, 10)) if frame_levels.size else 0.0
    return max(0.005, 3.16 * floor)


def speech_bounds(samples: np.ndarray, rate: int) -> tuple[int, int, float]:
    """(start, end, voiced seconds) of the speech in mono float audio; (0, 0, 0.0) if none.

    Silero (bundled with faster-whisper, the voice extra) where installed: on
    bench/bench_vad.py's set it told speech from no speech in 149/149 clips, the energy VAD in
    89/149 (it hears nothing in speech at 0 dB SNR). The energy VAD is the fallback.
    """
    x = to_float_mono(samples)
    found = _silero_bounds(x, rate)
    return found if found is not None else energy_speech_bounds(x, rate)


_silero_ok: bool | None = None  # None: not tried yet; False: not installed or broken here


def _silero_bounds(x: np.ndarray, rate: int) -> tuple[int, int, float] | None:
    global _silero_ok
    if _silero_ok is False or x.size == 0:
        return None
    try:
        from faster_whisper.vad import VadOptions, get_speech_timestamps

        audio = x if rate == TARGET_RATE else resample(x, rate, TARGET_RATE)
        # silero-vad's own 100 ms minimum pause; faster-whisper's 2 s default is for cutting
        # long files and stretches a short clip's last segment to its end
        options = VadOptions(min_silence_duration_ms=100, speech_pad_ms=0)
        spans = get_speech_timestamps(audio.astype(np.float32), options, TARGET_RATE)
    except Exception as exc:  # ImportError without the voice extra; a broken onnxruntime
        if _silero_ok is None:
            log.info("Silero VAD unavailable (%s); using the energy VAD", exc)
        _silero_ok = False
        return None
    _silero_ok = True
    if not spans:
        return 0, 0, 0.0
    scale = rate / TARGET_RATE
    voiced = sum(span["end"] - span["start"] for span in spans) / TARGET_RATE
    pad = int(rate * PAD_S)
    start = max(0, int(spans[0]["start"] * scale) - pad)
    end = min(len(x), int(spans[-1]["end"] * scale) + pad)
    return start, end, voiced


def energy_speech_bounds(samples: np.ndarray, rate: int) -> tuple[int, int, float]:
    """The energy VAD: frames 10 dB over the room's noise floor (no model, any rate)."""
    x = to_float_mono(samples)
    levels = _frame_rms(x, rate)
    if levels.size == 0:
        return 0, 0, 0.0
    voiced = np.flatnonzero(levels > speech_threshold(levels))
    if voiced.size == 0:
        return 0, 0, 0.0
    n = max(1, int(rate * FRAME_S))
    pad = int(rate * PAD_S)
    start = max(0, int(voiced[0]) * n - pad)
    end = min(len(x), (int(voiced[-1]) + 1) * n + pad)
    return start, end, voiced.size * FRAME_S


@dataclass(frozen=True)
class Analysis:
    """What a recording sounded like, measured on the raw samples before any gain."""

    peak: float
    rms: float
    clipped_fraction: float
    speech_start: int  # sample index at the input rate
    speech_end: int
    voiced_s: float
    floor: float = 0.0  # the room's level: 10th percentile of the frame RMS

    @property
    def silent(self) -> bool:
        """Nothing stood out as speech (a quiet room, or a loud one: see ``noisy``)."""
        return self.peak < SILENT_PEAK or self.voiced_s < MIN_SPEECH_S

    @property
    def noisy(self) -> bool:
        """No speech found over a loud, steady background (a fan, music, a vacuum cleaner).

        The VAD sets its threshold over the room's own level, so a steady noise never counts
        as speech; the child then needs "it's too noisy", not "I couldn't hear you".
        """
        return self.silent and self.peak >= SILENT_PEAK and self.floor >= NOISY_FLOOR

    @property
    def clipped(self) -> bool:
        return self.clipped_fraction > CLIP_FRACTION


def analyse(samples: np.ndarray, rate: int) -> Analysis:
    """Level, clipping and where the speech is; the recorder and the CLI decide from this."""
    x = to_float_mono(samples)
    if x.size == 0:
        return Analysis(0.0, 0.0, 0.0, 0, 0, 0.0)
    start, end, voiced = speech_bounds(x, rate)
    span = np.abs(x[start:end]) if end > start else np.abs(x)
    clipped = float(np.mean(span >= CLIP_LEVEL)) if span.size else 0.0
    levels = _frame_rms(x, rate)
    floor = float(np.percentile(levels, 10)) if levels.size else 0.0
    return Analysis(float(np.max(np.abs(x))), rms(x), clipped, start, end, voiced, floor)
