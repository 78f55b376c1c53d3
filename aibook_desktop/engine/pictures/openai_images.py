"""OpenAIImageIllustrator: pictures from OpenAI's images API, for machines with a key but no GPU.

The request runs on a helper thread while the drawing thread polls the cancel token, so a slow
server never holds the Stop button hostage. GPT image models stream partial pictures, which
become previews. A page the API refuses on content grounds is drawn by the embedded painter
(and its provenance says so); network trouble is retried per settings and then raised, so the
job's own per-page fallback takes over.
"""

from __future__ import annotations

import base64
import binascii
import io
import logging
import math
import queue
import threading
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import openai
from PIL import Image, ImageOps, UnidentifiedImageError

from ..book import Provenance
from ..cancel import Cancelled, CancelToken
from ..openai_api import (
    CONNECT_TIMEOUT_S,
    OpenAIServer,
    abort_stream,
    make_client,
    retry_after_s,
    retryable_status,
)
from . import Illustrator, Picture, PictureRequest, PreviewCallback, StepCallback
from .prompts import CHILD_SAFE_NEGATIVE, build_prompt

if TYPE_CHECKING:
    from openai import OpenAI

    from ..settings import Settings

__all__ = [
    "POLICY_CODES",
    "OpenAIImageConfig",
    "OpenAIImageError",
    "OpenAIImageIllustrator",
    "api_size",
    "image_prompt",
]

log = logging.getLogger(__name__)
POLICY_CODES = frozenset({"content_policy_violation", "moderation_blocked"})
POLL_S = 0.1  # how often the drawing thread looks at the cancel token while the server works
PREVIEW_PX = 256
_GPT_SIZES = ((1024, 1024), (1536, 1024), (1024, 1536))
_DALLE3_SIZES = ((1024, 1024), (1792, 1024), (1024, 1792))
# Of the SDXL negative prompt only these are said (as "Avoid: ..."): naming the unsafe ones to
# a hosted model, even as "no ...", can trip its moderation; _SAFE_WORDING asks positively.
_SAYABLE = frozenset(
    ("text", "letters", "watermark", "signature", "deformed", "extra limbs", "bad anatomy",
     "blurry", "lowres")
)  # fmt: skip
_SAFE_WORDING = (
    "Gentle and safe for children aged 3 to 8: kind faces, soft friendly colours, "
    "nothing frightening, violent or grown-up"
)


class OpenAIImageError(RuntimeError):
    """The images API gave no usable picture (after the retries); the message says why."""


class _StreamEnded(OpenAIImageError):
    """The stream closed before the finished picture: worth another try."""


class _Declined(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code, self.message = code, message


@dataclass(frozen=True)
class OpenAIImageConfig:
    server: OpenAIServer  # address, key, retries and back-off: shared with the stories
    model: str = "gpt-image-2"
    quality: str = "auto"  # GPT image models only: auto | low | medium | high
    partial_images: int = 2  # streamed previews per page (GPT image models); 0: no stream
    timeout_s: float = 180.0  # the longest silence from the server (a whole page, unstreamed)

    @classmethod
    def from_settings(cls, settings: Settings) -> OpenAIImageConfig:
        return cls(
            server=OpenAIServer.from_settings(settings),
            model=settings.openai_image_model,
            quality=settings.openai_image_quality,
            partial_images=settings.openai_image_partial_images,
            timeout_s=settings.openai_image_timeout_s,
        )

    @property
    def legacy(self) -> bool:
        """DALL-E models: no streaming, no quality words, b64 only when asked for."""
        return self.model.lower().startswith("dall-e")

    def unavailable_reason(self) -> str | None:
        if self.server.api_key or self.server.base_url:
            return None
        return (
            "the openai picture backend has no API key (parent area / OS keyring or "
            "OPENAI_API_KEY) and no server address (setting openai_base_url or OPENAI_BASE_URL)"
        )


def api_size(model: str, width: int, height: int) -> tuple[int, int]:
    """The size the model accepts closest in shape to the page; the result is fitted after."""
    name = model.lower()
    if name.startswith("dall-e-2"):
        side = next((s for s in (256, 512) if max(width, height) <= s), 1024)
        return side, side
    sizes = _DALLE3_SIZES if name.startswith("dall-e-3") else _GPT_SIZES
    want = math.log(width / height)
    return min(sizes, key=lambda s: abs(math.log(s[0] / s[1]) - want))


def image_prompt(request: PictureRequest) -> str:
    """The SDXL prompt (hero sheet first, scene, style) plus the child-safe wording as text:
    the API has no negative prompt."""
    avoid = [t.strip() for t in CHILD_SAFE_NEGATIVE.split(",") if t.strip() in _SAYABLE]
    return f"{build_prompt(request)}. {_SAFE_WORDING}." + (
        f" Avoid: {', '.join(avoid)}." if avoid else ""
    )


def decode_picture(b64: str | None, what: str) -> Image.Image:
    if not b64:
        raise OpenAIImageError(f"the picture server's {what} carries no picture (no b64_json)")
    try:
        raw = base64.b64decode(b64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise OpenAIImageError(f"the picture server's {what} is not valid base64 ({exc})") from exc
    try:
        with Image.open(io.BytesIO(raw), formats=("PNG", "WEBP", "JPEG")) as image:
            image.load()
            return image.convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        reason = f"the picture server's {what} is not a PNG/WEBP/JPEG picture ({exc})"
        raise OpenAIImageError(reason) from exc


class _Attempt:
    """One request on a daemon thread, reporting ("partial"|"final"|"error", value) on a queue.

    A cancelled streamed request is aborted at the socket; one still waiting for its whole
    reply is left to end (or time out) on its own thread, and its picture is thrown away.
    """

    def __init__(self, client: OpenAI, kwargs: dict[str, Any]) -> None:
        self.client, self.kwargs = client, kwargs
        self.events: queue.Queue[tuple[str, Any]] = queue.Queue()
        self.stream: Any = None
        self.abandoned = threading.Event()
        self.thread = threading.Thread(target=self._run, name="openai-picture", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            result: Any = self.client.images.generate(**self.kwargs)
            if not self.kwargs.get("stream"):
                data = getattr(result, "data", None) or []
                self.events.put(("final", data[0].b64_json if data else None))
                return
            self.stream = result
            if self.abandoned.is_set():
                abort_stream(result)
                return
            with result:
                for event in result:
                    if self.abandoned.is_set():
                        return
                    kind = str(getattr(event, "type", ""))
                    if kind.endswith("partial_image"):
                        self.events.put(("partial", (event.b64_json, event.partial_image_index)))
                    elif kind.endswith("completed"):
                        self.events.put(("final", event.b64_json))
                        return
            raise _StreamEnded("the picture stream ended before the finished picture")
        except BaseException as exc:  # handed to the drawing thread, which decides
            self.events.put(("error", exc))

    def abort(self) -> None:
        self.abandoned.set()
        if self.stream is not None:
            abort_stream(self.stream)


class OpenAIImageIllustrator:
    """Draws each page with one images API call (streamed where the model can)."""

    name = "openai"

    def __init__(
        self,
        config: OpenAIImageConfig,
        client: OpenAI | None = None,
        fallback: Illustrator | None = None,
    ) -> None:
        self.config = config
        self.client = client or make_client(config.server)
        if fallback is None:
            from .sketch import SketchIllustrator

            fallback = SketchIllustrator()
        self.fallback = fallback
        self._stream = not config.legacy and config.partial_images > 0

    def draw(
        self,
        request: PictureRequest,
        cancel: CancelToken,
        progress: StepCallback | None = None,
        preview: PreviewCallback | None = None,
    ) -> Picture:
        cancel.check()
        prompt = image_prompt(request)
        size = api_size(self.config.model, request.width, request.height)
        try:
            b64, notes = self._generate(prompt, size, cancel, progress, preview)
        except _Declined as declined:
            log.warning("page %d declined by OpenAI: %s", request.page_index + 1, declined)
            picture = self.fallback.draw(request, cancel, progress)
            note = (
                f"OpenAI {self.config.model} declined this page ({declined.code}: "
                f"{declined.message[:160]}); drawn by the {self.fallback.name} painter instead"
            )
            return Picture(picture.image, replace(picture.provenance, note=note))
        image = decode_picture(b64, "reply")
        if image.size != (request.width, request.height):
            notes.append(f"drawn at {image.width}x{image.height}, fitted to the page")
            image = ImageOps.fit(image, (request.width, request.height), Image.Resampling.LANCZOS)
        notes += [
            "not reproducible: the images API takes no seed (the seed is kept for redraws only)",
            "checked by OpenAI's own moderation",
        ]
        provenance = Provenance(
            backend="openai", model=self.config.model, seed=request.seed, prompt=prompt,
            ai_generated=True, note="; ".join(notes),
        )  # fmt: skip
        return Picture(image, provenance)

    def _kwargs(self, prompt: str, size: tuple[int, int], stream: bool) -> dict[str, Any]:
        timeout = openai.Timeout(self.config.timeout_s, connect=CONNECT_TIMEOUT_S)
        kwargs: dict[str, Any] = dict(
            model=self.config.model, prompt=prompt, size=f"{size[0]}x{size[1]}", n=1,
            timeout=timeout,
        )  # fmt: skip
        if self.config.legacy:
            kwargs["response_format"] = "b64_json"
        elif self.config.quality != "auto":
            kwargs["quality"] = self.config.quality
        if stream:
            kwargs.update(stream=True, partial_images=self.config.partial_images)
        return kwargs

    def _generate(
        self,
        prompt: str,
        size: tuple[int, int],
        cancel: CancelToken,
        progress: StepCallback | None,
        preview: PreviewCallback | None,
    ) -> tuple[str | None, list[str]]:
        """Tries, with back-off, until a reply, a refusal (``_Declined``) or a final error."""
        server, failures, notes = self.config.server, 0, []
        while True:
            stream = self._stream
            try:
                b64 = self._attempt(self._kwargs(prompt, size, stream), cancel, progress, preview)
            except (openai.OpenAIError, OpenAIImageError, OSError) as exc:
                cancel.check()
                declined = _declined(exc)
                if declined is not None:
                    raise declined from exc
                status = getattr(exc, "status_code", None)
                if stream and status in (400, 422) and "stream" in str(exc).lower():
                    log.info("the server cannot stream pictures (%s); asking for whole ones", exc)
                    self._stream = False
                    notes.append("this server does not stream pictures")
                    continue
                if not _retryable(exc) or failures >= server.retries:
                    raise OpenAIImageError(f"OpenAI pictures failed: {exc}") from exc
                failures += 1
                delay = server.backoff(failures, retry_after_s(exc))
                log.warning("picture request failed (%s); try %d in %.1fs", exc, failures + 1,
                            delay)  # fmt: skip
                if cancel.wait(delay):
                    raise Cancelled() from exc
                continue
            if failures:
                notes.append(f"{failures} failed tries before this picture")
            return b64, notes

    def _attempt(
        self,
        kwargs: dict[str, Any],
        cancel: CancelToken,
        progress: StepCallback | None,
        preview: PreviewCallback | None,
    ) -> str | None:
        steps = 1 + (kwargs["partial_images"] if kwargs.get("stream") else 0)
        if progress is not None:
            progress(0, steps)
        attempt = _Attempt(self.client, kwargs)
        try:
            while True:
                try:
                    kind, value = attempt.events.get(timeout=POLL_S)
                except queue.Empty:
                    cancel.check()
                    continue
                cancel.check()
                if kind == "error":
                    raise value
                if kind == "final":
                    if progress is not None:
                        progress(steps, steps)
                    return str(value) if value is not None else None
                b64, index = value
                step = min(int(index) + 1, steps - 1)
                if preview is not None:
                    try:
                        small = decode_picture(b64, "partial picture")
                    except OpenAIImageError as exc:  # a broken preview is not a broken page
                        log.info("skipping a preview: %s", exc)
                    else:
                        small.thumbnail((PREVIEW_PX, PREVIEW_PX))
                        preview(small, step, steps)
                if progress is not None:
                    progress(step, steps)
        except BaseException:
            if attempt.thread.is_alive():  # never shut a finished (pooled) connection down
                attempt.abort()
            raise


def _declined(exc: BaseException) -> _Declined | None:
    """A content-policy refusal: asking again will not help, the embedded painter will."""
    code = str(getattr(exc, "code", None) or "")
    message = str(getattr(exc, "message", exc))
    if code in POLICY_CODES:
        return _Declined(code, message)
    if getattr(exc, "status_code", None) == 400 and "safety system" in message.lower():
        return _Declined(code or "safety_system", message)
    return None


def _retryable(exc: BaseException) -> bool:
    """Network trouble, timeouts, 408/409/429/5xx and streams that broke off are worth a wait."""
    if isinstance(exc, openai.APIConnectionError | OSError | _StreamEnded):
        return True
    if isinstance(exc, openai.APIStatusError):
        return retryable_status(exc.status_code)
    return isinstance(exc, openai.APIError)  # an error event inside the stream
