"""What every diffusion backend sends for a page: the prompt and the child-safe negative."""

from __future__ import annotations

from . import PictureRequest

__all__ = ["CHILD_SAFE_NEGATIVE", "build_prompt"]

# What a picture for a 3-8 year old must never show, plus the usual quality terms.
CHILD_SAFE_NEGATIVE = (
    "nsfw, nudity, underwear, sexy, violence, blood, gore, injury, weapon, gun, knife, "
    "horror, scary, creepy, monster teeth, skull, death, fire danger, smoking, alcohol, "
    "text, letters, watermark, signature, deformed, extra limbs, bad anatomy, blurry, lowres"
)


def build_prompt(request: PictureRequest) -> str:
    """Hero sheet first: CLIP reads 77 tokens, and the hero must never be the part cut off."""
    parts = [request.hero_sheet, request.scene_prompt, request.art_style]
    parts.append("children's picture book illustration, wholesome, friendly")
    return ", ".join(p.strip().rstrip(".") for p in parts if p and p.strip())
