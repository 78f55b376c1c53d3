"""Headless CLI: the same books the kiosk makes, for tests, benchmarks, scripts and servers.

Exit codes (``ExitCode``): 0 done, 2 bad arguments, 3 a requested backend cannot run here,
4 the book failed (or an unexpected error), 5 the book or shelf could not be read, 6 something
could not be written (disk full, read-only folder: what was on the shelf is kept),
130 cancelled (Ctrl-C). Every failure is one ``aibook: ...`` line on stderr, never a traceback
(``-v`` logs the details), and no message carries an API key.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import signal
import sys
import time
from collections.abc import Callable
from enum import IntEnum
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, TextIO

from . import cli_parent, doctor, serve
from .book import MAX_PAGES, MIN_PAGES, HeroKind
from .cancel import CancelToken
from .cli_speech import add_transcribe_parser, run_transcribe
from .errors import BackendUnavailable, FailureCode
from .events import (
    Event,
    Failed,
    Finished,
    JobCancelled,
    Notice,
    PageImage,
    Progress,
    StageStarted,
    StoryStarted,
    event_to_dict,
)
from .models import cli as models_cli
from .pictures import ILLUSTRATORS
from .scrub import ScrubSecrets, scrub_secrets
from .story import STORY_WRITERS

if TYPE_CHECKING:
    from .book import Book
    from .service import Engine

__all__ = ["ExitCode", "main"]

log = logging.getLogger(__name__)


class ExitCode(IntEnum):
    OK = 0
    USAGE = 2  # bad arguments or input text
    BACKEND = 3  # a backend asked for by name cannot run here
    FAILED = 4  # the book could not be made, or an unexpected error
    READ = 5  # the book or the shelf could not be read
    WRITE = 6  # a file could not be written (disk full, read-only); the shelf keeps what it had
    CANCELLED = 130  # Ctrl-C


EXIT_OK, EXIT_USAGE, EXIT_BACKEND = ExitCode.OK, ExitCode.USAGE, ExitCode.BACKEND
EXIT_FAILED, EXIT_READ, EXIT_CANCELLED = ExitCode.FAILED, ExitCode.READ, ExitCode.CANCELLED
EXIT_WRITE = ExitCode.WRITE


def _say(message: str) -> None:
    print(f"aibook: {scrub_secrets(message)}", file=sys.stderr)


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

    fin = sub.add_parser("finish", help="finish a stopped book (its maker was killed)")
    fin.add_argument("book_id")
    fin.add_argument("--out", type=Path, help="also copy the book folder and its PDF here")
    fin.add_argument("--no-pdf", action="store_true", help="skip the PDF")
    fin.add_argument("--events", choices=["jsonl"], help="print every engine event on stdout")

    rm = sub.add_parser("remove", help="remove a book from the shelf for good")
    rm.add_argument("book_id")

    ex = sub.add_parser("export", help="export a book from the shelf as PDF")
    ex.add_argument("book_id")
    ex.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    ex.add_argument("--colouring", action="store_true", help="a colouring book (line art)")

    add_transcribe_parser(sub)  # issue #5: cli_speech.py
    doctor.add_parser(sub)  # aibook doctor [--json] [--deep] (issue #8)
    models_cli.add_parser(sub)  # aibook models presets|download|import (issue #8)
    serve.add_parser(sub)  # aibook serve --config server.toml (issue #18)
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
            self.stream.write(scrub_secrets(_describe(event)) + "\n")
        elif isinstance(event, Finished | Failed | JobCancelled) and self.tty:
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


def _out_is_usable(out: Path | None) -> bool:
    """Checked before any work: a book made for nothing is a bad surprise."""
    if out is not None and out.exists() and not out.is_dir():
        _say(f"--out {out} is a file; give a folder (new or existing)")
        return False
    return True


def _make_book(args: argparse.Namespace) -> int:
    from .service import Engine
    from .settings import get_settings

    if not _out_is_usable(args.out):
        return EXIT_USAGE
    settings = get_settings()
    for field, value in [
        ("story_backend", args.story), ("picture_backend", args.pictures),
        ("pages", args.pages), ("age", args.age), ("picture_size", args.size),
        ("language", args.lang), ("bilingual", args.bilingual or None),
        ("sdxl_base", args.sdxl_base), ("sdxl_refiner", args.sdxl_refiner),
    ]:  # fmt: skip
        if value is not None:
            setattr(settings, field, value)
    if args.lang is None:  # no language asked for: the theme's own language, not a mix
        settings.language = _theme_language(args.theme, settings.language)
    # A backend asked for by name must run or say why, instead of quietly falling back.
    engine = Engine(settings, substitute=not (args.story or args.pictures))
    try:
        try:
            engine.warm_up()
        except BackendUnavailable as exc:
            _say(str(exc))
            return EXIT_BACKEND
        message = _theme_message(args.theme, settings.language)
        if message is not None:
            _say(message)
            return EXIT_USAGE
        try:
            request = engine.request_for(args.hero, args.theme, "typed", args.name, seed=args.seed)
        except ValueError as exc:
            _say(str(exc))
            return EXIT_USAGE
        return _run_job(args, engine, lambda emit, cancel: engine.make_book(request, emit, cancel))
    finally:
        engine.close()


def _finish(args: argparse.Namespace) -> int:
    from .service import Engine

    if not _out_is_usable(args.out):
        return EXIT_USAGE
    engine = Engine()
    try:
        engine.library.load(args.book_id)  # a missing or damaged book: exit 5 before any work
        return _run_job(
            args, engine, lambda emit, cancel: engine.finish_book(args.book_id, emit, cancel)
        )
    finally:
        engine.close()


def _run_job(
    args: argparse.Namespace,
    engine: Engine,
    start: Callable[[Callable[[Event], None], CancelToken], Book | None],
) -> int:
    """Run one job with Ctrl-C as a cancel; then the PDF and the --out copy.

    The handler stays in place until the PDF and the copy are written: a Ctrl-C after the
    book is finished no longer interrupts them halfway (no traceback, nothing lost).
    """
    bar = _ProgressBar(sys.stderr)
    outcome: list[Event] = []

    def emit(event: Event) -> None:
        if args.events == "jsonl":
            line = json.dumps(event_to_dict(event), ensure_ascii=False)
            sys.stdout.write(scrub_secrets(line) + "\n")  # (the engine scrubs too: belt and braces)
            sys.stdout.flush()
        bar(event)
        if isinstance(event, Finished | Failed | JobCancelled):
            outcome.append(event)

    cancel = CancelToken()

    def on_sigint(signum: int, frame: FrameType | None) -> None:
        cancel.cancel()

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        book = start(emit, cancel)
        end = outcome[-1] if outcome else None
        if isinstance(end, JobCancelled):
            _say("cancelled; the pages made so far are on the shelf")
            return EXIT_CANCELLED
        if book is None or not isinstance(end, Finished):
            reason = end.reason if isinstance(end, Failed) else "no result"
            _say(f"the book could not be made: {reason}")
            code = end.code if isinstance(end, Failed) else ""
            return EXIT_WRITE if code == FailureCode.DISK_FULL else EXIT_FAILED
        return _deliver(args, engine, book, Path(end.path))
    finally:
        signal.signal(signal.SIGINT, previous)


def _deliver(args: argparse.Namespace, engine: Engine, book: Book, folder: Path) -> int:
    from .export import ExportError

    try:
        pdf = None if args.no_pdf else engine.export_pdf(book.id)
    except ExportError as exc:
        _say(f"the book is on the shelf ({folder}), but {exc}")
        return EXIT_WRITE
    if args.out:
        try:
            args.out.mkdir(parents=True, exist_ok=True)
            for item in folder.iterdir():
                if item.is_file() and not item.name.endswith(".tmp"):
                    shutil.copy2(item, args.out / item.name)
        except OSError as exc:
            _say(f"the book is on the shelf ({folder}), but the copy to {args.out} failed: {exc}")
            return EXIT_WRITE
        folder = args.out
    summary = f"{book.title}\n{folder}" + (f"\n{folder / pdf.name}" if pdf else "")
    # with --events jsonl, stdout carries JSON lines only: the summary goes to stderr
    print(summary, file=sys.stderr if args.events == "jsonl" else sys.stdout)
    return EXIT_OK


def _theme_language(theme: str, default: str) -> str:
    from .safety import ThemeProblem, theme_problem

    if theme_problem(theme, default) is not ThemeProblem.OTHER_LANGUAGE:
        return default
    other = "en" if default == "ko" else "ko"
    if theme_problem(theme, other) is None:
        print(f"aibook: the theme is in {other}: making the book in {other}", file=sys.stderr)
        return other
    return default


def _theme_message(theme: str, lang: str) -> str | None:
    """Odd input said plainly (empty, too long, another language), before any work starts.

    A theme the safety check will replace anyway (an injection, swearing) is not refused
    here: the book is made from the gentle theme, as in the app.
    """
    from .messages import child_message
    from .safety import MAX_THEME_CHARS, ThemeProblem, check_theme, theme_problem

    problem = theme_problem(theme, lang)
    if problem is None or (problem is not ThemeProblem.EMPTY and check_theme(theme, lang).replaced):
        return None
    detail = {
        ThemeProblem.EMPTY: "the theme is empty (nothing but spaces or invisible characters)",
        ThemeProblem.TOO_LONG: f"the theme is longer than {MAX_THEME_CHARS} characters",
        ThemeProblem.OTHER_LANGUAGE: f"the theme is not in the book's language ({lang}); "
        "use --lang to choose the other one",
    }[problem]
    return f"{detail}: {child_message(problem.value, lang)}"


def _list(args: argparse.Namespace) -> int:
    from .library import Library

    library = Library()
    try:
        for b in library.list_books():
            if b.problem:
                print(f"{b.id}  {'damaged':<9} {b.pages_done:>2}/? ", f"  [{b.problem}]")
                continue
            print(f"{b.id}  {b.status:<9} {b.pages_done:>2}/{b.page_count:<2} {b.lang}  {b.title}")
    finally:
        library.close()
    return EXIT_OK


def _remove(args: argparse.Namespace) -> int:
    from .library import Library, LibraryError

    library = Library()
    try:
        if not library.book_dir(args.book_id).is_dir():
            raise LibraryError(f"there is no book {args.book_id}")
        library.delete(args.book_id)
    finally:
        library.close()
    print(f"removed {args.book_id}")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from .service import Engine

    engine = Engine()
    try:
        if args.colouring:
            path = engine.export_colouring_pdf(args.book_id, args.out)
        else:
            path = engine.export_pdf(args.book_id, args.out)
    finally:
        engine.close()
    print(path)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:  # Ctrl-C outside a job (starting up, listing, exporting)
        _say("cancelled")
        return EXIT_CANCELLED


def _main(argv: list[str] | None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    for handler in logging.getLogger().handlers:
        handler.addFilter(ScrubSecrets())
    if args.home:
        from . import paths

        paths.set_base_dir(args.home)
    command = {"make-book": _make_book, "list": _list, "export": _export,
               "finish": _finish, "remove": _remove,
               "transcribe": run_transcribe, "doctor": doctor.main,
               "models": models_cli.main, "serve": serve.main,
               "parent": cli_parent.main}[args.command]  # fmt: skip
    return _guarded(command, args)


def _guarded(command: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Every failure is a documented exit code and one clear line, never a traceback."""
    from .export import ExportError
    from .library import LibraryError, ShelfWriteError

    try:
        return int(command(args))
    except (ExportError, ShelfWriteError) as exc:
        _say(str(exc))
        return EXIT_WRITE
    except LibraryError as exc:
        _say(str(exc))
        return EXIT_READ
    except OSError as exc:
        _say(f"a file could not be read or written: {exc}")
        return EXIT_WRITE
    except (UnicodeError, ValueError) as exc:
        _say(f"that input cannot be used: {exc}")
        return EXIT_USAGE
    except Exception as exc:
        log.debug("unexpected error", exc_info=True)
        _say(f"unexpected error: {exc!r} (run with -v for details)")
        return EXIT_FAILED
