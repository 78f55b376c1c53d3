"""Book dataclasses: validation, localized heroes and the versioned JSON form."""

from __future__ import annotations

import json

import pytest

from aibook_desktop.engine.book import (
    BOOK_SCHEMA_VERSION,
    Book,
    BookFormatError,
    BookRequest,
    BookStatus,
    Hero,
    HeroKind,
    Page,
    Provenance,
    Theme,
    ThemeSource,
)


def _book() -> Book:
    book = Book(
        title="키키의 달나라 여행",
        lang="ko",
        hero=Hero.default("cat", "ko"),
        theme=Theme("달나라에 가고 싶은 고양이", ThemeSource.VOICE, original_text="음 달나라"),
        page_count=2,
        seed=7,
        hero_sheet="a small orange cat with a blue scarf",
        art_style="watercolor",
        story_provenance=Provenance("offline", "arcs-v1", seed=7),
    )
    book.pages = [
        Page(
            1, "키키는 별을 보았어요.", "a cat looks at stars in space", text_alt="Kiki saw stars."
        ),
        Page(0, "키키는 달을 꿈꿨어요.", "a cat dreams of the moon in a bedroom"),
    ]
    book.pages[0].image_file = "page-02.png"
    book.pages[0].image_provenance = Provenance("sketch", "v1", seed=8, prompt="p", note="n")
    return book


def test_json_round_trip_keeps_everything() -> None:
    book = _book()
    again = Book.from_json(book.to_json())
    assert [p.index for p in again.pages] == [0, 1]  # sorted on load
    book.pages.sort(key=lambda p: p.index)
    assert again.to_dict() == book.to_dict()
    page = again.page(1)
    assert page is not None and page.image_provenance == book.pages[1].image_provenance
    assert again.theme.source is ThemeSource.VOICE
    assert again.hero == Hero(HeroKind.CAT, "고양이 키키")
    assert json.loads(book.to_json())["schema_version"] == BOOK_SCHEMA_VERSION
    assert "키키" in book.to_json()  # stored as readable UTF-8, not \\u escapes


@pytest.mark.parametrize(
    "text",
    ["", "not json", "[1, 2]", '{"schema_version": 1}', '{"title": "x"}', "PAGES_NOT_OBJECTS"],
)
def test_bad_json_raises_book_format_error(text: str) -> None:
    if text == "PAGES_NOT_OBJECTS":
        data = _book().to_dict()
        data["pages"] = ["just a string"]
        text = json.dumps(data)
    with pytest.raises(BookFormatError):
        Book.from_json(text)


def test_future_schema_is_refused_clearly() -> None:
    data = _book().to_dict()
    data["schema_version"] = BOOK_SCHEMA_VERSION + 1
    with pytest.raises(BookFormatError, match="newer"):
        Book.from_dict(data)


def test_status_and_pages() -> None:
    book = _book()
    assert book.status is BookStatus.MAKING and not book.is_complete
    assert book.page(5) is None


@pytest.mark.parametrize(
    ("kind", "lang", "name"),
    [("cat", "en", "Kiki the cat"), ("frog", "ko", "개구리 핀"), ("me", "ko", "나")],
)
def test_default_hero_names(kind: str, lang: str, name: str) -> None:
    assert Hero.default(kind, lang).name == name


def test_me_hero_uses_the_childs_name() -> None:
    assert Hero.default("me", "en", "  Sora ") == Hero(HeroKind.ME, "Sora")


@pytest.mark.parametrize(
    "changes",
    [{"lang": "fr"}, {"pages": 3}, {"pages": 13}, {"age": 2}, {"width": 10}],
)
def test_request_validation(changes: dict[str, object]) -> None:
    base: dict[str, object] = {"hero": Hero.default("cat"), "theme": Theme("moon")}
    with pytest.raises(ValueError):
        BookRequest(**{**base, **changes})  # type: ignore[arg-type]


def test_empty_theme_is_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        BookRequest(Hero.default("cat"), Theme("   "))
