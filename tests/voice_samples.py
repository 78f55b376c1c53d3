"""Real test audio made on the spot: espeak-ng speech (ko/en), sox "child-like" variants, noise.

Imported by the voice tests and bench/bench_asr.py; needs the espeak-ng and sox programs.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

__all__ = [
    "CHILD_VARIANTS",
    "ENGLISH",
    "KOREAN",
    "Sample",
    "have_tools",
    "make_noise_set",
    "make_speech_set",
    "speak",
]

ENGLISH = [
    "The cat is sleeping on the red chair.",
    "I want to draw a big yellow sun.",
    "A dinosaur who eats ice cream.",
    "We went to the park and played football.",
    "My favourite animal is the elephant.",
    "A rabbit who wants to fly to the moon.",
]
KOREAN = [
    "고양이가 빨간 의자에서 자고 있어요.",
    "아이스크림을 먹는 공룡 이야기.",
    "달나라에 가고 싶은 토끼.",
    "우리는 공원에서 축구를 했어요.",
]
# sox effects for "child-like" speech: pitch up 500-700 cents, tempo 0.9-1.15
CHILD_VARIANTS = [
    ["pitch", "500", "tempo", "1.1"],
    ["pitch", "600", "tempo", "0.9"],
    ["pitch", "700", "tempo", "1.15"],
]


@dataclass(frozen=True)
class Sample:
    path: Path
    text: str
    lang: str
    variant: str  # "normal" | "child"


def have_tools() -> bool:
    return bool(shutil.which("espeak-ng") and shutil.which("sox"))


def _run(*args: str) -> None:
    subprocess.run(args, check=True, capture_output=True)


def speak(text: str, lang: str, out: Path, effects: list[str] | None = None) -> Path:
    """espeak-ng at 150 wpm, then sox to 16 kHz mono int16 (``-R``: no random dither)."""
    raw = out.with_suffix(".raw.wav")
    voice = "ko" if lang == "ko" else "en-us"
    _run("espeak-ng", "-v", voice, "-s", "150", "-w", str(raw), text)
    _run("sox", "-R", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(out), *(effects or []))
    raw.unlink()
    return out


def make_speech_set(folder: Path, langs: tuple[str, ...] = ("en", "ko")) -> list[Sample]:
    """Every sentence normal and child-like (the child variants cycle through CHILD_VARIANTS)."""
    folder.mkdir(parents=True, exist_ok=True)
    samples = []
    for lang in langs:
        for i, text in enumerate(ENGLISH if lang == "en" else KOREAN):
            normal = speak(text, lang, folder / f"{lang}{i}_normal.wav")
            samples.append(Sample(normal, text, lang, "normal"))
            fx = CHILD_VARIANTS[i % len(CHILD_VARIANTS)]
            child = speak(text, lang, folder / f"{lang}{i}_child.wav", fx)
            samples.append(Sample(child, text, lang, "child"))
    return samples


def make_noise_set(folder: Path, speech: Path) -> dict[str, Path]:
    """silence, white noise, a clipped (shouted) sentence and a 60 s ramble, as 16 kHz WAVs."""
    folder.mkdir(parents=True, exist_ok=True)
    rate = 16000
    out = {name: folder / f"{name}.wav" for name in ("silence", "noise", "clipped", "ramble")}
    sf.write(out["silence"], np.zeros(2 * rate, dtype=np.int16), rate, subtype="PCM_16")
    _run("sox", "-R", "-n", "-r", "16000", "-c", "1", "-b", "16", str(out["noise"]),
         "synth", "2", "whitenoise", "vol", "0.3")  # fmt: skip
    _run("sox", "-R", str(speech), str(out["clipped"]), "gain", "30")
    voice, _ = sf.read(speech, dtype="int16")
    pause = np.zeros(rate // 2, dtype=np.int16)
    reps = int(np.ceil(60 * rate / (len(voice) + len(pause))))
    ramble = np.concatenate([np.concatenate([voice, pause])] * reps)[: 60 * rate]
    sf.write(out["ramble"], ramble, rate, subtype="PCM_16")
    return out
