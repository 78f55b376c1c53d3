"""What one page will run: the prompt, the child-safe negative prompt, the base/refiner step split.

The split is computed from the scheduler's real timesteps, exactly as diffusers cuts them, so
"the refiner got zero steps" is known before drawing (with DPM++ and a 0.8 handoff, 4 steps go
4/0) and can be skipped on purpose and recorded, instead of silently running a no-op refiner.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "StepPlan",
    "plan_steps",
    "snap_size",
]


def snap_size(pixels: int) -> int:
    """SDXL works in multiples of 8 (the VAE's scale); larger requests are resized after."""
    return max(64, pixels // 8 * 8)


@dataclass(frozen=True)
class StepPlan:
    steps: int  # the schedule length both pipelines are given
    base: int  # denoising steps the base runs
    refiner: int  # denoising steps the refiner runs (0: it is not called at all)
    handoff: float | None  # base denoising_end / refiner denoising_start; None: base only
    why_no_refiner: str | None = None

    @property
    def total(self) -> int:
        return self.base + self.refiner

    def describe(self) -> str:
        if self.handoff is None:
            return f"base {self.base} steps, no refiner ({self.why_no_refiner})"
        return f"base {self.base} + refiner {self.refiner} steps (handoff {self.handoff:g})"


def _timesteps(scheduler: Any, steps: int) -> list[int]:
    fresh = type(scheduler).from_config(scheduler.config)  # never disturb the pipeline's own
    fresh.set_timesteps(steps)
    return [int(t) for t in fresh.timesteps]


def plan_steps(
    base_scheduler: Any,
    refiner_scheduler: Any | None,
    steps: int,
    handoff: float,
    why_no_refiner: str = "no refiner loaded",
) -> StepPlan:
    """The split diffusers will make (pipeline_stable_diffusion_xl*.py: denoising_end/start)."""
    if steps < 1:
        raise ValueError("at least one denoising step is needed")
    if refiner_scheduler is None:
        return StepPlan(steps, steps, 0, None, why_no_refiner)
    if not 0.0 < handoff < 1.0:
        raise ValueError(f"the handoff must be between 0 and 1, not {handoff}")
    train = int(base_scheduler.config.num_train_timesteps)
    cutoff = round(train - handoff * train)
    base = sum(1 for t in _timesteps(base_scheduler, steps) if t >= cutoff)
    refiner = sum(1 for t in _timesteps(refiner_scheduler, steps) if t < cutoff)
    if refiner == 0:
        reason = f"{steps} steps leave the refiner none after the {handoff:g} handoff"
        return StepPlan(steps, steps, 0, None, reason)
    return StepPlan(steps, base, refiner, handoff)
