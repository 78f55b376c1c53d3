"""Normalised CER and sentence accuracy: the numbers that say whether a child was understood."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Score", "edit_distance", "normalise_for_cer", "score"]


def normalise_for_cer(text: str) -> str:
    """NFC, lower case, and no spaces or punctuation: Korean spacing varies between transcribers,
    and Whisper's punctuation is not what a child said, so neither may count as an error."""
    text = unicodedata.normalize("NFC", text).lower()
    return "".join(ch for ch in text if not (ch.isspace() or unicodedata.category(ch)[0] in "PSZC"))


def edit_distance(ref: str, hyp: str) -> int:
    """Levenshtein distance over characters (two rows, O(len(ref) * len(hyp)))."""
    if not ref:
        return len(hyp)
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        current = [i]
        for j, h in enumerate(hyp, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h)))
        previous = current
    return previous[-1]


@dataclass(frozen=True)
class Score:
    """Corpus-level scores over n utterances.

    cer: character edits / reference characters, after normalise_for_cer on both sides.
    sentence_accuracy: share of utterances transcribed exactly (after the same normalisation);
    this is the number that answers "90% accuracy" for a command app: 9 of 10 requests right.
    """

    n: int
    cer: float
    sentence_accuracy: float

    @property
    def char_accuracy(self) -> float:
        return max(0.0, 1.0 - self.cer)


def score(references: Sequence[str], hypotheses: Sequence[str]) -> Score:
    if len(references) != len(hypotheses):
        raise ValueError("one hypothesis per reference")
    edits = chars = exact = 0
    for ref, hyp in zip(references, hypotheses, strict=True):
        r, h = normalise_for_cer(ref), normalise_for_cer(hyp)
        edits += edit_distance(r, h)
        chars += len(r)
        exact += r == h
    n = len(references)
    return Score(n=n, cer=edits / max(1, chars), sentence_accuracy=exact / max(1, n))
