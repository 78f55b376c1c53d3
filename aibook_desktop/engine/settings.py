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
    # #14: narration and taking the book home
    narration_backend: str = "auto"  # auto | system | openai | piper | off
    openai_speech_model: str = "gpt-4o-mini-tts"  # pre-rendered page audio (narration openai)
    openai_speech_voice: str = "coral"
    piper_voice: str = ""  # a Piper .onnx voice file (narration piper)
    share_qr: bool = True  # a QR code lends the PDF to a phone on the local network
    share_minutes: int = 10  # how long one take-home link works

    def validate(self) -> Settings:
        problems = self.problems()
        if problems:
            raise SettingsError(problems[0][1])
        return self

    def problems(self) -> list[tuple[str, str]]:
        """Every unusable value as (field, why), so a loader can reset just those fields."""
        checks: list[tuple[str, bool, str]] = [
            ("language", self.language in ("ko", "en"),
             f"language must be ko or en, not {self.language!r}"),
            ("pages", 4 <= self.pages <= 12, f"pages must be 4-12, not {self.pages}"),
            ("age", 3 <= self.age <= 10, f"age must be 3-10, not {self.age}"),
            ("sdxl_batch", 0 <= self.sdxl_batch <= 8,
             f"sdxl_batch must be 0-8, not {self.sdxl_batch}"),
            ("picture_size", 64 <= self.picture_size <= 2048,
             f"picture_size must be 64-2048, not {self.picture_size}"),
            ("safety_level", self.safety_level in ("strict", "normal"),
             f"safety_level must be strict or normal, not {self.safety_level!r}"),
            ("idle_timeout_s", self.idle_timeout_s >= 10,
             "idle_timeout_s must be at least 10 seconds"),
            ("openai_reply_format",
             self.openai_reply_format in ("auto", "json_schema", "json_object", "plain"),
             "openai_reply_format must be auto, json_schema, json_object or plain, "
             f"not {self.openai_reply_format!r}"),
            ("openai_retries", 0 <= self.openai_retries <= 10, "openai_retries must be 0-10"),
            ("openai_timeout_s", self.openai_timeout_s > 0, "openai_timeout_s must be positive"),
            ("openai_backoff_s", self.openai_backoff_s >= 0,
             "openai_backoff_s must not be negative"),
            ("openai_image_model", bool(self.openai_image_model.strip()),
             "openai_image_model must name a model (e.g. gpt-image-2)"),
            ("openai_image_quality", self.openai_image_quality in ("auto", "low", "medium", "high"),
             "openai_image_quality must be auto, low, medium or high, "
             f"not {self.openai_image_quality!r}"),
            ("openai_image_partial_images", 0 <= self.openai_image_partial_images <= 3,
             "openai_image_partial_images must be 0-3"),
            ("openai_image_timeout_s", self.openai_image_timeout_s > 0,
             "openai_image_timeout_s must be positive"),
        ]  # fmt: skip
        return [(name, why) for name, ok, why in checks if not ok]


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
    # One bad value resets that value only: a kiosk keeps its PIN and kiosk mode.
    for name, problem in settings.problems():
        log.error("%s; using the default for this run", problem)
        setattr(settings, name, _FIELDS[name].default)
    return settings


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
