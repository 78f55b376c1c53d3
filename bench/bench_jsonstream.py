"""Could ``pydantic_core.from_json(allow_partial=True)`` replace the hand-written JSONStream?

Issue #12 asks. The story writer needs each page the moment its closing brace arrives, raw
newlines inside strings tolerated, and broken JSON reported. This runs both readers over the
same cases as tests/test_story_openai_json.py and counts what each gets right, then times a
whole 8-page plan fed one character at a time (the worst case of a streamed reply).

    python -m bench.bench_jsonstream
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from pathlib import Path
from typing import Any

from pydantic_core import from_json

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from fake_openai import make_plan

from aibook_desktop.engine.story.llm.jsonstream import Completed, JSONStream


class PartialJSONStream:
    """The best a from_json reader can do: re-parse the text so far after every chunk, and call
    a value complete once something after it has started (a later sibling) or its parent is
    complete; the top value once a strict parse of it succeeds."""

    def __init__(self, max_depth: int = 2) -> None:
        self.max_depth, self.text, self.done, self._seen = max_depth, "", False, set()
        self._value: Any = None

    def feed(self, chunk: str) -> list[Completed]:
        self.text += chunk
        start = min((i for i in (self.text.find("{"), self.text.find("[")) if i >= 0), default=-1)
        if start < 0 or self.done:
            return []
        body = self.text[start:]
        partial = from_json(body, allow_partial=True)
        whole = False
        try:
            partial, whole = from_json(body), True
        except ValueError:
            for end in range(len(body), 0, -1):  # a top value followed by chatter
                if body[end - 1] in "}]":
                    with contextlib.suppress(ValueError):
                        partial, whole = from_json(body[:end]), True
                    break
        out: list[Completed] = []
        self._walk(partial, (), whole, out)
        if whole:
            self.done, self._value = True, partial
        return out

    def _walk(
        self, value: Any, path: tuple[Any, ...], complete: bool, out: list[Completed]
    ) -> None:
        items = list(value.items()) if isinstance(value, dict) else (
            list(enumerate(value)) if isinstance(value, list) else [])  # fmt: skip
        for n, (key, child) in enumerate(items):
            self._walk(child, (*path, key), complete or n < len(items) - 1, out)
        if complete and 0 < len(path) <= self.max_depth and path not in self._seen:
            self._seen.add(path)
            out.append(Completed(path, value))

    def close(self) -> Any:
        if not self.done:
            raise ValueError("ended early")
        return self._value


def _expected(value: Any, path: tuple[Any, ...] = ()) -> list[Completed]:
    out: list[Completed] = []
    items = value.items() if isinstance(value, dict) else (
        enumerate(value) if isinstance(value, list) else [])  # fmt: skip
    for k, v in items:
        out += _expected(v, (*path, k))
    if 0 < len(path) <= 2:
        out.append(Completed(path, value))
    return out


DOCS: list[Any] = [
    make_plan("ko", 8), make_plan("en", 5, bilingual=True),
    {"a": [], "b": {}, "c": [[], {}], "d": [1, -2.5e3, 0.0, True, False, None]},
    {"esc": 'q"uo}te] \\ back\\slash \n nl \t tab é 😀 {[,:', "x": "}"},
    [{"top": "level array"}, 3, "str", [1, [2, [3]]]],
]  # fmt: skip
BROKEN = ['{"a" 1}', '{"a": tru}', '{"a": 1,, "b": 2}', "[1 2]", '{"a": "bad \\q escape"}',
          '{"a": 1.2.3}', "{'single': 1}", '{"a": 1]', '{"a": [1}', '{1: "x"}']  # fmt: skip


def _run(make: Any) -> dict[str, str]:
    res: dict[str, str] = {}
    ok = total = 0
    for doc in DOCS:  # char by char: every value reported, right value, right order
        text = json.dumps(doc, ensure_ascii=False)
        s, got = make(), []
        try:
            for ch in text:
                got += s.feed(ch)
            ok += got == _expected(doc) and s.close() == doc
        except ValueError:
            pass
        total += 1
    res["same events and value as json.loads, 1-char chunks"] = f"{ok}/{total}"
    text = json.dumps(make_plan("ko", 4), ensure_ascii=False)
    s, lag = make(), None
    end = text.index("}")  # page 1's closing brace
    for i, ch in enumerate(text):
        if any(c.path == ("pages", 0) for c in s.feed(ch)):
            lag = i - end
            break
    res["page 1 handed over, chars after its closing brace"] = str(lag)
    s = make()
    try:
        s.feed('{"title": "line one\nline two", "pages": []}')
        res["raw newline inside a string"] = "read" if s.close() else "?"
    except ValueError:
        res["raw newline inside a string"] = "error"
    caught = 0
    for bad in BROKEN:
        s = make()
        try:
            s.feed(bad)
            s.close()
        except ValueError:
            caught += 1
    res["broken JSON reported"] = f"{caught}/{len(BROKEN)}"
    plan = json.dumps(make_plan("ko", 8), ensure_ascii=False)
    t = time.perf_counter()
    for _ in range(3):
        s = make()
        for ch in plan:
            s.feed(ch)
    res[f"8-page plan ({len(plan)} chars) fed 1 char at a time"] = (
        f"{(time.perf_counter() - t) / 3 * 1000:.1f} ms"
    )
    return res


def main() -> None:
    ours, lib = _run(JSONStream), _run(PartialJSONStream)
    print("| | JSONStream (hand-written) | from_json(allow_partial=True) |\n|---|---|---|")
    for key in ours:
        print(f"| {key} | {ours[key]} | {lib[key]} |")


if __name__ == "__main__":
    main()
