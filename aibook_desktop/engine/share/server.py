"""A tiny web server that lends one book's PDFs through one unguessable, short-lived link.

Why waitress and not ``http.server``: waitress is a maintained, pure-Python WSGI server with no
dependencies of its own, a bounded thread pool and timeouts for slow or idle clients (a phone
that walks away mid-download); ``http.server`` has none of that and its docs warn against
serving anything with it. The app itself is a few lines of WSGI, so only what we list exists:

- ``/t/<token>/``: a small page (Korean or English) with the book's download buttons;
- ``/t/<token>/<file>``: one of the offered files (the PDF, the colouring book);
- everything else, a guessed token, or any other path: 404; an expired token: 410.

A token lives ``ttl_s`` seconds and for at most ``max_downloads`` file downloads; offering
another book (or turning sharing off) ends the last link at once. Tokens are 128-bit
``secrets`` values compared in constant time.
"""

from __future__ import annotations

import html
import logging
import mimetypes
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

__all__ = ["Offer", "ShareServer", "lan_address"]

log = logging.getLogger(__name__)

StartResponse = Callable[[str, list[tuple[str, str]]], Any]
Environ = Mapping[str, Any]

_HEADERS = [
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'"),
]

_TEXT = {
    "en": {
        "title": "Your picture book",
        "intro": "Tap to save the book on this phone.",
        "expired": "This link has expired. Ask for a new QR code on the book screen.",
        "missing": "Nothing here.",
        "book.pdf": "The book (PDF)",
        "colouring.pdf": "The colouring book (PDF)",
    },
    "ko": {
        "title": "우리 아이 그림책",
        "intro": "눌러서 이 휴대폰에 책을 저장하세요.",
        "expired": "이 링크는 만료되었어요. 책 화면에서 새 QR 코드를 만들어 주세요.",
        "missing": "여기에는 아무것도 없어요.",
        "book.pdf": "그림책 (PDF)",
        "colouring.pdf": "색칠 공부 책 (PDF)",
    },
}


@dataclass
class Offer:
    """One book lent through one link."""

    token: str
    title: str
    files: dict[str, Path]  # download name -> file on disk
    lang: str
    expires_at: float  # on the server's clock
    downloads_left: int
    url: str = ""
    revoked: bool = field(default=False)


def lan_address() -> str:
    """This machine's address on the local network (what a phone on the same Wi-Fi reaches).

    A UDP "connect" sends no packet; it only asks the kernel which interface routes outward.
    Falls back to 127.0.0.1 where there is no network (then the QR code is not offered).
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere, no packet
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"


class ShareServer:
    """Serves at most one :class:`Offer` at a time from a waitress thread.

    ``host`` is the address to bind (the LAN address in the app; 127.0.0.1 in tests);
    ``clock`` is injectable so tests can expire a link without waiting.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        clock: Callable[[], float] = time.monotonic,
        max_downloads: int = 6,
    ) -> None:
        self.host = host
        self._port = port
        self._clock = clock
        self.max_downloads = max_downloads
        self._offer: Offer | None = None
        self._lock = threading.Lock()
        self._server: Any = None
        self._thread: threading.Thread | None = None

    # ---- life ---------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def port(self) -> int:
        return int(self._server.effective_port) if self._server is not None else 0

    def start(self) -> None:
        if self._server is not None:
            return
        from waitress import create_server

        self._server = create_server(
            self.app,
            host=self.host,
            port=self._port,
            threads=2,
            channel_timeout=30,  # a silent phone is dropped, not waited for
            connection_limit=20,
            ident="aibook",
            clear_untrusted_proxy_headers=True,
        )
        self._thread = threading.Thread(target=self._server.run, name="share-server", daemon=True)
        self._thread.start()
        log.info("take-home server on %s:%s", self.host, self.port)

    def stop(self) -> None:
        """End the link and the server (idle reset, sharing turned off, app exit)."""
        self.revoke()
        server, self._server = self._server, None
        if server is None:
            return
        from waitress import wasyncore

        # closing must happen on the server's own thread: the trigger runs it there
        server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
        if self._thread is not None:
            self._thread.join(timeout=5)
        server.task_dispatcher.shutdown(timeout=2)
        self._thread = None

    # ---- offers -------------------------------------------------------------------------
    def offer(self, title: str, files: Mapping[str, Path], lang: str, ttl_s: float) -> Offer:
        """Lend ``files`` (download name -> path) under a new link; the old link ends."""
        self.start()
        token = secrets.token_urlsafe(16)
        host = f"[{self.host}]" if ":" in self.host else self.host
        offer = Offer(
            token=token,
            title=title,
            files={name: Path(path) for name, path in files.items()},
            lang=lang if lang in _TEXT else "en",
            expires_at=self._clock() + ttl_s,
            downloads_left=self.max_downloads,
            url=f"http://{host}:{self.port}/t/{token}/",
        )
        with self._lock:
            self._offer = offer
        return offer

    def revoke(self) -> None:
        with self._lock:
            if self._offer is not None:
                self._offer.revoked = True
            self._offer = None

    def current(self) -> Offer | None:
        with self._lock:
            offer = self._offer
        if offer is None or offer.revoked or self._clock() >= offer.expires_at:
            return None
        return offer

    # ---- the WSGI application -----------------------------------------------------------
    def app(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        parts = unquote(str(environ.get("PATH_INFO", ""))).split("/")
        # ["", "t", token, name]; name "" is the page
        if method not in ("GET", "HEAD"):
            return self._reply(start_response, "405 Method Not Allowed", "en", "missing")
        if len(parts) != 4 or parts[0] != "" or parts[1] != "t":
            return self._reply(start_response, "404 Not Found", "en", "missing")
        with self._lock:
            offer = self._offer
            if offer is None or not secrets.compare_digest(parts[2], offer.token):
                return self._reply(start_response, "404 Not Found", "en", "missing")
            if offer.revoked or self._clock() >= offer.expires_at or offer.downloads_left <= 0:
                return self._reply(start_response, "410 Gone", offer.lang, "expired")
            name = parts[3]
            if name and name not in offer.files:
                return self._reply(start_response, "404 Not Found", offer.lang, "missing")
            if name and method == "GET":
                offer.downloads_left -= 1
        if not name:
            body = self._page(offer).encode("utf-8")
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), *_HEADERS])
            return [b""] if method == "HEAD" else [body]
        path = offer.files[name]
        try:
            data = path.read_bytes()
        except OSError:
            log.warning("a shared file is gone: %s", path.name)
            return self._reply(start_response, "404 Not Found", offer.lang, "missing")
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        start_response(
            "200 OK",
            [
                ("Content-Type", kind),
                ("Content-Length", str(len(data))),
                ("Content-Disposition", f"attachment; filename*=UTF-8''{quote(name)}"),
                *_HEADERS,
            ],
        )
        return [b""] if method == "HEAD" else [data]

    def _page(self, offer: Offer) -> str:
        text = _TEXT[offer.lang]
        links = "\n".join(
            f'<a class="file" href="{quote(name)}" download>{html.escape(text.get(name, name))}</a>'
            for name in offer.files
        )
        return f"""<!doctype html>
<html lang="{offer.lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(offer.title)}</title>
<style>
body {{ font-family: sans-serif; background: #FFF8E7; color: #3E2723; margin: 2em; }}
h1 {{ font-size: 1.6em; }}
.file {{ display: block; margin: 1em 0; padding: 1em; border-radius: 1em; background: #FFB74D;
  color: #3E2723; text-decoration: none; font-size: 1.3em; text-align: center; }}
</style></head>
<body><h1>{html.escape(offer.title)}</h1>
<p>{html.escape(text["intro"])}</p>
{links}
</body></html>"""

    @staticmethod
    def _reply(start_response: StartResponse, status: str, lang: str, key: str) -> list[bytes]:
        text = _TEXT.get(lang, _TEXT["en"])[key]
        body = (
            f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{html.escape(text)}</title></head>"
            f"<body><p>{html.escape(text)}</p></body></html>"
        ).encode()
        start_response(status, [("Content-Type", "text/html; charset=utf-8"), *_HEADERS])
        return [body]
