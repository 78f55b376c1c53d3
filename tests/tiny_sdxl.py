"""SDXL-shaped base + refiner pipelines with random weights, built in code and saved to a folder.

Tests use TINY (fast on CPU, but the real geometry: VAE scale factor 8, cross-attention only at
the lowest UNet level, refiner with aesthetic-score time ids and no first text encoder);
bench/bench_sdxl.py uses FULL (Stability's published SDXL shapes: the real compute, no weights).
Everything is written with ``save_pretrained`` so the code under test loads it through the real
``from_pretrained`` path. Also: a tiny CLIP vision model (consistency metric) and a tiny
StableDiffusionSafetyChecker (image safety) saved the same way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
from diffusers import (
    AutoencoderKL,
    DPMSolverMultistepScheduler,
    StableDiffusionXLImg2ImgPipeline,
    StableDiffusionXLPipeline,
    UNet2DConditionModel,
)
from diffusers.pipelines.stable_diffusion.safety_checker import StableDiffusionSafetyChecker
from tokenizers.pre_tokenizers import ByteLevel
from transformers import (
    CLIPConfig,
    CLIPImageProcessor,
    CLIPTextConfig,
    CLIPTextModel,
    CLIPTextModelWithProjection,
    CLIPTokenizer,
    CLIPVisionConfig,
    CLIPVisionModelWithProjection,
)

__all__ = [
    "FULL",
    "TINY",
    "SDXLArch",
    "build_sdxl",
    "count_unet_calls",
    "save_tiny_clip_vision",
    "save_tiny_ip_adapter",
    "save_tiny_lora",
    "save_tiny_safety_checker",
    "save_tiny_vae",
    "tiny_clip_tokenizer",
]


@dataclass(frozen=True)
class SDXLArch:
    """The shapes of one SDXL base + refiner family."""

    name: str
    base_unet: dict[str, Any]
    refiner_unet: dict[str, Any]
    vae: dict[str, Any]
    te1: dict[str, Any]  # CLIPTextConfig kwargs (CLIP-L in the real model)
    te2: dict[str, Any]  # CLIPTextConfig kwargs (OpenCLIP bigG in the real model)
    max_tokens: int = 77
    extra: dict[str, Any] = field(default_factory=dict)


_TINY_UNET: dict[str, Any] = dict(
    sample_size=16, layers_per_block=1, block_out_channels=(8, 16, 32), norm_num_groups=4,
    down_block_types=("DownBlock2D", "DownBlock2D", "CrossAttnDownBlock2D"),
    up_block_types=("CrossAttnUpBlock2D", "UpBlock2D", "UpBlock2D"),
    attention_head_dim=(2, 4, 8), use_linear_projection=True, transformer_layers_per_block=1,
    addition_embed_type="text_time", addition_time_embed_dim=8,
)  # fmt: skip

TINY = SDXLArch(
    name="tiny",
    # the base reads both text encoders (6 time ids), the refiner only the second (5 + score)
    base_unet={**_TINY_UNET, "cross_attention_dim": 64,
               "projection_class_embeddings_input_dim": 6 * 8 + 32},
    refiner_unet={**_TINY_UNET, "cross_attention_dim": 32,
                  "projection_class_embeddings_input_dim": 5 * 8 + 32},
    vae=dict(
        in_channels=3, out_channels=3, latent_channels=4, layers_per_block=1,
        block_out_channels=(8, 8, 16, 16), norm_num_groups=4, mid_block_add_attention=False,
        down_block_types=("DownEncoderBlock2D",) * 4, up_block_types=("UpDecoderBlock2D",) * 4,
        sample_size=128,
    ),
    te1=dict(hidden_size=32, intermediate_size=37, num_attention_heads=4, num_hidden_layers=2,
             projection_dim=32, hidden_act="gelu"),
    te2=dict(hidden_size=32, intermediate_size=37, num_attention_heads=4, num_hidden_layers=2,
             projection_dim=32, hidden_act="gelu"),
    max_tokens=16,
)  # fmt: skip

# Values from Stability's published SDXL 1.0 configs (shared/lab/sdxl_configs.py).
FULL = SDXLArch(
    name="full",
    base_unet=dict(
        sample_size=128, layers_per_block=2, block_out_channels=(320, 640, 1280),
        down_block_types=("DownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D"),
        up_block_types=("CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "UpBlock2D"),
        transformer_layers_per_block=(1, 2, 10), attention_head_dim=(5, 10, 20),
        cross_attention_dim=2048, use_linear_projection=True, addition_embed_type="text_time",
        addition_time_embed_dim=256, projection_class_embeddings_input_dim=2816,
    ),
    refiner_unet=dict(
        sample_size=128, layers_per_block=2, block_out_channels=(384, 768, 1536, 1536),
        down_block_types=("DownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D",
                          "DownBlock2D"),
        up_block_types=("UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "UpBlock2D"),
        transformer_layers_per_block=4, attention_head_dim=(6, 12, 24, 24),
        cross_attention_dim=1280, use_linear_projection=True, addition_embed_type="text_time",
        addition_time_embed_dim=256, projection_class_embeddings_input_dim=2560,
    ),
    vae=dict(
        in_channels=3, out_channels=3, latent_channels=4, layers_per_block=2,
        block_out_channels=(128, 256, 512, 512), down_block_types=("DownEncoderBlock2D",) * 4,
        up_block_types=("UpDecoderBlock2D",) * 4, norm_num_groups=32, sample_size=1024,
        scaling_factor=0.13025, force_upcast=True,
    ),
    te1=dict(hidden_size=768, intermediate_size=3072, num_hidden_layers=12, num_attention_heads=12,
             hidden_act="quick_gelu", projection_dim=768, vocab_size=49408),
    te2=dict(hidden_size=1280, intermediate_size=5120, num_hidden_layers=32,
             num_attention_heads=20, hidden_act="gelu", projection_dim=1280, vocab_size=49408),
    max_tokens=77,
)  # fmt: skip


def tiny_clip_tokenizer(
    folder: Path, max_len: int = 16, pad: str = "<|endoftext|>"
) -> CLIPTokenizer:
    """A CLIP BPE tokenizer from a byte alphabet (+ `</w>` forms and two merges), written to disk.

    CLIP's merges put `</w>` on the second part of a merge (shared/lab/README.md).
    """
    folder.mkdir(parents=True, exist_ok=True)
    chars = sorted(ByteLevel.alphabet())
    vocab = {c: i for i, c in enumerate(chars)}
    vocab.update({c + "</w>": i + len(chars) for i, c in enumerate(chars)})
    merges = ["c a", "ca t</w>"]
    for m in merges:
        vocab.setdefault("".join(m.split()), len(vocab))
    vocab["<|startoftext|>"] = len(vocab)
    vocab["<|endoftext|>"] = len(vocab)
    (folder / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    (folder / "merges.txt").write_text("#version: 0.2\n" + "\n".join(merges) + "\n", "utf-8")
    config = {
        "tokenizer_class": "CLIPTokenizer", "model_max_length": max_len,
        "bos_token": "<|startoftext|>", "eos_token": "<|endoftext|>",
        "unk_token": "<|endoftext|>", "pad_token": pad,
    }  # fmt: skip
    (folder / "tokenizer_config.json").write_text(json.dumps(config), encoding="utf-8")
    return CLIPTokenizer.from_pretrained(str(folder))


def _text_encoder(arch: dict[str, Any], tok: CLIPTokenizer, projection: bool) -> torch.nn.Module:
    kwargs = {"vocab_size": len(tok), **arch}
    config = CLIPTextConfig(
        max_position_embeddings=tok.model_max_length, bos_token_id=tok.bos_token_id,
        eos_token_id=tok.eos_token_id, pad_token_id=tok.pad_token_id, **kwargs,
    )  # fmt: skip
    return CLIPTextModelWithProjection(config) if projection else CLIPTextModel(config)


def build_sdxl(
    folder: Path,
    arch: SDXLArch = TINY,
    seed: int = 0,
    dtype: torch.dtype = torch.float32,
    device: str = "cpu",
) -> tuple[Path, Path]:
    """Build base + refiner with random weights, save them, return (base_dir, refiner_dir).

    The modules are created directly on ``device`` in ``dtype`` (FULL on a GPU: seconds, and
    never the ~26 GB fp32 copy on the CPU that building first and casting after costs)."""
    previous = torch.get_default_dtype()
    torch.set_default_dtype(dtype)
    try:
        with torch.device(device):
            return _build_sdxl(folder, arch, seed, dtype)
    finally:
        torch.set_default_dtype(previous)


def _build_sdxl(folder: Path, arch: SDXLArch, seed: int, dtype: torch.dtype) -> tuple[Path, Path]:
    torch.manual_seed(seed)
    tok = tiny_clip_tokenizer(folder / "_tok", arch.max_tokens)
    tok2 = tiny_clip_tokenizer(folder / "_tok2", arch.max_tokens, pad="!")  # SDXL pads with "!"
    te1 = _text_encoder(arch.te1, tok, projection=False)
    te2 = _text_encoder(arch.te2, tok2, projection=True)
    vae = AutoencoderKL(**arch.vae)
    scheduler = DPMSolverMultistepScheduler(
        beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear",
        num_train_timesteps=1000, timestep_spacing="leading", steps_offset=1,
    )  # fmt: skip
    base = StableDiffusionXLPipeline(
        vae=vae, text_encoder=te1, text_encoder_2=te2, tokenizer=tok, tokenizer_2=tok2,
        unet=UNet2DConditionModel(**arch.base_unet), scheduler=scheduler,
        force_zeros_for_empty_prompt=True, add_watermarker=False,
    )  # fmt: skip
    refiner = StableDiffusionXLImg2ImgPipeline(
        vae=vae, text_encoder=None, text_encoder_2=te2, tokenizer=None, tokenizer_2=tok2,
        unet=UNet2DConditionModel(**arch.refiner_unet), scheduler=scheduler,
        requires_aesthetics_score=True, force_zeros_for_empty_prompt=False, add_watermarker=False,
    )  # fmt: skip
    if dtype != torch.float32:
        base.to(dtype=dtype)
        refiner.to(dtype=dtype)
    base_dir, refiner_dir = folder / "base", folder / "refiner"
    base.save_pretrained(base_dir)
    refiner.save_pretrained(refiner_dir)
    return base_dir, refiner_dir


def save_tiny_clip_vision(folder: Path, seed: int = 0) -> Path:
    """A tiny CLIPVisionModelWithProjection + its image processor (32x32 input), saved."""
    torch.manual_seed(seed)
    config = CLIPVisionConfig(
        hidden_size=32, intermediate_size=37, num_hidden_layers=2, num_attention_heads=4,
        image_size=32, patch_size=8, projection_dim=16,
    )  # fmt: skip
    CLIPVisionModelWithProjection(config).save_pretrained(folder)
    CLIPImageProcessor(
        size={"shortest_edge": 32}, crop_size={"height": 32, "width": 32}
    ).save_pretrained(folder)
    return folder


def save_tiny_safety_checker(folder: Path, flag_everything: bool, seed: int = 0) -> Path:
    """A tiny StableDiffusionSafetyChecker whose thresholds make it flag all images or none.

    Its score is cosine(image, concept) - threshold, flagged when > 0; a cosine is within
    [-1, 1], so a threshold of -2 flags every image and +2 flags none: a real decision path.
    """
    torch.manual_seed(seed)
    vision = dict(hidden_size=32, intermediate_size=37, num_hidden_layers=2,
                  num_attention_heads=4, image_size=32, patch_size=8)  # fmt: skip
    text = dict(hidden_size=32, intermediate_size=37, num_hidden_layers=2, num_attention_heads=4)
    checker = StableDiffusionSafetyChecker(
        CLIPConfig(text_config=text, vision_config=vision, projection_dim=16)
    )
    threshold = -2.0 if flag_everything else 2.0
    with torch.no_grad():
        checker.concept_embeds_weights.fill_(threshold)
        checker.special_care_embeds_weights.fill_(threshold)
    checker.save_pretrained(folder)
    CLIPImageProcessor(
        size={"shortest_edge": 32}, crop_size={"height": 32, "width": 32}
    ).save_pretrained(folder)
    return folder


def count_unet_calls(pipes: Any) -> dict[str, int]:
    """Count UNet forward passes of the base and the refiner (what really ran, per expert)."""
    calls = {"base": 0, "refiner": 0}
    for name, pipe in (("base", pipes.base), ("refiner", pipes.refiner)):
        if pipe is not None:
            pipe.unet.register_forward_pre_hook(
                lambda m, a, name=name: calls.__setitem__(name, calls[name] + 1)
            )
    return calls


def save_tiny_vae(folder: Path, arch: SDXLArch = TINY, *, fp16_safe: bool, seed: int = 1) -> Path:
    """A VAE of the arch's shape whose config says whether it is fp16-safe (``force_upcast``
    False, as madebyollin/sdxl-vae-fp16-fix says) or needs the fp32 upcast (the stock one)."""
    torch.manual_seed(seed)
    AutoencoderKL(**{**arch.vae, "force_upcast": not fp16_safe}).save_pretrained(folder)
    return folder


def save_tiny_lora(
    base_dir: Path,
    folder: Path,
    weight_name: str = "tiny-lora.safetensors",
    seed: int = 3,
    device: str = "cpu",
) -> Path:
    """A random LoRA on the base UNet's attention projections, saved as diffusers saves SDXL
    LoRAs (what Hyper-SD and SDXL-Lightning ship). Non-zero B so fusing it changes the UNet.
    ``device="cuda"``: the full-size UNet is read in fp16 straight onto the card."""
    from peft import LoraConfig
    from peft.utils import get_peft_model_state_dict

    torch.manual_seed(seed)
    dtype = torch.float16 if device != "cpu" else torch.float32
    unet = UNet2DConditionModel.from_pretrained(base_dir, subfolder="unet", torch_dtype=dtype)
    unet.to(device)
    unet.add_adapter(LoraConfig(
        r=4, lora_alpha=4, init_lora_weights=False,
        target_modules=["to_q", "to_k", "to_v", "to_out.0"],
    ))  # fmt: skip
    StableDiffusionXLPipeline.save_lora_weights(
        folder, unet_lora_layers=get_peft_model_state_dict(unet), weight_name=weight_name
    )
    return folder / weight_name


def save_tiny_ip_adapter(
    base_dir: Path, folder: Path, encoder_folder: str = "sdxl_models/image_encoder", seed: int = 4
) -> Path:
    """A random IP-Adapter (plain ImageProjection, 4 image tokens) for the tiny base UNet, laid
    out like h94/IP-Adapter: ``sdxl_models/ip-adapter_sdxl.safetensors`` + a CLIP image encoder
    at ``encoder_folder``. Keys as diffusers reads them: image_proj.* and ip_adapter.{1,3,..}.*,
    one odd id per cross-attention processor in attn_processors order."""
    from safetensors.torch import save_file

    torch.manual_seed(seed)
    unet = UNet2DConditionModel.from_pretrained(base_dir, subfolder="unet")
    encoder = save_tiny_clip_vision(folder / encoder_folder, seed=seed)
    clip_dim = CLIPVisionModelWithProjection.from_pretrained(encoder).config.projection_dim
    cross = unet.config.cross_attention_dim
    tensors = {
        "image_proj.proj.weight": torch.randn(4 * cross, clip_dim) * 0.1,
        "image_proj.proj.bias": torch.zeros(4 * cross),
        "image_proj.norm.weight": torch.ones(cross),
        "image_proj.norm.bias": torch.zeros(cross),
    }
    key = 1
    for name in unet.attn_processors:
        if name.endswith("attn1.processor"):
            continue
        hidden = unet.get_submodule(name.removesuffix(".processor")).to_q.out_features
        tensors[f"ip_adapter.{key}.to_k_ip.weight"] = torch.randn(hidden, cross) * 0.1
        tensors[f"ip_adapter.{key}.to_v_ip.weight"] = torch.randn(hidden, cross) * 0.1
        key += 2
    (folder / "sdxl_models").mkdir(parents=True, exist_ok=True)
    save_file(tensors, str(folder / "sdxl_models" / "ip-adapter_sdxl.safetensors"))
    return folder
