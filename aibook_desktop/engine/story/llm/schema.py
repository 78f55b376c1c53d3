"""The story plan's schema: pydantic models for validation, strict JSON schemas for the server.

The JSON schemas are written out by hand (not derived from the pydantic models) because strict
structured output wants every property required, no extra properties, and the property order
we stream in: title, hero_sheet and art_style come first so the book can start before page 1.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "PAGES_FORMAT_NAME",
    "PAGE_FORMAT_NAME",
    "PLAN_FORMAT_NAME",
    "PlanPageModel",
    "RewriteModel",
    "StoryPlanModel",
    "page_schema",
    "pages_response_format",
    "plan_response_format",
    "plan_schema",
    "rewrite_response_format",
]

PLAN_FORMAT_NAME = "story_plan"
PAGES_FORMAT_NAME = "story_pages"
PAGE_FORMAT_NAME = "page_rewrite"


class PlanPageModel(BaseModel):
    """One page as the model writes it (extra keys a lenient server adds are ignored)."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    text: str = Field(min_length=1)
    text_alt: str | None = None
    scene_prompt: str = Field(min_length=1)


class StoryPlanModel(BaseModel):
    """The whole reply of the one story call."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    title: str = Field(min_length=1)
    hero_sheet: str = Field(min_length=1)
    art_style: str = Field(min_length=1)
    pages: list[PlanPageModel]


class RewriteModel(BaseModel):
    """The reply of a one-page rewrite (too long, too short or not gentle enough)."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    text: str = Field(min_length=1)
    text_alt: str | None = None


def _string(description: str) -> dict[str, Any]:
    return {"type": "string", "description": description}


def page_schema(bilingual: bool) -> dict[str, Any]:
    props: dict[str, Any] = {"text": _string("the page text in the book's language")}
    if bilingual:
        props["text_alt"] = _string("the same page in the other language")
    props["scene_prompt"] = _string(
        "English picture prompt: (Subject) ... (Action) ... (Context) ... (Environment) ...; "
        "no proper names"
    )
    return {
        "type": "object",
        "properties": props,
        "required": list(props),
        "additionalProperties": False,
    }


def _pages_array(count: int, bilingual: bool) -> dict[str, Any]:
    return {
        "type": "array",
        "items": page_schema(bilingual),
        "minItems": count,
        "maxItems": count,
    }


def plan_schema(pages: int, bilingual: bool) -> dict[str, Any]:
    props = {
        "title": _string("the book's title in the book's language"),
        "hero_sheet": _string(
            "English: how the hero looks (species or person, colours, clothes, one item)"
        ),
        "art_style": _string("English: one illustration style for every page"),
        "pages": _pages_array(pages, bilingual),
    }
    return {
        "type": "object",
        "properties": props,
        "required": list(props),
        "additionalProperties": False,
    }


def _format(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"type": "json_schema", "json_schema": {"name": name, "strict": True, "schema": schema}}


def plan_response_format(pages: int, bilingual: bool) -> dict[str, Any]:
    return _format(PLAN_FORMAT_NAME, plan_schema(pages, bilingual))


def pages_response_format(count: int, bilingual: bool) -> dict[str, Any]:
    """For continuing a story that broke off: only the pages still missing."""
    schema = {
        "type": "object",
        "properties": {"pages": _pages_array(count, bilingual)},
        "required": ["pages"],
        "additionalProperties": False,
    }
    return _format(PAGES_FORMAT_NAME, schema)


def rewrite_response_format(bilingual: bool) -> dict[str, Any]:
    props: dict[str, Any] = {"text": _string("the new page text")}
    if bilingual:
        props["text_alt"] = _string("the same page in the other language")
    schema = {
        "type": "object",
        "properties": props,
        "required": list(props),
        "additionalProperties": False,
    }
    return _format(PAGE_FORMAT_NAME, schema)
