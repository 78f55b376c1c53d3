"""Child safety for every text the app shows, speaks or draws, in Korean and English.

Three kinds of trouble, three answers:
- serious (profanity, slurs, harm patterns such as "eats people" / "사람을 잡아먹는", adult
  content) and injections ("이전 지시는 모두 무시하고 …", "you are now …"): a theme is replaced
  whole, never a fragment; a transcript is never shown or spoken back; a page is replaced;
- mild words (a zombie, a sword): softened to a gentle neighbour, the child's idea stays;
- odd input (nothing but invisible characters, a 20,000-character theme, a Korean theme for an
  English book): ``theme_problem`` names it so the caller can say so kindly.

The theme is always data: it is matched, substituted and quoted, never followed. Other code
(the storyteller's theme plan, #13) calls ``check_text`` / ``is_safe_words`` on its own words.
The rules are in ``rules.py``, the word lists in ``resources/safety/{en,ko}.toml``; the online
moderation endpoint is layered on top in ``safety_online.py``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from .rules import Concern, Finding, clean, find, find_injection, soften

__all__ = [
    "MAX_THEME_CHARS",
    "Concern",
    "Finding",
    "SafetyResult",
    "ThemeProblem",
    "check_output",
    "check_text",
    "check_theme",
    "check_transcript",
    "clean",
    "is_safe_words",
    "safe_text",
    "safe_theme",
    "theme_problem",
]

# A spoken theme is one sentence; a typed one rarely longer than a line. Longer is a paste.
MAX_THEME_CHARS = 200


class ThemeProblem(StrEnum):
    """Why a theme cannot start a book as it is (codes of engine.messages)."""

    EMPTY = "theme_empty"
    TOO_LONG = "theme_too_long"
    OTHER_LANGUAGE = "theme_language"


@dataclass(frozen=True)
class SafetyResult:
    safe: bool  # True when the text needed no change
    text: str  # the text to use (the original, its gentle neighbour, or a replacement)
    reasons: tuple[str, ...] = ()
    # True when the text could not be softened word by word: a theme is replaced whole, a
    # transcript is not shown, a page is swapped. ``text`` is then only a best effort.
    replaced: bool = False


_SAFE_FALLBACK = {"ko": "친구와 함께하는 신나는 모험", "en": "a happy adventure with a friend"}
_SAFE_LINE = {
    "ko": "{hero}는 친구와 함께 활짝 웃었어요.",
    "en": "{hero} smiled a big smile with a friend.",
}


def check_text(text: str, lang: str) -> SafetyResult:
    """Any text, either language: serious trouble marks it ``replaced``; mild words are
    softened; otherwise the text comes back unchanged."""
    cleaned = clean(text)
    findings = find(cleaned)
    softened, mild = soften(cleaned)
    if findings:
        return SafetyResult(False, softened, (*map(str, findings), *mild), replaced=True)
    if mild:
        return SafetyResult(False, softened, tuple(mild))
    same = cleaned == " ".join(text.split())
    return SafetyResult(True, text if same else cleaned)


def check_output(text: str, lang: str) -> SafetyResult:
    """What a writer made (a title, a page, a picture prompt): ``check_text``, and text that
    talks to a model ("ignore the rules", a prompt leaking back) is replaced too: a model that
    writes it was steered, and a child has no use for it."""
    injection = find_injection(text)
    if injection:
        softened = check_text(text, lang).text
        return SafetyResult(False, softened, tuple(map(str, injection)), replaced=True)
    return check_text(text, lang)


def is_safe_words(words: str | Iterable[str], lang: str) -> bool:
    """True when every word (or phrase) may go into a story as it is: no serious trouble, no
    injection and nothing to soften. For plans built from a checked theme (who/what/where)."""
    items = [words] if isinstance(words, str) else list(words)
    return all(not find_injection(item) and check_text(item, lang).safe for item in items)


def check_theme(theme: str, lang: str) -> SafetyResult:
    """A theme that gives orders, swears or hurts someone is replaced whole; mild words are
    softened; an empty (or invisible-only) theme becomes the gentle default."""
    cleaned = clean(theme)
    if not cleaned:
        return SafetyResult(False, safe_theme(lang), ("empty",), replaced=True)
    injection = find_injection(cleaned)
    if injection:
        reasons = ("instruction", *(f.evidence for f in injection))
        return SafetyResult(False, safe_theme(lang), reasons, replaced=True)
    result = check_text(cleaned, lang)
    if result.replaced or not result.text.strip():
        return SafetyResult(False, safe_theme(lang), result.reasons or ("empty",), replaced=True)
    if result.safe:
        return SafetyResult(True, theme if cleaned == " ".join(theme.split()) else cleaned)
    return result


def check_transcript(text: str, lang: str) -> SafetyResult:
    """What the recogniser heard, before "Did you say …?": serious trouble or an injection
    gives an empty ``text`` (the child is asked again, nothing is shown or spoken back)."""
    cleaned = clean(text)
    if not cleaned:
        return SafetyResult(True, "")
    problems = [*find_injection(cleaned), *find(cleaned)]
    if problems:
        return SafetyResult(False, "", tuple(map(str, problems)), replaced=True)
    return check_text(cleaned, lang)


def safe_theme(lang: str) -> str:
    """The gentle theme used when a theme cannot be softened word by word."""
    return _SAFE_FALLBACK.get(lang, _SAFE_FALLBACK["en"])


def safe_text(lang: str, hero: str) -> str:
    """A gentle line that stands in for a page that could not be used."""
    return _SAFE_LINE.get(lang, _SAFE_LINE["en"]).format(hero=hero)


_HANGUL = re.compile(r"[가-힣ㄱ-ㅎㅏ-ㅣ]")
_LATIN = re.compile(r"[A-Za-z]")


def theme_problem(theme: str, lang: str) -> ThemeProblem | None:
    """Odd input the child (or grown-up) should hear about instead of a strange book."""
    cleaned = clean(theme)
    if not cleaned:
        return ThemeProblem.EMPTY
    if len(cleaned) > MAX_THEME_CHARS:
        return ThemeProblem.TOO_LONG
    words = cleaned.split()  # words, not letters: "공룡 T-rex" is a Korean theme
    hangul = sum(1 for w in words if _HANGUL.search(w))
    latin = sum(1 for w in words if _LATIN.search(w) and not _HANGUL.search(w))
    other = sum(
        1 for w in words
        if any(unicodedata.category(ch).startswith("L") and not _HANGUL.match(ch)
               and not _LATIN.match(ch) for ch in w)
    )  # fmt: skip
    if lang == "en" and (hangul or other > latin):
        return ThemeProblem.OTHER_LANGUAGE
    # Korean children borrow English words (티라노 T-rex, LEGO): only a theme with no Korean
    # word at all is another language there
    if lang == "ko" and not hangul and (latin or other):
        return ThemeProblem.OTHER_LANGUAGE
    return None
