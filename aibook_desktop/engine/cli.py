"""Headless CLI: the same books the kiosk makes, for tests, benchmarks, scripts and servers.

Exit codes: 0 done, 2 bad arguments, 3 a requested backend cannot run here, 4 the book failed,
5 the book or shelf could not be read, 130 cancelled (Ctrl-C).
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import signal
import sys
import time
from pathlib import Path
from types import FrameType
from typing import TextIO

from . import cli_parent, doctor
from .backends import ILLUSTRATORS, STORY_WRITERS, BackendUnavailable
from .book import MAX_PAGES, MIN_PAGES, HeroKind
from .cancel import CancelToken
from .cli_speech import add_transcribe_parser, run_transcribe
from .events import (
    Cancelled,
    Event,
    Failed,
    Finished,
    Notice,
    PageImage,
    Progress,
    StageStarted,
    StoryStarted,
    event_to_dict,
)
from .models import cli as models_cli

__all__ = ["main"]

EXIT_OK, EXIT_USAGE, EXIT_BACKEND, EXIT_FAILED, EXIT_READ, EXIT_CANCELLED = 0, 2, 3, 4, 5, 130


def _pages(value: str) -> int:
    n = int(value)
    if not MIN_PAGES <= n <= MAX_PAGES:
        raise argparse.ArgumentTypeError(f"a book has {MIN_PAGES}-{MAX_PAGES} pages")
    return n


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="aibook", description="Make and manage AI-Book picture books.")
    p.add_argument("--home", type=Path, help="keep settings and the shelf under this folder")
    p.add_argument("-v", "--verbose", action="store_true", help="log what the engine does")
    sub = p.add_subparsers(dest="command", required=True)

    mk = sub.add_parser("make-book", help="write and illustrate a new book")
    mk.add_argument("--hero", required=True, choices=[k.value for k in HeroKind])
    mk.add_argument("--name", default="", help="the child's name, for --hero me")
    mk.add_argument("--theme", required=True, help="what the story is about")
    mk.add_argument("--lang", choices=["ko", "en"], help="book language (default: settings)")
    mk.add_argument("--pages", type=_pages, help=f"{MIN_PAGES}-{MAX_PAGES} (default: settings)")
    mk.add_argument("--age", type=int, choices=range(3, 11), metavar="3-10")
    mk.add_argument("--seed", type=int, help="same seed, same book (default: a new one)")
    mk.add_argument("--size", type=int, help="picture size in pixels (default: settings)")
    mk.add_argument("--story", choices=STORY_WRITERS, help="story backend (default: settings)")
    mk.add_argument("--pictures", choices=ILLUSTRATORS, help="picture backend (default: settings)")
    mk.add_argument("--bilingual", action="store_true", help="each page in Korean and English")
    mk.add_argument("--sdxl-base", metavar="PATH_OR_ID", help="SDXL base (folder or hub id)")
    mk.add_argument("--sdxl-refiner", metavar="PATH_OR_ID", help="SDXL refiner weights")
    mk.add_argument("--out", type=Path, help="also copy the book folder and its PDF here")
    mk.add_argument("--no-pdf", action="store_true", help="skip the PDF")
    mk.add_argument("--events", choices=["jsonl"], help="print every engine event on stdout")

    sub.add_parser("list", help="list the books on the shelf")

    ex = sub.add_parser("export", help="export a book from the shelf as PDF")
    ex.add_argument("book_id")
    ex.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    ex.add_argument("--colouring", action="store_true", help="a colouring book (line art)")

    add_transcribe_parser(sub)  # issue #5: cli_speech.py
    doctor.add_parser(sub)  # aibook doctor [--json] [--deep] (issue #8)
    models_cli.add_parser(sub)  # aibook models presets|download|import (issue #8)
    cli_parent.add_parser(sub)  # aibook parent set-pin (issue #21)
    return p


class _ProgressBar:
    """A one-line bar on a terminal; plain stage lines when stderr is a file or a pipe."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.last = 0.0

    def __call__(self, event: Event) -> None:
        if isinstance(event, Progress) and self.tty:
            now = time.monotonic()
            if now - self.last < 0.1 and event.fraction < 1.0:
                return
            self.last = now
            filled = int(event.fraction * 30)
            page = f" page {event.page + 1}" if event.page is not None else ""
            bar = "#" * filled + "." * (30 - filled)
            self.stream.write(f"\r[{bar}] {event.fraction:4.0%} {event.stage}{page}   ")
        elif isinstance(event, StageStarted | StoryStarted | PageImage | Notice):
            if self.tty:
                self.stream.write("\r" + " " * 70 + "\r")
            self.stream.write(_describe(event) + "\n")
        elif isinstance(event, Finished | Failed | Cancelled) and self.tty:
            self.stream.write("\n")
        self.stream.flush()


def _describe(event: Event) -> str:
    if isinstance(event, StageStarted):
        return f"- {event.stage}"
    if isinstance(event, StoryStarted):
        return f"  title: {event.title} ({event.page_count} pages)"
    if isinstance(event, PageImage):
        return f"  page {event.index + 1} drawn"
    if isinstance(event, Notice):
        return f"  note: {event.code}: {event.detail}"
    return str(event)


def _make_book(args: argparse.Namespace) -> int:
    from .service import Engine
    from .settings import get_settings

    settings = get_settings()
    for field, value in [
        ("story_backend", args.story), ("picture_backend", args.pictures),
        ("pages", args.pages), ("age", args.age), ("picture_size", args.size),
        ("language", args.lang), ("bilingual", args.bilingual or None),
        ("sdxl_base", args.sdxl_base), ("sdxl_refiner", args.sdxl_refiner),
    ]:  # fmt: skip
        if value is not None:
            setattr(settings, field, value)
    # A backend asked for by name must run or say why, instead of quietly falling back.
    engine = Engine(settings, substitute=not (args.story or args.pictures))
    try:
        engine.warm_up()
    except BackendUnavailable as exc:
        print(f"aibook: {exc}", file=sys.stderr)
        return EXIT_BACKEND
    try:
        request = engine.request_for(args.hero, args.theme, "typed", args.name, seed=args.seed)
    except ValueError as exc:
        print(f"aibook: {exc}", file=sys.stderr)
        return EXIT_USAGE

    bar = _ProgressBar(sys.stderr)
    outcome: list[Event] = []

    def emit(event: Event) -> None:
        if args.events == "jsonl":
            sys.stdout.write(json.dumps(event_to_dict(event), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        bar(event)
        if isinstance(event, Finished | Failed | Cancelled):
            outcome.append(event)

    cancel = CancelToken()

    def on_sigint(signum: int, frame: FrameType | None) -> None:
        cancel.cancel()

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        book = engine.make_book(request, emit, cancel)
    finally:
        signal.signal(signal.SIGINT, previous)
    end = outcome[-1] if outcome else None
    if isinstance(end, Cancelled):
        print("aibook: cancelled; the pages made so far are on the shelf", file=sys.stderr)
        return EXIT_CANCELLED
    if book is None or not isinstance(end, Finished):
        reason = end.reason if isinstance(end, Failed) else "no result"
        print(f"aibook: the book could not be made: {reason}", file=sys.stderr)
        return EXIT_FAILED
    folder = Path(end.path)
    pdf = None if args.no_pdf else engine.export_pdf(book.id)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for item in folder.iterdir():
            if item.is_file() and not item.name.endswith(".tmp"):
                shutil.copy2(item, args.out / item.name)
        folder = args.out
    print(f"{book.title}\n{folder}" + (f"\n{folder / pdf.name}" if pdf else ""))
    engine.close()
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    from .library import Library

    library = Library()
    for b in library.list_books():
        note = f"  [{b.problem}]" if b.problem else ""
        print(
            f"{b.id}  {b.status:<9} {b.pages_done:>2}/{b.page_count:<2} {b.lang}  {b.title}{note}"
        )
    library.close()
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from .library import LibraryError
    from .service import Engine

    engine = Engine()
    try:
        if args.colouring:
            path = engine.export_colouring_pdf(args.book_id, args.out)
        else:
            path = engine.export_pdf(args.book_id, args.out)
    except LibraryError as exc:
        print(f"aibook: {exc}", file=sys.stderr)
        return EXIT_READ
    finally:
        engine.close()
    print(path)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if args.home:
        from . import paths

        paths.set_base_dir(args.home)
    command = {"make-book": _make_book, "list": _list, "export": _export,
               "transcribe": run_transcribe, "doctor": doctor.main,
               "models": models_cli.main, "parent": cli_parent.main}[args.command]  # fmt: skip
    return command(args)
