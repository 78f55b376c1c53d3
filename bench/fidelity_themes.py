# ruff: noqa: E501  (word tables and templates read best one entry a line)
"""Themes children say, with the key ideas a faithful book must carry (bench_fidelity.py).

Each key idea lists the words a reader would accept for it on a page (either language's words,
lower case; a Korean stem matches inside a word with its particle). ``HELD_OUT`` was written
down before its results were ever looked at and is never used for tuning: it is the headline.
``DEV`` holds themes quoted in issue #13 and others used while building the storyteller.
"""

from __future__ import annotations

Theme = tuple[str, str, dict[str, tuple[str, ...]]]  # (lang, theme, {idea: accepted words})

DEV: list[Theme] = [
    ("en", "a robot who learns to bake cookies with grandma",
     {"creature": ("robot",), "goal": ("cookie", "bak")}),
    ("en", "going to the dentist", {"place": ("dentist",)}),
    ("ko", "치과에 가는 날", {"place": ("치과",)}),
    ("ko", "소방차를 타고 불을 끄러 가요", {"thing": ("소방차",)}),
    ("en", "a penguin who wants to visit the desert", {"creature": ("penguin",), "place": ("desert",)}),
    ("en", "umm the the dino… dinosaur that eat ice creams",
     {"creature": ("dinosaur",), "goal": ("ice cream",)}),
    ("ko", "할아버지랑 바닷가에서 모래성 쌓기",
     {"creature": ("할아버지",), "place": ("바닷가",), "goal": ("모래성",)}),
    ("en", "🐙🎂", {"creature": ("octopus",), "goal": ("cake",)}),
    ("ko", "어 그 공룡이 음 아이스크림 먹는 공룡", {"creature": ("공룡",), "goal": ("아이스크림",)}),
    ("ko", "토끼들이랑 달에 가기", {"creature": ("토끼",), "place": ("달",)}),
    ("en", "a cat who wants to fly to the moon", {"place": ("moon",)}),
    ("ko", "눈 오는 날 눈사람 만들기", {"goal": ("눈사람",)}),
    ("en", "a whale who is lonely", {"creature": ("whale",)}),
    ("ko", "문어랑 바닷속에서 숨바꼭질", {"creature": ("문어",), "place": ("바닷속",)}),
    ("en", "a hedgehog birthday party", {"creature": ("hedgehog",), "goal": ("birthday", "celebrat")}),
    ("ko", "강아지가 잃어버린 공을 찾아요", {"creature": ("강아지",), "goal": ("공",)}),
    ("en", "my grandpa and me go fishing on a boat", {"creature": ("grandpa",), "thing": ("boat",)}),
    ("ko", "코끼리랑 정글 탐험", {"creature": ("코끼리",), "place": ("정글",)}),
    ("en", "a zorblat who wants to find treasure", {"creature": ("zorblat",), "goal": ("treasure",)}),
    ("ko", "우주비행사가 되고 싶어", {"creature": ("우주비행사",)}),
    ("en", "skating with a polar bear in winter", {"creature": ("polar bear",), "goal": ("skat",)}),
    ("ko", "엄마랑 빵집에서 케이크 만들기", {"creature": ("엄마",), "place": ("빵집",), "goal": ("케이크",)}),
    ("en", "a duck who is scared of the rain", {"creature": ("duck",)}),
    ("ko", "🐧❄️", {"creature": ("펭귄",)}),
    ("en", "brushing teeth with a crocodile friend", {"goal": ("brush", "teeth")}),
    ("ko", "아빠랑 캠핑 가서 별 보기", {"creature": ("아빠",), "goal": ("별",)}),
    ("en", "a dragon who wants to learn to read books", {"creature": ("dragon",), "goal": ("book", "read")}),
    ("ko", "유니콘이랑 무지개 타기", {"creature": ("유니콘",), "goal": ("무지개",)}),
    ("en", "a puppy and a kitten play ball in the park",
     {"creature": ("puppy",), "place": ("park",), "goal": ("ball",)}),
    ("ko", "할머니 생일에 선물 주기", {"creature": ("할머니",), "goal": ("선물", "생일")}),
    ("en", "a fire truck that saves the town", {"thing": ("fire truck",), "place": ("town",)}),
    ("ko", "외계인 친구랑 로켓 타고 우주여행", {"creature": ("외계인",), "goal": ("로켓",), "place": ("우주",)}),
    ("en", "making a snowman with dad", {"creature": ("dad",), "goal": ("snowman",)}),
    ("ko", "고슴도치가 사과를 먹어요", {"creature": ("고슴도치",), "goal": ("사과",)}),
    ("en", "uh the the owl, owl in the forest at night", {"creature": ("owl",), "place": ("forest",)}),
    ("ko", "음… 그… 상어랑 보물찾기", {"creature": ("상어",), "goal": ("보물",)}),
]  # fmt: skip

# Written before any of these was run; never tuned on.
HELD_OUT: list[Theme] = [
    ("en", "a turtle who wants to win a race", {"creature": ("turtle",), "goal": ("race", "racing")}),
    ("en", "a giraffe who bakes a cake", {"creature": ("giraffe",), "goal": ("cake",)}),
    ("en", "going to the beach with mom", {"creature": ("mom",), "place": ("beach",)}),
    ("en", "a little fox who finds a magic key", {"creature": ("fox",), "goal": ("key",)}),
    ("en", "penguins having a picnic on the ice", {"creature": ("penguin",), "goal": ("picnic", "snack", "eat", "ate")}),
    ("en", "umm a monkey umm who climbs the the mountain", {"creature": ("monkey",), "place": ("mountain",)}),
    ("en", "🦄🌈", {"creature": ("unicorn",), "thing": ("rainbow",)}),
    ("en", "a baby elephant who wants to swim", {"creature": ("elephant",), "goal": ("swim",)}),
    ("en", "a bear who plants flowers in the garden",
     {"creature": ("bear",), "place": ("garden", "park"), "goal": ("flower",)}),
    ("en", "a pirate looking for a treasure map", {"creature": ("pirate",), "goal": ("map",)}),
    ("en", "my first day at school with a robot", {"creature": ("robot",), "place": ("school",)}),
    ("en", "🐳🎈", {"creature": ("whale",), "thing": ("balloon",)}),
    ("en", "a sleepy lion who can't sleep", {"creature": ("lion",), "goal": ("sleep", "slept")}),
    ("ko", "거북이가 경주에서 이기고 싶어", {"creature": ("거북",), "goal": ("달리", "경주")}),
    ("ko", "기린이 케이크를 구워요", {"creature": ("기린",), "goal": ("케이크",)}),
    ("ko", "엄마랑 바닷가에 놀러 가기", {"creature": ("엄마",), "place": ("바닷가",)}),
    ("ko", "여우가 마법 열쇠를 찾았어", {"creature": ("여우",), "goal": ("열쇠",)}),
    ("ko", "펭귄들이 얼음 위에서 소풍을 해요", {"creature": ("펭귄",), "goal": ("소풍", "간식", "먹")}),
    ("ko", "음 원숭이가 어 산에 올라가요", {"creature": ("원숭이",), "place": ("산",)}),
    ("ko", "🦄🌈 무지개", {"creature": ("유니콘",), "thing": ("무지개",)}),
    ("ko", "아기 코끼리가 수영하고 싶어요", {"creature": ("코끼리",), "goal": ("헤엄", "수영")}),
    ("ko", "곰이 공원에서 꽃을 심어요", {"creature": ("곰",), "place": ("공원",), "goal": ("꽃",)}),
    ("ko", "해적이 보물지도를 찾아요", {"creature": ("해적",), "goal": ("지도",)}),
    ("ko", "로봇이랑 유치원 첫날", {"creature": ("로봇",), "place": ("유치원",)}),
    ("ko", "고래랑 풍선 날리기", {"creature": ("고래",), "thing": ("풍선",)}),
    ("ko", "졸린 사자가 잠을 못 자요", {"creature": ("사자",), "goal": ("잠",)}),
]  # fmt: skip
