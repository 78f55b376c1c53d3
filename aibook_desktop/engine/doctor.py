"""``aibook doctor``: what this machine can do, what is wrong, and the one-line fix for each.

The parent area shows the same list (``run_checks`` returns plain ``Check`` dataclasses). Checks
are cheap by default (files and configs present, no model loaded, no network unless the story
backend needs it); ``deep`` also verifies model checksums. Everything touching hardware goes
through ``Probes``, so tests can put the machine in any state.
"""

from __future__ import annotations

import argparse
import ctypes.util
import dataclasses
import importlib.util
import json
import os
import shutil
import socket
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from . import paths
from .hardware import HardwareInfo, detect
from .models.disk import DiskUsageFn, human_bytes
from .models.presets import PRESETS, ModelRole, recommend_preset
from .models.store import locate_model
from .models.verify import validate_folder
from .resources import font_path
from .settings import Settings, get_settings

__all__ = [
    "EXIT_BLOCKING",
    "Check",
    "Probes",
    "add_parser",
    "format_report",
    "has_blocking",
    "main",
    "report_json",
    "run_checks",
]

EXIT_BLOCKING = 1
MIN_FREE_BYTES = 500 * 10**6  # below this the shelf cannot save pictures: blocking
LOW_FREE_BYTES = 2 * 10**9
DEFAULT_STORY_HOST = ("api.openai.com", 443)
CUDA_HINT = "pip install torch --index-url https://download.pytorch.org/whl/cu124"


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""  # one line; empty when ok
    blocking: bool = False  # the app cannot do what it was set up to do

    @property
    def status(self) -> str:
        return "ok" if self.ok else ("FAIL" if self.blocking else "warn")


def _has_module(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def _torch_versions() -> tuple[str, str | None] | None:
    if not _has_module("torch"):
        return None
    import torch

    return str(torch.__version__), torch.version.cuda


def _audio_devices() -> list[dict[str, Any]]:
    """PortAudio's device list; raises OSError when PortAudio itself is missing."""
    import sounddevice as sd

    return [dict(d) for d in sd.query_devices()]


def _keyring_backend() -> str:
    import keyring

    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def _stored_key() -> bool | None:
    from .apikey import has_key

    return has_key()


def _tcp_connect(host: str, port: int, timeout: float) -> None:
    with socket.create_connection((host, port), timeout=timeout):
        pass


def _font_files() -> list[Path]:
    return [font_path(bold=False), font_path(bold=True)]


@dataclass
class Probes:
    """The hardware edge of every check; replace any of them to test a state."""

    python_version: Callable[[], tuple[int, ...]] = lambda: tuple(sys.version_info[:3])
    has_module: Callable[[str], bool] = _has_module
    find_library: Callable[[str], str | None] = ctypes.util.find_library
    platform: str = sys.platform
    hardware: Callable[[], HardwareInfo] = detect
    torch_versions: Callable[[], tuple[str, str | None] | None] = _torch_versions
    audio_devices: Callable[[], list[dict[str, Any]]] = _audio_devices
    font_files: Callable[[], list[Path]] = _font_files
    disk_usage: DiskUsageFn = shutil.disk_usage
    data_dir: Callable[[], Path] = paths.data_dir
    keyring_backend: Callable[[], str] = _keyring_backend
    connect: Callable[[str, int, float], None] = _tcp_connect
    stored_key: Callable[[], bool | None] = _stored_key  # an API key in the OS keyring
    env: Mapping[str, str] = field(default_factory=lambda: os.environ)
    timeout_s: float = 3.0


def _bad(name: str, detail: str, fix: str, blocking: bool = False) -> Check:
    return Check(name, False, detail, fix, blocking)


def check_python(p: Probes, s: Settings) -> list[Check]:
    version = ".".join(map(str, p.python_version()))
    if p.python_version() < (3, 11):
        return [_bad("python", f"Python {version}", "install Python 3.11 or newer", True)]
    return [Check("python", True, f"Python {version}")]


def check_qt(p: Probes, s: Settings) -> list[Check]:
    if not p.has_module("PySide6"):
        fix = "pip install PySide6-Essentials PySide6-Addons (or use the bundle)"
        return [_bad("qt", "PySide6 is not installed", fix, True)]
    out = [Check("qt", True, "PySide6 installed")]
    if p.platform.startswith("linux"):
        missing = [lib for lib in ("xcb-cursor", "xkbcommon", "EGL") if not p.find_library(lib)]
        if missing:
            fix = "sudo apt install libxcb-cursor0 libxkbcommon-x11-0 libegl1"
            out.append(_bad("qt-libs", "missing system libraries: " + ", ".join(missing), fix))
    return out


def _wants_gpu(s: Settings) -> bool:
    return s.picture_backend == "sdxl" or bool(s.whisper_model)


def check_torch(p: Probes, s: Settings) -> list[Check]:
    versions = p.torch_versions()
    if versions is None:
        if _wants_gpu(s):
            return [_bad("torch", "torch is not installed but SDXL/Whisper are chosen",
                         CUDA_HINT, True)]  # fmt: skip
        return [Check("torch", True, "not installed (not needed by the embedded painter)")]
    version, cuda = versions
    build = f"CUDA {cuda} build" if cuda else "CPU build"
    return [Check("torch", True, f"torch {version} ({build})")]


def check_gpu(p: Probes, s: Settings) -> list[Check]:
    hw = p.hardware()
    allow_cpu = bool(getattr(s, "sdxl_allow_cpu", False))
    if not hw.cuda:
        if s.picture_backend == "sdxl" and not allow_cpu:
            fix = f"install an NVIDIA driver and the CUDA build of torch ({CUDA_HINT})"
            return [_bad("gpu", "no CUDA GPU, but SDXL pictures are chosen", fix, True)]
        painter = "OpenAI" if s.picture_backend == "openai" else "the embedded painter"
        return [Check("gpu", True, f"no CUDA GPU: {hw.summary}; pictures by {painter}")]
    chosen = next((x for x in PRESETS if x.id == s.model_preset), None)
    vram = hw.vram_gb or 0.0
    if chosen and vram < chosen.min_vram_gb - 0.5:
        better = recommend_preset(hw)
        fix = f"choose the '{better.title}' preset (aibook models download {better.id} --yes)"
        detail = f"{hw.summary}: the '{chosen.title}' preset needs {chosen.min_vram_gb:.0f} GB"
        return [_bad("gpu", detail, fix)]
    return [Check("gpu", True, hw.summary)]


def _no_image_safety(s: Settings) -> Check:
    """A warning, not a block: the parent decides, but must know pictures go unchecked.

    When the model is set, its ``model:sdxl_safety_checker`` row says where it is and whether
    its files are intact (a broken one blocks: SDXL would refuse to start without it). Only the
    preset already in use is suggested: another one would switch the other models too.
    """
    fix = "aibook models import sdxl_safety_checker FOLDER (a StableDiffusionSafetyChecker)"
    preset = next((x for x in PRESETS if x.id == s.model_preset), None)
    if preset is not None and preset.spec(ModelRole.IMAGE_SAFETY) is not None:
        fix = f"aibook models download {preset.id} --yes (finished files are kept), or {fix}"
    detail = "SDXL pictures are shown unchecked: no image safety model is set"
    return _bad("image_safety", detail, fix)


def check_models(p: Probes, s: Settings, deep: bool = False) -> list[Check]:
    out: list[Check] = []
    for role in ModelRole:
        value = getattr(s, role.value)
        name = f"model:{role.value}"
        if not value:
            if role is ModelRole.SDXL_BASE and s.picture_backend == "sdxl":
                fix = "aibook models download gpu8 --yes, or import the folder (parent area)"
                out.append(_bad(name, "SDXL pictures are chosen but no base model is set", fix,
                                True))  # fmt: skip
            elif role is ModelRole.IMAGE_SAFETY and s.picture_backend == "sdxl":
                out.append(_no_image_safety(s))
            continue
        folder = locate_model(value)
        if folder is None:
            fix = "download it again (aibook models download PRESET --yes) or import the folder"
            out.append(_bad(name, f"not found on this machine: {value}", fix, True))
            continue
        report = validate_folder(role, folder, deep=deep)
        if report.ok:
            out.append(Check(name, True, f"{folder} ({report.describe().split(': ', 1)[1]})"))
        else:
            fix = f"re-import or re-download it: aibook models import {role.value} FOLDER"
            out.append(_bad(name, report.describe(), fix, True))
    if not out:
        out.append(Check("models", True, "none configured: embedded storyteller and painter"))
    return out


def _devices(p: Probes, kind: str) -> list[dict[str, Any]] | str:
    try:
        return [d for d in p.audio_devices() if d.get(f"max_{kind}_channels", 0) > 0]
    except Exception as exc:  # PortAudio missing or broken: never stop the doctor
        return f"{type(exc).__name__}: {exc}"


def check_audio(p: Probes, s: Settings) -> list[Check]:
    out = []
    for name, kind, hint in (
        ("microphone", "input", "plug in a USB microphone or headset and unmute it"),
        ("speakers", "output", "connect speakers or headphones (read-aloud needs them)"),
    ):
        found = _devices(p, kind)
        if isinstance(found, str):
            fix = "sudo apt install libportaudio2 (Linux); check the sound driver"
            out.append(_bad(name, f"cannot list sound devices ({found})", fix))
        elif not found:
            out.append(_bad(name, f"no {kind} device found", hint))
        else:
            out.append(Check(name, True, ", ".join(str(d.get("name", "?")) for d in found[:3])))
    return out


def check_fonts(p: Probes, s: Settings) -> list[Check]:
    fix = "reinstall AI-Book: the shipped font (resources/fonts) is damaged or missing"
    try:
        files = p.font_files()
    except FileNotFoundError as exc:
        return [_bad("fonts", str(exc), fix, True)]
    for path in files:
        try:
            magic = path.read_bytes()[:4]
        except OSError as exc:
            return [_bad("fonts", f"{path.name}: {exc.strerror or exc}", fix, True)]
        if magic not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
            return [_bad("fonts", f"{path.name} is not a font file", fix, True)]
    return [Check("fonts", True, ", ".join(f.name for f in files))]


def check_disk(p: Probes, s: Settings) -> list[Check]:
    try:
        folder = p.data_dir()
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-"):
            pass
    except OSError as exc:
        fix = "check the folder's permissions, or set AIBOOK_HOME to a writable folder"
        return [_bad("disk", f"cannot write to the data folder: {exc}", fix, True)]
    free = int(p.disk_usage(str(folder)).free)
    detail = f"{human_bytes(free)} free in {folder}"
    if free < MIN_FREE_BYTES:
        return [_bad("disk", detail, "free disk space: books cannot be saved", True)]
    if free < LOW_FREE_BYTES:
        return [_bad("disk", detail, "free some disk space soon (books and models need it)")]
    return [Check("disk", True, detail)]


def check_keyring(p: Probes, s: Settings) -> list[Check]:
    try:
        backend = p.keyring_backend()
    except Exception as exc:
        backend = f"unusable ({type(exc).__name__})"
    usable = "fail" not in backend.lower() and "unusable" not in backend
    if usable:
        return [Check("keyring", True, backend)]
    if "openai" in (s.story_backend, s.picture_backend) and not p.env.get("OPENAI_API_KEY"):
        fix = "install and unlock a keyring (gnome-keyring, KWallet) or set OPENAI_API_KEY"
        return [_bad("keyring", f"no usable keyring ({backend}) for the OpenAI key", fix)]
    return [Check("keyring", True, f"no usable keyring ({backend}); no key needed now")]


def _story_host(s: Settings) -> tuple[str, int]:
    if not s.openai_base_url:
        return DEFAULT_STORY_HOST
    url = urlsplit(s.openai_base_url if "//" in s.openai_base_url else "//" + s.openai_base_url)
    port = url.port or (80 if url.scheme == "http" else 443)
    return url.hostname or DEFAULT_STORY_HOST[0], port


def check_pictures_openai(p: Probes, s: Settings) -> list[Check]:
    """OpenAI pictures need a key or a compatible server's address; without either every page
    is drawn by the embedded painter instead."""
    if s.picture_backend != "openai":
        return []
    base_url = s.openai_base_url.strip() or p.env.get("OPENAI_BASE_URL", "").strip()
    if base_url:
        return [Check("openai-pictures", True, f"{s.openai_image_model} at {base_url}")]
    try:
        stored = p.stored_key()
    except Exception:  # a broken keyring: the keyring check reports it
        stored = None
    if p.env.get("OPENAI_API_KEY") or stored:
        return [Check("openai-pictures", True, f"{s.openai_image_model}, API key set")]
    fix = "save an API key in the parent area (or set OPENAI_API_KEY), or set openai_base_url"
    detail = "OpenAI pictures are chosen but there is no API key: the embedded painter draws"
    return [_bad("openai-pictures", detail, fix)]


def check_network(p: Probes, s: Settings) -> list[Check]:
    if s.story_backend == "offline" and s.picture_backend != "openai":
        return [Check("network", True, "not needed: the offline storyteller is in use")]
    host, port = _story_host(s)
    try:
        p.connect(host, port, p.timeout_s)
    except OSError as exc:
        fix = "check the network/proxy or openai_base_url in settings (offline stories meanwhile)"
        return [_bad("network", f"cannot reach the story server {host}:{port} ({exc})", fix)]
    return [Check("network", True, f"story server {host}:{port} reachable")]


def run_checks(
    settings: Settings | None = None, *, deep: bool = False, probes: Probes | None = None
) -> list[Check]:
    """Every check, in the order a person would fix them."""
    s = settings or get_settings()
    p = probes or Probes()
    checks: list[Check] = []
    for check in (check_python, check_qt, check_torch, check_gpu):
        checks += check(p, s)
    checks += check_models(p, s, deep=deep)
    checks += check_pictures_openai(p, s)
    for check in (check_audio, check_fonts, check_disk, check_keyring, check_network):
        checks += check(p, s)
    return checks


def has_blocking(checks: list[Check]) -> bool:
    return any(c.blocking and not c.ok for c in checks)


def format_report(checks: list[Check]) -> str:
    width = max(len(c.name) for c in checks)
    lines = []
    for c in checks:
        lines.append(f"{c.status:<4}  {c.name:<{width}}  {c.detail}")
        if c.fix:
            lines.append(f"{'':<4}  {'':<{width}}  fix: {c.fix}")
    verdict = "blocking problems found" if has_blocking(checks) else "ready"
    return "\n".join([*lines, "", f"AI-Book doctor: {verdict}"])


def report_json(checks: list[Check]) -> str:
    data = {
        "ok": not has_blocking(checks),
        "checks": [dataclasses.asdict(c) | {"status": c.status} for c in checks],
    }
    return json.dumps(data, ensure_ascii=False, indent=1)


def add_parser(sub: Any) -> None:
    """The ``doctor`` subcommand for engine/cli.py."""
    dr = sub.add_parser("doctor", help="check this machine: GPU, models, audio, fonts, network")
    dr.add_argument("--json", action="store_true", help="print the checks as JSON")
    dr.add_argument("--deep", action="store_true", help="also verify model checksums (slow)")


def main(args: argparse.Namespace, probes: Probes | None = None) -> int:
    checks = run_checks(deep=args.deep, probes=probes)
    print(report_json(checks) if args.json else format_report(checks))
    return EXIT_BLOCKING if has_blocking(checks) else 0
