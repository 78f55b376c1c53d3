"""Is the offline book about what the child said? Theme fidelity of text and picture plans.

For every theme in bench/fidelity_themes.py (held-out part first: the headline), 8 pages, seeds
1 and 2, the new plan storyteller (OfflineStoryWriter) and the old arc storyteller
(ArcStoryWriter, the baseline) in the same run:

- faithful books: every key idea (creature, place, goal, thing) is on >= half the pages and on
  the last page;
- picture coverage: of the companions/things a page's text names (lexicon nouns), the share its
  scene plan puts in the picture (the old storyteller has no scene plan: 0 by construction);
- distinct arcs, seed variety (share of themes whose two seeds differ on >= half the pages),
  Korean page-length compliance at ages 4, 7 and 9;
- time per book (after one warm-up book, which also loads the Korean analyser), new / old.

Usage: python -m bench.bench_fidelity [--pages 8] [--part held_out|dev|all]
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections.abc import Iterable

from aibook_desktop.engine.book import BookRequest, Hero, HeroKind, PagePlan, StoryHeader, Theme
from aibook_desktop.engine.cancel import CancelToken
from aibook_desktop.engine.story.offline import OfflineStoryWriter
from aibook_desktop.engine.story.offline.arcs import choose_arc
from aibook_desktop.engine.story.offline.lexicon import COMPANIONS, PROPS
from aibook_desktop.engine.story.offline.words import clean_theme, page_length, page_length_bounds
from aibook_desktop.engine.story.offline.writer import ArcStoryWriter

from .common import machine
from .fidelity_themes import DEV, HELD_OUT

SEEDS = (1, 2)
_NOUNS = sorted(
    ((e.key, w) for e in (*COMPANIONS, *PROPS) for w in {e.en, e.ko} if len(w) >= 2),
    key=lambda kw: -len(kw[1]),
)


def _book(writer: object, lang: str, theme: str, pages: int, seed: int, age: int = 7
          ) -> tuple[StoryHeader, list[PagePlan]]:  # fmt: skip
    hero = Hero.default(HeroKind.BOY if seed % 2 else HeroKind.GIRL, lang)
    req = BookRequest(hero, Theme(theme), lang, pages=pages, age=age, seed=seed)
    parts = list(writer.write(req, CancelToken()))  # type: ignore[attr-defined]
    header = parts[0]
    assert isinstance(header, StoryHeader)
    return header, [p for p in parts[1:] if isinstance(p, PagePlan)]


def _has(text: str, words: Iterable[str]) -> bool:
    low = text.lower()
    return any(w in low for w in words)


def faithful(pages: list[PagePlan], ideas: dict[str, tuple[str, ...]]) -> bool:
    for words in ideas.values():
        hits = sum(_has(p.text, words) for p in pages)
        if hits * 2 < len(pages) or not _has(pages[-1].text, words):
            return False
    return True


def _named(text: str) -> set[str]:
    """Lexicon nouns on the page, longest first, so "polar bear" is not also a "bear"."""
    # "make friends" is the wish, not a friend on the page
    work = re.sub(r"\b(make|made|making) friends\b|친구가 되|친구 되", " ", text.lower())
    found = set()
    for key, word in _NOUNS:
        pattern = rf"\b{re.escape(word)}(s|es)?\b" if word.isascii() else re.escape(word)
        if re.search(pattern, work):
            found.add(key)
            work = re.sub(pattern, " ", work)
    return found


def picture_cover(pages: list[PagePlan]) -> tuple[int, int]:
    named = drawn = 0
    for p in pages:
        keys = _named(p.text)
        shown = set(p.scene.characters + p.scene.props) if p.scene else set()
        named += len(keys)
        drawn += len(keys & shown)
    return drawn, named


def run(themes: list[tuple[str, str, dict[str, tuple[str, ...]]]], pages: int) -> dict[str, object]:
    out: dict[str, object] = {}
    for name, writer in (("new", OfflineStoryWriter()), ("old", ArcStoryWriter())):
        t0 = time.perf_counter()
        for lang in ("ko", "en"):  # warm-up (loads kiwi and lemminflect for the new one)
            _book(writer, lang, "고양이 cat", pages, 99)
        cold = time.perf_counter() - t0
        fa = books = 0
        drawn = named = 0
        arcs: set[str] = set()
        vary = 0
        ko_ok = ko_n = 0
        times: list[float] = []
        unfaithful: list[str] = []
        for lang, theme, ideas in themes:
            texts = []
            for seed in SEEDS:
                t0 = time.perf_counter()
                header, plans = _book(writer, lang, theme, pages, seed)
                times.append(time.perf_counter() - t0)
                books += 1
                if faithful(plans, ideas):
                    fa += 1
                else:
                    unfaithful.append(f"{theme} (seed {seed})")
                d, n = picture_cover(plans)
                drawn, named = drawn + d, named + n
                note = header.provenance.note or ""
                m = re.search(r"arc (\w+)", note)
                arcs.add(m.group(1) if m else choose_arc(clean_theme(theme), seed).arc.id)
                texts.append([p.text for p in plans])
            same = sum(a == b for a, b in zip(*texts, strict=True))
            vary += same * 2 <= pages
            if lang == "ko":
                for age in (4, 7, 9):
                    lo, hi = page_length_bounds("ko", age)
                    _, plans = _book(writer, lang, theme, pages, 1, age)
                    ko_ok += sum(lo <= page_length(p.text, "ko") <= hi for p in plans)
                    ko_n += len(plans)
        out[name] = {
            "faithful": (fa, books), "pictures": (drawn, named), "arcs": len(arcs),
            "vary": (vary, len(themes)), "ko_len": (ko_ok, ko_n),
            "ms": statistics.mean(times) * 1000, "unfaithful": unfaithful, "cold": cold,
        }  # fmt: skip
    return out


def _pct(pair: object) -> str:
    a, b = pair  # type: ignore[misc]
    return f"{a}/{b} ({100 * a / b:.0f}%)" if b else "n/a"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=8)
    ap.add_argument("--part", choices=("held_out", "dev", "all"), default="all")
    args = ap.parse_args()
    parts = {"held_out": HELD_OUT, "dev": DEV}
    names = list(parts) if args.part == "all" else [args.part]
    print(f"machine: {machine()}")
    for part in names:
        themes = parts[part]
        ko = sum(t[0] == "ko" for t in themes)
        t0 = time.perf_counter()
        res = run(themes, args.pages)
        print(f"\n## {part}: {len(themes)} themes ({ko} Korean), {args.pages} pages, "
              f"seeds {SEEDS} ({time.perf_counter() - t0:.1f} s)")  # fmt: skip
        print(
            "| storyteller | faithful books | named things drawn | arcs | seed variety "
            "| Korean length ok (ages 4/7/9) | ms/book |"
        )
        print("|---|---|---|---|---|---|---|")
        for name in ("new", "old"):
            r = res[name]
            assert isinstance(r, dict)
            print(f"| {name} | {_pct(r['faithful'])} | {_pct(r['pictures'])} | {r['arcs']} | "
                  f"{_pct(r['vary'])} | {_pct(r['ko_len'])} | {r['ms']:.2f} |")  # fmt: skip
        new, old = res["new"], res["old"]
        assert isinstance(new, dict) and isinstance(old, dict)
        print(f"time ratio new/old: {new['ms'] / old['ms']:.1f}x; first two books (cold, in this "
              f"process): new {new['cold']:.2f} s, old {old['cold']:.2f} s")  # fmt: skip
        print("unfaithful (new):", "; ".join(new["unfaithful"]) or "none")


if __name__ == "__main__":
    main()
