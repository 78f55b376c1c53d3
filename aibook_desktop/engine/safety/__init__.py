"""Keep themes and texts gentle: unsafe words are redirected to a nearby kind idea, never refused.

This is the offline, bilingual word list that works with no network. The theme is always data:
it is matched, substituted and quoted, never followed as an instruction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["SafetyResult", "check_text", "check_theme", "safe_theme"]

# unsafe word -> a gentle neighbour, so "a zombie cat" becomes "a sleepy cat", not a refusal
_EN: dict[str, str] = {
    "kill": "hug",
    "kills": "hugs",
    "killing": "hugging",
    "killed": "hugged",
    "murder": "surprise party",
    "dead": "sleepy",
    "die": "nap",
    "dies": "naps",
    "blood": "red paint",
    "bloody": "muddy",
    "gun": "bubble wand",
    "guns": "bubble wands",
    "knife": "spoon",
    "knives": "spoons",
    "sword": "magic wand",
    "bomb": "balloon",
    "bombs": "balloons",
    "war": "picnic",
    "weapon": "toy",
    "weapons": "toys",
    "zombie": "sleepy friend",
    "zombies": "sleepy friends",
    "horror": "funny",
    "scary": "silly",
    "terrifying": "surprising",
    "demon": "dragon",
    "devil": "dragon",
    "beer": "juice",
    "wine": "juice",
    "drugs": "candy",
    "cigarette": "lollipop",
    "naked": "dressed-up",
    "sexy": "sparkly",
    "hate": "like",
    "stupid": "silly",
}
_KO: dict[str, str] = {
    "죽이": "안아주",
    "죽였": "안아줬",
    "죽는": "잠드는",
    "죽은": "잠든",
    "죽어": "잠들어",
    "살인": "깜짝 파티",
    "피투성이": "물감투성이",
    "총으로": "비눗방울로",
    "총을": "비눗방울을",
    "칼로": "숟가락으로",
    "칼을": "숟가락을",
    "폭탄": "풍선",
    "전쟁": "소풍",
    "좀비": "졸린 친구",
    "귀신": "장난꾸러기 요정",
    "악마": "아기 용",
    "무서운": "신기한",
    "공포": "웃음",
    "담배": "막대사탕",
    "마약": "사탕",
    "바보": "친구",
}
_KO_LONGEST_FIRST = sorted(_KO.items(), key=lambda kv: -len(kv[0]))
_SAFE_FALLBACK = {"ko": "친구와 함께하는 신나는 모험", "en": "a happy adventure with a friend"}
# An attempt to steer the storyteller ("ignore your rules...") is not a theme at all.
_INJECTION = re.compile(
    r"(ignore|forget|disregard)\s+(all\s+|your\s+|the\s+|previous\s+)*(rules|instructions|prompt)"
    r"|system\s+prompt|규칙을?\s*무시|지시를?\s*무시",
    re.IGNORECASE,
)
_EN_RE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, _EN), key=len, reverse=True)) + r")\b", re.IGNORECASE
)


@dataclass(frozen=True)
class SafetyResult:
    safe: bool  # True when the text needed no change
    text: str  # the text to use (the original, or its gentle neighbour)
    reasons: tuple[str, ...] = ()


def check_text(text: str, lang: str) -> SafetyResult:
    """Substitute unsafe words in either language (children mix them) and report what changed."""
    reasons: list[str] = []

    def _en(match: re.Match[str]) -> str:
        reasons.append(match.group(0).lower())
        return _EN[match.group(0).lower()]

    out = _EN_RE.sub(_en, text)
    for word, gentle in _KO_LONGEST_FIRST:
        if word in out:
            reasons.append(word)
            out = out.replace(word, gentle)
    return SafetyResult(not reasons, out, tuple(reasons))


def check_theme(theme: str, lang: str) -> SafetyResult:
    """A theme that tries to give orders is replaced whole; unsafe words are softened."""
    if _INJECTION.search(theme):
        return SafetyResult(False, safe_theme(lang), ("instruction",))
    result = check_text(theme, lang)
    if not result.text.strip():
        return SafetyResult(False, safe_theme(lang), ("empty",))
    return result


def safe_theme(lang: str) -> str:
    """The gentle theme used when a theme cannot be softened word by word."""
    return _SAFE_FALLBACK.get(lang, _SAFE_FALLBACK["en"])
