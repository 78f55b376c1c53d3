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

from .texts import T, Text

__all__ = [
    "GPU_FATAL_MARKERS",
    "HardwareInfo",
    "PicturePolicy",
    "detect",
    "is_gpu_fatal",
    "policy",
    "policy_ladder",
]

log = logging.getLogger(__name__)
# After these the process's CUDA context is unusable: the book fails with gpu_lost and a
# supervised app restarts (supervisor.RESTART_EXIT_CODE).
GPU_FATAL_MARKERS = (
    "cuda error: an illegal memory access",
    "cuda error: unspecified launch failure",
    "cuda error: device-side assert",
    "cudaerrorlaunchfailure",
    "driver shutting down",
    "cuda driver version is insufficient",
    "cublas_status_execution_failed",
    "gpu is lost",
    "nvml_error_gpu_is_lost",
)


def is_gpu_fatal(exc: BaseException) -> bool:
    """True for errors after which this process's CUDA context is unusable (restart it)."""
    text = f"{type(exc).__name__}: {exc}".lower()
    return any(marker in text for marker in GPU_FATAL_MARKERS)


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

    @property
    def summary_text(self) -> Text:
        """``summary`` that the parent area can show in its own language."""
        if self.cuda and self.gpu_name:
            return T("{gpu}, {vram:.0f} GB", gpu=self.gpu_name, vram=self.vram_gb or 0)
        return T("CPU only ({cores} cores)", cores=self.cpu_count)


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


# VRAM thresholds (GiB as reported by the driver) for the SDXL base + refiner pair in fp16.
FULL_GPU_GB = 16.0  # both UNets, both text encoders and the VAE resident: ~10-12 GB peak
MODEL_OFFLOAD_GB = 12.0  # one model on the GPU at a time (accelerate hooks)
BIG_CARD_GB = 24.0  # room for fused QKV, channels_last and (opt-in) torch.compile
# Pages denoised together in one batch (the VAE then decodes them one by one). Each extra
# 1024 px page adds ~1.5 GB of UNet activations in fp16 on top of the ~12 GB of weights.
BATCH_2_GB = 24.0
BATCH_4_GB = 40.0
# 80-141 GB cards (A100/H100 80 GB, H200 141 GB): the job draws page 1 alone (what the child
# waits for), then all the other pages of an 8-page book in ONE batch of 7 instead of 4 + 3
# (two batch shapes, and pages 2-5 waiting for the whole first batch).
BATCH_8_GB = 80.0


@dataclass(frozen=True)
class PicturePolicy:
    """How the diffusion pictures run here: device, precision, offload, refiner, speed-ups.

    Chosen from VRAM, stepped down when CUDA runs out of memory (a card shared with a game or a
    browser has less free memory than it reports), so a smaller card is slower, never broken.
    """

    name: str  # gpu | model-offload | sequential-offload | cpu
    device: str  # cuda | cpu
    dtype: str  # float16 | float32 (fp16 needs an fp16-safe VAE or the VAE's own upcast)
    offload: str  # none | model | sequential
    refiner: bool  # the refiner does the last steps (ensemble of experts)
    compile: bool = False  # torch.compile the UNets' repeated blocks, warmed up at load
    compile_backend: str = "inductor"  # tests use "eager": the dynamo logic without a compiler
    fuse_qkv: bool = False
    channels_last: bool = False
    vae_tiling: bool = False  # decode 1024 px in tiles on small cards
    batch: int = 1  # pages one denoising run may draw together (halved after an OOM)


def _batch_for(vram: float) -> int:
    if vram >= BATCH_8_GB:
        return 8
    return 4 if vram >= BATCH_4_GB else 2 if vram >= BATCH_2_GB else 1


CPU_POLICY = PicturePolicy("cpu", "cpu", "float32", "none", refiner=True)


def policy_ladder(info: HardwareInfo, *, compile: bool = False) -> list[PicturePolicy]:
    """The policy for this machine first, then the ones to step down to after an OOM."""
    if not info.cuda:
        return [CPU_POLICY]
    vram = info.vram_gb or 0.0
    big = vram >= BIG_CARD_GB
    full = PicturePolicy(
        "gpu", "cuda", "float16", "none", refiner=True,
        compile=compile and big, fuse_qkv=big, channels_last=big,
        # regional compilation is warmed up at load for every batch shape a book uses (the
        # illustrator's warm_up), so compiled UNets batch too
        batch=_batch_for(vram),
    )  # fmt: skip
    model = PicturePolicy("model-offload", "cuda", "float16", "model", refiner=True)
    sequential = PicturePolicy(
        "sequential-offload", "cuda", "float16", "sequential", refiner=False, vae_tiling=True
    )
    if vram >= FULL_GPU_GB:
        return [full, model, sequential]
    if vram >= MODEL_OFFLOAD_GB:
        return [model, sequential]
    return [sequential]


def policy(info: HardwareInfo | None = None, *, compile: bool = False) -> PicturePolicy:
    """The picture policy for this machine (``detect()`` when no info is given)."""
    return policy_ladder(info or detect(), compile=compile)[0]
