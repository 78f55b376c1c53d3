"""SketchIllustrator: the embedded painter as an Illustrator (no GPU, model or network)."""

from __future__ import annotations

import logging

from ...book import Provenance
from ...cancel import CancelToken
from .. import Picture, PictureRequest, PreviewCallback, StepCallback
from .painter import paint_scene

__all__ = ["SKETCH_MODEL", "SketchIllustrator"]

log = logging.getLogger(__name__)

SKETCH_MODEL = "aibook-sketch-v1"


class SketchIllustrator:
    """The embedded painter: flat, friendly vector-style pictures made procedurally.

    Always available, so a book can be made with no GPU, no API key and no downloaded weights.
    The picture follows the page's setting word and the hero, and is a pure function of the
    request: the same request gives the same pixels.
    """

    name = "sketch"

    def draw(
        self,
        request: PictureRequest,
        cancel: CancelToken,
        progress: StepCallback | None = None,
        preview: PreviewCallback | None = None,
    ) -> Picture:
        """``preview`` is ignored: a sketch is drawn in a fraction of a second."""
        cancel.check()
        image, setting, drawn = paint_scene(request, cancel, progress)
        log.debug("sketch page %d drawn in the %s", request.page_index, setting)
        note = f"drew the {setting}: the hero"
        if drawn:
            note += ", " + ", ".join(drawn)
        return Picture(
            image=image,
            provenance=Provenance(
                backend="sketch",
                model=SKETCH_MODEL,
                seed=request.seed,
                prompt=request.scene_prompt,
                ai_generated=False,
                note=note,
            ),
        )
