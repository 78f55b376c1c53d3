# ruff: noqa: E501  (word tables and templates read best one entry a line)
"""The words a theme plan knows: companions, things, places, wishes, feelings and weather.

Each entry carries its Korean and English noun and how the sketch painter draws it, so a word
the child said reaches the text and the picture together. Words not listed here are still kept
(as unknown nouns, drawn by their nearest category).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ACTIVITIES",
    "COMPANIONS",
    "FEELINGS",
    "PLACES",
    "PROPS",
    "TIMES",
    "Activity",
    "Entry",
    "Place",
]


@dataclass(frozen=True)
class Entry:
    """A companion or a thing: ``key`` is also what the sketch painter draws."""

    key: str
    en: str  # singular English noun, no article
    ko: str
    en_keys: tuple[str, ...] = ()  # extra English lemmas / phrases that name it
    ko_keys: tuple[str, ...] = ()
    emoji: str = ""
    home: str = ""  # the setting it lives in, when the theme names no place
    plural: bool = False  # "cookies": told in the plural


def _e(key: str, en: str, ko: str, en_keys: str = "", ko_keys: str = "", emoji: str = "",
       home: str = "", plural: bool = False) -> Entry:  # fmt: skip
    return Entry(key, en, ko, tuple(filter(None, en_keys.split(","))),
                 tuple(filter(None, ko_keys.split(","))), emoji, home, plural)  # fmt: skip


COMPANIONS: tuple[Entry, ...] = (
    _e("octopus", "octopus", "문어", "", "낙지", "🐙", "underwater"),
    _e("whale", "whale", "고래", "", "", "🐳🐋", "sea"),
    _e("dolphin", "dolphin", "돌고래", "", "", "🐬", "sea"),
    _e("fish", "fish", "물고기", "goldfish", "금붕어,물고기들", "🐟🐠", "underwater"),
    _e("shark", "shark", "상어", "", "아기상어", "🦈", "underwater"),
    _e("turtle", "turtle", "거북이", "tortoise", "거북", "🐢", "sea"),
    _e("crab", "crab", "게", "", "꽃게", "🦀", "sea"),
    _e("penguin", "penguin", "펭귄", "", "", "🐧", "snow"),
    _e("polar_bear", "polar bear", "북극곰", "", "", "🐻‍❄️", "snow"),
    _e("seal", "seal", "물개", "", "바다표범", "🦭", "snow"),
    _e("hedgehog", "hedgehog", "고슴도치", "", "", "🦔", "forest"),
    _e("puppy", "puppy", "강아지", "dog,doggy,pup", "개,멍멍이", "🐶🐕", "meadow"),
    _e("cat", "kitten", "아기 고양이", "cat,kitty", "고양이,야옹이", "🐱🐈", "town"),
    _e("rabbit", "rabbit", "토끼", "bunny", "산토끼", "🐰🐇", "meadow"),
    _e("duck", "duck", "오리", "duckling", "아기오리", "🦆", "meadow"),
    _e("chick", "chick", "병아리", "chicken,hen", "닭", "🐥🐤🐔", "meadow"),
    _e("bird", "bird", "새", "parrot,sparrow", "참새,앵무새,새들", "🐦🦜", "sky"),
    _e("owl", "owl", "부엉이", "", "올빼미", "🦉", "forest"),
    _e("elephant", "elephant", "코끼리", "", "", "🐘", "jungle"),
    _e("giraffe", "giraffe", "기린", "", "", "🦒", "jungle"),
    _e("lion", "lion", "사자", "", "", "🦁", "jungle"),
    _e("tiger", "tiger", "호랑이", "", "", "🐯🐅", "jungle"),
    _e("monkey", "monkey", "원숭이", "", "", "🐵🐒", "jungle"),
    _e("bear", "bear", "곰", "teddy", "곰돌이,아기곰", "🐻", "forest"),
    _e("panda", "panda", "판다", "", "팬더", "🐼", "forest"),
    _e("fox", "fox", "여우", "", "", "🦊", "forest"),
    _e("squirrel", "squirrel", "다람쥐", "", "", "🐿️", "forest"),
    _e("mouse", "mouse", "생쥐", "hamster", "쥐,햄스터", "🐭🐹", "town"),
    _e("pig", "piglet", "아기 돼지", "pig", "돼지,꿀꿀이", "🐷🐖", "meadow"),
    _e("cow", "cow", "젖소", "", "소,송아지", "🐮🐄", "meadow"),
    _e("horse", "pony", "조랑말", "horse", "말", "🐴🐎", "meadow"),
    _e("sheep", "lamb", "아기 양", "sheep", "양", "🐑", "meadow"),
    _e("frog", "frog", "개구리", "", "", "🐸", "meadow"),
    _e("snail", "snail", "달팽이", "", "", "🐌", "meadow"),
    _e("bee", "bee", "꿀벌", "", "벌", "🐝", "meadow"),
    _e("butterfly", "butterfly", "나비", "", "", "🦋", "meadow"),
    _e("ladybug", "ladybug", "무당벌레", "bug,beetle", "벌레", "🐞", "meadow"),
    _e("reindeer", "reindeer", "순록", "deer", "사슴,루돌프", "🦌", "snow"),
    _e(
        "dinosaur", "dinosaur", "공룡", "dino,t-rex,trex", "티라노,티라노사우루스", "🦖🦕", "jungle"
    ),
    _e("dragon", "dragon", "용", "", "드래곤,아기용,아기 용", "🐉🐲", "castle"),
    _e("unicorn", "unicorn", "유니콘", "", "", "🦄", "sky"),
    _e("robot", "robot", "로봇", "bot", "", "🤖", "town"),
    _e("alien", "alien", "외계인", "martian", "우주인", "👽", "space"),
    _e("monster", "monster", "괴물", "", "몬스터", "👾", "forest"),
    _e("fairy", "fairy", "요정", "pixie", "", "🧚", "forest"),
    _e("mermaid", "mermaid", "인어", "", "인어공주", "🧜", "underwater"),
    _e("grandma", "grandma", "할머니", "grandmother,granny,nana", "", "👵", "town"),
    _e("grandpa", "grandpa", "할아버지", "grandfather,granddad", "", "👴", "town"),
    _e("mom", "mom", "엄마", "mother,mommy,mum,mummy", "어머니", "👩", "town"),
    _e("dad", "dad", "아빠", "father,daddy", "아버지", "👨", "town"),
    _e("baby", "baby", "아기", "sister,brother", "동생,여동생,남동생", "👶", "bedroom"),
    _e("friend", "friend", "친구", "buddy,classmate", "친구들,짝꿍", "🧒", "meadow"),
    _e("teacher", "teacher", "선생님", "", "", "🧑‍🏫", "town"),
    _e("doctor", "doctor", "의사 선생님", "dentist,nurse", "의사,치과의사,간호사", "🧑‍⚕️", "town"),
    _e("firefighter", "firefighter", "소방관", "fireman", "소방관 아저씨", "🧑‍🚒", "town"),
    _e(
        "police", "police officer", "경찰관", "police,policeman", "경찰,경찰관 아저씨", "👮", "town"
    ),
    _e("astronaut", "astronaut", "우주비행사", "", "우주 비행사", "🧑‍🚀", "space"),
    _e("pirate", "pirate", "해적", "captain", "선장", "🏴‍☠️", "sea"),
    _e("santa", "Santa", "산타 할아버지", "santa,claus", "산타,산타클로스", "🎅", "snow"),
    _e("king", "king", "임금님", "queen,prince", "왕,왕자,여왕", "🤴👑", "castle"),
)

PROPS: tuple[Entry, ...] = (
    _e("cake", "cake", "케이크", "cupcake", "생일케이크,컵케이크", "🎂🍰🧁", "town"),
    _e("balloon", "balloon", "풍선", "", "", "🎈", "sky"),
    _e("rocket", "rocket", "로켓", "spaceship,rocket ship", "우주선", "🚀", "space"),
    _e("moon", "moon", "달", "", "달님,보름달", "🌙🌕", "space"),
    _e("stars", "stars", "별", "star", "별님,별들", "⭐🌟✨", "space", True),
    _e("sandcastle", "sandcastle", "모래성", "sand castle", "", "", "sea"),
    _e("treasure", "treasure chest", "보물 상자", "treasure", "보물,보물상자", "💎", "sea"),
    _e("map", "map", "지도", "treasure map", "보물지도", "🗺️", "forest"),
    _e("ice_cream", "ice cream", "아이스크림", "icecream,ice-cream", "", "🍦🍨", "town"),
    _e("cookies", "cookies", "쿠키", "cookie,biscuit", "과자", "🍪", "bedroom", True),
    _e("fire_truck", "fire truck", "소방차", "fire engine,firetruck", "불자동차", "🚒", "town"),
    _e("snowman", "snowman", "눈사람", "", "", "☃️⛄", "snow"),
    _e("skates", "skates", "스케이트", "skate,ice skates", "썰매", "⛸️", "snow", True),
    _e("toothbrush", "toothbrush", "칫솔", "teeth,tooth", "이,이빨,양치", "🪥🦷", "bedroom"),
    _e("book", "book", "책", "storybook", "동화책,그림책", "📚📖", "bedroom"),
    _e("ball", "ball", "공", "football,soccer", "축구공,축구", "⚽🏀", "meadow"),
    _e("kite", "kite", "연", "", "방패연", "🪁", "sky"),
    _e("flower", "flowers", "꽃", "flower,rose", "꽃들,장미", "🌸🌷🌻", "meadow", True),
    _e("present", "present", "선물", "gift", "선물상자", "🎁", "bedroom"),
    _e("car", "car", "자동차", "", "차,자동차들", "🚗", "town"),
    _e("bus", "bus", "버스", "school bus", "", "🚌", "town"),
    _e("train", "train", "기차", "", "기찻길", "🚂🚆", "town"),
    _e("boat", "boat", "배", "ship,sailboat", "보트,돛단배", "⛵🚤", "sea"),
    _e("airplane", "airplane", "비행기", "plane", "", "✈️", "sky"),
    _e("umbrella", "umbrella", "우산", "", "", "☂️🌂", "town"),
    _e("apple", "apples", "사과", "apple", "", "🍎", "meadow", True),
    _e("pizza", "pizza", "피자", "", "", "🍕", "town"),
    _e("rainbow", "rainbow", "무지개", "", "", "🌈", "sky"),
    _e("crown", "crown", "왕관", "", "", "", "castle"),
    _e("wand", "magic wand", "요술봉", "wand", "마술봉,지팡이", "🪄", "castle"),
    _e("bicycle", "bicycle", "자전거", "bike", "", "🚲", "town"),
    _e("drum", "drum", "북", "drums", "드럼", "🥁", "town"),
    _e("guitar", "guitar", "기타", "", "", "🎸", "town"),
    _e("paint", "paintbrush", "붓", "paint,crayon,picture", "물감,크레파스,그림", "🎨🖍️", "bedroom"),
    _e("shell", "seashells", "조개껍데기", "shell,seashell", "조개,소라", "🐚", "sea", True),
    _e("heart", "heart", "하트", "", "", "❤️💖", "bedroom"),
    _e("key", "key", "열쇠", "", "", "🔑", "castle"),
    _e("lantern", "lantern", "등불", "lamp,flashlight", "손전등,랜턴", "🏮🔦", "forest"),
    _e("bucket", "bucket and spade", "양동이", "bucket,spade,shovel", "삽", "🪣", "sea"),
    _e("pumpkin", "pumpkin", "호박", "", "", "🎃", "meadow"),
    _e("candy", "candy", "사탕", "lollipop,sweets", "막대사탕,젤리", "🍬🍭", "town"),
    _e("bread", "bread", "빵", "", "식빵", "🍞🥐", "town"),
    _e("tent", "tent", "텐트", "", "", "⛺", "forest"),
    _e("telescope", "telescope", "망원경", "", "", "🔭", "space"),
    _e(
        "teddy",
        "teddy bear",
        "곰 인형",
        "teddy bear,doll,toy",
        "인형,곰인형,장난감",
        "🧸",
        "bedroom",
    ),
    _e("carrot", "carrots", "당근", "carrot", "", "🥕", "meadow", True),
    _e("egg", "egg", "알", "", "달걀,계란,공룡알", "🥚", "jungle"),
    _e("letter", "letter", "편지", "card,postcard", "카드", "✉️💌", "town"),
    _e("blocks", "blocks", "블록", "block,lego", "레고,블럭", "🧱", "bedroom", True),
    _e("sun", "sun", "해", "sunshine", "해님,햇님", "☀️🌞", "meadow"),
    _e("tree_xmas", "Christmas tree", "크리스마스 트리", "christmas tree", "트리", "🎄", "snow"),
    _e("sled", "sled", "눈썰매", "sleigh,sledge", "", "🛷", "snow"),
    _e("strawberry", "strawberries", "딸기", "strawberry", "", "🍓", "meadow", True),
    _e("banana", "bananas", "바나나", "banana", "", "🍌", "jungle", True),
    _e("watermelon", "watermelon", "수박", "", "", "🍉", "meadow"),
    _e(
        "sandwich",
        "sandwiches",
        "샌드위치",
        "sandwich,lunch,picnic basket",
        "도시락,김밥",
        "🥪🧺",
        "meadow",
        True,
    ),
    _e("music", "song", "노래", "music,songs", "음악,노래들", "🎵🎶", "town"),
    _e("hat", "hat", "모자", "", "", "🎩👒", "town"),
    _e("backpack", "backpack", "가방", "bag,schoolbag", "책가방", "🎒", "town"),
    _e("bubble", "bubbles", "비눗방울", "bubble", "거품", "🫧", "meadow", True),
    _e("leaf", "leaves", "나뭇잎", "leaf", "낙엽,단풍", "🍂🍁", "forest", True),
    _e("fire", "fire", "불", "", "불길", "🔥", "town"),
)


@dataclass(frozen=True)
class Place:
    key: str
    setting: str  # one of book.SCENE_SETTINGS, for the picture
    en: str  # "the beach"
    en_at: str  # "at the beach"
    en_to: str  # "to the beach"
    ko: str  # "바닷가"
    en_keys: tuple[str, ...]
    ko_keys: tuple[str, ...]
    emoji: str = ""


def _p(key: str, setting: str, en: str, at: str, to: str, ko: str, en_keys: str,
       ko_keys: str, emoji: str = "") -> Place:  # fmt: skip
    return Place(key, setting, en, at, to, ko, tuple(filter(None, en_keys.split(","))),
                 tuple(filter(None, ko_keys.split(","))), emoji)  # fmt: skip


PLACES: tuple[Place, ...] = (
    _p(
        "underwater",
        "underwater",
        "the bottom of the sea",
        "under the sea",
        "under the sea",
        "바닷속",
        "under the sea,underwater,under water,ocean floor,coral reef",
        "바다속,바닷속,해저,산호초",
    ),
    _p(
        "beach",
        "sea",
        "the beach",
        "at the beach",
        "to the beach",
        "바닷가",
        "beach,seaside,shore,sand",
        "바닷가,해변,모래사장,해수욕장",
        "🏖️",
    ),
    _p(
        "sea",
        "sea",
        "the sea",
        "on the sea",
        "to the sea",
        "바다",
        "sea,ocean,island",
        "바다,섬",
        "🌊🏝️",
    ),
    _p(
        "moon",
        "space",
        "the moon",
        "on the moon",
        "to the moon",
        "달나라",
        "moon",
        "달나라,달님",
        "",
    ),
    _p(
        "space",
        "space",
        "space",
        "in space",
        "into space",
        "우주",
        "space,outer space,planet,galaxy,mars,stars",
        "우주,행성,별나라,화성,은하수",
        "🪐🌌",
    ),
    _p(
        "sky",
        "sky",
        "the sky",
        "in the sky",
        "up into the sky",
        "하늘",
        "sky,clouds,cloud",
        "하늘,구름,구름나라",
        "☁️",
    ),
    _p(
        "forest",
        "forest",
        "the forest",
        "in the forest",
        "to the forest",
        "숲",
        "forest,woods,wood,camping,campsite",
        "숲,숲속,산속,캠핑,캠핑장",
        "🌲🌳🏕️",
    ),
    _p(
        "jungle",
        "jungle",
        "the jungle",
        "in the jungle",
        "to the jungle",
        "정글",
        "jungle,rainforest,safari,zoo",
        "정글,밀림,동물원,사파리",
        "🌴",
    ),
    _p(
        "desert",
        "desert",
        "the desert",
        "in the desert",
        "to the desert",
        "사막",
        "desert",
        "사막",
        "🏜️🐪",
    ),
    _p(
        "castle",
        "castle",
        "the castle",
        "at the castle",
        "to the castle",
        "성",
        "castle,palace,kingdom",
        "성,궁전,왕국,성에",
        "🏰",
    ),
    _p(
        "school",
        "town",
        "school",
        "at school",
        "to school",
        "유치원",
        "school,kindergarten,preschool,class,classroom",
        "유치원,학교,어린이집,교실",
        "🏫",
    ),
    _p(
        "dentist",
        "town",
        "the dentist",
        "at the dentist",
        "to the dentist",
        "치과",
        "dentist,dentist's,clinic,hospital,doctor's",
        "치과,병원",
        "🏥",
    ),
    _p(
        "bakery",
        "town",
        "the bakery",
        "at the bakery",
        "to the bakery",
        "빵집",
        "bakery,kitchen,shop,store,market,supermarket",
        "빵집,부엌,가게,시장,마트,주방",
        "",
    ),
    _p(
        "fire_station",
        "town",
        "the fire station",
        "at the fire station",
        "to the fire station",
        "소방서",
        "fire station",
        "소방서",
        "",
    ),
    _p(
        "town",
        "town",
        "town",
        "in town",
        "to town",
        "마을",
        "town,city,street,village,playground,library,neighborhood",
        "마을,도시,거리,놀이터,도서관,동네",
        "🏙️",
    ),
    _p(
        "park",
        "meadow",
        "the park",
        "in the park",
        "to the park",
        "공원",
        "park,garden,meadow,field,farm",
        "공원,정원,꽃밭,들판,농장,텃밭",
        "🌷",
    ),
    _p(
        "snow",
        "snow",
        "the snowy hill",
        "on the snowy hill",
        "to the snowy hill",
        "눈밭",
        "north pole,south pole,arctic,antarctica,ice rink,iceland,igloo",
        "북극,남극,눈밭,얼음나라,스케이트장",
        "❄️",
    ),
    _p(
        "mountain",
        "mountain",
        "the mountain",
        "on the mountain",
        "up the mountain",
        "산",
        "mountain,hill,volcano,cave",
        "산,언덕,화산,동굴,산꼭대기",
        "⛰️🌋",
    ),
    _p(
        "home",
        "bedroom",
        "home",
        "at home",
        "home",
        "집",
        "home,house,bedroom,bed,room",
        "집,방,침대,우리집",
        "🏠🛏️",
    ),
)


@dataclass(frozen=True)
class Activity:
    """A wish the child can name: its English verb forms and Korean clause forms.

    ``ko_obj`` is the particle its object takes ("를" for 먹다, "에" for 가다); Korean forms are
    written out, since 굽다 → 구워요 and 만들다 → 만들어요 are not rules worth re-deriving.
    """

    key: str
    en: tuple[str, str, str]  # base, past, -ing
    ko: tuple[str, str, str]  # want stem (먹고), past (먹었어요), noun (먹기)
    en_keys: tuple[str, ...]
    ko_keys: tuple[str, ...]  # verb lemmas (먹다) or nouns (생일)
    ko_obj: str = "를"
    en_prep: str = ""  # "with" for "play with the ball"
    default: tuple[str, str] = ("", "")  # (en, ko) object when the theme names none
    arc: str = "quest"  # the story shape it fits best
    setting: str = ""  # the place it implies ("fly" -> sky)
    emoji: str = ""


def _a(key: str, en: str, ko: str, en_keys: str, ko_keys: str, ko_obj: str = "를",
       en_prep: str = "", default: str = "|", arc: str = "quest", setting: str = "",
       emoji: str = "") -> Activity:  # fmt: skip
    e3 = tuple(en.split("|"))
    k3 = tuple(ko.split("|"))
    d_en, d_ko = default.split("|")
    return Activity(key, (e3[0], e3[1], e3[2]), (k3[0], k3[1], k3[2]),
                    tuple(filter(None, en_keys.split(","))), tuple(filter(None, ko_keys.split(","))),
                    ko_obj, en_prep, (d_en, d_ko), arc, setting, emoji)  # fmt: skip


ACTIVITIES: tuple[Activity, ...] = (
    _a(
        "see",
        "see|saw|seeing",
        "보고|보았어요|보기",
        "see,watch,stargaze",
        "보다,구경하다,구경",
        default="the stars|별",
        arc="journey",
    ),
    _a(
        "bake",
        "bake|baked|baking",
        "굽고|구웠어요|굽기",
        "bake,cook",
        "굽다,요리하다,요리",
        default="cookies|쿠키",
        arc="make",
    ),
    _a(
        "eat",
        "eat|ate|eating",
        "먹고|먹었어요|먹기",
        "eat,taste,lunch,dinner,snack,picnic",
        "먹다,맛보다,간식,소풍",
        default="a snack|간식",
        arc="make",
    ),
    _a(
        "make",
        "make|made|making",
        "만들고|만들었어요|만들기",
        "make,create,craft",
        "만들다,꾸미다",
        default="a present|선물",
        arc="make",
    ),
    _a(
        "build",
        "build|built|building",
        "쌓고|쌓았어요|쌓기",
        "build,stack",
        "쌓다,짓다,세우다",
        default="a tower|탑",
        arc="make",
    ),
    _a(
        "fly",
        "fly|flew|flying",
        "날고|날았어요|날기",
        "fly,float,soar",
        "날다,날아가다,날아다니다,비행",
        ko_obj="",
        arc="journey",
        setting="sky",
        emoji="🕊️",
    ),
    _a(
        "swim",
        "swim|swam|swimming",
        "헤엄치고|헤엄쳤어요|헤엄치기",
        "swim,dive,splash",
        "헤엄치다,수영하다,수영,헤엄,잠수하다",
        ko_obj="",
        arc="journey",
        setting="sea",
        emoji="🏊",
    ),
    _a(
        "go",
        "go|went|going",
        "가고|갔어요|가기",
        "go,visit,travel,trip,journey,adventure",
        "가다,놀러가다,여행,여행하다,모험,놀러",
        ko_obj="에",
        arc="journey",
    ),
    _a(
        "ride",
        "ride|rode|riding",
        "타고|탔어요|타기",
        "ride,drive",
        "타다,운전하다",
        default="a bicycle|자전거",
        arc="journey",
    ),
    _a(
        "play",
        "play with|played with|playing with",
        "놀고|놀았어요|놀기",
        "play,game,fun",
        "놀다,놀이,장난",
        ko_obj="와",
        default="a ball|공",
        arc="friends",
    ),
    _a(
        "find",
        "find|found|finding",
        "찾고|찾았어요|찾기",
        "find,search,look,lose,lost,hunt,seek",
        "찾다,잃어버리다,잃다,보물찾기,숨바꼭질",
        default="a treasure chest|보물 상자",
        arc="find",
    ),
    _a(
        "help",
        "help|helped|helping",
        "돕고|도왔어요|돕기",
        "help,save,rescue,fix,stop",
        "돕다,도와주다,구하다,고치다,끄다",
        default="a friend in trouble|친구",
        arc="help",
    ),
    _a(
        "friends",
        "make friends|made friends|making friends",
        "친구가 되고|친구가 되었어요|친구 되기",
        "befriend,meet,friendship",
        "만나다,사귀다",
        ko_obj="와",
        arc="friends",
    ),
    _a(
        "learn",
        "learn|learned|learning",
        "배우고|배웠어요|배우기",
        "learn,practice,try,first",
        "배우다,연습하다,처음,첫날",
        default="something new|새로운 것",
        arc="learn",
    ),
    _a(
        "brush",
        "brush|brushed|brushing",
        "닦고|닦았어요|닦기",
        "brush,wash,clean,bath",
        "닦다,씻다,양치하다,목욕,목욕하다,양치",
        default="teeth|이",
        arc="learn",
    ),
    _a(
        "dance",
        "dance|danced|dancing",
        "춤추고|춤췄어요|춤추기",
        "dance,sing,concert,disco",
        "춤추다,노래하다,춤",
        ko_obj="",
        arc="party",
        emoji="💃🎤",
    ),
    _a(
        "birthday",
        "celebrate|celebrated|celebrating",
        "축하하고|축하했어요|축하하기",
        "birthday,celebrate,christmas,holiday",
        "생일,축하하다,크리스마스,생일파티,생일잔치",
        default="a birthday|생일",
        arc="party",
        emoji="🎉🥳",
    ),
    _a(
        "party",
        "have a party|had a party|having a party",
        "파티를 열고|파티를 열었어요|파티 열기",
        "party,feast,tea party",
        "파티,잔치,티파티",
        ko_obj="",
        arc="party",
        emoji="🎊",
    ),
    _a(
        "sleep",
        "sleep|slept|sleeping",
        "잠들고|잠들었어요|잠자기",
        "sleep,dream,nap,bedtime",
        "자다,잠자다,꿈,꾸다,잠들다",
        ko_obj="",
        arc="night",
        setting="bedroom",
        emoji="😴💤",
    ),
    _a(
        "draw",
        "paint|painted|painting",
        "그리고|그렸어요|그리기",
        "draw,paint,color",
        "그리다,색칠하다",
        default="a picture|그림",
        arc="make",
    ),
    _a(
        "read",
        "read|read|reading",
        "읽고|읽었어요|읽기",
        "read",
        "읽다",
        default="a book|책",
        arc="night",
    ),
    _a(
        "grow",
        "grow|grew|growing",
        "키우고|키웠어요|키우기",
        "grow,plant,water",
        "키우다,심다",
        default="flowers|꽃",
        arc="make",
    ),
    _a(
        "skate",
        "skate on the ice|skated on the ice|skating on the ice",
        "스케이트를 타고|스케이트를 탔어요|스케이트 타기",
        "skate,ski",
        "스케이트,스키",
        ko_obj="",
        arc="journey",
        setting="snow",
    ),
    _a(
        "race",
        "race|raced|racing",
        "달리고|달렸어요|달리기",
        "race,run,chase",
        "달리다,달리기,경주",
        ko_obj="",
        arc="journey",
    ),
    _a(
        "climb",
        "climb|climbed|climbing",
        "오르고|올랐어요|오르기",
        "climb",
        "오르다,올라가다",
        ko_obj="에",
        arc="journey",
        setting="mountain",
    ),
)

# feeling key -> (en adjective, ko adjective before a noun, ko predicate)
FEELINGS: dict[str, tuple[str, str, str, tuple[str, ...], tuple[str, ...]]] = {
    "happy": ("happy", "행복한", "행복했어요", ("happy", "glad", "joy"), ("행복", "기쁘다", "기쁜", "좋다")),
    "sad": ("sad", "슬픈", "슬펐어요", ("sad", "cry", "crying"), ("슬프다", "슬픈", "울다")),
    "afraid": ("a little worried", "조금 걱정스러운", "조금 걱정됐어요",
               ("afraid", "scared", "fear", "worried", "nervous"), ("무섭다", "걱정", "겁", "떨리다")),
    "brave": ("brave", "용감한", "용감했어요", ("brave", "courage", "hero"), ("용감하다", "용기")),
    "lonely": ("lonely", "외로운", "외로웠어요", ("lonely", "alone"), ("외롭다", "혼자")),
    "shy": ("shy", "수줍은", "수줍었어요", ("shy",), ("부끄럽다", "수줍다")),
    "sleepy": ("sleepy", "졸린", "졸렸어요", ("sleepy", "tired"), ("졸리다", "피곤하다")),
    "excited": ("excited", "신나는", "신났어요", ("excited", "exciting", "yay"), ("신나다", "신난")),
    "angry": ("grumpy", "뾰로통한", "뾰로통했어요", ("angry", "mad", "grumpy"), ("화나다", "화", "심술")),
}  # fmt: skip

# key -> (kind, en keys, ko keys, emoji)
TIMES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], str]] = {
    "night": ("time", ("night", "nighttime", "midnight", "bedtime", "tonight"), ("밤", "한밤중", "밤하늘"), "🌃🌙"),
    "morning": ("time", ("morning", "sunrise", "breakfast"), ("아침", "아침밥"), "🌅"),
    "evening": ("time", ("evening", "sunset"), ("저녁", "노을"), "🌇"),
    "rain": ("weather", ("rain", "rainy", "puddle", "storm", "thunder"), ("비", "소나기", "웅덩이", "장마", "천둥"), "🌧️☔"),
    "snow": ("weather", ("snow", "snowy", "snowflake", "blizzard"), ("눈송이", "함박눈", "눈보라", "눈"), "❄️🌨️"),
    "wind": ("weather", ("wind", "windy"), ("바람",), "🌬️"),
    "winter": ("season", ("winter", "christmas"), ("겨울", "크리스마스"), "🎄"),
    "summer": ("season", ("summer", "hot"), ("여름", "덥다"), "🏖️"),
    "spring": ("season", ("spring",), ("봄", "벚꽃"), "🌸"),
    "autumn": ("season", ("autumn", "fall", "halloween"), ("가을", "단풍", "할로윈"), "🍂"),
}  # fmt: skip
