"""Whisper loading, prompting, batching and transcription shared by train, evaluate and export."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = [
    "SpeechCollator",
    "load_base",
    "load_processor",
    "prompt_kwargs",
    "set_threads",
    "transcribe",
    "transcribe_ct2",
]

log = logging.getLogger(__name__)


def set_threads(threads: int) -> None:
    """Pin torch's CPU threads when asked (a busy 2-core machine runs 3-4x slower otherwise)."""
    if threads > 0:
        import torch

        torch.set_num_threads(threads)


def load_processor(name: str) -> Any:
    from transformers import WhisperProcessor

    return WhisperProcessor.from_pretrained(name)


def load_base(name: str, eight_bit: bool = False, dtype: Any = None) -> Any:
    """The base model: 8-bit via bitsandbytes only on CUDA (it has no CPU kernels), else full."""
    import torch
    from transformers import WhisperForConditionalGeneration

    if eight_bit and torch.cuda.is_available():
        from transformers import BitsAndBytesConfig

        return WhisperForConditionalGeneration.from_pretrained(
            name, quantization_config=BitsAndBytesConfig(load_in_8bit=True), device_map="auto"
        )
    if eight_bit:
        log.info("no CUDA: loading %s in full precision instead of 8-bit", name)
    model = WhisperForConditionalGeneration.from_pretrained(name, dtype=dtype or torch.float32)
    if torch.cuda.is_available():
        model.to("cuda")  # type: ignore[arg-type]  # (transformers' typing of .to is too narrow)
    return model


def prompt_kwargs(model: Any, language: str | None, task: str) -> dict[str, Any]:
    """generate() arguments: language/task for multilingual models, nothing for English-only."""
    if not getattr(model.generation_config, "is_multilingual", False) or language is None:
        return {}
    return {"language": language, "task": task}


def _features(processor: Any, audios: Sequence[np.ndarray]) -> Any:
    fe = processor.feature_extractor
    arrays = [np.asarray(a, dtype=np.float32) for a in audios]
    return fe(arrays, sampling_rate=fe.sampling_rate, return_tensors="pt").input_features


@dataclass
class SpeechCollator:
    """Rows -> log-mel features and label ids (prompt prefix kept out: the model adds it back)."""

    processor: Any
    model: Any
    language: str | None
    task: str

    def __post_init__(self) -> None:
        tok = self.processor.tokenizer
        if prompt_kwargs(self.model, self.language, self.task):
            tok.set_prefix_tokens(language=self.language, task=self.task, predict_timestamps=False)
        else:
            tok.set_prefix_tokens(language=None, task=None, predict_timestamps=False)
        self.start_id = self.model.config.decoder_start_token_id

    def __call__(self, rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
        import torch

        feats = _features(self.processor, [r["audio"] for r in rows])
        ids = [self.processor.tokenizer(r["text"]).input_ids for r in rows]
        longest = max(len(x) for x in ids)
        labels = torch.full((len(ids), longest), -100, dtype=torch.long)
        for i, x in enumerate(ids):
            labels[i, : len(x)] = torch.tensor(x)
        if bool((labels[:, 0] == self.start_id).all()):
            labels = labels[:, 1:]  # the model prepends decoder_start itself when shifting
        return {"input_features": feats, "labels": labels}


def _batches(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def transcribe(
    model: Any,
    processor: Any,
    audios: Sequence[np.ndarray],
    language: str | None,
    task: str = "transcribe",
    batch_size: int = 8,
    max_new_tokens: int = 96,
    on_batch: Callable[[int], None] | None = None,
) -> list[str]:
    """Greedy transcripts with a transformers Whisper (base or PEFT-wrapped)."""
    import torch

    kwargs = prompt_kwargs(model, language, task)
    device = next(model.parameters()).device
    dtype = next(p for p in model.parameters() if p.is_floating_point()).dtype
    model.eval()
    texts: list[str] = []
    for batch in _batches(audios, batch_size):
        feats = _features(processor, batch).to(device=device, dtype=dtype)
        with torch.inference_mode():
            out = model.generate(
                input_features=feats, max_new_tokens=max_new_tokens, num_beams=1, **kwargs
            )
        texts += [
            t.strip() for t in processor.tokenizer.batch_decode(out, skip_special_tokens=True)
        ]
        if on_batch:
            on_batch(len(batch))
    return texts


def transcribe_ct2(
    model_dir: str,
    audios: Sequence[np.ndarray],
    language: str | None,
    threads: int = 0,
    on_item: Callable[[int], None] | None = None,
    max_new_tokens: int = 96,
) -> list[str]:
    """Greedy transcripts through faster-whisper: the app's fast path, checked the same way.

    ``max_new_tokens`` caps a looping decode as the transformers path does (faster-whisper
    alone would run to 448 tokens; its compression-ratio check needs a temperature fallback).
    """
    import torch
    from faster_whisper import WhisperModel

    cuda = torch.cuda.is_available()
    model = WhisperModel(
        model_dir,
        device="cuda" if cuda else "cpu",
        compute_type="int8_float16" if cuda else "int8",
        cpu_threads=threads,
    )
    lang = language if model.model.is_multilingual else None
    texts = []
    for audio in audios:
        segments, _info = model.transcribe(
            np.asarray(audio, dtype=np.float32),
            language=lang,
            beam_size=1,
            temperature=0.0,
            condition_on_previous_text=False,
            vad_filter=False,
            without_timestamps=True,
            max_new_tokens=max_new_tokens,
        )
        texts.append(" ".join(s.text.strip() for s in segments).strip())
        if on_item:
            on_item(1)
    return texts
