"""OpenAI's speech API as a page narrator: one request per sentence, joined into one WAV.

Asking per sentence costs a few more requests than one per page but gives the exact time each
sentence starts, so the highlight follows the voice instead of guessing from text lengths.
``response_format="pcm"`` is raw 24 kHz 16-bit mono (documented), which joins without decoding;
we write the WAV header ourselves.
"""

from __future__ import annotations

import logging
import os
import time
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..cancel import CancelToken
from . import NarrationKind, PageAudio

if TYPE_CHECKING:
    from ..settings import Settings

__all__ = ["PCM_RATE", "NarrationFailed", "OpenAINarrator"]

log = logging.getLogger(__name__)

PCM_RATE = 24_000  # the speech API's pcm format: 24 kHz, signed 16-bit little-endian, mono
PAUSE_S = 0.35  # between sentences, as a grown-up reading aloud would breathe
INSTRUCTIONS = {
    "en": "Read this picture-book page to a small child: warm, calm, clear, a little slow.",
    "ko": "어린아이에게 그림책을 읽어 주듯 따뜻하고 또박또박, 조금 천천히 읽어 주세요.",
}


class NarrationFailed(RuntimeError):
    """The page has no audio; the system voice (or the text alone) will do."""


@dataclass
class OpenAINarrator:
    client: Any  # openai.OpenAI
    model: str = "gpt-4o-mini-tts"
    voice: str = "coral"
    retries: int = 2
    backoff_s: float = 1.0
    kind: NarrationKind = NarrationKind.OPENAI

    @classmethod
    def from_settings(cls, settings: Settings) -> OpenAINarrator:
        from openai import OpenAI, Timeout

        from ..apikey import api_key

        base = settings.openai_base_url.strip() or os.environ.get("OPENAI_BASE_URL", "").strip()
        client = OpenAI(
            api_key=api_key() or "not-needed",
            base_url=base or None,
            timeout=Timeout(settings.openai_timeout_s, connect=4.0),
            max_retries=0,  # ours are bounded and cancellable
        )
        return cls(
            client,
            model=settings.openai_speech_model,
            voice=settings.openai_speech_voice,
            retries=settings.openai_retries,
            backoff_s=settings.openai_backoff_s,
        )

    def supports(self, lang: str) -> bool:
        return lang in INSTRUCTIONS

    def _sentence_pcm(self, text: str, lang: str, cancel: CancelToken | None) -> bytes:
        import openai

        for attempt in range(self.retries + 1):
            if cancel is not None:
                cancel.check()
            try:
                reply = self.client.audio.speech.create(
                    model=self.model,
                    voice=self.voice,
                    input=text,
                    instructions=INSTRUCTIONS.get(lang, INSTRUCTIONS["en"]),
                    response_format="pcm",
                )
                data = bytes(reply.content)
                if len(data) < 2:
                    raise NarrationFailed("the speech API sent no audio")
                return data[: len(data) // 2 * 2]
            except (openai.APIConnectionError, openai.RateLimitError, openai.InternalServerError):
                if attempt == self.retries:
                    raise
                delay = self.backoff_s * 2**attempt
                if cancel is not None:
                    if cancel.wait(delay):
                        cancel.check()
                else:
                    time.sleep(delay)
        raise NarrationFailed("unreachable")  # pragma: no cover

    def render(
        self, sentences: list[str], lang: str, out: Path, cancel: CancelToken | None = None
    ) -> PageAudio:
        """Speak each sentence, join them with short pauses, write ``out`` (WAV) atomically."""
        if not sentences:
            raise NarrationFailed("nothing to read")
        pause = b"\0\0" * int(PCM_RATE * PAUSE_S)
        pcm = bytearray()
        spans: list[tuple[float, float]] = []
        for i, sentence in enumerate(sentences):
            if i:
                pcm += pause
            start = len(pcm) / 2 / PCM_RATE
            pcm += self._sentence_pcm(sentence, lang, cancel)
            spans.append((start, len(pcm) / 2 / PCM_RATE))
        out = Path(out)
        tmp = out.with_name(out.name + ".part")
        with wave.open(str(tmp), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(PCM_RATE)
            wav.writeframes(bytes(pcm))
        os.replace(tmp, out)
        return PageAudio(out, tuple(spans), len(pcm) / 2 / PCM_RATE)
