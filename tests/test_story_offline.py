"""The first offline storyteller (ArcStoryWriter, the bench baseline): arcs, lengths, particles."""

from __future__ import annotations

import dataclasses
import re

import pytest

from aibook_desktop.engine import story
from aibook_desktop.engine.book import (
    SCENE_SETTINGS,
    BookRequest,
    Hero,
    HeroKind,
    PagePlan,
    StoryHeader,
    Theme,
)
from aibook_desktop.engine.cancel import Cancelled, CancelToken
from aibook_desktop.engine.story.offline.arcs import HERO_SHEETS, choose_arc, load_arcs
from aibook_desktop.engine.story.offline.writer import ArcStoryWriter as OfflineStoryWriter
from aibook_desktop.engine.story.offline.writer import (
    StoryWriter,
    attach_josa,
    clean_theme,
    korean_name,
    page_length,
    page_length_bounds,
)

HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
STYLES = ("watercolor", "oil pastel", "colored pencil", "crayon", "gouache", "paper cutout")
AGES = (3, 4, 5, 6, 7, 8, 10)

# One theme per arc, as a child might say it, in each language.
ARC_THEMES = {
    "space": ("umm 달나라 가는 고양이", "a cat who wants to fly to the moon"),
    "lost_friend": ("잃어버린 강아지", "a lost puppy"),
    "birthday": ("즐거운 생일 파티", "a happy birthday party"),
    "underwater": ("바닷속 모험", "an adventure under the sea"),
    "first_day": ("유치원 첫날", "my first day at school"),
    "snow": ("눈 오는 날 눈놀이", "playing in the snow"),
    "garden": ("마법 꽃밭", "a magic garden"),
    "castle": ("마법의 성에 놀러 가기", "a visit to a magic castle"),
    "rainy": ("비 오는 날 웅덩이", "a rainy day with puddles"),
    "night": ("공룡과 친구가 되는 이야기", "making friends with a dinosaur"),
    "robot": ("로봇 친구 만들기", "building a robot friend"),
    "picnic": ("숲속으로 소풍 가기", "a picnic in the forest"),
}


def write(
    theme: str,
    lang: str = "ko",
    hero: Hero | None = None,
    pages: int = 8,
    age: int = 7,
    seed: int = 42,
    bilingual: bool = True,
) -> tuple[StoryHeader, list[PagePlan]]:
    hero = hero or Hero.default(HeroKind.CAT, lang)
    request = BookRequest(hero, Theme(theme), lang, pages, age, seed, bilingual=bilingual)
    parts = list(OfflineStoryWriter().write(request, CancelToken()))
    header, pages_ = parts[0], parts[1:]
    assert isinstance(header, StoryHeader)
    assert all(isinstance(p, PagePlan) for p in pages_)
    return header, pages_  # type: ignore[return-value]


def test_conforms_to_the_story_writer_protocol() -> None:
    writer = OfflineStoryWriter()
    assert isinstance(writer, StoryWriter)
    assert StoryWriter is story.StoryWriter
    assert "StoryWriter" in story.__all__
    assert writer.name == "offline-arcs"


def test_header_comes_first_then_pages_in_order() -> None:
    request = BookRequest(Hero.default("cat", "en"), Theme("the moon"), "en", pages=6, seed=9)
    parts = list(OfflineStoryWriter().write(request, CancelToken()))
    assert isinstance(parts[0], StoryHeader)
    assert [p.index for p in parts[1:] if isinstance(p, PagePlan)] == list(range(6))
    assert len(parts) == 7
    header = parts[0]
    prov = header.provenance
    assert (prov.backend, prov.model, prov.seed, prov.ai_generated) == (
        "offline-arcs",
        "aibook-offline-arcs-v1",
        9,
        False,
    )
    assert header.art_style.split(",")[0] in STYLES
    assert header.art_style.endswith(", warm sunlight, cute storybook illustration, vibrant")


@pytest.mark.parametrize("kind", list(HeroKind))
def test_hero_sheet_is_one_fixed_english_sheet_per_kind(kind: HeroKind) -> None:
    sheets = {write("달", "ko", Hero.default(kind, "ko"), seed=s)[0].hero_sheet for s in (1, 2)}
    sheets |= {write("moon", "en", Hero.default(kind, "en"))[0].hero_sheet}
    assert sheets == {HERO_SHEETS[kind]}
    assert not HANGUL.search(HERO_SHEETS[kind])
    assert not any(re.search(rf"{w}", HERO_SHEETS[kind]) for w in SCENE_SETTINGS)


def test_all_styles_are_used_across_seeds() -> None:
    styles = {write("moon", "en", seed=s)[0].art_style.split(",")[0] for s in range(40)}
    assert styles == set(STYLES)


def test_at_least_twelve_arcs_are_reachable_by_keyword_and_by_seed() -> None:
    arcs = {a.id for a in load_arcs()}
    assert len(arcs) >= 12
    assert set(ARC_THEMES) == arcs
    for arc_id, (ko, en) in ARC_THEMES.items():
        assert choose_arc(clean_theme(ko), 0).arc.id == arc_id, ko
        assert choose_arc(clean_theme(en), 0).arc.id == arc_id, en
    by_seed = {choose_arc("고양이", seed).arc.id for seed in range(300)}
    assert by_seed == arcs


@pytest.mark.parametrize(
    ("theme", "arc_id"),
    [
        ("moon", "space"),
        ("a rocket to the stars", "space"),
        ("우주", "space"),
        ("달에 가고 싶어", "space"),
        ("물고기", "underwater"),
        ("the sea", "underwater"),
        ("dinosaurs", "night"),
        ("공룡", "night"),
        ("눈사람", "snow"),
        ("snow", "snow"),
        ("생일", "birthday"),
        ("공주님의 성", "castle"),
        ("castle", "castle"),
        ("a dancing robot", "robot"),
    ],
)
def test_theme_keywords_choose_the_arc(theme: str, arc_id: str) -> None:
    assert choose_arc(clean_theme(theme), 5).arc.id == arc_id


def test_text_alt_only_for_bilingual_books() -> None:
    assert all(p.text_alt is None for p in write("moon", "en", bilingual=False)[1])
    assert all(p.text_alt for p in write("moon", "en", bilingual=True)[1])


@pytest.mark.parametrize(
    ("theme", "lang", "kind", "says", "not_says"),
    [
        ("a cat who wants to fly to the moon", "en", "cat", "the moon", "a cat who wants"),
        ("달나라에 가고 싶은 고양이", "ko", "cat", "달", "싶은 고양이"),
        ("a frog who wants to fly to the moon", "en", "cat", "a frog who wants", None),
    ],
)
def test_a_theme_naming_the_hero_is_not_repeated_as_a_second_hero(
    theme: str, lang: str, kind: str, says: str, not_says: str | None
) -> None:
    text = write(theme, lang, Hero.default(kind, lang))[1][0].text
    assert says in text
    assert not_says is None or not_says not in text


def test_moon_theme_tells_the_moon_trip() -> None:
    assert write("a cat who wants to fly to the moon", "en")[0].title == "Kiki and the Moon Trip"
    assert write("umm 달나라 가는 고양이", "ko")[0].title == "키키의 달나라 여행"


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("arc_id", sorted(ARC_THEMES))
def test_every_page_fits_its_age_band_and_no_page_repeats(arc_id: str, lang: str) -> None:
    theme = ARC_THEMES[arc_id][0 if lang == "ko" else 1]
    other = "en" if lang == "ko" else "ko"
    named = Hero(HeroKind.ME, "김도윤" if lang == "ko" else "Mia")
    for hero in (Hero.default(HeroKind.CAT, lang), Hero.default(HeroKind.SUPERHERO, lang), named):
        for age in AGES:
            lo, hi = page_length_bounds(lang, age)
            alt_lo, alt_hi = page_length_bounds(other, age)
            for pages in range(4, 13):
                _, plans = write(theme, lang, hero, pages, age, seed=pages)
                assert len(plans) == pages
                texts = [p.text for p in plans]
                assert len(set(texts)) == pages, texts
                for p in plans:
                    assert lo <= page_length(p.text, lang) <= hi, (age, p.text)
                    if hero is not named:  # the other language only knows default names
                        assert p.text_alt is not None
                        assert alt_lo <= page_length(p.text_alt, other) <= alt_hi, p.text_alt


def test_older_children_get_longer_pages() -> None:
    for lang in ("ko", "en"):
        young = sum(page_length(p.text, lang) for p in write("moon", lang, age=3)[1])
        old = sum(page_length(p.text, lang) for p in write("moon", lang, age=9)[1])
        assert old > young * 1.4


@pytest.mark.parametrize(("lang", "age", "bounds"), [
    ("ko", 3, (6, 18)), ("ko", 4, (6, 18)), ("ko", 5, (8, 22)), ("ko", 6, (8, 22)),
    ("ko", 7, (10, 25)), ("ko", 8, (15, 40)), ("ko", 10, (15, 40)),
    ("en", 3, (3, 10)), ("en", 6, (5, 14)), ("en", 7, (6, 18)), ("en", 9, (8, 28)),
])  # fmt: skip
def test_page_length_bounds(lang: str, age: int, bounds: tuple[int, int]) -> None:
    assert page_length_bounds(lang, age) == bounds


def test_page_length_units_and_bad_input() -> None:
    assert page_length("키키는 달을 봤어요.", "ko") == 9
    assert page_length("Kiki saw the moon — wow!", "en") == 5
    with pytest.raises(ValueError):
        page_length_bounds("fr", 7)
    with pytest.raises(ValueError):
        page_length_bounds("ko", 11)


@pytest.mark.parametrize(
    ("word", "particle", "expected"),
    [
        ("키키", "는", "키키는"), ("키키", "은", "키키는"), ("도윤", "는", "도윤은"),
        ("키키", "이", "키키가"), ("곰", "가", "곰이"), ("달", "를", "달을"), ("바다", "을", "바다를"),
        ("곰", "와", "곰과"), ("키키", "과", "키키와"), ("준", "야", "준아"), ("아라", "아", "아라야"),
        ("곰", "랑", "곰이랑"), ("키키", "이랑", "키키랑"), ("달", "로", "달로"), ("집", "로", "집으로"),
        ("바다", "으로", "바다로"), ("Sam", "은", "Sam은"), ("Mia", "은", "Mia는"),
        ("3", "이", "3이"), ("2", "이", "2가"), ("키키", "의", "키키의"),
    ],
)  # fmt: skip
def test_attach_josa(word: str, particle: str, expected: str) -> None:
    assert attach_josa(word, particle) == expected


def test_korean_names_take_the_friendly_i() -> None:
    full, short = korean_name("도윤")
    assert (short.say("는"), short.say("가"), short.say("를"), short.say("아")) == (
        "도윤이는",
        "도윤이가",
        "도윤이를",
        "도윤아",
    )
    full, short = korean_name("고양이 키키")
    assert (full.say("는"), short.say("는"), short.say("아")) == (
        "고양이 키키는",
        "키키는",
        "키키야",
    )
    full, short = korean_name("김도윤")
    assert (full.say("은"), short.say("는")) == ("김도윤은", "도윤이는")
    assert korean_name("번개맨 준")[1].say("가") == "준이가"


@pytest.mark.parametrize(
    ("name", "good", "bad"),
    [
        ("키키", "키키", ("키키은", "키키이 ", "키키을", "키키과", "키키이랑")),
        ("도윤", "도윤이", ("도윤는", "도윤가", "도윤를", "도윤와", "도윤은", "도윤랑")),
        ("하린", "하린이", ("하린는", "하린가", "하린를", "하린와", "하린은")),
    ],
)
def test_stories_use_the_right_particles_after_names(
    name: str, good: str, bad: tuple[str, ...]
) -> None:
    for arc_id, (ko, _) in ARC_THEMES.items():
        header, plans = write(ko, "ko", Hero(HeroKind.ME, name), pages=12, age=9)
        text = " ".join([header.title] + [p.text for p in plans])
        assert good in text, arc_id
        assert not any(b in text for b in bad), (arc_id, text)


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("kind", list(HeroKind))
def test_the_hero_is_named_in_title_and_pages(lang: str, kind: HeroKind) -> None:
    hero = Hero.default(kind, lang, child_name="Mia" if lang == "en" else "하린")
    header, plans = write("a picnic" if lang == "en" else "소풍", lang, hero, pages=8)
    short = {"ko": {"고양이 키키": "키키", "하린": "하린"}, "en": {"Kiki the cat": "Kiki"}}
    key = short[lang].get(hero.name, hero.name.split()[-1] if lang == "ko" else hero.name)
    if lang == "en" and " the " in hero.name:
        key = hero.name.split(" the ")[0]
    assert key in header.title
    assert hero.name in plans[0].text or key in plans[0].text
    assert sum(key in p.text for p in plans) >= 3


def test_theme_words_are_woven_in() -> None:
    _, plans = write("umm 달나라 가는 토끼", "ko", age=7)
    assert "달나라 가는 토끼" in plans[0].text
    _, plans = write("umm 달나라 가는 토끼", "ko", age=3)
    assert "달나라" in plans[0].text
    _, plans = write("uh, a bunny who wants to fly to the moon", "en", age=8)
    assert "a bunny who wants to fly to the moon" in plans[0].text
    _, plans = write("uh, a bunny who wants to fly to the moon", "en", age=3)
    assert "the moon" in plans[0].text
    me_ko, me_en = Hero(HeroKind.ME, "소라"), Hero(HeroKind.ME, "Sora")  # names no kind word
    for arc_id, (ko, en) in ARC_THEMES.items():
        story = " ".join(p.text for p in write(ko, hero=me_ko, age=8)[1])
        assert clean_theme(ko).split()[-1] in story, ko
        assert clean_theme(en) in write(en, "en", me_en, age=8)[1][0].text, arc_id


def test_a_theme_is_data_not_a_template() -> None:
    _, plans = write("{N} {f|는} ignore the story and say {T}", "en", age=9)
    assert not any("{" in p.text or "}" in p.text for p in plans)
    assert "Kiki" in plans[0].text


@pytest.mark.parametrize(
    ("spoken", "clean"),
    [
        ("umm 달나라 가는 고양이", "달나라 가는 고양이"),
        ("음... 어 그 공룡 이야기 해줘", "공룡"),
        ("Umm, like, I want a story about dinosaurs please", "dinosaurs"),
        ("uh a cat who wants to fly to the moon", "a cat who wants to fly to the moon"),
        ("uhh I want to fly to the moon", "flying to the moon"),
        ("a cat like me", "a cat like me"),
        ("어어 바다에서 고래랑 놀고 싶어", "바다에서 고래랑 놀기"),
        ("음 생일파티 해줘요", "생일파티"),
        ("공룡과 친구가 되는 이야기", "공룡과 친구가 되는 이야기"),
    ],
)
def test_fillers_are_stripped_from_spoken_themes(spoken: str, clean: str) -> None:
    assert clean_theme(spoken) == clean


def test_a_theme_of_only_fillers_still_makes_a_book() -> None:
    header, plans = write("음... 어...", "ko", pages=4, age=3)
    assert header.title and len(plans) == 4
    assert all(6 <= page_length(p.text, "ko") <= 18 for p in plans)


def test_same_input_same_story_and_seeds_vary() -> None:
    def run(seed: int) -> list[object]:
        header, plans = write("고양이", "ko", seed=seed)
        prov = dataclasses.replace(header.provenance, created_at="")
        return [dataclasses.replace(header, provenance=prov), *plans]

    assert run(7) == run(7)
    assert len({repr(run(s)) for s in range(8)}) > 4


def test_scene_prompts_are_english_nameless_and_set_in_one_place() -> None:
    names = {"Kiki", "Finn", "Leo", "Mia", "Ara", "Zoom", "Toto", "Beep", "Little One", "Captain"}
    form = re.compile(r"^\(Subject\) .+ \(Action\) .+ \(Context\) .+ \(Environment\) .+$")
    for arc_id, (ko, en) in ARC_THEMES.items():
        for kind in HeroKind:
            for lang, theme in (("ko", ko), ("en", en)):
                for seed in (1, 2):
                    _, plans = write(theme, lang, Hero.default(kind, lang), pages=12, seed=seed)
                    for p in plans:
                        prompt = p.scene_prompt
                        assert form.match(prompt), prompt
                        assert not HANGUL.search(prompt), prompt
                        assert not any(n in prompt for n in names), prompt
                        words = re.sub(r"\((Subject|Action|Context|Environment)\)", "", prompt)
                        assert words == words.lower(), f"capitalised (a name?): {prompt}"
                        hits = [s for s in SCENE_SETTINGS for _ in re.finditer(rf"\b{s}\b", prompt)]
                        assert len(hits) == 1, (arc_id, prompt)
                        # and no setting word hides inside another word ("searching" -> sea)
                        assert sum(prompt.count(s) for s in SCENE_SETTINGS) == 1, prompt


def test_cancel_stops_the_stream_mid_way() -> None:
    token = CancelToken()
    request = BookRequest(Hero.default("frog", "en"), Theme("snow"), "en", pages=8)
    stream = OfflineStoryWriter().write(request, token)
    assert isinstance(next(stream), StoryHeader)
    assert next(stream).index == 0  # type: ignore[union-attr]
    token.cancel()
    with pytest.raises(Cancelled):
        next(stream)


def test_cancel_before_start_yields_nothing() -> None:
    token = CancelToken()
    token.cancel()
    request = BookRequest(Hero.default("frog", "ko"), Theme("눈"), "ko")
    with pytest.raises(Cancelled):
        next(iter(OfflineStoryWriter().write(request, token)))


def test_unnamed_me_gets_a_friendly_name() -> None:
    header, plans = write("달", "ko", Hero.default(HeroKind.ME, "ko"))
    assert "콩이" in header.title and not plans[0].text.startswith("나")
    header, _ = write("moon", "en", Hero.default(HeroKind.ME, "en"))
    assert header.title == "Little One and the Moon Trip"
