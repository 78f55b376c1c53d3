"""One streamed Chat Completions call, read incrementally, with its failures sorted by remedy.

A failure is either worth another try (network, timeout, 429, 5xx, a stream that broke off),
a sign the server lacks a reply format (400 on ``response_format``), a refusal, unreadable
output, or final (a rejected key, an unknown model). The caller decides what to do with each.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import openai

from ...cancel import Cancelled, CancelToken
from ...openai_api import abort_stream, retry_after_s, retryable_status
from .jsonstream import Completed, JSONStream, JSONStreamError
from .prompts import Message

if TYPE_CHECKING:
    from openai import OpenAI

__all__ = [
    "CallError",
    "InvalidReply",
    "Mode",
    "Refused",
    "StreamedCall",
]

log = logging.getLogger(__name__)
_OPTIONS = ("temperature", "seed")  # optional request fields some models or servers reject


class Mode(StrEnum):
    """How the reply's shape is asked for, from the best to the most widely supported."""

    JSON_SCHEMA = "json_schema"  # strict structured output
    JSON_OBJECT = "json_object"  # "JSON mode": valid JSON, shape from the prompt
    PLAIN = "plain"  # no response_format at all; shape from the prompt


class CallError(RuntimeError):
    """A call that did not give a usable reply; ``retryable`` says whether waiting may help."""

    def __init__(
        self,
        reason: str,
        *,
        retryable: bool = False,
        retry_after: float | None = None,
        format_unsupported: bool = False,
        bad_option: str | None = None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable
        self.retry_after = retry_after
        self.format_unsupported = format_unsupported
        self.bad_option = bad_option  # "temperature" or "seed": a model that rejects it


class Refused(CallError):
    """The model declined (a refusal or a content filter); asking again will not help."""


class InvalidReply(CallError):
    """The reply was not the JSON we asked for; ``text`` is what arrived, for a repair round."""

    def __init__(self, reason: str, text: str) -> None:
        super().__init__(reason)
        self.text = text


def classify(exc: openai.OpenAIError, mode: Mode) -> CallError:
    """Turn an SDK exception into a CallError that says what may help."""
    if isinstance(exc, openai.APITimeoutError):
        return CallError("the story server timed out", retryable=True)
    if isinstance(exc, openai.APIConnectionError):
        return CallError(f"lost the story server ({exc.__cause__ or exc})", retryable=True)
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        what = f"HTTP {status}: {exc.message}"
        if status == 401:
            return CallError(f"the story server rejected the API key ({what})")
        if status == 429:
            wait = retry_after_s(exc)
            return CallError(f"rate limited ({what})", retryable=True, retry_after=wait)
        lowered = str(exc.message).lower()
        bad = next((o for o in _OPTIONS if o in lowered), None) if status in (400, 422) else None
        if bad is not None:  # e.g. reasoning models accept only the default temperature
            return CallError(f"the model rejects {bad} ({what})", bad_option=bad)
        if status in (400, 422) and mode is not Mode.PLAIN:
            reason = f"the server refused the reply format ({what})"
            return CallError(reason, format_unsupported=True)
        return CallError(what, retryable=retryable_status(status))
    # an "error" event inside the stream, or anything else the SDK raises mid-call
    return CallError(f"the story server failed ({exc})", retryable=True)


class _CancelWatch:
    """Aborts the stream from a helper thread when cancel is asked, so a stalled server cannot
    hold a child's Stop button hostage until the read timeout."""

    def __init__(self, stream: Any, cancel: CancelToken) -> None:
        self.stream, self.cancel = stream, cancel
        self.finished = threading.Event()
        self.thread = threading.Thread(target=self._watch, name="story-cancel", daemon=True)

    def _watch(self) -> None:
        while not self.finished.is_set():
            if self.cancel.wait(0.02):
                abort_stream(self.stream)
                return

    def __enter__(self) -> _CancelWatch:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.finished.set()
        self.thread.join()


class StreamedCall:
    """Iterate to get each completed top-level field / list item as it arrives.

    After the iteration ends, ``value`` holds the whole parsed reply and ``text`` the raw text.
    """

    def __init__(
        self,
        client: OpenAI,
        *,
        model: str,
        messages: list[Message],
        mode: Mode,
        response_format: dict[str, Any] | None,
        cancel: CancelToken,
        temperature: float | None = None,
        seed: int | None = None,
        timeout_s: float | None = None,
    ) -> None:
        self.client, self.model, self.messages, self.mode = client, model, messages, mode
        self.response_format = response_format
        self.cancel = cancel
        self.temperature, self.seed, self.timeout_s = temperature, seed, timeout_s
        self.parser = JSONStream(max_depth=2)
        self.value: Any = None

    @property
    def text(self) -> str:
        return self.parser.text

    def _kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"model": self.model, "messages": self.messages, "stream": True}
        if self.mode is Mode.JSON_SCHEMA and self.response_format is not None:
            kwargs["response_format"] = self.response_format
        elif self.mode is Mode.JSON_OBJECT:
            kwargs["response_format"] = {"type": "json_object"}
        if self.temperature is not None:
            kwargs["temperature"] = self.temperature
        if self.seed is not None:
            kwargs["seed"] = self.seed
        if self.timeout_s is not None:
            kwargs["timeout"] = self.timeout_s
        return kwargs

    def __iter__(self) -> Iterator[Completed]:
        self.cancel.check()
        try:
            stream = self.client.chat.completions.create(**self._kwargs())
        except openai.OpenAIError as exc:
            self.cancel.check()
            raise classify(exc, self.mode) from exc
        refusal: list[str] = []
        finish: str | None = None
        try:
            with _CancelWatch(stream, self.cancel), stream:
                for chunk in stream:
                    if not chunk.choices:
                        continue
                    choice = chunk.choices[0]
                    delta = choice.delta
                    if delta is not None and getattr(delta, "refusal", None):
                        refusal.append(delta.refusal or "")
                    if delta is not None and delta.content:
                        yield from self.parser.feed(delta.content)
                    if choice.finish_reason:
                        finish = choice.finish_reason
                    self.cancel.check()
        except JSONStreamError as exc:
            self.cancel.check()
            raise InvalidReply(f"the reply is not valid JSON: {exc}", self.text) from exc
        except openai.OpenAIError as exc:
            self.cancel.check()
            raise classify(exc, self.mode) from exc
        except Cancelled:
            raise
        except Exception as exc:  # a socket error the SDK did not wrap (e.g. our own abort)
            self.cancel.check()
            raise CallError(f"the stream broke ({exc!r})", retryable=True) from exc
        self.cancel.check()
        self._finish(refusal, finish)

    def _finish(self, refusal: list[str], finish: str | None) -> None:
        if refusal:
            raise Refused(f"the model refused: {''.join(refusal)[:200]}")
        if finish == "content_filter":
            raise Refused("the server's content filter stopped the reply")
        if finish is None and not self.parser.done:  # a reply that closed its JSON is whole
            raise CallError("the stream ended before the reply was finished", retryable=True)
        if finish == "length" and not self.parser.done:
            raise CallError("the reply was cut off at the token limit", retryable=True)
        try:
            self.value = self.parser.close()
        except JSONStreamError as exc:
            raise InvalidReply(f"the reply is not valid JSON: {exc}", self.text) from exc
        if not isinstance(self.value, dict):
            raise InvalidReply("the reply is JSON but not an object", self.text)
