"""Step 1 (prepare): AI Hub WAV + JSON -> clean 16 kHz rows in speaker/sentence-disjoint splits."""

from __future__ import annotations

import json
import logging
import multiprocessing as mp
import os
import re
import shutil
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .aihub import age_group, read_label, sentence_id, speaker_group
from .args import PrepareArguments
from .cleaning import CleaningOptions
from .splits import SPLITS, disjoint_splits

__all__ = ["PrepareReport", "find_pairs", "prepare", "process_chunk"]

log = logging.getLogger(__name__)

COLUMNS = (
    "utterance_id", "audio", "text", "raw_text", "speaker", "age", "age_group",
    "speaker_group", "gender", "sentence_id", "duration",
)  # fmt: skip


@dataclass
class PrepareReport:
    """What prepare kept, what it skipped and why; also written to report.json."""

    labels: int = 0
    kept: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    split_sizes: dict[str, int] = field(default_factory=dict)
    dropped_by_split: int = 0
    speakers: dict[str, int] = field(default_factory=dict)
    sentences: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Chunk:
    index: int
    pairs: list[tuple[str, str | None]]  # (label json, wav or None)
    shard_dir: str
    options: CleaningOptions
    good_quality: tuple[str, ...]
    tolerance_s: float
    child_max_age: int
    keep_non_speech: bool = False


def find_pairs(input_dirs: list[str]) -> list[tuple[str, str | None]]:
    """Every label JSON with its WAV (matched by file name anywhere under the inputs), sorted.

    AI Hub ships 원천 (audio) and 라벨 (labels) as separate trees, so pairing by position in two
    listings (what the original did) silently mismatches; pairing by name cannot.
    """
    wavs: dict[str, str] = {}
    labels: list[str] = []
    for root in input_dirs:
        for dirpath, _dirs, files in os.walk(root):
            for name in files:
                low = name.lower()
                if low.endswith(".wav"):
                    wavs.setdefault(Path(name).stem, os.path.join(dirpath, name))
                elif low.endswith(".json"):
                    labels.append(os.path.join(dirpath, name))
    return [(lab, wavs.get(Path(lab).stem)) for lab in sorted(labels)]


_NOISE_ONLY = re.compile(r"^(?:\s*[blon]/\s*)+$")


def is_non_speech(raw_text: str) -> bool:
    """A label that is only noise tags ("n/", "b/ l/"): a recording of no words at all."""
    return bool(_NOISE_ONLY.match(raw_text or ""))


def _process_one(
    label: str, wav: str | None, chunk: _Chunk
) -> tuple[dict[str, Any] | None, str | None]:
    """One utterance as a row, or None and the reason it was skipped."""
    from aibook_desktop.engine.audio import load_audio, normalise

    try:
        rec = read_label(Path(label), chunk.options)
    except (OSError, ValueError) as exc:
        log.warning("unreadable label %s: %s", label, exc)
        return None, "unreadable_label"
    if wav is None:
        return None, "missing_wav"
    if rec.quality and rec.quality not in chunk.good_quality:
        return None, "bad_quality"
    non_speech = rec.text is None and chunk.keep_non_speech and is_non_speech(rec.raw_text)
    if rec.text is None and not non_speech:
        return None, "unintelligible_or_empty"
    try:
        samples, rate = load_audio(wav)
    except (OSError, RuntimeError) as exc:
        log.warning("unreadable audio %s: %s", wav, exc)
        return None, "unreadable_audio"
    seconds = len(samples) / rate if rate else 0.0
    if rec.file_length_s is not None and seconds + chunk.tolerance_s < rec.file_length_s:
        return None, "audio_shorter_than_label"
    audio = normalise(samples, rate)  # the SAME function the app applies to the microphone
    row = {
        "utterance_id": Path(label).stem,
        "audio": audio.astype(np.float32),
        "text": rec.text or "",
        "raw_text": rec.raw_text,
        "speaker": rec.speaker,
        "age": rec.age,
        "age_group": age_group(rec.age),
        "speaker_group": speaker_group(rec.age, chunk.child_max_age),
        "gender": rec.gender,
        # each non-speech clip its own "sentence": they spread over the splits like speech
        "sentence_id": sentence_id(rec.text) if rec.text else f"non-speech:{Path(label).stem}",
        "duration": float(len(audio) / 16000),
    }
    return row, None


def _features() -> Any:
    from datasets import Features, Sequence, Value

    spec: dict[str, Any] = {c: Value("string") for c in COLUMNS}
    spec["audio"] = Sequence(Value("float32"))
    spec["duration"] = Value("float32")
    return Features(spec)


def process_chunk(chunk: _Chunk) -> dict[str, int]:
    """Worker: one shard of rows written atomically, so an interrupted run resumes per shard."""
    from datasets import Dataset

    rows: dict[str, list[Any]] = {c: [] for c in COLUMNS}
    counts: Counter[str] = Counter()
    for label, wav in chunk.pairs:
        row, reason = _process_one(label, wav, chunk)
        if row is None:
            counts[f"skip:{reason}"] += 1
            continue
        counts["kept"] += 1
        for c in COLUMNS:
            rows[c].append(row[c])
    shard = Path(chunk.shard_dir)
    tmp = shard.with_name(shard.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    # num_shards=1: a shard where every label was skipped must still load (an empty dataset
    # saved with the default writes no arrow file, and loading it fails with IndexError)
    Dataset.from_dict(rows, features=_features()).save_to_disk(str(tmp), num_shards=1)
    done = {"labels": [p[0] for p in chunk.pairs], "counts": dict(counts)}
    (tmp / "done.json").write_text(json.dumps(done, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(shard, ignore_errors=True)
    tmp.rename(shard)
    return dict(counts)


def _finished(chunk: _Chunk) -> dict[str, int] | None:
    """The counts of a shard already written for exactly these labels, else None."""
    marker = Path(chunk.shard_dir) / "done.json"
    if not marker.exists():
        return None
    done = json.loads(marker.read_text(encoding="utf-8"))
    if done.get("labels") != [p[0] for p in chunk.pairs]:
        return None
    return dict(done["counts"])


def prepare(args: PrepareArguments) -> PrepareReport:
    """Run step 1 end to end; re-running skips finished shards and rebuilds the splits."""
    from datasets import DatasetDict, concatenate_datasets, load_from_disk
    from tqdm.auto import tqdm

    # 1. pair labels with audio
    out = Path(args.output_dir)
    (out / "shards").mkdir(parents=True, exist_ok=True)
    pairs = find_pairs(args.input_dirs)
    if not pairs:
        raise FileNotFoundError(f"no label JSON under {args.input_dirs}")
    options = CleaningOptions(
        side=args.transcript_side,  # type: ignore[arg-type]
        unintelligible=args.unintelligible,  # type: ignore[arg-type]
        fillers=args.fillers,  # type: ignore[arg-type]
        repetitions=args.repetitions,  # type: ignore[arg-type]
    )

    # 2. cut into shards; keep the ones an earlier run finished
    size = max(1, args.chunk_size)
    chunks = [
        _Chunk(
            index=i // size,
            pairs=pairs[i : i + size],
            shard_dir=str(out / "shards" / f"{i // size:05d}"),
            options=options,
            good_quality=tuple(args.good_quality),
            tolerance_s=args.length_tolerance_s,
            child_max_age=args.child_max_age,
            keep_non_speech=args.keep_non_speech,
        )
        for i in range(0, len(pairs), size)
    ]
    counts: Counter[str] = Counter()
    todo = []
    for chunk in chunks:
        previous = _finished(chunk)
        if previous is None:
            todo.append(chunk)
        else:
            counts.update(previous)
    log.info("%d labels in %d shards, %d to do", len(pairs), len(chunks), len(todo))

    # 3. process in parallel over all cores (spawn: no inherited threads or torch state)
    workers = min(args.workers or os.cpu_count() or 1, max(1, len(todo)))
    bar = tqdm(total=len(todo), desc="prepare shards", unit="shard", disable=None)
    if todo and workers > 1:
        with mp.get_context("spawn").Pool(workers) as pool:
            for result in pool.imap_unordered(process_chunk, todo):
                counts.update(result)
                bar.update()
    else:
        for chunk in todo:
            counts.update(process_chunk(chunk))
            bar.update()
    bar.close()

    # 4. one dataset, split so no speaker and no sentence appears in two splits
    full = concatenate_datasets([load_from_disk(c.shard_dir) for c in chunks])
    plan = disjoint_splits(
        list(full["speaker"]),
        list(full["sentence_id"]),
        groups=list(full["speaker_group"]),
        ratios=args.split_ratios,
        seed=args.seed,
        disjoint=args.disjoint,  # type: ignore[arg-type]
    )
    splits = DatasetDict({s: full.select(plan.indices[s]) for s in SPLITS})
    target, tmp = out / "dataset", out / "dataset.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    # An empty split (ratio 0, or too few speakers) must still be written as one empty shard:
    # by default `datasets` writes none, and loading the folder then fails with IndexError.
    empty = {s: 1 for s in SPLITS if len(plan.indices[s]) == 0}
    if empty:
        log.warning("split(s) %s are empty: written empty; evaluate skips them", sorted(empty))
    splits.save_to_disk(str(tmp), num_shards=empty or None)
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)

    # 5. report
    report = PrepareReport(
        labels=len(pairs),
        kept=counts["kept"],
        skipped={k.split(":", 1)[1]: v for k, v in sorted(counts.items()) if k.startswith("skip:")},
        split_sizes={s: len(plan.indices[s]) for s in SPLITS},
        dropped_by_split=plan.dropped,
        speakers={s: len(set(splits[s]["speaker"])) for s in SPLITS},
        sentences={s: len(set(splits[s]["sentence_id"])) for s in SPLITS},
    )
    (out / "report.json").write_text(json.dumps(asdict(report), indent=2), encoding="utf-8")
    log.info("prepare: %s", report)
    return report
