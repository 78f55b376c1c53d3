"""Picture modes: the quality path (base + refiner, 25 steps) and the few-step distilled paths.

A distilled LoRA fused into the SDXL base draws a page in 4-8 UNet steps instead of 25 and needs
no refiner. Each mode carries the scheduler and guidance its model card prescribes, and the
licence the deployer must accept; non-commercial distillations (SDXL-Turbo, DMD2) are not offered.

``instant`` (SDXL-Lightning) runs without classifier-free guidance, so the child-safe negative
prompt has no effect there: the image safety check is then mandatory (config.py refuses to run
it without one).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

__all__ = ["MODES", "ModeSpec", "PictureMode", "make_scheduler", "mode_spec"]


class PictureMode(StrEnum):
    QUALITY = "quality"
    FAST = "fast"
    INSTANT = "instant"


class SchedulerKind(StrEnum):
    DPM_KARRAS = "DPM++ 2M Karras"
    DDIM_TRAILING = "DDIM, trailing timesteps"
    EULER_TRAILING = "Euler, trailing timesteps"


@dataclass(frozen=True)
class ModeSpec:
    mode: PictureMode
    steps: int  # the schedule the LoRA was distilled for (quality: the default, configurable)
    guidance: float  # 0: no classifier-free guidance (negative prompts are ignored)
    scheduler: SchedulerKind
    refiner: bool
    lora_repo: str = ""  # hub id of the distilled LoRA ("" = none)
    lora_file: str = ""  # the weight file inside it
    lora_revision: str = "main"
    licence: str = ""
    needs_image_check: bool = False

    @property
    def uses_negative_prompt(self) -> bool:
        return self.guidance > 1.0

    def describe(self) -> str:
        lora = f" + {self.lora_file}" if self.lora_file else ""
        return f"mode {self.mode.value} ({self.steps} steps, {self.scheduler.value}{lora})"


MODES: dict[PictureMode, ModeSpec] = {
    PictureMode.QUALITY: ModeSpec(
        PictureMode.QUALITY, 25, 6.0, SchedulerKind.DPM_KARRAS, refiner=True,
        licence="SDXL 1.0 base/refiner: CreativeML Open RAIL++-M",
    ),
    # Hyper-SD card (ByteDance/Hyper-SD): "8-steps CFG-preserved LoRA", DDIM with trailing
    # timesteps, guidance 5-8, negative prompts kept. Revision a08b9c3 is the one whose model
    # card says "License: openrail++"; later revisions replaced the tag with a LICENSE.md that
    # the deployer must read before moving the pin.
    PictureMode.FAST: ModeSpec(
        PictureMode.FAST, 8, 5.0, SchedulerKind.DDIM_TRAILING, refiner=False,
        lora_repo="ByteDance/Hyper-SD", lora_file="Hyper-SDXL-8steps-CFG-lora.safetensors",
        lora_revision="a08b9c3da8dc3be0a6e79b04721bf237241403f9",
        licence="Hyper-SD LoRA: CreativeML Open RAIL++-M (model card at the pinned revision)",
    ),
    # SDXL-Lightning card (ByteDance/SDXL-Lightning, openrail++): Euler with trailing timesteps,
    # guidance 0, the step count of the checkpoint.
    PictureMode.INSTANT: ModeSpec(
        PictureMode.INSTANT, 4, 0.0, SchedulerKind.EULER_TRAILING, refiner=False,
        lora_repo="ByteDance/SDXL-Lightning", lora_file="sdxl_lightning_4step_lora.safetensors",
        licence="SDXL-Lightning LoRA: CreativeML Open RAIL++-M",
        needs_image_check=True,
    ),
}  # fmt: skip


def mode_spec(mode: str | PictureMode) -> ModeSpec:
    """The spec of a mode name; ValueError names the known ones."""
    try:
        return MODES[PictureMode(mode)]
    except ValueError:
        known = ", ".join(m.value for m in PictureMode)
        raise ValueError(f"unknown picture mode {mode!r} (one of {known})") from None


def make_scheduler(kind: SchedulerKind, scheduler: Any) -> Any:
    """The mode's scheduler, built from a pipeline's own scheduler config (betas, offsets)."""
    from diffusers import DDIMScheduler, DPMSolverMultistepScheduler, EulerDiscreteScheduler

    config = scheduler.config
    if kind is SchedulerKind.DDIM_TRAILING:
        return DDIMScheduler.from_config(config, timestep_spacing="trailing")
    if kind is SchedulerKind.EULER_TRAILING:
        return EulerDiscreteScheduler.from_config(config, timestep_spacing="trailing")
    return DPMSolverMultistepScheduler.from_config(
        config, algorithm_type="dpmsolver++", solver_order=2, use_karras_sigmas=True
    )
