"""Model presets: which weights a machine should run, what they cost on disk and in VRAM.

Sizes are the published sizes of the fp16 files (rounded); the download plan asks the hub for
the exact ones before anything is fetched. VRAM figures are what a picture plus a transcription
need at peak with the idle model offloaded to the CPU (the policy of engine/hardware.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ..hardware import HardwareInfo

__all__ = [
    "PRESETS",
    "ModelRole",
    "ModelSpec",
    "Preset",
    "get_preset",
    "recommend_preset",
]

GB = 10**9


class ModelRole(StrEnum):
    """What a model folder is for; the value is the Settings field that holds its path."""

    SDXL_BASE = "sdxl_base"
    SDXL_REFINER = "sdxl_refiner"
    SDXL_VAE = "sdxl_vae"  # an fp16-safe VAE: no fp32 decode on every page
    SDXL_LORA = "sdxl_lora"  # the fast/instant modes' distilled few-step LoRA
    IMAGE_SAFETY = "sdxl_safety_checker"
    WHISPER = "whisper_model"
    WHISPER_ADAPTER = "whisper_adapter"


# Each inner tuple is one requirement satisfied by ANY of its glob patterns (relative paths), so
# fp16/fp32, sharded and CTranslate2 layouts all count as present.
_SDXL_PART = {
    "unet": (("unet/config.json",), ("unet/diffusion_pytorch_model*.safetensors",)),
    "vae": (("vae/config.json",), ("vae/diffusion_pytorch_model*.safetensors",)),
    "text_encoder": (("text_encoder/config.json",), ("text_encoder/model*.safetensors",)),
    "text_encoder_2": (("text_encoder_2/config.json",), ("text_encoder_2/model*.safetensors",)),
    "tokenizer": (("tokenizer/vocab.json",), ("tokenizer/merges.txt",)),
    "tokenizer_2": (("tokenizer_2/vocab.json",), ("tokenizer_2/merges.txt",)),
}
_COMMON_SDXL = (("model_index.json",), ("scheduler/scheduler_config.json",))

REQUIRED_FILES: dict[ModelRole, tuple[tuple[str, ...], ...]] = {
    ModelRole.SDXL_BASE: _COMMON_SDXL
    + tuple(
        req
        for part in ("unet", "vae", "text_encoder", "text_encoder_2", "tokenizer", "tokenizer_2")
        for req in _SDXL_PART[part]
    ),
    ModelRole.SDXL_REFINER: _COMMON_SDXL
    + tuple(
        req for part in ("unet", "vae", "text_encoder_2", "tokenizer_2") for req in _SDXL_PART[part]
    ),
    ModelRole.SDXL_VAE: (("config.json",), ("diffusion_pytorch_model*.safetensors",)),
    ModelRole.SDXL_LORA: (("*.safetensors",),),
    ModelRole.IMAGE_SAFETY: (
        ("config.json",),
        ("preprocessor_config.json",),
        ("model.safetensors", "pytorch_model.bin"),
    ),
    ModelRole.WHISPER: (
        ("config.json",),
        ("model*.safetensors", "pytorch_model*.bin", "model.bin"),
        ("tokenizer.json", "vocab.json", "vocabulary.json", "vocabulary.txt"),
    ),
    ModelRole.WHISPER_ADAPTER: (
        ("adapter_config.json",),
        ("adapter_model.safetensors", "adapter_model.bin"),
    ),
}

_SDXL_BASE_FILES = (
    "model_index.json",
    "scheduler/*",
    "tokenizer/*",
    "tokenizer_2/*",
    "text_encoder/config.json",
    "text_encoder/model.fp16.safetensors",
    "text_encoder_2/config.json",
    "text_encoder_2/model.fp16.safetensors",
    "unet/config.json",
    "unet/diffusion_pytorch_model.fp16.safetensors",
    "vae/config.json",
    "vae/diffusion_pytorch_model.fp16.safetensors",
)
_SDXL_REFINER_FILES = (
    "model_index.json",
    "scheduler/*",
    "tokenizer_2/*",
    "text_encoder_2/config.json",
    "text_encoder_2/model.fp16.safetensors",
    "unet/config.json",
    "unet/diffusion_pytorch_model.fp16.safetensors",
    "vae/config.json",
    "vae/diffusion_pytorch_model.fp16.safetensors",
)
_WHISPER_FILES = ("*.json", "merges.txt", "model.safetensors")
# A CTranslate2 model: model.bin is CTranslate2's own weights format, not a pickle.
_CT2_WHISPER_FILES = ("config.json", "model.bin", "tokenizer.json", "vocabulary.*",
                      "preprocessor_config.json")  # fmt: skip
# The repo also holds the same weights as pytorch_model.bin (a pickle): never fetched.
_SAFETY_FILES = ("config.json", "preprocessor_config.json", "model.safetensors")


@dataclass(frozen=True)
class ModelSpec:
    """One model folder: where it comes from and roughly how big it is.

    ``repo_id`` None means there is no public copy (the children's LoRA is made on the
    deployer's side with ``aibook-train``): it can only be imported, or downloaded from a repo
    the deployer names.
    """

    role: ModelRole
    title: str
    repo_id: str | None
    allow_patterns: tuple[str, ...]
    approx_bytes: int
    revision: str = "main"

    @property
    def required(self) -> tuple[tuple[str, ...], ...]:
        return REQUIRED_FILES[self.role]


SDXL_BASE = ModelSpec(
    ModelRole.SDXL_BASE,
    "SDXL base 1.0 (fp16)",
    "stabilityai/stable-diffusion-xl-base-1.0",
    _SDXL_BASE_FILES,
    int(6.94 * GB),
)
SDXL_REFINER = ModelSpec(
    ModelRole.SDXL_REFINER,
    "SDXL refiner 1.0 (fp16)",
    "stabilityai/stable-diffusion-xl-refiner-1.0",
    _SDXL_REFINER_FILES,
    int(6.08 * GB),
)
# madebyollin/sdxl-vae-fp16-fix (MIT): the SDXL VAE fine-tuned so fp16 does not overflow, its
# config says force_upcast false: diffusers then decodes in fp16 (the stock VAE is decoded in
# fp32 on every page, ~0.2-0.4 s and GBs of peak memory, issue #17).
SDXL_VAE_FP16 = ModelSpec(
    ModelRole.SDXL_VAE,
    "SDXL VAE fp16-fix (MIT)",
    "madebyollin/sdxl-vae-fp16-fix",
    ("config.json", "diffusion_pytorch_model.safetensors"),
    int(0.33 * GB),
)
# The few-step LoRAs, with the licences their model cards state (engine/pictures/sdxl/modes.py).
# Not offered: SDXL-Turbo and DMD2 (non-commercial licences).
HYPER_SDXL_8STEP_CFG = ModelSpec(
    ModelRole.SDXL_LORA,
    "Hyper-SDXL 8-step CFG LoRA (ByteDance, CreativeML Open RAIL++-M at the pinned revision)",
    "ByteDance/Hyper-SD",
    ("Hyper-SDXL-8steps-CFG-lora.safetensors",),
    int(0.79 * GB),
    revision="a08b9c3da8dc3be0a6e79b04721bf237241403f9",
)
SDXL_LIGHTNING_4STEP = ModelSpec(
    ModelRole.SDXL_LORA,
    "SDXL-Lightning 4-step LoRA (ByteDance, CreativeML Open RAIL++-M)",
    "ByteDance/SDXL-Lightning",
    ("sdxl_lightning_4step_lora.safetensors",),
    int(0.39 * GB),
)
# Every SDXL picture passes this check before a child sees it; without it the check is a no-op.
IMAGE_SAFETY = ModelSpec(
    ModelRole.IMAGE_SAFETY,
    "Stable Diffusion safety checker (CLIP ViT-L/14)",
    "CompVis/stable-diffusion-safety-checker",
    _SAFETY_FILES,
    int(1.22 * GB),
)
WHISPER_LARGE_V2 = ModelSpec(
    ModelRole.WHISPER, "Whisper large-v2", "openai/whisper-large-v2", _WHISPER_FILES, int(6.18 * GB)
)
WHISPER_SMALL = ModelSpec(
    ModelRole.WHISPER, "Whisper small", "openai/whisper-small", _WHISPER_FILES, int(0.97 * GB)
)
# The CPU voice model: multilingual Whisper base, already in CTranslate2 form (fp16 model.bin,
# run int8 on the CPU by faster-whisper). Chosen by size and published Korean accuracy: on
# KsponSpeech (adult spontaneous Korean) Whisper's CER is tiny 33.6 %, base 22.9 %, medium
# 11.9 %, large-v2 10.8 % (eval-clean; Chang & Nam 2023, Phonetics and Speech Sciences 15(3),
# Table 4). tiny is too weak to offer; medium (1.5 GB, ~10x base's compute) is too slow for a
# 4-core kiosk. Base is ~145 MB and its Korean, though far from large-v2's, is a different class
# from the Kaldi model measured here (CER 0.86-0.92). Children's speech will do worse than
# these adult figures: the LoRA on a GPU remains the upgrade. Korean accuracy is not measured
# here (no Korean Whisper weights reachable).
WHISPER_BASE_CT2 = ModelSpec(
    ModelRole.WHISPER,
    "Whisper base, multilingual (CTranslate2, for the CPU)",
    "Systran/faster-whisper-base",
    _CT2_WHISPER_FILES,
    int(0.145 * GB),
)
CHILD_LORA = ModelSpec(
    ModelRole.WHISPER_ADAPTER,
    "Children's-speech LoRA for Whisper large-v2 (made with aibook-train)",
    None,
    ("adapter_config.json", "adapter_model.safetensors", "*.json"),
    int(0.07 * GB),
)


@dataclass(frozen=True)
class Preset:
    """A choice the parent makes once; ``backends`` are the Settings it switches to."""

    id: str
    title: str
    summary: str
    min_vram_gb: float
    vram_note: str
    models: tuple[ModelSpec, ...]
    backends: dict[str, str] = field(default_factory=dict)

    @property
    def approx_bytes(self) -> int:
        return sum(m.approx_bytes for m in self.models)

    @property
    def downloadable(self) -> tuple[ModelSpec, ...]:
        return tuple(m for m in self.models if m.repo_id)

    def spec(self, role: ModelRole) -> ModelSpec | None:
        return next((m for m in self.models if m.role == role), None)


PRESETS: tuple[Preset, ...] = (
    Preset(
        "gpu12",
        "GPU 12 GB+",
        "SDXL base + refiner + image safety check, Whisper large-v2 + children's LoRA",
        12.0,
        "about 11 GB at peak (base and refiner take turns on the GPU; Whisper fp16 ~3 GB)",
        (SDXL_BASE, SDXL_REFINER, SDXL_VAE_FP16, IMAGE_SAFETY, WHISPER_LARGE_V2, CHILD_LORA),
        {"picture_backend": "sdxl", "sdxl_mode": "quality"},
    ),
    Preset(
        "fast",
        "GPU 12 GB+, fast pictures",
        "SDXL base + Hyper-SDXL 8-step LoRA (guidance and the child-safe negative prompt kept, "
        "no refiner) + image safety check, Whisper large-v2 + children's LoRA",
        12.0,
        "about 9 GB at peak (SDXL base fp16, no refiner; Whisper fp16 ~3 GB)",
        (
            SDXL_BASE,
            HYPER_SDXL_8STEP_CFG,
            SDXL_VAE_FP16,
            IMAGE_SAFETY,
            WHISPER_LARGE_V2,
            CHILD_LORA,
        ),
        {"picture_backend": "sdxl", "sdxl_mode": "fast"},
    ),
    Preset(
        "instant",
        "GPU 12 GB+, instant pictures",
        "SDXL base + SDXL-Lightning 4-step LoRA (no guidance: the image safety check is "
        "mandatory and included), Whisper large-v2 + children's LoRA",
        12.0,
        "about 9 GB at peak (SDXL base fp16, no refiner; Whisper fp16 ~3 GB)",
        (
            SDXL_BASE,
            SDXL_LIGHTNING_4STEP,
            SDXL_VAE_FP16,
            IMAGE_SAFETY,
            WHISPER_LARGE_V2,
            CHILD_LORA,
        ),
        {"picture_backend": "sdxl", "sdxl_mode": "instant"},
    ),
    Preset(
        "gpu8",
        "GPU 8 GB",
        "SDXL base only (no refiner) + image safety check, Whisper small",
        8.0,
        "about 7.5 GB at peak (SDXL base fp16 with VAE tiling; Whisper small ~1 GB)",
        (SDXL_BASE, SDXL_VAE_FP16, IMAGE_SAFETY, WHISPER_SMALL),
        {"picture_backend": "sdxl", "sdxl_mode": "quality"},
    ),
    Preset(
        "cpu",
        "CPU only",
        "Embedded storyteller and painter; no downloads",
        0.0,
        "no GPU needed",
        (),
        {"picture_backend": "sketch"},
    ),
    Preset(
        "cpu-voice",
        "CPU only, with Korean voice",
        "Embedded storyteller and painter, multilingual Whisper base (Korean and English "
        "voice) run int8 on the CPU",
        0.0,
        "no GPU needed",
        (WHISPER_BASE_CT2,),
        {"picture_backend": "sketch", "speech_backend": "auto"},
    ),
)


def get_preset(preset_id: str) -> Preset:
    for preset in PRESETS:
        if preset.id == preset_id:
            return preset
    raise KeyError(f"unknown preset {preset_id!r}; choose one of {[p.id for p in PRESETS]}")


def recommend_preset(hw: HardwareInfo) -> Preset:
    """The biggest preset this GPU can hold; a card a little under the line still gets it
    when the driver reports e.g. 11.7 GB for a 12 GB card."""
    vram = hw.vram_gb if hw.cuda and hw.vram_gb else 0.0
    for preset in sorted(PRESETS, key=lambda p: -p.min_vram_gb):
        if vram >= preset.min_vram_gb - 0.5:
            return preset
    return get_preset("cpu")
