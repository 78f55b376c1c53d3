"""One way to reach an OpenAI-compatible server, shared by every family that uses one.

Stories, pictures and (later) narration all need the same things: where the server is, the key,
bounded and cancellable retries with back-off, and a way to stop a stream at once. Keeping them
here is what lets those families stay independent of each other.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .apikey import api_key

if TYPE_CHECKING:
    from openai import OpenAI

    from .settings import Settings

__all__ = [
    "CONNECT_TIMEOUT_S",
    "OpenAIServer",
    "abort_stream",
    "make_client",
    "retry_after_s",
    "retryable_status",
]

_NO_KEY = "not-needed"  # local servers ignore the key, but the SDK wants a string
CONNECT_TIMEOUT_S = 4.0


@dataclass(frozen=True)
class OpenAIServer:
    """Where the server is and how patiently to talk to it (stories and pictures alike)."""

    base_url: str | None = None  # None: the SDK's default (api.openai.com)
    api_key: str | None = None
    timeout_s: float = 60.0  # per request; for a stream, the longest silence between chunks
    retries: int = 2  # extra tries after a failure worth retrying (network, 429, 5xx)
    backoff_s: float = 1.0  # first wait; doubles each try
    backoff_max_s: float = 8.0
    moderation: bool = True  # use the moderation endpoint when the server has one

    @classmethod
    def from_settings(cls, settings: Settings) -> OpenAIServer:
        return cls(**server_fields(settings))

    def backoff(self, failures: int, retry_after: float | None = None) -> float:
        """The wait after the ``failures``-th failed try: doubling from ``backoff_s``, at least
        what the server asked for, never past ``backoff_max_s``."""
        delay = max(self.backoff_s * 2 ** (failures - 1), retry_after or 0.0)
        return min(delay, self.backoff_max_s)


def server_fields(settings: Settings) -> dict[str, Any]:
    """The ``OpenAIServer`` fields from settings, the keyring and the environment."""
    base_url = settings.openai_base_url.strip() or os.environ.get("OPENAI_BASE_URL", "").strip()
    return {
        "base_url": base_url or None,
        "api_key": api_key(),
        "timeout_s": settings.openai_timeout_s,
        "retries": settings.openai_retries,
        "backoff_s": settings.openai_backoff_s,
        "moderation": settings.openai_moderation,
    }


def make_client(config: OpenAIServer) -> OpenAI:
    """The SDK client; its own retries are off because ours are bounded and cancellable."""
    from openai import OpenAI, Timeout

    # A booth whose network silently drops packets must not wait a minute per try to connect.
    timeout = Timeout(config.timeout_s, connect=min(CONNECT_TIMEOUT_S, config.timeout_s))
    return OpenAI(
        api_key=config.api_key or _NO_KEY,
        base_url=config.base_url,
        timeout=timeout,
        max_retries=0,
    )


def retry_after_s(exc: BaseException) -> float | None:
    """The wait a server asked for (``Retry-After`` in seconds), if the error carries one.
    Shared by the story and picture backends, like ``retryable_status``."""
    response = getattr(exc, "response", None)
    raw = response.headers.get("retry-after") if response is not None else None
    try:
        return float(raw) if raw is not None else None
    except ValueError:
        return None


def retryable_status(status: int) -> bool:
    """HTTP statuses worth another try after a wait: timeout, conflict, rate limit, 5xx."""
    return status in (408, 409, 429) or status >= 500


def abort_stream(stream: Any) -> None:
    """Unblock a read in progress (on another thread): shut the socket down, then close the
    response. Shared by the story and picture backends: both stream and both must stop at once."""
    response = getattr(stream, "response", None)
    network = getattr(response, "extensions", {}).get("network_stream")
    sock = network.get_extra_info("socket") if network is not None else None
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(2)  # SHUT_RDWR wakes a recv() blocked in another thread
    if response is not None:
        with contextlib.suppress(Exception):
            response.close()
