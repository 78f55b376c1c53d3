"""Loading SDXL base + refiner from hub ids or folders and placing them as a PicturePolicy says.

Loading is the hardware edge: the illustrator takes a ``PipelineFactory`` (this module's
``load_pipelines`` by default), so tests and benchmarks can hand in their own, e.g. one that
raises CUDA out-of-memory once. torch is imported inside functions: importing the engine must
stay light (tests/test_architecture.py checks that no engine module pulls torch in on import).
"""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ... import paths
from ...hardware import PicturePolicy
from .modes import MODES, ModeSpec, PictureMode, make_scheduler, mode_spec

if TYPE_CHECKING:
    import torch

__all__ = [
    "PipelineFactory",
    "SDXLModels",
    "SDXLPipelines",
    "dpm_solver",
    "free_accelerator_memory",
    "inductor_cache_dir",
    "load_pipelines",
    "place",
    "reset_compiled",
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
    # the CLIP image encoder: a folder name inside the adapter's subfolder ("image_encoder":
    # sdxl_models/image_encoder, ViT-bigG) or a path from the repo root ("models/image_encoder",
    # the ViT-H one the "plus" adapters need), as diffusers' load_ip_adapter reads it
    ip_adapter_image_encoder: str = "image_encoder"
    allow_download: bool = False  # False: local folders and the local Hub cache only
    mode: str = PictureMode.QUALITY.value  # quality | fast | instant (modes.py)
    lora: str = ""  # the distilled LoRA's folder or hub id (fast/instant modes)
    lora_weight: str = ""  # its weight file; "" = the mode's default file name

    @property
    def spec(self) -> ModeSpec:
        return mode_spec(self.mode)

    @property
    def label(self) -> str:
        label = self.base + (f" + {self.refiner}" if self.refiner and self.spec.refiner else "")
        if self.lora:
            label += f" + {self.lora_weight or self.spec.lora_file or self.lora}"
        return label


@dataclass
class SDXLPipelines:
    """The loaded, placed pipelines; ``refiner`` is None when none is configured or allowed."""

    base: Any  # StableDiffusionXLPipeline
    refiner: Any | None
    policy: PicturePolicy
    ip_adapter: bool = False
    mode: ModeSpec = field(default_factory=lambda: MODES[PictureMode.QUALITY])
    compiled: bool = False  # the UNets' repeated blocks went through torch.compile
    fused_qkv: int = 0  # distinct modules (UNets, the shared VAE) whose QKV were fused

    def pipelines(self) -> Iterator[Any]:
        yield from (p for p in (self.base, self.refiner) if p is not None)

    def release(self) -> None:
        """Drop the weights and give the VRAM back (the next page loads them again)."""
        for pipe in self.pipelines():
            if hasattr(pipe, "remove_all_hooks"):
                pipe.remove_all_hooks()
        self.base = None
        self.refiner = None
        if self.compiled:  # compiled code and CUDA-graph pools hold the old weights' memory
            reset_compiled()
            self.compiled = False
        free_accelerator_memory()


PipelineFactory = Callable[[SDXLModels, PicturePolicy], SDXLPipelines]


def free_accelerator_memory() -> None:
    import torch

    gc.collect()
    if torch.cuda.is_available():
        torch.cuda.empty_cache()


def reset_compiled() -> None:
    """Forget every compiled graph (dynamo's caches) and free Inductor's CUDA-graph pools."""
    import torch

    torch._dynamo.reset()
    if torch.cuda.is_available():
        from torch._inductor import cudagraph_trees

        cudagraph_trees.reset_cudagraph_trees()


def inductor_cache_dir() -> Path:
    """Where Inductor keeps compiled kernels: under the app's cache, so a restart reuses them
    (TORCHINDUCTOR_CACHE_DIR wins when the deployer set it)."""
    configured = os.environ.get("TORCHINDUCTOR_CACHE_DIR")
    return Path(configured) if configured else paths.cache_dir() / "inductor"


def dpm_solver(scheduler: Any) -> Any:
    """DPM++ 2M with Karras sigmas, built from a pipeline's own scheduler config."""
    return make_scheduler(MODES[PictureMode.QUALITY].scheduler, scheduler)


def _dtype(policy: PicturePolicy) -> torch.dtype:
    import torch

    return {"float16": torch.float16, "bfloat16": torch.bfloat16}.get(policy.dtype, torch.float32)


def _dtype_kwarg() -> str:
    """diffusers renamed ``torch_dtype`` to ``dtype`` (PR 14205); older releases know only that."""
    from diffusers.utils import deprecation_utils

    return "dtype" if hasattr(deprecation_utils, "_resolve_dtype") else "torch_dtype"


def weight_variant(dtype: torch.dtype) -> str | None:
    """The weight files to read: half-precision policies read the fp16 files (half the bytes;
    fp16 -> bf16 keeps every value bf16 can hold), fp32 reads the plain ones."""
    import torch

    return "fp16" if dtype in (torch.float16, torch.bfloat16) else None


def _from_pretrained(cls: Any, source: str, dtype: torch.dtype, download: bool, **kw: Any) -> Any:
    """fp16 weight files ("variant") where a repo has them, else the plain files."""
    common = {_dtype_kwarg(): dtype, "local_files_only": not download, **kw}
    if variant := weight_variant(dtype):
        try:
            return cls.from_pretrained(source, variant=variant, **common)
        except (OSError, ValueError) as exc:
            log.debug("no %s variant of %s (%s); loading the plain files", variant, source, exc)
    return cls.from_pretrained(source, **common)


def load_pipelines(models: SDXLModels, policy: PicturePolicy) -> SDXLPipelines:
    """Read the weights (never downloading unless allowed), then place them as ``policy`` says."""
    from diffusers import (
        AutoencoderKL,
        StableDiffusionXLImg2ImgPipeline,
        StableDiffusionXLPipeline,
    )

    dtype, download, spec = _dtype(policy), models.allow_download, models.spec

    def own_vae() -> dict[str, Any]:
        """The configured (e.g. fp16-safe) VAE, or nothing: the pipeline's own."""
        if not models.vae:
            return {}
        return {"vae": _from_pretrained(AutoencoderKL, models.vae, dtype, download)}

    extra = own_vae()
    base = _from_pretrained(StableDiffusionXLPipeline, models.base, dtype, download, **extra)
    if models.lora:  # before QKV fusion and compilation, which both need the final weights
        fuse_lora(base, models, download)
    elif spec.lora_file:
        raise ValueError(f"{spec.describe()} needs its distilled LoRA (set sdxl_lora)")
    refiner = None
    if models.refiner and policy.refiner and spec.refiner:
        # Sharing the second text encoder and the VAE saves ~1.5 GB; accelerate's offload hooks
        # cannot serve one module from two pipelines, so offloaded refiners get their own copy.
        shared: dict[str, Any] = {"text_encoder_2": base.text_encoder_2, "vae": base.vae}
        if policy.offload != "none":
            shared = own_vae()
        refiner = _from_pretrained(
            StableDiffusionXLImg2ImgPipeline, models.refiner, dtype, download, **shared
        )
    pipes = SDXLPipelines(base, refiner, policy, mode=spec)
    if models.ip_adapter:
        _load_ip_adapter(base, models, download)
        pipes.ip_adapter = True
    place(pipes, policy)
    return pipes


def fuse_lora(base: Any, models: SDXLModels, download: bool) -> None:
    """Merge the distilled LoRA into the base weights and drop the LoRA layers: the UNet then
    runs at its plain speed (no PEFT detour per layer) and can be fused and compiled."""
    base.load_lora_weights(
        models.lora, weight_name=models.lora_weight or models.spec.lora_file or None,
        adapter_name="speed", local_files_only=not download,
    )  # fmt: skip
    base.fuse_lora(lora_scale=1.0, adapter_names=["speed"])
    base.unload_lora_weights()
    log.info("fused %s into the SDXL base", models.lora_weight or models.lora)


def _load_ip_adapter(base: Any, models: SDXLModels, download: bool) -> None:
    """IP-Adapter on the base UNet only (the refiner has no image projection)."""
    subfolder, _, weight_name = models.ip_adapter_weight.rpartition("/")
    base.load_ip_adapter(
        models.ip_adapter, subfolder=subfolder or None, weight_name=weight_name,
        image_encoder_folder=models.ip_adapter_image_encoder or "image_encoder",
        local_files_only=not download,
    )  # fmt: skip


def _distinct(modules: Iterator[Any]) -> list[Any]:
    """Each module once: base and refiner share the VAE (and text encoder 2)."""
    seen: dict[int, Any] = {}
    for module in modules:
        if module is not None:
            seen.setdefault(id(module), module)
    return list(seen.values())


def fuse_qkv_once(pipes: SDXLPipelines) -> int:
    """Fuse the attention projections of each UNet and of the shared VAE exactly once, and drop
    the unfused copies the fused processor no longer reads (diffusers keeps both)."""
    modules = _distinct(m for p in pipes.pipelines() for m in (p.unet, p.vae))
    for module in modules:
        module.fuse_qkv_projections()
        drop_unfused_projections(module)
    return len(modules)


def drop_unfused_projections(model: Any) -> int:
    """Free to_q/to_k/to_v where FusedAttnProcessor2_0 reads to_qkv (self-attention) or to_q +
    to_kv (cross-attention). Returns the number of parameters freed."""
    from diffusers.models.attention_processor import Attention

    freed = 0
    for module in model.modules():
        if not isinstance(module, Attention) or not getattr(module, "fused_projections", False):
            continue
        names = ("to_k", "to_v") if module.is_cross_attention else ("to_q", "to_k", "to_v")
        for name in names:
            layer = getattr(module, name, None)
            if layer is not None:
                freed += sum(p.numel() for p in layer.parameters())
                delattr(module, name)
    return freed


def compile_unets(pipes: SDXLPipelines, policy: PicturePolicy) -> None:
    """Regional compilation: only the UNets' repeated transformer blocks (seconds to a minute,
    not the minutes a whole-UNet max-autotune compile takes), kernels cached on disk."""
    import torch

    os.environ.setdefault("TORCHINDUCTOR_CACHE_DIR", str(inductor_cache_dir()))
    config = torch._dynamo.config
    # base and refiner blocks (4 widths), two IP-Adapter scales and two batch shapes all live
    # in the cache of the one BasicTransformerBlock.forward: 8 would evict warm graphs
    config.recompile_limit = max(config.recompile_limit, 64)
    for unet in _distinct(p.unet for p in pipes.pipelines()):
        unet.compile_repeated_blocks(fullgraph=True, backend=policy.compile_backend)
    pipes.compiled = True


def vae_upcasts(pipe: Any) -> bool:
    """True when diffusers will decode in fp32 (an fp16 VAE that is not fp16-safe)."""
    import torch

    return bool(pipe.vae.dtype == torch.float16 and pipe.vae.config.force_upcast)


def place(pipes: SDXLPipelines, policy: PicturePolicy) -> None:
    """Schedulers, device or offload, and the optional speed-ups, for both pipelines."""
    import torch

    for pipe in pipes.pipelines():
        pipe.scheduler = make_scheduler(pipes.mode.scheduler, pipe.scheduler)
        pipe.set_progress_bar_config(disable=True)
        if policy.offload == "model":
            pipe.enable_model_cpu_offload()
        elif policy.offload == "sequential":
            pipe.enable_sequential_cpu_offload()
        else:
            pipe.to(policy.device)
    for vae in _distinct(p.vae for p in pipes.pipelines()):
        if policy.vae_tiling:
            vae.enable_tiling()
        if policy.batch > 1:  # decode a batch one picture at a time: the VAE peak stays flat
            vae.enable_slicing()
    if policy.fuse_qkv and not pipes.ip_adapter:  # fused QKV drops IP-Adapter processors
        pipes.fused_qkv = fuse_qkv_once(pipes)
    if policy.channels_last:  # convolution-heavy: the UNets and the VAE decoder
        for module in _distinct(m for p in pipes.pipelines() for m in (p.unet, p.vae)):
            module.to(memory_format=torch.channels_last)
    if policy.compile:
        compile_unets(pipes, policy)
    if vae_upcasts(pipes.base):
        log.warning(
            "the SDXL VAE is not fp16-safe (force_upcast): every page is decoded in fp32; "
            "set sdxl_vae to an fp16-safe VAE such as madebyollin/sdxl-vae-fp16-fix"
        )
    log.info("SDXL pipelines placed: %s, %s", policy, pipes.mode.describe())
