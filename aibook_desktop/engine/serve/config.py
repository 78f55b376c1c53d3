"""The server's TOML file: where it listens, what it serves, which kiosks may use it.

Example (``packaging/serve.example.toml``)::

    host = "0.0.0.0"        # the LAN; kiosks reach http://<this box>:8765
    port = 8765
    policy = "child_first"  # or "fifo"
    [pictures]
    backend = "sdxl"        # sketch | sdxl | openai (the kiosk's own choices)
    gpu_share = 0.75        # pictures and speech share one card
    [speech]
    backend = "auto"        # auto | whisper | faster-whisper | embedded | none
    gpu_share = 0.25
    [kiosks]                # one token per kiosk: a lost kiosk is removed alone
    library-1 = "long-random-token"

Model folders and other engine settings come from the server's own ``settings.toml``.
"""

from __future__ import annotations

import secrets
import tomllib
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from .scheduler import Policy

__all__ = ["ServeConfig", "ServeConfigError", "app_version", "load_config", "new_token"]


class ServeConfigError(ValueError):
    """The server's config file cannot be used; the message says which key and why."""


@dataclass(frozen=True)
class ServeConfig:
    host: str = "127.0.0.1"
    port: int = 8765
    policy: Policy = Policy.CHILD_FIRST
    picture_backend: str = "sketch"
    picture_gpu_share: float = 0.0
    picture_max_batch: int = 0  # 0: what the painter says it can do
    picture_replicas: int = 1  # one per GPU (a second box joins as a Ray node)
    speech_backend: str = "none"
    speech_gpu_share: float = 0.0
    kiosks: dict[str, str] = field(default_factory=dict)  # name -> token
    max_body_bytes: int = 16 * 1024 * 1024  # a 60 s clip is 3.8 MB; a picture request is tiny

    def kiosk_for(self, token: str) -> str | None:
        """The kiosk a token belongs to (constant-time compare), or None."""
        found = None
        for name, expected in self.kiosks.items():
            if secrets.compare_digest(token.encode(), expected.encode()):
                found = name
        return found


def app_version() -> str:
    try:
        return version("aibook-desktop")
    except PackageNotFoundError:
        return "unknown"


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _section(data: dict[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise ServeConfigError(f"[{name}] must be a table")
    return value


def load_config(path: Path) -> ServeConfig:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ServeConfigError(f"cannot read {path}: {exc}") from exc
    pictures, speech, kiosks = (_section(data, n) for n in ("pictures", "speech", "kiosks"))
    if not kiosks:
        raise ServeConfigError("[kiosks] lists no kiosk tokens: no kiosk could connect")
    short = [n for n, token in kiosks.items() if not isinstance(token, str) or len(token) < 16]
    if short:
        raise ServeConfigError(f"kiosk tokens must be at least 16 characters: {', '.join(short)}")
    placeholders = [n for n, token in kiosks.items() if "paste" in token or "replace" in token]
    if placeholders:
        raise ServeConfigError(f"these kiosks still have a placeholder token: {placeholders}")
    try:
        return ServeConfig(
            host=str(data.get("host", "127.0.0.1")),
            port=int(data.get("port", 8765)),
            max_body_bytes=int(data.get("max_body_mb", 16)) * 1024 * 1024,
            policy=Policy(data.get("policy", Policy.CHILD_FIRST)),
            picture_backend=str(pictures.get("backend", "sketch")),
            picture_gpu_share=float(pictures.get("gpu_share", 0.0)),
            picture_max_batch=int(pictures.get("max_batch", 0)),
            picture_replicas=max(1, int(pictures.get("replicas", 1))),
            speech_backend=str(speech.get("backend", "none")),
            speech_gpu_share=float(speech.get("gpu_share", 0.0)),
            kiosks={str(k): str(v) for k, v in kiosks.items()},
        )
    except (TypeError, ValueError) as exc:
        raise ServeConfigError(f"{path}: {exc}") from exc
