"""The sketch illustrator: real, varied, deterministic pictures that honour cancel and progress."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from PIL import Image

from aibook_desktop.engine.book import SCENE_SETTINGS, Hero, HeroKind
from aibook_desktop.engine.cancel import Cancelled, CancelToken
from aibook_desktop.engine.pictures import Illustrator, Picture, PictureRequest
from aibook_desktop.engine.pictures.sketch import (
    STEPS,
    SketchIllustrator,
    choose_setting,
    hero_look,
    hero_portrait,
)
from aibook_desktop.engine.resources import resource_path


def request(
    prompt: str = "a cat plays in the meadow",
    *,
    theme: str = "",
    hero: Hero | None = None,
    seed: int = 7,
    page: int = 0,
    size: tuple[int, int] = (256, 256),
) -> PictureRequest:
    return PictureRequest(
        page_index=page,
        page_count=8,
        scene_prompt=prompt,
        page_text="",
        theme=theme,
        hero=hero or Hero.default(HeroKind.CAT, "en"),
        hero_sheet="",
        art_style="",
        seed=seed,
        width=size[0],
        height=size[1],
    )


def draw(req: PictureRequest) -> Image.Image:
    return SketchIllustrator().draw(req, CancelToken()).image


def pixels(img: Image.Image) -> np.ndarray:
    return np.asarray(img.convert("RGB"), dtype=np.int16)


def test_conforms_to_the_illustrator_protocol() -> None:
    ill = SketchIllustrator()
    assert isinstance(ill, Illustrator)
    assert ill.name == "sketch"
    req = request(seed=99)
    pic = ill.draw(req, CancelToken())
    assert isinstance(pic, Picture)
    assert pic.image.mode == "RGB"
    prov = pic.provenance
    assert (prov.backend, prov.model, prov.seed, prov.prompt, prov.ai_generated) == (
        "sketch",
        "aibook-sketch-v1",
        99,
        req.scene_prompt,
        False,
    )


@pytest.mark.parametrize("setting", SCENE_SETTINGS)
def test_a_setting_word_in_the_prompt_picks_that_setting(setting: str) -> None:
    assert choose_setting(f"A happy hero explores the {setting}, smiling", "바다") == setting


def test_every_setting_paints_a_clearly_different_page() -> None:
    # same hero, seed and page: only the setting differs, so the backgrounds must
    thumbs = {
        s: pixels(draw(request(f"the {s}", size=(96, 96))).resize((12, 12), Image.BOX))
        for s in SCENE_SETTINGS
    }
    for a, b in itertools.combinations(SCENE_SETTINGS, 2):
        diff = float(np.abs(thumbs[a] - thumbs[b]).mean())
        assert diff > 20, f"{a} and {b} look alike ({diff:.1f})"


@pytest.mark.parametrize(
    ("theme", "expected"),
    [
        ("달나라 여행", "space"),
        ("우주에 간 고양이", "space"),
        ("로켓을 타고 슝", "space"),
        ("바다에서 수영해요", "sea"),
        ("바닷속 친구들", "underwater"),
        ("숲속의 작은 집", "forest"),
        ("성에 사는 공주", "castle"),
        ("눈이 펑펑 와요", "snow"),
        ("정글 탐험", "jungle"),
        ("꿈나라로 가요", "bedroom"),
        ("a trip to the moon", "space"),
        ("a day at the beach", "sea"),
        ("dinosaurs in the snow", "snow"),
        ("a dragon and a knight", "castle"),
        ("맛있는 사과", "meadow"),  # nothing matches: the meadow
        ("우산 쓰고 산책", "meadow"),  # 우산 and 산책 are not 산 (mountain)
    ],
)
def test_theme_words_choose_the_setting_when_the_prompt_has_none(theme: str, expected: str) -> None:
    assert choose_setting("a happy child smiles", theme) == expected


def test_the_theme_fallback_changes_the_picture() -> None:
    moon = draw(request("a happy child smiles", theme="달나라 여행"))
    sea = draw(request("a happy child smiles", theme="바다 여행"))
    assert moon.tobytes() != sea.tobytes()
    assert pixels(moon).mean() < pixels(sea).mean()  # night sky is darker than a beach


@pytest.mark.parametrize("kind", list(HeroKind))
def test_every_hero_draws_and_looks_its_own(kind: HeroKind) -> None:
    hero = Hero.default(kind, "ko")
    img = pixels(draw(request("the town", hero=hero)))
    # the hero's own colours are painted in solid areas (not just stray edge pixels)
    look = hero_look(hero)
    near = [(np.abs(img - np.array(c)).sum(axis=2) <= 6).sum() for c in (look.skin, look.main)]
    assert int(sum(near)) > 300
    others = {hero_look(Hero.default(k, "ko")) for k in HeroKind if k is not kind}
    assert hero_look(hero) not in others


def test_heroes_are_drawn_differently() -> None:
    imgs = {k: pixels(draw(request("the meadow", hero=Hero.default(k, "en")))) for k in HeroKind}
    for a, b in itertools.combinations(HeroKind, 2):
        assert np.abs(imgs[a] - imgs[b]).mean() > 1.0, (a, b)


def test_same_request_gives_the_same_pixels_and_another_seed_does_not() -> None:
    a = draw(request(seed=1234))
    b = draw(request(seed=1234))
    c = draw(request(seed=1235))
    assert a.tobytes() == b.tobytes()
    assert a.tobytes() != c.tobytes()


def test_negative_and_huge_seeds_work() -> None:
    for seed in (-1, 2**70):
        assert draw(request(seed=seed)).size == (256, 256)


def test_the_hero_looks_the_same_on_every_page() -> None:
    hero = Hero(HeroKind.CAT, "Nabi")
    look = hero_look(hero)
    assert hero_look(Hero(HeroKind.CAT, " nabi ")) == look  # name, not spelling noise
    # the Korean and English default names are one hero, the one on the hero button
    for kind in HeroKind:
        assert hero_look(Hero.default(kind, "ko")) == hero_look(Hero.default(kind, "en"))
    # pages differ (setting, seed, pose) but the hero's colours are painted on each one
    for page, prompt in enumerate(("the sea", "the forest", "space", "the bedroom")):
        img = pixels(draw(request(prompt, hero=hero, seed=500 + page, page=page)))
        for colour in (look.skin, look.accent):
            near = np.abs(img - np.array(colour)).sum(axis=2) <= 6
            assert int(near.sum()) > 30, (prompt, colour)


def test_me_looks_like_its_card_whatever_the_childs_name() -> None:
    # the child picked the "Me" card: a boy named 서준 must not become a ponytail girl (#13)
    names = ["지우", "서준", "서연", "Alex", "Sam", "하윤", "Noah", "Emma"]
    looks = {hero_look(Hero(HeroKind.ME, n)) for n in names}
    assert looks == {hero_look(Hero.default(HeroKind.ME, "en"))}


def test_the_composition_changes_from_page_to_page() -> None:
    hero = Hero.default(HeroKind.ROBOT, "en")
    a = draw(request("the meadow", hero=hero, seed=10, page=0))
    b = draw(request("the meadow", hero=hero, seed=11, page=1))
    assert np.abs(pixels(a) - pixels(b)).mean() > 5


@pytest.mark.parametrize("size", [(64, 64), (640, 480), (480, 640), (1024, 1024)])
def test_any_page_size(size: tuple[int, int]) -> None:
    img = draw(request("the castle", size=size))
    assert img.size == size
    assert img.mode == "RGB"


def test_the_picture_is_not_flat() -> None:
    img = draw(request("the underwater world"))
    arr = pixels(img)
    assert len(img.getcolors(maxcolors=1 << 20) or []) > 2000
    assert arr.std() > 30


def test_progress_is_reported_after_every_layer() -> None:
    steps: list[tuple[int, int]] = []
    SketchIllustrator().draw(request(), CancelToken(), lambda i, n: steps.append((i, n)))
    assert steps == [(i, STEPS) for i in range(1, STEPS + 1)]


def test_cancel_from_the_progress_callback_stops_before_the_next_layer() -> None:
    token = CancelToken()
    seen: list[int] = []

    def progress(step: int, steps: int) -> None:
        seen.append(step)
        if step == 2:
            token.cancel()

    with pytest.raises(Cancelled):
        SketchIllustrator().draw(request(), token, progress)
    assert seen == [1, 2]


def test_an_already_cancelled_token_draws_nothing() -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        SketchIllustrator().draw(request(), token, lambda i, n: pytest.fail("drew a layer"))


@pytest.mark.parametrize("kind", list(HeroKind))
def test_hero_portrait_is_a_round_badge(kind: HeroKind) -> None:
    img = hero_portrait(kind, 128)
    assert img.size == (128, 128)
    assert img.mode == "RGBA"
    alpha = np.asarray(img)[..., 3]
    assert alpha[0, 0] == 0 and alpha[64, 64] == 255
    assert np.asarray(img)[..., :3].std() > 20


@pytest.mark.parametrize("kind", list(HeroKind))
def test_the_shipped_hero_pictures_exist(kind: HeroKind) -> None:
    with Image.open(resource_path("heroes", f"{kind.value}.png")) as img:
        assert img.size == (512, 512)
