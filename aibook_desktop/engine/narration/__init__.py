"""Narration (#14): reading the book aloud is an engine capability with backends, like stories
and pictures.

- ``system``: the operating system's voice through Qt TextToSpeech. The Qt part lives in the
  UI (ui/speech.py); the engine only says whether a system voice can exist here and, if not,
  what a grown-up installs (``system_voice_status``).
- ``openai``: OpenAI's speech API (``audio.speech``) renders every page to a WAV file while the
  book is being drawn (``Prerenderer``), saved next to the page's picture with its sentence
  timings, so reading starts at once, repeats for free and works offline afterwards.
- ``piper``: an offline neural voice. Not available yet: see ``piper_status``.

A ``PageNarrator`` renders audio files; playing them (and the sentence highlight that follows
the audio) is the UI's job.
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..cancel import CancelToken

if TYPE_CHECKING:
    from ..settings import Settings

__all__ = [
    "NarrationKind",
    "PageAudio",
    "PageNarrator",
    "VoiceStatus",
    "audio_path",
    "load_page_audio",
    "make_narrator",
    "narration_statuses",
    "piper_status",
    "system_voice_status",
    "timings_path",
]

log = logging.getLogger(__name__)


class NarrationKind(StrEnum):
    SYSTEM = "system"
    OPENAI = "openai"
    PIPER = "piper"


class VoiceProblem(StrEnum):
    """Why a voice is absent; the parent area and doctor turn each into a sentence + a fix."""

    NONE = ""
    NO_SPEECH_DISPATCHER = "no_speech_dispatcher"
    NO_KEY = "no_key"
    NOT_INSTALLED = "not_installed"
    TURNED_OFF = "turned_off"


@dataclass(frozen=True)
class VoiceStatus:
    kind: NarrationKind
    available: bool
    languages: tuple[str, ...]  # book languages this voice reads ("" unknown until Qt asks)
    licence: str
    problem: VoiceProblem = VoiceProblem.NONE
    fix: str = ""  # one line a grown-up can run or do


@dataclass(frozen=True)
class PageAudio:
    """A page's pre-rendered narration: the file and when each sentence starts and ends."""

    path: Path
    sentences: tuple[tuple[float, float], ...]  # seconds from the start of the file
    duration_s: float


@runtime_checkable
class PageNarrator(Protocol):
    """Renders one page's narration to a file (slow, network or CPU; never on the UI thread)."""

    kind: NarrationKind

    def supports(self, lang: str) -> bool: ...

    def render(
        self, sentences: list[str], lang: str, out: Path, cancel: CancelToken | None = None
    ) -> PageAudio: ...


def audio_path(book_dir: Path, index: int) -> Path:
    """page-NN.wav beside page-NN.png."""
    return Path(book_dir) / f"page-{index + 1:02d}.wav"


def timings_path(book_dir: Path, index: int) -> Path:
    return Path(book_dir) / f"page-{index + 1:02d}.narration.json"


def load_page_audio(book_dir: Path, index: int, text: str) -> PageAudio | None:
    """The saved narration of page ``index`` if it exists and was made for this text.

    A redrawn page keeps its text, but an edited one must not be read with the old audio.
    """
    wav, meta = audio_path(book_dir, index), timings_path(book_dir, index)
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
        if data.get("text") != text or not wav.is_file():
            return None
        sentences = tuple((float(a), float(b)) for a, b in data["sentences"])
        return PageAudio(wav, sentences, float(data["duration_s"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_timings(book_dir: Path, index: int, text: str, audio: PageAudio, kind: str) -> None:
    from ..fileio import atomic_write_bytes

    data = {
        "text": text,
        "voice": kind,
        "duration_s": round(audio.duration_s, 3),
        "sentences": [[round(a, 3), round(b, 3)] for a, b in audio.sentences],
    }
    atomic_write_bytes(timings_path(book_dir, index), json.dumps(data).encode("utf-8"))


# ---- availability -----------------------------------------------------------------------------
def _has_speechd(which: Callable[[str], str | None], load: Callable[[str], bool]) -> bool:
    return bool(which("speech-dispatcher")) and load("libspeechd.so.2")


def system_voice_status(
    platform: str = sys.platform,
    which: Callable[[str], str | None] = shutil.which,
    load: Callable[[str], bool] | None = None,
) -> VoiceStatus:
    """Whether Qt TextToSpeech can have a system voice here (Qt itself says which languages).

    Linux: Qt's only real engine is speech-dispatcher; without it "Read to me" cannot speak.
    Windows and macOS always have a system voice (a Korean one needs the language pack).
    """
    if load is None:
        from ..syslibs import can_load

        load = can_load
    if platform.startswith("linux"):
        if not _has_speechd(which, load):
            return VoiceStatus(
                NarrationKind.SYSTEM, False, (), "system", VoiceProblem.NO_SPEECH_DISPATCHER,
                "sudo apt install speech-dispatcher speech-dispatcher-espeak-ng libspeechd2",
            )  # fmt: skip
        return VoiceStatus(NarrationKind.SYSTEM, True, ("en", "ko"), "espeak-ng: GPL-3.0")
    return VoiceStatus(NarrationKind.SYSTEM, True, ("en", "ko"), "system")


def openai_status(settings: Settings, key: Callable[[], str | None] | None = None) -> VoiceStatus:
    if key is None:
        from ..apikey import api_key

        key = api_key
    base = settings.openai_base_url.strip()
    if settings.narration_backend not in ("auto", "openai"):
        return VoiceStatus(NarrationKind.OPENAI, False, (), "OpenAI terms", VoiceProblem.TURNED_OFF)
    # "auto" means OpenAI itself (a key, no other server): a local story server (vLLM, ...)
    # seldom speaks; naming narration_backend = "openai" also uses openai_base_url.
    usable = (
        bool(key()) and not base if settings.narration_backend == "auto" else bool(key() or base)
    )
    if not usable:
        return VoiceStatus(
            NarrationKind.OPENAI, False, ("en", "ko"), "OpenAI terms", VoiceProblem.NO_KEY,
            "set an OpenAI API key in the parent area",
        )  # fmt: skip
    return VoiceStatus(NarrationKind.OPENAI, True, ("en", "ko"), "OpenAI terms (AI voice)")


def piper_status() -> VoiceStatus:
    """Honest: no Piper backend yet. piper-tts is on PyPI (GPL-3.0) but its voices come from
    the Hugging Face hub, which this project's machines cannot reach, and Piper's catalogue has
    no Korean voice; so nothing here was tested and nothing claims to work."""
    return VoiceStatus(
        NarrationKind.PIPER, False, ("en",), "piper-tts GPL-3.0; voices vary (see each MODEL_CARD)",
        VoiceProblem.NOT_INSTALLED, "not supported yet",
    )  # fmt: skip


def narration_statuses(settings: Settings) -> list[VoiceStatus]:
    return [system_voice_status(), openai_status(settings), piper_status()]


def make_narrator(settings: Settings) -> PageNarrator | None:
    """The narrator that pre-renders page audio, or None (then the system voice reads live)."""
    if settings.narration_backend not in ("auto", "openai"):
        return None
    if not openai_status(settings).available:
        return None
    try:
        from .openai_voice import OpenAINarrator
    except ImportError as exc:  # the llm extra is not installed
        log.info("OpenAI narration is not available: %s", exc)
        return None
    return OpenAINarrator.from_settings(settings)
