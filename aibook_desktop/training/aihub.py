"""AI Hub 명령어 음성 label files: the JSON schema we rely on, and one utterance read from it.

The label schema (dataSetSn 94/95/96, 명령어 음성 노인/소아·유아/일반): one JSON per WAV with the
sections 기본정보 (NumberOfSpeaker, Language...), 음성정보 (SamplingRate, NumberOfBit,
NumberOfChannel...), 전사정보 (LabelText), 화자정보 (SpeakerName, Gender, Age, Region, Dialect),
환경정보 (RecordingEnviron, NoiseEnviron, RecordingDevice), 파일정보 (FileName, DirectoryPath,
FileLength in seconds...), 기타정보 (QualityStatus "Good"...). Numbers may be strings. Field
names come from public loaders of these data sets; anything missing is treated as unknown.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cleaning import CleaningOptions, clean_transcript

__all__ = [
    "LabelRecord",
    "age_group",
    "read_label",
    "sentence_id",
    "speaker_group",
]

_AGE_NUMBERS = re.compile(r"\d+")
_NOT_CONTENT = re.compile(r"[\s\W_]+", re.UNICODE)


@dataclass(frozen=True)
class LabelRecord:
    """What prepare needs from one label JSON; `text` is None when cleaning drops it."""

    label_path: str
    wav_name: str
    raw_text: str
    text: str | None
    speaker: str
    age: str
    gender: str
    quality: str
    file_length_s: float | None
    sampling_rate: int | None


def _get(data: dict[str, Any], section: str, key: str) -> str:
    value = data.get(section, {}).get(key, "")
    return "" if value is None else str(value).strip()


def _float(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def read_label(path: Path, options: CleaningOptions | None = None) -> LabelRecord:
    """Parse one label file (UTF-8, with or without BOM) into a LabelRecord."""
    data = json.loads(path.read_text(encoding="utf-8-sig"))
    raw = _get(data, "전사정보", "LabelText")
    # The speaker number is unique; SpeakerName is only initials ("KJW") and repeats.
    number = _get(data, "기본정보", "NumberOfSpeaker")
    name = _get(data, "화자정보", "SpeakerName")
    speaker = "_".join(p for p in (number, name) if p and p != "N/A") or path.parent.name
    wav_name = _get(data, "파일정보", "FileName") or path.with_suffix(".wav").name
    rate = _float(_get(data, "음성정보", "SamplingRate"))
    return LabelRecord(
        label_path=str(path),
        wav_name=wav_name,
        raw_text=raw,
        text=clean_transcript(raw, options) if raw else None,
        speaker=speaker,
        age=_get(data, "화자정보", "Age"),
        gender=_get(data, "화자정보", "Gender"),
        quality=_get(data, "기타정보", "QualityStatus"),
        file_length_s=_float(_get(data, "파일정보", "FileLength")),
        sampling_rate=int(rate) if rate else None,
    )


def age_group(age: str) -> str:
    """'3~5' / '3-5세' / '7' -> '3-5' / '3-5' / '7'; anything unreadable -> 'unknown'."""
    numbers = _AGE_NUMBERS.findall(age)
    if not numbers:
        return "unknown"
    return "-".join(numbers[:2])


def speaker_group(age: str, child_max_age: int = 12) -> str:
    """'child' when the speaker's age range tops out at `child_max_age` or below, else 'adult'."""
    numbers = [int(n) for n in _AGE_NUMBERS.findall(age)]
    if not numbers:
        return "unknown"
    return "child" if max(numbers[:2]) <= child_max_age else "adult"


def sentence_id(text: str) -> str:
    """Same words -> same id, whatever the spacing and punctuation (the split's unit)."""
    key = _NOT_CONTENT.sub("", text).lower()
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
