"""The backends a setting may name, as enums whose values are the settings files' strings.

Below the families (settings validates these names, and settings is below the families);
each family's ``__init__`` re-exports its own. ``StrEnum``: a value equals its old string, so
settings files written before these existed still load, and JSON and TOML stay plain text.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["PictureBackend", "SpeechBackend", "StoryBackend"]


class StoryBackend(StrEnum):
    OFFLINE = "offline"  # the embedded storyteller: everyone's fallback
    OPENAI = "openai"  # any OpenAI-compatible server


class PictureBackend(StrEnum):
    SKETCH = "sketch"  # the embedded painter: everyone's fallback
    SDXL = "sdxl"
    OPENAI = "openai"
    REMOTE = "remote"  # an `aibook serve` GPU box (issue #18)


class SpeechBackend(StrEnum):
    AUTO = "auto"
    WHISPER = "whisper"
    FASTER_WHISPER = "faster-whisper"
    EMBEDDED = "embedded"
    VOSK = "vosk"
    REMOTE = "remote"  # an `aibook serve` GPU box (issue #18)
    NONE = "none"
