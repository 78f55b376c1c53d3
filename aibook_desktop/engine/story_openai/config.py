"""Where the story server, model and key come from: settings, the OS keyring, the environment.

A key is needed only for a hosted API; a local server (llama.cpp, Ollama, vLLM) named by a base
URL works without one. The key never lives in the settings file.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..apikey import KEYRING_SERVICE, KEYRING_USER, api_key
from ..apikey import save_key as store_api_key
from ..settings import Settings
from .call import Mode

if TYPE_CHECKING:
    from openai import OpenAI

__all__ = [
    "KEYRING_SERVICE",
    "KEYRING_USER",
    "OpenAIStoryConfig",
    "api_key",
    "make_client",
    "store_api_key",
]

log = logging.getLogger(__name__)
_NO_KEY = "not-needed"  # local servers ignore the key, but the SDK wants a string
CONNECT_TIMEOUT_S = 4.0


@dataclass(frozen=True)
class OpenAIStoryConfig:
    model: str = "gpt-4o"
    base_url: str | None = None  # None: the SDK's default (api.openai.com)
    api_key: str | None = None
    timeout_s: float = 60.0  # per request; for a stream, the longest silence between chunks
    retries: int = 2  # extra tries after a failure worth retrying (network, 429, 5xx)
    backoff_s: float = 1.0  # first wait; doubles each try
    backoff_max_s: float = 8.0
    moderation: bool = True  # use the moderation endpoint when the server has one
    mode: Mode | None = None  # None: the best the server accepts (json_schema first)
    temperature: float | None = 0.8

    @classmethod
    def from_settings(cls, settings: Settings) -> OpenAIStoryConfig:
        base_url = settings.openai_base_url.strip() or os.environ.get("OPENAI_BASE_URL", "").strip()
        fmt = settings.openai_reply_format
        return cls(
            model=settings.openai_model,
            base_url=base_url or None,
            api_key=api_key(),
            timeout_s=settings.openai_timeout_s,
            retries=settings.openai_retries,
            backoff_s=settings.openai_backoff_s,
            moderation=settings.openai_moderation,
            mode=None if fmt == "auto" else Mode(fmt),
        )

    def backoff(self, failures: int, retry_after: float | None = None) -> float:
        """The wait after the ``failures``-th failed try: doubling from ``backoff_s``, at least
        what the server asked for, never past ``backoff_max_s`` (stories and pictures alike)."""
        delay = max(self.backoff_s * 2 ** (failures - 1), retry_after or 0.0)
        return min(delay, self.backoff_max_s)

    def unavailable_reason(self) -> str | None:
        """Why this configuration cannot reach any server, or None when it can try."""
        if self.api_key or self.base_url:
            return None
        return (
            "the openai story backend has no API key (OS keyring or OPENAI_API_KEY) and no "
            "server address (setting openai_base_url or OPENAI_BASE_URL)"
        )


def make_client(config: OpenAIStoryConfig) -> OpenAI:
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
