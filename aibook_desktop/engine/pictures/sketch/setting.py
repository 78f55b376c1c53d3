"""Picks where a page is set: the setting word in the scene prompt, else hints in the theme."""

from __future__ import annotations

import re

from ...book import SCENE_SETTINGS

__all__ = ["DEFAULT_SETTING", "choose_setting", "setting_from_prompt", "setting_from_theme"]

DEFAULT_SETTING = "meadow"

# Place words win over things that merely hint at a place ("a princess at the sea" is the sea).
_PLACES: dict[str, tuple[str, ...]] = {
    "space": ("우주", "달나라", "행성", "은하", "space", "moon", "planet", "galaxy", "outer space"),
    "sky": ("하늘", "구름", "sky", "clouds", "cloud"),
    "underwater": ("바닷속", "바다 속", "물속", "물 속", "해저", "underwater", "under the sea"),
    "sea": ("바다", "해변", "바닷가", "섬", "sea", "ocean", "beach", "island", "seaside"),
    "forest": ("숲", "숲속", "forest", "woods"),
    "jungle": ("정글", "밀림", "jungle", "rainforest"),
    "town": ("마을", "도시", "동네", "town", "city", "village", "street"),
    "castle": ("성", "궁전", "왕국", "castle", "palace", "kingdom"),
    "meadow": ("들판", "초원", "꽃밭", "정원", "meadow", "field", "garden", "park"),
    "snow": ("눈", "겨울", "눈밭", "snow", "winter"),
    "mountain": ("산", "산꼭대기", "mountain", "mountains", "hill", "volcano"),
    "bedroom": ("방", "침실", "침대", "bedroom", "bed", "room"),
    "desert": ("사막", "desert", "sand dunes"),
}
_HINTS: dict[str, tuple[str, ...]] = {
    "space": (
        "달",
        "별",
        "로켓",
        "외계인",
        "우주선",
        "rocket",
        "star",
        "stars",
        "alien",
        "astronaut",
        "spaceship",
    ),
    "sky": (
        "비행기",
        "풍선",
        "무지개",
        "날개",
        "새",
        "날다",
        "날아",
        "balloon",
        "rainbow",
        "airplane",
        "plane",
        "bird",
        "birds",
        "fly",
        "flying",
        "wings",
        "kite",
    ),
    "underwater": (
        "인어",
        "물고기",
        "잠수",
        "상어",
        "고래",
        "거북",
        "문어",
        "mermaid",
        "fish",
        "shark",
        "whale",
        "turtle",
        "octopus",
        "diving",
        "submarine",
    ),
    "sea": (
        "배",
        "파도",
        "해적",
        "모래",
        "조개",
        "boat",
        "ship",
        "waves",
        "pirate",
        "pirates",
        "sand",
        "shell",
        "shells",
        "swim",
        "swimming",
    ),
    "forest": (
        "나무",
        "곰",
        "여우",
        "다람쥐",
        "버섯",
        "tree",
        "trees",
        "bear",
        "fox",
        "squirrel",
        "mushroom",
        "owl",
        "camping",
    ),
    "jungle": (
        "원숭이",
        "사자",
        "호랑이",
        "코끼리",
        "앵무새",
        "monkey",
        "lion",
        "tiger",
        "elephant",
        "parrot",
    ),
    "town": (
        "학교",
        "가게",
        "시장",
        "빵집",
        "기차",
        "버스",
        "school",
        "shop",
        "market",
        "bakery",
        "train",
        "bus",
        "friends",
    ),
    "castle": (
        "공주",
        "왕자",
        "왕",
        "용",
        "기사",
        "마법",
        "princess",
        "prince",
        "king",
        "queen",
        "dragon",
        "knight",
        "magic",
        "wizard",
    ),
    "meadow": (
        "꽃",
        "나비",
        "소풍",
        "토끼",
        "flower",
        "flowers",
        "butterfly",
        "picnic",
        "bunny",
        "rabbit",
    ),
    "snow": (
        "눈사람",
        "얼음",
        "썰매",
        "크리스마스",
        "산타",
        "펭귄",
        "snowman",
        "ice",
        "sled",
        "christmas",
        "santa",
        "penguin",
    ),
    "mountain": ("등산", "동굴", "폭포", "climb", "climbing", "cave", "waterfall"),
    "bedroom": (
        "잠",
        "꿈",
        "밤",
        "장난감",
        "인형",
        "이불",
        "sleep",
        "dream",
        "dreams",
        "night",
        "toys",
        "toy",
        "teddy",
        "bedtime",
    ),
}

# Korean particles and endings stripped from a word before a one-syllable match, so that
# "눈이" is snow while "눈썹" and "우산" (umbrella) are not.
_JOSA = sorted(
    (
        "이",
        "가",
        "은",
        "는",
        "을",
        "를",
        "에",
        "에서",
        "에게",
        "으로",
        "로",
        "와",
        "과",
        "의",
        "도",
        "랑",
        "이랑",
        "까지",
        "나라",
        "속",
        "위",
        "밑",
        "아래",
        "님",
        "들",
        "이다",
        "이야",
    ),
    key=len,
    reverse=True,
)
_WORD = re.compile(r"[0-9a-z가-힣]+")
_PROMPT_WORD = re.compile(r"\b(" + "|".join(SCENE_SETTINGS) + r")s?\b")


def setting_from_prompt(scene_prompt: str) -> str | None:
    """The setting word the story writer put in the scene prompt (the first, if several)."""
    text = scene_prompt.lower()
    found = [(m.start(), m.group(1)) for m in _PROMPT_WORD.finditer(text)]
    if not found:
        return None
    names = {name for _, name in found}
    # A page "underwater in the sea" or "in space, high above the sky" means the narrower place.
    if "underwater" in names:
        return "underwater"
    if "space" in names:
        return "space"
    return min(found)[1]


def _stems(word: str, depth: int = 2) -> set[str]:
    """The word with up to ``depth`` endings taken off ("꿈나라로" -> "꿈나라" -> "꿈")."""
    stems = {word}
    if depth:
        for ending in _JOSA:
            if len(word) > len(ending) and word.endswith(ending):
                stems |= _stems(word[: -len(ending)], depth - 1)
    return stems


def _first_hit(text: str, table: dict[str, tuple[str, ...]]) -> str | None:
    """The setting whose keyword occurs earliest in ``text`` (None if none does)."""
    words = [(m.start(), m.group(0)) for m in _WORD.finditer(text)]
    best: tuple[int, int, str] | None = None
    for setting, keys in table.items():
        for key in keys:
            hits: list[int] = []
            if " " in key:
                hits = [m.start() for m in re.finditer(re.escape(key), text)]
            elif key.isascii():
                hits = [pos for pos, w in words if w in (key, key + "s", key + "es")]
            elif len(key) == 1:
                hits = [pos for pos, w in words if key in _stems(w)]
            else:
                hits = [pos + w.index(key) for pos, w in words if key in w]
            for pos in hits:
                # earliest wins; on a tie the longer keyword ("바닷속" over "바다")
                cand = (pos, -len(key), setting)
                if best is None or cand < best:
                    best = cand
    return best[2] if best else None


def setting_from_theme(theme: str) -> str | None:
    text = theme.lower()
    direct = setting_from_prompt(text)
    return direct or _first_hit(text, _PLACES) or _first_hit(text, _HINTS)


def choose_setting(scene_prompt: str, theme: str) -> str:
    return setting_from_prompt(scene_prompt) or setting_from_theme(theme) or DEFAULT_SETTING
