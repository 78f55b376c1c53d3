"""Loading SDXL base + refiner from hub ids or folders and placing them as a PicturePolicy says.

Loading is the hardware edge: the illustrator takes a ``PipelineFactory`` (this module's
``load_pipelines`` by default), so tests and benchmarks can hand in their own, e.g. one that
raises CUDA out-of-memory once. torch is imported inside functions: importing the engine must
stay light (tests/test_architecture.py checks that no engine module pulls torch in on import).
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...hardware import PicturePolicy

if TYPE_CHECKING:
    import torch

__all__ = [
    "PipelineFactory",
    "SDXLModels",
    "SDXLPipelines",
    "dpm_solver",
    "free_accelerator_memory",
    "load_pipelines",
    "place",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SDXLModels:
    """Where the weights are: hub ids or local folders, as the parent set them in settings."""

    base: str
    refiner: str = ""
    vae: str = ""  # an fp16-safe VAE shared by base and refiner; "" = the base's own
    ip_adapter: str = ""
    ip_adapter_weight: str = "sdxl_models/ip-adapter_sdxl.safetensors"
    allow_download: bool = False  # False: local folders and the local Hub cache only

    @property
    def label(self) -> str:
        return self.base + (f" + {self.refiner}" if self.refiner else "")


@dataclass
class SDXLPipelines:
    """The loaded, placed pipelines; ``refiner`` is None when none is configured or allowed."""

    base: Any  # StableDiffusionXLPipeline
    refiner: Any | None
    policy: PicturePolicy
    ip_adapter: bool = False

    def release(self) -> None:
        """Drop the weights and give the VRAM back (the next page loads them again)."""
        for pipe in (self.base, self.refiner):
            if pipe is not None and hasattr(pipe, "remove_all_hooks"):
                pipe.remove_all_hooks()
        self.base = None
        self.refiner = None
        free_accelerator_memory()


PipelineFactory = Callable[[SDXLModels, PicturePolicy], SDXLPipelines]


def free_accelerator_memory() -> None:
    import torch

    gc.collect()
    if torch.cuda.is_available():
        torch.cuda.empty_cache()


def dpm_solver(scheduler: Any) -> Any:
    """DPM++ 2M with Karras sigmas, built from a pipeline's own scheduler config."""
    from diffusers import DPMSolverMultistepScheduler

    return DPMSolverMultistepScheduler.from_config(
        scheduler.config, algorithm_type="dpmsolver++", solver_order=2, use_karras_sigmas=True
    )


def _dtype(policy: PicturePolicy) -> torch.dtype:
    import torch

    return {"float16": torch.float16, "bfloat16": torch.bfloat16}.get(policy.dtype, torch.float32)


def _dtype_kwarg() -> str:
    """diffusers renamed ``torch_dtype`` to ``dtype`` (PR 14205); older releases know only that."""
    from diffusers.utils import deprecation_utils

    return "dtype" if hasattr(deprecation_utils, "_resolve_dtype") else "torch_dtype"


def _from_pretrained(cls: Any, source: str, dtype: torch.dtype, download: bool, **kw: Any) -> Any:
    """fp16 weight files ("variant") where a repo has them, else the plain files."""
    import torch

    common = {_dtype_kwarg(): dtype, "local_files_only": not download, **kw}
    if dtype == torch.float16:
        try:
            return cls.from_pretrained(source, variant="fp16", **common)
        except (OSError, ValueError) as exc:
            log.debug("no fp16 variant of %s (%s); loading the plain files", source, exc)
    return cls.from_pretrained(source, **common)


def load_pipelines(models: SDXLModels, policy: PicturePolicy) -> SDXLPipelines:
    """Read the weights (never downloading unless allowed), then place them as ``policy`` says."""
    from diffusers import (
        AutoencoderKL,
        StableDiffusionXLImg2ImgPipeline,
        StableDiffusionXLPipeline,
    )

    dtype, download = _dtype(policy), models.allow_download

    def own_vae() -> dict[str, Any]:
        """The configured (e.g. fp16-safe) VAE, or nothing: the pipeline's own."""
        if not models.vae:
            return {}
        return {"vae": AutoencoderKL.from_pretrained(
            models.vae, **{_dtype_kwarg(): dtype}, local_files_only=not download
        )}  # fmt: skip

    extra = own_vae()
    base = _from_pretrained(StableDiffusionXLPipeline, models.base, dtype, download, **extra)
    refiner = None
    if models.refiner and policy.refiner:
        # Sharing the second text encoder and the VAE saves ~1.5 GB; accelerate's offload hooks
        # cannot serve one module from two pipelines, so offloaded refiners get their own copy.
        shared: dict[str, Any] = {"text_encoder_2": base.text_encoder_2, "vae": base.vae}
        if policy.offload != "none":
            shared = own_vae()
        refiner = _from_pretrained(
            StableDiffusionXLImg2ImgPipeline, models.refiner, dtype, download, **shared
        )
    pipes = SDXLPipelines(base, refiner, policy)
    if models.ip_adapter:
        _load_ip_adapter(base, models, download)
        pipes.ip_adapter = True
    place(pipes, policy)
    return pipes


def _load_ip_adapter(base: Any, models: SDXLModels, download: bool) -> None:
    """IP-Adapter on the base UNet only (the refiner has no image projection)."""
    subfolder, _, weight_name = models.ip_adapter_weight.rpartition("/")
    base.load_ip_adapter(
        models.ip_adapter, subfolder=subfolder or None, weight_name=weight_name,
        local_files_only=not download,
    )  # fmt: skip


def place(pipes: SDXLPipelines, policy: PicturePolicy) -> None:
    """Schedulers, device or offload, and the optional speed-ups, for both pipelines."""
    import torch

    for pipe in (pipes.base, pipes.refiner):
        if pipe is None:
            continue
        pipe.scheduler = dpm_solver(pipe.scheduler)
        pipe.set_progress_bar_config(disable=True)
        if policy.offload == "model":
            pipe.enable_model_cpu_offload()
        elif policy.offload == "sequential":
            pipe.enable_sequential_cpu_offload()
        else:
            pipe.to(policy.device)
        if policy.vae_tiling:
            pipe.vae.enable_tiling()
        if policy.batch > 1:  # decode a batch one picture at a time: the VAE peak stays flat
            pipe.vae.enable_slicing()
        if policy.fuse_qkv and not pipes.ip_adapter:  # fused QKV drops IP-Adapter processors
            pipe.fuse_qkv_projections()
        if policy.channels_last:
            pipe.unet.to(memory_format=torch.channels_last)
        if policy.compile:
            pipe.unet = torch.compile(pipe.unet, mode="max-autotune", fullgraph=True)
    log.info("SDXL pipelines placed: %s", policy)
