"""Speech recognised by an ``aibook serve`` GPU box; the local recogniser when it cannot help.

The clip travels as 16 kHz float32 samples and is never stored on the server. Languages are
the server's (asked at warm-up) plus the local fallback's; a server that is gone gives the
fallback's answer, or an empty transcript (the child tries again or picks a card).
"""

from __future__ import annotations

import json
import logging
import time

import numpy as np

from ..audio import TARGET_RATE
from ..cancel import CancelToken
from ..serving import Breaker, ServerAddress, ServerTrouble, Trouble, health, post_json_lines
from .base import Transcriber, Transcript

__all__ = ["RemoteTranscriber"]

log = logging.getLogger(__name__)


class RemoteTranscriber:
    name = "remote"

    def __init__(
        self, address: ServerAddress, fallback: Transcriber, breaker: Breaker | None = None
    ) -> None:
        self.address = address
        self.fallback = fallback
        self.breaker = breaker or Breaker(address.breaker_s)
        self.server_languages: frozenset[str] = frozenset()

    def supports(self, lang: str) -> bool:
        return lang in self.server_languages or self.fallback.supports(lang)

    def warm_up(self) -> None:
        self._ask_languages()
        self.fallback.warm_up()

    def _ask_languages(self) -> None:
        """What the server recognises; asked again later if it was down at start-up."""
        try:
            info = health(self.address)
            self.server_languages = frozenset(info.get("speech_languages") or ())
        except ServerTrouble as exc:
            log.warning("speech server not reachable: %s", exc)
            self.breaker.open(exc)

    def transcribe(self, samples: np.ndarray, lang: str) -> Transcript:
        if not self.server_languages and self.breaker.blocked() is None:
            self._ask_languages()  # the box came back: nothing on the kiosk needs a restart
        trouble = self.breaker.blocked()
        if trouble is None and lang in self.server_languages:
            try:
                result = self._remote(samples, lang)
            except ServerTrouble as exc:
                log.warning("speech server failed: %s", exc)
                self.breaker.open(exc)
            else:
                self.breaker.close()
                return result
        if self.fallback.supports(lang):
            return self.fallback.transcribe(samples, lang)
        duration = len(samples) / TARGET_RATE
        return Transcript("", 0.0, lang, 0.0, duration, self.name, 0.0, "server_unreachable")

    def _remote(self, samples: np.ndarray, lang: str) -> Transcript:
        start = time.perf_counter()
        body = np.asarray(samples, dtype="<f4").tobytes()
        path = f"/v1/transcribe?lang={lang}&rate={TARGET_RATE}"
        cancel = CancelToken()  # a clip is seconds long; the engine cancels between jobs
        for message in post_json_lines(
            self.address, path, body, cancel, content_type="application/octet-stream"
        ):
            if message.get("type") == "transcript":
                return Transcript(
                    text=str(message.get("text", "")),
                    confidence=float(message.get("confidence", 0.0)),
                    language=str(message.get("language", lang)),
                    no_speech_prob=float(message.get("no_speech_prob", 0.0)),
                    duration_s=len(samples) / TARGET_RATE,
                    backend=f"remote:{message.get('backend', '?')}",
                    elapsed_s=time.perf_counter() - start,
                    rejected=str(message.get("rejected", "")),
                )
        raise ServerTrouble(Trouble.SERVER, "the server ended the reply without a transcript")


def transcript_to_json(transcript: Transcript) -> str:
    """The server's half: one JSON line for a Transcript."""
    return json.dumps(
        {
            "type": "transcript",
            "text": transcript.text,
            "confidence": transcript.confidence,
            "language": transcript.language,
            "no_speech_prob": transcript.no_speech_prob,
            "backend": transcript.backend,
            "rejected": transcript.rejected,
        }
    )
