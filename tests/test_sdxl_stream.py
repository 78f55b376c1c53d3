"""SDXL previews while a page develops, and several pages denoised together, on tiny real models.

Same rules as test_sdxl.py: the real diffusers pipelines on the CPU; the only stand-ins are at
the hardware edge (a factory that raises torch.cuda.OutOfMemoryError where a batch would not
fit) and the previews folder made unwritable to look like a full disk.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
import torch
from PIL import Image
from tiny_sdxl import count_unet_calls

from aibook_desktop.engine.book import BookRequest, Hero, Theme
from aibook_desktop.engine.cancel import CancelToken
from aibook_desktop.engine.events import Event, Finished, PageImage, PagePreview, Progress
from aibook_desktop.engine.hardware import CPU_POLICY, HardwareInfo, PicturePolicy, policy_ladder
from aibook_desktop.engine.jobs import BookMaker
from aibook_desktop.engine.library import Library
from aibook_desktop.engine.pictures import BatchIllustrator, PictureRequest
from aibook_desktop.engine.pictures.sdxl.illustrator import SDXLIllustrator, SDXLOptions
from aibook_desktop.engine.pictures.sdxl.pipelines import SDXLModels, SDXLPipelines, load_pipelines
from aibook_desktop.engine.pictures.sdxl.preview import clean_estimate, latents_to_previews
from aibook_desktop.engine.pictures.sketch import SketchIllustrator
from aibook_desktop.engine.previews import PREVIEW_SIZE, PreviewStore
from aibook_desktop.engine.redraw import redraw_page
from aibook_desktop.engine.story.offline.writer import OfflineStoryWriter

SIZE = 128  # 16x16 latents


@pytest.fixture
def library(aibook_home: Path) -> Iterator[Library]:
    lib = Library()
    yield lib
    lib.close()


def _request(index: int, seed: int = 7) -> PictureRequest:
    return PictureRequest(
        page_index=index, page_count=4, scene_prompt=f"a cat on the moon, scene {index}",
        page_text="", theme="moon", hero=Hero.default("cat", "en"),
        hero_sheet="a small orange cat in a blue scarf", art_style="soft watercolour",
        seed=seed + index, width=SIZE, height=SIZE,
    )  # fmt: skip


def _illustrator(
    models: SDXLModels, *, steps: int = 6, batch: int = 1, **opts: Any
) -> SDXLIllustrator:
    return SDXLIllustrator(
        models,
        options=SDXLOptions(steps=steps, **opts),
        policies=[replace(CPU_POLICY, batch=batch)],
    )


def _pixels(image: Image.Image) -> np.ndarray:
    return np.asarray(image, dtype=np.int16)


# ---- previews ---------------------------------------------------------------------------------
def test_latent_colours_follow_the_sdxl_factors() -> None:
    latents = torch.zeros(2, 4, 3, 5)
    latents[1, 0, 0, 0] = 1.0  # channel 0 pushes every colour up (it is the brightness)
    zero, bright = latents_to_previews(latents)
    assert zero.size == (5, 3) and zero.mode == "RGB"
    assert zero.getpixel((0, 0)) == (141, 125, 127)  # the bias alone: (bias + 1) * 127.5
    assert bright.getpixel((0, 0)) == (188, 179, 183)
    assert bright.getpixel((1, 0)) == (141, 125, 127)  # only the top-left latent changed
    with pytest.raises(ValueError):
        latents_to_previews(torch.zeros(1, 3, 4, 4))


def test_the_preview_shows_the_clean_estimate_when_the_scheduler_keeps_one() -> None:
    latents, x0 = torch.zeros(1, 4, 2, 2), torch.ones(1, 4, 2, 2)
    assert clean_estimate(SimpleNamespace(model_outputs=[None, x0]), latents) is x0
    assert clean_estimate(SimpleNamespace(model_outputs=[None, None]), latents) is latents
    assert clean_estimate(SimpleNamespace(), latents) is latents
    wrong = torch.ones(2, 4, 2, 2)  # a batch from another call
    assert clean_estimate(SimpleNamespace(model_outputs=[wrong]), latents) is latents


def test_previews_every_few_steps_do_not_change_the_picture(tiny_sdxl_models: SDXLModels) -> None:
    seen: list[tuple[int, int, tuple[int, int]]] = []
    ill = _illustrator(tiny_sdxl_models, steps=10, preview_every=3)
    picture = ill.draw(
        _request(0), CancelToken(), preview=lambda im, s, n: seen.append((s, n, im.size))
    )
    assert [(s, n) for s, n, _ in seen] == [(3, 10), (6, 10), (9, 10)]  # never at the last step
    assert {size for _, _, size in seen} == {(SIZE // 8, SIZE // 8)}  # one latent, one pixel
    plain = _illustrator(tiny_sdxl_models, steps=10, preview_every=0).draw(
        _request(0), CancelToken()
    )
    assert np.array_equal(_pixels(picture.image), _pixels(plain.image))


def test_book_previews_come_before_their_page_and_go_when_the_next_book_starts(
    tiny_sdxl_models: SDXLModels, library: Library, tmp_path: Path
) -> None:
    store = PreviewStore(tmp_path / "previews")
    ill = _illustrator(tiny_sdxl_models, steps=5, preview_every=2)
    events: list[Event] = []

    def emit(event: Event) -> None:
        if isinstance(event, PagePreview):  # readable when the event arrives
            with Image.open(event.path) as im:
                assert max(im.size) <= PREVIEW_SIZE and im.mode == "RGB"
        events.append(event)

    maker = BookMaker(OfflineStoryWriter(), ill, library, previews=store)
    maker.run(_book(pages=4), emit, CancelToken())
    assert isinstance(events[-1], Finished)
    pictures = [e for e in events if isinstance(e, PagePreview | PageImage)]
    expected: list[tuple[str, int, int | None]] = []
    for page in range(4):
        expected += [("PagePreview", page, 2), ("PagePreview", page, 4), ("PageImage", page, None)]
    assert [(type(e).__name__, e.index, getattr(e, "step", None)) for e in pictures] == expected
    first_book = store.root / events[-1].book_id
    assert first_book.is_dir()  # kept: a window may read the last previews a moment later
    more: list[Event] = []
    maker.run(_book(pages=4), more.append, CancelToken())
    assert isinstance(more[-1], Finished) and not first_book.exists()
    assert [p.name for p in store.root.iterdir()] == [more[-1].book_id]


def test_a_preview_that_cannot_be_saved_never_costs_the_book(
    tiny_sdxl_models: SDXLModels, library: Library, tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the previews folder should be: mkdir fails like a full disk")
    ill = _illustrator(tiny_sdxl_models, steps=4, preview_every=1)
    events: list[Event] = []
    BookMaker(OfflineStoryWriter(), ill, library, previews=PreviewStore(blocked)).run(
        _book(pages=4), events.append, CancelToken()
    )
    assert isinstance(events[-1], Finished)
    assert not any(isinstance(e, PagePreview) for e in events)
    assert [e.index for e in events if isinstance(e, PageImage)] == [0, 1, 2, 3]


# ---- several pages at once --------------------------------------------------------------------
def test_a_batch_draws_the_same_pages_in_one_run(tiny_sdxl_models: SDXLModels) -> None:
    ill = _illustrator(tiny_sdxl_models, batch=3)
    assert isinstance(ill, BatchIllustrator) and ill.max_batch == 3
    calls = count_unet_calls(ill.load())
    previews: list[tuple[int, int]] = []
    progress: list[tuple[int, int]] = []
    pictures = ill.draw_pages(
        [_request(1), _request(2), _request(3)], CancelToken(), lambda s, n: progress.append((s, n)),
        lambda i, im, s, n: previews.append((i, s)),
    )  # fmt: skip
    run = ill.last_run
    assert run is not None and run.batch == 3
    assert calls == {"base": run.plan.base, "refiner": run.plan.refiner}  # one pass for three
    assert progress == [(i, 6) for i in range(1, 7)]
    assert previews == [(1, 5), (2, 5), (3, 5)]
    single = _illustrator(tiny_sdxl_models)
    for picture, index in zip(pictures, (1, 2, 3), strict=True):
        assert picture.provenance.seed == 7 + index  # every page keeps its own seed
        assert "drawn 3 pages at once" in (picture.provenance.note or "")
        alone = single.draw(_request(index), CancelToken()).image
        diff = np.abs(_pixels(picture.image) - _pixels(alone))
        assert diff.mean() < 1.0 and diff.max() <= 8  # float rounding of batched maths only
    assert not np.array_equal(_pixels(pictures[0].image), _pixels(pictures[1].image))


class BatchOOMFactory:
    """The hardware edge: a card with room for one page (CFG doubles it to a UNet batch of 2)."""

    def __init__(self) -> None:
        self.batches: list[int] = []

    def __call__(self, models: SDXLModels, policy: PicturePolicy) -> SDXLPipelines:
        pipes = load_pipelines(models, replace(CPU_POLICY, batch=policy.batch))
        pipes.policy = policy

        def check(module: object, args: tuple[torch.Tensor, ...]) -> None:
            self.batches.append(int(args[0].shape[0]))
            if args[0].shape[0] > 2:
                raise torch.cuda.OutOfMemoryError("CUDA out of memory (a batch of pages)")

        pipes.base.unet.register_forward_pre_hook(check)
        return pipes


def test_out_of_memory_with_a_batch_halves_it_before_giving_up_the_policy(
    tiny_sdxl_models: SDXLModels,
) -> None:
    factory = BatchOOMFactory()
    ladder = policy_ladder(HardwareInfo(16, "x86_64", True, True, "RTX A6000", 48.0))
    assert ladder[0].batch == 4
    ill = SDXLIllustrator(
        tiny_sdxl_models, options=SDXLOptions(steps=6), policies=ladder, factory=factory
    )
    pictures = ill.draw_pages([_request(i) for i in range(4)], CancelToken())
    assert len(pictures) == 4 and ill.policy.name == "gpu" and ill.max_batch == 1
    assert factory.batches[:2] == [8, 4]  # 4 pages, then 2, then one at a time
    note = pictures[-1].provenance.note or ""
    assert "out of GPU memory: batch 4 -> 2, batch 2 -> 1" in note
    alone = _illustrator(tiny_sdxl_models).draw(_request(3), CancelToken()).image
    assert np.array_equal(_pixels(pictures[-1].image), _pixels(alone))


def test_a_book_draws_page_one_alone_then_the_written_pages_together(
    tiny_sdxl_models: SDXLModels, library: Library
) -> None:
    ill = _illustrator(tiny_sdxl_models, steps=4, batch=3)
    events: list[Event] = []
    BookMaker(OfflineStoryWriter(), ill, library).run(_book(pages=4), events.append, CancelToken())
    assert isinstance(events[-1], Finished)
    assert [e.index for e in events if isinstance(e, PageImage)] == [0, 1, 2, 3]
    fractions = [e.fraction for e in events if isinstance(e, Progress)]
    assert fractions == sorted(fractions)  # a batch never moves the bar backwards
    steps = [(e.page, e.step) for e in events if isinstance(e, Progress) and e.step is not None]
    assert steps == [(0, s) for s in range(1, 5)] + [(1, s) for s in range(1, 5)]
    book = library.load(events[-1].book_id)
    notes = [p.image_provenance.note or "" if p.image_provenance else "" for p in book.pages]
    assert "at once" not in notes[0]  # the first picture comes as soon as it can
    assert all("drawn 3 pages at once" in n for n in notes[1:])
    assert [p.image_provenance.seed for p in book.pages if p.image_provenance] == [
        100,
        101,
        102,
        103,
    ]


def test_the_policy_batches_only_where_vram_allows() -> None:
    def batch(vram: float) -> int:
        return policy_ladder(HardwareInfo(8, "x", True, True, "GPU", vram))[0].batch

    assert [batch(v) for v in (8, 12, 16, 24, 48, 80, 141)] == [1, 1, 1, 2, 4, 8, 8]
    compiled = policy_ladder(HardwareInfo(8, "x", True, True, "H100", 80), compile=True)[0]
    assert compiled.compile and compiled.batch == 8  # warmed up for each batch shape at load
    assert all(p.batch == 1 for p in policy_ladder(HardwareInfo(8, "x", True, True, "G", 80))[1:])
    options = SDXLOptions(batch_limit=2)
    big = SDXLIllustrator(SDXLModels(base="unused"), options=options,
                          policies=policy_ladder(HardwareInfo(8, "x", True, True, "H100", 80)))  # fmt: skip
    assert big.max_batch == 2  # the grown-up's limit wins over the card's room


def _book(pages: int) -> BookRequest:
    return BookRequest(Hero.default("cat", "en"), Theme("a cat who flies to the moon"), "en",
                       pages, 7, 100, SIZE, SIZE)  # fmt: skip


def test_a_redrawn_page_develops_in_previews_too(
    tiny_sdxl_models: SDXLModels, library: Library, tmp_path: Path
) -> None:
    events: list[Event] = []
    BookMaker(OfflineStoryWriter(), SketchIllustrator(), library).run(
        _book(pages=4), events.append, CancelToken()
    )
    book_id = events[-1].book_id
    store = PreviewStore(tmp_path / "previews")
    ill = _illustrator(tiny_sdxl_models, steps=6, preview_every=2)
    redrawn: list[Event] = []
    page = redraw_page(library, ill, book_id, 2, redrawn.append, CancelToken(), previews=store)
    assert page is not None and page.image_provenance is not None
    shown = [(type(e).__name__, getattr(e, "step", None)) for e in redrawn
             if isinstance(e, PagePreview | PageImage)]  # fmt: skip
    assert shown == [("PagePreview", 2), ("PagePreview", 4), ("PageImage", None)]
    assert all(e.index == 2 for e in redrawn if isinstance(e, PagePreview))
