"""Step 4 (export): adapter merged into an fp16 base, converted to CTranslate2, re-evaluated."""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .args import EvaluateArguments, ExportArguments
from .evaluate import evaluate
from .report import ResultRow
from .whisper import load_processor, set_threads

__all__ = ["ExportResult", "convert_to_ct2", "export", "merge_adapter"]

log = logging.getLogger(__name__)

CT2_FILES = ["tokenizer.json", "preprocessor_config.json"]  # what faster-whisper reads offline


@dataclass
class ExportResult:
    """The merged transformers folder, one CTranslate2 folder per quantization, and scores."""

    merged_dir: str
    ct2_dirs: dict[str, str] = field(default_factory=dict)
    table: list[ResultRow] = field(default_factory=list)


def merge_adapter(base_model: str, adapter_dir: str, out_dir: Path) -> Path:
    """LoRA folded into the base weights, saved in fp16 with its processor.

    The base is loaded in full precision, never 8-bit: merging into quantized weights rounds
    the adapter's small updates away. fp32 merge, then fp16 storage (what CTranslate2 reads).
    """
    import torch
    from peft import PeftModel
    from transformers import WhisperForConditionalGeneration

    base = WhisperForConditionalGeneration.from_pretrained(base_model, dtype=torch.float32)
    merged = PeftModel.from_pretrained(base, adapter_dir).merge_and_unload()
    tmp = out_dir.with_name(out_dir.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    merged.to(torch.float16).save_pretrained(str(tmp))
    processor = load_processor(
        adapter_dir if (Path(adapter_dir) / "tokenizer_config.json").exists() else base_model
    )
    processor.save_pretrained(str(tmp))
    processor.feature_extractor.save_pretrained(str(tmp))  # preprocessor_config.json
    if not (tmp / "tokenizer.json").exists():
        raise FileNotFoundError(
            "the processor did not write tokenizer.json; faster-whisper needs it"
        )
    shutil.rmtree(out_dir, ignore_errors=True)
    tmp.rename(out_dir)
    return out_dir


def convert_to_ct2(merged_dir: Path, out_dir: Path, quantization: str) -> Path:
    """CTranslate2's own TransformersConverter: the format faster-whisper (the app) loads."""
    from ctranslate2.converters import TransformersConverter

    converter = TransformersConverter(str(merged_dir), copy_files=CT2_FILES, load_as_float16=True)
    converter.convert(str(out_dir), quantization=quantization, force=True)
    return out_dir


def export(args: ExportArguments) -> ExportResult:
    """Run step 4; each stage is skipped when its folder is already complete."""
    set_threads(args.threads)
    out = Path(args.output_dir)
    out.mkdir(parents=True, exist_ok=True)

    # 1. merge (skipped if done)
    merged = out / "merged"
    if not (merged / "config.json").exists():
        merge_adapter(args.base_model, args.adapter_dir, merged)
    result = ExportResult(merged_dir=str(merged))

    # 2. convert, once per quantization
    for q in args.quantizations:
        target = out / f"ct2-{q}"
        if not (target / "model.bin").exists():
            convert_to_ct2(merged, target, q)
        result.ct2_dirs[q] = str(target)

    # 3. re-evaluate the merged and converted models on the same split
    if args.dataset_dir:
        result.table = evaluate(
            EvaluateArguments(
                dataset_dir=args.dataset_dir,
                output_dir=str(out / "eval"),
                base_model=str(merged),
                base_label="merged-fp16" if args.evaluate_merged else "",
                ct2_dirs=list(result.ct2_dirs.values()),
                extra_dataset_dirs=list(args.extra_dataset_dirs),
                split=args.split,
                language=args.language,
                max_samples=args.max_samples,
                threads=args.threads,
            )
        )
    return result
