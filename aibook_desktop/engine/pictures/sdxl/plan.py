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
    "handoff_for_sigma",
    "plan_steps",
    "sigma_at_handoff",
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


def _training_sigmas(scheduler: Any) -> Any:
    """sigma(t) = sqrt((1 - alpha_bar_t) / alpha_bar_t) for t = 0..999, increasing in t."""
    import numpy as np

    alphas = np.asarray(scheduler.alphas_cumprod, dtype=np.float64)
    return np.sqrt((1.0 - alphas) / alphas)


def handoff_for_sigma(scheduler: Any, sigma: float) -> float:
    """The denoising_end fraction at which the base has brought the noise down to ``sigma``.

    The refiner is a low-noise expert: where it takes over is a noise level, not a share of
    the steps (with Karras sigmas a fixed fraction of the timesteps gives it a changing share of
    the steps, 36 % of 25 at 0.8). diffusers cuts at timestep ``train - fraction * train``.
    """
    import numpy as np

    if sigma <= 0:
        raise ValueError(f"the handoff sigma must be positive, not {sigma}")
    sigmas = _training_sigmas(scheduler)
    t = int(np.searchsorted(sigmas, sigma))  # the first timestep at or above that noise
    train = len(sigmas)
    return min(max(1.0 - t / train, 0.001), 0.999)


def sigma_at_handoff(scheduler: Any, handoff: float) -> float:
    """The noise level (sigma) where a denoising_end fraction hands over."""
    sigmas = _training_sigmas(scheduler)
    t = min(len(sigmas) - 1, max(0, round(len(sigmas) * (1.0 - handoff))))
    return float(sigmas[t])


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
