"""Step 3 (evaluate): base vs adapted (vs converted) models, per age group and child vs adult."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..engine.speech.guard import repeated_ngram
from .args import EvaluateArguments
from .metrics import score
from .report import ResultRow, plot_png, write_csv, write_markdown
from .whisper import load_base, load_processor, set_threads, transcribe, transcribe_ct2

__all__ = ["as_kiosk_shows", "dataset_name", "evaluate", "score_rows"]

log = logging.getLogger(__name__)

Transcriber = Callable[[Sequence[Any], Callable[[int], None]], list[str]]


def as_kiosk_shows(hyp: str) -> str:
    """A looping hypothesis ("I want I want I want ...") is what the kiosk's guard rejects:
    scored as nothing heard, not as hundreds of insertions (one loop once gave a set WER 1.53).
    Both paths (transformers and CTranslate2) are scored through this same rule."""
    return "" if repeated_ngram(hyp) else hyp


def dataset_name(path: str) -> str:
    """'runs/child/dataset' -> 'child': the folder prepare wrote to names the data."""
    p = Path(path)
    return p.parent.name if p.name == "dataset" else p.name


def score_rows(
    model: str, dataset: str, rows: Sequence[dict[str, Any]], hyps: Sequence[str]
) -> list[ResultRow]:
    """The table's rows for one model on one data set: all, child/adult, each age group."""
    subsets: dict[str, list[int]] = {"all": list(range(len(rows)))}
    for i, row in enumerate(rows):
        subsets.setdefault(str(row["speaker_group"]), []).append(i)
    for i, row in enumerate(rows):
        subsets.setdefault(f"age {row['age_group']}", []).append(i)
    out = []
    for group, idx in subsets.items():
        s = score([rows[i]["text"] for i in idx], [hyps[i] for i in idx])
        out.append(ResultRow(model, dataset, group, s.n, s.cer, s.sentence_accuracy))
    return out


def _load_rows(path: str, split: str, limit: int) -> list[dict[str, Any]]:
    from datasets import load_from_disk

    ds = load_from_disk(path)[split]
    if limit and len(ds) > limit:
        ds = ds.select(range(limit))
    # numpy audio: a list of Python floats would take ~30x the memory on a real test set
    ds = ds.with_format("numpy", columns=["audio"], output_all_columns=True)
    return [ds[i] for i in range(len(ds))]


def _cached(path: Path, rows: Sequence[dict[str, Any]], run: Transcriber, label: str) -> list[str]:
    """Transcripts are written per model and data set, so a rerun only redoes what is missing."""
    from tqdm.auto import tqdm

    ids = [r["utterance_id"] for r in rows]
    if path.exists():
        saved = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        if [s["utterance_id"] for s in saved] == ids:
            return [s["hyp"] for s in saved]
    bar = tqdm(total=len(rows), desc=label, unit="utt", disable=None)
    hyps = run([r["audio"] for r in rows], bar.update)
    bar.close()
    with open(path, "w", encoding="utf-8") as fh:
        for r, h in zip(rows, hyps, strict=True):
            rec = {"utterance_id": r["utterance_id"], "ref": r["text"], "hyp": h}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return hyps


def evaluate(args: EvaluateArguments) -> list[ResultRow]:
    """Run step 3 and write results.csv, results.md and cer.png under output_dir."""
    # 1. data: the chosen split of every data set
    set_threads(args.threads)
    out = Path(args.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    sets = {
        dataset_name(d): _load_rows(d, args.split, args.max_samples)
        for d in [args.dataset_dir, *args.extra_dataset_dirs]
    }
    for name in [n for n, rows in sets.items() if not rows]:
        log.warning("the %s split of %s is empty: nothing to evaluate there", args.split, name)
        del sets[name]
    if not sets:
        raise ValueError(f"every data set's {args.split!r} split is empty")

    # 2. the models to compare, each a function audios -> transcripts
    models: dict[str, Transcriber] = {}
    processor = load_processor(args.adapter_dir or args.base_model)

    def hf(adapter: str | None) -> Transcriber:
        loaded: list[Any] = []  # loaded on first use, then kept for the next data set

        def run(audios: Sequence[Any], tick: Callable[[int], None]) -> list[str]:
            if not loaded:
                model = load_base(args.base_model)
                if adapter:
                    from peft import PeftModel

                    model = PeftModel.from_pretrained(model, adapter)
                loaded.append(model)
            return transcribe(
                loaded[0],
                processor, audios, args.language, args.task, args.batch_size,
                args.max_new_tokens, tick,
            )  # fmt: skip

        return run

    if args.base_label:
        models[args.base_label] = hf(None)
    if args.adapter_dir:
        models["adapted"] = hf(args.adapter_dir)
    for ct2 in args.ct2_dirs:
        name = Path(ct2).name

        def run_ct2(audios: Sequence[Any], tick: Callable[[int], None], d: str = ct2) -> list[str]:
            return transcribe_ct2(d, audios, args.language, args.threads, tick, args.max_new_tokens)

        models[name] = run_ct2

    # 3. transcribe (cached per model and data set) and score
    table: list[ResultRow] = []
    for model_name in list(models):
        run = models.pop(model_name)  # the last model's weights go before the next one loads
        for ds_name, rows in sets.items():
            cache = out / f"transcripts-{model_name}-{ds_name}.jsonl"
            raw = _cached(cache, rows, run, f"{model_name} on {ds_name}")
            hyps = [as_kiosk_shows(h) for h in raw]
            table += score_rows(model_name, ds_name, rows, hyps)

    # 4. one table, three forms
    write_csv(table, out / "results.csv")
    md = write_markdown(table, out / "results.md", f"Evaluation on the {args.split} split")
    plot_png(table, out / "cer.png")
    log.info("\n%s", md)
    return table
