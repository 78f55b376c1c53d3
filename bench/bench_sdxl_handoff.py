"""The refiner hand-off in sigma terms (issue #17): the base/refiner step split and the time.

For each hand-off noise level, the split diffusers makes with DPM++ 2M Karras at 25 steps and
the seconds a page takes on the tiny SDXL (same geometry, tiny widths; ratios only). Picture
quality needs the real weights and a GPU: not measured here.
Usage: python -m bench.bench_sdxl_handoff [--size 128] [--steps 25] [--repeat 2]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import torch

from aibook_desktop.engine.cancel import CancelToken
from aibook_desktop.engine.pictures.sdxl.illustrator import SDXLIllustrator, SDXLOptions
from aibook_desktop.engine.pictures.sdxl.pipelines import SDXLModels, load_pipelines
from aibook_desktop.engine.pictures.sdxl.plan import (
    handoff_for_sigma,
    plan_steps,
    sigma_at_handoff,
)
from bench.bench_sdxl import _request
from bench.common import machine
from tests.tiny_sdxl import TINY, build_sdxl


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=128)
    ap.add_argument("--steps", type=int, default=25)
    ap.add_argument("--repeat", type=int, default=2)
    opts = ap.parse_args()
    torch.set_grad_enabled(False)
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        base, refiner = build_sdxl(Path(tmp), TINY)
        models = SDXLModels(base=str(base), refiner=str(refiner))
        from aibook_desktop.engine.hardware import CPU_POLICY

        pipes = load_pipelines(models, CPU_POLICY)
        sched = pipes.base.scheduler
        default = sigma_at_handoff(sched, 0.8)
        print(f"denoising_end 0.8 (the trained refiner range, t < 200) = sigma {default:.3f}")
        rows = []
        for sigma in (default, 1.0, 0.5, 0.25):
            handoff = handoff_for_sigma(sched, sigma)
            plan = plan_steps(sched, sched, opts.steps, handoff)
            ill = SDXLIllustrator(
                models, options=SDXLOptions(steps=opts.steps, handoff_sigma=sigma),
                factory=lambda m, p: pipes,
            )  # fmt: skip
            ill.draw(_request(0, opts.size), CancelToken())  # warm-up
            times = []
            for i in range(1, opts.repeat + 1):
                start = time.perf_counter()
                ill.draw(_request(i, opts.size), CancelToken())
                times.append(time.perf_counter() - start)
            rows.append((sigma, handoff, plan, statistics.median(times)))
        ref = rows[0][3]
        for sigma, handoff, plan, seconds in rows:
            print(
                f"sigma {sigma:5.3f} (denoising_end {handoff:.3f}): base {plan.base} + refiner "
                f"{plan.refiner} steps ({plan.refiner / plan.total:.0%} refiner), "
                f"{seconds:.2f} s/page, {seconds / ref:.2f}x the 0.8 split"
            )


if __name__ == "__main__":
    main()
