"""Each streamed page is checked before it is handed on: gentle (word list + moderation) and of
the child's reading length; one rewrite is asked for, and what still fails is accepted or swapped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from pydantic import ValidationError

from ...book import BookRequest, PagePlan
from ...cancel import Cancelled, CancelToken
from ...events import Notice
from ...safety import check_output, check_text
from ..offline.writer import OfflineStoryWriter, page_length, page_length_bounds
from .call import CallError, Mode, StreamedCall
from .prompts import rewrite_messages
from .schema import RewriteModel, rewrite_response_format

if TYPE_CHECKING:
    from openai import OpenAI

    from ...safety_online import Moderator

__all__ = ["PageChecker"]

log = logging.getLogger(__name__)
Notify = Callable[[Notice], None]


class PageChecker:
    """Turns a page the model wrote into a PagePlan a child may read."""

    def __init__(
        self,
        client: OpenAI,
        model: str,
        moderator: Moderator,
        request: BookRequest,
        cancel: CancelToken,
        notify: Notify,
    ) -> None:
        self.client, self.model, self.moderator = client, model, moderator
        self.request, self.cancel, self.notify = request, cancel, notify
        self.bounds = page_length_bounds(request.lang, request.age)
        self._offline: list[PagePlan] | None = None

    def check(self, page: PagePlan, title: str, mode: Mode) -> PagePlan:
        page = self._soften(page)
        flagged = self._flagged(page)
        problem = self._length_problem(page.text)
        if flagged:
            problem = "it is not gentle enough for a small child"
        if problem is None:
            return page
        rewritten = self._rewrite(page, title, problem, mode)
        if rewritten is not None:
            rewritten = self._soften(rewritten)
            if not self._flagged(rewritten):
                flagged = False
                page = rewritten
        if flagged:
            return self._replace_unsafe(page)
        problem = self._length_problem(page.text)
        if problem is not None:
            log.info("page %d accepted as it is: %s", page.index + 1, problem)
        return page

    # ---- safety -------------------------------------------------------------------------------
    def _soften(self, page: PagePlan) -> PagePlan:
        """The local rules on every text of the page (instant and offline): mild words are
        softened here; serious trouble is left for ``_flagged`` (a rewrite, then a swap)."""
        lang, other = self.request.lang, "en" if self.request.lang == "ko" else "ko"
        text = check_text(page.text, lang)
        scene = check_text(page.scene_prompt, "en")
        alt = check_text(page.text_alt, other) if page.text_alt else None
        reasons = (*text.reasons, *scene.reasons, *(alt.reasons if alt else ()))
        if reasons:
            log.info("page %d checked locally: %s", page.index + 1, ", ".join(reasons))
        return replace(
            page, text=text.text, scene_prompt=scene.text, text_alt=alt.text if alt else None
        )

    def _flagged(self, page: PagePlan) -> bool:
        """Serious trouble by the local rules or the moderation endpoint, in the texts or in
        the scene prompt the picture model will see."""
        texts = [page.text, page.scene_prompt] + ([page.text_alt] if page.text_alt else [])
        local = [t for t in texts if check_output(t, self.request.lang).replaced]
        if local:
            log.warning("page %d is not gentle (local rules)", page.index + 1)
            return True
        verdicts = self.moderator.flagged(texts)
        if verdicts and any(verdicts):
            log.warning("moderation flagged page %d: %s", page.index + 1, verdicts)
            return True
        return False

    def _replace_unsafe(self, page: PagePlan) -> PagePlan:
        """A page that stays flagged after a rewrite is swapped for the offline storyteller's
        page at the same place: a little less coherent, always gentle."""
        if self._offline is None:
            self._offline = [
                p for p in OfflineStoryWriter().write(self.request, self.cancel)
                if isinstance(p, PagePlan)
            ]  # fmt: skip
        swap = self._offline[page.index]
        self.notify(Notice("page_replaced", f"page {page.index + 1} was not gentle enough"))
        return replace(swap, index=page.index)

    # ---- length -------------------------------------------------------------------------------
    def _length_problem(self, text: str) -> str | None:
        lo, hi = self.bounds
        n = page_length(text, self.request.lang)
        if lo <= n <= hi:
            return None
        unit = "characters without spaces" if self.request.lang == "ko" else "words"
        return f"it has {n} {unit} but must have {lo} to {hi}"

    # ---- one rewrite --------------------------------------------------------------------------
    def _rewrite(self, page: PagePlan, title: str, problem: str, mode: Mode) -> PagePlan | None:
        messages = rewrite_messages(self.request, title, page.index, page.text, problem)
        call = StreamedCall(
            self.client, model=self.model, messages=messages, mode=mode,
            response_format=rewrite_response_format(self.request.bilingual), cancel=self.cancel,
        )  # fmt: skip
        try:
            for _ in call:
                pass
            reply = RewriteModel.model_validate(call.value)
        except Cancelled:
            raise
        except (CallError, ValidationError) as exc:
            log.warning("rewriting page %d failed (%s); keeping it", page.index + 1, exc)
            return None
        log.info("page %d rewritten (%s)", page.index + 1, problem)
        alt = reply.text_alt if self.request.bilingual else None
        return replace(page, text=reply.text, text_alt=alt or page.text_alt)
