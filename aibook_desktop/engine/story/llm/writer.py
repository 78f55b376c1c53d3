"""OpenAIStoryWriter: the whole book plan in ONE streamed, structured call to any
OpenAI-compatible server, each page handed on the moment its JSON object closes.

What can go wrong is handled here, bounded and cancellable: a server without structured output
gets JSON mode, then plain JSON (remembered for later books); a network error, timeout, 429 or
5xx is retried with back-off; a stream that broke off after some pages is *continued* (the
model gets the story so far and writes only the missing pages); unreadable JSON gets one repair
round. Anything else raises ``StoryBackendError``, and the job falls back to the offline
storyteller (see ``jobs.py``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ...book import BookRequest, PagePlan, Provenance, StoryHeader, Theme
from ...cancel import Cancelled, CancelToken
from ...events import Notice
from ...openai_api import make_client
from ...safety import SafetyResult
from ...safety.gate import SAFE_SHEET, SAFE_STYLE, gate_header
from ...safety_online import Moderator
from .. import StoryPart
from .call import CallError, InvalidReply, Mode, StreamedCall
from .config import OpenAIStoryConfig
from .jsonstream import Completed
from .pages import PageChecker
from .prompts import continue_message, repair_message, story_messages
from .schema import PlanPageModel, StoryPlanModel, pages_response_format, plan_response_format

if TYPE_CHECKING:
    from openai import OpenAI

__all__ = ["OpenAIStoryWriter", "StoryBackendError"]

log = logging.getLogger(__name__)
Notify = Callable[[Notice], None]
_HEADER = ("title", "hero_sheet", "art_style")
_NO_SOURCE = Provenance(backend="openai")
_DOWNGRADE = {Mode.JSON_SCHEMA: Mode.JSON_OBJECT, Mode.JSON_OBJECT: Mode.PLAIN}


class StoryBackendError(RuntimeError):
    """The server could not tell this story; the message says why (for the parent view)."""


class OpenAIStoryWriter:
    """StoryWriter for any OpenAI-compatible Chat Completions server (hosted or local).

    Retries, reply-format changes and replaced pages reach the parent view through
    ``notify`` as ``Notice`` events; ``check_theme`` asks the moderation endpoint.
    """

    name = "openai"

    def __init__(self, config: OpenAIStoryConfig, client: OpenAI | None = None) -> None:
        self.config = config
        self.client = client if client is not None else make_client(config)
        self.moderator = Moderator(self.client if config.moderation else None)
        # What the server turned down is remembered for later books: the reply format is
        # lowered a step at a time, and an option a model rejects is no longer sent.
        self.mode = config.mode or Mode.JSON_SCHEMA
        self.temperature = config.temperature
        self.send_seed = True
        self._theme_verdicts: dict[tuple[str, str], SafetyResult] = {}

    def check_theme(self, theme: str, lang: str) -> SafetyResult:
        """The local word list, then the moderation endpoint (BookMaker calls this first)."""
        key = (theme, lang)
        if key not in self._theme_verdicts:
            if len(self._theme_verdicts) > 64:  # a kiosk runs for days; keep only recent ones
                self._theme_verdicts.clear()
            result = self._theme_verdicts[key] = self.moderator.check_theme(theme, lang)
            # A redirected theme's gentle text is what the endpoint just saw (or the hand-written
            # fallback), and BookMaker hands the writer exactly that: no second round trip.
            if not result.safe:
                self._theme_verdicts[(result.text, lang)] = SafetyResult(True, result.text)
        return self._theme_verdicts[key]

    def write(
        self, request: BookRequest, cancel: CancelToken, notify: Notify | None = None
    ) -> Iterator[StoryPart]:
        yield from _Run(self, request, cancel, notify or _ignore).parts()


def _ignore(notice: Notice) -> None:
    log.info("%s: %s", notice.code, notice.detail)


class _Run:
    """One book's story: what was handed on so far decides how a failure is recovered."""

    def __init__(
        self, writer: OpenAIStoryWriter, request: BookRequest, cancel: CancelToken, notify: Notify
    ) -> None:
        self.writer, self.config = writer, writer.config
        self.cancel, self.notify = cancel, notify
        result = writer.check_theme(request.theme.text, request.lang)
        if not result.safe:
            notify(Notice("theme_redirected", f"{', '.join(result.reasons)} -> {result.text}"))
            theme = Theme(result.text, request.theme.source, original_text=request.theme.text)
            request = replace(request, theme=theme)
        self.request = request
        self.fields: dict[str, str] = {}
        self.header: StoryHeader | None = None
        self.pages: list[PagePlan] = []
        self.waiting: dict[int, PlanPageModel] = {}  # pages that came before the header
        self.offset = 0  # index of the reply's first page (a continued story starts later)
        self.checker = PageChecker(
            writer.client, self.config.model, writer.moderator, request, cancel, notify
        )

    # ---- the loop -----------------------------------------------------------------------------
    def parts(self) -> Iterator[StoryPart]:
        failures, repaired = 0, False
        broken: InvalidReply | None = None
        while len(self.pages) < self.request.pages:
            self.cancel.check()
            call = self._call(broken)
            broken = None
            try:
                for item in call:
                    yield from self._take(item, call.mode)
                self._finish(call)
            except InvalidReply as exc:
                if repaired:
                    raise StoryBackendError(f"the reply stayed unreadable: {exc.reason}") from exc
                repaired, broken = True, InvalidReply(exc.reason, exc.text or call.text)
                log.warning("story reply unreadable (%s); one repair round", exc.reason)
                self.notify(Notice("story_repair", exc.reason[:300]))
            except CallError as exc:
                failures = self._after_failure(exc, failures)

    def _after_failure(self, exc: CallError, failures: int) -> int:
        writer = self.writer
        if exc.bad_option == "temperature" and writer.temperature is not None:
            log.warning("%s; using the model's default temperature", exc.reason)
            writer.temperature = None
            return failures
        if exc.bad_option == "seed" and writer.send_seed:
            log.warning("%s; not sending a seed", exc.reason)
            writer.send_seed = False
            return failures
        if exc.format_unsupported and self.writer.mode in _DOWNGRADE:
            lower = _DOWNGRADE[self.writer.mode]
            log.warning("%s; asking for %s instead", exc.reason, lower)
            self.notify(Notice("story_format", f"{exc.reason}; using {lower}"))
            self.writer.mode = lower
            return failures
        if not exc.retryable:
            raise StoryBackendError(exc.reason) from exc
        failures += 1
        if failures > self.config.retries:
            raise StoryBackendError(f"{exc.reason} (gave up after {failures} tries)") from exc
        delay = self.config.backoff(failures, exc.retry_after)
        log.warning("%s; trying again in %.2f s", exc.reason, delay)
        self.notify(Notice("story_retry", f"{exc.reason}; try {failures + 1}"))
        if self.cancel.wait(delay):
            raise Cancelled()
        return failures

    # ---- building the next call -----------------------------------------------------------------
    def _call(self, broken: InvalidReply | None) -> StreamedCall:
        mode = self.writer.mode
        messages = story_messages(self.request, structured=mode is Mode.JSON_SCHEMA)
        fmt = plan_response_format(self.request.pages, self.request.bilingual)
        self.offset = 0
        if self.header is not None:  # something was handed on: only ever continue the story
            first = self.offset = len(self.pages)
            messages += [
                {"role": "assistant", "content": json.dumps(self._so_far(), ensure_ascii=False)},
                continue_message(self.request, self._so_far(), first),
            ]
            fmt = pages_response_format(self.request.pages - first, self.request.bilingual)
        elif broken is not None:
            messages += [
                {"role": "assistant", "content": broken.text[-6000:]},
                repair_message(self.request.lang, broken.reason),
            ]
        return StreamedCall(
            self.writer.client, model=self.config.model, messages=messages, mode=mode,
            response_format=fmt, cancel=self.cancel, temperature=self.writer.temperature,
            seed=self.request.seed if self.writer.send_seed else None,
        )  # fmt: skip

    def _so_far(self) -> dict[str, Any]:
        pages = []
        for p in self.pages:
            page: dict[str, str] = {"text": p.text}
            if self.request.bilingual:
                page["text_alt"] = p.text_alt or ""
            page["scene_prompt"] = p.scene_prompt
            pages.append(page)
        return {**self.fields, "pages": pages}

    # ---- taking the reply apart ---------------------------------------------------------------
    def _take(self, item: Completed, mode: Mode) -> Iterator[StoryPart]:
        path = item.path
        if len(path) == 1 and path[0] in _HEADER and self.header is None:
            if not isinstance(item.value, str) or not item.value.strip():
                raise InvalidReply(f"{path[0]} is not a text", "")  # repair shows the reply
            self.fields[str(path[0])] = item.value.strip()
            if all(k in self.fields for k in _HEADER):
                yield self._make_header()
                for index in sorted(self.waiting):
                    yield from self._page(index, self.waiting.pop(index), mode)
        elif len(path) == 2 and path[0] == "pages" and isinstance(path[1], int):
            index = self.offset + path[1]
            try:
                page = PlanPageModel.model_validate(item.value)
            except ValidationError as exc:
                raise InvalidReply(f"page {index + 1} is incomplete: {exc}", "") from exc
            if self.header is None:
                self.waiting[index] = page
            else:
                yield from self._page(index, page, mode)

    def _page(self, index: int, page: PlanPageModel, mode: Mode) -> Iterator[StoryPart]:
        if index != len(self.pages):
            if index >= self.request.pages:
                log.info("ignoring extra page %d", index + 1)
            return  # already handed on (a repaired or continued reply repeats it)
        assert self.header is not None
        alt = page.text_alt if self.request.bilingual else None
        if self.request.bilingual and not alt:
            log.warning("page %d came without its second language", index + 1)
        plan = PagePlan(index, page.text, page.scene_prompt, alt)
        plan = self.checker.check(plan, self.header.title, mode)
        self.pages.append(plan)
        yield plan

    def _make_header(self) -> StoryHeader:
        # The title is shown and spoken, the sheet and style go into every picture prompt:
        # all three pass the local rules and the moderation endpoint (where there is one).
        header = StoryHeader(
            self.fields["title"], self.fields["hero_sheet"], self.fields["art_style"], _NO_SOURCE
        )
        header, _report = gate_header(header, self.request.lang, self.request.hero)
        title, sheet, style = header.title, header.hero_sheet, header.art_style
        verdict = self.writer.moderator.flagged([title, sheet, style])
        if verdict and verdict[0]:
            log.warning("moderation flagged the title %r; using the hero's name", title)
            title = self.request.hero.name
        if verdict and verdict[1]:
            log.warning("moderation flagged the hero sheet; using a plain one")
            sheet = SAFE_SHEET
        if verdict and verdict[2]:
            log.warning("moderation flagged the art style; using a plain one")
            style = SAFE_STYLE
        mode = self.writer.mode
        self.header = StoryHeader(
            title=title,
            hero_sheet=sheet,
            art_style=style,
            provenance=Provenance(
                backend=self.writer.name,
                model=self.config.model,
                seed=self.request.seed,
                prompt=story_messages(self.request, structured=True)[1]["content"],
                ai_generated=True,
                note=None if mode is Mode.JSON_SCHEMA else f"reply format: {mode}",
            ),
        )
        return self.header

    def _finish(self, call: StreamedCall) -> None:
        """The reply is complete: anything still missing is a broken reply."""
        if self.header is None:
            missing = [k for k in _HEADER if k not in self.fields]
            raise InvalidReply(f"the reply has no {', '.join(missing)}", call.text)
        if self.offset == 0:
            try:
                StoryPlanModel.model_validate(call.value)
            except ValidationError as exc:
                raise InvalidReply(f"the reply does not fit the schema: {exc}", call.text) from exc
        if len(self.pages) < self.request.pages:
            raise CallError(
                f"the reply had {len(self.pages)} of {self.request.pages} pages", retryable=True
            )
