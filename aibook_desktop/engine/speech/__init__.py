"""Speech recognition: the Transcriber protocol, its Transcript, the guard and the backends.

Light to import (numpy only); torch, transformers, CTranslate2 and vosk load inside a
backend's ``warm_up``. Choose a backend from settings with ``make_transcriber``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import GuardedTranscriber, NoRecognizer, Transcribe, Transcriber, Transcript
from .ctranslate import FasterWhisperTranscriber, embedded_model_path, is_ctranslate2_model
from .guard import Hypothesis, Verdict, judge
from .kaldi import VoskTranscriber, vosk_korean_model_path
from .select import SPEECH_BACKENDS, SpeechUnavailable, transcriber_from_settings
from .whisper import WhisperTranscriber

if TYPE_CHECKING:
    from ..settings import Settings

__all__ = [
    "SPEECH_BACKENDS",
    "FasterWhisperTranscriber",
    "GuardedTranscriber",
    "Hypothesis",
    "NoRecognizer",
    "SpeechUnavailable",
    "Transcribe",
    "Transcriber",
    "Transcript",
    "Verdict",
    "VoskTranscriber",
    "WhisperTranscriber",
    "embedded_model_path",
    "is_ctranslate2_model",
    "judge",
    "make_transcriber",
    "transcriber_from_settings",
    "vosk_korean_model_path",
]


def make_transcriber(settings: Settings | None = None, name: str | None = None) -> Transcriber:
    """The speech recogniser (issue #5): ``auto`` never fails (NoRecognizer when none fits).

    Cheap: the model itself loads in the transcriber's ``warm_up`` on the engine thread.
    """
    from ..errors import BackendUnavailable
    from ..settings import get_settings

    try:
        return transcriber_from_settings(settings or get_settings(), name)
    except SpeechUnavailable as exc:
        raise BackendUnavailable(str(exc)) from exc
