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
    "unexpected": {
        "ko": "앗, 잠깐 문제가 생겼어요. 처음부터 다시 해 볼까요?",
        "en": "Oops, something went wrong. Shall we start again?",
    },
}


def child_message(code: FailureCode | str, lang: str) -> str:
    entry = MESSAGES.get(code, MESSAGES["unexpected"])
    return entry.get(lang, entry["en"])
