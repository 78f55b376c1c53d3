"""The incremental JSON reader and the plan schema (no server needed)."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from fake_openai import make_plan

from aibook_desktop.engine.story.llm.jsonstream import Completed, JSONStream, JSONStreamError
from aibook_desktop.engine.story.llm.schema import (
    PlanPageModel,
    StoryPlanModel,
    pages_response_format,
    plan_response_format,
    plan_schema,
    rewrite_response_format,
)

DOCS: list[Any] = [
    make_plan("ko", 8),
    make_plan("en", 5, bilingual=True),
    {"a": [], "b": {}, "c": [[], {}], "d": [1, -2.5e3, 0.0, True, False, None]},
    {"esc": 'q"uo}te] \\ back\\slash \n nl \t tab \u00e9 \ud83d\ude00 {[,:', "x": "}"},
    {"nested": [{"deep": [{"deeper": [1, {"k": "v"}]}]}, "s"], "n": 12345678901234567890},
    [{"top": "level array"}, 3, "str", [1, [2, [3]]]],
    {"": "", " ": [" "], "한": '글 {"}'},
]


def _expected(value: Any, path: tuple[Any, ...] = (), depth: int = 2) -> list[Completed]:
    """Post-order walk: a child completes before its parent closes."""
    out: list[Completed] = []
    if isinstance(value, dict):
        for k, v in value.items():
            out += _expected(v, (*path, k), depth)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _expected(v, (*path, i), depth)
    if 0 < len(path) <= depth:
        out.append(Completed(path, value))
    return out


def _feed(text: str, sizes: list[int]) -> tuple[list[Completed], Any]:
    stream, out, pos, k = JSONStream(), [], 0, 0
    while pos < len(text):
        size = sizes[k % len(sizes)]
        out += stream.feed(text[pos : pos + size])
        pos, k = pos + size, k + 1
    return out, stream.close()


@pytest.mark.parametrize("doc", DOCS)
@pytest.mark.parametrize("indent", [None, 2])
def test_every_chunking_gives_what_json_loads_gives(doc: Any, indent: int | None) -> None:
    text = json.dumps(doc, ensure_ascii=False, indent=indent)
    rng = random.Random(7)
    chunkings = [[1], [2], [3], [7], [len(text)]] + [
        [rng.randint(1, 12) for _ in range(20)] for _ in range(5)
    ]
    for sizes in chunkings:
        completed, whole = _feed(text, sizes)
        assert whole == doc
        assert completed == _expected(doc), sizes


def test_a_page_is_handed_over_on_its_closing_brace_not_later() -> None:
    text = json.dumps(make_plan("ko", 4), ensure_ascii=False)
    first_page_end = text.index("}") + 1  # the first "}" closes page 1
    stream = JSONStream()
    seen: list[tuple[int, tuple[Any, ...]]] = []
    for i, ch in enumerate(text):
        seen += [(i, c.path) for c in stream.feed(ch)]
    assert (first_page_end - 1, ("pages", 0)) in seen
    paths = [p for _, p in seen]
    assert paths[:3] == [("title",), ("hero_sheet",), ("art_style",)]
    assert paths.index(("pages", 0)) < paths.index(("pages", 1)) < paths.index(("pages",))


def test_chatter_and_code_fences_around_the_json_are_skipped() -> None:
    doc = make_plan("en", 4)
    text = "Sure! Here is your story:\n```json\n" + json.dumps(doc) + "\n```\nEnjoy!"
    completed, whole = _feed(text, [5])
    assert whole == doc
    assert [c.path for c in completed][:3] == [("title",), ("hero_sheet",), ("art_style",)]


def test_raw_newlines_inside_strings_are_tolerated() -> None:
    stream = JSONStream()
    stream.feed('{"title": "line one\nline two", "pages": []}')
    assert stream.close() == {"title": "line one\nline two", "pages": []}


@pytest.mark.parametrize(
    "text",
    [
        '{"a" 1}',
        '{"a": tru}',
        '{"a": 1,, "b": 2}',
        "[1 2]",
        '{"a": "bad \\q escape"}',
        '{"a": 1.2.3}',
        "{'single': 1}",
        '{"a": 1]',
        '{"a": [1}',
        '{1: "x"}',
    ],
)
def test_broken_json_is_an_error(text: str) -> None:
    stream = JSONStream()
    with pytest.raises(JSONStreamError):
        stream.feed(text)
        stream.close()


@pytest.mark.parametrize("cut", [1, 10, 40, -2, -1])
def test_truncated_json_is_an_error_at_close_but_keeps_what_was_whole(cut: int) -> None:
    text = json.dumps(make_plan("ko", 4), ensure_ascii=False)
    stream = JSONStream()
    completed = stream.feed(text[:cut])
    assert not stream.done
    with pytest.raises(JSONStreamError, match="ended early"):
        stream.close()
    if cut == -2:  # only the last "]}" is missing: every page arrived
        assert [c.path for c in completed if c.path[0] == "pages"] == [
            ("pages", i) for i in range(4)
        ]


def test_text_after_the_top_value_is_ignored() -> None:
    stream = JSONStream()
    stream.feed('{"a": 1} and then {"b": 2}')
    assert stream.done and stream.close() == {"a": 1}


# ---- the schema ---------------------------------------------------------------------------------
@pytest.mark.parametrize("bilingual", [False, True])
def test_schema_round_trip(bilingual: bool) -> None:
    plan = make_plan("ko", 6, bilingual=bilingual)
    model = StoryPlanModel.model_validate_json(json.dumps(plan, ensure_ascii=False))
    assert model.model_dump(exclude_none=True) == plan
    assert StoryPlanModel.model_validate_json(model.model_dump_json()) == model
    schema = plan_schema(6, bilingual)
    assert list(schema["properties"]) == ["title", "hero_sheet", "art_style", "pages"]
    assert schema["required"] == list(schema["properties"])
    pages = schema["properties"]["pages"]
    assert pages["minItems"] == pages["maxItems"] == 6
    page = pages["items"]
    assert page["additionalProperties"] is False and page["required"] == list(page["properties"])
    assert ("text_alt" in page["properties"]) is bilingual
    # every key the server is told to send is one the pydantic model reads
    assert set(schema["properties"]) == set(StoryPlanModel.model_fields)
    assert set(page["properties"]) <= set(PlanPageModel.model_fields)


def test_response_formats_are_strict_json_schemas() -> None:
    for fmt, name in [
        (plan_response_format(8, False), "story_plan"),
        (pages_response_format(3, True), "story_pages"),
        (rewrite_response_format(True), "page_rewrite"),
    ]:
        assert fmt["type"] == "json_schema"
        assert fmt["json_schema"]["name"] == name and fmt["json_schema"]["strict"] is True
        assert fmt["json_schema"]["schema"]["additionalProperties"] is False


def test_schema_rejects_what_a_book_cannot_use() -> None:
    plan = make_plan("en", 4)
    plan["pages"][1]["scene_prompt"] = ""
    with pytest.raises(ValueError):
        StoryPlanModel.model_validate(plan)
    with pytest.raises(ValueError):
        StoryPlanModel.model_validate({"title": "x", "pages": []})
