# ruff: noqa: E501  (word tables and templates read best one entry a line)
"""The offline storyteller: tells a story shape over the theme plan's slots, in Korean or English.

The child's words are never pasted in as a phrase ("a book about …"); they fill slots (who,
where, what they wish for), so the companion, the place and the wish are on most pages and in
the ending, with correct Korean particles and page lengths for the child's age. Every page also
carries a scene plan, so the picture shows what the page says.
"""

from __future__ import annotations

import logging
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...book import BookRequest, Hero, HeroKind, PagePlan, Provenance, ScenePlan, StoryHeader
from ...cancel import CancelToken
from ...events import Notify
from .. import StoryPart
from .arcs import ART_STYLES, HERO_LOOKS, HERO_SHEETS
from .lexicon import ACTIVITIES, COMPANIONS, FEELINGS, PLACES, PROPS, Activity, Place
from .plan import PlanWord, ThemePlan, make_plan
from .tales import ARCS, TALE_ROLES, TITLES, Variant
from .words import (
    KoreanName,
    attach_josa,
    english_names,
    korean_name,
    page_length,
    page_length_bounds,
    page_length_target,
)

__all__ = ["OfflineStoryWriter", "choose_tale", "essential_roles", "page_roles"]

log = logging.getLogger(__name__)

MODEL_ID = "aibook-offline-plan-v2"
_STYLE_TAIL = ", warm sunlight, cute storybook illustration, vibrant"
_SLOT = re.compile(r"\{([A-Z0-9_]+)(?:\|([^}]*))?\}")
_PEOPLE = {"grandma", "grandpa", "mom", "dad", "baby", "friend", "teacher", "doctor",
           "firefighter", "police", "astronaut", "pirate", "santa", "king", "mermaid", "fairy"}  # fmt: skip
_NO_ARTICLE_EN = {"grandma": "Grandma", "grandpa": "Grandpa", "mom": "Mom", "dad": "Dad",
                  "santa": "Santa"}  # fmt: skip
_MASS = {"ice cream", "bread", "candy", "pizza", "music", "fire", "teeth", "watermelon"}
_POSSESSIVE = {HeroKind.GIRL: "her", HeroKind.PRINCESS: "her", HeroKind.CAT: "her"}
_HERO_AS_COMPANION = {HeroKind.CAT: "cat", HeroKind.FROG: "frog", HeroKind.DINOSAUR: "dinosaur",
                      HeroKind.ROBOT: "robot", HeroKind.PRINCESS: "king"}  # fmt: skip
# a friend for a theme that names none, by setting
_DEFAULT_FRIENDS = {
    "underwater": ("octopus", "fish", "turtle"), "sea": ("dolphin", "crab", "whale"),
    "space": ("alien", "astronaut", "robot"), "sky": ("bird", "unicorn", "owl"),
    "forest": ("squirrel", "fox", "hedgehog"), "jungle": ("monkey", "elephant", "giraffe"),
    "town": ("puppy", "friend", "cat"), "castle": ("dragon", "king", "fairy"),
    "meadow": ("rabbit", "duck", "butterfly"), "snow": ("penguin", "polar_bear", "reindeer"),
    "mountain": ("bear", "owl", "squirrel"), "bedroom": ("teddy_friend", "cat", "puppy"),
}  # fmt: skip
_PLACE_FRIENDS = {"dentist": ("doctor",), "school": ("teacher", "friend"),
                  "fire_station": ("firefighter",), "bakery": ("grandma", "mom"),
                  "desert": ("turtle", "lion"), "moon": ("rabbit", "alien"),
                  "home": ("mom", "dad", "cat")}  # fmt: skip
# when the child said it happens: (English opening, Korean opening)
_WHEN = {"night": ("one night", "어느 밤"), "morning": ("one morning", "어느 아침"),
         "evening": ("one evening", "어느 저녁"), "rain": ("on a rainy day", "비 오는 날"),
         "snow": ("on a snowy day", "눈 오는 날"), "wind": ("on a windy day", "바람 부는 날"),
         "winter": ("one cold winter day", "추운 겨울날"), "summer": ("one hot summer day", "더운 여름날"),
         "spring": ("one spring day", "어느 봄날"), "autumn": ("one autumn day", "어느 가을날")}  # fmt: skip
_ROLE_ACTION = {"stand": "standing and smiling", "wave": "waving hello", "walk": "walking along",
                "think": "thinking with a hand on the chin", "talk": "talking happily",
                "sit": "sitting down", "reach": "reaching out with both hands",
                "cheer": "cheering with arms up", "jump": "jumping for joy",
                "hug": "hugging warmly", "sleep": "sleeping snugly", "hold": "holding on tight",
                "run": "running fast"}  # fmt: skip


def essential_roles(arc_id: str) -> tuple[str, ...]:
    return ARCS[arc_id].essential


def page_roles(
    arc_id: str, pages: int, has_second: bool = False, feeling: bool = False
) -> list[str]:
    """The beats a ``pages``-page book tells, in story order; the essential ones always."""
    tale = ARCS[arc_id]
    fill = [r for r in tale.fill if r != "share" or has_second]
    if feeling:  # the feeling the child named comes right after the friend is met
        fill = ["feel", *fill]
    keep = set(tale.essential) | set(fill[: max(0, pages - len(tale.essential))])
    order = list(tale.beats)
    order.insert(order.index("intro") + 1, "feel")
    roles = [r for r in order if r in keep]
    while len(roles) < pages:  # 12 pages without a second companion: one more try
        roles.insert(roles.index("solve"), "try")
    return roles[:pages]


def choose_tale(plan: ThemePlan, seed: int) -> str:
    """The activity's own story shape most of the time; the seed sometimes picks a kin shape,
    so two seeds of one theme tell visibly different books."""
    own = plan.activity.arc if plan.activity else "quest"
    kin = {"make": ("quest", "party", "help"), "journey": ("quest", "find", "help"),
           "find": ("quest", "journey", "help"), "help": ("quest", "friends", "journey"),
           "friends": ("quest", "party", "help"), "learn": ("quest", "help", "friends"),
           "party": ("make", "friends", "quest"), "night": ("quest", "friends", "find"),
           "quest": ("journey", "find", "friends")}  # fmt: skip
    rng = random.Random(f"{seed}:tale")
    return own if rng.random() < 0.5 else rng.choice(kin[own])


@dataclass(frozen=True)
class _Slots:
    """Every slot's text in one language (Korean values take particles at render time)."""

    lang: str
    values: dict[str, str | KoreanName]
    uses: dict[str, str]  # slot -> painter key it puts on the page
    companions: tuple[str, ...]  # painter keys the companion slot stands for


def _entry_word(key: str) -> PlanWord:
    e = next(c for c in COMPANIONS if c.key == key)
    return PlanWord(e.key, e.en, e.ko, e.key)


def _en_def(word: PlanWord) -> str:
    if word.key in _NO_ARTICLE_EN:
        return _NO_ARTICLE_EN[word.key]
    if not word.known:  # the child's own word: "the zorblat", but 꾸미꾸미 stays as said
        return f"the {word.en}" if word.en.isascii() else word.en
    return f"the {word.en}"


def _en_indef(word: PlanWord, little: bool = True) -> str:
    if word.key in _NO_ARTICLE_EN:
        return _NO_ARTICLE_EN[word.key]
    if not word.known:
        return f"a {word.en}" if word.en.isascii() else word.en
    if word.plural or word.en in _MASS:
        return word.en
    adj = "little " if little and word.key not in _PEOPLE else ""
    phrase = adj + word.en
    return ("an " if phrase[0] in "aeiou" else "a ") + phrase


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _with_place(
    forms: tuple[str, str, str], act: Activity, place: Place, lang: str
) -> tuple[str, str, str]:
    """The wish with its place, unless the wish already says it: "bake cookies at the beach"
    but "go to the beach"; 바닷가에서 모래성 쌓기, 치과에 가기."""
    if act.key in ("go", "climb", "swim") or (act.key == "fly" and place.setting != "sky"):
        return forms
    if lang == "en":
        return tuple(f"{f} {place.en_at}" for f in forms)  # type: ignore[return-value]
    at = attach_josa(place.ko, "에서")
    return tuple(f"{at} {f}" for f in forms)  # type: ignore[return-value]


def _goal(act: Activity, obj: PlanWord | None, place: Place, lang: str) -> tuple[str, str, str]:
    """(want, done, noun) forms of the wish: bake cookies / baked cookies / baking cookies."""
    if act.key == "birthday":  # "celebrate a birthday" (the cake is on the page, not the verb)
        obj = None
    if act.key == "party" and obj is not None:  # "a cake party": 케이크 파티를 열고
        if lang == "en":
            return (f"have a {obj.en} party", f"had a {obj.en} party",
                    f"having a {obj.en} party")  # fmt: skip
        return f"{obj.ko} 파티를 열고", f"{obj.ko} 파티를 열었어요", f"{obj.ko} 파티 열기"
    moving = act.key in ("go", "climb") or (act.key == "fly" and place.setting != "sky")
    if lang == "en":
        base, past, ing = act.en
        if moving:
            tail = f" {place.en}" if act.key == "climb" else f" {place.en_to}"
        elif act.key in ("swim", "skate", "race", "dance", "sleep"):
            tail = f" {place.en_at}" if act.key == "swim" else ""
        elif act.key == "fly":
            tail = " high in the sky"
        elif act.key == "friends":
            tail = ""
        else:
            o = _en_indef(obj, little=False) if obj else act.default[0]
            tail = f" {o}" if o else ""
        return base + tail, past + tail, ing + tail
    want, past, noun = act.ko
    if moving:
        part = "로" if act.key == "fly" else "에"
        if act.key == "fly":
            want, past, noun = "날아가고", "날아갔어요", "날아가기"
        return (f"{attach_josa(place.ko, part)} {want}", f"{attach_josa(place.ko, part)} {past}",
                f"{place.ko} {noun}")  # fmt: skip
    if act.key == "swim":
        return (f"{attach_josa(place.ko, '에서')} {want}", f"{attach_josa(place.ko, '에서')} {past}",
                f"{place.ko} {noun}")  # fmt: skip
    if act.key == "fly":
        return f"하늘을 {want}", f"하늘을 {past}", f"하늘 {noun}"
    if act.ko_obj in ("", "와") and act.key != "play":
        return want, past, noun
    o = obj.ko if obj else act.default[1]
    if not o:
        return want, past, noun
    if act.key == "play":
        return (
            f"{attach_josa(o, '를')} 가지고 {want}",
            f"{attach_josa(o, '를')} 가지고 {past}",
            f"{o} 놀이",
        )
    return f"{attach_josa(o, '를')} {want}", f"{attach_josa(o, '를')} {past}", f"{o} {noun}"


@dataclass(frozen=True)
class _Story:
    plan: ThemePlan
    arc: str
    companion: PlanWord
    second: PlanWord | None
    obj: PlanWord
    place: Place
    act: Activity


def _cast_story(plan: ThemePlan, hero: Hero, seed: int) -> _Story:
    rng = random.Random(f"{seed}:cast")
    own_kind = _HERO_AS_COMPANION.get(hero.kind)
    who = [w for w in plan.who if w.key != own_kind]
    act = plan.activity or next(a for a in ACTIVITIES if a.key == "find")
    place = plan.place
    if place is None:
        home = ""
        if plan.weather == "snow" or plan.season == "winter":
            home = "snow"
        for w in (*who, *plan.things):
            if home:
                break
            home = next((e.home for e in (*COMPANIONS, *PROPS) if e.key == w.key), "")
        home = home or act.setting or ("bedroom" if act.arc == "night" else "meadow")
        place = next((p for p in PLACES if p.key == home), None) or next(
            p for p in PLACES if p.setting == home and p.key != "desert"
        )
    if who:
        companion = who[0]
    else:
        pool = _PLACE_FRIENDS.get(place.key) or _DEFAULT_FRIENDS.get(place.setting) or ("rabbit",)
        options = [k for k in pool if k != own_kind]
        options = [k for k in options if any(c.key == k for c in COMPANIONS)] or ["rabbit"]
        companion = _entry_word(rng.choice(options))
    second = who[1] if len(who) > 1 else None
    things = [t for t in plan.things if not (t.key == "moon" and place.key == "moon")]
    if things:
        obj = things[0]
    elif act.default[0]:
        d_en, d_ko = act.default
        bare = re.sub(r"^(a|an|the) ", "", d_en)
        obj = PlanWord("present", bare, d_ko, "present", True, bare.endswith("s"))
        for e in (*COMPANIONS, *PROPS):
            if e.en == bare or e.ko == d_ko:
                obj = PlanWord(e.key, e.en, e.ko, e.key, True, e.plural)
                break
    else:
        obj = PlanWord("present", "present", "선물", "present")
    arc = choose_tale(plan, seed)
    return _Story(plan, arc, companion, second, obj, place, act)


def _slots(story: _Story, hero: Hero, lang: str) -> _Slots:
    c, o, p = story.companion, story.obj, story.place
    second = story.second or PlanWord("friend", "friend", "친구", "friend")
    gw, gd, gn = _goal(story.act, o, p, lang)
    gwp, gdp, gnp = _with_place((gw, gd, gn), story.act, p, lang)
    pair = story.second is not None and story.second.key not in (c.key, o.key)
    plan = story.plan
    feel = FEELINGS.get(plan.feeling or "")
    when_key = plan.weather or plan.time or plan.season or ""
    when = _WHEN.get(when_key, ("", ""))
    if lang == "ko":
        full, short = korean_name(hero.name)
        little = "" if c.key in _PEOPLE or not c.known else "작은 "
        c_ko = f"{attach_josa(c.ko, '와')} {second.ko}" if pair else c.ko
        values: dict[str, str | KoreanName] = {
            "H": short, "HF": full, "C": c_ko, "CA": little + c_ko, "C2": second.ko, "P": p.ko,
            "O": o.ko, "GW": gw, "GD": gd, "GN": gn, "GWP": gwp, "GDP": gdp, "GNP": gnp,
            "FP": feel[2] if feel else "", "FA": feel[1] if feel else "",
            "WHEN": when[1],
        }  # fmt: skip
    else:
        _, en_short = english_names(hero.name)
        c_def, c_ind = _en_def(c), _en_indef(c)
        if pair:  # "a robot who bakes with grandma": both are in the story together
            c_def, c_ind = f"{c_def} and {_en_def(second)}", f"{c_ind} and {_en_indef(second)}"
        gi = gn
        values = {
            "H": en_short, "H_CAP": en_short, "C": c_def, "C_CAP": _cap(c_def), "CA": c_ind,
            "CA_CAP": _cap(c_ind), "C2": _en_def(second), "C2_CAP": _cap(_en_def(second)),
            "P": p.en, "P_CAP": _cap(p.en), "PAT": p.en_at, "PAT_CAP": _cap(p.en_at),
            "PTO": p.en_to, "O": _en_def(o) if o.known else o.en, "O_CAP": _cap(_en_def(o)),
            "GW": gw, "GD": gd, "GI": gi, "GI_CAP": _cap(gi), "GWP": gwp, "GDP": gdp,
            "GIP": gnp, "GIP_CAP": _cap(gnp), "C_POS": "their" if pair else "its",
            "F": feel[0] if feel else "", "WHEN_CAP": _cap(when[0]),
        }  # fmt: skip
    pair_draw = (c.draw, second.draw) if pair else (c.draw,)
    uses = {"C": c.draw, "CA": c.draw, "C_CAP": c.draw, "CA_CAP": c.draw, "C2": second.draw,
            "C2_CAP": second.draw, "O": o.draw, "O_CAP": o.draw}  # fmt: skip
    if story.act.default[0] or story.plan.things:  # the wish names the thing: it is drawn
        for g in ("GW", "GD", "GN", "GI", "GI_CAP", "GWP", "GDP", "GNP", "GIP", "GIP_CAP"):
            uses[g] = o.draw
    return _Slots(lang, values, uses, pair_draw)


def _render(template: str, slots: _Slots, used: set[str]) -> str:
    def fill(m: re.Match[str]) -> str:
        name, particle = m.group(1), m.group(2) or ""
        used.add(name)
        value = slots.values.get(name, "")
        if isinstance(value, KoreanName):
            return value.say(particle)
        return attach_josa(value, particle) if particle else value

    text = _SLOT.sub(fill, template)
    return re.sub(r"\s+", " ", text).strip()


_GROUPS = (
    {"C", "CA", "C_CAP", "CA_CAP"},
    {"P", "PAT", "PTO", "P_CAP", "PAT_CAP", "GWP", "GDP", "GNP", "GIP", "GIP_CAP"},
    {"GW", "GD", "GN", "GI", "GI_CAP", "O", "O_CAP", "GWP", "GDP", "GNP", "GIP", "GIP_CAP"},
)


def _cover(used: set[str]) -> int:
    """How many of the theme's key ideas (friend, place, wish) a telling names."""
    return sum(bool(used & g) for g in _GROUPS)


def _fit(
    variants: list[Variant], order: list[int], slots: _Slots, age: int, avoid: set[str]
) -> tuple[int, str, set[str]]:
    """The telling inside the age band that names most of the theme's key ideas (then the
    one nearest the target length; the seeded order breaks ties); else the telling that
    misses the band by least."""
    lang = slots.lang
    lo, hi = page_length_bounds(lang, age)
    target = page_length_target(lang, age)
    col = 0 if lang == "ko" else 2
    fits: list[tuple[tuple[int, int, int], int, str, set[str]]] = []
    tried: list[tuple[int, str, set[str]]] = []
    for rank, i in enumerate(order):
        v = variants[i]
        if any(not slots.values.get(m.group(1), "x") for m in _SLOT.finditer(v[col] + v[col + 1])):
            continue  # a beat about a feeling or a time the child did not mention
        u1: set[str] = set()
        one = _render(v[col], slots, u1)
        u2 = set(u1)
        both = f"{one} {_render(v[col + 1], slots, u2)}".strip()
        for t, u in ((one, u1), (both, u2)):
            tried.append((i, t, u))
            n = page_length(t, lang)
            if lo <= n <= hi and t not in avoid:
                fits.append(((-_cover(u), abs(n - target) // 4, rank), i, t, u))
    if fits:
        _, i, t, u = min(fits, key=lambda f: f[0])
        return i, t, u

    def miss(item: tuple[int, str, set[str]]) -> int:
        n = page_length(item[1], lang)
        return max(lo - n, n - hi) + (1000 if item[1] in avoid else 0)

    return min(tried, key=miss)


def _alt(variant: Variant, slots: _Slots, age: int) -> str:
    lang = slots.lang
    lo, hi = page_length_bounds(lang, age)
    target = page_length_target(lang, age)
    col = 0 if lang == "ko" else 2
    one = _render(variant[col], slots, set())
    both = f"{one} {_render(variant[col + 1], slots, set())}".strip()
    return min((one, both), key=lambda t: (
        0 if lo <= page_length(t, lang) <= hi else 1, abs(page_length(t, lang) - target)))  # fmt: skip


def _scene(story: _Story, plan: ThemePlan, role: str, pose: str, used: set[str], slots: _Slots,
           page: int, pages: int) -> ScenePlan:  # fmt: skip
    if role == "end" and pose in ("stand", "wave"):
        pose = "cheer"  # the wish came true: the last picture is not the first one again
    characters: list[str] = []
    props: list[str] = []
    for name in sorted(used):
        key = slots.uses.get(name)
        if key is None:
            continue
        if name.startswith(("O", "G")):
            keys = [key]
            target = props
        else:
            keys = (
                list(slots.companions)
                if name.startswith("C") and not name.startswith("C2")
                else [key]
            )
            target = characters
        for k in keys:
            if k not in characters and k not in props:
                target.append(k)
    if role in ("intro", "solve", "end", "joy", "go", "wish"):
        for k in slots.companions:  # the friends are with the hero on these pages
            if k not in characters:
                characters.append(k)
    if story.place.key == "moon" and "moon" not in props:
        props.append("moon")
    time = plan.time or "day"
    if pose == "sleep" or (role == "end" and "night" in str(used)):
        time = "night"
    if role == "open" and plan.time is None:
        time = "morning"
    weather = plan.weather or "clear"
    season = plan.season or ("winter" if story.place.setting == "snow" else "")
    names = tuple((w.draw, w.en) for w in (story.companion, story.obj) if not w.known)
    return ScenePlan(story.place.setting, time, weather, season, tuple(characters),
                     tuple(props), pose, names)  # fmt: skip


def _scene_prompt(hero: Hero, story: _Story, scene: ScenePlan) -> str:
    subject = HERO_LOOKS[hero.kind]
    names = dict(scene.names)
    friends = [names.get(k, k.replace("_", " ")) for k in scene.characters]
    if friends:
        subject += " with " + " and ".join(f"a friendly {f}" for f in friends)
    action = _ROLE_ACTION.get(scene.action, "smiling")
    props = ", ".join(names.get(k, k.replace("_", " ")) for k in scene.props) or "soft details"
    mood = " ".join(x for x in (scene.season, scene.time, "" if scene.weather == "clear" else
                                scene.weather) if x)  # fmt: skip
    return (f"(Subject) {subject} (Action) {action} (Context) {props}, {mood or 'daytime'} "
            f"(Environment) {scene.setting}").lower().replace("(subject)", "(Subject)").replace(
        "(action)", "(Action)").replace("(context)", "(Context)").replace(
        "(environment)", "(Environment)")  # fmt: skip


def _other_hero(hero: Hero, lang: str, other: str) -> Hero:
    if hero.name == Hero.default(hero.kind, lang).name:
        return Hero.default(hero.kind, other)
    return hero


class OfflineStoryWriter:
    """Tells the child's theme from its plan; milliseconds after the first (which loads the
    Korean analyser), deterministic for a seed, no AI involved.

    With ``request.bilingual`` pages carry the other language in ``text_alt`` too.
    """

    name = "offline"

    def write(
        self, request: BookRequest, cancel: CancelToken, notify: Notify | None = None
    ) -> Iterator[StoryPart]:
        cancel.check()
        lang, other = request.lang, ("en" if request.lang == "ko" else "ko")
        plan = make_plan(request.theme.text, lang)
        story = _cast_story(plan, request.hero, request.seed)
        slots = _slots(story, request.hero, lang)
        alt_slots = _slots(story, _other_hero(request.hero, lang, other), other)
        rng = random.Random(f"{request.seed}:words")
        style = ART_STYLES[random.Random(f"{request.seed}:style").randrange(len(ART_STYLES))]
        title_ko, title_en = TITLES[rng.randrange(len(TITLES))]
        title = _render(title_ko if lang == "ko" else title_en, slots, set())
        log.debug("offline story: arc %s, who %s, place %s, wish %s", story.arc,
                  story.companion.key, story.place.key, story.act.key)  # fmt: skip
        cancel.check()
        yield StoryHeader(
            title=title,
            hero_sheet=HERO_SHEETS[request.hero.kind],
            art_style=style + _STYLE_TAIL,
            provenance=Provenance(
                backend=self.name, model=MODEL_ID, seed=request.seed, ai_generated=False,
                note=f"arc {story.arc}; plan: who={story.companion.key} where={story.place.key} "
                f"wish={story.act.key} thing={story.obj.key}",
            ),
        )  # fmt: skip
        roles = page_roles(story.arc, request.pages, story.second is not None, bool(plan.feeling))
        table = TALE_ROLES[story.arc]
        said: set[str] = set()
        for index, role in enumerate(roles):
            variants = table[role]
            order = list(range(len(variants)))
            rng.shuffle(order)
            choice, text, used = _fit(variants, order, slots, request.age, said)
            said.add(text)
            text_alt = _alt(variants[choice], alt_slots, request.age) if request.bilingual else None
            scene = _scene(story, plan, role, variants[choice][4], used, slots, index,
                           request.pages)  # fmt: skip
            cancel.check()
            yield PagePlan(index, text, _scene_prompt(request.hero, story, scene), text_alt, scene)
