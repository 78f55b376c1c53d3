"""One typed settings schema: defaults, TOML in the user config dir, env overrides, one getter.

Secrets never live here: the story backend's key comes from the OS keyring or OPENAI_API_KEY.
``AIBOOK_<FIELD>`` environment variables override the file (e.g. ``AIBOOK_LANGUAGE=en``).
"""

from __future__ import annotations

import dataclasses
import logging
import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import tomli_w

from . import paths
from .fileio import atomic_write_bytes

__all__ = [
    "SETTINGS_SCHEMA_VERSION",
    "Settings",
    "SettingsError",
    "get_settings",
    "load_settings",
    "reset_settings_cache",
    "save_settings",
]

log = logging.getLogger(__name__)
SETTINGS_SCHEMA_VERSION = 1


class SettingsError(ValueError):
    """A value that cannot be used; the message says which and why."""


@dataclass
class Settings:
    schema_version: int = SETTINGS_SCHEMA_VERSION
    language: str = "ko"  # UI and book language
    story_backend: str = "offline"  # offline | openai
    picture_backend: str = "sketch"  # sketch | sdxl | openai
    speech_backend: str = "auto"
    pages: int = 8
    age: int = 7
    bilingual: bool = False  # print each page in Korean and English
    picture_size: int = 1024
    seed: int = 0  # 0: a new seed per book (its pages share it); N: always N (the original: 42)
    kiosk: bool = False
    idle_timeout_s: int = 180
    keep_recordings: bool = False
    safety_level: str = "strict"  # strict | normal
    parent_pin_hash: str = ""
    openai_model: str = "gpt-4o"
    openai_base_url: str = ""
    openai_timeout_s: float = 60.0  # per request; for a stream, the longest silence allowed
    openai_retries: int = 2  # extra tries after network errors, 429 and 5xx
    openai_backoff_s: float = 1.0  # first wait between tries; doubles each time
    openai_moderation: bool = True  # the moderation endpoint, where the server has one
    openai_reply_format: str = "auto"  # auto | json_schema | json_object | plain
    openai_image_model: str = "gpt-image-2"  # pictures when picture_backend = "openai"
    openai_image_quality: str = "auto"  # auto | low | medium | high (GPT image models)
    openai_image_partial_images: int = 2  # streamed previews per page, 0-3 (0: no streaming)
    openai_image_timeout_s: float = 180.0  # a page can take a minute or two before any byte
    sdxl_base: str = ""
    sdxl_refiner: str = ""
    sdxl_vae: str = ""  # e.g. an fp16-safe VAE (madebyollin/sdxl-vae-fp16-fix); "" = the base's
    sdxl_steps: int = 25  # DPM++ 2M Karras steps, base + refiner together
    sdxl_batch: int = 0  # most pages denoised at once; 0: as many as the graphics card allows
    sdxl_safety_checker: str = ""  # StableDiffusionSafetyChecker id/folder; "" = no real check
    sdxl_allow_download: bool = False  # fetch missing SDXL weights from the Hub (else local only)
    sdxl_allow_cpu: bool = False  # run SDXL without CUDA (minutes per page)
    sdxl_compile: bool = False  # torch.compile the UNets on big cards (slow first page)
    ip_adapter: str = ""  # IP-Adapter repo id or folder ("" = off): page 1 guides later pages
    ip_adapter_weight: str = "sdxl_models/ip-adapter_sdxl.safetensors"  # path inside ip_adapter
    ip_adapter_scale: float = 0.5
    whisper_model: str = ""
    whisper_adapter: str = ""
    whisper_merge: bool = True  # merge the LoRA adapter into the weights (faster; not for 8-bit)
    whisper_8bit: bool = True  # 8-bit base weights through bitsandbytes, on CUDA only
    model_preset: str = ""  # gpu12 | gpu8 | cpu, chosen in model setup ("" = never chosen)

    def validate(self) -> Settings:
        if self.language not in ("ko", "en"):
            raise SettingsError(f"language must be ko or en, not {self.language!r}")
        if not 4 <= self.pages <= 12:
            raise SettingsError(f"pages must be 4-12, not {self.pages}")
        if not 3 <= self.age <= 10:
            raise SettingsError(f"age must be 3-10, not {self.age}")
        if not 0 <= self.sdxl_batch <= 8:
            raise SettingsError(f"sdxl_batch must be 0-8, not {self.sdxl_batch}")
        if not 64 <= self.picture_size <= 2048:
            raise SettingsError(f"picture_size must be 64-2048, not {self.picture_size}")
        if self.safety_level not in ("strict", "normal"):
            raise SettingsError(f"safety_level must be strict or normal, not {self.safety_level!r}")
        if self.idle_timeout_s < 10:
            raise SettingsError("idle_timeout_s must be at least 10 seconds")
        if self.openai_reply_format not in ("auto", "json_schema", "json_object", "plain"):
            raise SettingsError(
                "openai_reply_format must be auto, json_schema, json_object or plain, "
                f"not {self.openai_reply_format!r}"
            )
        if not (0 <= self.openai_retries <= 10 and self.openai_timeout_s > 0):
            raise SettingsError("openai_retries must be 0-10 and openai_timeout_s positive")
        if self.openai_backoff_s < 0:
            raise SettingsError("openai_backoff_s must not be negative")
        if not self.openai_image_model.strip():
            raise SettingsError("openai_image_model must name a model (e.g. gpt-image-2)")
        if self.openai_image_quality not in ("auto", "low", "medium", "high"):
            raise SettingsError(
                f"openai_image_quality must be auto, low, medium or high, "
                f"not {self.openai_image_quality!r}"
            )
        if not (0 <= self.openai_image_partial_images <= 3 and self.openai_image_timeout_s > 0):
            raise SettingsError(
                "openai_image_partial_images must be 0-3 and openai_image_timeout_s positive"
            )
        return self


_FIELDS = {f.name: f for f in fields(Settings)}


def _coerce(name: str, value: Any) -> Any:
    kind = type(getattr(Settings(), name))
    if kind is bool and isinstance(value, str):
        if value.strip().lower() in ("1", "true", "yes", "on"):
            return True
        if value.strip().lower() in ("0", "false", "no", "off", ""):
            return False
        raise SettingsError(f"{name} must be true or false, not {value!r}")
    try:
        return kind(value)
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"{name} must be {kind.__name__}, not {value!r}") from exc


def _migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring an older file's keys up to date (schema 1 is the first, so only unknown keys go)."""
    version = int(data.get("schema_version", SETTINGS_SCHEMA_VERSION))
    if version > SETTINGS_SCHEMA_VERSION:
        log.warning("settings file is from a newer version (%s); reading what we know", version)
    unknown = sorted(set(data) - set(_FIELDS))
    if unknown:
        log.warning("ignoring unknown settings: %s", ", ".join(unknown))
    data = {k: v for k, v in data.items() if k in _FIELDS}
    data["schema_version"] = SETTINGS_SCHEMA_VERSION
    return data


def load_settings(path: Path | None = None, *, env: bool = True) -> Settings:
    """Defaults <- TOML file <- environment. A broken file never stops the app: defaults win."""
    path = path or paths.settings_file()
    data: dict[str, Any] = {}
    if path.exists():
        try:
            data = _migrate(tomllib.loads(path.read_text(encoding="utf-8")))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            log.error("settings file %s is unreadable (%s); using defaults", path, exc)
            data = {}
    values: dict[str, Any] = {}
    for name, value in data.items():
        try:
            values[name] = _coerce(name, value)
        except SettingsError as exc:
            log.error("%s; using the default", exc)
    if env:
        for name in _FIELDS:
            raw = os.environ.get(f"AIBOOK_{name.upper()}")
            if raw is not None and name != "schema_version":
                values[name] = _coerce(name, raw)
    settings = Settings(**values)
    try:
        return settings.validate()
    except SettingsError as exc:
        log.error("%s; using defaults for this run", exc)
        return Settings()


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Atomic write, so a killed process or a full disk never leaves half a settings file."""
    settings.validate()
    path = path or paths.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, tomli_w.dumps(dataclasses.asdict(settings)).encode("utf-8"))
    reset_settings_cache()


_cached: Settings | None = None


def get_settings() -> Settings:
    """The settings in force for this process (read once, then cached)."""
    global _cached
    if _cached is None:
        _cached = load_settings()
    return _cached


def reset_settings_cache() -> None:
    global _cached
    _cached = None
