"""Where the story server, model and key come from: settings, the OS keyring, the environment.

A key is needed only for a hosted API; a local server (llama.cpp, Ollama, vLLM) named by a base
URL works without one. The key never lives in the settings file.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from ...apikey import KEYRING_SERVICE, KEYRING_USER, api_key
from ...apikey import save_key as store_api_key
from ...openai_api import OpenAIServer, make_client, server_fields
from ...settings import Settings
from .call import Mode

__all__ = [
    "KEYRING_SERVICE",
    "KEYRING_USER",
    "OpenAIStoryConfig",
    "api_key",
    "make_client",
    "store_api_key",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpenAIStoryConfig(OpenAIServer):
    """The server (shared with pictures) plus what only a story call needs."""

    model: str = "gpt-4o"
    mode: Mode | None = None  # None: the best the server accepts (json_schema first)
    temperature: float | None = 0.8

    @classmethod
    def from_settings(cls, settings: Settings) -> OpenAIStoryConfig:
        fmt = settings.openai_reply_format
        return cls(
            **server_fields(settings),
            model=settings.openai_model,
            mode=None if fmt == "auto" else Mode(fmt),
        )

    def unavailable_reason(self) -> str | None:
        """Why this configuration cannot reach any server, or None when it can try."""
        if self.api_key or self.base_url:
            return None
        return (
            "the openai story backend has no API key (OS keyring or OPENAI_API_KEY) and no "
            "server address (setting openai_base_url or OPENAI_BASE_URL)"
        )
