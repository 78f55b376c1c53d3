"""The rules: what in a text is unsafe for a small child, in Korean and in English.

Patterns, not single words, decide: a harm verb counts with a person or an animal as its object
("eats people", "사람을 잡아먹는"), so a friendly monster or "a dragon who eats cookies" stays.
Both languages' rules run on every text, because children (and models) mix them. Profanity uses
the maintained libraries (alt-profanity-check, korcen) plus our own lists for what they miss;
mild words are only softened later (``soften``), never a reason to replace a whole theme.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from itertools import pairwise

from . import nlp
from .lexicon import Lexicon, lexicon

__all__ = ["Concern", "Finding", "clean", "find", "find_injection", "soften"]


class Concern(StrEnum):
    """Why a text is not for a child (SafetyResult.reasons carry ``concern:evidence``)."""

    PROFANITY = "profanity"
    SLUR = "slur"
    HARM = "harm"
    ADULT = "adult"
    INJECTION = "instruction"
    MODERATION = "moderation"
    MILD = "mild"  # a word softened to a gentle neighbour; the text stays


@dataclass(frozen=True)
class Finding:
    concern: Concern
    evidence: str

    def __str__(self) -> str:
        return f"{self.concern}:{self.evidence}"


# ---- cleaning ----------------------------------------------------------------------------------
_SPACE = re.compile(r"\s+")
# invisible or blank-looking characters besides the format (Cf) category
_BLANKS = {"\u3164", "\u115f", "\u1160", "\u2800", "\uffa0", "\u180e"}


def clean(text: str) -> str:
    """NFKC (full-width letters, composed Hangul), no invisible characters, single spaces.

    A theme of only zero-width spaces cleans to "" and is treated as empty.
    """
    text = unicodedata.normalize("NFC", text)
    # NFKC folds full-width letters, but would turn a typed jamo (ㅆㅂ) into a conjoining one
    text = "".join(ch if "\u3131" <= ch <= "\u318e" else unicodedata.normalize("NFKC", ch)
                   for ch in text)  # fmt: skip
    text = unicodedata.normalize("NFC", text)
    kept = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in _BLANKS or cat == "Cf" or (cat == "Cc" and ch not in "\n\t\r"):
            continue
        kept.append(ch)
    return _SPACE.sub(" ", "".join(kept)).strip()


# ---- English -----------------------------------------------------------------------------------
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                       "$": "s", "!": "i"})  # fmt: skip
_SPACED_LETTERS = re.compile(r"\b(?:[a-z][\s.\-_*]){2,}[a-z]\b")
_EN_TOKEN = re.compile(r"[a-z*]+(?:['’-][a-z]+)*")
_BE = frozenset(
    ["is", "was", "were", "are", "be", "been", "being", "get", "gets", "got", "getting", "gotten"]
)
_PASSIVE_EXEMPT = frozenset({"hurt", "harm", "injure", "wound", "trap", "bury", "hit"})
_INNOCENT_EN = re.compile(r"\bpussy[\s-]?(cat|willow)s?\b|\bpussycat|\bcock[\s-]?a[\s-]?doodle")


def _fold_en(text: str) -> str:
    low = text.lower()
    low = re.sub(r"(?<=[a-z])[0-9@$!]+(?=[a-z])|(?<=[a-z])[0-9@$!]+\b|\b[0-9@$!]+(?=[a-z])",
                 lambda m: m.group(0).translate(_LEET), low)  # fmt: skip
    return _SPACED_LETTERS.sub(lambda m: re.sub(r"[\s.\-_*]", "", m.group(0)), low)


def _squeeze(word: str) -> set[str]:
    """fuuuuck -> {fuuuuck, fuck, fuuck}: ASR and children stretch words."""
    return {word, re.sub(r"(.)\1+", r"\1", word), re.sub(r"(.)\1{2,}", r"\1\1", word)}


def _phrase_in(phrase: str, text: str) -> bool:
    return re.search(r"(?<![a-z])" + re.escape(phrase) + r"(?![a-z])", text) is not None


def _en_words(folded: str) -> list[str]:
    words = []
    for w in _EN_TOKEN.findall(folded):
        w = w.replace("’", "'")
        words.append(w)
    return words


@cache
def _singles(entries: tuple[str, ...]) -> frozenset[str]:
    return frozenset(e for e in entries if " " not in e and re.fullmatch(r"[a-z'-]+", e))


@cache
def _lemma_phrase(phrase: str) -> str:
    return " ".join(nlp.en_lemma(w) for w in phrase.split())


@cache
def _forms(word: str) -> frozenset[str]:
    """A word, stretched spellings squeezed, and their lemmas."""
    bare = word[:-2] if word.endswith("'s") else word
    variants = set().union(*(_squeeze(v) for v in (word, bare)))
    lemmas = set().union(*(nlp.en_lemmas(v) for v in variants if v.isalpha()))
    return frozenset(variants | lemmas)


def _list_hits(words: list[str], folded: str, entries: tuple[str, ...]) -> list[str]:
    singles = _singles(entries)
    lemma_text = " ".join(nlp.en_lemma(w) for w in words)
    hits = [e for e in entries if e not in singles
            and (_phrase_in(e, folded) or _phrase_in(_lemma_phrase(e), lemma_text))]  # fmt: skip
    for w in words:
        if "*" in w and len(w) > 2:  # f**k, sh*t
            pattern = re.compile(re.escape(w).replace(r"\*", "[a-z]"))
            hits.extend(e for e in singles if pattern.fullmatch(e))
            continue
        hits.extend(sorted(_forms(w) & singles))
    return hits


def _en_harm(words: list[str], lex: Lexicon) -> list[str]:
    hits = []
    people = lex.people | lex.pets
    for i, word in enumerate(words):
        verbs = nlp.en_lemmas(word) & lex.harm_verbs
        if not verbs:
            continue
        verb = min(verbs)
        victims = people if verbs <= lex.people_only else lex.victims
        j = i + 1
        while (j < len(words) and j <= i + 5 and words[j] in lex.fillers
               and not _forms(words[j]) & victims):  # fmt: skip
            j += 1
        if j < len(words) and not words[j].endswith("'s"):
            target = words[j]
            if ({target} | nlp.en_lemmas(target)) & victims:
                hits.append(f"{word} {target}")
                continue
        # passive: "the puppy was killed", "people get eaten"
        if i >= 2 and words[i - 1] in _BE and verb not in _PASSIVE_EXEMPT and word != verb:
            k = i - 2
            while k >= 0 and words[k] in lex.fillers:
                k -= 1
            if k >= 0 and ({words[k]} | nlp.en_lemmas(words[k])) & victims:
                hits.append(f"{words[k]} {words[i - 1]} {word}")
    return hits


def _english(text: str, folded: str, words: list[str]) -> list[Finding]:
    lex = lexicon("en")
    found = [Finding(Concern.SLUR, w) for w in _list_hits(words, folded, lex.slurs)]
    found += [Finding(Concern.PROFANITY, w) for w in _list_hits(words, folded, lex.profanity)]
    if not found and re.search(r"[a-z]", folded):
        probe = _INNOCENT_EN.sub("cat", folded)
        for word in lex.model_exclude:
            probe = re.sub(r"(?<![a-z])" + re.escape(word) + r"(?![a-z])", "thing", probe)
        score = nlp.english_profanity(probe)
        if score >= lex.model_threshold:
            found.append(Finding(Concern.PROFANITY, f"model {score:.2f}"))
    found += [Finding(Concern.ADULT, w) for w in _list_hits(words, folded, lex.adult)]
    found += [Finding(Concern.HARM, w) for w in _list_hits(words, folded, lex.harm_severe)]
    if re.search(r"\b(man|men|people|human|child|kid|baby)-?eat(ing|er|ers)\b", folded):
        found.append(Finding(Concern.HARM, "man-eating"))
    found += [Finding(Concern.HARM, w) for w in _en_harm(words, lex)]
    return found


# ---- Korean ------------------------------------------------------------------------------------
_HANGUL_OR_JAMO = re.compile(r"[가-힣ㄱ-ㅎㅏ-ㅣ]")
_NOT_HANGUL = re.compile(r"[^가-힣ㄱ-ㅎㅏ-ㅣ\s]")
_NOUN = ("NNG", "NNP", "NP", "NR")
_OBJECT_OK = ("JKO",)  # 을/를; no particle at all also counts ("사람 잡아먹는")
_PASSIVE = frozenset({"잡아먹히", "찔리"})


def _ko_chunks(text: str) -> list[str]:
    """Word-sized chunks with symbols and digits inside removed (씨1발 -> 씨발); one-syllable
    chunks joined to the next (씨 발 -> 씨발)."""
    chunks = [_NOT_HANGUL.sub("", c) for c in text.split()]
    chunks = [c for c in chunks if c]
    joined = list(chunks)
    for a, b in pairwise(chunks):
        if len(a) == 1:
            joined.append(a + b)
    return joined


def _ko_list(text: str, chunks: list[str], entries: tuple[str, ...]) -> list[str]:
    spaced = _SPACE.sub(" ", text)
    hits = []
    lowered = spaced.lower()
    for entry in entries:
        if entry in lowered or (" " not in entry and any(entry in c for c in chunks)):
            hits.append(entry)
    return hits


def _ko_harm(morphs: list[nlp.Morph], lex: Lexicon) -> list[str]:
    hits = []
    people = lex.people | lex.pets
    for i, m in enumerate(morphs):
        if m.tag.startswith("VV"):
            stem = m.form
        elif m.tag == "XSV" and i > 0 and morphs[i - 1].tag == "NNG":
            stem = morphs[i - 1].form + m.form
        else:
            continue
        if stem not in lex.harm_verbs and stem not in _PASSIVE:
            continue
        victims = people if stem in lex.people_only else lex.victims
        passive = stem in _PASSIVE
        hit = _ko_victim_before(morphs, i, m, stem, victims, passive)
        if hit is None and passive and i + 2 < len(morphs) and morphs[i + 1].tag == "ETM":
            after = morphs[i + 2]  # passive before its victim: 잡아먹힌 아이, 칼에 찔린 친구
            if after.tag in _NOUN and after.form in victims:
                hit = f"{stem} {after.form}"
        if hit is not None:
            hits.append(hit)
    return hits


def _ko_victim_before(
    morphs: list[nlp.Morph],
    i: int,
    m: nlp.Morph,
    stem: str,
    victims: frozenset[str],
    passive: bool,
) -> str | None:
    """A victim a few morphemes before the verb, as its object (을/를, or no particle at all
    right before it), or as the subject of a passive verb (아이가 잡아먹혔어)."""
    for back in range(1, 7):
        k = i - back - (1 if m.tag == "XSV" else 0)
        if k < 0:
            return None
        cand = morphs[k]
        if cand.tag.startswith(("V", "E")) and back > 1:
            return None  # another clause
        if cand.tag not in _NOUN or cand.form not in victims:
            continue
        after = morphs[k + 1].tag if k + 1 < len(morphs) else ""
        if after == "XSN":  # 사람들
            after = morphs[k + 2].tag if k + 2 < len(morphs) else ""
        if (
            (passive and after in ("JKS", "JX", ""))
            or after in _OBJECT_OK
            or (not after.startswith("J") and back == 1)
        ):
            return f"{cand.form} {stem}"
    return None


def _ko_harm_fallback(text: str, lex: Lexicon) -> list[str]:
    """Without kiwipiepy: a victim with 을/를 and a strong harm stem in the same text."""
    strong = [v for v in lex.harm_verbs if len(v) >= 2 and v not in lex.people_only]
    victims = [v for v in lex.victims if len(v) >= 2]
    hits: list[str] = []
    for victim in victims:
        if re.search(re.escape(victim) + r"(들)?(을|를)", text):
            hits.extend(f"{victim} {v}" for v in strong if v in text)
    return hits


def _korean(text: str) -> list[Finding]:
    if not _HANGUL_OR_JAMO.search(text):
        return []
    lex = lexicon("ko")
    for pattern in lex.korcen_exclude:  # innocent words that contain a bad one (시발점, 새끼 곰)
        text = pattern.sub(" ", text)
    chunks = _ko_chunks(text)
    found = [Finding(Concern.SLUR, w) for w in _ko_list(text, chunks, lex.slurs)]
    found += [Finding(Concern.PROFANITY, w) for w in _ko_list(text, chunks, lex.profanity)]
    if not found:
        probe = text
        if _HANGUL_OR_JAMO.search(probe) and nlp.korcen_flags(probe):
            found.append(Finding(Concern.PROFANITY, "korcen"))
    found += [Finding(Concern.ADULT, w) for w in _ko_list(text, chunks, lex.adult)]
    found += [Finding(Concern.HARM, w) for w in _ko_list(text, chunks, lex.harm_severe)]
    morphs = nlp.korean_morphs(text)
    harm = _ko_harm(morphs, lex) if morphs is not None else _ko_harm_fallback(text, lex)
    found += [Finding(Concern.HARM, w) for w in harm]
    return found


# ---- both ---------------------------------------------------------------------------------------
def find_injection(text: str) -> list[Finding]:
    """Words addressed to the model rather than a story idea, in either language."""
    text = clean(text)
    folded = _fold_en(text)
    hits = []
    for name in ("en", "ko"):
        for pattern in lexicon(name).injection:
            match = pattern.search(folded if name == "en" else text)
            if match:
                hits.append(Finding(Concern.INJECTION, match.group(0).strip()[:40]))
    return hits


def find(text: str) -> list[Finding]:
    """Every serious concern in ``text`` (profanity, slurs, harm patterns, adult content);
    an empty list means it may be shown, spoken or drawn (after ``soften``)."""
    text = clean(text)
    if not text:
        return []
    folded = _fold_en(text)
    words = _en_words(folded)
    found = _english(text, folded, words) if words else []
    found += _korean(text)
    seen: set[Finding] = set()
    return [f for f in found if not (f in seen or seen.add(f))]  # type: ignore[func-returns-value]


def soften(text: str) -> tuple[str, list[str]]:
    """Mild words become gentle neighbours ("a zombie cat" -> "a sleepy friend cat")."""
    reasons: list[str] = []
    en = lexicon("en").soften

    def _en(match: re.Match[str]) -> str:
        reasons.append(match.group(0).lower())
        return en[match.group(0).lower()]

    out = _en_re().sub(_en, text)
    for word, gentle in sorted(lexicon("ko").soften.items(), key=lambda kv: -len(kv[0])):
        if word in out:
            reasons.append(word)
            out = out.replace(word, gentle)
    return out, reasons


_EN_RE: list[re.Pattern[str]] = []


def _en_re() -> re.Pattern[str]:
    if not _EN_RE:
        words = sorted(map(re.escape, lexicon("en").soften), key=len, reverse=True)
        _EN_RE.append(re.compile(r"\b(" + "|".join(words) + r")\b", re.IGNORECASE))
    return _EN_RE[0]
