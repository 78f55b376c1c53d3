"""Transcript cleaning for AI Hub 명령어 음성 labels: one small, tested function per convention."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "CleaningOptions",
    "choose_dual_transcription",
    "clean_transcript",
    "handle_fillers",
    "handle_repetitions",
    "handle_unintelligible",
    "mark_filled_pauses",
    "normalise_spacing",
    "remove_noise_tags",
    "remove_uncertain_marks",
    "resolve_spoken_tags",
]

Side = Literal["spelling", "pronunciation"]
Policy = Literal["drop", "keep"]

# (철자 전사)/(발음 전사), e.g. "(3)/(세) 번" or "(1시)/(한 시)": both sides in parentheses.
_DUAL = re.compile(r"\(([^()]*)\)/\(([^()]*)\)")
# (SP:x), (FP:x), (NO:x), (SN:x)...: a two-or-more-letter code, a colon, the spoken part.
_TAG = re.compile(r"\(([A-Z]{2,}):\s*([^()]*?)\s*\)")
# Noise tags: b/ breath, l/ laughter, o/ overlap, n/ noise. They start a token, or are glued
# to the end of a word that is not Latin ("불 켜 줘b/"): the word stays, the tag goes.
_NOISE = re.compile(r"(?:(?<=\s)|^|(?<=[^\sA-Za-z/+]))[blon]/")
_UNINTELLIGIBLE = re.compile(r"(?:(?<=\s)|^|(?<=[^\sA-Za-z/+]))u/")
# (FP:x) is a filled pause ("um"): a filler, not a word, whatever the spoken part is.
_FILLED_PAUSE = re.compile(r"\(FP:\s*([^()]*?)\s*\)")
# A filler word carries a slash at its end: "어/", "음/" (after noise tags are gone).
_FILLER = re.compile(r"(\S+?)/(?=\s|$|[.,?!])")
# A repeated (stuttered) word carries a plus at its end: "나+ 나는".
_REPEAT = re.compile(r"(\S+?)\+(?=\s|$|[.,?!])")
_LEFTOVER = re.compile(r"[+*(){}<>#@^&=_~|\\`]")  # [] survive: the u/ marker is "[unk]"
_STRAY_SLASH = re.compile(r"(?<!\d)/|/(?!\d)")  # "1/2" (a fraction) keeps its slash
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,?!])")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class CleaningOptions:
    """How to read the label conventions; defaults are what the recognizer should output."""

    side: Side = "spelling"  # dual transcription: which side becomes the training text
    unintelligible: Literal["drop", "mark"] = "drop"  # a u/ utterance: skipped, or marked
    marker: str = "[unk]"  # what replaces u/ when unintelligible == "mark"
    fillers: Policy = "drop"  # "어/" fillers: the app wants commands, not hesitations
    repetitions: Policy = "drop"  # "나+" stutters: keep only the completed word


def mark_filled_pauses(text: str) -> str:
    """`(FP:어)` becomes the filler `어/`, so the filler policy decides (dropped by default)."""
    return _FILLED_PAUSE.sub(lambda m: f"{m.group(1)}/ " if m.group(1) else " ", text)


def resolve_spoken_tags(text: str) -> str:
    """`(SP:x)` and other coded tags keep their spoken part x (repeated: tags can nest)."""
    previous = None
    while previous != text:
        previous, text = text, _TAG.sub(lambda m: m.group(2), text)
    return text


def choose_dual_transcription(text: str, side: Side = "spelling") -> str:
    """`(spelling)/(pronunciation)` becomes one side: spelling matches how the app will write it."""
    group = 1 if side == "spelling" else 2
    return _DUAL.sub(lambda m: m.group(group), text)


def handle_unintelligible(
    text: str, policy: Literal["drop", "mark"] = "drop", marker: str = "[unk]"
) -> str | None:
    """A `u/` utterance has words nobody could hear: None (skip it) or the tag as `marker`."""
    if not _UNINTELLIGIBLE.search(text):
        return text
    if policy == "drop":
        return None
    return _UNINTELLIGIBLE.sub(f"{marker} ", text)


def remove_noise_tags(text: str) -> str:
    """`b/ l/ o/ n/` describe the recording (breath, laughter, overlap, noise), not words."""
    return _NOISE.sub(" ", text)


def remove_uncertain_marks(text: str) -> str:
    """`*` flags a word the transcriber was unsure of; the word itself stays."""
    return text.replace("*", "")


def handle_fillers(text: str, policy: Policy = "drop") -> str:
    """`word/` is a filler (어/, 음/): dropped, or kept without its slash."""
    return _FILLER.sub("" if policy == "drop" else r"\1", text)


def handle_repetitions(text: str, policy: Policy = "drop") -> str:
    """`word+` is a repeated or broken-off word: dropped, or kept without its plus."""
    return _REPEAT.sub("" if policy == "drop" else r"\1", text)


def normalise_spacing(text: str) -> str:
    """NFC, leftover markup symbols removed, one space between words, none before punctuation."""
    text = unicodedata.normalize("NFC", text)
    text = _LEFTOVER.sub(" ", text)
    text = _STRAY_SLASH.sub(" ", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


def clean_transcript(text: str, options: CleaningOptions | None = None) -> str | None:
    """The label's text as training text, or None when the utterance must be skipped.

    Order matters: tags and dual transcriptions carry parentheses and slashes that the later
    rules would otherwise misread as fillers.
    """
    opts = options or CleaningOptions()
    out = resolve_spoken_tags(mark_filled_pauses(text))
    out = choose_dual_transcription(out, opts.side)
    maybe = handle_unintelligible(out, opts.unintelligible, opts.marker)
    if maybe is None:
        return None
    out = remove_noise_tags(maybe)
    out = handle_fillers(out, opts.fillers)
    out = handle_repetitions(out, opts.repetitions)
    out = remove_uncertain_marks(out)
    out = normalise_spacing(out)
    return out or None
