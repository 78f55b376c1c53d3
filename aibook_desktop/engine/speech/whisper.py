"""Whisper through transformers, with the children's-speech LoRA adapter from PEFT.

Loaded once (on the engine thread) and kept warm. On CUDA the base weights can be 8-bit
(bitsandbytes), which keeps large-v2 inside a 12 GB gaming card next to SDXL; elsewhere fp32
(fp16 on GPU without 8-bit). Merging the adapter removes the LoRA detour from every step.
"""

from __future__ import annotations

import logging
import math
import threading
from pathlib import Path
from typing import Any

import numpy as np

from ..audio import TARGET_RATE
from .base import GuardedTranscriber
from .guard import Hypothesis

__all__ = ["WhisperTranscriber"]

log = logging.getLogger(__name__)
_NO_SPEECH_TOKENS = ("<|nospeech|>", "<|nocaptions|>")  # v3 / v1-v2 spelling


class WhisperTranscriber(GuardedTranscriber):
    name = "whisper"

    def __init__(
        self,
        model: str | Path,
        adapter: str | Path | None = None,
        *,
        device: str | None = None,
        load_8bit: bool = True,
        merge: bool = True,
        languages: tuple[str, ...] = ("ko", "en"),
        num_beams: int = 1,
        max_new_tokens: int = 96,
        local_files_only: bool = True,
        cpu_8bit: bool = False,
    ) -> None:
        """``load_8bit`` applies on CUDA only (``cpu_8bit`` also allows bitsandbytes' CPU
        backend: tests); ``merge`` is skipped for 8-bit bases (lossy)."""
        self.model_id, self.adapter_id = str(model), str(adapter) if adapter else None
        self.device = device
        self.want_8bit, self.want_merge = load_8bit, merge
        self.languages = frozenset(languages)
        self.num_beams, self.max_new_tokens = num_beams, max_new_tokens
        self.local_files_only = local_files_only
        self.cpu_8bit = cpu_8bit
        self.model: Any = None
        self.processor: Any = None
        self.loaded_8bit = False
        self.merged = False
        self.last_tokens: list[int] = []  # prompt + generated ids of the last decode (tests, bench)
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        with self._lock:
            if self.model is None:
                self._load()

    def _load(self) -> None:
        import torch
        from transformers import WhisperForConditionalGeneration, WhisperProcessor

        cuda = torch.cuda.is_available() if self.device is None else self.device.startswith("cuda")
        self.device = self.device or ("cuda" if cuda else "cpu")
        kwargs: dict[str, Any] = {"local_files_only": self.local_files_only}
        if self.want_8bit and (cuda or self.cpu_8bit):
            from transformers import BitsAndBytesConfig

            kwargs["quantization_config"] = BitsAndBytesConfig(load_in_8bit=True)
            kwargs["device_map"] = {"": self.device}
            # transformers 5 loads dtype="auto" and its 8-bit quantizer no longer forces fp16:
            # an fp32 checkpoint kept conv1 in fp32 while fp16 features came in. Say it.
            kwargs["dtype"] = torch.float16
            self.loaded_8bit = True
        else:
            kwargs["dtype"] = torch.float16 if cuda else torch.float32
        self.processor = WhisperProcessor.from_pretrained(
            self.model_id, local_files_only=self.local_files_only
        )
        model: Any = WhisperForConditionalGeneration.from_pretrained(self.model_id, **kwargs)
        if self.adapter_id:
            from peft import PeftModel

            model = PeftModel.from_pretrained(
                model, self.adapter_id, local_files_only=self.local_files_only
            )
            if self.want_merge and not self.loaded_8bit:
                model = model.merge_and_unload()
                self.merged = True
        if not self.loaded_8bit:
            model = model.to(self.device)
        model.eval()
        self.model = model
        tok = self.processor.tokenizer
        self._no_speech_id = next(
            (
                i
                for t in _NO_SPEECH_TOKENS
                if (i := tok.convert_tokens_to_ids(t)) != tok.unk_token_id
            ),
            None,
        )
        log.info(
            "Whisper %s loaded on %s (8-bit %s, adapter %s, merged %s)",
            self.model_id, self.device, self.loaded_8bit, self.adapter_id, self.merged,
        )  # fmt: skip

    @property
    def input_dtype(self) -> Any:
        """What the encoder's first layer computes in: features must match it exactly."""
        return self.model.get_encoder().conv1.weight.dtype

    @property
    def loaded(self) -> bool:
        return self.model is not None

    def release(self) -> None:
        """Drop the model (and its GPU memory) for pictures; the next clip loads it again."""
        with self._lock:
            if self.model is None:
                return
            self.model = None
            self.merged = self.loaded_8bit = False
        import gc

        gc.collect()
        try:
            import torch

            if torch.cuda.is_available():
                torch.cuda.empty_cache()
        except ImportError:
            pass
        log.info("Whisper %s released", self.model_id)

    def decode(self, samples: np.ndarray, lang: str) -> Hypothesis:
        import torch

        self.warm_up()
        if len(samples) > 30 * TARGET_RATE:  # one Whisper window; the recorder stops at 15 s
            log.warning("only the first 30 s of %.0f s are recognised", len(samples) / TARGET_RATE)
        features = self.processor.feature_extractor(
            samples, sampling_rate=TARGET_RATE, return_tensors="pt"
        ).input_features
        features = features.to(self.device, dtype=self.input_dtype)
        with torch.inference_mode():
            # The encoder (most of the cost on a 30 s window) runs once for both questions.
            encoded = self.model.get_encoder()(features)
            # An English-only checkpoint (tiny.en) refuses language/task: it has no such prompt.
            multilingual = getattr(self.model.generation_config, "is_multilingual", True)
            prompt = {"language": lang, "task": "transcribe"} if multilingual else {}
            out = self.model.generate(
                encoder_outputs=encoded, num_beams=self.num_beams,
                max_new_tokens=self.max_new_tokens, return_dict_in_generate=True,
                output_scores=True, **prompt,
            )  # fmt: skip
            no_speech = self._no_speech_prob(encoded)
        sequence = out.sequences[0]
        self.last_tokens = [int(t) for t in sequence]
        avg = self._avg_logprob(out, sequence)
        text = self.processor.tokenizer.decode(sequence, skip_special_tokens=True).strip()
        return Hypothesis(text, avg, no_speech, lang if multilingual else "en")

    def _avg_logprob(self, out: Any, sequence: Any) -> float:
        """Mean log-probability of the tokens that were generated (the prompt is not scored)."""
        import torch

        if not out.scores:
            return -math.inf
        tokens = sequence[-len(out.scores) :]
        logprobs = [
            torch.log_softmax(score[0].float(), dim=-1)[int(t)].item()
            for score, t in zip(out.scores, tokens, strict=True)
        ]
        finite = [lp for lp in logprobs if math.isfinite(lp)]
        return sum(finite) / len(finite) if finite else -math.inf

    def _no_speech_prob(self, encoded: Any) -> float:
        """P(no-speech token) right after <|startoftranscript|>, as OpenAI's decoder reads it."""
        import torch

        if self._no_speech_id is None:
            return 0.0
        start = self.model.generation_config.decoder_start_token_id
        prompt = torch.tensor([[start]], device=self.device)
        logits = self.model(encoder_outputs=encoded, decoder_input_ids=prompt).logits
        return float(torch.softmax(logits[0, -1].float(), dim=-1)[self._no_speech_id])
