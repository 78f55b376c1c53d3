"""The image safety check every diffusion picture passes before a child sees it.

With a StableDiffusionSafetyChecker configured (settings ``sdxl_safety_checker``), that model
decides. Without one, ``NoImageCheck`` lets everything through and SAYS SO in the verdict and
in the page's provenance: it is not a real check, and nothing pretends it is.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

import numpy as np
from PIL import Image

__all__ = [
    "DiffusersImageChecker",
    "ImageSafetyChecker",
    "ImageVerdict",
    "NoImageCheck",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImageVerdict:
    flagged: bool
    checker: str  # which check decided
    real: bool  # False: nothing was actually checked
    detail: str = ""


@runtime_checkable
class ImageSafetyChecker(Protocol):
    name: str

    def check(self, image: Image.Image) -> ImageVerdict: ...


class NoImageCheck:
    """The honest placeholder when no safety model is configured: passes every image."""

    name = "none"

    def check(self, image: Image.Image) -> ImageVerdict:
        return ImageVerdict(
            False, self.name, real=False, detail="no image safety model configured: NOT checked"
        )


class DiffusersImageChecker:
    """diffusers' StableDiffusionSafetyChecker (CLIP concept embeddings), loaded once."""

    name = "sd-safety-checker"

    def __init__(self, model: Any, processor: Any, device: str = "cpu") -> None:
        self.model = model.to(device).eval()
        self.processor = processor
        self.device = device

    @classmethod
    def load(
        cls, source: str, *, allow_download: bool = False, device: str = "cpu"
    ) -> DiffusersImageChecker:
        from diffusers.pipelines.stable_diffusion.safety_checker import (
            StableDiffusionSafetyChecker,
        )
        from transformers import CLIPImageProcessor

        local = not allow_download
        model = StableDiffusionSafetyChecker.from_pretrained(source, local_files_only=local)
        processor = CLIPImageProcessor.from_pretrained(source, local_files_only=local)
        return cls(model, processor, device)

    def check(self, image: Image.Image) -> ImageVerdict:
        import torch

        rgb = image.convert("RGB")
        pixels = self.processor(images=rgb, return_tensors="pt").pixel_values.to(self.device)
        array = np.asarray(rgb, dtype=np.float32)[None] / 255.0
        with torch.no_grad():
            _, flags = self.model(clip_input=pixels.to(self.model.dtype), images=array)
        flagged = bool(flags[0])
        if flagged:
            log.warning("the image safety checker flagged a picture")
        return ImageVerdict(flagged, self.name, real=True, detail="flagged" if flagged else "")
