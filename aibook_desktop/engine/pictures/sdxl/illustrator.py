"""SDXLIllustrator: base + refiner as an ensemble of experts, safe, cancellable, OOM-proof.

One page = the base denoises the noisy part of the schedule and hands its latents to the
refiner, which does only the last steps (instead of the original project's second full img2img
pass). Progress and cancel run inside the denoising loop; running out of CUDA memory steps down
the hardware policy and redraws the page; a picture the safety check flags is redrawn with
another seed, a bounded number of times, then replaced by the embedded painter's picture.

Every few steps the page being drawn is previewed from the scheduler's clean-picture estimate
(sdxl/preview.py: no VAE decode). Where the policy has room (>= 24 GB) several pages of a book
are denoised in one batch, each with its own seed; an OOM halves the batch before it costs the
policy.
"""

from __future__ import annotations

import logging
import math
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from PIL import Image

from ...book import Hero, Provenance
from ...cancel import CancelToken
from ...hardware import CPU_POLICY, PicturePolicy, is_gpu_fatal
from .. import (
    Illustrator,
    PagePreviewCallback,
    Picture,
    PictureRequest,
    PreviewCallback,
    StepCallback,
)
from ..prompts import CHILD_SAFE_NEGATIVE, build_prompt
from .image_safety import ImageSafetyChecker, ImageVerdict, NoImageCheck
from .modes import PictureMode
from .pipelines import (
    PipelineFactory,
    SDXLModels,
    SDXLPipelines,
    free_accelerator_memory,
    load_pipelines,
    reset_compiled,
)
from .plan import StepPlan, handoff_for_sigma, plan_steps, snap_size
from .preview import clean_estimate, latents_to_previews

__all__ = ["SAFETY_SEED_STRIDE", "OutOfPolicies", "PageRun", "SDXLIllustrator", "SDXLOptions"]

log = logging.getLogger(__name__)
SAFETY_SEED_STRIDE = 104_729  # a prime far above a book's page count: never another page's seed
_REFERENCES_KEPT = 4  # IP-Adapter reference pictures remembered (one per recent book)
_NO_CAP = 1 << 16


class OutOfPolicies(RuntimeError):
    """CUDA ran out of memory even on the thriftiest policy; the job falls back for this page."""


@dataclass(frozen=True)
class SDXLOptions:
    steps: int = 25  # quality mode: DPM++ 2M Karras, base + refiner together
    handoff: float = 0.8  # the base's denoising_end = the refiner's denoising_start
    # > 0: hand over where the noise level falls to this sigma (plan.handoff_for_sigma) instead
    # of at the fixed ``handoff`` fraction; bench/bench_sdxl_handoff.py shows the step splits
    handoff_sigma: float = 0.0
    guidance: float = 6.0  # quality mode; the few-step modes use their model card's guidance
    negative_prompt: str = CHILD_SAFE_NEGATIVE
    safety_redraws: int = 2  # new seeds to try after a flagged picture, before the sketch
    ip_adapter_scale: float = 0.5
    preview_every: int = 5  # steps between previews (0: none); free, no VAE decode
    batch_limit: int = 0  # most pages denoised together; 0: as many as the policy allows
    warm_size: int = 1024  # the page size compiled UNets are warmed up for at load


@dataclass(frozen=True)
class PageRun:
    """What actually ran for one picture (the tests and the provenance note read it)."""

    seed: int
    plan: StepPlan
    base_steps_run: int
    refiner_steps_run: int
    policy: PicturePolicy
    reference_used: bool
    batch: int = 1  # pages denoised together with this one
    mode: str = PictureMode.QUALITY.value


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
            from ..sketch import SketchIllustrator

            fallback = SketchIllustrator()
        self.fallback = fallback
        self.pipes: SDXLPipelines | None = None
        self.last_run: PageRun | None = None
        self._level = 0
        self._stepped_down: list[str] = []
        self._batch_cap = _NO_CAP  # lowered after an OOM with several pages at once
        self._references: OrderedDict[tuple[str, str, int], Image.Image] = OrderedDict()
        # IP-Adapter image embeds: once per book (the reference), once per load (the neutral
        # embeds of pages without a reference, where the adapter's scale is 0)
        self._embeds: OrderedDict[tuple[str, str, int], list[Any]] = OrderedDict()
        self._neutral: list[Any] | None = None
        self._book: tuple[str, str, int] | None = None
        self.warmed: list[tuple[int, bool]] = []  # (batch, with reference) shapes warmed up
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
                if self.pipes.compiled:
                    self.warm_up(self.pipes)
            except torch.cuda.OutOfMemoryError as exc:
                self._step_down(exc)
            except Exception as exc:  # Inductor without a compiler, a graph dynamo cannot take
                if not self.policy.compile or is_gpu_fatal(exc):
                    raise
                self._without_compile(exc)
        return self.pipes

    def _without_compile(self, exc: BaseException) -> None:
        """torch.compile failed: the same policies uncompiled (slower pages, never none)."""
        log.warning("torch.compile failed (%s: %s); drawing without it", type(exc).__name__, exc)
        self.release()
        reset_compiled()
        self.policies = [replace(p, compile=False) for p in self.policies]
        self._stepped_down.append(f"torch.compile failed ({type(exc).__name__}), not compiled")

    def warm_up(self, pipes: SDXLPipelines) -> None:
        """Compile now, on the loading (engine) thread, every graph a book will need: page 1
        alone (IP-Adapter scale 0), later pages with the reference, and the batch shapes (1,
        max-1 and max, after which dynamo's automatic dynamic shapes cover the rest). A child
        then never waits minutes for page 1 while Inductor works."""
        cancel = CancelToken()
        size = self.options.warm_size
        batches = sorted({1, max(1, self.max_batch - 1), self.max_batch})
        shapes = (
            [(1, False)] + [(b, True) for b in batches]
            if pipes.ip_adapter
            else [(b, False) for b in batches]
        )
        self.warmed = []
        for batch, with_reference in shapes:
            requests = [_warm_request(i, size) for i in range(batch)]
            embeds = None
            if with_reference:
                reference = Image.new("RGB", (size, size), (200, 160, 120))
                embeds = self._encode(pipes, reference)
            self._denoise(pipes, requests, [r.seed for r in requests], cancel,
                          lambda _s, _n: None, None, embeds=embeds)  # fmt: skip
            self.warmed.append((batch, with_reference))
        log.info("SDXL warmed up for %s", self.warmed)

    def release(self) -> None:
        """Give the VRAM back (e.g. before a voice model needs it); the next page reloads."""
        if self.pipes is not None:
            self.pipes.release()
            self.pipes = None
        self._embeds.clear()  # tensors on the old device; the references stay (pictures)
        self._neutral = None

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
    @property
    def max_batch(self) -> int:
        """Pages one ``draw_pages`` run may denoise together here and now (1: no batching)."""
        limit = self.options.batch_limit or self.policy.batch
        return max(1, min(self.policy.batch, limit, self._batch_cap))

    def draw(
        self,
        request: PictureRequest,
        cancel: CancelToken,
        progress: StepCallback | None = None,
        preview: PreviewCallback | None = None,
    ) -> Picture:
        one: PagePreviewCallback | None = None
        if preview is not None:
            one = lambda _index, image, step, steps: preview(image, step, steps)  # noqa: E731
        return self.draw_pages([request], cancel, progress, one)[0]

    def draw_pages(
        self,
        requests: Sequence[PictureRequest],
        cancel: CancelToken,
        progress: StepCallback | None = None,
        preview: PagePreviewCallback | None = None,
    ) -> list[Picture]:
        """Draw pages of one book together, ``max_batch`` at a time, in request order.

        Every page keeps its own seed (one generator per page), so a batch draws the same
        pictures as one page at a time, up to float rounding. A page the safety check flags is
        redrawn alone.
        """
        cancel.check()
        requests = list(requests)
        self._new_book(requests[0])
        images, runs = self._draw_guarded(requests, [r.seed for r in requests], cancel,
                                          progress, preview)  # fmt: skip
        return [
            self._checked(request, image, run, cancel, progress, preview)
            for request, image, run in zip(requests, images, runs, strict=True)
        ]

    def _checked(
        self,
        request: PictureRequest,
        image: Image.Image,
        run: PageRun,
        cancel: CancelToken,
        progress: StepCallback | None,
        preview: PagePreviewCallback | None,
    ) -> Picture:
        """The image check; a flagged page is redrawn with new seeds (bounded), then sketched."""
        verdicts: list[ImageVerdict] = []
        for attempt in range(1 + max(0, self.options.safety_redraws)):
            if attempt:
                seed = (request.seed + attempt * SAFETY_SEED_STRIDE) % 2**32
                (image,), (run,) = self._draw_guarded([request], [seed], cancel, progress, preview)
            verdict = self.safety.check(image)
            verdicts.append(verdict)
            if not verdict.flagged:
                self._remember_reference(request, image)
                return Picture(image, self._provenance(request, run, verdict, attempt))
            log.warning(
                "page %d seed %d flagged by %s", request.page_index + 1, run.seed, verdict.checker
            )
        cancel.check()
        picture = self.fallback.draw(request, cancel, progress)
        note = (
            f"{len(verdicts)} SDXL pictures flagged by the image safety check "
            f"({verdicts[-1].checker}); drawn by the {self.fallback.name} painter instead"
        )
        return Picture(picture.image, replace(picture.provenance, note=note))

    def _draw_guarded(
        self,
        requests: list[PictureRequest],
        seeds: list[int],
        cancel: CancelToken,
        progress: StepCallback | None,
        preview: PagePreviewCallback | None,
    ) -> tuple[list[Image.Image], list[PageRun]]:
        """Draw in batches; on CUDA OOM halve the batch, then step the policy down, and draw
        the batch again from step 0 (pages already drawn are kept)."""
        import torch

        images: list[Image.Image] = []
        runs: list[PageRun] = []
        while len(images) < len(requests):
            pipes = self.load()
            start = len(images)
            size = min(self.max_batch, len(requests) - start)
            chunk = slice(start, start + size)

            def overall(step: int, steps: int, start: int = start, size: int = size) -> None:
                # as a fraction of all the pages asked for: (start + size * step/steps) / pages,
                # reduced so that one run for every page reports its own steps (3 of 25)
                if progress is not None:
                    g = math.gcd(start, size, len(requests))
                    progress((start * steps + size * step) // g, len(requests) * steps // g)

            try:
                drawn, run = self._denoise(
                    pipes, requests[chunk], seeds[chunk], cancel, overall, preview
                )
            except torch.cuda.OutOfMemoryError as exc:
                if size > 1:
                    self._shrink_batch(size, exc)
                else:
                    self._step_down(exc)
                continue
            images += drawn
            runs += [replace(run, seed=seed) for seed in seeds[chunk]]
        return images, runs

    def _new_book(self, request: PictureRequest) -> None:
        """At the first page of another book, try the machine's best policy and batch again:
        an out-of-memory step-down is often a passing guest (a browser, a game) on the card."""
        key, previous = self._book_key(request), self._book
        if request.page_index != 0 or key == previous:
            return
        self._book = key
        # a step-down while loading, before any book, belongs to this first book
        if previous is None or (self._level == 0 and self._batch_cap == _NO_CAP):
            return
        log.info("a new book: trying %s again after %s", self.policies[0].name,
                 ", ".join(self._stepped_down))  # fmt: skip
        if self._level:
            self.release()
        self._level = 0
        self._batch_cap = _NO_CAP
        self._stepped_down = []

    def _shrink_batch(self, size: int, exc: BaseException) -> None:
        free_accelerator_memory()
        self._batch_cap = max(1, size // 2)
        self._stepped_down.append(f"batch {size} -> {self._batch_cap}")
        log.warning("CUDA out of memory with %d pages at once (%s); trying %d", size, exc,
                    self._batch_cap)  # fmt: skip

    def _denoise(
        self,
        pipes: SDXLPipelines,
        requests: Sequence[PictureRequest],
        seeds: Sequence[int],
        cancel: CancelToken,
        progress: StepCallback,
        preview: PagePreviewCallback | None,
        *,
        embeds: list[Any] | None = None,
    ) -> tuple[list[Image.Image], PageRun]:
        import torch

        opts, mode = self.options, pipes.mode
        first = requests[0]
        if any((r.width, r.height) != (first.width, first.height) for r in requests):
            raise ValueError("the pages of one batch must have the same size")
        refiner = pipes.refiner if pipes.policy.refiner else None
        why = "no refiner configured" if pipes.refiner is None else f"policy {pipes.policy.name}"
        if not mode.refiner:
            why = f"{mode.mode.value} mode"
        quality = mode.mode is PictureMode.QUALITY
        steps, guidance = (opts.steps, opts.guidance) if quality else (mode.steps, mode.guidance)
        handoff = opts.handoff
        if opts.handoff_sigma > 0:
            handoff = handoff_for_sigma(pipes.base.scheduler, opts.handoff_sigma)
        plan = plan_steps(
            pipes.base.scheduler, refiner.scheduler if refiner is not None else None,
            steps, handoff, why,
        )  # fmt: skip
        counts = {"base": 0, "refiner": 0}

        def on_step(stage: str) -> Any:
            def callback(pipe: Any, i: int, t: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
                counts[stage] += 1
                done = min(counts["base"] + counts["refiner"], plan.total)
                progress(done, plan.total)
                cancel.check()  # raises Cancelled from inside the denoising loop
                every = opts.preview_every
                if preview is not None and every > 0 and done % every == 0 and done < plan.total:
                    latents = clean_estimate(pipe.scheduler, kwargs["latents"])
                    for request, image in zip(requests, latents_to_previews(latents), strict=True):
                        preview(request.page_index, image, done, plan.total)
                return kwargs

            return callback

        width, height = snap_size(first.width), snap_size(first.height)
        batch = len(requests)
        common: dict[str, Any] = dict(
            prompt=[build_prompt(r) for r in requests],
            num_inference_steps=plan.steps, guidance_scale=guidance,
        )  # fmt: skip
        if guidance > 1.0:  # without guidance diffusers ignores it (and the image check decides)
            common["negative_prompt"] = [opts.negative_prompt] * batch
        # Generators live on the CPU so a seed gives the same noise on any card (or none); one
        # per page, so a page's noise does not depend on which pages share its batch.
        generators = [torch.Generator("cpu").manual_seed(seed) for seed in seeds]
        generator: Any = generators if batch > 1 else generators[0]
        ip_kwargs, used_reference = self._ip_adapter_kwargs(pipes, first, batch, guidance, embeds)
        with torch.inference_mode():
            if plan.handoff is None:
                images = pipes.base(
                    **common, **ip_kwargs, width=width, height=height, generator=generator,
                    callback_on_step_end=on_step("base"),
                ).images  # fmt: skip
            else:
                assert refiner is not None
                latents = pipes.base(
                    **common, **ip_kwargs, width=width, height=height, generator=generator,
                    denoising_end=plan.handoff, output_type="latent",
                    callback_on_step_end=on_step("base"),
                ).images  # fmt: skip
                cancel.check()
                images = refiner(
                    **common, image=latents, denoising_start=plan.handoff, generator=generator,
                    callback_on_step_end=on_step("refiner"),
                ).images  # fmt: skip
        run = PageRun(seeds[0], plan, counts["base"], counts["refiner"], pipes.policy,
                      used_reference, batch, mode.mode.value)  # fmt: skip
        if (run.base_steps_run, run.refiner_steps_run) != (plan.base, plan.refiner):
            log.warning("planned %s but ran base %d + refiner %d", plan.describe(),
                        run.base_steps_run, run.refiner_steps_run)  # fmt: skip
        self.last_run = run
        out = []
        for image in images:
            image = image.convert("RGB")
            if image.size != (first.width, first.height):
                image = image.resize((first.width, first.height), Image.Resampling.LANCZOS)
            out.append(image)
        return out, run

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
        self,
        pipes: SDXLPipelines,
        request: PictureRequest,
        batch: int,
        guidance: float,
        embeds: list[Any] | None = None,
    ) -> tuple[dict[str, Any], bool]:
        """Page 1 of the same book conditions later pages; without it the adapter is muted.

        The image encoder runs once per book (the reference's embeds are kept) and once per
        load (the neutral embeds of pages without a reference, drawn at scale 0); the pages
        themselves only pass the ready embeds.
        """
        if not pipes.ip_adapter:
            return {}, False
        used = embeds is not None
        if embeds is None:
            key = self._book_key(request)
            reference = self._references.get(key)
            if reference is not None:
                if key not in self._embeds:
                    self._embeds[key] = self._encode(pipes, reference)
                    while len(self._embeds) > _REFERENCES_KEPT:
                        self._embeds.popitem(last=False)
                embeds, used = self._embeds[key], True
            else:
                if self._neutral is None:
                    gray = Image.new("RGB", (224, 224), (127, 127, 127))
                    self._neutral = [e * 0 for e in self._encode(pipes, gray)]
                embeds = self._neutral
        pipes.base.set_ip_adapter_scale(self.options.ip_adapter_scale if used else 0.0)
        return {"ip_adapter_image_embeds": _for_batch(embeds, batch, guidance > 1.0)}, used

    @staticmethod
    def _encode(pipes: SDXLPipelines, image: Image.Image) -> list[Any]:
        """[negative; positive] image embeds for one picture (the layout of diffusers' CFG)."""
        import torch

        base = pipes.base
        with torch.inference_mode():
            return list(base.prepare_ip_adapter_image_embeds(
                ip_adapter_image=image, ip_adapter_image_embeds=None,
                device=base._execution_device, num_images_per_prompt=1,
                do_classifier_free_guidance=True,
            ))  # fmt: skip

    # ---- provenance -----------------------------------------------------------------------------
    def _provenance(
        self, request: PictureRequest, run: PageRun, verdict: ImageVerdict, attempt: int
    ) -> Provenance:
        spec = self.pipes.mode if self.pipes is not None else self.models.spec
        notes = [
            f"mode {run.mode}",
            run.plan.describe(),
            f"ran base {run.base_steps_run} + refiner {run.refiner_steps_run}",
            spec.scheduler.value,
            f"policy {run.policy.name} ({run.policy.dtype})",
            f"image check {verdict.checker}" + ("" if verdict.real else " (NOT a real check)"),
        ]
        if run.batch > 1:
            notes.append(f"drawn {run.batch} pages at once")
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


def _for_batch(embeds: list[Any], batch: int, cfg: bool) -> list[Any]:
    """One picture's [negative; positive] embeds laid out for ``batch`` pages (negatives first,
    as diffusers concatenates the prompt embeds), or the positives only without guidance."""
    import torch

    out = []
    for e in embeds:
        negative, positive = e.chunk(2)
        reps = (batch, *([1] * (e.ndim - 1)))
        parts = [negative.repeat(reps), positive.repeat(reps)] if cfg else [positive.repeat(reps)]
        out.append(torch.cat(parts))
    return out


def _warm_request(index: int, size: int) -> PictureRequest:
    """A page for the warm-up: only its shape matters to the compiler."""
    return PictureRequest(
        page_index=index, page_count=8, scene_prompt="a small fox in a meadow", page_text="",
        theme="adventure", hero=Hero.default("cat", "en"), hero_sheet="warm-up",
        art_style="warm-up", seed=index, width=size, height=size,
    )  # fmt: skip
