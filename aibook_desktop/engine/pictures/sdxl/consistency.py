"""How alike the hero looks across a book's pages: CLIP image-embedding cosine similarity.

Each page (or a crop of it where the hero stands) is embedded with a CLIP vision tower; the
score is the mean pairwise cosine similarity. With real weights (e.g.
openai/clip-vit-large-patch14) it separates "the same fox on every page" from "a different
animal each time"; with random weights it only proves the arithmetic, which is what the tests do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PIL import Image

__all__ = ["ConsistencyReport", "HeroConsistency", "crop_fraction"]

Box = tuple[float, float, float, float]  # left, top, right, bottom as fractions of the page


@dataclass(frozen=True)
class ConsistencyReport:
    pages: int
    mean: float  # mean pairwise cosine similarity (1.0: identical embeddings)
    minimum: float  # the least alike pair: the page most likely to have "lost" the hero
    least_alike: tuple[int, int]
    matrix: tuple[tuple[float, ...], ...]  # pairwise cosine similarities, symmetric


def crop_fraction(image: Image.Image, box: Box) -> Image.Image:
    w, h = image.size
    left, top, right, bottom = box
    return image.crop((int(left * w), int(top * h), int(right * w), int(bottom * h)))


class HeroConsistency:
    """Scores a list of page pictures with a ``CLIPVisionModelWithProjection``."""

    def __init__(self, model: Any, processor: Any) -> None:
        self.model = model.eval()
        self.processor = processor

    @classmethod
    def from_pretrained(cls, source: str, *, allow_download: bool = False) -> HeroConsistency:
        from transformers import CLIPImageProcessor, CLIPVisionModelWithProjection

        local = not allow_download
        model = CLIPVisionModelWithProjection.from_pretrained(source, local_files_only=local)
        processor = CLIPImageProcessor.from_pretrained(source, local_files_only=local)
        return cls(model, processor)

    def embed(self, images: Sequence[Image.Image]) -> Any:
        """Unit-length image embeddings, one row per image."""
        import torch

        pixels = self.processor(images=[i.convert("RGB") for i in images], return_tensors="pt")
        with torch.no_grad():
            out = self.model(pixel_values=pixels.pixel_values.to(self.model.dtype))
        embeds = out.image_embeds.float()
        return embeds / embeds.norm(dim=-1, keepdim=True).clamp_min(1e-12)

    def score(self, images: Sequence[Image.Image], box: Box | None = None) -> ConsistencyReport:
        """Pairwise similarity of the pages (or of ``box`` on each page, e.g. the hero's spot)."""
        if len(images) < 2:
            raise ValueError("consistency needs at least two pages")
        if box is not None:
            images = [crop_fraction(i, box) for i in images]
        embeds = self.embed(images)
        sims = (embeds @ embeds.T).clamp(-1.0, 1.0)
        n = len(images)
        pairs = [(sims[i, j].item(), (i, j)) for i in range(n) for j in range(i + 1, n)]
        low, least = min(pairs)
        matrix = tuple(tuple(round(float(v), 6) for v in row) for row in sims.tolist())
        mean = sum(v for v, _ in pairs) / len(pairs)
        return ConsistencyReport(n, mean, low, least, matrix)
