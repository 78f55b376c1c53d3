"""Whisper's known failure on silence and noise: reject made-up text instead of passing it on.

Whisper trained on subtitles "hears" credits and sign-offs in silence and loops on a phrase
when unsure. A child must get "let's try again", never a fake theme, so a hypothesis is
checked for no-speech probability, decoder confidence, known phrases and repetition.
"""

from __future__ import annotations

import math
import re
import unicodedata
import zlib
from dataclasses import dataclass

__all__ = [
    "HALLUCINATED_PHRASES",
    "LOW_LOGPROB",
    "NO_SPEECH_LOGPROB",
    "NO_SPEECH_PROB",
    "Hypothesis",
    "Verdict",
    "compression_ratio",
    "judge",
    "repeated_ngram",
    "runaway_loop",
    "says_no_speech",
]

# OpenAI's decoding defaults: skip as silence when no-speech prob > 0.6 AND avg logprob < -1.
NO_SPEECH_PROB = 0.6
NO_SPEECH_LOGPROB = -1.0
LOW_LOGPROB = -1.5  # mean token log-prob below this (geometric-mean prob < 0.22): a guess
SURE_NO_SPEECH = 0.9  # the model itself is nearly certain nobody spoke
# Whisper's own loop test (faster-whisper's compression_ratio_threshold): text that zlib
# shrinks more than 2.4x is mostly one phrase over and over.
COMPRESSION_RATIO_LIMIT = 2.4
# Fast speech is about 15 characters a second; a decoder loop runs on to its token limit.
MAX_CHARS_PER_S = 20.0

# Whole-utterance hallucinations (compared after lower-casing and removing punctuation).
HALLUCINATED_PHRASES = frozenset(
    {
        "you", "thank you", "thanks", "thank you so much", "thank you very much", "bye",
        "thank you for watching", "thanks for watching", "thank you for watching bye",
        "please subscribe", "like and subscribe", "see you next time", "see you in the next video",
        "i'll see you next time", "so", "okay", "oh", "uh", "um", "hmm", "music", "applause",
        "시청해주셔서 감사합니다", "시청해 주셔서 감사합니다", "감사합니다",
        "구독과 좋아요 부탁드립니다",
        "다음 영상에서 만나요", "다음 시간에 만나요", "안녕히 계세요", "음", "어", "아",
    }
)  # fmt: skip
# Sentences containing these are subtitle credits or channel sign-offs, wherever they appear.
_CREDIT_PATTERNS = re.compile(
    r"(subtitles?\s+by|captions?\s+by|transcri(bed|ption)\s+by|translated\s+by|amara"
    r"|subscribe|thanks?\s+(you\s+)?for\s+watching"
    r"|자막|시청\s*해\s*주셔서|구독|좋아요\s*(와|를)?\s*알림|mbc\s*뉴스|kbs\s*뉴스|sbs\s*뉴스)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|\n")  # "Amara.org" stays one piece


@dataclass(frozen=True)
class Hypothesis:
    """What a recogniser decoded, before the guard looks at it."""

    text: str
    avg_logprob: float  # mean log-probability per token (0 = certain); -inf if unknown
    no_speech_prob: float  # 0..1; 0.0 when the backend cannot tell
    language: str


@dataclass(frozen=True)
class Verdict:
    text: str  # "" when rejected
    rejected: str  # "" | "no_speech" | "low_confidence" | "hallucination"
    confidence: float


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[^\w\s']", " ", text)
    return " ".join(text.split())


def repeated_ngram(text: str) -> bool:
    """True when the text loops: a word 4+ times in a row, or a 2-4 word phrase 3+ times.

    "a very very very big cake" is a child; "I want I want I want I want" is the decoder.
    """
    words = _plain(text).split()
    for n, times in ((1, 4), (2, 3), (3, 3), (4, 3)):
        for i in range(0, len(words) - n * times + 1):
            gram = words[i : i + n]
            if all(words[i + k * n : i + (k + 1) * n] == gram for k in range(1, times)):
                return True
    # Scripts without spaces (or one long token) loop inside a word: 4+ copies of 2-8 chars.
    squeezed = re.sub(r"\s+", "", _plain(text))
    return bool(re.search(r"(.{2,8})\1{3,}", squeezed))


def compression_ratio(text: str) -> float:
    """Bytes before / after zlib, as Whisper computes it (0.0 for empty text)."""
    data = text.encode("utf-8")
    return len(data) / len(zlib.compress(data)) if data else 0.0


def _long_repeat(words: list[str], times: int = 3, longest: int = 60) -> bool:
    """Any phrase of 5+ words said ``times`` times in a row (1-4 words: ``repeated_ngram``)."""
    for n in range(5, min(longest, len(words) // times) + 1):
        for i in range(0, len(words) - n * times + 1):
            gram = words[i : i + n]
            if all(words[i + k * n : i + (k + 1) * n] == gram for k in range(1, times)):
                return True
    return False


def runaway_loop(text: str, duration_s: float = 0.0) -> bool:
    """A long loop: a phrase of any length repeated, or text that compresses like one, and more
    of it than the clip could hold (``duration_s`` 0: unknown, so any such loop counts).

    The rate check keeps a child who really says one sentence again and again over a minute;
    the decoder's loop ("I'm going to go to the other side, and I'm going ..." for 792
    characters of babble) comes far faster than anyone speaks.
    """
    plain = _plain(text)
    words = plain.split()
    looped = _long_repeat(words[:400]) or compression_ratio(plain) > COMPRESSION_RATIO_LIMIT
    if not looped:
        return False
    return duration_s <= 0 or len(plain) / duration_s > MAX_CHARS_PER_S


def confidence_of(avg_logprob: float, no_speech_prob: float) -> float:
    """0..1: the per-token geometric-mean probability, discounted by the no-speech chance."""
    if not math.isfinite(avg_logprob):
        return 0.0
    return max(0.0, min(1.0, math.exp(avg_logprob) * (1.0 - no_speech_prob)))


def says_no_speech(no_speech_prob: float, avg_logprob: float) -> bool:
    """Whisper's own "nobody spoke": near-certain, or likely while the text is only a guess.

    One rule for a whole utterance (``judge``) and for each window of a long clip (a silent
    window is dropped there, so it cannot veto the words around it).
    """
    if no_speech_prob > SURE_NO_SPEECH:
        return True
    return no_speech_prob > NO_SPEECH_PROB and avg_logprob < NO_SPEECH_LOGPROB


def _strip_credits(text: str) -> str:
    sentences = _SENTENCE_END.split(text)
    kept = [s.strip() for s in sentences if not _CREDIT_PATTERNS.search(s)]
    return " ".join(k for k in kept if k)


def judge(hyp: Hypothesis, *, min_logprob: float = LOW_LOGPROB, duration_s: float = 0.0) -> Verdict:
    """Accept, clean or reject one hypothesis; a rejected one has empty text and a reason.

    ``duration_s``: how long the clip was (0: unknown), for the long-loop rate check."""
    text = " ".join(hyp.text.split())
    confidence = confidence_of(hyp.avg_logprob, hyp.no_speech_prob)
    if not _plain(text):
        return Verdict("", "no_speech", 0.0)
    if says_no_speech(hyp.no_speech_prob, hyp.avg_logprob):
        return Verdict("", "no_speech", confidence)
    if hyp.avg_logprob < min_logprob:
        return Verdict("", "low_confidence", confidence)
    cleaned = _strip_credits(text)
    if not _plain(cleaned) or _plain(cleaned) in HALLUCINATED_PHRASES or repeated_ngram(cleaned):
        return Verdict("", "hallucination", confidence)
    if runaway_loop(cleaned, duration_s):
        return Verdict("", "hallucination", confidence)
    return Verdict(cleaned, "", confidence)
