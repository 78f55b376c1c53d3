"""Speech recognition: the Transcriber protocol, its Transcript, the guard and the backends.

Light to import (numpy only); torch, transformers, CTranslate2 and vosk load inside a
backend's ``warm_up``. Choose a backend from settings with ``engine.backends.make_transcriber``.
"""

from .base import GuardedTranscriber, NoRecognizer, Transcribe, Transcriber, Transcript
from .ctranslate import FasterWhisperTranscriber, embedded_model_path, is_ctranslate2_model
from .guard import Hypothesis, Verdict, judge
from .kaldi import VoskTranscriber, vosk_korean_model_path
from .select import SPEECH_BACKENDS, SpeechUnavailable, transcriber_from_settings
from .whisper import WhisperTranscriber

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
    "transcriber_from_settings",
    "vosk_korean_model_path",
]
