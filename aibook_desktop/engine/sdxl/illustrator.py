"""SDXLIllustrator: base + refiner as an ensemble of experts, safe, cancellable, OOM-proof.

One page = the base denoises the noisy part of the schedule and hands its latents to the
refiner, which does only the last steps (instead of the original project's second full img2img
pass). Progress and cancel run inside the denoising loop; running out of CUDA memory steps down
the hardware policy and redraws the page; a picture the safety check flags is redrawn with
another seed, a bounded number of times, then replaced by the embedded painter's picture.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from PIL import Image

from ..book import Provenance
from ..cancel import CancelToken
from ..hardware import CPU_POLICY, PicturePolicy
from ..protocols import Illustrator, Picture, PictureRequest, StepCallback
from .image_safety import ImageSafetyChecker, ImageVerdict, NoImageCheck
from .pipelines import (
    PipelineFactory,
    SDXLModels,
    SDXLPipelines,
    free_accelerator_memory,
    load_pipelines,
)
from .plan import CHILD_SAFE_NEGATIVE, StepPlan, build_prompt, plan_steps, snap_size

__all__ = ["SAFETY_SEED_STRIDE", "OutOfPolicies", "PageRun", "SDXLIllustrator", "SDXLOptions"]

log = logging.getLogger(__name__)
SAFETY_SEED_STRIDE = 104_729  # a prime far above a book's page count: never another page's seed
_REFERENCES_KEPT = 4  # IP-Adapter reference pictures remembered (one per recent book)


class OutOfPolicies(RuntimeError):
    """CUDA ran out of memory even on the thriftiest policy; the job falls back for this page."""


@dataclass(frozen=True)
class SDXLOptions:
    steps: int = 25  # DPM++ 2M Karras, base + refiner together
    handoff: float = 0.8  # the base's denoising_end = the refiner's denoising_start
    guidance: float = 6.0
    negative_prompt: str = CHILD_SAFE_NEGATIVE
    safety_redraws: int = 2  # new seeds to try after a flagged picture, before the sketch
    ip_adapter_scale: float = 0.5


@dataclass(frozen=True)
class PageRun:
    """What actually ran for one picture (the tests and the provenance note read it)."""

    seed: int
    plan: StepPlan
    base_steps_run: int
    refiner_steps_run: int
    policy: PicturePolicy
    reference_used: bool


class SDXLIllustrator:
    """Draws pages with SDXL; models load on first use (or ``load()``) and stay warm."""

    name = "sdxl"

    def __init__(
        self,
        models: SDXLModels,
        *,
        options: SDXLOptions | None = None,
        policies: Sequence[PicturePolicy] = (CPU_POLICY,),
        factory: PipelineFactory = load_pipelines,
        safety: ImageSafetyChecker | None = None,
        fallback: Illustrator | None = None,
    ) -> None:
        """``policies``: the hardware policy first, then what to step down to after an OOM."""
        if not policies:
            raise ValueError("at least one hardware policy is needed")
        self.models = models
        self.options = options or SDXLOptions()
        self.policies = list(policies)
        self.factory = factory
        self.safety: ImageSafetyChecker = safety or NoImageCheck()
        if fallback is None:
            from ..illustrate import SketchIllustrator

            fallback = SketchIllustrator()
        self.fallback = fallback
        self.pipes: SDXLPipelines | None = None
        self.last_run: PageRun | None = None
        self._level = 0
        self._stepped_down: list[str] = []
        self._references: OrderedDict[tuple[str, str, int], Image.Image] = OrderedDict()
        if isinstance(self.safety, NoImageCheck):
            log.warning("no image safety model is configured: SDXL pictures are NOT checked")

    # ---- models -------------------------------------------------------------------------------
    @property
    def policy(self) -> PicturePolicy:
        return self.policies[self._level]

    def load(self) -> SDXLPipelines:
        """Load once and keep warm; an OOM while placing the weights steps the policy down."""
        import torch

        while self.pipes is None:
            try:
                self.pipes = self.factory(self.models, self.policy)
            except torch.cuda.OutOfMemoryError as exc:
                self._step_down(exc)
        return self.pipes

    def release(self) -> None:
        """Give the VRAM back (e.g. before a voice model needs it); the next page reloads."""
        if self.pipes is not None:
            self.pipes.release()
            self.pipes = None

    def _step_down(self, exc: BaseException) -> None:
        self.release()
        free_accelerator_memory()
        if self._level + 1 >= len(self.policies):
            raise OutOfPolicies(f"out of GPU memory even with {self.policy.name}: {exc}") from exc
        before = self.policy.name
        self._level += 1
        self._stepped_down.append(f"{before} -> {self.policy.name}")
        log.warning("CUDA out of memory with %s; stepping down to %s", before, self.policy.name)

    # ---- drawing ------------------------------------------------------------------------------
    def draw(
        self,
        request: PictureRequest,
        cancel: CancelToken,
        progress: StepCallback | None = None,
    ) -> Picture:
        cancel.check()
        verdicts: list[ImageVerdict] = []
        for attempt in range(1 + max(0, self.options.safety_redraws)):
            seed = (request.seed + attempt * SAFETY_SEED_STRIDE) % 2**32
            image, run = self._draw_guarded(request, seed, cancel, progress)
            verdict = self.safety.check(image)
            verdicts.append(verdict)
            if not verdict.flagged:
                self._remember_reference(request, image)
                return Picture(image, self._provenance(request, run, verdict, attempt))
            log.warning(
                "page %d seed %d flagged by %s", request.page_index + 1, seed, verdict.checker
            )
        cancel.check()
        picture = self.fallback.draw(request, cancel, progress)
        note = (
            f"{len(verdicts)} SDXL pictures flagged by the image safety check "
            f"({verdicts[-1].checker}); drawn by the {self.fallback.name} painter instead"
        )
        return Picture(picture.image, replace(picture.provenance, note=note))

    def _draw_guarded(
        self, request: PictureRequest, seed: int, cancel: CancelToken, progress: StepCallback | None
    ) -> tuple[Image.Image, PageRun]:
        """Draw; on CUDA OOM step the policy down and draw the page again, from step 0."""
        import torch

        while True:
            pipes = self.load()
            try:
                return self._denoise(pipes, request, seed, cancel, progress)
            except torch.cuda.OutOfMemoryError as exc:
                self._step_down(exc)

    def _denoise(
        self,
        pipes: SDXLPipelines,
        request: PictureRequest,
        seed: int,
        cancel: CancelToken,
        progress: StepCallback | None,
    ) -> tuple[Image.Image, PageRun]:
        import torch

        opts = self.options
        refiner = pipes.refiner if pipes.policy.refiner else None
        why = "no refiner configured" if pipes.refiner is None else f"policy {pipes.policy.name}"
        plan = plan_steps(
            pipes.base.scheduler, refiner.scheduler if refiner is not None else None,
            opts.steps, opts.handoff, why,
        )  # fmt: skip
        counts = {"base": 0, "refiner": 0}

        def on_step(stage: str) -> Any:
            def callback(pipe: Any, i: int, t: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
                counts[stage] += 1
                if progress is not None:
                    progress(min(counts["base"] + counts["refiner"], plan.total), plan.total)
                cancel.check()  # raises Cancelled from inside the denoising loop
                return kwargs

            return callback

        width, height = snap_size(request.width), snap_size(request.height)
        common: dict[str, Any] = dict(
            prompt=build_prompt(request), negative_prompt=opts.negative_prompt,
            num_inference_steps=plan.steps, guidance_scale=opts.guidance,
        )  # fmt: skip
        # The generator lives on the CPU so a seed gives the same noise on any card (or none).
        generator = torch.Generator("cpu").manual_seed(seed)
        ip_kwargs, used_reference = self._ip_adapter_kwargs(pipes, request)
        with torch.inference_mode():
            if plan.handoff is None:
                image = pipes.base(
                    **common, **ip_kwargs, width=width, height=height, generator=generator,
                    callback_on_step_end=on_step("base"),
                ).images[0]  # fmt: skip
            else:
                assert refiner is not None
                latents = pipes.base(
                    **common, **ip_kwargs, width=width, height=height, generator=generator,
                    denoising_end=plan.handoff, output_type="latent",
                    callback_on_step_end=on_step("base"),
                ).images  # fmt: skip
                cancel.check()
                image = refiner(
                    **common, image=latents, denoising_start=plan.handoff, generator=generator,
                    callback_on_step_end=on_step("refiner"),
                ).images[0]  # fmt: skip
        run = PageRun(seed, plan, counts["base"], counts["refiner"], pipes.policy, used_reference)
        if (run.base_steps_run, run.refiner_steps_run) != (plan.base, plan.refiner):
            log.warning("planned %s but ran base %d + refiner %d", plan.describe(),
                        run.base_steps_run, run.refiner_steps_run)  # fmt: skip
        self.last_run = run
        image = image.convert("RGB")
        if image.size != (request.width, request.height):
            image = image.resize((request.width, request.height), Image.Resampling.LANCZOS)
        return image, run

    # ---- the same hero on every page ------------------------------------------------------------
    @staticmethod
    def _book_key(request: PictureRequest) -> tuple[str, str, int]:
        # The job gives page i the seed book_seed + i, so seed - index names the book.
        return (request.hero_sheet, request.art_style, request.seed - request.page_index)

    def _remember_reference(self, request: PictureRequest, image: Image.Image) -> None:
        if self.pipes is None or not self.pipes.ip_adapter or request.page_index != 0:
            return
        self._references[self._book_key(request)] = image
        while len(self._references) > _REFERENCES_KEPT:
            self._references.popitem(last=False)

    def _ip_adapter_kwargs(
        self, pipes: SDXLPipelines, request: PictureRequest
    ) -> tuple[dict[str, Any], bool]:
        """Page 1 of the same book conditions later pages; without it the adapter is muted."""
        if not pipes.ip_adapter:
            return {}, False
        reference = self._references.get(self._book_key(request))
        if reference is None:
            pipes.base.set_ip_adapter_scale(0.0)
            return {"ip_adapter_image": Image.new("RGB", (224, 224), (127, 127, 127))}, False
        pipes.base.set_ip_adapter_scale(self.options.ip_adapter_scale)
        return {"ip_adapter_image": reference}, True

    # ---- provenance -----------------------------------------------------------------------------
    def _provenance(
        self, request: PictureRequest, run: PageRun, verdict: ImageVerdict, attempt: int
    ) -> Provenance:
        notes = [
            run.plan.describe(),
            f"ran base {run.base_steps_run} + refiner {run.refiner_steps_run}",
            "DPM++ 2M Karras",
            f"policy {run.policy.name} ({run.policy.dtype})",
            f"image check {verdict.checker}" + ("" if verdict.real else " (NOT a real check)"),
        ]
        if run.reference_used:
            notes.append("IP-Adapter reference: page 1")
        if attempt:
            notes.append(f"redrawn {attempt}x after the safety check flagged it")
        if self._stepped_down:
            notes.append("out of GPU memory: " + ", ".join(self._stepped_down))
        return Provenance(
            backend="sdxl",
            model=self.models.label,
            seed=run.seed,
            prompt=build_prompt(request),
            ai_generated=True,
            note="; ".join(notes),
        )
