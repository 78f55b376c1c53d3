"""What this machine can run: GPU name and VRAM, found without importing torch unless it is there.

The picture backend (issue #4) turns this into a precision/offload policy; the parent area's
diagnostics page shows it.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import platform
from dataclasses import dataclass

__all__ = ["HardwareInfo", "detect"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class HardwareInfo:
    cpu_count: int
    machine: str
    torch_installed: bool
    cuda: bool
    gpu_name: str | None = None
    vram_gb: float | None = None

    @property
    def summary(self) -> str:
        if self.cuda and self.gpu_name:
            return f"{self.gpu_name}, {self.vram_gb or 0:.0f} GB"
        return f"CPU only ({self.cpu_count} cores)"


def detect() -> HardwareInfo:
    """Cheap when torch is absent; imports torch (seconds) only when it is installed."""
    torch_installed = importlib.util.find_spec("torch") is not None
    cpus, machine = os.cpu_count() or 1, platform.machine()
    if not torch_installed:
        return HardwareInfo(cpus, machine, torch_installed=False, cuda=False)
    try:
        import torch

        if not torch.cuda.is_available():
            return HardwareInfo(cpus, machine, torch_installed=True, cuda=False)
        props = torch.cuda.get_device_properties(0)
        return HardwareInfo(
            cpus,
            machine,
            torch_installed=True,
            cuda=True,
            gpu_name=str(props.name),
            vram_gb=round(props.total_memory / 2**30, 1),
        )
    except Exception as exc:  # a broken driver must not stop the app: fall back to the CPU
        log.warning("GPU detection failed: %r", exc)
        return HardwareInfo(cpus, machine, torch_installed=True, cuda=False)
