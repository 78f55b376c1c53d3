"""Builds the chat messages from the templates in ``resources/prompts/<lang>/``.

Templates are filled in one pass (``string.Template``), so nothing a child says is ever read
as a placeholder, and the theme is fenced inside ``<theme>`` with its angle brackets neutralised,
so it can never close the fence and pose as instructions.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from string import Template
from typing import Any

from ...book import SCENE_SETTINGS, BookRequest, HeroKind
from ...resources import resource_path
from ..offline.arcs import ART_STYLES
from ..offline.words import page_length_bounds

__all__ = [
    "Message",
    "continue_message",
    "fence_theme",
    "other_language",
    "repair_message",
    "rewrite_messages",
    "story_messages",
    "template",
]

Message = dict[str, str]
MAX_THEME_CHARS = 300

_LANGUAGE_NAMES = {"ko": {"ko": "한국어", "en": "영어"}, "en": {"ko": "Korean", "en": "English"}}
_UNITS = {"ko": "글자(띄어쓰기 제외)", "en": "words"}
_KINDS: dict[str, dict[HeroKind, str]] = {
    "en": {
        HeroKind.BOY: "a little boy", HeroKind.GIRL: "a little girl", HeroKind.CAT: "a cat",
        HeroKind.FROG: "a frog", HeroKind.PRINCESS: "a princess",
        HeroKind.SUPERHERO: "a kind superhero", HeroKind.DINOSAUR: "a friendly dinosaur",
        HeroKind.ROBOT: "a little robot", HeroKind.ME: "the child who reads the book",
    },
    "ko": {
        HeroKind.BOY: "남자아이", HeroKind.GIRL: "여자아이", HeroKind.CAT: "고양이",
        HeroKind.FROG: "개구리", HeroKind.PRINCESS: "공주", HeroKind.SUPERHERO: "착한 슈퍼히어로",
        HeroKind.DINOSAUR: "다정한 공룡", HeroKind.ROBOT: "작은 로봇",
        HeroKind.ME: "책을 읽는 아이",
    },
}  # fmt: skip
_BILINGUAL = {
    "en": '- This is a bilingual book: every page also has "text_alt", the same page in {other}, '
    "about as long and under the same rules.\n",
    "ko": '- 두 언어 책입니다: 쪽마다 "text_alt"에 같은 내용을 {other}로도 씁니다. 길이와 규칙은 '
    "같습니다.\n",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@functools.cache
def template(lang: str, name: str) -> Template:
    text = resource_path("prompts", lang, f"{name}.txt").read_text(encoding="utf-8")
    return Template(text)


def other_language(lang: str) -> str:
    return "en" if lang == "ko" else "ko"


def fence_theme(theme: str) -> str:
    """The child's words, safe to put between ``<theme>`` tags: no brackets, no control
    characters, one line, at most 300 characters."""
    text = unicodedata.normalize("NFC", theme)
    text = _CONTROL.sub(" ", text).replace("<", "‹").replace(">", "›")
    text = " ".join(text.split())
    return text[:MAX_THEME_CHARS]


def _values(request: BookRequest) -> dict[str, Any]:
    lang = request.lang
    lo, hi = page_length_bounds(lang, request.age)
    other = _LANGUAGE_NAMES[lang][other_language(lang)]
    bilingual = request.bilingual
    return {
        "pages": request.pages,
        "age": request.age,
        "lo": lo,
        "hi": hi,
        "unit": _UNITS[lang],
        "language": _LANGUAGE_NAMES[lang][lang],
        "hero_name": request.hero.name,
        "hero_kind": _KINDS[lang][request.hero.kind],
        "styles": ", ".join(f'"{s}"' for s in ART_STYLES),
        "settings": ", ".join(SCENE_SETTINGS),
        "bilingual_rule": _BILINGUAL[lang].format(other=other) if bilingual else "",
        "alt_key": ', "text_alt"' if bilingual else "",
        "alt_json": ', "text_alt": "..."' if bilingual else "",
    }


def _shape(request: BookRequest) -> str:
    page: dict[str, str] = {"text": "..."}
    if request.bilingual:
        page["text_alt"] = "..."
    page["scene_prompt"] = "(Subject) ... (Action) ... (Context) ... (Environment) ..."
    shape = {"title": "...", "hero_sheet": "...", "art_style": "...", "pages": [page, "..."]}
    return json.dumps(shape, ensure_ascii=False) + f"  ({request.pages} pages)"


def story_messages(request: BookRequest, structured: bool) -> list[Message]:
    """System rules + the delimited request; ``structured=False`` spells the JSON shape out."""
    values = _values(request)
    system = template(request.lang, "system").substitute(values)
    if not structured:
        system += template(request.lang, "json_format").substitute(shape=_shape(request))
    user = template(request.lang, "user").substitute(values, theme=fence_theme(request.theme.text))
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def continue_message(request: BookRequest, so_far: dict[str, Any], first: int) -> Message:
    """Ask for pages ``first``.. (0-based) of a story whose start is ``so_far``."""
    values = _values(request)
    text = template(request.lang, "continue").substitute(
        values,
        so_far=json.dumps(so_far, ensure_ascii=False),
        first=first + 1,
        last=request.pages,
        count=request.pages - first,
    )
    return {"role": "user", "content": text}


def rewrite_messages(
    request: BookRequest, title: str, index: int, text: str, problem: str
) -> list[Message]:
    values = _values(request)
    system = template(request.lang, "system").substitute(values)
    user = template(request.lang, "rewrite").substitute(
        values, title=fence_theme(title), number=index + 1, text=text, problem=problem
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def repair_message(lang: str, error: str) -> Message:
    return {"role": "user", "content": template(lang, "repair").substitute(error=error[:500])}
