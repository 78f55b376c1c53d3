"""Issue #17 on a real NVIDIA card (``-m gpu``; skipped without CUDA, run by tools/gpu_check.sh).

Tiny random SDXL models, so they run in seconds: the fp16-safe VAE decodes in fp16 and stays
finite, regional compilation with Inductor is done at load (no page recompiles) and its memory
is given back on release, and fast mode draws its 8 steps on the card.
"""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
import torch
from tiny_sdxl import count_unet_calls, save_tiny_lora, save_tiny_vae

from aibook_desktop.engine.book import Hero
from aibook_desktop.engine.cancel import CancelToken
from aibook_desktop.engine.hardware import PicturePolicy
from aibook_desktop.engine.pictures import PictureRequest
from aibook_desktop.engine.pictures.sdxl.illustrator import SDXLIllustrator, SDXLOptions
from aibook_desktop.engine.pictures.sdxl.pipelines import SDXLModels, vae_upcasts

CUDA = PicturePolicy("gpu", "cuda", "float16", "none", refiner=True, batch=4)
SIZE = 128
REPO = Path(__file__).resolve().parents[1]


def _request(index: int = 0) -> PictureRequest:
    return PictureRequest(
        page_index=index, page_count=4, scene_prompt="a fox", page_text="", theme="hill",
        hero=Hero.default("cat", "en"), hero_sheet="a red fox", art_style="watercolour",
        seed=5 + index, width=SIZE, height=SIZE,
    )  # fmt: skip


@pytest.mark.gpu
def test_fp16_safe_vae_on_cuda(tiny_sdxl_models: SDXLModels, tmp_path: Path) -> None:
    vae = save_tiny_vae(tmp_path / "vae", fp16_safe=True)
    ill = SDXLIllustrator(replace(tiny_sdxl_models, vae=str(vae)), policies=[CUDA])
    pipes = ill.load()
    assert not vae_upcasts(pipes.base) and pipes.base.vae.device.type == "cuda"
    picture = ill.draw(_request(), CancelToken())
    assert picture.image.size == (SIZE, SIZE) and pipes.base.vae.dtype == torch.float16


@pytest.mark.gpu
def test_inductor_regional_compile_at_load_and_release(tiny_sdxl_models: SDXLModels) -> None:
    from torch._dynamo.utils import counters

    torch._dynamo.reset()
    policy = replace(CUDA, compile=True, fuse_qkv=True, channels_last=True)
    ill = SDXLIllustrator(
        tiny_sdxl_models, options=SDXLOptions(steps=8, warm_size=SIZE), policies=[policy]
    )
    ill.load()
    graphs = counters["stats"]["unique_graphs"]
    ill.draw(_request(0), CancelToken())
    ill.draw_pages([_request(i) for i in (1, 2, 3)], CancelToken())
    assert counters["stats"]["unique_graphs"] == graphs  # nothing compiled while drawing
    held = torch.cuda.memory_allocated()
    ill.release()
    assert torch.cuda.memory_allocated() < held


@pytest.mark.gpu
def test_fast_mode_on_cuda(tiny_sdxl_models: SDXLModels, tmp_path: Path) -> None:
    lora = save_tiny_lora(Path(tiny_sdxl_models.base), tmp_path, "fast.safetensors")
    models = replace(tiny_sdxl_models, mode="fast", lora=str(lora.parent), lora_weight=lora.name)
    ill = SDXLIllustrator(models, policies=[CUDA])
    calls = count_unet_calls(ill.load())
    ill.draw(_request(), CancelToken())
    assert calls == {"base": 8, "refiner": 0}


def test_gpu_check_plans_the_cuda_tests_and_benchmarks_within_8_minutes() -> None:
    out = subprocess.run(
        ["bash", str(REPO / "tools" / "gpu_check.sh"), "--dry-run"],
        capture_output=True, text=True, check=True, timeout=30,
    ).stdout  # fmt: skip
    assert "-m gpu" in out and "tests/test_sdxl_cuda.py" in out
    assert "--arch full --size 1024 --pages 8 --repeat 2" in out and "--compile" in out
    budget = int(out.splitlines()[0].split()[1])
    assert budget <= 480
    needs = [
        int(line.split("needs ")[1].split(" s")[0]) for line in out.splitlines() if "needs" in line
    ]
    assert len(needs) == 5 and sum(needs) <= budget
