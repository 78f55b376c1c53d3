"""From Settings to a ready SDXLIllustrator, or a clear reason why SDXL cannot run here.

Nothing is downloaded behind the user's back: a hub id must already be in the local Hugging Face
cache unless the parent allowed downloads (``sdxl_allow_download``).
"""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import BackendUnavailable
from ...hardware import HardwareInfo, detect, policy_ladder
from ...model_ref import ModelRef, model_ref_kind
from ...settings import Settings

if TYPE_CHECKING:  # torch-free at import time, so a missing torch becomes a clear reason
    from .illustrator import SDXLIllustrator
    from .pipelines import SDXLModels

__all__ = ["check_source", "illustrator_from_settings", "models_from_settings"]

log = logging.getLogger(__name__)


def check_source(what: str, source: str, allow_download: bool) -> str:
    """The folder (expanded) or hub id to load; BackendUnavailable if it cannot be had locally."""
    if model_ref_kind(source) is not ModelRef.HUB:
        folder = Path(source).expanduser()
        if not folder.is_dir():
            raise BackendUnavailable(f"the {what} folder {folder} does not exist")
        return str(folder)
    if allow_download:
        return source
    from huggingface_hub import try_to_load_from_cache

    cached = try_to_load_from_cache(source, "model_index.json") or try_to_load_from_cache(
        source, "config.json"
    )
    if not isinstance(cached, str):
        raise BackendUnavailable(
            f"the {what} {source!r} is not in the local Hugging Face cache and downloads are off "
            "(point the setting at a folder, or set sdxl_allow_download = true)"
        )
    return source


def models_from_settings(settings: Settings) -> SDXLModels:
    from .pipelines import SDXLModels

    if not settings.sdxl_base.strip():
        raise BackendUnavailable(
            "no SDXL weights are configured: set sdxl_base (and sdxl_refiner) in settings, "
            "or pass --sdxl-base PATH_OR_ID"
        )
    download = settings.sdxl_allow_download

    def source(what: str, value: str) -> str:
        return check_source(what, value.strip(), download) if value.strip() else ""

    from .modes import mode_spec

    spec = mode_spec(settings.sdxl_mode)
    if spec.lora_file and not settings.sdxl_lora.strip():
        raise BackendUnavailable(
            f"the {spec.mode.value} picture mode needs its distilled LoRA ({spec.lora_repo}: "
            f"{spec.lora_file}): set sdxl_lora, or choose the {spec.mode.value} model preset"
        )
    return SDXLModels(
        base=source("SDXL base", settings.sdxl_base),
        refiner=source("SDXL refiner", settings.sdxl_refiner) if spec.refiner else "",
        vae=source("SDXL VAE", settings.sdxl_vae),
        ip_adapter=source("IP-Adapter", settings.ip_adapter),
        ip_adapter_weight=settings.ip_adapter_weight,
        ip_adapter_image_encoder=settings.ip_adapter_image_encoder,
        allow_download=download,
        mode=spec.mode.value,
        lora=source("distilled LoRA", settings.sdxl_lora) if spec.lora_file else "",
        lora_weight=settings.sdxl_lora_weight.strip(),
    )


def illustrator_from_settings(
    settings: Settings, hardware: HardwareInfo | None = None, *, load: bool = True
) -> SDXLIllustrator:
    """Check what SDXL needs, build the illustrator and (by default) load the weights now."""
    missing = [m for m in ("torch", "diffusers", "transformers") if not importlib.util.find_spec(m)]
    if missing:
        raise BackendUnavailable(
            f"SDXL needs {', '.join(missing)}: install the GPU extra (pip install "
            "'aibook-desktop[gpu]')"
        )
    info = hardware or detect()
    if not info.cuda and not settings.sdxl_allow_cpu:
        raise BackendUnavailable(
            f"SDXL needs an NVIDIA GPU with CUDA and this machine has none ({info.summary}); "
            "set sdxl_allow_cpu = true to draw on the CPU anyway (minutes a page)"
        )
    models = models_from_settings(settings)
    from .illustrator import SDXLIllustrator, SDXLOptions

    if models.spec.needs_image_check and not settings.sdxl_safety_checker.strip():
        # no guidance: the child-safe negative prompt does nothing, so the check must decide
        raise BackendUnavailable(
            f"the {models.mode} picture mode draws without the child-safe negative prompt and "
            "needs the image safety check: set sdxl_safety_checker (the instant preset has it)"
        )
    safety = None
    if settings.sdxl_safety_checker.strip():
        from .image_safety import DiffusersImageChecker

        name = check_source(
            "safety checker", settings.sdxl_safety_checker.strip(), models.allow_download
        )
        # ~1.2 GB: on a card with room it checks a page in milliseconds; small cards keep the
        # VRAM for SDXL and check on the CPU (a fraction of a second a page)
        device = "cuda" if policy_ladder(info)[0].offload == "none" and info.cuda else "cpu"
        try:
            safety = DiffusersImageChecker.load(
                name, allow_download=models.allow_download, device=device
            )
        except (OSError, ValueError) as exc:
            raise BackendUnavailable(
                f"the image safety checker could not be loaded: {exc}"
            ) from exc
    illustrator = SDXLIllustrator(
        models,
        options=SDXLOptions(
            steps=settings.sdxl_steps,
            handoff_sigma=settings.sdxl_handoff_sigma,
            ip_adapter_scale=settings.ip_adapter_scale,
            batch_limit=settings.sdxl_batch,
        ),
        policies=policy_ladder(info, compile=settings.sdxl_compile),
        safety=safety,
    )
    if load:
        try:
            illustrator.load()
        except Exception as exc:  # missing files, a wrong folder, a bad config, no memory at all
            raise BackendUnavailable(f"the SDXL weights could not be loaded: {exc}") from exc
    return illustrator
