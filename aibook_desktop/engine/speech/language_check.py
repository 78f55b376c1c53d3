"""Did the recogniser answer in the language the child was asked to speak?

Kept apart from the hallucination guard (``guard.py``): the guard judges whether anything was
said; this judges whether the answer can be the requested language at all. An English-only
model given Korean speech returns English-looking nonsense with decent confidence, and a
multilingual one may drift into the other language; either way the child should try again
rather than see a theme in the wrong language.
"""

from __future__ import annotations

import unicodedata

__all__ = ["WRONG_LANGUAGE", "language_mismatch", "script_of"]

WRONG_LANGUAGE = "wrong_language"  # the Transcript.rejected code


def _letters(text: str) -> tuple[int, int]:
    """(Hangul/CJK letters, Latin letters) in ``text``."""
    hangul = latin = 0
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith(("HANGUL", "CJK")):
            hangul += 1
        elif name.startswith("LATIN"):
            latin += 1
    return hangul, latin


def script_of(text: str) -> str:
    """ "ko" when most letters are Hangul, "en" when most are Latin, "" when it cannot tell."""
    hangul, latin = _letters(text)
    if hangul == latin:
        return ""
    return "ko" if hangul > latin else "en"


def language_mismatch(text: str, detected: str, requested: str) -> bool:
    """True when the recogniser's language, or the text's script, is not the requested one.

    ``detected`` is what the backend reports ("" when it cannot tell); a model that is
    English-only reports "en" whatever it was asked. The script rule only fires when the text
    has none of the requested script and some of the other: a Korean child may say
    "로봇 robot", and digits or punctuation say nothing about the language.
    """
    if detected and requested and detected != requested:
        return True
    hangul, latin = _letters(text)
    if requested == "ko":
        return latin > 0 and hangul == 0
    if requested == "en":
        return hangul > 0 and latin == 0
    return False
