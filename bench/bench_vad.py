"""Energy VAD (audio/dsp.py) vs faster-whisper's bundled Silero VAD, on real WAVs.

Issue #12 asks whether the app's own energy VAD should give way to Silero (already shipped with
faster-whisper). Both decide the same two things the recorder needs: was anything said (at least
MIN_SPEECH_S voiced) and where (start/end, padded by PAD_S). Neither is tuned on this set: the
energy VAD runs with the app's constants, Silero with faster-whisper's defaults (threshold 0.5)
and the same padding; min_silence_duration_ms=100 (silero-vad's own default; faster-whisper's
2000 ms is for cutting long files and runs a final segment to the end of a short clip).

The set is made on the spot: espeak-ng sentences (ko/en, normal and child-like, from
tests/voice_samples.py) placed 1 s into a 2 s-longer clip, clean and mixed with white noise,
pink noise and a music-like chord at 10 dB and 0 dB SNR; and non-speech clips (digital silence,
room hiss, white/pink noise at two levels, chords, a hum, a square-wave tune). The true speech
bounds are those of the clean utterance (first/last sample above 1 % of full scale).

    python -m bench.bench_vad
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import soundfile as sf

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import voice_samples

from aibook_desktop.engine.audio import dsp

RATE = 16_000
PAD = int(dsp.PAD_S * RATE)


def _sox(out: Path, *effects: str, seconds: float = 3.0) -> np.ndarray:
    subprocess.run(["sox", "-R", "-n", "-r", str(RATE), "-c", "1", "-b", "16", str(out),
                    "synth", str(seconds), *effects], check=True, capture_output=True)  # fmt: skip
    return sf.read(out, dtype="float32")[0]


def _noises(folder: Path, seconds: float) -> dict[str, np.ndarray]:
    return {
        "white": _sox(folder / "w.wav", "whitenoise", seconds=seconds),
        "pink": _sox(folder / "p.wav", "pinknoise", seconds=seconds),
        "chord": _sox(
            folder / "c.wav",
            "sine",
            "220",
            "sine",
            "277",
            "sine",
            "330",
            "remix",
            "-",
            "tremolo",
            "4",
            "40",
            seconds=seconds,
        ),
    }


def _fit(x: np.ndarray, n: int) -> np.ndarray:
    return np.resize(x, n).astype(np.float32)


def _mix(speech: np.ndarray, noise: np.ndarray, snr_db: float) -> np.ndarray:
    p_s = float(np.mean(speech[np.abs(speech) > 0.01] ** 2))
    p_n = float(np.mean(noise**2)) or 1.0
    return speech + noise * np.sqrt(p_s / (p_n * 10 ** (snr_db / 10)))


@dataclass
class Clip:
    name: str
    condition: str
    audio: np.ndarray
    truth: tuple[int, int] | None  # speech bounds in samples; None: nothing was said


def make_set(folder: Path) -> list[Clip]:
    clips: list[Clip] = []
    rng = np.random.default_rng(0)
    for sample in voice_samples.make_speech_set(folder / "speech"):
        voice = sf.read(sample.path, dtype="float32")[0]
        loud = np.flatnonzero(np.abs(voice) > 0.01)
        lead = RATE  # 1 s before, 1 s after
        clean = np.concatenate([np.zeros(lead, np.float32), voice, np.zeros(RATE, np.float32)])
        clean += rng.normal(0, 1e-4, clean.size).astype(np.float32)  # a quiet room, not zeros
        truth = (lead + int(loud[0]), lead + int(loud[-1]) + 1)
        name = sample.path.stem
        clips.append(Clip(name, "clean", clean, truth))
        noises = _noises(folder, clean.size / RATE + 0.1)
        for kind, noise in noises.items():
            for snr in (10, 0):
                mixed = _mix(clean, _fit(noise, clean.size), snr)
                clips.append(Clip(name, f"{kind} {snr} dB", np.clip(mixed, -1, 1), truth))
    n = 3 * RATE
    noises = _noises(folder, 3.1)
    nonspeech = {
        "digital silence": np.zeros(n, np.float32),
        "room hiss": rng.normal(0, 3e-4, n).astype(np.float32),
        "white noise 0.05": 0.05 * _fit(noises["white"], n),
        "white noise 0.3": 0.3 * _fit(noises["white"], n),
        "pink noise 0.05": 0.05 * _fit(noises["pink"], n),
        "pink noise 0.3": 0.3 * _fit(noises["pink"], n),
        "chord 0.3": 0.3 * _fit(noises["chord"], n),
        "hum 50 Hz": _fit(_sox(folder / "h.wav", "sine", "50", "vol", "0.3", seconds=3.1), n),
        "square tune": _fit(
            _sox(folder / "s.wav", "square", "440-880", "vol", "0.2", seconds=3.1), n
        ),
    }
    clips += [Clip(k, "non-speech", v, None) for k, v in nonspeech.items()]
    return clips


def energy_vad(x: np.ndarray) -> tuple[float, int, int]:
    start, end, voiced = dsp.energy_speech_bounds(x, RATE)
    return voiced, start, end


def silero_vad(x: np.ndarray) -> tuple[float, int, int]:
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    x = np.asarray(x, dtype=np.float32)
    spans = get_speech_timestamps(
        x, VadOptions(min_silence_duration_ms=100, speech_pad_ms=0), sampling_rate=RATE
    )
    if not spans:
        return 0.0, 0, 0
    voiced = sum(s["end"] - s["start"] for s in spans) / RATE
    return voiced, max(0, spans[0]["start"] - PAD), min(x.size, spans[-1]["end"] + PAD)


@dataclass
class Score:
    by_condition: dict[str, list[bool]] = field(default_factory=dict)
    start_err_ms: list[float] = field(default_factory=list)
    end_err_ms: list[float] = field(default_factory=list)
    seconds: float = 0.0


def score(vad, clips: list[Clip]) -> Score:  # type: ignore[no-untyped-def]
    out = Score()
    audio_s = 0.0
    t = time.perf_counter()
    for clip in clips:
        voiced, start, end = vad(clip.audio)
        audio_s += clip.audio.size / RATE
        heard = voiced >= dsp.MIN_SPEECH_S
        right = heard if clip.truth is not None else not heard
        out.by_condition.setdefault(clip.condition, []).append(right)
        if clip.truth is not None and heard:
            out.start_err_ms.append(abs(start - max(0, clip.truth[0] - PAD)) / RATE * 1000)
            out.end_err_ms.append(
                abs(end - min(clip.audio.size, clip.truth[1] + PAD)) / RATE * 1000
            )
    out.seconds = (time.perf_counter() - t) / audio_s
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        clips = make_set(Path(tmp))
    silero_vad(np.zeros(RATE, np.float32))  # load the ONNX model outside the timing
    scores = {
        "energy (dsp.py)": score(energy_vad, clips),
        "Silero (faster-whisper)": score(silero_vad, clips),
    }
    names = list(scores)
    print(f"{len(clips)} clips\n")
    print("| condition | clips | " + " | ".join(f"{n} right" for n in names) + " |")
    print("|---|---:|" + "---:|" * len(names))
    conditions = list(next(iter(scores.values())).by_condition)
    for cond in conditions:
        cells = [
            f"{sum(s.by_condition[cond])}/{len(s.by_condition[cond])}" for s in scores.values()
        ]
        print(
            f"| {cond} | {len(scores[names[0]].by_condition[cond])} | " + " | ".join(cells) + " |"
        )
    total = [sum(sum(v) for v in s.by_condition.values()) for s in scores.values()]
    print(
        f"| **all** | {len(clips)} | " + " | ".join(f"**{t}/{len(clips)}**" for t in total) + " |"
    )
    print()
    for n, s in scores.items():
        print(f"{n}: start error median {np.median(s.start_err_ms):.0f} ms (p90 "
              f"{np.percentile(s.start_err_ms, 90):.0f}), end error median "
              f"{np.median(s.end_err_ms):.0f} ms (p90 {np.percentile(s.end_err_ms, 90):.0f}) over "
              f"{len(s.start_err_ms)} detected speech clips; {s.seconds * 1000:.2f} ms CPU per "
              "second of audio")  # fmt: skip


if __name__ == "__main__":
    main()
