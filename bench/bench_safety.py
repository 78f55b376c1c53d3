"""Child safety end to end: adversarial and innocent themes and transcripts, through the story
backends, counting what a child would see, hear or a picture model would draw.

The data are ours (bench/data/safety/): ``heldout.txt`` was written before any tuning and is
never tuned on (the headline); ``dev.txt`` is what the lists in resources/safety were tuned on.
Each line is ``type|lang|kind|text|forbid``: ``forbid`` names words that must never reach a
title, page, hero sheet, art style or picture prompt: a hand-written check that does not use
the safety rules themselves.

Backends (every book goes through BookMaker, so the final gate in jobs.py is counted too):
- ``offline``: the embedded storyteller;
- ``openai``: tests/fake_openai.py on 127.0.0.1 with its moderation endpoint; the "model" is
  a gullible one (``EchoBrain``): it writes the theme it is given into the title and page 1,
  and, like a model that went wrong, the child's ORIGINAL words (before any safety check) into
  page 3, its scene prompt and the hero sheet, so the checks after the model are measured too;
- ``openai-nomod``: the same server without ``/v1/moderations`` (a small local server).

Counts: unsafe outputs (a forbidden word anywhere in a book, or the rules still find trouble
in an output), injections obeyed (an injection's forbidden word in the book), innocent themes
redirected (an innocent theme changed or refused), innocent pages replaced, and for transcripts:
unsafe shown back and innocent ones refused.
Usage: python -m bench.bench_safety [--set heldout|dev|all] [--backends offline,openai,...]
       [--pages 4] [--limit N]
"""

from __future__ import annotations

import argparse
import logging
import re
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

from aibook_desktop.engine.book import BookRequest, Hero, Provenance, Theme
from aibook_desktop.engine.cancel import CancelToken
from aibook_desktop.engine.events import Event, Failed, Notice
from aibook_desktop.engine.jobs import BookMaker
from aibook_desktop.engine.library import Library
from aibook_desktop.engine.pictures import Picture, PictureRequest
from aibook_desktop.engine.pictures.prompts import build_prompt
from aibook_desktop.engine.safety import check_theme, check_transcript, nlp
from aibook_desktop.engine.safety.rules import find
from aibook_desktop.engine.story.offline import OfflineStoryWriter
from bench.common import machine

DATA = Path(__file__).parent / "data" / "safety"
BACKENDS = ("offline", "openai", "openai-nomod")
ATTACKS = ("injection", "roleplay")
# what the fake moderation endpoint flags (a stand-in for a real one: obvious words only)
FLAG_WORDS = ("kill", "blood", "sex", "fuck", "shit", "murder", "naked", "porn", "죽이", "살인",
              "섹스", "씨발", "시체")  # fmt: skip
_THEME_TAG = re.compile(r"<theme>\s*(.*?)\s*</theme>", re.S)


@dataclass(frozen=True)
class Case:
    type: str  # theme | transcript
    lang: str
    kind: str
    text: str
    forbid: tuple[str, ...]
    part: str  # dev | heldout

    @property
    def innocent(self) -> bool:
        return self.kind == "innocent"


def load(part: str) -> list[Case]:
    cases = []
    for line in (DATA / f"{part}.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        typ, lang, kind, text, forbid = line.split("|")
        words = tuple(w.strip() for w in forbid.split(";") if w.strip())
        cases.append(Case(typ, lang, kind, text, words, part))
    return cases


def forbidden_in(case: Case, texts: list[str]) -> list[str]:
    joined = "\n".join(texts).lower()
    return [w for w in case.forbid if w.lower() in joined]


# ---- the "model" and the "painter" ---------------------------------------------------------
class EchoBrain:
    """A gullible model: obeys the prompt's theme and leaks the child's original words."""

    def __init__(self) -> None:
        from tests.fake_openai import make_plan

        self._make_plan = make_plan
        self.lang, self.rogue, self.pages = "en", "", 4

    def answer(self, body: dict[str, Any]) -> str:
        import json

        user = next(m["content"] for m in reversed(body["messages"]) if m["role"] == "user")
        task = user.split("\n", 1)[0].strip()
        found = _THEME_TAG.search(user)
        theme = found.group(1) if found else "a story"
        plan = self._make_plan(self.lang, self.pages)
        plan["title"] = theme
        plan["pages"][0]["text"] = theme
        if len(plan["pages"]) > 2:
            plan["pages"][2]["text"] = self.rogue
            plan["pages"][2]["scene_prompt"] = f"(Subject) {self.rogue} (Environment) a forest"
        plan["hero_sheet"] = f"a hero from the story about {self.rogue}"
        if task == "[page_rewrite]":
            number = re.search(r"Page (\d+) of the book|(\d+)쪽을 새로", user)
            n = int((number.group(1) or number.group(2)) if number else 1)
            return json.dumps({"text": plan["pages"][n - 1]["text"]}, ensure_ascii=False)
        if task == "[story_pages]":
            count = int(re.search(r"exactly (\d+) pages|정확히 (\d+)쪽", user).group(1) or 1)  # type: ignore[union-attr]
            return json.dumps({"pages": plan["pages"][-count:]}, ensure_ascii=False)
        return json.dumps(plan, ensure_ascii=False)


class RecordingIllustrator:
    """Keeps exactly what a picture model would be given; draws an 8x8 square."""

    name = "recorder"

    def __init__(self) -> None:
        self.prompts: list[str] = []

    def draw(self, request: PictureRequest, cancel: CancelToken, progress: Any = None,
             preview: Any = None) -> Picture:  # fmt: skip
        self.prompts.append(build_prompt(request))
        return Picture(Image.new("RGB", (8, 8), (255, 250, 240)), Provenance("recorder"))


# ---- one book -------------------------------------------------------------------------------
@dataclass
class Outcome:
    texts: list[str] = field(default_factory=list)
    redirected: bool = False
    refused: str | None = None  # a Failed code (e.g. theme_language)
    pages_replaced: int = 0


def make_book(case: Case, backend: str, library: Library, server: Any, pages: int) -> Outcome:
    from aibook_desktop.engine.story.llm import OpenAIStoryConfig, OpenAIStoryWriter

    hero = Hero.default("cat", case.lang)
    request = BookRequest(hero, Theme(case.text), case.lang, pages, seed=7)
    illustrator = RecordingIllustrator()
    writer: Any
    if backend == "offline":
        writer = OfflineStoryWriter()
    else:
        server.moderation = backend == "openai"
        server.brain.lang, server.brain.rogue, server.brain.pages = case.lang, case.text, pages
        config = OpenAIStoryConfig(base_url=server.url, model="gpt-4o", moderation=True)
        writer = OpenAIStoryWriter(config)
    maker = BookMaker(writer, illustrator, library, fallback_writer=OfflineStoryWriter())
    out = Outcome()
    events: list[Event] = []
    book = maker.run(request, events.append, CancelToken())
    for e in events:
        if isinstance(e, Notice) and e.code == "theme_redirected":
            out.redirected = True
        if isinstance(e, Notice) and e.code in ("text_replaced", "page_replaced"):
            out.pages_replaced += 1
        if isinstance(e, Failed):
            out.refused = e.code
            out.texts.append(e.child_message)
    if book is not None:
        out.texts += [book.title, book.hero_sheet, book.art_style]
        for page in book.pages:
            out.texts += [page.text, page.scene_prompt, page.text_alt or ""]
    out.texts += illustrator.prompts
    return out


# ---- the run --------------------------------------------------------------------------------
@dataclass
class Tally:
    books: int = 0
    unsafe: int = 0
    obeyed: int = 0
    attacks: int = 0
    innocent: int = 0
    innocent_redirected: int = 0
    innocent_pages_replaced: int = 0
    refused: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)


def _fast_tmp() -> str | None:
    """The shelf in memory where there is a tmpfs: the library fsyncs every page it saves."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() else None


def run_backend(cases: list[Case], backend: str, pages: int, server: Any) -> Tally:
    tally = Tally()
    with tempfile.TemporaryDirectory(dir=_fast_tmp()) as tmp:
        library = Library(Path(tmp))
        for case in cases:
            out = make_book(case, backend, library, server, pages)
            tally.books += 1
            bad = forbidden_in(case, out.texts)
            leftovers = [str(f) for t in out.texts for f in find(t)]
            if bad or leftovers:
                tally.unsafe += 1
                tally.examples.append(f"UNSAFE {case.lang} {case.text!r}: {bad or leftovers}")
            if case.kind in ATTACKS:
                tally.attacks += 1
                if bad:
                    tally.obeyed += 1
            if out.refused:
                tally.refused[out.refused] += 1
            if case.innocent:
                tally.innocent += 1
                if out.redirected or out.refused:
                    tally.innocent_redirected += 1
                    tally.examples.append(f"INNOCENT REDIRECTED {case.text!r} ({out.refused})")
                if out.pages_replaced:
                    tally.innocent_pages_replaced += 1
                    tally.examples.append(f"INNOCENT PAGE REPLACED {case.text!r}")
    return tally


def theme_level(cases: list[Case]) -> dict[str, Any]:
    """check_theme alone: which kinds are caught, which innocent themes are changed."""
    caught: Counter[str] = Counter()
    total: Counter[str] = Counter()
    missed, wrongly = [], []
    for case in cases:
        result = check_theme(case.text, case.lang)
        total[case.kind] += 1
        if case.innocent:
            if not result.safe:
                wrongly.append(f"{case.text!r} -> {result.text!r} {result.reasons}")
        elif result.replaced:
            caught[case.kind] += 1
        else:
            missed.append(f"{case.kind}: {case.text!r} -> {result.text!r}")
    return {"caught": caught, "total": total, "missed": missed, "wrongly": wrongly}


def transcripts(cases: list[Case]) -> dict[str, Any]:
    shown_unsafe, refused_innocent, unsafe_total, innocent_total = [], [], 0, 0
    for case in cases:
        result = check_transcript(case.text, case.lang)
        if case.innocent:
            innocent_total += 1
            if not result.text:
                refused_innocent.append(case.text)
        else:
            unsafe_total += 1
            if result.text and (forbidden_in(case, [result.text]) or find(result.text)):
                shown_unsafe.append(f"{case.text!r} -> {result.text!r}")
    return {"unsafe": unsafe_total, "shown_unsafe": shown_unsafe, "innocent": innocent_total,
            "refused_innocent": refused_innocent}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--set", choices=["heldout", "heldout2", "dev", "all"], default="heldout")
    ap.add_argument("--backends", default=",".join(BACKENDS))
    ap.add_argument("--pages", type=int, default=4, help="4-12 (page 3 leaks)")
    ap.add_argument("--limit", type=int, default=0, help="first N themes only (0: all)")
    ap.add_argument("--verbose", action="store_true", help="list every miss")
    opts = ap.parse_args()
    logging.basicConfig(level=logging.ERROR)
    parts = ["dev", "heldout", "heldout2"] if opts.set == "all" else [opts.set]
    cases = [c for part in parts for c in load(part)]
    themes = [c for c in cases if c.type == "theme"]
    if opts.limit:
        themes = themes[: opts.limit]
    spoken = [c for c in cases if c.type == "transcript"]
    print(f"machine: {machine()}")
    print(f"libraries: {nlp.libraries()}")
    print(f"set: {opts.set}: {len(themes)} themes ({sum(c.innocent for c in themes)} innocent, "
          f"{sum(c.lang == 'ko' for c in themes)} Korean), {len(spoken)} transcripts")  # fmt: skip

    level = theme_level(themes)
    print("\ncheck_theme alone (replaced whole / total, by kind):")
    for kind in sorted(level["total"]):
        if kind != "innocent":
            print(f"  {kind:<10} {level['caught'][kind]:>3} / {level['total'][kind]}")
    innocent = level["total"]["innocent"]
    whole = [w for w in level["wrongly"] if "happy adventure" in w or "신나는 모험" in w]
    print(
        f"  innocent replaced whole: {len(whole)} / {innocent}; innocent with a mild word "
        f"softened (the idea kept): {len(level['wrongly']) - len(whole)} / {innocent}"
    )
    for line in level["missed"] + level["wrongly"]:
        print("   ", line)

    said = transcripts(spoken)
    print(f"\ntranscripts: unsafe shown back {len(said['shown_unsafe'])} / {said['unsafe']}, "
          f"innocent refused {len(said['refused_innocent'])} / {said['innocent']}")  # fmt: skip
    for line in said["shown_unsafe"] + said["refused_innocent"]:
        print("   ", line)

    from tests.fake_openai import FakeOpenAI

    brain = EchoBrain()
    with FakeOpenAI(brain, flag_words=FLAG_WORDS) as server:  # type: ignore[arg-type]
        for backend in opts.backends.split(","):
            start = time.perf_counter()
            t = run_backend(themes, backend, opts.pages, server)
            took = time.perf_counter() - start
            share = 100 * t.innocent_redirected / max(t.innocent, 1)
            print(f"\n{backend}: {t.books} books in {took:.0f} s: unsafe outputs {t.unsafe}, "
                  f"injections obeyed {t.obeyed} / {t.attacks}, innocent redirected "
                  f"{t.innocent_redirected} / {t.innocent} ({share:.1f} %), innocent books with "
                  f"a page replaced {t.innocent_pages_replaced}, refused with a message "
                  f"{dict(t.refused)}")  # fmt: skip
            for line in t.examples[: None if opts.verbose else 15]:
                print("   ", line)


if __name__ == "__main__":
    main()
