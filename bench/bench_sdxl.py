"""SDXL pages: the original project's strategy vs ours, per hardware policy, plus an 8-page book.

(a) original: base 20 DPM steps decoded to a picture, then the refiner as a separate img2img
    pass with diffusers' defaults (50 steps x strength 0.3 = 15 steps, plus a VAE encode and a
    second decode). The original README measured ~6 s + ~6 s = ~12 s a page this way.
(b) ours: SDXLIllustrator, base + refiner as an ensemble of experts (one schedule, the base hands
    its latents over at 0.8), DPM++ 2M Karras, 25 steps by default, one VAE decode.

The book is timed three ways on the machine's own policy: one page at a time; the same with a
preview saved every 5 steps (what the making screen shows); and, where the policy batches
(>= 24 GB) or --batch asks for it, page 1 alone and then the rest several at once.

Both run in the same process on the same loaded weights. No weights are needed: the pipelines
are the SDXL architecture with random weights (tests/tiny_sdxl.py; FULL = Stability's published
shapes, so the compute is real). On a CUDA machine it uses FULL at 1024x1024 and every policy
the card can hold; on the CPU it uses TINY (same geometry, tiny widths) so it always runs.
(c) fast: SDXL base with a (random, same-shape) distilled LoRA fused in, 8 DDIM-trailing steps,
    guidance kept, no refiner (issue #17's fast mode); its book is page 1 alone then the rest.

The weights are built directly on the target device and dtype (never a full-size fp32 copy on
the CPU first); the sequential-offload policy runs at full size only with --sequential (it is
minutes a page and says nothing about the cards the product is sized for).
Usage: python -m bench.bench_sdxl [--arch auto|tiny|full] [--size 1024] [--pages 8] [--repeat 2]
                                  [--batch N] [--sequential] [--no-fast] [--compile]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

import torch

from aibook_desktop.engine.book import Hero
from aibook_desktop.engine.cancel import CancelToken
from aibook_desktop.engine.hardware import CPU_POLICY, PicturePolicy, detect, policy_ladder
from aibook_desktop.engine.pictures import PictureRequest
from aibook_desktop.engine.pictures.prompts import CHILD_SAFE_NEGATIVE, build_prompt
from aibook_desktop.engine.pictures.sdxl.illustrator import SDXLIllustrator, SDXLOptions
from aibook_desktop.engine.pictures.sdxl.pipelines import SDXLModels, SDXLPipelines
from aibook_desktop.engine.previews import PreviewStore
from bench.common import machine
from tests.tiny_sdxl import FULL, TINY, build_sdxl, count_unet_calls, save_tiny_lora

SCENES = [
    "the fox finds a glowing map under a tree", "the fox sails a paper boat on a pond",
    "the fox climbs a hill of flowers", "the fox meets an owl at night",
    "the fox crosses a wooden bridge", "the fox shares apples with a rabbit",
    "the fox watches shooting stars", "the fox sleeps in a cosy den",
]  # fmt: skip


def _request(index: int, size: int) -> PictureRequest:
    return PictureRequest(
        page_index=index, page_count=len(SCENES), scene_prompt=SCENES[index % len(SCENES)],
        page_text="", theme="adventure", hero=Hero.default("cat", "en"),
        hero_sheet="a small red fox with a green scarf and big round eyes",
        art_style="soft watercolour picture book", seed=1000 + index, width=size, height=size,
    )  # fmt: skip


def original_page(pipes: SDXLPipelines, request: PictureRequest) -> Any:
    """The original project's way: a full base pass, then the refiner as img2img on the picture."""
    generator = torch.Generator("cpu").manual_seed(request.seed)
    prompt = build_prompt(request)
    common = dict(prompt=prompt, negative_prompt=CHILD_SAFE_NEGATIVE, guidance_scale=6.0)
    image = pipes.base(
        **common, num_inference_steps=20, width=request.width, height=request.height,
        generator=generator,
    ).images[0]  # fmt: skip
    if pipes.refiner is not None:  # diffusers' defaults: 50 steps, strength 0.3
        image = pipes.refiner(**common, image=image, generator=generator).images[0]
    return image


def _timed(fn: Callable[[], Any], cuda: bool) -> tuple[float, float]:
    """Seconds and the VRAM peak in GiB (nan on the CPU)."""
    if cuda:
        torch.cuda.reset_peak_memory_stats()
    start = time.perf_counter()
    with torch.inference_mode():
        fn()
    if cuda:
        torch.cuda.synchronize()
    seconds = time.perf_counter() - start
    peak = torch.cuda.max_memory_allocated() / 2**30 if cuda else float("nan")
    return seconds, peak


def bench_policy(
    models: SDXLModels, policy: PicturePolicy, size: int, repeat: int, steps: int
) -> dict[str, Any]:
    ill = SDXLIllustrator(models, options=SDXLOptions(steps=steps), policies=[policy])
    load_s, _ = _timed(ill.load, policy.device == "cuda")
    pipes = ill.pipes
    assert pipes is not None
    calls = count_unet_calls(pipes)
    cancel, cuda = CancelToken(), policy.device == "cuda"
    ill.draw(_request(0, size), cancel)  # warm-up (kernels, caches, torch.compile)
    original_page(pipes, _request(0, size))
    results: dict[str, Any] = {"policy": policy.name, "load_s": load_s}
    pages: dict[str, Callable[[int], Any]] = {
        "original": lambda i: original_page(pipes, _request(i, size)),
        "ours": lambda i: ill.draw(_request(i, size), cancel),
    }
    for name, page in pages.items():
        calls.update(base=0, refiner=0)
        runs = [_timed(partial(page, i), cuda) for i in range(1, repeat + 1)]
        results[name] = statistics.median(s for s, _ in runs)
        results[f"{name}_peak"] = max(p for _, p in runs)
        results[f"{name}_calls"] = (calls["base"] // repeat, calls["refiner"] // repeat)
    results["ill"] = ill
    return results


def bench_fast(models: SDXLModels, policy: PicturePolicy, size: int, pages: int,
               repeat: int) -> dict[str, float]:  # fmt: skip
    """Fast mode: s/page, and the book as the job draws it (page 1 alone, then batches)."""
    ill = SDXLIllustrator(models, policies=[policy])
    out: dict[str, float] = {}
    out["load_s"], _ = _timed(ill.load, policy.device == "cuda")
    cancel, cuda = CancelToken(), policy.device == "cuda"
    ill.draw(_request(0, size), cancel)  # warm-up
    runs = [
        _timed(partial(ill.draw, _request(i, size), cancel), cuda) for i in range(1, repeat + 1)
    ]
    out["page"] = statistics.median(s for s, _ in runs)
    out["page_peak"] = max(p for _, p in runs)
    first: dict[str, float] = {}

    def book() -> None:
        start = time.perf_counter()
        ill.draw(_request(0, size), cancel)
        if cuda:
            torch.cuda.synchronize()
        first["s"] = time.perf_counter() - start
        rest = list(range(1, pages))
        while rest:
            chunk, rest = rest[: ill.max_batch], rest[ill.max_batch :]
            ill.draw_pages([_request(i, size) for i in chunk], cancel)

    out["book"], out["book_peak"] = _timed(book, cuda)
    out["page1"] = first["s"]
    ill.release()
    return out


def bench_book(result: dict[str, Any], size: int, pages: int) -> dict[str, float]:
    ill: SDXLIllustrator = result["ill"]
    assert ill.pipes is not None
    pipes, cancel, cuda = ill.pipes, CancelToken(), ill.policy.device == "cuda"
    times: dict[str, float] = {}
    times["original"], _ = _timed(
        lambda: [original_page(pipes, _request(i, size)) for i in range(pages)], cuda
    )
    times["ours"], _ = _timed(
        lambda: [ill.draw(_request(i, size), cancel) for i in range(pages)], cuda
    )
    with tempfile.TemporaryDirectory() as tmp:
        store = PreviewStore(Path(tmp))

        def preview(index: int) -> Callable[[Any, int, int], None]:
            return lambda image, step, steps: store.save("bench", index, step, image) and None

        times["previews"], _ = _timed(
            lambda: [ill.draw(_request(i, size), cancel, preview=preview(i)) for i in range(pages)],
            cuda,
        )
    if ill.max_batch > 1:  # as the job does it: the first picture alone, then the rest together
        rest = [_request(i, size) for i in range(1, pages)]
        times["batched"], times["batched_peak"] = _timed(
            lambda: (ill.draw(_request(0, size), cancel), ill.draw_pages(rest, cancel)), cuda
        )
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--arch", choices=["auto", "tiny", "full"], default="auto")
    ap.add_argument("--size", type=int, default=1024)
    ap.add_argument("--pages", type=int, default=8)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--steps", type=int, default=25, help="our schedule (base + refiner)")
    ap.add_argument("--batch", type=int, default=0, help="pages at once (0: the policy's)")
    ap.add_argument("--sequential", action="store_true", help="also time sequential offload")
    ap.add_argument("--no-fast", action="store_true", help="skip the fast-mode rows")
    ap.add_argument("--compile", action="store_true", help="regional torch.compile (CUDA)")
    opts = ap.parse_args()
    info = detect()
    arch = {"tiny": TINY, "full": FULL}.get(opts.arch, FULL if info.cuda else TINY)
    if arch is FULL and not info.cuda:
        raise SystemExit("the full-size SDXL is for a CUDA machine (26 GB fp32 on this CPU)")
    # A big card runs its own policy and every step-down policy a smaller card would use.
    policies = policy_ladder(info, compile=opts.compile) if info.cuda else [CPU_POLICY]
    if arch is FULL and not opts.sequential:
        policies = [p for p in policies if p.offload != "sequential"]
    if opts.batch:
        policies = [replace(policies[0], batch=opts.batch), *policies[1:]]
    torch.set_grad_enabled(False)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        dtype = torch.float16 if info.cuda else torch.float32
        device = "cuda" if info.cuda else "cpu"
        base, refiner = build_sdxl(Path(tmp), arch, dtype=dtype, device=device)
        models = SDXLModels(base=str(base), refiner=str(refiner))
        lora = save_tiny_lora(
            base, Path(tmp) / "lora", "Hyper-SDXL-8steps-CFG-lora.safetensors", device=device
        )
        if info.cuda:
            torch.cuda.empty_cache()
        print(f"machine: {machine()}")
        built = time.perf_counter() - start
        print(
            f"arch: {arch.name} SDXL, random weights, built in {built:.1f} s; page "
            f"{opts.size}x{opts.size}; ours {opts.steps} steps; torch {torch.__version__}"
        )
        cuda_run = info.cuda
        for i, policy in enumerate(policies):
            r = bench_policy(models, policy, opts.size, opts.repeat, opts.steps)
            peak = (f"  VRAM peak {r['original_peak']:.1f} / {r['ours_peak']:.1f} GiB"
                    if policy.device == "cuda" else "")  # fmt: skip
            print(
                f"[{policy.name}] load {r['load_s']:.1f} s | original {r['original']:.2f} s/page "
                f"(UNet calls base+refiner {r['original_calls']}) | ours {r['ours']:.2f} s/page "
                f"({r['ours_calls']}) | ours/original {r['ours'] / r['original']:.2f}x{peak}"
            )
            if i == 0:  # the book on the machine's own policy, before anything else is loaded
                t, n = bench_book(r, opts.size, opts.pages), opts.pages
                print(
                    f"{n}-page book [{policy.name}]: original {t['original']:.1f} s "
                    f"({t['original'] / n:.2f} s/page), ours {t['ours']:.1f} s "
                    f"({t['ours'] / n:.2f} s/page), ours/original {t['ours'] / t['original']:.2f}x"
                )
                print(
                    f"  with a preview every 5 steps: {t['previews']:.1f} s, "
                    f"{t['previews'] / t['ours']:.3f}x ours without"
                )
                if "batched" in t:
                    vram = f", VRAM peak {t['batched_peak']:.1f} GiB" if cuda_run else ""
                    print(
                        f"  page 1 alone, then {policy.batch} at once: {t['batched']:.1f} s, "
                        f"{t['batched'] / t['ours']:.2f}x one page at a time{vram}"
                    )
            r["ill"].release()  # each policy measured with nothing else holding VRAM
            if i == 0 and not opts.no_fast:
                fast_models = replace(models, mode="fast", lora=str(lora.parent))
                f = bench_fast(fast_models, policy, opts.size, opts.pages, opts.repeat)
                vram = (f"; VRAM peak page {f['page_peak']:.1f} / book {f['book_peak']:.1f} GiB"
                        if cuda_run else "")  # fmt: skip
                print(
                    f"[{policy.name}] fast mode (8 steps, no refiner): {f['page']:.2f} s/page, "
                    f"fast/ours {f['page'] / r['ours']:.2f}x, fast/original "
                    f"{f['page'] / r['original']:.2f}x; {opts.pages}-page book {f['book']:.1f} s "
                    f"(page 1 after {f['page1']:.2f} s, then {policy.batch} at once){vram}"
                )


if __name__ == "__main__":
    main()
