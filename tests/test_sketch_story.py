"""The sketch painter draws the story's scene plan: companions, props, time, weather (#13)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from PIL import Image

from aibook_desktop.engine.book import BookRequest, Hero, HeroKind, PagePlan, ScenePlan, Theme
from aibook_desktop.engine.cancel import CancelToken
from aibook_desktop.engine.pictures import PictureRequest
from aibook_desktop.engine.pictures.sketch import SketchIllustrator
from aibook_desktop.engine.pictures.sketch.canvas import Canvas, Pen
from aibook_desktop.engine.pictures.sketch.cast import COMPANIONS, companion_for, draw_companion
from aibook_desktop.engine.pictures.sketch.props import PROPS, draw_prop, prop_for
from aibook_desktop.engine.story.offline import OfflineStoryWriter, lexicon


def _request(scene: ScenePlan | None, seed: int = 5) -> PictureRequest:
    return PictureRequest(
        page_index=1, page_count=8, scene_prompt="(Environment) meadow", page_text="",
        theme="", hero=Hero.default(HeroKind.GIRL, "en"), hero_sheet="", art_style="",
        seed=seed, width=256, height=256, scene=scene,
    )  # fmt: skip


def _px(img: Image.Image) -> np.ndarray:
    return np.asarray(img.convert("RGB"), dtype=np.int16)


def test_the_libraries_are_big_enough() -> None:
    assert len(COMPANIONS) >= 30
    assert len(PROPS) >= 40


@pytest.mark.parametrize("key", sorted(COMPANIONS))
def test_every_companion_draws_something(key: str) -> None:
    c = Canvas(128, 128)
    before = np.asarray(c.img).copy()
    assert draw_companion(Pen(c, c.W / 2, c.H * 0.9, c.H / 130), key) == key
    assert (np.asarray(c.img) != before).any(axis=2).mean() > 0.02


@pytest.mark.parametrize("key", sorted(PROPS))
def test_every_prop_draws_something(key: str) -> None:
    c = Canvas(128, 128)
    before = np.asarray(c.img).copy()
    assert draw_prop(Pen(c, c.W / 2, c.H * 0.9, c.H / 60), key) == key
    assert (np.asarray(c.img) != before).any(axis=2).mean() > 0.01


def test_every_word_the_storyteller_knows_has_its_own_drawing() -> None:
    assert [e.key for e in lexicon.COMPANIONS if e.key not in COMPANIONS] == []
    assert [e.key for e in lexicon.PROPS if e.key not in PROPS] == []
    # unknown ones are drawn by their nearest category, never left out
    assert companion_for("zorblat") == "monster"
    assert prop_for("whatsit") == "present"


def test_the_octopus_the_text_names_is_drawn_and_listed() -> None:
    req = BookRequest(Hero.default(HeroKind.GIRL, "en"), Theme("an octopus who wants a cake"),
                      "en", pages=4, seed=2)  # fmt: skip
    pages = [p for p in OfflineStoryWriter().write(req, CancelToken()) if isinstance(p, PagePlan)]
    page = next(p for p in pages if "octopus" in p.text)
    assert page.scene is not None and "octopus" in page.scene.characters
    pic = SketchIllustrator().draw(_request(page.scene), CancelToken())
    assert pic.provenance.note is not None and "octopus" in pic.provenance.note
    alone = SketchIllustrator().draw(
        _request(dataclasses.replace(page.scene, characters=(), props=())), CancelToken()
    )
    assert (np.abs(_px(pic.image) - _px(alone.image)).sum(axis=2) > 40).mean() > 0.03


def test_an_unknown_creature_is_drawn_as_its_nearest_kind_and_says_so() -> None:
    scene = ScenePlan("space", characters=("monster",), names=(("monster", "zorblat"),))
    note = SketchIllustrator().draw(_request(scene), CancelToken()).provenance.note
    assert note is not None and "zorblat (as monster)" in note


def test_night_rain_and_winter_change_the_page() -> None:
    day = _px(SketchIllustrator().draw(_request(ScenePlan("meadow")), CancelToken()).image)
    for change in ({"time": "night"}, {"weather": "rain"}, {"season": "winter"}):
        other = dataclasses.replace(ScenePlan("meadow"), **change)  # type: ignore[arg-type]
        img = _px(SketchIllustrator().draw(_request(other), CancelToken()).image)
        assert (np.abs(img - day).sum(axis=2) > 30).mean() > 0.002, change
    night = _px(SketchIllustrator().draw(_request(ScenePlan("meadow", time="night")),
                                         CancelToken()).image)  # fmt: skip
    assert night.mean() < day.mean() - 20


def test_a_page_without_a_scene_plan_still_paints() -> None:
    pic = SketchIllustrator().draw(_request(None), CancelToken())
    assert pic.image.size == (256, 256)


def test_the_plan_setting_wins_over_the_prompt() -> None:
    a = SketchIllustrator().draw(_request(ScenePlan("snow")), CancelToken())
    assert a.provenance.note is not None and "snow" in a.provenance.note
