"""The kiosk's side of the serving protocol (``aibook serve``): one GPU box, many thin kiosks.

Shared by the ``remote`` members of the picture and speech families, so neither imports the
other. A kiosk talks plain HTTP/1.1 to the Ray Serve gateway: a JSON request in, newline-
delimited JSON out (previews while a page develops, then the picture). A server that is down,
slow, restarting, or speaks another protocol version never strands a child: the caller gets a
``ServerTrouble`` with a typed reason and falls back locally, and a ``Breaker`` stops every
later page from waiting for the same dead server.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import logging
import queue
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .cancel import Cancelled, CancelToken
from .scrub import remember_secret

if TYPE_CHECKING:
    from .settings import Settings

__all__ = [
    "PROTOCOL_VERSION",
    "Breaker",
    "ServerAddress",
    "ServerTrouble",
    "Trouble",
    "health",
    "post_json_lines",
]

log = logging.getLogger(__name__)

# Bumped whenever a request or reply changes shape; a kiosk and a server that disagree fall back
# to local drawing (and doctor says which side to update) instead of misreading each other.
PROTOCOL_VERSION = 1


class Trouble(StrEnum):
    """Why the server could not help; stored in the page's provenance note and shown to parents."""

    UNREACHABLE = "unreachable"  # connection refused, DNS, reset: maybe restarting
    TIMEOUT = "timeout"  # connected, then silence for longer than the timeout
    TOKEN = "token"  # the server does not know this kiosk's token
    VERSION = "version"  # kiosk and server speak different protocol versions
    SERVER = "server"  # the server answered with an error (5xx, broken reply)
    REFUSED = "refused"  # the server will not do this request (too large, not a page): no retry
    NOT_CONFIGURED = "not_configured"  # no server address in the settings


_RETRYABLE = frozenset({Trouble.UNREACHABLE, Trouble.TIMEOUT, Trouble.SERVER})


class ServerTrouble(RuntimeError):
    def __init__(self, trouble: Trouble, detail: str) -> None:
        super().__init__(f"{trouble.value}: {detail}")
        self.trouble = trouble
        self.detail = detail

    @property
    def retryable(self) -> bool:
        return self.trouble in _RETRYABLE


@dataclass(frozen=True)
class ServerAddress:
    url: str  # http://gpu-box.local:8765
    token: str  # this kiosk's own token (the server's config lists one per kiosk)
    connect_timeout_s: float = 3.0
    timeout_s: float = 60.0  # the longest silence while a request runs (a queue can be long)
    retries: int = 2  # extra tries after a retryable trouble
    backoff_s: float = 0.5
    backoff_max_s: float = 4.0
    breaker_s: float = 30.0  # after a failure, skip the server this long (then try again)

    @classmethod
    def from_settings(cls, settings: Settings) -> ServerAddress:
        remember_secret(settings.server_token)  # never printed, logged or stored in a book
        return cls(
            url=settings.server_url.strip().rstrip("/"),
            token=settings.server_token.strip(),
            timeout_s=settings.server_timeout_s,
        )

    def backoff(self, failures: int) -> float:
        return min(self.backoff_s * 2 ** (failures - 1), self.backoff_max_s)

    def unavailable_reason(self) -> str | None:
        if not self.url:
            return "no server address (setting server_url)"
        parts = urlsplit(self.url)
        if parts.scheme != "http" or not parts.hostname:
            return f"server_url must look like http://host:port, not {self.url!r}"
        return None


class Breaker:
    """Remembers a recent failure so the next pages fall back at once instead of each waiting
    out its own retries; after ``breaker_s`` the server is tried again (it may be back)."""

    def __init__(self, hold_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.hold_s = hold_s
        self._clock = clock
        self._lock = threading.Lock()
        self._open_until = 0.0
        self._last: ServerTrouble | None = None

    def open(self, trouble: ServerTrouble) -> None:
        with self._lock:
            self._open_until = self._clock() + self.hold_s
            self._last = trouble

    def close(self) -> None:
        with self._lock:
            self._open_until, self._last = 0.0, None

    def blocked(self) -> ServerTrouble | None:
        with self._lock:
            if self._last is not None and self._clock() < self._open_until:
                return self._last
            return None


def _connection(address: ServerAddress) -> http.client.HTTPConnection:
    parts = urlsplit(address.url)
    if parts.hostname is None:
        raise ServerTrouble(Trouble.NOT_CONFIGURED, f"bad server_url {address.url!r}")
    return http.client.HTTPConnection(
        parts.hostname, parts.port or 80, timeout=address.connect_timeout_s
    )


def _headers(address: ServerAddress, content_type: str) -> dict[str, str]:
    return {
        "Authorization": f"Bearer {address.token}",
        "Content-Type": content_type,
        "X-Aibook-Protocol": str(PROTOCOL_VERSION),
    }


def _check_status(response: http.client.HTTPResponse) -> None:
    if response.status == 200:
        return
    body = response.read(2000).decode("utf-8", "replace")
    if response.status == 401:
        raise ServerTrouble(Trouble.TOKEN, "the server does not know this kiosk's token")
    if response.status == 409:
        raise ServerTrouble(Trouble.VERSION, body or "protocol version mismatch")
    if response.status in (400, 413, 422):
        raise ServerTrouble(Trouble.REFUSED, f"HTTP {response.status}: {body[:200]}")
    raise ServerTrouble(Trouble.SERVER, f"HTTP {response.status}: {body[:200]}")


def health(address: ServerAddress) -> dict[str, Any]:
    """The server's ``/v1/health`` (protocol, version, which models serve what)."""
    conn = _connection(address)
    try:
        conn.request("GET", "/v1/health", headers=_headers(address, "application/json"))
        response = conn.getresponse()
        _check_status(response)
        data = json.loads(response.read())
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        return data
    except TimeoutError as exc:
        raise ServerTrouble(Trouble.TIMEOUT, "no answer from the server") from exc
    except ValueError as exc:
        raise ServerTrouble(Trouble.SERVER, f"a broken health reply ({exc})") from exc
    except (OSError, http.client.HTTPException) as exc:
        raise ServerTrouble(Trouble.UNREACHABLE, str(exc) or type(exc).__name__) from exc
    finally:
        conn.close()


_END = object()


def post_json_lines(
    address: ServerAddress,
    path: str,
    body: bytes,
    cancel: CancelToken,
    content_type: str = "application/json",
) -> Iterator[dict[str, Any]]:
    """POST ``body`` and yield each JSON line of the reply as it arrives.

    The whole exchange (connect, send, wait for the answer, read lines) runs on a helper thread
    so that a cancel (the child left) is noticed within a tenth of a second at any point: the
    socket is then shut down, which is what tells the server to stop drawing, and ``Cancelled``
    is raised here.
    """
    conn = _connection(address)
    lines: queue.Queue[object] = queue.Queue()

    def exchange() -> None:
        try:
            conn.connect()  # a dead box is noticed within connect_timeout_s ...
            assert conn.sock is not None
            conn.sock.settimeout(address.timeout_s)  # ... a busy one may take a while
            conn.request("POST", path, body=body, headers=_headers(address, content_type))
            response = conn.getresponse()
            _check_status(response)
            for raw in iter(response.readline, b""):
                lines.put(raw)
            lines.put(_END)
        except BaseException as exc:  # handed to the caller's thread
            lines.put(exc)

    worker = threading.Thread(target=exchange, name="aibook-remote", daemon=True)
    worker.start()
    try:
        while True:
            try:
                item = lines.get(timeout=0.1)
            except queue.Empty:
                cancel.check()
                continue
            if item is _END:
                return
            if isinstance(item, ServerTrouble):
                raise item
            if isinstance(item, TimeoutError):
                raise ServerTrouble(Trouble.TIMEOUT, "no answer from the server") from item
            if isinstance(item, BaseException):
                detail = str(item) or type(item).__name__
                raise ServerTrouble(Trouble.UNREACHABLE, f"lost the server ({detail})") from item
            assert isinstance(item, bytes)
            message = _message(item)
            if message is None:
                continue  # a blank line, or a keep-alive while the page waits its turn
            yield message
            cancel.check()
    except Cancelled:
        if conn.sock is not None:
            with contextlib.suppress(OSError):  # wakes the worker; the server sees it
                conn.sock.shutdown(socket.SHUT_RDWR)
        raise
    finally:
        conn.close()
        worker.join(timeout=1.0)


def _message(raw: bytes) -> dict[str, Any] | None:
    if not raw.strip():
        return None
    try:
        message = json.loads(raw)
    except ValueError as exc:
        raise ServerTrouble(Trouble.SERVER, "the server sent a broken line") from exc
    if not isinstance(message, dict) or message.get("type") == "queued":
        return None
    if message.get("type") == "error":
        raise ServerTrouble(Trouble.SERVER, str(message.get("detail", "server error")))
    return message
