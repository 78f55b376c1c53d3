"""Story shapes over the theme plan's slots: beats with essential flags, and their phrasings.

A template names slots, never the theme itself:
``{H}`` the hero, ``{C}`` the companion (``{CA}`` first met: "a little octopus"), ``{C2}`` a
second companion, ``{P}`` the place, ``{PAT}`` / ``{PTO}`` "at the beach" / "to the beach",
``{O}`` the wished-for thing, ``{GW}`` / ``{GD}`` / ``{GN}`` the wish ("bake cookies" /
"baked cookies" / "baking cookies"; 쿠키를 굽고 / 쿠키를 구웠어요 / 쿠키 굽기), ``{F}`` the
feeling. A Korean particle follows a bar: ``{H|는}``, ``{P|에서}``.

Each variant is (Korean core, Korean extra, English core, English extra, pose): the extra
sentence is added when a child's age asks for longer pages.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ARCS", "ROLES", "TITLES", "Tale", "Variant"]

Variant = tuple[str, str, str, str, str]


@dataclass(frozen=True)
class Tale:
    """A story shape: its beats in story order; ``essential`` survive in a 4-page book, then
    ``fill`` is the order optional beats come back as pages are added."""

    id: str
    beats: tuple[str, ...]  # 12 roles in story order
    essential: tuple[str, ...]  # 4 roles: cause -> effect -> resolution -> ending
    fill: tuple[str, ...]  # the other 8, most wanted first


# Shared roles: every arc uses these; each names the slots that keep the book on its theme.
ROLES: dict[str, list[Variant]] = {
    "open": [
        (
            "{P|에} 아침이 밝았어요.",
            "{H|는} 기지개를 켰어요.",
            "Morning came {PAT}.",
            "{H} stretched and smiled.",
            "stand",
        ),
        (
            "{H|는} {P|에} 있었어요.",
            "하늘이 참 맑았어요.",
            "{H} was {PAT}.",
            "The day was bright and new.",
            "wave",
        ),
        (
            "오늘 {H|는} {P|에} 왔어요.",
            "무슨 일이 생길까요?",
            "Today {H} came {PTO}.",
            "What would happen next?",
            "walk",
        ),
    ],
    "intro": [
        (
            "{H|는} {P|에서} {CA|를} 만났어요. {C|는} {GW} 싶었어요.",
            "",
            "{PAT_CAP}, {H} met {CA}. {C_CAP} wanted to {GW}.",
            "",
            "wave",
        ),
        (
            "{H|는} {CA|와} {GWP} 싶었어요.",
            "{P|에서} 신나는 일이 시작됐어요.",
            "{H} and {CA} wished to {GWP}.",
            "Something fun was about to begin.",
            "wave",
        ),
        (
            "{H|는} {P|에서} {CA|를} 보았어요.",
            "{C|의} 소원은 {GN}였어요.",
            "{H} saw {CA} {PAT}.",
            "{C_CAP} wished to {GW}.",
            "wave",
        ),
    ],
    "wish": [
        (
            "{C|는} 매일 {GN|를} 꿈꿨어요.",
            "{H|도} 같은 꿈을 꾸었어요.",
            "Every day {C} dreamed of {GI}.",
            "{H} dreamed of it too.",
            "think",
        ),
        (
            "{H|와} {C|는} {GW} 싶었어요.",
            "정말 정말 하고 싶었어요.",
            "{H} and {C} wished to {GW}.",
            "They wished it very much.",
            "think",
        ),
        (
            "“우리 {GN} 해 볼까?” {C|가} 물었어요.",
            "{H|는} 고개를 끄덕였어요.",
            "“Shall we try {GI}?” asked {C}.",
            "{H} nodded.",
            "talk",
        ),
    ],
    "go": [
        (
            "{H|와} {C|는} {P|로} 출발했어요.",
            "{GN|는} 신나는 일이었어요.",
            "{H} and {C} set off {PTO}.",
            "Their feet felt light.",
            "walk",
        ),
        (
            "둘은 손을 잡고 {P|로} 갔어요.",
            "콧노래가 절로 나왔어요.",
            "Hand in hand, they went {PTO}.",
            "They hummed a happy tune.",
            "walk",
        ),
    ],
    "joy": [
        (
            "{H|와} {C|는} 함께 웃었어요.",
            "{P|에} 웃음소리가 퍼졌어요.",
            "{H} and {C} laughed together.",
            "Laughter filled {P}.",
            "cheer",
        ),
        (
            "{C|가} 기뻐서 폴짝 뛰었어요.",
            "{H|도} 함께 뛰었어요.",
            "{C_CAP} jumped for joy.",
            "{H} jumped too.",
            "jump",
        ),
    ],
    "end": [
        (
            "{H|와} {C|는} {GNP|를} 또 하기로 했어요.",
            "정말 행복한 하루였어요.",
            "{H} and {C} will {GWP} again soon.",
            "It was the happiest day.",
            "wave",
        ),
        (
            "그날 밤 {C|는} {GNP|를} 떠올렸어요.",
            "{H|와} 함께라서 행복했어요.",
            "That night, {C} dreamed of {GIP}.",
            "{H} dreamed of it too.",
            "sleep",
        ),
        (
            "{C|는} {GNP|를} 잊지 못할 거예요.",
            "{H|도} 마찬가지였어요.",
            "{C_CAP} will never forget {GIP}.",
            "Neither will {H}.",
            "hug",
        ),
    ],
    "share": [
        (
            "{H|는} {C2|에게} 모두 이야기했어요.",
            "{C2|도} 활짝 웃었어요.",
            "{H} told {C2} all about it.",
            "{C2_CAP} smiled a big smile.",
            "talk",
        ),
        (
            "{C2|도} 달려와 함께했어요.",
            "모두 {P|에서} 즐거웠어요.",
            "{C2_CAP} came running to join in.",
            "Everyone had fun {PAT}.",
            "cheer",
        ),
    ],
}

# Arc-specific roles: the problem, the tries and the way it is solved.
_ARC_ROLES: dict[str, dict[str, list[Variant]]] = {
    "quest": {
        "problem": [
            (
                "그런데 {O|가} 보이지 않았어요.",
                "{C|는} 시무룩해졌어요.",
                "But they could not see {O} anywhere.",
                "{C_CAP} felt sad.",
                "think",
            ),
            (
                "그런데 길이 너무 멀었어요.",
                "{C|는} 지쳐 버렸어요.",
                "But the way {PTO} was long.",
                "{C_CAP} grew very tired.",
                "sit",
            ),
        ],
        "try": [
            (
                "{H|는} 힘을 내서 다시 해 봤어요.",
                "한 번, 두 번, 세 번!",
                "{H} tried again and again.",
                "Once, twice, three times!",
                "reach",
            ),
            (
                "{C|가} 좋은 생각을 떠올렸어요.",
                "“같이 하면 돼!”",
                "{C_CAP} had a good idea.",
                "“Let's do it together!”",
                "think",
            ),
        ],
        "idea": [
            (
                "{H|는} {C|의} 손을 꼭 잡았어요.",
                "둘이라서 무섭지 않았어요.",
                "{H} held {C}'s hand tight.",
                "Together, nothing felt too hard.",
                "hug",
            ),
        ],
        "solve": [
            (
                "드디어 둘은 {GD}.",
                "{C|가} 환하게 웃었어요.",
                "At last they {GD}.",
                "{C_CAP} beamed.",
                "cheer",
            ),
            (
                "{H|와} {C|는} 마침내 {GD}.",
                "꿈이 이루어졌어요!",
                "{H} and {C} finally {GD}.",
                "The wish came true!",
                "jump",
            ),
        ],
        "gift": [
            (
                "{C|는} {H|에게} {O|를} 나눠 주었어요.",
                "고마운 마음이었어요.",
                "{C_CAP} shared {O} with {H}.",
                "It was a thank-you.",
                "reach",
            ),
        ],
    },
    "make": {
        "problem": [
            (
                "그런데 {O|가} 와르르 망가졌어요.",
                "{C|는} 울상이 되었어요.",
                "But {O} fell apart.",
                "{C_CAP} almost cried.",
                "think",
            ),
            (
                "그런데 재료가 모자랐어요.",
                "이대로는 {GN|가} 어려웠어요.",
                "But there was not enough to {GW}.",
                "What could they do?",
                "think",
            ),
        ],
        "try": [
            (
                "{H|는} {P|에서} 재료를 더 찾았어요.",
                "{C|도} 열심히 도왔어요.",
                "{H} looked {PAT} for more.",
                "{C_CAP} helped look too.",
                "reach",
            ),
            (
                "둘은 처음부터 다시 시작했어요.",
                "이번에는 천천히 했어요.",
                "They started again from the beginning.",
                "This time they went slowly.",
                "reach",
            ),
        ],
        "idea": [
            (
                "{C|가} 비밀 방법을 알려 줬어요.",
                "“살살, 차근차근!”",
                "{C_CAP} showed a secret trick.",
                "“Gently, step by step!”",
                "talk",
            ),
        ],
        "solve": [
            (
                "마침내 둘은 {GD}.",
                "정말 멋지게 되었어요.",
                "At last they {GD}.",
                "It turned out wonderful.",
                "cheer",
            ),
            (
                "{H|와} {C|는} 함께 {GD}.",
                "{P|에} 달콤한 냄새가 났어요.",
                "Together, {H} and {C} {GD}.",
                "Everyone {PAT} came to see.",
                "cheer",
            ),
        ],
        "gift": [
            (
                "둘은 {O|를} 친구들과 나눴어요.",
                "모두 엄지를 척 들었어요.",
                "They shared {O} with their friends.",
                "Everyone gave a thumbs up.",
                "reach",
            ),
        ],
    },
    "journey": {
        "problem": [
            (
                "그런데 갑자기 바람이 세게 불었어요.",
                "{C|가} 휘청거렸어요.",
                "Then a strong wind began to blow.",
                "{C_CAP} wobbled.",
                "hold",
            ),
            (
                "그런데 {P|로} 가는 길을 잃었어요.",
                "{C|는} 걱정이 되었어요.",
                "But they lost the way {PTO}.",
                "{C_CAP} felt worried.",
                "think",
            ),
        ],
        "try": [
            (
                "{H|는} 별을 보며 길을 찾았어요.",
                "{C|도} 옆에서 도왔어요.",
                "{H} followed the stars to find the way.",
                "{C_CAP} helped too.",
                "reach",
            ),
            (
                "둘은 서로 꼭 붙어서 나아갔어요.",
                "한 걸음, 또 한 걸음!",
                "They stayed close and kept going.",
                "One step, then another!",
                "walk",
            ),
        ],
        "idea": [
            (
                "바람이 잦아들고 길이 보였어요.",
                "{P|가} 저 앞에 있었어요.",
                "The wind grew calm and the way was clear.",
                "{P_CAP} was just ahead.",
                "walk",
            ),
        ],
        "solve": [
            ("드디어 둘은 {GD}.", "“우리가 해냈어!”", "At last they {GD}.", "“We did it!”", "jump"),
            (
                "{H|와} {C|는} 마침내 {GD}.",
                "{P|는} 정말 멋졌어요.",
                "{H} and {C} finally {GD}.",
                "{P_CAP} was wonderful.",
                "cheer",
            ),
        ],
        "gift": [
            (
                "{C|는} {P|에서} {O|를} 찾아 주었어요.",
                "여행의 선물이었어요.",
                "{C_CAP} found {O} {PAT}.",
                "A gift from the journey.",
                "reach",
            ),
        ],
    },
    "find": {
        "problem": [
            (
                "그런데 {O|가} 사라졌어요!",
                "{C|는} 깜짝 놀랐어요.",
                "But {O} had vanished!",
                "{C_CAP} gasped.",
                "think",
            ),
            (
                "{O|를} 어디서도 찾을 수 없었어요.",
                "둘은 걱정이 되었어요.",
                "{O_CAP} could not be found anywhere.",
                "They felt worried.",
                "think",
            ),
        ],
        "try": [
            (
                "{H|는} {P|의} 구석구석을 살폈어요.",
                "{C|도} 꼼꼼히 찾았어요.",
                "{H} looked all around {P}.",
                "{C_CAP} looked too.",
                "reach",
            ),
            (
                "둘은 작은 발자국을 발견했어요.",
                "발자국을 따라가 보았어요.",
                "They found tiny footprints.",
                "They followed them.",
                "walk",
            ),
        ],
        "idea": [
            (
                "{C|가} 반짝이는 것을 보았어요.",
                "“저기 봐!”",
                "{C_CAP} spotted something shiny.",
                "“Look over there!”",
                "reach",
            ),
        ],
        "solve": [
            (
                "드디어 {O|를} 찾았어요!",
                "{C|가} 덩실덩실 춤을 췄어요.",
                "At last they found {O}!",
                "{C_CAP} danced for joy.",
                "jump",
            ),
            (
                "{H|와} {C|는} 마침내 {GD}.",
                "바로 {P|에} 있었어요.",
                "{H} and {C} finally {GD}.",
                "It was right there {PAT}.",
                "cheer",
            ),
        ],
        "gift": [
            (
                "{C|는} {O|를} 꼭 안았어요.",
                "다시는 잃어버리지 않을 거예요.",
                "{C_CAP} hugged {O} tight.",
                "It would never be lost again.",
                "hug",
            ),
        ],
    },
    "help": {
        "problem": [
            (
                "{P|에서} 누군가 도움을 외쳤어요.",
                "{C|가} 곤란에 빠졌어요.",
                "Someone {PAT} called for help.",
                "{C_CAP} was in trouble.",
                "think",
            ),
            (
                "그런데 큰일이 났어요!",
                "{C|가} 혼자서는 할 수 없었어요.",
                "Oh no, there was trouble!",
                "{C_CAP} could not do it alone.",
                "think",
            ),
        ],
        "try": [
            (
                "{H|는} 망설이지 않고 달려갔어요.",
                "“내가 도와줄게!”",
                "{H} ran to help at once.",
                "“I'll help you!”",
                "run",
            ),
            (
                "{H|는} 용기를 내서 다가갔어요.",
                "{C|가} 눈을 동그랗게 떴어요.",
                "{H} was brave and went closer.",
                "{C_CAP} looked up.",
                "walk",
            ),
        ],
        "idea": [
            (
                "둘은 힘을 합치기로 했어요.",
                "하나, 둘, 셋!",
                "They decided to work together.",
                "One, two, three!",
                "reach",
            ),
        ],
        "solve": [
            (
                "{H|와} {C|는} 함께 {GD}.",
                "모두가 박수를 쳤어요.",
                "Together, {H} and {C} {GD}.",
                "Everyone clapped.",
                "cheer",
            ),
            (
                "드디어 둘은 {GD}.",
                "{P|가} 다시 평화로워졌어요.",
                "At last they {GD}.",
                "{P_CAP} was peaceful again.",
                "cheer",
            ),
        ],
        "gift": [
            (
                "{C|는} 고맙다며 {O|를} 주었어요.",
                "따뜻한 선물이었어요.",
                "{C_CAP} gave {H} {O} to say thanks.",
                "A warm little gift.",
                "reach",
            ),
        ],
    },
    "friends": {
        "problem": [
            (
                "그런데 {C|는} 부끄러워서 숨었어요.",
                "친구가 된 적이 없었거든요.",
                "But {C} was shy and hid.",
                "{C_CAP} had never had a friend.",
                "think",
            ),
            (
                "{C|는} 혼자 쓸쓸히 앉아 있었어요.",
                "함께 놀 친구가 없었어요.",
                "{C_CAP} sat all alone.",
                "There was no one to play with.",
                "sit",
            ),
        ],
        "try": [
            (
                "{H|는} 살며시 다가가 인사했어요.",
                "“안녕, 같이 놀래?”",
                "{H} walked over and said hello.",
                "“Hi, want to play?”",
                "wave",
            ),
            (
                "{H|는} {C|에게} {O|를} 보여 줬어요.",
                "{C|의} 눈이 반짝였어요.",
                "{H} showed {C} {O}.",
                "{C_CAP}'s eyes lit up.",
                "reach",
            ),
        ],
        "idea": [
            (
                "{C|가} 조금씩 웃기 시작했어요.",
                "마음이 따뜻해졌어요.",
                "{C_CAP} began to smile.",
                "Their hearts felt warm.",
                "hug",
            ),
        ],
        "solve": [
            (
                "{H|와} {C|는} 함께 {GD}.",
                "이제 둘은 단짝이에요.",
                "{H} and {C} {GD} together.",
                "Now they were best friends.",
                "cheer",
            ),
            (
                "둘은 {P|에서} 신나게 {GD}.",
                "시간 가는 줄 몰랐어요.",
                "They happily {GD} {PAT}.",
                "The time flew by.",
                "jump",
            ),
        ],
        "gift": [
            (
                "{C|는} {H|에게} {O|를} 선물했어요.",
                "우정의 선물이었어요.",
                "{C_CAP} gave {H} {O}.",
                "A present for a friend.",
                "reach",
            ),
        ],
    },
    "learn": {
        "problem": [
            (
                "그런데 {H|는} 조금 떨렸어요.",
                "처음이라 걱정이 되었거든요.",
                "But {H} felt a little nervous.",
                "It was the very first time.",
                "think",
            ),
            (
                "처음에는 잘 되지 않았어요.",
                "{C|는} 한숨을 쉬었어요.",
                "At first it did not work.",
                "{C_CAP} sighed.",
                "sit",
            ),
        ],
        "try": [
            (
                "{C|가} 차근차근 알려 주었어요.",
                "“천천히 하면 돼.”",
                "{C_CAP} showed {H} how, step by step.",
                "“Just go slowly.”",
                "talk",
            ),
            (
                "{H|는} 매일 조금씩 연습했어요.",
                "{C|도} 옆에서 응원했어요.",
                "{H} practised a little every day.",
                "{C_CAP} cheered from nearby.",
                "reach",
            ),
        ],
        "idea": [
            (
                "{H|는} 숨을 크게 쉬었어요.",
                "“나는 할 수 있어!”",
                "{H} took a big breath.",
                "“I can do it!”",
                "stand",
            ),
        ],
        "solve": [
            (
                "드디어 {H|는} 혼자서 {GD}.",
                "{C|가} 박수를 쳤어요.",
                "At last {H} {GD} all alone.",
                "{C_CAP} clapped and clapped.",
                "cheer",
            ),
            (
                "{H|와} {C|는} 멋지게 {GD}.",
                "하나도 어렵지 않았어요.",
                "{H} and {C} {GD} beautifully.",
                "It was not hard after all.",
                "cheer",
            ),
        ],
        "gift": [
            (
                "{C|는} {H|에게} {O|를} 주었어요.",
                "참 잘했다는 선물이었어요.",
                "{C_CAP} gave {H} {O}.",
                "A prize for doing so well.",
                "reach",
            ),
        ],
    },
    "party": {
        "problem": [
            (
                "그런데 준비할 게 너무 많았어요.",
                "{C|는} 발을 동동 굴렀어요.",
                "But there was so much to get ready.",
                "{C_CAP} hopped about.",
                "think",
            ),
            (
                "앗, {O|가} 아직 없었어요!",
                "파티는 곧 시작인데요.",
                "Oh no, they still needed {O}!",
                "The party was about to start.",
                "think",
            ),
        ],
        "try": [
            (
                "{H|와} {C|는} 서둘러 준비했어요.",
                "풍선도 불고 노래도 연습했어요.",
                "{H} and {C} hurried to get ready.",
                "They blew up balloons.",
                "reach",
            ),
            (
                "{C|가} {O|를} 가지고 왔어요.",
                "“이거면 돼!”",
                "{C_CAP} brought {O}.",
                "“This will do!”",
                "reach",
            ),
        ],
        "idea": [
            (
                "친구들이 하나둘 모였어요.",
                "모두 선물을 들고 왔어요.",
                "Friends arrived one by one.",
                "Everyone brought a present.",
                "wave",
            ),
        ],
        "solve": [
            (
                "드디어 {P|에서} 파티가 열렸어요.",
                "모두 함께 {GD}.",
                "At last the party began {PAT}.",
                "Everyone {GD} together.",
                "cheer",
            ),
            (
                "{H|와} {C|는} 신나게 {GD}.",
                "{P|가} 웃음으로 가득했어요.",
                "{H} and {C} happily {GD}.",
                "{P_CAP} was full of laughter.",
                "jump",
            ),
        ],
        "gift": [
            (
                "{C|는} {H|에게} {O|를} 건넸어요.",
                "깜짝 선물이었어요.",
                "{C_CAP} handed {H} {O}.",
                "What a surprise!",
                "reach",
            ),
        ],
    },
    "night": {
        "problem": [
            (
                "그런데 {C|는} 잠이 오지 않았어요.",
                "눈이 말똥말똥했어요.",
                "But {C} could not fall asleep.",
                "Both eyes stayed wide open.",
                "sit",
            ),
            (
                "밤이 깊었는데 {C|가} 뒤척였어요.",
                "{C|는} 조금 외로웠어요.",
                "It was late, but {C} tossed and turned.",
                "{C_CAP} felt a bit lonely.",
                "sit",
            ),
        ],
        "try": [
            (
                "{H|는} 따뜻한 우유를 데웠어요.",
                "{C|와} 나눠 마셨어요.",
                "{H} warmed some milk.",
                "They shared it with {C}.",
                "reach",
            ),
            (
                "{H|는} 자장가를 불러 주었어요.",
                "{C|가} 하품을 했어요.",
                "{H} sang a lullaby.",
                "{C_CAP} gave a big yawn.",
                "talk",
            ),
        ],
        "idea": [
            (
                "창밖에 별이 반짝였어요.",
                "둘은 별을 하나씩 셌어요.",
                "Stars twinkled outside.",
                "They counted them one by one.",
                "sit",
            ),
        ],
        "solve": [
            (
                "드디어 둘은 포근하게 {GD}.",
                "꿈속에서도 함께였어요.",
                "At last they {GD} snug and warm.",
                "They were together in their dreams.",
                "sleep",
            ),
            (
                "{H|와} {C|는} 함께 {GD}.",
                "밤하늘이 둘을 지켜 줬어요.",
                "{H} and {C} {GD} together.",
                "The night sky kept watch.",
                "sleep",
            ),
        ],
        "gift": [
            (
                "{C|는} {H|에게} {O|를} 빌려주었어요.",
                "포근한 마음이 들었어요.",
                "{C_CAP} lent {H} {O}.",
                "It felt cosy.",
                "hug",
            ),
        ],
    },
}

_BEATS = (
    "open",
    "intro",
    "wish",
    "go",
    "problem",
    "try",
    "idea",
    "solve",
    "joy",
    "gift",
    "share",
    "end",
)
ARCS: dict[str, Tale] = {}
for _id, _roles in _ARC_ROLES.items():
    ARCS[_id] = Tale(
        _id,
        _BEATS,
        ("intro", "problem", "solve", "end"),
        ("wish", "try", "joy", "go", "open", "idea", "gift", "share"),
    )

# Phrasings every arc may use for its middle beats: each names the friend, the place and the
# wish together, so the theme stays on the page whatever happens in the story.
_ANY_ARC: dict[str, list[Variant]] = {
    "problem": [
        (
            "그런데 {GNP|는} 쉽지 않았어요.",
            "{C|는} 한숨을 쉬었어요.",
            "But {GIP} was not easy.",
            "{C_CAP} sighed.",
            "think",
        ),
        (
            "{C|는} 혼자서는 {GNP|를} 할 수 없었어요.",
            "도움이 필요했어요.",
            "{C_CAP} could not {GWP} alone.",
            "Help was needed.",
            "think",
        ),
    ],
    "try": [
        (
            "{H|와} {C|는} {P|에서} 다시 힘을 냈어요.",
            "{GN|를} 포기하지 않았어요.",
            "{H} and {C} tried again {PAT}.",
            "They would not give up on {GI}.",
            "reach",
        ),
    ],
    "idea": [
        (
            "{C|가} {GN|를} 위한 좋은 생각을 냈어요.",
            "{P|에} 딱 맞는 방법이었어요.",
            "{C_CAP} had a good idea for {GI}.",
            "It was just right for {P}.",
            "think",
        ),
    ],
    "solve": [
        ("{H|와} {C|는} 드디어 {GDP}.", "", "At last {H} and {C} {GDP}.", "", "cheer"),
    ],
    "joy": [
        (
            "{C|는} {P|에서} 기뻐서 춤을 췄어요.",
            "{GN|는} 정말 신났어요.",
            "{C_CAP} danced with joy {PAT}.",
            "{GI_CAP} was so much fun.",
            "jump",
        ),
    ],
    "go": [
        (
            "{H|와} {C|는} {P|로} 길을 나섰어요.",
            "{GN|는} 신나는 일이었어요.",
            "{H} and {C} set off to {GWP}.",
            "Their feet felt light.",
            "walk",
        ),
    ],
    "gift": [
        (
            "{C|는} {P|에서} {H|에게} {O|를} 주었어요.",
            "고마운 마음이었어요.",
            "{C_CAP} gave {H} {O} {PAT}.",
            "It was a thank-you.",
            "reach",
        ),
    ],
}

# More phrasings for the same beats, so two seeds tell visibly different books, and short ones
# a four-year-old's page can hold (Korean 6-18 characters) that still name the friend and wish.
_MORE: dict[str, list[Variant]] = {
    "intro": [
        (
            "{H|는} {CA|를} 만났어요.",
            "{C|는} {GWP} 싶었어요.",
            "{H} met {CA}.",
            "{C_CAP} wanted to {GWP}.",
            "wave",
        ),
    ],
    "problem": [
        (
            "{GNP|는} 생각보다 어려웠어요.",
            "{C|가} 고개를 갸웃했어요.",
            "{GIP_CAP} was harder than they thought.",
            "{C_CAP} tilted {C_POS} head.",
            "think",
        ),
    ],
    "try": [
        (
            "{C|가} {P|에서} 다시 해 보자고 했어요.",
            "“{GN}, 한 번 더!”",
            "{C_CAP} said, “Let's try again {PAT}!”",
            "“One more time!”",
            "reach",
        ),
    ],
    "idea": [
        (
            "{H|는} {P|에서} {GN|를} 위한 방법을 찾았어요.",
            "",
            "{H} found a way {PAT} for {GI}.",
            "",
            "think",
        ),
    ],
    "solve": [
        (
            "마침내 {C|와} {H|는} {GDP}.",
            "정말 신났어요!",
            "Finally {C} and {H} {GDP}.",
            "What fun!",
            "jump",
        ),
    ],
    "joy": [
        (
            "{H|와} {C|는} {P|에서} 깔깔 웃었어요.",
            "{GN|는} 최고였어요.",
            "{H} and {C} giggled {PAT}.",
            "{GI_CAP} was the best.",
            "cheer",
        ),
    ],
    "go": [
        (
            "{C|가} 앞장서서 {P|로} 갔어요.",
            "{GN|를} 할 생각에 신났어요.",
            "{C_CAP} led the way {PTO}.",
            "They were excited about {GI}.",
            "walk",
        ),
    ],
    "gift": [
        (
            "{H|는} {P|에서} {C|에게} {O|를} 선물했어요.",
            "",
            "{PAT_CAP}, {H} gave {C} {O}.",
            "",
            "reach",
        ),
    ],
    "end": [
        ("{C|와} {GN}, 최고였어요!", "", "{GI_CAP} with {C} was the best!", "", "cheer"),
        (
            "내일도 {C|와} {GNP|를} 할 거예요.",
            "",
            "Tomorrow {H} and {C} will {GWP} again.",
            "",
            "wave",
        ),
    ],
}

# Beats told only when the child said how someone feels or when it happens: a variant whose
# slot is empty is never chosen (the writer skips it).
_MORE["feel"] = [
    (
        "{C|는} {FP}.",
        "{GN|를} 정말 하고 싶었거든요.",
        "{C_CAP} felt {F}.",
        "{C_CAP} really wanted to {GW}.",
        "think",
    ),
    ("{FA} {C|는} {GN|를} 꿈꿨어요.", "", "{C_CAP} felt {F} and dreamed of {GI}.", "", "think"),
]
_MORE["intro"].append(
    (
        "{WHEN} {H|는} {P|에서} {CA|를} 만났어요.",
        "{C|는} {GWP} 싶었어요.",
        "{WHEN_CAP}, {H} met {CA} {PAT}.",
        "{C_CAP} wanted to {GWP}.",
        "wave",
    ),
)
_MORE["open"] = [
    ("{WHEN} {H|는} {P|에} 있었어요.", "", "{WHEN_CAP}, {H} was {PAT}.", "", "stand"),
]

# arc id -> role -> variants: the shared ones, the arc's own and the any-arc phrasings
TALE_ROLES: dict[str, dict[str, list[Variant]]] = {
    arc: {
        role: [*{**ROLES, **own}.get(role, []), *_ANY_ARC.get(role, []), *_MORE.get(role, [])]
        for role in {*ROLES, *own, *_ANY_ARC, *_MORE}
    }
    for arc, own in _ARC_ROLES.items()
}

TITLES: list[tuple[str, str]] = [
    ("{H|와} {C|의} {GN}", "{H}, {C} and {GI}"),
    ("{P|에서} {GN}", "{GI_CAP} {PAT}"),
    ("{C|와} 함께 {GN}", "{H_CAP} and {CA}"),
    ("{H|의} 특별한 {GN}", "{H}'s Big Day {PAT}"),
]
