"""Pictures drawn by an ``aibook serve`` GPU box; the sketch painter whenever it cannot help.

The kiosk sends the page's ``PictureRequest`` and reads previews and the finished picture back
as they come. Retries are few and cancellable; after they run out, or at once for a wrong token
or protocol version, the page is sketched locally and its provenance says why, so a child
never waits on a server that is gone and a parent can see what happened.
"""

from __future__ import annotations

import base64
import dataclasses
import io
import json
import logging
from typing import Any

from PIL import Image

from ..book import MAX_PAGES, Hero, HeroKind, Provenance, ScenePlan
from ..cancel import CancelToken
from ..serving import Breaker, ServerAddress, ServerTrouble, Trouble, post_json_lines
from . import Illustrator, Picture, PictureRequest, PreviewCallback, StepCallback

__all__ = ["RemoteIllustrator", "request_from_json", "request_to_json"]

log = logging.getLogger(__name__)
MIN_SIDE, MAX_SIDE = 64, 2048  # what a kiosk's settings allow (picture_size)


def request_to_json(request: PictureRequest) -> dict[str, Any]:
    data = dataclasses.asdict(request)
    data["hero"] = {"kind": request.hero.kind.value, "name": request.hero.name}
    return data


def request_from_json(data: dict[str, Any]) -> PictureRequest:
    """The server's half: unknown keys (a newer kiosk) are ignored, missing ones keep defaults,
    and what could hurt the other kiosks (a huge page, a made-up page number) is refused with
    ``ValueError``: one kiosk's token must not be able to take the shared card down."""
    known = {f.name for f in dataclasses.fields(PictureRequest)}
    values = {k: v for k, v in data.items() if k in known}
    hero = values.get("hero") or {}
    values["hero"] = Hero(HeroKind(hero.get("kind", "cat")), str(hero.get("name", ""))[:80])
    if "scene" in values:  # the page's scene plan (#13): what the painter should show
        values["scene"] = ScenePlan.from_dict(values["scene"])
    request = PictureRequest(**values)
    for side in (request.width, request.height):
        if not isinstance(side, int) or not MIN_SIDE <= side <= MAX_SIDE:
            raise ValueError(f"picture sides must be {MIN_SIDE}-{MAX_SIDE} pixels")
    if not 0 <= request.page_index < request.page_count <= MAX_PAGES:
        raise ValueError(f"page {request.page_index + 1} of {request.page_count} is not a page")
    return request


def decode_png(text: str) -> Image.Image:
    with Image.open(io.BytesIO(base64.b64decode(text))) as img:
        return img.convert("RGB")


class RemoteIllustrator:
    """An Illustrator whose pages come from the server; ``fallback`` draws when it cannot."""

    name = "remote"

    def __init__(
        self,
        address: ServerAddress,
        fallback: Illustrator,
        breaker: Breaker | None = None,
    ) -> None:
        self.address = address
        self.fallback = fallback
        self.breaker = breaker or Breaker(address.breaker_s)

    def draw(
        self,
        request: PictureRequest,
        cancel: CancelToken,
        progress: StepCallback | None = None,
        preview: PreviewCallback | None = None,
    ) -> Picture:
        cancel.check()
        trouble = self.breaker.blocked()
        if trouble is None:
            try:
                picture = self._draw_remote(request, cancel, progress, preview)
            except ServerTrouble as exc:
                log.warning("server could not draw page %d: %s", request.page_index + 1, exc)
                self.breaker.open(exc)
                trouble = exc
            else:
                self.breaker.close()
                return picture
        return self._fallback(request, cancel, progress, trouble)

    def _draw_remote(
        self,
        request: PictureRequest,
        cancel: CancelToken,
        progress: StepCallback | None,
        preview: PreviewCallback | None,
    ) -> Picture:
        body = json.dumps({"request": request_to_json(request)}).encode()
        failures = 0
        while True:
            try:
                return self._one_try(body, cancel, progress, preview)
            except ServerTrouble as exc:
                failures += 1
                if not exc.retryable or failures > self.address.retries:
                    raise
                if cancel.wait(self.address.backoff(failures)):
                    cancel.check()

    def _one_try(
        self,
        body: bytes,
        cancel: CancelToken,
        progress: StepCallback | None,
        preview: PreviewCallback | None,
    ) -> Picture:
        try:
            return self._read_reply(body, cancel, progress, preview)
        except (KeyError, ValueError, TypeError, OSError) as exc:  # a reply we cannot use
            raise ServerTrouble(Trouble.SERVER, f"a broken reply ({exc!r})") from exc

    def _read_reply(
        self,
        body: bytes,
        cancel: CancelToken,
        progress: StepCallback | None,
        preview: PreviewCallback | None,
    ) -> Picture:
        for message in post_json_lines(self.address, "/v1/pictures", body, cancel):
            kind = message.get("type")
            if kind == "progress" and progress is not None:
                progress(int(message["step"]), int(message["steps"]))
            elif kind == "preview" and preview is not None:
                preview(decode_png(message["png"]), int(message["step"]), int(message["steps"]))
            elif kind == "picture":
                prov = message.get("provenance") or {}
                fields = {f.name for f in dataclasses.fields(Provenance)}
                provenance = Provenance(**{k: v for k, v in prov.items() if k in fields})
                served_by = f"remote:{provenance.backend}"
                return Picture(
                    image=decode_png(message["png"]),
                    provenance=dataclasses.replace(provenance, backend=served_by),
                )
        raise ServerTrouble(Trouble.SERVER, "the server ended the reply without a picture")

    def _fallback(
        self,
        request: PictureRequest,
        cancel: CancelToken,
        progress: StepCallback | None,
        trouble: ServerTrouble,
    ) -> Picture:
        picture = self.fallback.draw(request, cancel, progress)
        note = f"picture server {trouble.trouble.value}: {trouble.detail}"
        if picture.provenance.note:
            note = f"{note}; {picture.provenance.note}"
        return Picture(picture.image, dataclasses.replace(picture.provenance, note=note))
