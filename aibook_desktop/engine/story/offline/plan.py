# ruff: noqa: E501  (word tables and templates read best one entry a line)
"""The theme plan: what the child asked for, as slots a story and a picture can both use.

"umm the the dino… dinosaur that eat ice creams" becomes who=dinosaur, wish=eat, things=ice
cream; "할아버지랑 바닷가에서 모래성 쌓기" becomes who=grandpa, where=beach, wish=build
sandcastle. Korean goes through ``kiwipiepy`` (particles and verb endings come off properly),
English through ``lemminflect`` (plurals and verb forms), emoji through the lexicon. A noun the
lexicon does not know is kept as a word and drawn by its nearest category.

The plan is built from the theme *after* the safety check, and every word it keeps passes
through it again (:func:`_gentle`), so nothing the safety step softened can come back.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from dataclasses import dataclass, field

from ...safety import check_theme
from .lexicon import ACTIVITIES, COMPANIONS, FEELINGS, PLACES, PROPS, TIMES, Activity, Entry, Place
from .words import clean_theme

__all__ = ["PlanWord", "ThemePlan", "make_plan", "nearest_category", "warm_up"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PlanWord:
    """A companion or thing in both languages, and what the painter draws for it."""

    key: str  # lexicon key, or "unknown:<word>"
    en: str
    ko: str
    draw: str  # a key the sketch painter has a drawing for
    known: bool = True
    plural: bool = False


@dataclass(frozen=True)
class ThemePlan:
    """Slots filled from the child's words; empty slots are filled by the writer's defaults."""

    theme: str  # the (already safe) theme the plan was made from
    who: tuple[PlanWord, ...] = ()  # companions, in the order the child named them
    things: tuple[PlanWord, ...] = ()
    place: Place | None = None
    activity: Activity | None = None
    feeling: str | None = None
    time: str | None = None  # night / morning / evening
    weather: str | None = None  # rain / snow / wind
    season: str | None = None  # winter / summer / spring / autumn
    unknown: tuple[str, ...] = ()  # nouns the lexicon does not know, kept as said
    notes: tuple[str, ...] = field(default=(), compare=False)  # how it was understood

    @property
    def companion(self) -> PlanWord | None:
        return self.who[0] if self.who else None

    @property
    def thing(self) -> PlanWord | None:
        return self.things[0] if self.things else None


# ---- safety: the one place the plan asks it (#20 may swap in a richer API here) -------------
def _gentle(text: str, lang: str) -> str:
    """The text as the safety step would let it through (softened, or replaced whole)."""
    return check_theme(text, lang).text


# ---- lookup tables ----------------------------------------------------------------------------
def _norm(s: str) -> str:
    return s.lower().replace("-", " ").strip()


@functools.cache
def _tables() -> tuple[
    dict[str, tuple[str, object]], dict[str, tuple[str, object]], dict[str, tuple[str, object]]
]:
    """(English phrase, Korean word, emoji) -> (kind, entry)."""
    en: dict[str, tuple[str, object]] = {}
    ko: dict[str, tuple[str, object]] = {}
    emo: dict[str, tuple[str, object]] = {}

    def add(kind: str, item: object, en_words: tuple[str, ...], ko_words: tuple[str, ...],
            emoji: str) -> None:  # fmt: skip
        for w in en_words:
            en.setdefault(_norm(w), (kind, item))
        for w in ko_words:
            ko.setdefault(w.replace(" ", ""), (kind, item))
        for ch in _emoji_chars(emoji):
            emo.setdefault(ch, (kind, item))

    for p in PLACES:  # places first: "moon" is the trip's destination before it is a prop
        add("place", p, p.en_keys, (p.ko, *p.ko_keys), p.emoji)
    for e in COMPANIONS:
        add("who", e, (e.en, *e.en_keys), (e.ko, *e.ko_keys), e.emoji)
    for e in PROPS:
        add("thing", e, (e.en, *e.en_keys), (e.ko, *e.ko_keys), e.emoji)
    for a in ACTIVITIES:
        add("act", a, a.en_keys, a.ko_keys, a.emoji)
    for key, (_, _, _, en_k, ko_k) in FEELINGS.items():
        add("feeling", key, en_k, ko_k, "")
    for key, (kind, en_k, ko_k, emoji) in TIMES.items():
        add(kind, key, en_k, ko_k, emoji)
    return en, ko, emo


@functools.cache
def _en_acts() -> dict[str, tuple[str, object]]:
    return {_norm(w): ("act", a) for a in ACTIVITIES for w in a.en_keys}


_EMOJI = re.compile(
    r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF]\uFE0F?(?:\u200D[\U0001F000-\U0001FAFF\u2600-\u27BF]\uFE0F?)*"
)


def _emoji_chars(text: str) -> list[str]:
    return [m.group(0).replace("\ufe0f", "") for m in _EMOJI.finditer(text)]


@functools.cache
def _kiwi() -> object | None:
    try:
        from kiwipiepy import Kiwi
    except ImportError:  # the plan still works from the lexicon's whole words
        log.warning("kiwipiepy is not installed; Korean themes are read word by word")
        return None
    return Kiwi()


# nouns that say nothing a picture can show
_KO_GENERIC = {"날", "이야기", "얘기", "것", "거", "때", "나", "저", "우리", "같이", "함께", "책이야기",
               "모험", "하루", "친구랑", "어디", "뭐", "누구", "동화", "그림책", "꿈속", "마음", "곳",
               "번", "수", "안", "속", "위", "밑", "옆", "앞", "뒤", "님", "들", "씨", "이름",
               "마법", "신나", "재미", "최고", "진짜", "엄청", "정말", "오늘", "내일", "어제"}  # fmt: skip
_EN_GENERIC = {"day", "time", "story", "thing", "things", "way", "world", "today", "lot", "kind",
               "place", "land", "magic", "fun", "adventure", "dream", "somebody", "someone",
               "something", "everyone", "people", "name", "umm", "um", "uh", "hmm", "who", "what",
               "one", "ones", "lots", "bit", "very", "really", "big", "little", "small", "tiny",
               "giant", "new", "old", "best", "want", "wants", "like", "likes", "love", "loves",
               "the", "a", "an", "and", "or", "with", "to", "of", "in", "on", "at", "for", "from",
               "that", "this", "these", "those", "my", "your", "his", "her", "its", "their", "our",
               "is", "are", "was", "were", "be", "been", "which", "can", "could", "would",
               "will", "go", "goes", "going", "went", "get", "gets", "got", "have", "has", "had",
               "do", "does", "did", "about", "into", "up", "down", "out", "over", "under", "all",
               "some", "many", "much", "more", "most", "too", "so", "then", "when",
               "where", "how", "why", "not", "no", "yes", "please", "i", "me", "we", "you",
               "he", "she", "it", "they", "them", "us", "him", "named", "called", "there",
               "here", "first", "together", "again", "happy", "funny", "silly", "sleepy",
               "friendly", "cute", "nice", "good", "pretty", "secret", "special", "lost",
               "shiny", "sparkly", "colorful", "own", "another", "other", "every", "each",
               "wanna", "gonna", "let", "lets", "let's", "also", "just", "only"}  # fmt: skip


def nearest_category(word: str) -> str:
    """What an unknown creature is drawn as: "firebird" -> bird, "바다뱀" -> fish, else a
    friendly creature (never nothing)."""
    w = word.lower()
    rules = (
        (("saurus", "dino", "rex", "룡", "사우루스"), "dinosaur"),
        (("bird", "새", "hawk", "eagle", "crow", "swan", "goose", "독수리", "백조", "까치"), "bird"),
        (("fish", "shark", "eel", "squid", "고기", "어", "뱀", "오징어"), "fish"),
        (("bot", "droid", "machine", "봇", "기계"), "robot"),
        (("cat", "lion", "tiger", "냥", "양이"), "cat"),
        (("dog", "wolf", "pup", "강아지", "늑대", "개"), "puppy"),
        (("bear", "곰"), "bear"),
        (("bug", "fly", "worm", "ant", "spider", "벌레", "개미", "거미"), "ladybug"),
        (("mouse", "rat", "rabbit", "쥐", "토끼"), "rabbit"),
        (("horse", "corn", "deer", "말", "사슴"), "horse"),
        (("man", "woman", "girl", "boy", "kid", "lady", "사람", "아이", "아저씨", "아줌마", "언니", "형", "누나", "오빠"), "friend"),
    )  # fmt: skip
    for endings, key in rules:
        if any(e in w for e in endings):
            return key
    return "monster"


def _word(entry: Entry) -> PlanWord:
    return PlanWord(entry.key, entry.en, entry.ko, entry.key, True, entry.plural)


# ---- reading the theme ------------------------------------------------------------------------
@dataclass
class _Found:
    """Hits in the order the child said them."""

    hits: list[tuple[str, object]] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, hit: tuple[str, object] | None) -> bool:
        if hit is None:
            return False
        if hit not in self.hits:
            self.hits.append(hit)
        return True


def _read_korean(text: str, found: _Found) -> None:
    _, ko, _ = _tables()
    kiwi = _kiwi()
    if kiwi is None:
        for tok in re.findall(r"[가-힣]+", text):
            if not any(found.add(ko.get(tok[:n])) for n in range(len(tok), 0, -1)):
                found.unknown.append(tok)
        return
    tokens = kiwi.tokenize(text)  # type: ignore[attr-defined]
    nouns = ("NNG", "NNP", "XR", "SL")
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.tag in nouns or t.tag.startswith("NN"):
            # the longest run of adjacent nouns the lexicon knows: 우주+비행사, 아이스+크림
            run = [t]
            j = i + 1
            while j < len(tokens) and tokens[j].tag in nouns and tokens[j].start == run[-1].end:
                run.append(tokens[j])
                j += 1
            for n in range(len(run), 0, -1):
                joined = "".join(r.form for r in run[:n])
                if found.add(ko.get(joined)):
                    i += n
                    break
            else:
                form = t.form
                if t.tag == "SL":
                    _read_english(form, found)
                elif form not in _KO_GENERIC and t.tag != "NNB" and len(form) >= 2:
                    found.unknown.append(form)
                i += 1
            continue
        if t.tag.startswith(("VV", "VA", "XSV", "MAG")) or t.tag == "XSA":
            lemma = getattr(t, "lemma", t.form + "다")
            found.add(ko.get(lemma) or ko.get(t.form))
        i += 1


def _lemmas(token: str) -> tuple[str | None, str | None, bool]:
    """(noun lemma, verb lemma, known) for one English token."""
    from lemminflect import getAllLemmas

    lem = getAllLemmas(token)
    noun = lem.get("NOUN", (None,))[0]
    verb = lem.get("VERB", (None,))[0] or lem.get("AUX", (None,))[0]
    adj = lem.get("ADJ", (None,))[0]
    return noun, verb or adj, bool(lem)


def _read_english(text: str, found: _Found) -> None:
    en, _, _ = _tables()
    tokens = [t.lower() for t in re.findall(r"[A-Za-z]+(?:'[a-z]+)?", text)]
    nouns: list[str] = []
    verbs: list[str | None] = []
    known: list[bool] = []
    for tok in tokens:
        tok = tok.removesuffix("'s")
        noun, verb, is_known = _lemmas(tok)
        nouns.append(noun or tok)
        verbs.append(verb)
        known.append(is_known)
    i = 0
    while i < len(tokens):
        for n in (3, 2, 1):  # "fire truck", "under the sea", "ice creams" -> "ice cream"
            if i + n > len(tokens):
                continue
            words = [*tokens[i : i + n - 1], nouns[i + n - 1]]
            raw = tokens[i : i + n]
            hit = en.get(" ".join(words)) or en.get(" ".join(raw))
            if n == 1 and hit is not None and hit[0] == "thing" and tokens[i].endswith("ing"):
                hit = _en_acts().get(verbs[i] or "") or hit  # "skating": the wish, not skates
            if hit is None and n == 1:
                hit = en.get(verbs[i] or "") or en.get(nouns[i])
            if hit is not None:
                found.add(hit)
                i += n
                break
        else:
            tok = tokens[i]
            wanted = tok not in _EN_GENERIC and nouns[i] not in _EN_GENERIC and len(tok) > 2
            if wanted and (not known[i] or verbs[i] is None) and nouns[i] not in found.unknown:
                found.unknown.append(nouns[i])
            i += 1


def warm_up() -> None:
    """Load the Korean analyser and the English lemmas now (seconds on a slow CPU: its first
    analysis builds its tables), so the first child's book does not wait for them."""
    make_plan("할아버지랑 바닷가에서 모래성 쌓기 and a dinosaur eating ice creams", "ko")


def make_plan(theme: str, lang: str) -> ThemePlan:
    """The child's (already safety-checked) theme as slots; never fails, may be empty."""
    safe = _gentle(unicodedata.normalize("NFC", theme), lang)
    found = _Found()
    _, _, emo = _tables()
    for ch in _emoji_chars(safe):
        if not found.add(emo.get(ch)):
            found.add(emo.get(ch[:1]))
    text = clean_theme(safe)
    # children mix languages: read both scripts whatever the book's language
    if re.search(r"[가-힣]", text):
        _read_korean(text, found)
        latin = " ".join(re.findall(r"[A-Za-z][A-Za-z' ]*", text))
        if latin.strip():
            _read_english(latin, found)
    else:
        _read_english(text, found)
    return _assemble(safe, lang, found)


# wishes that only frame another ("learn to bake", "go and find"): a specific one wins
_VEHICLES = {"boat", "car", "bus", "train", "airplane", "bicycle", "rocket", "fire_truck", "sled"}
_GENERIC_ACTS = {"go", "play", "learn", "friends"}


def _assemble(safe: str, lang: str, found: _Found) -> ThemePlan:
    who: list[PlanWord] = []
    things: list[PlanWord] = []
    place: Place | None = None
    activity: Activity | None = None
    slots: dict[str, str] = {}
    notes = list(found.notes)
    for kind, item in found.hits:
        if kind == "who" and isinstance(item, Entry):
            if all(w.key != item.key for w in who):
                who.append(_word(item))
        elif kind == "thing" and isinstance(item, Entry):
            if all(w.key != item.key for w in things):
                things.append(_word(item))
        elif kind == "place" and isinstance(item, Place):
            # the more specific place wins: "under the sea" over "sea", "beach" over "sea"
            if place is None or (
                place.key in ("sea", "space", "town", "home") and item.key != "home"
            ):
                place = item
        elif kind == "act" and isinstance(item, Activity):
            if activity is None or (
                activity.key in _GENERIC_ACTS and item.key not in _GENERIC_ACTS
            ):
                activity = item
        elif isinstance(item, str):
            slots.setdefault(kind, item)
    if place is None and any(t.key == "moon" for t in things):  # "달에 가기"
        place = next(p for p in PLACES if p.key == "moon")
    # "fly to the moon": the moon is the place, and a prop on the page too
    if place is not None and place.key == "moon" and all(t.key != "moon" for t in things):
        things.append(next(_word(e) for e in PROPS if e.key == "moon"))
    unknown: list[str] = []
    for raw in found.unknown:
        word = _gentle(raw, lang).strip()
        if not word or word in unknown:
            continue
        if word != raw:  # the safety step softened it: keep the gentle word, not the child's
            notes.append(f"softened {raw!r}")
        unknown.append(word)
    # an unknown noun is the companion when nothing else is, else a thing
    for word in unknown[:2]:
        category = nearest_category(word)
        pw = PlanWord(f"unknown:{word}", word, word, category if not who else "present", False)
        if not who:
            who.append(pw)
            notes.append(f"unknown {word!r} drawn as {category}")
        elif not things:
            things.append(pw)
            notes.append(f"unknown {word!r} drawn as a present")
    vehicle = next((t for t in things if t.key in _VEHICLES), None)
    if vehicle is not None and (activity is None or activity.key == "go"):
        activity = next(a for a in ACTIVITIES if a.key == "ride")  # "go on a boat": ride it
        if place is None and vehicle.key == "boat":
            place = next(p for p in PLACES if p.key == "sea")
    if activity is None:
        if place is not None:
            activity = next(a for a in ACTIVITIES if a.key == "go")
        elif things:
            activity = next(a for a in ACTIVITIES if a.key == "find")
        elif who:
            activity = next(a for a in ACTIVITIES if a.key == "friends")
    if place is None and activity is not None and activity.setting:
        place = next((p for p in PLACES if p.setting == activity.setting), None)
    if slots.get("weather") == "snow" and slots.get("season") is None:
        slots["season"] = "winter"
    return ThemePlan(
        theme=safe,
        who=tuple(who[:3]),
        things=tuple(things[:4]),
        place=place,
        activity=activity,
        feeling=slots.get("feeling"),
        time=slots.get("time"),
        weather=slots.get("weather"),
        season=slots.get("season"),
        unknown=tuple(unknown),
        notes=tuple(notes),
    )
