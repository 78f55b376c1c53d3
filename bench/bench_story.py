"""Time to the first page and to the full story plan: the original three calls vs our one call.

A local OpenAI-protocol server (tests/fake_openai.py) replays one recorded 8-page Korean story
at a fixed token rate (default 40 tokens/s, with a fixed delay before the first token), so both
designs pay for exactly the tokens they make the model write, in the same run:

- original: story text, then the title, then every page's scene prompt; three sequential
  calls, not streamed, free text parsed with regexes (what the original Flask server did);
- original, streamed: the same three calls, but streamed (a generous baseline: page 1's text
  shows as soon as its line is complete);
- ours: ONE streamed json_schema call through OpenAIStoryWriter (moderation on; the local
  endpoint answers after --moderation-latency seconds), and once more without moderation.

"First page" is when page 1's text is known; "first picture" is when page 1 has both its text
and its scene prompt (a painter can start); "full plan" is when every page has both.
Usage: python -m bench.bench_story [--rate 40] [--latency 0.5] [--moderation-latency 0.15]
"""

from __future__ import annotations

import argparse
import logging
import re
import statistics
import time
from dataclasses import dataclass
from typing import Any

from openai import OpenAI

from aibook_desktop.engine.book import BookRequest, Hero, PagePlan, Theme
from aibook_desktop.engine.cancel import CancelToken
from aibook_desktop.engine.story.llm import OpenAIStoryConfig, OpenAIStoryWriter
from bench.common import machine
from tests.fake_openai import FakeOpenAI, Reply, StoryBrain, make_plan, tokens

THEME = "달에 가고 싶은 고양이"
_LINE = re.compile(r"^\s*(\d+)[.)]\s*(.+)$", re.MULTILINE)


class OriginalBrain(StoryBrain):
    """Also answers the original project's three free-text prompts from the same story."""

    def answer(self, body: dict[str, Any]) -> str:
        user = body["messages"][-1]["content"]
        pages = self.plan["pages"]
        if user.startswith("[orig_story]"):
            return "\n".join(f"{i + 1}. {p['text']}" for i, p in enumerate(pages))
        if user.startswith("[orig_title]"):
            return str(self.plan["title"])
        if user.startswith("[orig_scenes]"):
            return "\n".join(f"{i + 1}. {p['scene_prompt']}" for i, p in enumerate(pages))
        return super().answer(body)


@dataclass
class Timing:
    first_text: float
    first_picture: float
    full_plan: float
    ready: list[float]  # when each page had its text and scene prompt

    def book_done(self, paint_s: float) -> float:
        """When the last picture is done if one painter draws each page as soon as it can."""
        t = 0.0
        for ready in self.ready:
            t = max(t, ready) + paint_s
        return t


def _prompts(pages: int) -> list[str]:
    """The original's three requests, in their order (input tokens cost no time here)."""
    return [
        f"[orig_story] 3~7세 아이가 말한 주제: '{THEME}'. 주제가 이상하면 고쳐서, 고양이 키키가 "
        f"주인공인 {pages}쪽 동화를 한 쪽에 10~25자로, '1. ...' 형식으로 써 주세요.",
        "[orig_title] 위 동화의 제목을 지어 주세요.",
        "[orig_scenes] For each page write an English illustration prompt "
        "'(Subject) ... (Action) ... (Context) ... (Environment) ...', no proper names, "
        "numbered '1. ...'.",
    ]


def run_original(client: OpenAI, pages: int, streamed: bool) -> Timing:
    start = time.perf_counter()
    messages: list[dict[str, str]] = []
    first_text = first_picture = 0.0
    texts: list[str] = []
    ready: list[float] = []
    for n, prompt in enumerate(_prompts(pages)):
        messages.append({"role": "user", "content": prompt})
        if streamed:
            reply = ""
            for chunk in client.chat.completions.create(
                model="gpt-4", messages=messages, stream=True
            ):  # type: ignore[call-overload]
                if chunk.choices and chunk.choices[0].delta.content:
                    reply += chunk.choices[0].delta.content
                    done_lines = _LINE.findall(reply.rsplit("\n", 1)[0]) if "\n" in reply else []
                    if done_lines and n == 0 and not first_text:
                        first_text = time.perf_counter() - start
                    if n == 2 and len(done_lines) > len(ready):
                        ready += [time.perf_counter() - start] * (len(done_lines) - len(ready))
                        first_picture = first_picture or ready[0]
        else:
            completion = client.chat.completions.create(model="gpt-4", messages=messages)
            reply = completion.choices[0].message.content or ""
        messages.append({"role": "assistant", "content": reply})
        if n == 0:
            texts = [t for _, t in _LINE.findall(reply)]
            first_text = first_text or time.perf_counter() - start
        if n == 2:
            scenes = [t for _, t in _LINE.findall(reply)]
            assert len(scenes) == len(texts) == pages, (len(scenes), len(texts))
            first_picture = first_picture or time.perf_counter() - start
    end = time.perf_counter() - start
    ready += [end] * (pages - len(ready))  # the last line (or every line, not streamed)
    return Timing(first_text, first_picture, end, ready)


def run_ours(server: FakeOpenAI, pages: int, moderation: bool = True) -> Timing:
    config = OpenAIStoryConfig(base_url=server.url, model="gpt-4o", moderation=moderation)
    writer = OpenAIStoryWriter(config)
    request = BookRequest(Hero.default("cat", "ko"), Theme(THEME), "ko", pages)
    start = time.perf_counter()
    ready: list[float] = []
    for part in writer.write(request, CancelToken()):
        if isinstance(part, PagePlan):
            ready.append(time.perf_counter() - start)
    assert len(ready) == pages
    return Timing(ready[0], ready[0], time.perf_counter() - start, ready)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rate", type=float, default=40.0, help="tokens per second")
    ap.add_argument("--latency", type=float, default=0.5, help="seconds before the first token")
    ap.add_argument("--moderation-latency", type=float, default=0.15)
    ap.add_argument("--pages", type=int, default=8)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument(
        "--paint-s", type=float, default=12.0,
        help="seconds per picture for the book-done column (the original's SDXL+refiner: 12 s)",
    )  # fmt: skip
    opts = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    plan = make_plan("ko", opts.pages)
    brain = OriginalBrain(plan)
    paced = Reply(tokens_per_s=opts.rate, first_token_s=opts.latency)
    results: dict[str, list[Timing]] = {
        "original": [], "original, streamed": [], "ours": [], "ours, no moderation": [],
    }  # fmt: skip
    with FakeOpenAI(brain, default=paced, moderation_delay_s=opts.moderation_latency) as server:
        client = OpenAI(api_key="not-needed", base_url=server.url, max_retries=0)
        for _ in range(opts.repeat):
            results["original"].append(run_original(client, opts.pages, streamed=False))
            results["original, streamed"].append(run_original(client, opts.pages, streamed=True))
            results["ours"].append(run_ours(server, opts.pages))
            results["ours, no moderation"].append(run_ours(server, opts.pages, moderation=False))
        ours_tokens = len(tokens(brain.answer({"messages": [{"role": "user", "content": ""}]})))
        orig_tokens = sum(
            len(tokens(brain.answer({"messages": [{"role": "user", "content": p}]})))
            for p in _prompts(opts.pages)
        )

    def med(name: str, field: str) -> float:
        if field == "book_done":
            return statistics.median(t.book_done(opts.paint_s) for t in results[name])
        return statistics.median(getattr(t, field) for t in results[name])

    print(f"machine: {machine()}")
    print(
        f"server: {opts.rate:.0f} tokens/s, {opts.latency:.2f} s to first token, moderation "
        f"{opts.moderation_latency:.2f} s; {opts.pages} pages (ko); repeats {opts.repeat}"
    )
    print(f"tokens written by the model: original {orig_tokens}, ours {ours_tokens} (JSON keys, "
          "hero sheet and style included)")  # fmt: skip
    columns = {
        "first_text": "first page text", "first_picture": "first picture-ready",
        "full_plan": "full plan", "book_done": f"book done @{opts.paint_s:g}s/pic",
    }  # fmt: skip
    print(f"{'':22s}" + "".join(f"{c:>22s}" for c in columns.values()))
    for name in results:
        print(f"{name:22s}" + "".join(f"{med(name, f):20.2f} s" for f in columns))
    for name in ("original", "original, streamed"):
        ratios = ", ".join(f"{c} {med(name, f) / med('ours', f):.2f}x" for f, c in columns.items())
        print(f"ratio {name} / ours: {ratios}")


if __name__ == "__main__":
    main()
