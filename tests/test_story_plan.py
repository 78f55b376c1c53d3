"""The theme plan and the plan storyteller (#13): the book tells what the child said."""

from __future__ import annotations

import json

import pytest

from aibook_desktop.engine.book import (
    Book,
    BookRequest,
    Hero,
    HeroKind,
    Page,
    PagePlan,
    ScenePlan,
    StoryHeader,
    Theme,
)
from aibook_desktop.engine.cancel import CancelToken
from aibook_desktop.engine.story.offline import OfflineStoryWriter
from aibook_desktop.engine.story.offline.plan import make_plan
from aibook_desktop.engine.story.offline.tell import essential_roles, page_roles


def _keys(words: tuple[object, ...]) -> list[str]:
    return [w.key for w in words]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("theme", "lang", "who", "things", "place", "wish"),
    [
        ("umm the the dino… dinosaur that eat ice creams", "en", ["dinosaur"], ["ice_cream"], None, "eat"),
        ("a robot who learns to bake cookies with grandma", "en", ["robot", "grandma"], ["cookies"], None, "bake"),
        ("two mice and an octopus having a picnic under the sea", "en", ["mouse", "octopus"], [], "underwater", "eat"),
        ("할아버지랑 바닷가에서 모래성 쌓기", "ko", ["grandpa"], ["sandcastle"], "beach", "build"),
        ("어 그 공룡이 음 아이스크림 먹는 공룡", "ko", ["dinosaur"], ["ice_cream"], None, "eat"),
        ("토끼들이랑 달에 가기", "ko", ["rabbit"], ["moon"], "moon", "go"),
        ("치과에 가는 날", "ko", [], [], "dentist", "go"),
        ("🐙🎂", "en", ["octopus"], ["cake"], None, "find"),
    ],
)  # fmt: skip
def test_plan_reads_tricky_themes(
    theme: str, lang: str, who: list[str], things: list[str], place: str | None, wish: str
) -> None:
    plan = make_plan(theme, lang)
    assert _keys(plan.who) == who
    assert _keys(plan.things) == things
    assert (plan.place.key if plan.place else None) == place
    assert plan.activity is not None and plan.activity.key == wish


def test_unknown_nouns_are_kept_and_drawn_by_nearest_category() -> None:
    plan = make_plan("a zorblat who wants to fly to the moon", "en")
    assert plan.who[0].key == "unknown:zorblat" and plan.who[0].draw == "monster"
    assert "zorblat" in plan.unknown
    ko = make_plan("우주비행사 꾸미꾸미", "ko")
    assert "꾸미꾸미" in ko.unknown


def test_plan_words_pass_the_safety_step_again() -> None:
    plan = make_plan("a zombie cat", "en")
    assert "zombie" not in json.dumps([w.en for w in plan.who] + list(plan.unknown))


def _book(theme: str, lang: str, pages: int, seed: int = 1, hero: HeroKind = HeroKind.BOY
          ) -> tuple[StoryHeader, list[PagePlan]]:  # fmt: skip
    req = BookRequest(Hero.default(hero, lang), Theme(theme), lang, pages=pages, seed=seed,
                      bilingual=True)  # fmt: skip
    parts = list(OfflineStoryWriter().write(req, CancelToken()))
    assert isinstance(parts[0], StoryHeader)
    return parts[0], [p for p in parts[1:] if isinstance(p, PagePlan)]


@pytest.mark.parametrize("pages", [4, 6, 8, 10, 12])
def test_every_length_keeps_the_essential_beats_in_order(pages: int) -> None:
    for arc in ("quest", "make", "journey", "find", "help", "friends", "learn", "party", "night"):
        roles = page_roles(arc, pages)
        assert len(roles) == pages
        ess = [r for r in roles if r in essential_roles(arc)]
        assert ess == list(essential_roles(arc))  # cause -> effect -> resolution -> ending


@pytest.mark.parametrize(("theme", "lang", "words"), [
    ("a robot who learns to bake cookies with grandma", "en", ("robot", "cookies")),
    ("할아버지랑 바닷가에서 모래성 쌓기", "ko", ("할아버지", "모래성")),
])  # fmt: skip
@pytest.mark.parametrize("pages", [4, 12])
def test_short_and_long_books_introduce_the_friend_and_resolve_the_wish(
    theme: str, lang: str, words: tuple[str, str], pages: int
) -> None:
    _, plans = _book(theme, lang, pages)
    friend, goal = words
    first = next(i for i, p in enumerate(plans) if friend in p.text)
    assert first <= 1  # the friend is introduced at the start (page 1 may only set the scene)
    assert goal in plans[first].text  # with the wish: it is the story's problem
    solved = [i for i, p in enumerate(plans) if goal in p.text and i > first]
    assert solved, [p.text for p in plans]
    assert not any("book about" in p.text or "꿈을 꿨" in p.text for p in plans)
    assert theme not in " ".join(p.text for p in plans)  # never quoted verbatim


def test_korean_particles_follow_the_word() -> None:
    _, plans = _book("할아버지랑 바닷가에서 모래성 쌓기", "ko", 12)
    text = " ".join(p.text for p in plans)
    assert "모래성을" in text and "모래성를" not in text
    assert "바닷가에서" in text or "바닷가로" in text
    assert "할아버지와" in text or "할아버지는" in text or "할아버지를" in text


def test_same_seed_same_book_and_seeds_differ() -> None:
    a = _book("a penguin who wants to visit the desert", "en", 8, seed=1)[1]
    assert a == _book("a penguin who wants to visit the desert", "en", 8, seed=1)[1]
    texts = {tuple(p.text for p in _book("a penguin who wants to visit the desert", "en", 8, s)[1])
             for s in range(6)}  # fmt: skip
    assert len(texts) >= 3


def test_the_octopus_is_in_the_picture_plan() -> None:
    _, plans = _book("an octopus who wants a birthday cake", "en", 8)
    scenes = [p.scene for p in plans]
    assert all(isinstance(s, ScenePlan) for s in scenes)
    with_octopus = [p for p in plans if "octopus" in p.text]
    assert with_octopus
    for p in with_octopus:
        assert p.scene is not None and "octopus" in p.scene.characters, p
    assert all(p.scene and p.scene.setting == "underwater" for p in plans)


def test_scene_plans_survive_book_json_and_old_books_load_without() -> None:
    _, plans = _book("🐧❄️", "ko", 4)
    book = Book("t", "ko", Hero.default(HeroKind.CAT), Theme("🐧❄️"),
                pages=[Page.from_plan(p) for p in plans])  # fmt: skip
    again = Book.from_json(book.to_json())
    assert [p.scene for p in again.pages] == [p.scene for p in plans]
    data = json.loads(book.to_json())
    for page in data["pages"]:
        del page["scene"]
    assert all(p.scene is None for p in Book.from_dict(data).pages)


@pytest.mark.parametrize(("theme", "lang", "who"), [
    ("penguins having a picnic on the ice", "en", "penguin"),
    ("two mice who love cheese", "en", "mouse"),
    ("octopuses dancing", "en", "octopus"),
    ("펭귄들이 얼음 위에서 놀아요", "ko", "penguin"),
])  # fmt: skip
def test_plurals_name_the_singular_companion(theme: str, lang: str, who: str) -> None:
    assert make_plan(theme, lang).who[0].key == who


@pytest.mark.parametrize(("theme", "lang", "said"), [
    ("a lonely whale", "en", "lonely"),
    ("외로운 고래", "ko", "외로웠어요"),
])  # fmt: skip
def test_the_feeling_the_child_named_is_told(theme: str, lang: str, said: str) -> None:
    _, plans = _book(theme, lang, 8)
    assert any(said in p.text for p in plans), [p.text for p in plans]


def test_rain_and_night_reach_the_picture_plan() -> None:
    _, plans = _book("a lonely whale on a rainy night", "en", 6)
    assert all(p.scene and p.scene.weather == "rain" for p in plans)
    assert all(p.scene and p.scene.time == "night" for p in plans)
