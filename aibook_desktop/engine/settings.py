"""One typed settings schema: defaults, TOML in the user config dir, env overrides, one getter.

Secrets never live here: the story backend's key comes from the OS keyring or OPENAI_API_KEY.
``AIBOOK_<FIELD>`` environment variables override the file (e.g. ``AIBOOK_LANGUAGE=en``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import tomllib
from dataclasses import dataclass, fields
from enum import StrEnum
from pathlib import Path
from typing import Any

import tomli_w

from . import paths
from .backend_names import PictureBackend, SpeechBackend, StoryBackend
from .fileio import atomic_write_bytes

__all__ = [
    "SETTINGS_SCHEMA_VERSION",
    "SHELF_MODES",
    "UNREADABLE_PIN",
    "Settings",
    "SettingsError",
    "changed_fields",
    "get_settings",
    "load_settings",
    "reset_settings_cache",
    "save_settings",
    "update_settings_file",
]

log = logging.getLogger(__name__)
SETTINGS_SCHEMA_VERSION = 1
SHELF_MODES = ("auto", "shared", "session", "off")
# The PIN hash of a settings file that could not be read: no PIN matches it, so the gate stays
# shut (fail closed) and says how a grown-up recovers, instead of asking for a new PIN.
UNREADABLE_PIN = "!unreadable-settings"


_BACKEND_FIELDS: dict[str, type[StrEnum]] = {
    "story_backend": StoryBackend,
    "picture_backend": PictureBackend,
    "speech_backend": SpeechBackend,
}


class SettingsError(ValueError):
    """A value that cannot be used; the message says which and why."""


@dataclass
class Settings:
    schema_version: int = SETTINGS_SCHEMA_VERSION
    language: str = "ko"  # UI and book language
    story_backend: StoryBackend = StoryBackend.OFFLINE
    picture_backend: PictureBackend = PictureBackend.SKETCH
    speech_backend: SpeechBackend = SpeechBackend.AUTO
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
    # `aibook serve` on a GPU box (picture_backend / speech_backend = "remote"): its address,
    # this kiosk's own token from the server's config, and the longest silence in a reply.
    server_url: str = ""
    server_token: str = ""
    server_timeout_s: float = 60.0
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
    # issue #17: the CLIP image encoder inside ip_adapter ("image_encoder" = next to the weight;
    # "models/image_encoder" = the ViT-H encoder the "plus" adapters need)
    ip_adapter_image_encoder: str = "image_encoder"
    sdxl_mode: str = "quality"  # quality (base + refiner) | fast (Hyper-SDXL 8 steps) | instant
    sdxl_lora: str = ""  # the fast/instant mode's distilled LoRA: folder or hub id
    sdxl_lora_weight: str = ""  # its weight file ("" = the mode's default file name)
    sdxl_handoff_sigma: float = 0.0  # > 0: the refiner takes over at this noise level
    whisper_model: str = ""
    whisper_adapter: str = ""
    whisper_merge: bool = True  # merge the LoRA adapter into the weights (faster; not for 8-bit)
    whisper_8bit: bool = True  # 8-bit base weights through bitsandbytes, on CUDA only
    model_preset: str = ""  # gpu12 | gpu8 | cpu, chosen in model setup ("" = never chosen)
    printer_name: str = ""  # the printer a grown-up chose; "" = no Print button in kiosk mode
    shelf_mode: str = "auto"  # auto | shared | session | off (auto: session at a kiosk)
    # #14: narration and taking the book home
    narration_backend: str = "auto"  # auto | system | openai | piper | off
    openai_speech_model: str = "gpt-4o-mini-tts"  # pre-rendered page audio (narration openai)
    openai_speech_voice: str = "coral"
    piper_voice: str = ""  # a Piper .onnx voice file (narration piper)
    share_qr: bool = True  # a QR code lends the PDF to a phone on the local network
    share_minutes: int = 10  # how long one take-home link works

    def __post_init__(self) -> None:
        # Forms and older callers pass plain strings: known names become the enums; an unknown
        # one stays as given, for problems() to report (and the loader to reset to the default).
        for name, kind in _BACKEND_FIELDS.items():
            value = getattr(self, name)
            if isinstance(value, str) and not isinstance(value, kind):
                with contextlib.suppress(ValueError):
                    setattr(self, name, kind(value))

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
            ("sdxl_mode", self.sdxl_mode in ("quality", "fast", "instant"),
             f"sdxl_mode must be quality, fast or instant, not {self.sdxl_mode!r}"),
            ("sdxl_handoff_sigma", 0.0 <= self.sdxl_handoff_sigma <= 20.0,
             f"sdxl_handoff_sigma must be 0-20, not {self.sdxl_handoff_sigma}"),
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
            *((name, getattr(self, name) in {m.value for m in kind},
               f"{name} must be one of {', '.join(kind)}, not {getattr(self, name)!r}")
              for name, kind in _BACKEND_FIELDS.items()),
            ("openai_retries", 0 <= self.openai_retries <= 10, "openai_retries must be 0-10"),
            ("openai_timeout_s", self.openai_timeout_s > 0, "openai_timeout_s must be positive"),
            ("server_timeout_s", self.server_timeout_s > 0, "server_timeout_s must be positive"),
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
            ("shelf_mode", self.shelf_mode in SHELF_MODES,
             f"shelf_mode must be one of {', '.join(SHELF_MODES)}, not {self.shelf_mode!r}"),
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
    except (TypeError, ValueError, OverflowError) as exc:
        raise SettingsError(f"{name} must be {kind.__name__}, not {value!r}") from exc


def _migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring an older file's keys up to date (schema 1 is the first, so only unknown keys go)."""
    try:
        version = int(data.get("schema_version", SETTINGS_SCHEMA_VERSION))
    except (TypeError, ValueError, OverflowError):  # schema_version = "x": read what we know
        log.error("settings schema_version %r is not a number; reading what we know",
                  data.get("schema_version"))  # fmt: skip
        version = SETTINGS_SCHEMA_VERSION
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
            log.error("settings file %s is unreadable (%s); using defaults, gate locked", path, exc)
            data = {"parent_pin_hash": UNREADABLE_PIN}
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
                try:  # a bad override is handled like a bad value in the file
                    values[name] = _coerce(name, raw)
                except SettingsError as exc:
                    log.error("AIBOOK_%s: %s; ignoring it", name.upper(), exc)
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


# ---- writing only what a grown-up changed (issue #21) ---------------------------------------
# ``save_settings`` writes a whole object, environment overrides included: a language tap once
# made a temporary ``AIBOOK_PAGES=4`` permanent. The UI writes through ``update_settings_file``:
# the file's own keys stay as they are and only the fields a person changed are added.


def changed_fields(old: Settings, new: Settings) -> dict[str, Any]:
    """The fields whose values differ between ``old`` and ``new`` (what a parent changed)."""
    return {
        f.name: getattr(new, f.name)
        for f in fields(Settings)
        if f.name != "schema_version" and getattr(old, f.name) != getattr(new, f.name)
    }


def update_settings_file(changes: dict[str, Any], path: Path | None = None) -> None:
    """Write ``changes`` into the settings file, keeping every other key the file has.

    Never reads the environment, so ``AIBOOK_*`` overrides are never persisted. A file that
    exists but cannot be read is left alone (``SettingsError``): it may be the only copy of a
    grown-up's PIN, and overwriting it would hand the gate to whoever comes next.
    """
    path = path or paths.settings_file()
    data: dict[str, Any] = {}
    if path.exists():
        try:
            data = _migrate(tomllib.loads(path.read_text(encoding="utf-8")))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SettingsError(f"the settings file {path} cannot be read ({exc})") from exc
    unknown = sorted(set(changes) - set(_FIELDS))
    if unknown:
        raise SettingsError(f"unknown settings: {', '.join(unknown)}")
    if changes.get("parent_pin_hash") == UNREADABLE_PIN:
        changes = {k: v for k, v in changes.items() if k != "parent_pin_hash"}
    coerced = {name: _coerce(name, value) for name, value in changes.items()}
    # only the changed values are judged: a bad value the file already had is the loader's
    # business (it uses the default for it) and must not block, say, a language tap
    for name, problem in Settings(**coerced).problems():
        if name in coerced:
            raise SettingsError(problem)
    data.update(coerced)
    data["schema_version"] = SETTINGS_SCHEMA_VERSION
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, tomli_w.dumps(data).encode("utf-8"))
    reset_settings_cache()
