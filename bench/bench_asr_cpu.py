"""CPU real-time factor of the Korean voice path (issue #16), against tiny.en in the same run.

No multilingual Whisper weights are reachable here, so the multilingual rows are stand-ins
built in code (``build_speaking_whisper``): CTranslate2 int8 models that always say one Korean
sentence, with a 51865-token vocabulary like the real ones. The ``tiny``-shaped one (d_model 64)
times the pipeline's fixed costs (features, decode loop over a 51865-word vocabulary); the
``base``-shaped one has whisper-base's layer sizes, so its compute is whisper-base's for the
same number of output tokens (random weights do not change the arithmetic). tiny.en is the
real embedded model. Every row decodes the same clips through ``FasterWhisperTranscriber``
(the app's path: greedy, no VAD) with the same thread count; the RTF is decode seconds per
second of audio (below 1 is faster than real time), the median over the repeats.
Korean accuracy is NOT measured: no Korean Whisper weights and no natural Korean TTS here.
Usage: python -m bench.bench_asr_cpu [--threads 2] [--repeats 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.common import machine

SENTENCE = "공룡이 케이크를 먹어요"  # 32 UTF-8 bytes: the stand-ins emit 30 byte tokens
THEMES = (
    "A dinosaur who eats ice cream.",
    "A little cat and a big dragon fly to the moon to find a birthday cake.",
)


def clips(folder: Path) -> dict[str, np.ndarray]:
    """Two spoken English themes (espeak-ng, ~2 s and ~5 s) through the kiosk's own path;
    voiced tone bursts of 2.5 s and 5 s where espeak-ng/sox are missing."""
    import sys

    from aibook_desktop.engine.audio import finish_recording, load_audio

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    import voice_samples

    out = {}
    rate = 16000
    if voice_samples.have_tools():
        for i, text in enumerate(THEMES):
            wav = voice_samples.speak(text, "en", folder / f"theme{i}.wav")
            samples = finish_recording(*load_audio(wav)).samples
            out[f"speech {len(samples) / rate:.1f} s"] = samples
        return out
    for seconds in (2.5, 5.0):
        t = np.arange(int(seconds * rate)) / rate
        voice = 0.5 * np.sin(2 * np.pi * 180 * t) * (0.6 + 0.4 * np.sin(2 * np.pi * 3 * t))
        gap = np.zeros(rate // 4)
        raw = np.concatenate([gap, voice, gap]).astype(np.float32)
        out[f"tone {seconds:g} s"] = finish_recording(raw, rate).samples
    return out


def time_one(rec: object, audio: np.ndarray, lang: str, repeats: int) -> tuple[float, int, str]:
    """Median decode seconds, tokens in the answer, and the answer."""
    from aibook_desktop.engine.speech import FasterWhisperTranscriber

    assert isinstance(rec, FasterWhisperTranscriber)
    rec.decode(audio, lang)  # warm: the first call pays the allocator, not the model
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        hyp = rec.decode(audio, lang)
        times.append(time.perf_counter() - start)
    segments, _ = rec.model.transcribe(
        audio, language=lang, beam_size=1, temperature=0.0, without_timestamps=True,
        vad_filter=False, condition_on_previous_text=False,
    )  # fmt: skip
    tokens = sum(len(s.tokens) for s in segments)
    return statistics.median(times), tokens, hyp.text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=5)
    a = ap.parse_args()
    from random_whisper import BASE, TINY, build_speaking_whisper

    from aibook_desktop.engine.speech import FasterWhisperTranscriber, embedded_model_path

    print(f"machine: {machine()}; cpu_threads={a.threads}; repeats={a.repeats}")
    with tempfile.TemporaryDirectory() as tmp:
        models: dict[str, tuple[FasterWhisperTranscriber, str]] = {}
        if (path := embedded_model_path()) is not None:
            models["tiny.en (real, embedded)"] = (
                FasterWhisperTranscriber(path, cpu_threads=a.threads),
                "en",
            )
        for label, shape in (("tiny", TINY), ("base", BASE)):
            start = time.perf_counter()
            folder = build_speaking_whisper(Path(tmp) / label, SENTENCE, shape=shape)
            size = (folder / "model.bin").stat().st_size / 1e6
            print(f"built {label}-shaped stand-in in {time.perf_counter() - start:.1f} s "
                  f"(model.bin int8 {size:.0f} MB)")  # fmt: skip
            rec = FasterWhisperTranscriber(folder, cpu_threads=a.threads)
            models[f"multilingual stand-in, {label} shape (random int8)"] = (rec, "ko")
        audio = clips(Path(tmp))
        rows = []
        for name, (rec, lang) in models.items():
            start = time.perf_counter()
            rec.warm_up()
            load = time.perf_counter() - start
            for clip, samples in audio.items():
                sec, tokens, text = time_one(rec, samples, lang, a.repeats)
                rtf = sec / (len(samples) / 16000)
                rows.append((name, lang, clip, load, sec, rtf, tokens, text))
        base_rtf = {r[2]: r[5] for r in rows if r[0].startswith("tiny.en")}
        print("\n| model | lang | clip | load | decode (median) | RTF | vs tiny.en | tokens |")
        print("|---|---|---|---:|---:|---:|---:|---:|")
        for name, lang, clip, load, sec, rtf, tokens, _text in rows:
            ratio = f"x{rtf / base_rtf[clip]:.2f}" if clip in base_rtf else "-"
            print(f"| {name} | {lang} | {clip} | {load:.2f} s | {sec:.3f} s | {rtf:.3f} | "
                  f"{ratio} | {tokens} |")  # fmt: skip
        for name, lang, clip, *_rest, text in rows:
            print(f"  [{name} {lang} {clip}] {text!r}")


if __name__ == "__main__":
    main()
