"""Issue #17 on the CPU: what a careful read showed would break on a real NVIDIA card.

Tiny random SDXL models through the real diffusers paths: the fp16-safe VAE and the weight
files a half-precision policy reads, regional compilation warmed up at load (dynamo's "eager"
backend: the graph logic without a C++ compiler), fused QKV once on the shared VAE, IP-Adapter
embeds once per book, the 80+ GB batch policy and stepping back up after an OOM, and the
refiner hand-off in sigma terms.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import torch
from diffusers import StableDiffusionXLPipeline
from diffusers.models.attention_processor import Attention
from tiny_sdxl import count_unet_calls, save_tiny_ip_adapter, save_tiny_vae

from aibook_desktop.engine.book import Hero
from aibook_desktop.engine.cancel import CancelToken
from aibook_desktop.engine.hardware import CPU_POLICY, HardwareInfo, PicturePolicy, policy_ladder
from aibook_desktop.engine.pictures import PictureRequest
from aibook_desktop.engine.pictures.sdxl.illustrator import SDXLIllustrator, SDXLOptions
from aibook_desktop.engine.pictures.sdxl.pipelines import (
    SDXLModels,
    SDXLPipelines,
    inductor_cache_dir,
    load_pipelines,
    vae_upcasts,
    weight_variant,
)
from aibook_desktop.engine.pictures.sdxl.plan import (
    handoff_for_sigma,
    plan_steps,
    sigma_at_handoff,
)

SIZE = 64


def _request(index: int = 0, seed: int = 7, book: int = 0) -> PictureRequest:
    return PictureRequest(
        page_index=index, page_count=4, scene_prompt=f"page {index}", page_text="",
        theme="moon", hero=Hero.default("cat", "en"), hero_sheet=f"hero of book {book}",
        art_style="soft watercolour", seed=seed + index, width=SIZE, height=SIZE,
    )  # fmt: skip


# ---- 1. the VAE in half precision ---------------------------------------------------------------
def _decode_dtypes(pipes: SDXLPipelines) -> list[torch.dtype]:
    seen: list[torch.dtype] = []
    pipes.base.vae.decoder.register_forward_pre_hook(lambda m, a: seen.append(a[0].dtype))
    return seen


@pytest.mark.parametrize("fp16_safe", [True, False])
def test_an_fp16_safe_vae_decodes_in_fp16_without_the_fp32_upcast(
    tiny_sdxl_models: SDXLModels, tmp_path: Path, fp16_safe: bool
) -> None:
    vae = save_tiny_vae(tmp_path / "vae", fp16_safe=fp16_safe)
    models = replace(tiny_sdxl_models, refiner="", vae=str(vae))
    pipes = load_pipelines(models, replace(CPU_POLICY, dtype="float16", refiner=False))
    assert vae_upcasts(pipes.base) is not fp16_safe
    seen = _decode_dtypes(pipes)
    ill = SDXLIllustrator(models, options=SDXLOptions(steps=2), factory=lambda m, p: pipes)
    ill.draw(_request(), CancelToken())
    # the stock VAE (force_upcast) is decoded in fp32 on every page; the fp16-fix one is not
    assert seen == [torch.float16 if fp16_safe else torch.float32]
    assert pipes.base.vae.dtype == torch.float16  # and it stays half precision in memory


def test_half_precision_policies_read_the_fp16_weight_files(
    tiny_sdxl_models: SDXLModels, tmp_path: Path
) -> None:
    assert weight_variant(torch.bfloat16) == weight_variant(torch.float16) == "fp16"
    assert weight_variant(torch.float32) is None
    only_fp16 = tmp_path / "base-fp16"
    pipe = StableDiffusionXLPipeline.from_pretrained(tiny_sdxl_models.base)
    pipe.save_pretrained(only_fp16, variant="fp16")
    assert not list(only_fp16.glob("unet/diffusion_pytorch_model.safetensors"))  # fp16 files only
    models = SDXLModels(base=str(only_fp16))
    pipes = load_pipelines(models, replace(CPU_POLICY, dtype="bfloat16", refiner=False))
    assert pipes.base.unet.dtype == torch.bfloat16
    with pytest.raises((OSError, ValueError)):  # fp32 looks for the plain files: none here
        load_pipelines(models, replace(CPU_POLICY, refiner=False))


# ---- 2. torch.compile: at load, regional, warm for every shape, reset on release --------------
def _graphs() -> int:
    from torch._dynamo.utils import counters

    return int(counters["stats"]["unique_graphs"])


COMPILED = replace(CPU_POLICY, compile=True, compile_backend="eager", batch=3)


def test_compile_happens_at_load_and_no_page_of_a_book_recompiles(
    tiny_sdxl_models: SDXLModels, aibook_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TORCHINDUCTOR_CACHE_DIR", raising=False)
    torch._dynamo.reset()
    ill = SDXLIllustrator(
        tiny_sdxl_models, options=SDXLOptions(steps=8, warm_size=SIZE), policies=[COMPILED]
    )
    before = _graphs()
    pipes = ill.load()
    assert pipes.compiled and ill.warmed == [(1, False), (2, False), (3, False)]
    compiled_blocks = [m for m in pipes.base.unet.modules() if m._compiled_call_impl is not None]
    assert compiled_blocks and all(
        type(m).__name__ == "BasicTransformerBlock" for m in compiled_blocks
    )  # regional: the repeated blocks, not the whole UNet
    at_load = _graphs() - before
    assert at_load >= 2  # base and refiner blocks at least
    cancel = CancelToken()
    ill.draw(_request(0), cancel)
    ill.draw_pages([_request(1), _request(2), _request(3)], cancel)
    ill.draw_pages([_request(1), _request(2)], cancel)
    assert _graphs() - before == at_load  # page 1, a batch of 3 and of 2: nothing new
    assert os.environ["TORCHINDUCTOR_CACHE_DIR"] == str(inductor_cache_dir())
    assert inductor_cache_dir().is_relative_to(aibook_home)
    assert torch._dynamo.config.recompile_limit >= 64

    ill.release()  # dynamo's caches go with the weights: a reload compiles (at load) again
    again = _graphs()
    ill.load()
    assert _graphs() > again
    ill.release()
    torch._dynamo.reset()


def _failing_backend(gm: object, inputs: object) -> object:
    raise RuntimeError("Inductor: no working C++ compiler")  # what a bare kiosk PC can say


torch._dynamo.register_backend(name="aibook_test_failing")(_failing_backend)


@pytest.mark.parametrize("backend", ["no-such-backend", "aibook_test_failing"])
def test_a_failing_compile_falls_back_to_eager_pages(
    tiny_sdxl_models: SDXLModels, backend: str
) -> None:
    """At placing (an unknown backend) or at the warm-up (the compiler fails): the book is
    drawn uncompiled, and the page says so."""
    torch._dynamo.reset()
    policy = replace(COMPILED, compile_backend=backend)
    ill = SDXLIllustrator(
        tiny_sdxl_models, options=SDXLOptions(steps=4, warm_size=SIZE), policies=[policy]
    )
    pipes = ill.load()
    assert not pipes.compiled and not ill.policy.compile
    picture = ill.draw(_request(), CancelToken())
    assert "torch.compile failed" in (picture.provenance.note or "")
    torch._dynamo.reset()


# ---- 3. fused QKV once, on the shared VAE too; unfused copies freed; channels_last -------------
def test_fused_qkv_once_for_the_shared_vae_and_the_same_picture(
    tiny_sdxl_models: SDXLModels, tmp_path: Path
) -> None:
    plain = SDXLIllustrator(tiny_sdxl_models, options=SDXLOptions(steps=8))
    fast_policy = replace(CPU_POLICY, fuse_qkv=True, channels_last=True)
    fused = SDXLIllustrator(tiny_sdxl_models, options=SDXLOptions(steps=8), policies=[fast_policy])
    pipes = fused.load()
    assert pipes.base.vae is pipes.refiner.vae
    assert pipes.fused_qkv == 3  # base UNet, refiner UNet, the one shared VAE
    attns = [m for m in pipes.base.unet.modules() if isinstance(m, Attention)]
    assert attns and all(m.fused_projections for m in attns)
    for m in attns:  # what the fused processor reads stays, the unfused copies are gone
        assert not hasattr(m, "to_k") and not hasattr(m, "to_v")
        assert hasattr(m, "to_kv" if m.is_cross_attention else "to_qkv")
        assert hasattr(m, "to_q") == m.is_cross_attention
    conv = pipes.base.vae.decoder.conv_in.weight
    assert conv.is_contiguous(memory_format=torch.channels_last)
    a = plain.draw(_request(), CancelToken()).image
    b = fused.draw(_request(), CancelToken()).image
    diff = np.abs(np.asarray(a, np.int16) - np.asarray(b, np.int16))
    assert diff.max() <= 2  # the same picture, up to float rounding


# ---- 4. IP-Adapter: a tiny random adapter, embeds once per book, encoder folder --------------
@pytest.fixture(scope="module")
def ip_models(tiny_sdxl_models: SDXLModels, tmp_path_factory: pytest.TempPathFactory) -> SDXLModels:
    folder = save_tiny_ip_adapter(
        Path(tiny_sdxl_models.base), tmp_path_factory.mktemp("ip"), "models/image_encoder"
    )
    return replace(
        tiny_sdxl_models, ip_adapter=str(folder), ip_adapter_image_encoder="models/image_encoder"
    )


def test_a_tiny_ip_adapter_loads_and_the_encoder_runs_once_per_book(ip_models: SDXLModels) -> None:
    ill = SDXLIllustrator(ip_models, options=SDXLOptions(steps=8, ip_adapter_scale=0.5))
    pipes = ill.load()
    assert pipes.ip_adapter and pipes.base.image_encoder is not None
    encoded: list[int] = []
    pipes.base.image_encoder.register_forward_pre_hook(lambda m, a: encoded.append(1))
    scales: list[float] = []
    processor = next(p for p in pipes.base.unet.attn_processors.values() if hasattr(p, "scale"))
    pipes.base.unet.register_forward_pre_hook(lambda m, a: scales.append(processor.scale[0]))
    cancel = CancelToken()
    first = ill.draw(_request(0), cancel)
    assert ill.last_run is not None and not ill.last_run.reference_used
    assert set(scales) == {0.0}  # page 1: no reference, the adapter is muted
    assert len(encoded) == 1  # the neutral embeds, once per load
    for index in (1, 2, 3):
        picture = ill.draw(_request(index), cancel)
        assert "IP-Adapter reference: page 1" in (picture.provenance.note or "")
    ill.draw_pages([_request(1), _request(2)], cancel)  # a batch uses the same embeds
    assert len(encoded) == 2  # + the reference, once for the whole book
    assert scales[-1] == 0.5
    ill.draw(_request(0, book=1), cancel)  # another book: page 1 muted, no encoder run
    ill.draw(_request(1, book=1), cancel)
    assert len(encoded) == 3  # its own reference
    assert first.image.size == (SIZE, SIZE)


def test_the_image_encoder_folder_is_configurable(ip_models: SDXLModels) -> None:
    wrong = replace(ip_models, ip_adapter_image_encoder="image_encoder")  # sdxl_models/...: none
    with pytest.raises(OSError):
        load_pipelines(wrong, CPU_POLICY)


# ---- 5. batch policy and stepping back up --------------------------------------------------------
def _gpu(vram: float) -> HardwareInfo:
    return HardwareInfo(16, "x86_64", True, True, "GPU", vram)


@pytest.mark.parametrize("vram,batch", [(141.0, 8), (80.0, 8), (79.0, 4), (40.0, 4), (24.0, 2)])
def test_big_cards_draw_the_rest_of_a_book_in_one_batch(vram: float, batch: int) -> None:
    assert policy_ladder(_gpu(vram))[0].batch == batch
    assert policy_ladder(_gpu(vram), compile=True)[0].batch == batch  # compiled UNets batch too


class OOMOnce:
    """The hardware edge: real tiny pipelines on the CPU, and one CUDA OOM in the base UNet
    the first time the ``gpu`` policy draws (a guest on the card that later leaves)."""

    def __init__(self, oom_in: Collection[str] = ("gpu",)) -> None:
        self.asked: list[str] = []
        self.oom_in, self.fired = set(oom_in), False

    def __call__(self, models: SDXLModels, policy: PicturePolicy) -> SDXLPipelines:
        self.asked.append(policy.name)
        pipes = load_pipelines(models, replace(CPU_POLICY, refiner=policy.refiner))
        pipes.policy = policy
        if policy.name in self.oom_in and not self.fired:

            def boom(module: object, args: object) -> None:
                if not self.fired:
                    self.fired = True
                    raise torch.cuda.OutOfMemoryError("CUDA out of memory (a browser)")

            pipes.base.unet.register_forward_pre_hook(boom)
        return pipes


def test_after_an_oom_step_down_the_next_book_tries_the_best_policy_again(
    tiny_sdxl_models: SDXLModels,
) -> None:
    factory = OOMOnce()
    ill = SDXLIllustrator(
        tiny_sdxl_models, options=SDXLOptions(steps=4), policies=policy_ladder(_gpu(24.0)),
        factory=factory,
    )  # fmt: skip
    cancel = CancelToken()
    note = ill.draw(_request(0, book=0), cancel).provenance.note or ""
    assert "gpu -> model-offload" in note and ill.policy.name == "model-offload"
    ill.draw(_request(1, book=0), cancel)  # the same book keeps the safe policy
    assert factory.asked == ["gpu", "model-offload"]
    picture = ill.draw(_request(0, book=1), cancel)  # the next book
    assert factory.asked == ["gpu", "model-offload", "gpu"] and ill.policy.name == "gpu"
    assert "out of GPU memory" not in (picture.provenance.note or "")


# ---- 6. the refiner hand-off in sigma terms ---------------------------------------------------
def test_the_handoff_can_be_set_as_a_noise_level(tiny_sdxl_models: SDXLModels) -> None:
    pipes = load_pipelines(tiny_sdxl_models, CPU_POLICY)
    sched = pipes.base.scheduler
    sigma = sigma_at_handoff(sched, 0.8)
    assert abs(handoff_for_sigma(sched, sigma) - 0.8) < 0.002
    shares = [
        plan_steps(sched, sched, 25, handoff_for_sigma(sched, s)).refiner for s in (2.0, 1.0, 0.5)
    ]
    assert shares[0] > shares[1] > shares[2] >= 1  # lower noise: fewer refiner steps
    ill = SDXLIllustrator(
        tiny_sdxl_models, options=SDXLOptions(steps=25, handoff_sigma=0.5),
        factory=lambda m, p: pipes,
    )  # fmt: skip
    calls = count_unet_calls(pipes)
    picture = ill.draw(_request(), CancelToken())
    assert calls == {"base": 25 - shares[2], "refiner": shares[2]}
    assert f"refiner {shares[2]} steps" in (picture.provenance.note or "")
