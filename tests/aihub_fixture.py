"""Test builders for the training toolkit: an AI-Hub-shaped corpus and a tiny random Whisper.

The corpus mimics AI Hub 명령어 음성 (소아·유아 / 일반): one WAV (48 kHz, 16-bit mono, made
with espeak-ng + sox) and one JSON per utterance with the real section and field names
(기본정보, 음성정보, 전사정보.LabelText, 화자정보, 환경정보, 파일정보, 기타정보.QualityStatus),
audio and labels in separate [원천]/[라벨] trees as AI Hub ships them.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from random_whisper import TINY, build_random_whisper

__all__ = ["CHILD_SPEAKERS", "SENTENCES", "build_aihub_corpus", "build_tiny_whisper", "label_json"]

# (number, initials, age, espeak pitch, espeak speed): children high and quick, adults low
CHILD_SPEAKERS = [
    ("1001", "KMJ", "3~5", 90, 175),
    ("1002", "LSY", "3~5", 85, 165),
    ("1003", "PJH", "6~8", 80, 180),
    ("1004", "CHW", "6~8", 95, 160),
    ("1005", "JDY", "9~10", 75, 170),
    ("1006", "YSB", "9~10", 88, 185),
]
ADULT_SPEAKERS = [
    ("2001", "KJW", "20~29", 40, 150),
    ("2002", "LHN", "30~39", 30, 140),
    ("2003", "SMK", "40~49", 45, 145),
]
# (label text with AI Hub conventions, what espeak-ng says)
SENTENCES = [
    ("(3)/(세) 번 노래 틀어 줘.", "세 번 노래 틀어 줘"),
    ("b/ 불 켜 줘", "불 켜 줘"),
    ("음/ 뽀로로 보여 줘*", "음 뽀로로 보여 줘"),
    ("엄+ 엄마한테 전화해 줘 n/", "엄 엄마한테 전화해 줘"),
    ("(SP:공룡) 동화 읽어 줘", "공룡 동화 읽어 줘"),
    ("l/ 소리 크게 해 줘", "소리 크게 해 줘"),
]


@dataclass(frozen=True)
class Corpus:
    """Where the fixture corpus lies and what it holds."""

    root: Path
    utterances: int
    bad_quality: int
    too_short: int
    unintelligible: int
    missing_wav: int


def label_json(
    number: str,
    initials: str,
    age: str,
    text: str,
    wav_name: str,
    length_s: float | str,
    quality: str = "Good",
) -> dict[str, object]:
    """One label file in the AI Hub 명령어 음성 layout (values as the data sets write them)."""
    return {
        "기본정보": {
            "Language": "KOR", "Version": "1.0", "ApplicationCategory": "AI비서",
            "NumberOfSpeaker": number, "NumberOfUtterance": "N/A", "DataCategory": "ReadSpeech",
            "RecordingDate": "2020-10-01", "FillingDate": "N/A", "RevisionHistory": "N/A",
            "Distributor": "MediaZen",
        },
        "음성정보": {
            "SamplingRate": "48000", "NumberOfBit": "16", "ByteOrder": "LittleEndian",
            "EncodingLaw": "SignedIntegerPCM", "NumberOfChannel": "1", "SignalToNoiseRatio": "N/A",
        },
        "전사정보": {"LabelText": text},
        "화자정보": {
            "SpeakerName": initials, "Gender": "Female", "Age": age, "Region": "Seoul",
            "Dialect": "NotProvided",
        },
        "환경정보": {
            "RecordingEnviron": "Home", "NoiseEnviron": "Quiet", "RecordingDevice": "SmartPhone",
        },
        "파일정보": {
            "FileCategory": "Audio", "FileName": wav_name, "DirectoryPath": f"/{number}_{initials}",
            "HeaderSize": "44", "FileLength": length_s, "FileFormat": "WAV",
            "NumberOfRepeat": "1", "TimeInterval": "N/A", "Distance": "N/A",
        },
        "기타정보": {"QualityStatus": quality},
    }  # fmt: skip


def _say(text: str, pitch: int, speed: int, out: Path, rate: int = 48000) -> float:
    raw = out.with_suffix(".raw.wav")
    subprocess.run(
        ["espeak-ng", "-v", "ko", "-p", str(pitch), "-s", str(speed), "-w", str(raw), text],
        check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        ["sox", "-R", str(raw), "-r", str(rate), "-c", "1", "-b", "16", str(out)],
        check=True, capture_output=True,
    )  # fmt: skip
    raw.unlink()
    import soundfile as sf

    info = sf.info(str(out))
    return float(info.frames / info.samplerate)


def build_aihub_corpus(root: Path) -> Corpus:
    """6 child + 3 adult speakers x 6 sentences, plus four utterances prepare must skip."""
    audio_dir, label_dir = root / "[원천]명령어_소아유아", root / "[라벨]명령어_소아유아"
    n = 0
    for number, initials, age, pitch, speed in CHILD_SPEAKERS + ADULT_SPEAKERS:
        folder = f"{number}_G1A1_{initials}"
        (audio_dir / folder).mkdir(parents=True, exist_ok=True)
        (label_dir / folder).mkdir(parents=True, exist_ok=True)
        for k, (label, spoken) in enumerate(SENTENCES, 1):
            stem = f"{folder}_{k:06d}"
            seconds = _say(spoken, pitch, speed, audio_dir / folder / f"{stem}.wav")
            length: float | str = round(seconds, 2) if k % 2 else f"{seconds:.2f}"  # both forms
            data = label_json(number, initials, age, label, f"{stem}.wav", length)
            (label_dir / folder / f"{stem}.json").write_text(
                json.dumps(data, ensure_ascii=False), encoding="utf-8-sig" if k == 1 else "utf-8"
            )
            n += 1
    # the four bad ones, all from the first child
    number, initials, age, pitch, speed = CHILD_SPEAKERS[0]
    folder = f"{number}_G1A1_{initials}"

    def bad(stem: str, text: str, length: float, quality: str = "Good", audio: bool = True) -> None:
        if audio:
            _say("불 꺼 줘", pitch, speed, audio_dir / folder / f"{stem}.wav")
        data = label_json(number, initials, age, text, f"{stem}.wav", length, quality)
        (label_dir / folder / f"{stem}.json").write_text(json.dumps(data, ensure_ascii=False))

    bad(f"{folder}_900001", "불 꺼 줘", 1.0, quality="Bad")
    bad(f"{folder}_900002", "불 꺼 줘", 30.0)  # label says 30 s: the audio was cut
    bad(f"{folder}_900003", "u/ 불 꺼 줘", 1.0)
    bad(f"{folder}_900004", "불 꺼 줘", 1.0, audio=False)
    return Corpus(root, n, bad_quality=1, too_short=1, unintelligible=1, missing_wav=1)


def build_tiny_whisper(folder: Path, vocab_extra: int = 0) -> Path:
    """A 2-layer random Whisper with a byte-level tokenizer written in code (no downloads)."""
    return build_random_whisper(folder, TINY, seed=0, vocab_extra=vocab_extra)
