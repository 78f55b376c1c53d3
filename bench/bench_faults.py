"""Fault injection on the real CLI and shelf (issue #15): kill -9 trials and concurrent runs.

Kill trials: ``make-book`` processes (offline storyteller, sketch painter) share one shelf and
each is killed with SIGKILL at a random moment of its run; every tenth trial ``list`` runs too.
Then the shelf is checked from the outside: every book.json must load, every picture a page
names must decode, the index must list exactly the folders, no book whose StoryStarted event
was seen may be lost, none may stay ``making`` (killed books must read ``stopped``), and a few
stopped books are finished with ``aibook finish``. Concurrency: N ``make-book`` processes start
at once on a fresh home, several rounds: all must finish, and no healthy index may be moved
aside. Any "Traceback" on any stderr counts.

Usage: python -m bench.bench_faults [--trials 100] [--concurrent 6] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from bench.common import machine

CLI = [sys.executable, "-m", "aibook_desktop.engine"]
MAKE = ["make-book", "--lang", "en", "--pages", "4", "--size", "96", "--no-pdf", "--events",
        "jsonl"]  # fmt: skip
HEROES = ["cat", "frog", "robot", "dinosaur", "princess"]
THEMES = ["the moon", "under the sea", "a snow day", "a birthday party", "a castle"]


def _env(home: Path) -> dict[str, str]:
    root = str(Path(__file__).resolve().parents[1])
    return {**os.environ, "AIBOOK_HOME": str(home), "OMP_NUM_THREADS": "1", "PYTHONPATH": root}


def _make_args(i: int) -> list[str]:
    return [*MAKE, "--hero", HEROES[i % 5], "--theme", THEMES[i % 5], "--seed", str(i + 1)]


def _run(args: list[str], home: Path, counts: Counter[str]) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        CLI + args, capture_output=True, text=True, env=_env(home), timeout=300, check=False
    )
    counts["cli runs"] += 1
    if "Traceback" in proc.stderr:
        counts["tracebacks"] += 1
        print(proc.stderr[-2000:], file=sys.stderr)
    return proc


def _events(path: Path) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # the last line, cut by the kill
    return out


def _preload() -> None:
    """Import what a make-book run needs once, before forking: kills then land in the work."""
    from aibook_desktop.engine import cli, export, service  # noqa: F401
    from aibook_desktop.engine.pictures import make_illustrator
    from aibook_desktop.engine.story import make_story_writer

    make_story_writer("offline")
    make_illustrator("sketch")


def _forked_make(args: list[str], out: Path, err: Path) -> int:
    """A real process running the CLI's make-book (forked, so no start-up cost per trial)."""
    pid = os.fork()
    if pid:
        return pid
    code = 99
    try:
        out_fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        err_fd = os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(out_fd, 1)
        os.dup2(err_fd, 2)
        from aibook_desktop.engine import cli

        code = cli.main(args)
        sys.stdout.flush()
    except BaseException:
        traceback.print_exc()
        sys.stderr.flush()
    finally:
        os._exit(code)


def kill_trials(home: Path, trials: int, seed: int, counts: Counter[str]) -> set[str]:
    """Returns the ids of books whose StoryStarted was seen (they must be on the shelf)."""
    rng = random.Random(seed)
    logs = home.parent / "events"
    logs.mkdir(exist_ok=True)
    os.environ["AIBOOK_HOME"] = str(home)  # the forked runs read it like the CLI does
    _preload()
    t = time.perf_counter()  # one whole run first: how many events a book makes
    calibration = logs / "calibration.jsonl"
    pid = _forked_make(_make_args(10_000), calibration, logs / "calibration.err")
    _, status = os.waitpid(pid, 0)
    whole_s = time.perf_counter() - t
    counts["calibration ok"] += os.waitstatus_to_exitcode(status) == 0
    n_events = len(_events(calibration))
    seen: set[str] = set()
    i = 0
    while counts["killed"] < trials and i < 3 * trials:  # every trial ends in a kill -9
        out, err = logs / f"trial-{i}.jsonl", logs / f"trial-{i}.err"
        # The kill lands after a random number of events (0: while starting), then a random
        # few milliseconds more: spread over every stage however loaded the machine is.
        target = rng.randint(0, n_events)
        pid = _forked_make(_make_args(i), out, err)
        start = time.perf_counter()
        ended = False
        while not ended:
            ended = os.waitpid(pid, os.WNOHANG)[0] != 0
            if target == 0 and time.perf_counter() - start > rng.uniform(0.0, 0.1):
                break
            if target and out.exists() and out.read_bytes().count(b"\n") >= target:
                time.sleep(rng.uniform(0.0, 0.03))
                break
            time.sleep(0.003)
        if ended:
            counts["finished before the kill"] += 1
        else:
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
            if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
                counts["killed"] += 1
                stages = [e["stage"] for e in _events(out) if e.get("event") == "StageStarted"]
                counts[f"killed while: {stages[-1] if stages else 'starting'}"] += 1
            else:  # it ended a moment before the signal
                counts["finished before the kill"] += 1
        # (a kill in the first instant comes before the child opened its files)
        text = err.read_text(encoding="utf-8", errors="replace") if err.exists() else ""
        if "Traceback" in text:
            counts["tracebacks"] += 1
            print(text[-2000:], file=sys.stderr)
        for event in _events(out):
            if event.get("event") == "StoryStarted":
                seen.add(str(event["book_id"]))
        if i % 10 == 9:
            listed = _run(["list"], home, counts)
            counts["list failures"] += listed.returncode != 0
        i += 1
    counts["events in one whole book"] = n_events
    counts["one whole book (ms)"] = round(whole_s * 1000)
    return seen


def check_shelf(home: Path, seen: set[str], counts: Counter[str]) -> None:
    from PIL import Image

    from aibook_desktop.engine.library import Library, LibraryError

    books_root = home / "data" / "books"
    folders = {p.name for p in books_root.iterdir() if p.is_dir() and not p.name.startswith(".")}
    with Library(home / "data") as lib:  # the open reconciles the killed books
        listed = {s.id: s for s in lib.list_books()}
        for book_id in sorted(folders):
            try:
                book = lib.load(book_id)
            except LibraryError:
                counts["corrupt book.json"] += 1
                continue
            counts[f"books {book.status.value}"] += 1
            for page in book.pages:
                if not page.image_file:
                    continue
                try:
                    with Image.open(lib.book_dir(book_id) / page.image_file) as im:
                        im.load()
                except Exception:
                    counts["missing or undecodable pages"] += 1
    counts["index mismatches"] += len(set(listed) ^ folders)
    counts["lost books"] += len(seen - folders)
    counts["left making"] += sum(s.status == "making" for s in listed.values())
    counts["damaged rows"] += sum(bool(s.problem) for s in listed.values())
    young = list(books_root.glob("*/.*.tmp"))
    counts["temp files left by kills"] += len(young)
    old = time.time() - 3600
    for path in young:  # an hour later, the next open must clean them
        os.utime(path, (old, old))
    Library(home / "data").close()
    counts["temp files left after an open an hour later"] += len(list(books_root.glob("*/.*.tmp")))


def finish_some(home: Path, how_many: int, counts: Counter[str]) -> None:
    from aibook_desktop.engine.library import Library

    with Library(home / "data") as lib:
        stopped = [s.id for s in lib.list_books() if s.status == "stopped"][:how_many]
    for book_id in stopped:
        proc = _run(["finish", book_id, "--no-pdf"], home, counts)
        counts["stopped books finished"] += proc.returncode == 0
        counts["finish failures"] += proc.returncode != 0


def concurrency(base: Path, n: int, rounds: int, counts: Counter[str]) -> None:
    for r in range(rounds):
        home = base / f"concurrent-{r}"  # fresh: every process races to create the index
        procs = [
            subprocess.Popen(
                CLI + _make_args(100 + i),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                env=_env(home),
            )
            for i in range(n)
        ]
        for proc in procs:
            _, err = proc.communicate(timeout=600)
            counts["concurrent runs"] += 1
            counts["concurrent failures"] += proc.returncode != 0
            if "Traceback" in err:
                counts["tracebacks"] += 1
                print(err[-2000:], file=sys.stderr)
        counts["healthy index moved aside"] += len(list(home.glob("data/*.corrupt-*")))
        listed = _run(["list"], home, counts)
        counts["concurrent books listed complete"] += listed.stdout.count(" complete ")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--trials", type=int, default=100)
    ap.add_argument("--concurrent", type=int, default=6)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--finish", type=int, default=5, help="stopped books to finish afterwards")
    ap.add_argument("--seed", type=int, default=15)
    opts = ap.parse_args()
    counts: Counter[str] = Counter()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        seen = kill_trials(home, opts.trials, opts.seed, counts)
        check_shelf(home, seen, counts)
        finish_some(home, opts.finish, counts)
        concurrency(Path(tmp), opts.concurrent, opts.rounds, counts)
    print(f"machine: {machine()}")
    print(f"kill -9 trials: {counts['killed']} killed runs, "
          f"concurrent: {opts.rounds} rounds x {opts.concurrent}")  # fmt: skip
    print(f"books seen started (StoryStarted, all runs): {len(seen)}")
    for key in sorted(counts):
        print(f"  {key}: {counts[key]}")
    bad = ("lost books", "corrupt book.json", "missing or undecodable pages", "tracebacks",
           "index mismatches", "left making", "healthy index moved aside", "concurrent failures",
           "list failures", "finish failures")  # fmt: skip
    verdict = "PASS" if all(counts[k] == 0 for k in bad) else "FAIL"
    print(f"{verdict}: lost {counts['lost books']}, corrupt {counts['corrupt book.json']}, "
          f"bad pages {counts['missing or undecodable pages']}, "
          f"tracebacks {counts['tracebacks']} ({time.perf_counter() - start:.0f} s)")  # fmt: skip


if __name__ == "__main__":
    main()
