"""The maintained libraries behind the safety rules, each loaded lazily and optional.

``kiwipiepy`` gives Korean stems (잡아먹/VV for 잡아먹는, 잡아먹었어요), ``lemminflect`` English
lemmas (eats -> eat, mice -> mouse), ``alt-profanity-check`` a bundled English profanity model,
``korcen`` Korean profanity patterns. Each is imported on first use (kiwi takes ~2 s to load),
and a missing one is logged once: the hand-written lists in resources/safety still run.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

__all__ = [
    "Morph",
    "en_lemma",
    "en_lemmas",
    "english_profanity",
    "korcen_flags",
    "korean_morphs",
    "libraries",
    "warm_up",
]

log = logging.getLogger(__name__)
_lock = threading.Lock()


@dataclass(frozen=True)
class Morph:
    """One Korean morpheme: its form (a verb's stem), its tag (NNG, VV, JKO, ...)."""

    form: str
    tag: str


def _optional(name: str, load: Callable[[], Any]) -> Any:
    try:
        return load()
    except Exception as exc:  # an optional library: the word lists still work without it
        log.warning("%s is not available (%s); safety uses its own lists for it", name, exc)
        return None


@cache
def _kiwi() -> Any:
    def load() -> Any:
        from kiwipiepy import Kiwi

        return Kiwi()

    return _optional("kiwipiepy", load)


@cache
def _predict_prob() -> Any:
    def load() -> Any:
        from profanity_check import predict_prob

        return _fast_or(predict_prob)

    return _optional("alt-profanity-check", load)


def _fast_or(predict_prob: Callable[[list[str]], Any]) -> Callable[[list[str]], Any]:
    """The same probabilities without scikit-learn's per-call input checks (~60 ms a call on
    our 2-core machine, too slow for every page): the bundled model is five linear SVMs, each
    with a sigmoid calibration, averaged. Used only when it agrees with the library's own
    answer on a probe; otherwise the library's call is used as it is."""
    try:
        import numpy as np
        from profanity_check import profanity_check as pc

        parts = [
            (c.estimator.coef_.ravel(), float(c.estimator.intercept_[0]),
             float(c.calibrators[0].a_), float(c.calibrators[0].b_))
            for c in pc.model.calibrated_classifiers_
        ]  # fmt: skip
        vectorizer = pc.vectorizer

        def fast(texts: list[str]) -> Any:
            x = vectorizer.transform(texts)
            probs = [1.0 / (1.0 + np.exp(a * (x @ w + b) + c2)) for w, b, a, c2 in parts]
            return np.mean(probs, axis=0)

        probe = ["you are a fucking idiot", "a bear who is afraid of thunder", "damn cat"]
        if np.allclose(fast(probe), predict_prob(probe), atol=1e-6):
            return fast
        log.info("alt-profanity-check's model changed shape; using its own predict_prob")
    except Exception as exc:  # any surprise in the library's internals: its public call
        log.info("alt-profanity-check fast path unavailable (%r)", exc)
    return predict_prob


@cache
def _korcen() -> Any:
    def load() -> Any:
        from korcen import korcen

        return korcen

    return _optional("korcen", load)


@cache
def _lemminflect() -> Any:
    def load() -> Any:
        import lemminflect

        return lemminflect

    return _optional("lemminflect", load)


def libraries() -> dict[str, bool]:
    """Which libraries loaded (for the doctor and the bench's report)."""
    return {
        "kiwipiepy": _kiwi() is not None,
        "lemminflect": _lemminflect() is not None,
        "alt-profanity-check": _predict_prob() is not None,
        "korcen": _korcen() is not None,
    }


def warm_up() -> None:
    """Load everything now (a worker thread at start-up), not on the child's first theme."""
    libraries()
    korean_morphs("고양이")
    english_profanity("cat")


_HANGUL_RUN = re.compile(r"[가-힣ㄱ-ㅎㅏ-ㅣ][가-힣ㄱ-ㅎㅏ-ㅣ0-9\s.,!?~]*")


def korean_morphs(text: str) -> list[Morph] | None:
    """Morphemes of ``text``, or None without kiwipiepy (callers fall back to substrings)."""
    kiwi = _kiwi()
    if kiwi is None:
        return None
    out: list[Morph] = []
    # Korean runs one at a time: English around them changes kiwi's analysis ("about 잡아먹힌
    # 아이" splits the compound verb into 잡/VV-R 어/EC 먹히/VV)
    for run in _HANGUL_RUN.findall(text):
        with _lock:  # one Kiwi, shared by the engine and UI worker threads
            tokens = kiwi.tokenize(run)
        if out:
            out.append(Morph("|", "SB"))
        out.extend(Morph(t.form, t.tag) for t in tokens)
    return out


@cache
def en_lemmas(word: str) -> frozenset[str]:
    """The word and its verb and noun lemmas (suffix-stripping without lemminflect)."""
    word = word.lower()
    out = {word}
    lib = _lemminflect()
    if lib is not None:
        for lemmas in lib.getAllLemmas(word).values():
            out.update(lemmas)
        if len(out) == 1:  # unknown words: the rules guess from the spelling
            for lemmas in lib.getAllLemmasOOV(word, upos="VERB").values():
                out.update(lemmas)
    else:
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                out.add(word[: -len(suffix)])
    return frozenset(out)


@cache
def en_lemma(word: str) -> str:
    """One lemma for phrase matching ("eating brains" -> "eat brain"): verb, else noun."""
    word = word.lower()
    lib = _lemminflect()
    if lib is None:
        return word
    lemmas = lib.getAllLemmas(word)
    for upos in ("VERB", "NOUN", "ADJ"):
        if lemmas.get(upos):
            return str(lemmas[upos][0])
    return word


def english_profanity(text: str) -> float:
    """The bundled model's probability that ``text`` is offensive (0.0 without the model)."""
    predict = _predict_prob()
    if predict is None or not text.strip():
        return 0.0
    with _lock:
        return float(predict([text])[0])


def korcen_flags(text: str) -> bool:
    """korcen's verdict (False without korcen)."""
    lib = _korcen()
    if lib is None or not text.strip():
        return False
    with _lock:
        return bool(lib.check(text))
