"""SDXL pictures: base + refiner on the local GPU (or, slowly, the CPU), safe and cancellable.

Importing this package is cheap; torch and diffusers load only when a name that needs them is
used, so ``config.illustrator_from_settings`` can say "torch is not installed" instead of failing.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "ConsistencyReport",
    "DiffusersImageChecker",
    "HeroConsistency",
    "ImageSafetyChecker",
    "ImageVerdict",
    "NoImageCheck",
    "OutOfPolicies",
    "PageRun",
    "PipelineFactory",
    "SDXLIllustrator",
    "SDXLModels",
    "SDXLOptions",
    "SDXLPipelines",
    "StepPlan",
    "illustrator_from_settings",
    "load_pipelines",
    "plan_steps",
]

_WHERE = {
    "StepPlan": "plan", "plan_steps": "plan", "ConsistencyReport": "consistency",
    "HeroConsistency": "consistency",
    "DiffusersImageChecker": "image_safety", "ImageSafetyChecker": "image_safety",
    "ImageVerdict": "image_safety", "NoImageCheck": "image_safety",
    "OutOfPolicies": "illustrator", "PageRun": "illustrator", "SDXLIllustrator": "illustrator",
    "SDXLOptions": "illustrator", "PipelineFactory": "pipelines", "SDXLModels": "pipelines",
    "SDXLPipelines": "pipelines", "load_pipelines": "pipelines",
    "illustrator_from_settings": "config",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
