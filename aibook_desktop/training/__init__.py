"""Whisper + LoRA for children's speech (issue #7): prepare, train, evaluate, export (aibook-train).

Heavy libraries (torch, transformers, peft, datasets, ctranslate2) are imported inside the
steps, so importing this package or parsing arguments stays cheap. Install with `.[train]`.
"""

from .args import (
    EvaluateArguments,
    ExportArguments,
    ImportArguments,
    PrepareArguments,
    TrainArguments,
)
from .cleaning import CleaningOptions, clean_transcript
from .metrics import Score, normalise_for_cer, score

__all__ = [
    "CleaningOptions",
    "EvaluateArguments",
    "ExportArguments",
    "ImportArguments",
    "PrepareArguments",
    "Score",
    "TrainArguments",
    "clean_transcript",
    "normalise_for_cer",
    "score",
]
