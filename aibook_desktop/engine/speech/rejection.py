"""Why a recording gave no text (``Transcript.rejected``), as codes the UI can match on.

StrEnum: each value is the string the recognisers always put in ``rejected``.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Rejection"]


class Rejection(StrEnum):
    NONE = ""  # accepted
    SILENCE = "silence"
    NO_SPEECH = "no_speech"
    LOW_CONFIDENCE = "low_confidence"
    HALLUCINATION = "hallucination"
    ERROR = "error"  # the recogniser raised (logged); the child just tries again
    NO_RECOGNIZER = "no_recognizer"  # voice input is off or nothing is installed
