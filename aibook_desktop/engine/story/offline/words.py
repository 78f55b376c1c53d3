"""Words for the offline storyteller: page lengths, Korean particles and names, the theme.

Kept apart from the story arcs so the rules of the language can be tested on their own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .arcs import tokenize

__all__ = [
    "KoreanName",
    "attach_josa",
    "clean_theme",
    "english_names",
    "final_consonant",
    "korean_name",
    "page_length",
    "page_length_bounds",
    "page_length_target",
    "theme_forms",
]

# (oldest age in the band, (min, max)): Korean counts characters without spaces, English words.
_BANDS: dict[str, tuple[tuple[int, tuple[int, int]], ...]] = {
    "ko": ((4, (6, 18)), (6, (8, 22)), (7, (10, 25)), (10, (15, 40))),
    "en": ((4, (3, 10)), (6, (5, 14)), (7, (6, 18)), (10, (8, 28))),
}
_TARGETS = {"ko": (12, 16, 20, 30), "en": (7, 10, 13, 20)}


def _band(lang: str, age: int) -> int:
    if lang not in _BANDS:
        raise ValueError(f"no page lengths for language {lang!r}")
    if not 3 <= age <= 10:
        raise ValueError(f"age must be 3-10, not {age}")
    return next(i for i, (top, _) in enumerate(_BANDS[lang]) if age <= top)


def page_length_bounds(lang: str, age: int) -> tuple[int, int]:
    """How long a page may be for a child of ``age`` (Korean: characters without spaces;
    English: words). Younger children get fewer words per page, as in the original (age 7:
    10-25 Korean characters)."""
    band = _band(lang, age)
    return _BANDS[lang][band][1]


def page_length_target(lang: str, age: int) -> int:
    """The length a page aims for inside its band: older children get the longer telling."""
    return _TARGETS[lang][_band(lang, age)]


def page_length(text: str, lang: str) -> int:
    """A page's length in the unit of :func:`page_length_bounds`."""
    if lang == "ko":
        return len(re.sub(r"\s+", "", text))
    return sum(1 for word in text.split() if any(ch.isalnum() for ch in word))


# ---- Korean particles (josa) ---------------------------------------------------------------
_DIGIT_FINAL = dict(zip("0123456789", (21, 8, 0, 16, 0, 0, 1, 8, 8, 0), strict=True))
_RIEUL = 8  # the final consonant ㄹ takes "로", not "으로"
_PAIRS: dict[str, tuple[str, str]] = {}  # particle -> (after a final consonant, after a vowel)
for _pair in (("은", "는"), ("이", "가"), ("을", "를"), ("과", "와"), ("아", "야"),
              ("이랑", "랑"), ("으로", "로"), ("이에요", "예요"), ("이었어요", "였어요"),
              ("이나", "나")):  # fmt: skip
    _PAIRS[_pair[0]] = _PAIRS[_pair[1]] = _pair


def final_consonant(word: str) -> int:
    """The final consonant (jongseong index, 0 = none) of how ``word`` ends when read aloud.

    Latin letters and digits are read the Korean way ("Sam은", "3이"): a guess, but a kind one.
    """
    for ch in reversed(word):
        if "가" <= ch <= "힣":
            return (ord(ch) - 0xAC00) % 28
        if ch in _DIGIT_FINAL:
            return _DIGIT_FINAL[ch]
        if ch.isascii() and ch.isalpha():
            low = ch.lower()
            return 0 if low in "aeiouyrw" else _RIEUL if low == "l" else 1  # Peter는, Sam은
        if ch.isalnum():
            return 0
    return 0


def attach_josa(word: str, particle: str) -> str:
    """``word`` plus the particle form its last sound asks for: 키키는, 도윤은, 달로, 별로, 집으로.

    ``particle`` may be either form of a pair ("은" or "는"); anything else is appended as is.
    """
    pair = _PAIRS.get(particle)
    if pair is None:
        return word + particle
    final = final_consonant(word)
    if pair[0] == "으로":
        return word + ("로" if final in (0, _RIEUL) else "으로")
    return word + (pair[0] if final else pair[1])


_SURNAMES = set(
    "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용"
)


@dataclass(frozen=True)
class KoreanName:
    """A name as it stands in a sentence: "도윤이" (a name ending in a consonant takes the
    friendly 이, as Korean picture books do), and how it is called: "도윤아"."""

    text: str
    vocative: str

    def say(self, particle: str = "") -> str:
        if particle in ("아", "야"):
            return self.vocative
        return attach_josa(self.text, particle) if particle else self.text


def _hangul(text: str) -> bool:
    return bool(text) and all("가" <= ch <= "힣" for ch in text)


def _ko_word(token: str) -> KoreanName:
    if _hangul(token) and len(token) <= 2 and final_consonant(token):
        return KoreanName(token + "이", token + "아")
    return KoreanName(token, attach_josa(token, "야"))


def korean_name(name: str) -> tuple[KoreanName, KoreanName]:
    """(full, short): "고양이 키키" -> 고양이 키키 / 키키; "김도윤" -> 김도윤 / 도윤이."""
    tokens = name.split()
    if not tokens or tokens in (["나"], ["저"]):
        return KoreanName("꼬마 콩이", "콩이야"), KoreanName("콩이", "콩이야")
    if not any(_hangul(t) for t in tokens):  # "Mia Rose": called by the first name
        full = " ".join(tokens[:3])
        return KoreanName(full, attach_josa(full, "아")), _ko_word(tokens[0])
    tokens = [t[:6] for t in tokens[-2:]]
    last = tokens[-1]
    if len(tokens) == 1 and len(last) == 3 and _hangul(last) and last[0] in _SURNAMES:
        short = _ko_word(last[1:])
        return KoreanName(last, short.vocative), short
    short = _ko_word(last)
    lead = " ".join(tokens[:-1])
    return KoreanName(f"{lead} {short.text}".strip(), short.vocative), short


def english_names(name: str) -> tuple[str, str]:
    """(full, short): "Kiki the cat" -> Kiki; "Captain Zoom" stays whole."""
    words = name.split()[:3]
    if not words or " ".join(words).lower() in ("me", "i", "myself"):
        return "Little One", "Little One"
    if all(w.islower() for w in words):
        words[0] = words[0].capitalize()
    full = " ".join(words)
    short = full.split(" the ")[0] if " the " in full else " ".join(words[:2])
    return full, short


# ---- The child's theme ---------------------------------------------------------------------
_FILLER = re.compile(
    r"^(?:u+m+|u+h+|u*h+m+|e+r+m*|a+h+|e+h+|m+|으*음+|어+|그+|저기?|아+|에+|흠+|막|뭐)$",
    re.IGNORECASE,
)
_LEAD_INS = tuple(
    p.split()
    for p in (
        "i want a story about", "i want a book about", "tell me a story about", "tell me about",
        "make a story about", "make a book about", "can you make", "a story about",
        "a book about", "story about", "i want to", "i wanna", "i want", "i like", "i love",
        "you know", "i mean", "please", "about", "so", "well", "okay", "ok", "and", "like",
        "i",
    )
)  # fmt: skip
_EN_TAILS = {"please", "thanks", "ok", "okay", "now"}
_KO_REQUEST = re.compile(
    r"^(?:해|만들어|들려|보여|써|얘기해|이야기해)?(?:줘|줘요|주세요|줄래|줄래요)$|^해요?$"
)
_KO_WISH = {"싶어", "싶어요", "싶다", "싶은데", "좋겠어", "좋겠어요"}
_GERUNDS = {
    "fly": "flying", "go": "going", "swim": "swimming", "play": "playing", "find": "finding",
    "make": "making", "visit": "visiting", "see": "seeing", "meet": "meeting", "ride": "riding",
    "dance": "dancing", "build": "building", "explore": "exploring", "travel": "traveling",
    "eat": "eating", "help": "helping", "climb": "climbing", "sing": "singing", "bake": "baking",
    "dig": "digging", "catch": "catching", "save": "saving", "learn": "learning", "be": "being",
    "become": "becoming", "have": "having", "get": "getting", "take": "taking",
}  # fmt: skip


def clean_theme(text: str) -> str:
    """The theme as a short phrase: fillers and lead-ins ("umm", "음", "tell me about") gone.

    The theme is data, never instructions: only words survive, capped at 12, and they are only
    ever inserted into sentences, never read as templates.
    """
    text = unicodedata.normalize("NFC", text)
    raw = re.findall(r"[^\W_]+(?:['-][^\W_]+)*|[,.!?…]", text)
    words: list[str] = []
    for i, tok in enumerate(raw):
        if _FILLER.match(tok) or tok in ",.!?…":
            continue
        if tok.lower() == "like" and (
            not words or i + 1 == len(raw) or raw[i + 1] in ",.!?…" or raw[i - 1] in ",.!?…"
        ):
            continue
        words.append(tok)
    changed = True
    while changed and words:
        changed = False
        for lead in _LEAD_INS:
            if [w.lower() for w in words[: len(lead)]] == lead and len(words) > len(lead):
                words, changed = words[len(lead) :], True
                break
    while len(words) > 1 and (_KO_REQUEST.match(words[-1]) or words[-1].lower() in _EN_TAILS):
        words.pop()
    if len(words) > 1 and words[-1] in _KO_WISH:
        words.pop()  # "바다에서 놀고 싶어" -> 바다에서 놀기
        if words[-1].endswith("고") and len(words[-1]) > 1:
            words[-1] = words[-1][:-1] + "기"
    if len(words) > 1 and words[-1] in ("이야기", "얘기") and final_consonant(words[-2]) != 4:
        words.pop()  # "공룡 이야기" -> 공룡, but "친구가 되는 이야기" keeps its noun
    if words and words[0].lower() in ("to",) and len(words) > 1:
        words = words[1:]
    if words and words[0].lower() in _GERUNDS:
        words[0] = _GERUNDS[words[0].lower()]
    words = ["the" if w.lower() == "my" else w for w in words]  # "my first day" -> the hero's
    if words and words[0][:1].isupper() and words[0][1:].islower() and words[0] != "I":
        words[0] = words[0].lower()  # a sentence-initial capital, not a name
    return " ".join(words[:12])


_ARTICLE_ADJ = {"the", "a", "an", "my", "our", "big", "little", "tiny", "magic", "magical",
                "happy", "snowy", "rainy", "secret", "lost", "baby", "shiny", "giant",
                "new"}  # fmt: skip
_DETERMINERS = {"the", "a", "an", "my", "our"}
_NO_ARTICLE = {"space", "snow", "rain", "music", "winter", "night", "school", "ice", "magic",
               "treasure", "kindergarten", "christmas", "bedtime", "sleep"}  # fmt: skip
_CLAUSE_BREAK = {"who", "that", "which", "and", "with", "to", "in", "on", "at", "of", "for",
                 "under", "from", "by", "like"}  # fmt: skip


def theme_forms(theme: str, lang: str, word_at: int | None, word: str | None) -> list[str]:
    """The theme as told (if short enough) and as one word or two, longest first."""
    tokens = tokenize(theme)
    if not tokens:
        return []
    if lang == "ko":
        full_ok = page_length(theme, "ko") <= 14
        short = word if word_at is not None and word else tokens[-1]
    else:
        full_ok = len(theme.split()) <= 10
        if word_at is not None and word is not None:
            start = word_at
            while start > 0 and word_at - start < 2 and tokens[start - 1] in _ARTICLE_ADJ:
                start -= 1
            short_words = [*tokens[start:word_at], word]
            bare = short_words[0] not in _DETERMINERS
            if bare and not word.endswith("s") and word not in _NO_ARTICLE:
                short_words.insert(0, "the")  # "dreamed about the moon", not "about moon"
            short = " ".join(short_words)
        else:
            cut = next((i for i, t in enumerate(tokens) if i and t in _CLAUSE_BREAK), None)
            short = " ".join(tokens[:cut][:3])
    if lang == "ko" and " " in theme:
        theme = f"‘{theme}’"  # a quoted phrase reads well before any noun: ‘숲속 소풍 가기’ 꿈
    forms = [theme] if full_ok else []
    return [*forms, short] if short not in forms else forms
