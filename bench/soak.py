"""Soak: 50 books in a row in one engine (as a kiosk would), watching memory and the shelf.

Prints RSS after the first book, after the last, growth per book, and the shelf's size on disk.
Usage: python -m bench.soak [--books 50] [--pages 8] [--size 1024]
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
from pathlib import Path

from bench.common import machine, rss_mb


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--books", type=int, default=50)
    ap.add_argument("--pages", type=int, default=8)
    ap.add_argument("--size", type=int, default=1024)
    opts = ap.parse_args()
    with tempfile.TemporaryDirectory() as home:
        from aibook_desktop.engine import paths

        paths.set_base_dir(home)
        from aibook_desktop.engine.cancel import CancelToken
        from aibook_desktop.engine.events import Finished
        from aibook_desktop.engine.service import Engine
        from aibook_desktop.engine.settings import Settings

        engine = Engine(Settings(pages=opts.pages, picture_size=opts.size))
        heroes = ["cat", "frog", "princess", "robot", "dinosaur", "boy", "girl", "superhero", "me"]
        themes = ["달나라 여행", "under the sea", "snow day", "a birthday party", "castle"]
        rss, times, finished = [], [], 0
        start = time.perf_counter()
        for i in range(opts.books):
            t = time.perf_counter()
            ends: list[object] = []
            request = engine.request_for(heroes[i % 9], themes[i % 5], lang=("ko", "en")[i % 2])
            engine.make_book(request, ends.append, CancelToken())
            finished += any(isinstance(e, Finished) for e in ends)
            times.append(time.perf_counter() - t)
            gc.collect()
            rss.append(rss_mb())
        total = time.perf_counter() - start
        shelf = sum(f.stat().st_size for f in Path(home).rglob("*") if f.is_file())
        listed = len(engine.library.list_books())
        engine.close()
    n = opts.books
    print(f"machine: {machine()}")
    print(
        f"{finished}/{n} books finished, {listed} on the shelf, {total:.0f} s in all "
        f"({total / n:.2f} s a book; last/first book time ratio {times[-1] / times[0]:.2f})"
    )
    print(
        f"RSS after book 1: {rss[0]:.0f} MiB, after book {n}: {rss[-1]:.0f} MiB, "
        f"growth {(rss[-1] - rss[0]) / max(n - 1, 1):.2f} MiB/book "
        f"(ratio last/first {rss[-1] / rss[0]:.2f})"
    )
    print(f"shelf on disk: {shelf / 2**20:.1f} MiB ({shelf / 2**20 / n:.2f} MiB a book)")


if __name__ == "__main__":
    main()
