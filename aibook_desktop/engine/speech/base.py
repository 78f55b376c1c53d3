"""The recogniser interface, its result, the guarded base class and the Transcribe job."""

from __future__ import annotations

import logging
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np

from ..audio import TARGET_RATE, RecordingResult
from ..cancel import Cancelled, CancelToken
from .guard import LOW_LOGPROB, Hypothesis, judge
from .language_check import WRONG_LANGUAGE, language_mismatch

__all__ = [
    "GuardedTranscriber",
    "NoRecognizer",
    "Transcribe",
    "Transcriber",
    "Transcript",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Transcript:
    """What the child said, or ``text == ""`` and the reason in ``rejected`` ("try again")."""

    text: str
    confidence: float  # 0..1, for "Did you say ...?"
    language: str
    no_speech_prob: float
    duration_s: float  # of the audio
    backend: str
    elapsed_s: float  # recognition time
    rejected: str = ""  # see voice_api: silence, no_speech, low_confidence, hallucination, ...

    @property
    def ok(self) -> bool:
        return bool(self.text)


@runtime_checkable
class Transcriber(Protocol):
    """Turns 16 kHz mono float32 speech (``audio.normalise``-d) into a Transcript.

    ``transcribe`` never raises for expected trouble (an unsupported language gives an empty
    Transcript); model loading happens once, in ``warm_up`` or on first use.
    """

    name: str

    def supports(self, lang: str) -> bool: ...

    def warm_up(self) -> None: ...

    def transcribe(self, samples: np.ndarray, lang: str) -> Transcript: ...


class GuardedTranscriber(ABC):
    """Shared behaviour: timing, language check and the hallucination guard around ``decode``."""

    name = "guarded"
    languages: frozenset[str] = frozenset()
    min_logprob = LOW_LOGPROB

    def supports(self, lang: str) -> bool:
        return lang in self.languages

    def warm_up(self) -> None:  # noqa: B027 - optional hook: backends without a model skip it
        """Load the model now (idempotent)."""

    def release(self) -> None:  # noqa: B027 - optional hook: backends without a model skip it
        """Free the model's memory; the next clip loads it again (see ``warm_up``)."""

    @abstractmethod
    def decode(self, samples: np.ndarray, lang: str) -> Hypothesis:
        """The raw hypothesis, unguarded (tests and benchmarks look at it directly)."""

    def transcribe(self, samples: np.ndarray, lang: str) -> Transcript:
        duration = len(samples) / TARGET_RATE
        if not self.supports(lang):
            return Transcript("", 0.0, lang, 0.0, duration, self.name, 0.0, "unsupported_language")
        if len(samples) == 0 or float(np.max(np.abs(samples))) == 0.0:
            return Transcript("", 0.0, lang, 1.0, duration, self.name, 0.0, "silence")
        self.warm_up()  # a (re)load is not recognition time: elapsed_s is what a warm clip costs
        start = time.perf_counter()
        hyp = self.decode(np.asarray(samples, dtype=np.float32), lang)
        verdict = judge(hyp, min_logprob=self.min_logprob, duration_s=duration)
        text, rejected = verdict.text, verdict.rejected
        if text and language_mismatch(text, hyp.language, lang):
            text, rejected = "", WRONG_LANGUAGE
        if rejected:
            log.info("%s rejected %r: %s", self.name, hyp.text, rejected)
        return Transcript(
            text, verdict.confidence, hyp.language or lang, hyp.no_speech_prob,
            duration, self.name, time.perf_counter() - start, rejected,
        )  # fmt: skip


class NoRecognizer:
    """Used when no recogniser is installed or configured: says so, so the UI offers cards."""

    name = "none"

    def __init__(self, reason: str = "no speech recogniser is installed") -> None:
        self.reason = reason

    def supports(self, lang: str) -> bool:
        return False

    def warm_up(self) -> None:
        log.info("voice input is off: %s", self.reason)

    def release(self) -> None:
        """Nothing is loaded."""

    def transcribe(self, samples: np.ndarray, lang: str) -> Transcript:
        duration = len(samples) / TARGET_RATE
        return Transcript("", 0.0, lang, 0.0, duration, self.name, 0.0, "no_recognizer")


class Transcribe:
    """The job the bridge runs on the engine thread: recording in, Transcript out, no raising.

    Only cancellation propagates (as ``Cancelled``); any backend failure becomes an empty
    Transcript with ``rejected="error"`` and a log entry, so the child just tries again.
    """

    def __init__(self, transcriber: Transcriber) -> None:
        self.transcriber = transcriber

    def run(
        self,
        recording: RecordingResult | np.ndarray,
        lang: str,
        cancel: CancelToken | None = None,
    ) -> Transcript:
        name = self.transcriber.name
        if isinstance(recording, RecordingResult):
            samples = recording.samples
            if not recording.usable:
                return Transcript(
                    "", 0.0, lang, 0.0, recording.duration_s, name, 0.0, "unusable_recording"
                )
        else:
            samples = np.asarray(recording, dtype=np.float32)
        if cancel is not None:
            cancel.check()
        try:
            result = self.transcriber.transcribe(samples, lang)
        except Cancelled:
            raise
        except Exception:
            log.exception("speech recognition with %s failed", name)
            duration = len(samples) / TARGET_RATE
            return Transcript("", 0.0, lang, 0.0, duration, name, 0.0, "error")
        if cancel is not None:
            cancel.check()
        return result
