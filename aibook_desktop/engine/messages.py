"""Short, kind messages a child (or the grown-up beside them) sees when something goes wrong.

The engine never imports Qt, so these live here in both languages; the UI shows
``Failed.child_message`` as is, and can key its own pictures off ``Failed.code``.
"""

from __future__ import annotations

from .errors import FailureCode

__all__ = ["MESSAGES", "child_message"]

MESSAGES: dict[str, dict[str, str]] = {
    "story_failed": {
        "ko": "이야기를 만들다가 길을 잃었어요. 다시 한 번 해 볼까요?",
        "en": "The story got a little lost. Shall we try again?",
    },
    "pictures_failed": {
        "ko": "그림을 그리다가 크레파스가 부러졌어요. 다시 해 볼까요?",
        "en": "Our crayon broke while drawing. Shall we try again?",
    },
    "disk_full": {
        "ko": "책장이 꽉 찼어요. 어른에게 도움을 요청해 주세요.",
        "en": "The bookshelf is full. Please ask a grown-up for help.",
    },
    "bad_request": {
        "ko": "무슨 이야기를 만들지 다시 골라 볼까요?",
        "en": "Let's pick what the story is about again.",
    },
    "gpu_lost": {  # the CUDA context is broken: only a new process helps (supervisor restarts)
        "ko": "그림 그리는 기계가 잠깐 쉬어야 해요. 금방 다시 올게요!",
        "en": "The drawing machine needs a little rest. I'll be right back!",
    },
    # odd themes (engine.safety.ThemeProblem): said kindly, never a strange book
    "theme_empty": {
        "ko": "무슨 이야기를 만들지 말해 줄래요?",
        "en": "What should the story be about? Tell me!",
    },
    "theme_too_long": {
        "ko": "이야기 주제가 너무 길어요. 한 문장으로 짧게 말해 줄래요?",
        "en": "That is a very long idea! Can you say it in one short sentence?",
    },
    "theme_language": {
        "ko": "지금은 한국어로 책을 만들어요. 한국어로 말해 주거나 언어를 바꿔 주세요.",
        "en": "I'm making this book in English. Please say it in English, or change the language.",
    },
    "unexpected": {
        "ko": "앗, 잠깐 문제가 생겼어요. 처음부터 다시 해 볼까요?",
        "en": "Oops, something went wrong. Shall we start again?",
    },
}


def child_message(code: FailureCode | str, lang: str) -> str:
    entry = MESSAGES.get(code, MESSAGES["unexpected"])
    return entry.get(lang, entry["en"])
