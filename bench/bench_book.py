"""Time the CLI making an 8-page book with the embedded defaults (offline story, sketch pictures).

Baseline in the same run: the same CLI process doing nothing but start and parse ``--help``
(interpreter + imports), so the ratio shows how much of a book is real work.
Usage: python -m bench.bench_book [--pages 8] [--size 1024] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

from bench.common import machine


def _timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "aibook_desktop.engine", *args],
        capture_output=True, env=env, check=True,
    )  # fmt: skip
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=8)
    ap.add_argument("--size", type=int, default=1024)
    ap.add_argument("--repeat", type=int, default=3)
    opts = ap.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "AIBOOK_HOME": home, "OMP_NUM_THREADS": "1"}
        floor = statistics.median(_timed(["--help"], env) for _ in range(opts.repeat))
        books = []
        for i in range(opts.repeat):
            args = [
                "make-book", "--hero", "cat", "--theme", "a cat who wants to fly to the moon",
                "--lang", "ko", "--pages", str(opts.pages), "--size", str(opts.size),
                "--seed", str(i + 1), "--out", os.path.join(home, f"out{i}"),
            ]  # fmt: skip
            books.append(_timed(args, env))
        pdf_free = []
        for i in range(opts.repeat):
            args = [
                "make-book", "--hero", "cat", "--theme", "a cat who wants to fly to the moon",
                "--lang", "ko", "--pages", str(opts.pages), "--size", str(opts.size),
                "--seed", str(i + 1), "--no-pdf",
            ]  # fmt: skip
            pdf_free.append(_timed(args, env))
    book, no_pdf = statistics.median(books), statistics.median(pdf_free)
    print(f"machine: {machine()}")
    print(f"CLI start-up floor (--help):          {floor:6.2f} s")
    print(
        f"{opts.pages}-page book at {opts.size}px + PDF:        {book:6.2f} s  "
        f"({book / floor:.1f}x the floor)"
    )
    print(
        f"{opts.pages}-page book without PDF:            {no_pdf:6.2f} s  "
        f"(PDF export is {(book - no_pdf) / book:.0%} of the time)"
    )
    print(f"per page (pictures, story, saving):  {(no_pdf - floor) / opts.pages:6.3f} s")


if __name__ == "__main__":
    main()
