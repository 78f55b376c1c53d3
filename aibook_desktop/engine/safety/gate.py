"""The last gate before a child sees, hears or a picture model draws anything a writer made.

Every backend's header and pages pass here in ``jobs.py`` (the LLM writer also checks earlier,
with the moderation endpoint and a rewrite round): serious trouble is replaced, mild words are
softened. The replacements are plain and gentle; they are rare, and a book never stops for them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..book import Hero, PagePlan, StoryHeader
from . import check_output as check_text
from . import safe_text

__all__ = ["GateReport", "gate_header", "gate_page"]

SAFE_SHEET = "a friendly storybook character with a warm smile"
SAFE_STYLE = "soft watercolor"
SAFE_SCENE = "a friendly character smiling with a friend in a sunny meadow, gentle storybook scene"


@dataclass(frozen=True)
class GateReport:
    """What the gate changed (for a Notice to the parent view); empty when nothing."""

    replaced: tuple[str, ...] = ()
    softened: tuple[str, ...] = ()


def gate_header(header: StoryHeader, lang: str, hero: Hero) -> tuple[StoryHeader, GateReport]:
    title = check_text(header.title, lang)
    sheet = check_text(header.hero_sheet, "en")
    style = check_text(header.art_style, "en")
    replaced = [n for n, r in (("title", title), ("hero_sheet", sheet), ("art_style", style))
                if r.replaced]  # fmt: skip
    softened = [n for n, r in (("title", title), ("hero_sheet", sheet), ("art_style", style))
                if not r.safe and not r.replaced]  # fmt: skip
    out = replace(
        header,
        title=hero.name if title.replaced else title.text,
        hero_sheet=SAFE_SHEET if sheet.replaced else sheet.text,
        art_style=SAFE_STYLE if style.replaced else style.text,
    )
    return out, GateReport(tuple(replaced), tuple(softened))


def gate_page(page: PagePlan, lang: str, hero: Hero) -> tuple[PagePlan, GateReport]:
    other = "en" if lang == "ko" else "ko"
    text = check_text(page.text, lang)
    scene = check_text(page.scene_prompt, "en")
    alt = check_text(page.text_alt, other) if page.text_alt else None
    parts = [("text", text), ("scene_prompt", scene)] + ([("text_alt", alt)] if alt else [])
    replaced = [n for n, r in parts if r.replaced]
    softened = [n for n, r in parts if not r.safe and not r.replaced]
    text_alt = None
    if alt is not None:
        text_alt = safe_text(other, hero.name) if alt.replaced else alt.text
    out = replace(
        page,
        text=safe_text(lang, hero.name) if text.replaced else text.text,
        scene_prompt=SAFE_SCENE if scene.replaced else scene.text,
        text_alt=text_alt,
    )
    return out, GateReport(tuple(replaced), tuple(softened))
