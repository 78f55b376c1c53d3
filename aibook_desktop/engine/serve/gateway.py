"""The HTTP face of the server: checks each kiosk's token and protocol, then hands work on.

No ``from __future__ import annotations`` here: FastAPI reads the endpoints' annotations at run
time, and this module is imported only when a server starts (FastAPI comes with Ray Serve).
"""

import json
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import PlainTextResponse, StreamingResponse
from ray import serve

from ..pictures.remote import request_from_json
from ..serving import PROTOCOL_VERSION
from .config import ServeConfig, app_version

__all__ = ["gateway_deployment"]

api = FastAPI(title="AI-Book server", docs_url=None, redoc_url=None, openapi_url=None)


@serve.deployment(name="gateway", max_ongoing_requests=512, ray_actor_options={"num_cpus": 0})
@serve.ingress(api)
class Gateway:
    def __init__(self, config: ServeConfig, pictures: Any, speech: Any) -> None:
        self.config = config
        self.pictures = pictures
        self.speech = speech

    def _kiosk(self, request: Request) -> str:
        auth = request.headers.get("authorization", "")
        token = auth.removeprefix("Bearer ").strip()
        kiosk = self.config.kiosk_for(token) if token else None
        if kiosk is None:
            raise HTTPException(401, "unknown kiosk token")
        spoken = request.headers.get("x-aibook-protocol", "")
        if spoken != str(PROTOCOL_VERSION):
            raise HTTPException(
                409, f"this server speaks protocol {PROTOCOL_VERSION}, the kiosk {spoken!r}"
            )
        return kiosk

    @api.get("/v1/health")
    async def health(self, request: Request) -> dict:
        self._kiosk(request)
        languages = await self.speech.languages.remote() if self.speech is not None else []
        return {
            "protocol": PROTOCOL_VERSION,
            "version": app_version(),
            "pictures": await self.pictures.stats.remote(),
            "speech_languages": languages,
            "policy": self.config.policy.value,
        }

    async def _body(self, request: Request) -> bytes:
        declared = int(request.headers.get("content-length") or 0)
        if declared > self.config.max_body_bytes:
            raise HTTPException(413, "request too large")
        body = await request.body()
        if len(body) > self.config.max_body_bytes:
            raise HTTPException(413, "request too large")
        return body

    @api.post("/v1/pictures")
    async def draw(self, request: Request) -> StreamingResponse:
        kiosk = self._kiosk(request)
        try:
            data = json.loads(await self._body(request))
            request_from_json(data["request"])  # refuse a huge page or a made-up page number
        except (ValueError, KeyError, TypeError) as exc:
            raise HTTPException(400, f"not a page request: {exc}") from exc
        lines = self.pictures.options(stream=True).stream.remote(kiosk, data)
        return StreamingResponse(lines, media_type="application/x-ndjson")

    @api.post("/v1/transcribe")
    async def transcribe(self, request: Request, lang: str = "ko") -> PlainTextResponse:
        self._kiosk(request)
        if self.speech is None:
            raise HTTPException(404, "this server recognises no speech")
        if lang not in ("ko", "en"):
            raise HTTPException(400, "lang must be ko or en")
        body = await self._body(request)
        text = await self.speech.transcribe.remote(body, lang)
        return PlainTextResponse(text, media_type="application/x-ndjson")


def gateway_deployment() -> Any:
    return Gateway
