"""SDXLIllustrator on a tiny random SDXL base + refiner, run through the real diffusers pipelines.

The models are built once per session (tests/tiny_sdxl.py) and loaded with from_pretrained.
The only stand-ins are at the hardware edge: a pipeline factory that raises the real
torch.cuda.OutOfMemoryError, and image safety checkers that flag on purpose.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Collection, Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import torch
from diffusers import DPMSolverMultistepScheduler
from PIL import Image
from tiny_sdxl import count_unet_calls, save_tiny_clip_vision, save_tiny_safety_checker

from aibook_desktop.engine.book import BookRequest, Hero, HeroKind, Theme
from aibook_desktop.engine.cancel import Cancelled as CancelledError
from aibook_desktop.engine.cancel import CancelToken
from aibook_desktop.engine.errors import BackendUnavailable
from aibook_desktop.engine.events import (
    Event,
    Finished,
    JobCancelled,
    Notice,
    PageImage,
    Progress,
    StoryStarted,
)
from aibook_desktop.engine.hardware import CPU_POLICY, HardwareInfo, PicturePolicy, policy_ladder
from aibook_desktop.engine.jobs import BookMaker
from aibook_desktop.engine.library import Library
from aibook_desktop.engine.pictures import PictureRequest, make_illustrator
from aibook_desktop.engine.pictures.prompts import build_prompt
from aibook_desktop.engine.pictures.sdxl.config import illustrator_from_settings
from aibook_desktop.engine.pictures.sdxl.consistency import HeroConsistency, crop_fraction
from aibook_desktop.engine.pictures.sdxl.illustrator import (
    SAFETY_SEED_STRIDE,
    OutOfPolicies,
    SDXLIllustrator,
    SDXLOptions,
)
from aibook_desktop.engine.pictures.sdxl.image_safety import DiffusersImageChecker, ImageVerdict
from aibook_desktop.engine.pictures.sdxl.pipelines import SDXLModels, SDXLPipelines, load_pipelines
from aibook_desktop.engine.pictures.sdxl.plan import plan_steps
from aibook_desktop.engine.pictures.sketch import SketchIllustrator
from aibook_desktop.engine.redraw import REDRAW_SEED_STRIDE, redraw_page
from aibook_desktop.engine.service import Engine
from aibook_desktop.engine.settings import Settings
from aibook_desktop.engine.story.offline.writer import OfflineStoryWriter

SIZE = 128  # 16x16 latents with the real VAE scale factor of 8
NO_CUDA = HardwareInfo(2, "x86_64", torch_installed=True, cuda=False)


@pytest.fixture(scope="session")
def tiny(tiny_sdxl_models: SDXLModels) -> SDXLModels:
    return tiny_sdxl_models


@pytest.fixture
def library(aibook_home: Path) -> Iterator[Library]:
    lib = Library()
    yield lib
    lib.close()


def _illustrator(models: SDXLModels, steps: int = 8, **kw: object) -> SDXLIllustrator:
    return SDXLIllustrator(models, options=SDXLOptions(steps=steps), **kw)  # type: ignore[arg-type]


def _request(index: int = 0, seed: int = 7, prompt: str = "a cat on the moon") -> PictureRequest:
    return PictureRequest(
        page_index=index, page_count=4, scene_prompt=prompt, page_text="", theme="moon",
        hero=Hero.default("cat", "en"), hero_sheet="a small orange cat in a blue scarf",
        art_style="soft watercolour", seed=seed, width=SIZE, height=SIZE,
    )  # fmt: skip


def _pixels(image: Image.Image) -> np.ndarray:
    return np.asarray(image, dtype=np.int16)


# ---- the step split ---------------------------------------------------------------------------
@pytest.mark.parametrize("steps", [5, 8, 25])
def test_base_hands_its_latents_to_the_refiner_for_the_last_steps(
    tiny: SDXLModels, steps: int
) -> None:
    ill = _illustrator(tiny, steps)
    calls = count_unet_calls(ill.load())
    seen: list[tuple[int, int]] = []
    picture = ill.draw(_request(), CancelToken(), lambda s, n: seen.append((s, n)))
    run = ill.last_run
    assert run is not None and run.plan.handoff == 0.8
    assert run.plan.refiner >= 1 and run.plan.base >= 1
    assert run.plan.base + run.plan.refiner == steps  # nothing run twice, nothing skipped
    assert calls == {"base": run.plan.base, "refiner": run.plan.refiner}  # CFG: 1 call a step
    assert seen == [(i, steps) for i in range(1, steps + 1)]
    assert picture.image.size == (SIZE, SIZE) and picture.image.mode == "RGB"
    assert picture.provenance.backend == "sdxl" and picture.provenance.ai_generated
    assert f"refiner {run.plan.refiner} steps" in (picture.provenance.note or "")


def test_too_few_steps_skip_the_refiner_on_purpose_and_say_so(tiny: SDXLModels) -> None:
    ill = _illustrator(tiny, steps=1)  # one step lies above the 0.8 handoff: the refiner gets 0
    calls = count_unet_calls(ill.load())
    picture = ill.draw(_request(), CancelToken())
    assert calls == {"base": 1, "refiner": 0}
    assert "no refiner (1 steps leave the refiner none" in (picture.provenance.note or "")


def test_plan_matches_what_diffusers_cuts(tiny: SDXLModels) -> None:
    pipes = _illustrator(tiny).load()
    karras = pipes.base.scheduler
    assert karras.config.use_karras_sigmas
    assert plan_steps(karras, karras, 4, 0.8).describe() == "base 2 + refiner 2 steps (handoff 0.8)"
    # The lab's scheduler (DPM++ on "leading" timesteps, no Karras): 4 -> 4/0, 5 -> 4/1.
    leading = DPMSolverMultistepScheduler.from_config(karras.config, use_karras_sigmas=False)
    zero = plan_steps(leading, leading, 4, 0.8)
    assert (zero.base, zero.refiner, zero.handoff) == (4, 0, None)
    assert (
        plan_steps(leading, leading, 5, 0.8).base,
        plan_steps(leading, leading, 5, 0.8).refiner,
    ) == (4, 1)
    assert plan_steps(karras, None, 5, 0.8).describe().startswith("base 5 steps, no refiner")
    with pytest.raises(ValueError):
        plan_steps(karras, karras, 5, 1.0)


def test_every_prompt_carries_the_hero_sheet_and_style() -> None:
    prompt = build_prompt(_request(prompt="the cat waves from a rocket."))
    assert prompt.startswith("a small orange cat in a blue scarf, the cat waves from a rocket")
    assert "soft watercolour" in prompt


# ---- determinism, cancel ------------------------------------------------------------------------
def test_same_seed_same_picture_other_seed_other_picture(tiny: SDXLModels) -> None:
    first = _illustrator(tiny).draw(_request(seed=11), CancelToken()).image
    again = _illustrator(tiny).draw(_request(seed=11), CancelToken()).image  # a fresh load
    other = _illustrator(tiny).draw(_request(seed=12), CancelToken()).image
    assert np.array_equal(_pixels(first), _pixels(again))
    assert np.abs(_pixels(first) - _pixels(other)).mean() > 1.0


def test_cancel_stops_inside_the_denoising_loop(tiny: SDXLModels) -> None:
    ill = _illustrator(tiny, steps=25)
    calls = count_unet_calls(ill.load())
    cancel = CancelToken()

    def progress(step: int, steps: int) -> None:
        if step == 3:
            cancel.cancel()

    with pytest.raises(CancelledError):
        ill.draw(_request(), cancel, progress)
    assert calls == {"base": 3, "refiner": 0}  # stopped at step 3 of 25, in the base


# ---- out of memory ------------------------------------------------------------------------------
class OOMFactory:
    """The hardware edge: loads the real tiny pipelines on the CPU whatever the policy asks,
    and raises torch.cuda.OutOfMemoryError where a too-small card would."""

    def __init__(self, oom_on_load: Collection[str] = (), oom_in_unet: Collection[str] = ()):
        self.asked: list[str] = []
        self.oom_on_load, self.oom_in_unet = set(oom_on_load), set(oom_in_unet)

    def __call__(self, models: SDXLModels, policy: PicturePolicy) -> SDXLPipelines:
        self.asked.append(policy.name)
        if policy.name in self.oom_on_load:
            raise torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")
        on_cpu = replace(CPU_POLICY, refiner=policy.refiner)
        pipes = load_pipelines(models, on_cpu)
        pipes.policy = policy
        if policy.name in self.oom_in_unet:

            def boom(module: object, args: object) -> None:
                raise torch.cuda.OutOfMemoryError("CUDA out of memory (in the UNet)")

            pipes.base.unet.register_forward_pre_hook(boom)
        return pipes


BIG_GPU = policy_ladder(HardwareInfo(16, "x86_64", True, True, "RTX 4090", 24.0))


def test_oom_while_drawing_steps_down_and_redraws_the_page(tiny: SDXLModels) -> None:
    factory = OOMFactory(oom_in_unet={"gpu"})
    ill = _illustrator(tiny, policies=BIG_GPU, factory=factory)
    picture = ill.draw(_request(), CancelToken())
    assert factory.asked == ["gpu", "model-offload"]
    assert ill.policy.name == "model-offload" and ill.last_run is not None
    assert ill.last_run.refiner_steps_run >= 1
    assert "out of GPU memory: gpu -> model-offload" in (picture.provenance.note or "")
    expected = _illustrator(tiny).draw(_request(), CancelToken()).image
    assert np.array_equal(_pixels(picture.image), _pixels(expected))  # the same page, redone


def test_oom_while_loading_steps_down_to_sequential_without_refiner(tiny: SDXLModels) -> None:
    factory = OOMFactory(oom_on_load={"gpu", "model-offload"})
    ill = _illustrator(tiny, policies=BIG_GPU, factory=factory)
    calls = count_unet_calls(ill.load())
    ill.draw(_request(), CancelToken())
    assert factory.asked == ["gpu", "model-offload", "sequential-offload"]
    assert calls == {"base": 8, "refiner": 0}  # the 8 GB policy runs the base alone


def test_oom_everywhere_never_crashes_the_book(tiny: SDXLModels, library: Library) -> None:
    factory = OOMFactory(oom_on_load={"gpu", "model-offload", "sequential-offload"})
    ill = _illustrator(tiny, policies=BIG_GPU, factory=factory)
    with pytest.raises(OutOfPolicies):
        ill.draw(_request(), CancelToken())
    maker = BookMaker(OfflineStoryWriter(), ill, library, fallback_illustrator=SketchIllustrator())
    events: list[Event] = []
    maker.run(_book_request(), events.append, CancelToken())
    assert isinstance(events[-1], Finished)
    assert sum(isinstance(e, Notice) and e.code == "picture_fallback" for e in events) == 4


# ---- child safety -------------------------------------------------------------------------------
class FlagFirst:
    """An injected checker that flags the first ``n`` pictures it sees."""

    name = "flag-first"

    def __init__(self, n: int) -> None:
        self.n, self.seen = n, 0

    def check(self, image: Image.Image) -> ImageVerdict:
        self.seen += 1
        return ImageVerdict(self.seen <= self.n, self.name, real=True)


def test_a_flagged_picture_is_redrawn_with_another_seed(tiny: SDXLModels) -> None:
    picture = _illustrator(tiny, safety=FlagFirst(1)).draw(_request(seed=5), CancelToken())
    assert picture.provenance.backend == "sdxl"
    assert picture.provenance.seed == 5 + SAFETY_SEED_STRIDE
    assert "redrawn 1x after the safety check" in (picture.provenance.note or "")


def test_always_flagged_becomes_the_sketch_picture(tiny: SDXLModels) -> None:
    checker = FlagFirst(99)
    picture = _illustrator(tiny, safety=checker).draw(_request(), CancelToken())
    assert checker.seen == 3  # the first picture + 2 bounded redraws
    sketch = SketchIllustrator().draw(_request(), CancelToken())
    assert picture.provenance.backend == "sketch" and not picture.provenance.ai_generated
    assert np.array_equal(_pixels(picture.image), _pixels(sketch.image))
    assert "flagged by the image safety check" in (picture.provenance.note or "")


def test_without_a_safety_model_the_provenance_says_it_was_not_checked(tiny: SDXLModels) -> None:
    note = _illustrator(tiny).draw(_request(), CancelToken()).provenance.note or ""
    assert "image check none (NOT a real check)" in note


@pytest.mark.parametrize("flag_everything", [True, False])
def test_diffusers_safety_checker_decides(
    tiny: SDXLModels, tmp_path: Path, flag_everything: bool
) -> None:
    folder = save_tiny_safety_checker(tmp_path / "checker", flag_everything)
    checker = DiffusersImageChecker.load(str(folder))
    verdict = checker.check(Image.new("RGB", (64, 64), (200, 120, 40)))
    assert verdict.flagged is flag_everything and verdict.real
    picture = _illustrator(tiny, steps=5, safety=checker).draw(_request(), CancelToken())
    assert picture.provenance.backend == ("sketch" if flag_everything else "sdxl")


# ---- books, redraw ------------------------------------------------------------------------------
def _book_request() -> BookRequest:
    return BookRequest(Hero.default("cat", "en"), Theme("a cat who flies to the moon"), "en",
                       4, 7, 100, SIZE, SIZE)  # fmt: skip


def test_pages_arrive_in_order_with_step_progress(tiny: SDXLModels, library: Library) -> None:
    maker = BookMaker(OfflineStoryWriter(), _illustrator(tiny, steps=5), library)
    events: list[Event] = []
    maker.run(_book_request(), events.append, CancelToken())
    assert isinstance(events[-1], Finished)
    assert [e.index for e in events if isinstance(e, PageImage)] == [0, 1, 2, 3]
    steps = [(e.page, e.step) for e in events if isinstance(e, Progress) and e.step is not None]
    assert steps == [(p, s) for p in range(4) for s in range(1, 6)]
    book = library.load(events[-1].book_id)
    for page in book.pages:
        assert page.image_provenance is not None and page.image_provenance.backend == "sdxl"
        assert page.image_provenance.seed == 100 + page.index  # the book's seed family
        assert book.hero_sheet and book.hero_sheet in (page.image_provenance.prompt or "")


def _sketch_book(engine: Engine) -> str:
    events: list[Event] = []
    engine.make_book(_book_request(), events.append, CancelToken())
    started = next(e for e in events if isinstance(e, StoryStarted))
    return started.book_id


@pytest.mark.parametrize("backend", ["sketch", "sdxl"])
def test_redraw_one_page_keeps_the_hero_and_changes_the_seed(
    tiny: SDXLModels, library: Library, backend: str
) -> None:
    engine = Engine(Settings(), library)
    book_id = _sketch_book(engine)
    folder = library.book_dir(book_id)
    before = {p: (folder / f"page-0{p + 1}.png").read_bytes() for p in range(4)}
    events: list[Event] = []
    if backend == "sketch":
        page = engine.redraw_page(book_id, 2, events.append, CancelToken())
    else:
        ill = _illustrator(tiny, steps=5)
        page = redraw_page(library, ill, book_id, 2, events.append, CancelToken())
    assert page is not None and page.image_provenance is not None
    assert page.image_provenance.backend == backend
    assert page.image_provenance.seed == 100 + 2 + REDRAW_SEED_STRIDE
    assert [type(e) for e in events if isinstance(e, PageImage | Finished)] == [PageImage, Finished]
    after = {p: (folder / f"page-0{p + 1}.png").read_bytes() for p in range(4)}
    assert after[2] != before[2]
    assert all(after[p] == before[p] for p in (0, 1, 3))
    reloaded = library.load(book_id).page(2)
    assert reloaded is not None and reloaded.image_provenance == page.image_provenance
    if backend == "sdxl":
        assert Image.open(folder / "page-03.png").size == (SIZE, SIZE)


def test_cancelled_redraw_keeps_the_old_picture(tiny: SDXLModels, library: Library) -> None:
    book_id = _sketch_book(Engine(Settings(), library))
    old = (library.book_dir(book_id) / "page-01.png").read_bytes()
    cancel = CancelToken()
    events: list[Event] = []

    def emit(event: Event) -> None:
        events.append(event)
        if isinstance(event, Progress) and event.step == 2:
            cancel.cancel()

    assert redraw_page(library, _illustrator(tiny), book_id, 0, emit, cancel) is None
    assert isinstance(events[-1], JobCancelled)
    assert (library.book_dir(book_id) / "page-01.png").read_bytes() == old


# ---- consistency measure ------------------------------------------------------------------------
def test_consistency_measure(tmp_path: Path) -> None:
    scorer = HeroConsistency.from_pretrained(str(save_tiny_clip_vision(tmp_path / "clip")))
    hero = SketchIllustrator().draw(_request(), CancelToken()).image
    other = (
        SketchIllustrator()
        .draw(
            replace(_request(prompt="a snowy mountain"), hero=Hero.default(HeroKind.ROBOT, "en")),
            CancelToken(),
        )
        .image
    )
    same = scorer.score([hero, hero.copy(), hero.copy()])
    assert same.pages == 3 and same.mean == pytest.approx(1.0, abs=1e-5)
    mixed = scorer.score([hero, hero.copy(), other])
    assert mixed.mean < same.mean and 2 in mixed.least_alike
    assert mixed.matrix[0][2] == mixed.matrix[2][0] and mixed.matrix[1][1] == pytest.approx(1.0)
    assert crop_fraction(hero, (0.25, 0.5, 0.75, 1.0)).size == (SIZE // 2, SIZE // 2)
    with pytest.raises(ValueError):
        scorer.score([hero])


# ---- settings, backends, CLI --------------------------------------------------------------------
def test_policy_follows_vram() -> None:
    def names(vram: float) -> list[str]:
        return [p.name for p in policy_ladder(HardwareInfo(8, "x", True, True, "GPU", vram))]

    assert names(80) == ["gpu", "model-offload", "sequential-offload"]
    assert names(12) == ["model-offload", "sequential-offload"]
    assert names(8) == ["sequential-offload"]
    assert policy_ladder(NO_CUDA) == [CPU_POLICY]
    big, small = (
        policy_ladder(HardwareInfo(8, "x", True, True, "H100", 80), compile=True)[0],
        (policy_ladder(HardwareInfo(8, "x", True, True, "4080", 16), compile=True)[0]),
    )
    assert big.compile and big.fuse_qkv and big.dtype == "float16" and big.refiner
    assert not small.compile and not small.fuse_qkv
    assert not policy_ladder(HardwareInfo(8, "x", True, True, "3060", 8))[0].refiner


def test_sdxl_backend_says_why_it_cannot_run(tiny: SDXLModels, tmp_path: Path) -> None:
    settings = Settings(picture_backend="sdxl", sdxl_base=tiny.base)
    with pytest.raises(BackendUnavailable, match="NVIDIA GPU"):
        illustrator_from_settings(settings, NO_CUDA)
    cpu_ok = replace(settings, sdxl_allow_cpu=True)
    with pytest.raises(BackendUnavailable, match="no SDXL weights"):
        illustrator_from_settings(replace(cpu_ok, sdxl_base=""), NO_CUDA)
    with pytest.raises(BackendUnavailable, match="does not exist"):
        illustrator_from_settings(replace(cpu_ok, sdxl_base=str(tmp_path / "nope")), NO_CUDA)
    with pytest.raises(BackendUnavailable, match="not in the local Hugging Face cache"):
        illustrator_from_settings(replace(cpu_ok, sdxl_base="nobody/no-such-sdxl"), NO_CUDA)
    with pytest.raises(BackendUnavailable, match="could not be loaded"):
        illustrator_from_settings(replace(cpu_ok, sdxl_base=str(tmp_path)), NO_CUDA)


def test_sdxl_backend_loads_from_settings(tiny: SDXLModels) -> None:
    settings = Settings(picture_backend="sdxl", sdxl_base=tiny.base, sdxl_refiner=tiny.refiner,
                        sdxl_allow_cpu=True, sdxl_steps=5)  # fmt: skip
    ill = illustrator_from_settings(settings, NO_CUDA)
    assert ill.pipes is not None and ill.pipes.refiner is not None  # loaded and kept warm
    assert ill.policies == [CPU_POLICY] and ill.options.steps == 5
    ill.release()
    assert ill.pipes is None
    chosen = make_illustrator("sdxl", settings)  # the same through the backend registry
    assert isinstance(chosen, SDXLIllustrator) and chosen.pipes is not None
    chosen.release()


def test_cli_makes_a_book_with_sdxl(tiny: SDXLModels, aibook_home: Path, tmp_path: Path) -> None:
    env = {**os.environ, "AIBOOK_HOME": str(aibook_home), "OMP_NUM_THREADS": "1",
           "AIBOOK_SDXL_ALLOW_CPU": "1", "AIBOOK_SDXL_STEPS": "5"}  # fmt: skip
    args = ["make-book", "--hero", "frog", "--theme", "a frog in the sea", "--lang", "en",
            "--pages", "4", "--size", str(SIZE), "--no-pdf", "--pictures", "sdxl",
            "--sdxl-base", tiny.base, "--sdxl-refiner", tiny.refiner, "--out", str(tmp_path / "o")]  # fmt: skip
    proc = subprocess.run([sys.executable, "-m", "aibook_desktop.engine", *args],
                          capture_output=True, text=True, env=env, check=False)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    book = json.loads((tmp_path / "o" / "book.json").read_text(encoding="utf-8"))
    assert [p["image_provenance"]["backend"] for p in book["pages"]] == ["sdxl"] * 4
