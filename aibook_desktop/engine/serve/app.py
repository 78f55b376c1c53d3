"""The Ray Serve application: a gateway, the painter and the recogniser as deployments.

Built from the engine's own backends (``make_illustrator``, ``make_transcriber``), so a server
draws exactly what a kiosk with the same GPU would. Pictures and speech are separate
deployments with fractional GPU shares, so both fit one card; more GPU boxes join as Ray nodes
and the same deployments spread over them. The server keeps no child audio and no books: a
request is drawn or recognised, answered, and forgotten.
"""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import io
import json
import logging
from collections.abc import AsyncIterator, Sequence
from typing import TYPE_CHECKING, Any

from ..cancel import Cancelled, CancelToken
from .config import ServeConfig
from .scheduler import Job, PageScheduler

if TYPE_CHECKING:
    from PIL import Image

    from ..settings import Settings

__all__ = ["APP_NAME", "build_app", "serve_forever", "start"]

log = logging.getLogger(__name__)
APP_NAME = "aibook"
_PREVIEW_EVERY_S = 0.5  # at most two previews a second travel to the kiosk
_KEEPALIVE_S = 5.0  # a waiting page says so this often


def _png(image: Image.Image) -> str:
    """Lossless and quick: on a LAN, bytes are cheap and the painter's time is not."""
    buf = io.BytesIO()
    image.save(buf, format="PNG", compress_level=1)
    return base64.b64encode(buf.getvalue()).decode()


def _line(message: dict[str, Any]) -> str:
    return json.dumps(message, separators=(",", ":")) + "\n"


class PicturesService:
    """The painter behind a child-first queue (``scheduler.PageScheduler``)."""

    def __init__(self, config: ServeConfig, settings: Settings) -> None:
        from ..pictures import make_illustrator

        self.illustrator = make_illustrator(config.picture_backend, settings)
        batch = config.picture_max_batch or int(getattr(self.illustrator, "max_batch", 1))
        self.scheduler = PageScheduler(self._draw, config.policy, max_batch=batch)

    def _draw(self, jobs: Sequence[Job]) -> list[Any]:
        """Runs on the scheduler's worker thread: one page, or several of one size together."""
        if len(jobs) == 1:
            job = jobs[0]
            request, push = job.payload
            return [self.illustrator.draw(request, job.cancel, push.progress, push.preview)]
        requests = [job.payload[0] for job in jobs]
        draw_pages = self.illustrator.draw_pages  # type: ignore[attr-defined]
        return list(draw_pages(requests, CancelToken()))  # a batch finishes together

    async def stream(self, kiosk: str, data: dict[str, Any]) -> AsyncIterator[str]:
        from ..pictures.remote import request_from_json

        request = request_from_json(data["request"])
        push = _Push(asyncio.get_running_loop())
        job = Job(kiosk, request.page_index, (request, push), size=(request.width, request.height))
        task = asyncio.ensure_future(self.scheduler.submit(job))
        try:
            yield _line({"type": "queued", "waiting": self.scheduler.waiting})  # headers go now
            while True:
                getter = asyncio.ensure_future(push.queue.get())
                done, _ = await asyncio.wait(
                    {getter, task}, timeout=_KEEPALIVE_S, return_when=asyncio.FIRST_COMPLETED
                )
                if getter in done:
                    yield _line(getter.result())
                    continue
                getter.cancel()
                if task in done:
                    break
                # still waiting its turn: a line keeps the kiosk's read timeout from firing
                yield _line({"type": "queued", "waiting": self.scheduler.waiting})
            try:
                picture = task.result()
            except Cancelled:
                return
            except Exception as exc:
                log.exception("page %d for %s failed", request.page_index + 1, kiosk)
                yield _line({"type": "error", "detail": f"{type(exc).__name__}: {exc}"})
                return
            png = await asyncio.to_thread(_png, picture.image)  # the queue moves on meanwhile
            yield _line(
                {
                    "type": "picture",
                    "png": png,
                    "provenance": dataclasses.asdict(picture.provenance),
                }
            )
        finally:  # the kiosk left (Ray cancels the call) or the reply is complete
            job.cancel.cancel()
            if not task.done():
                task.cancel()

    def stats(self) -> dict[str, Any]:
        return {"name": self.illustrator.name, "waiting": self.scheduler.waiting} | dict(
            self.scheduler.stats
        )


class _Push:
    """Moves progress and previews from the drawing thread onto the event loop, throttled."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._last_preview = 0.0

    def _put(self, message: dict[str, Any]) -> None:
        self.loop.call_soon_threadsafe(self.queue.put_nowait, message)

    def progress(self, step: int, steps: int) -> None:
        self._put({"type": "progress", "step": step, "steps": steps})

    def preview(self, image: Image.Image, step: int, steps: int) -> None:
        now = self.loop.time()
        if now - self._last_preview < _PREVIEW_EVERY_S:
            return
        self._last_preview = now
        self._put({"type": "preview", "png": _png(image), "step": step, "steps": steps})


class SpeechService:
    def __init__(self, config: ServeConfig, settings: Settings) -> None:
        from ..speech import make_transcriber

        self.transcriber = make_transcriber(settings, config.speech_backend)
        self.transcriber.warm_up()

    def languages(self) -> list[str]:
        return [lang for lang in ("ko", "en") if self.transcriber.supports(lang)]

    def transcribe(self, body: bytes, lang: str) -> str:
        import numpy as np

        from ..speech.remote import transcript_to_json

        samples = np.frombuffer(body, dtype="<f4").copy()  # kept in memory only, never saved
        return transcript_to_json(self.transcriber.transcribe(samples, lang)) + "\n"


def build_app(config: ServeConfig, settings: Settings) -> Any:
    """The bound Ray Serve application (gateway -> pictures, speech)."""
    from ray import serve

    from .gateway import gateway_deployment

    pictures = serve.deployment(
        name="pictures",
        num_replicas=config.picture_replicas,  # each replica keeps its own child-first queue
        max_ongoing_requests=256,  # everything waits in the child-first queue, not Ray's FIFO
        ray_actor_options={"num_cpus": 0.5, "num_gpus": config.picture_gpu_share},
    )(PicturesService)
    speech = serve.deployment(
        name="speech",
        max_ongoing_requests=16,
        ray_actor_options={"num_cpus": 0.5, "num_gpus": config.speech_gpu_share},
    )(SpeechService)
    speech_app = speech.bind(config, settings) if config.speech_backend != "none" else None
    return gateway_deployment().bind(config, pictures.bind(config, settings), speech_app)


def start(
    config: ServeConfig, settings: Settings, *, ray_init: dict[str, Any] | None = None
) -> None:
    """Start (or join) Ray, then Serve on ``config.host:port``; returns once the app is ready.

    ``RAY_ADDRESS`` joins an existing cluster (a second GPU box is just another Ray node).
    """
    import ray
    from ray import serve

    if not ray.is_initialized():
        options = dict(ray_init or {})
        if config.host in ("127.0.0.1", "localhost", "::1"):  # a one-machine server:
            # Ray's own processes advertise and talk over loopback (they still listen on all
            # interfaces; packaging/server/README.md says to firewall Ray's ports)
            options.setdefault("_node_ip_address", "127.0.0.1")
            options.setdefault("include_dashboard", False)
        ray.init(**options)
    serve.start(http_options={"host": config.host, "port": config.port})
    serve.run(build_app(config, settings), name=APP_NAME, route_prefix="/")


def serve_forever() -> None:  # pragma: no cover - the CLI's loop; tests call start/shutdown
    import time

    while True:
        time.sleep(3600)
