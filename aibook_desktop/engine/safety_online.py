"""Online moderation in front of the local word list: the endpoint when a server has one.

The local list (``safety.py``) always runs first and works offline. The moderation endpoint
catches what a word list cannot (a scary idea in harmless words). Local servers (llama.cpp,
Ollama) usually have no ``/moderations``: the first 404 switches it off for this process, and a
network error only skips it for that one check, so moderation never stops a book.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .safety import SafetyResult, check_theme, safe_theme

if TYPE_CHECKING:
    from openai import OpenAI

__all__ = ["DEFAULT_MODERATION_MODEL", "Moderator"]

log = logging.getLogger(__name__)
DEFAULT_MODERATION_MODEL = "omni-moderation-latest"


class Moderator:
    """Checks themes and texts: the local list, then (when reachable) the moderation endpoint."""

    def __init__(
        self,
        client: OpenAI | None,
        model: str = DEFAULT_MODERATION_MODEL,
        timeout_s: float = 10.0,
    ) -> None:
        self.client = client
        self.model = model
        self.timeout_s = timeout_s
        self.available = client is not None

    def flagged(self, texts: Sequence[str]) -> list[tuple[str, ...]] | None:
        """Per text the flagged categories (empty: fine), or None when no verdict was had."""
        if not self.available or self.client is None or not texts:
            return None
        import openai

        try:
            timeout = openai.Timeout(self.timeout_s, connect=min(4.0, self.timeout_s))
            reply = self.client.moderations.create(
                input=list(texts), model=self.model, timeout=timeout
            )
        except (openai.NotFoundError, openai.PermissionDeniedError) as exc:
            self.available = False
            log.info("no moderation endpoint at this server (%s); local word list only", exc)
            return None
        except openai.OpenAIError as exc:
            log.warning("moderation failed this time (%r); local word list only", exc)
            return None
        verdicts: list[tuple[str, ...]] = []
        for result in reply.results:
            if not result.flagged:
                verdicts.append(())
                continue
            categories = result.categories.model_dump(by_alias=True)
            verdicts.append(tuple(sorted(k for k, v in categories.items() if v)) or ("flagged",))
        if len(verdicts) != len(texts):
            log.warning("moderation answered %d of %d texts", len(verdicts), len(texts))
            return None
        return verdicts

    def check_theme(self, theme: str, lang: str) -> SafetyResult:
        """Words softened locally; a theme the endpoint flags is replaced by a gentle one."""
        local = check_theme(theme, lang)
        verdict = self.flagged([local.text])
        if verdict and verdict[0]:
            reasons = (*local.reasons, *(f"moderation:{c}" for c in verdict[0]))
            return SafetyResult(False, safe_theme(lang), reasons)
        return local
