"""The hardware edge of ``aibook doctor``: every probe a check asks, replaceable in tests."""

from __future__ import annotations

import ctypes.util
import importlib.util
import os
import shutil
import socket
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import paths
from ..hardware import HardwareInfo, detect
from ..models.disk import DiskUsageFn
from ..resources import font_path
from ..syslibs import can_load

__all__ = ["Probes"]


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
    from ..apikey import has_key

    return has_key()


def _api_key() -> str | None:
    from ..apikey import api_key

    return api_key()


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
    load_library: Callable[[str], bool] = can_load  # dlopen by soname, as Qt will
    which: Callable[[str], str | None] = shutil.which  # programs on PATH (speech-dispatcher)
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
    stored_key_value: Callable[[], str | None] = _api_key  # the key itself (narration: #14)
    env: Mapping[str, str] = field(default_factory=lambda: os.environ)
    timeout_s: float = 3.0
