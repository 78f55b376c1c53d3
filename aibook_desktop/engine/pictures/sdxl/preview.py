"""Cheap page previews while SDXL denoises: latents -> RGB by a linear map, no VAE decode.

A VAE decode at 1024 px costs about as much as a denoising step; this costs a 4x3 matrix
product on a 128x128 latent, so a preview every few steps is free. The factors are the SDXL
latent-to-RGB approximation that ComfyUI ships for its previews (a least-squares fit of the VAE
decoder's output colour to the four latent channels). The picture is blurry and small (1/8 of
the page), which is exactly what a thumbnail "the picture is appearing" needs.

The previewed latent is the scheduler's current estimate of the *clean* picture (DPM++ keeps
it as ``model_outputs[-1]``), not the noisy latent the loop carries: the noisy one is mostly
noise until the last steps, the clean estimate shows shapes and colours from the first steps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PIL import Image

if TYPE_CHECKING:
    import torch

__all__ = ["SDXL_LATENT_RGB", "SDXL_LATENT_RGB_BIAS", "clean_estimate", "latents_to_previews"]

# rows: latent channels 0-3; columns: R, G, B
SDXL_LATENT_RGB = (
    (0.3651, 0.4232, 0.4341),
    (-0.2533, -0.0042, 0.1068),
    (0.1076, 0.1111, -0.0362),
    (-0.3165, -0.2492, -0.2188),
)
SDXL_LATENT_RGB_BIAS = (0.1084, -0.0175, -0.0011)


def clean_estimate(scheduler: Any, latents: torch.Tensor) -> torch.Tensor:
    """The scheduler's latest x0 prediction when it keeps one of the right shape, else latents.

    DPMSolverMultistep (dpmsolver++) stores the converted model output, i.e. x0, for its
    multistep update; other schedulers fall back to the noisy latents (still a usable preview
    near the end of the schedule).
    """
    outputs = getattr(scheduler, "model_outputs", None)
    if outputs and outputs[-1] is not None and tuple(outputs[-1].shape) == tuple(latents.shape):
        return outputs[-1]
    return latents


def latents_to_previews(latents: torch.Tensor) -> list[Image.Image]:
    """One small RGB picture per latent in the batch (``(B, 4, H, W)`` -> ``B`` x ``W``x``H``)."""
    import torch

    if latents.ndim != 4 or latents.shape[1] != len(SDXL_LATENT_RGB):
        raise ValueError(f"expected SDXL latents (B, 4, H, W), got {tuple(latents.shape)}")
    x = latents.detach().to(device="cpu", dtype=torch.float32)
    factors = torch.tensor(SDXL_LATENT_RGB, dtype=torch.float32)
    bias = torch.tensor(SDXL_LATENT_RGB_BIAS, dtype=torch.float32)
    rgb = torch.einsum("bchw,cr->bhwr", x, factors) + bias  # roughly -1..1
    pixels = ((rgb + 1.0) * 127.5).clamp(0, 255).round().to(torch.uint8).numpy()
    return [Image.fromarray(frame, "RGB") for frame in pixels]
