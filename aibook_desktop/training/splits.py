"""Train/validation/test splits that share no speaker and no sentence (the original's leak)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["SPLITS", "SplitPlan", "assign_groups", "disjoint_splits"]

SPLITS = ("train", "validation", "test")
Disjoint = Literal["both", "speaker", "sentence"]


@dataclass
class SplitPlan:
    """Row indices per split, and the rows whose speaker and sentence fell in different splits."""

    indices: dict[str, list[int]] = field(default_factory=lambda: {s: [] for s in SPLITS})
    dropped: int = 0


def _order(ids: Sequence[str], seed: int) -> list[str]:
    """A shuffle that depends only on the ids and the seed: adding data moves nothing else."""
    return sorted(set(ids), key=lambda x: hashlib.sha256(f"{seed}:{x}".encode()).hexdigest())


def assign_groups(ids: Sequence[str], ratios: Sequence[float], seed: int) -> dict[str, str]:
    """Map each distinct id to a split by ratio; every split gets one id when there are enough."""
    ordered = _order(ids, seed)
    n = len(ordered)
    total = sum(ratios)
    counts = [round(n * r / total) for r in ratios]
    for i in range(len(counts)):  # a split with a share but no member takes one from the largest
        if counts[i] == 0 and ratios[i] > 0 and n >= len(ratios):
            counts[i] = 1
            counts[counts.index(max(counts))] -= 1
    counts[0] += n - sum(counts)
    out: dict[str, str] = {}
    start = 0
    for name, count in zip(SPLITS, counts, strict=True):
        for x in ordered[start : start + count]:
            out[x] = name
        start += count
    return out


def disjoint_splits(
    speakers: Sequence[str],
    sentences: Sequence[str],
    groups: Sequence[str] | None = None,
    ratios: Sequence[float] = (0.8, 0.1, 0.1),
    seed: int = 0,
    disjoint: Disjoint = "both",
) -> SplitPlan:
    """Assign speakers and sentences to splits independently; keep rows where both agree.

    Speakers are assigned within each `groups` value (child/adult) so every split sees both.
    With "both", a row whose speaker and sentence land in different splits is dropped: that
    is the price of a test set whose voices AND words the model has never trained on.
    """
    if not (len(speakers) == len(sentences) and (groups is None or len(groups) == len(speakers))):
        raise ValueError("speakers, sentences and groups must have one entry per row")
    speaker_split: dict[str, str] = {}
    grouping = list(groups) if groups is not None else [""] * len(speakers)
    for g in sorted(set(grouping)):
        members = [s for s, gg in zip(speakers, grouping, strict=True) if gg == g]
        speaker_split.update(assign_groups(members, ratios, seed))
    sentence_split = assign_groups(sentences, ratios, seed + 1)
    plan = SplitPlan()
    for i, (spk, sent) in enumerate(zip(speakers, sentences, strict=True)):
        a, b = speaker_split[spk], sentence_split[sent]
        if disjoint == "speaker":
            plan.indices[a].append(i)
        elif disjoint == "sentence":
            plan.indices[b].append(i)
        elif a == b:
            plan.indices[a].append(i)
        else:
            plan.dropped += 1
    return plan
