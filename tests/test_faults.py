"""Issue #15's fault-injection edges on a real shelf: damage stays one row, index troubles are
told apart, stopped books are reconciled, keys are scrubbed. CLI-level cases: test_cli_faults.py.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from mounts import mount, tmpfs_at
from PIL import Image

from aibook_desktop.engine.book import Book, BookStatus, Hero, Page, Provenance, Theme
from aibook_desktop.engine.export import export_pdf
from aibook_desktop.engine.library import INDEX_FILE, IndexTrouble, Library, LibraryError


def make_book(title: str = "Kiki and the moon", pages: int = 4) -> Book:
    return Book(
        title=title,
        lang="en",
        hero=Hero.default("cat", "en"),
        theme=Theme("the moon"),
        pages=[Page(i, f"Page {i} text.", f"a cat, scene {i}") for i in range(pages)],
        page_count=pages,
    )


def prov() -> Provenance:
    return Provenance("test", "none", 1, created_at="2024-05-05T12:00:00+00:00")


def picture(size: int = 32) -> Image.Image:
    return Image.new("RGB", (size, size), (200, 120, 90))


def complete_book(lib: Library, title: str = "Kiki and the moon") -> Book:
    book = make_book(title)
    lib.save_book(book)
    for i in range(book.page_count):
        lib.save_page_image(book, i, picture(), prov())
    book.status = BookStatus.COMPLETE
    lib.save_book(book)
    return book


def write_raw(lib: Library, book: Book, mutate: object) -> None:
    """Rewrite one book.json on disk the way a bad disk, editor or old app might."""
    path = lib.book_dir(book.id) / "book.json"
    if isinstance(mutate, str):
        path.write_text(mutate, encoding="utf-8")
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    mutate(data)  # type: ignore[operator]
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture
def shelf(tmp_path: Path) -> Path:
    return tmp_path / "shelf"


# ---- 1. one bad book.json is one damaged row, never an empty shelf ----------------------------
@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda d: d.update(page_count=float("inf")), id="page_count-1e400"),
        pytest.param("RAW_OVERFLOW", id="raw-1e400"),
        pytest.param("RAW_NESTED", id="deeply-nested"),
        pytest.param("RAW_HUGE_INT", id="5000-digit-seed"),
    ],
)
def test_a_damaged_book_is_one_row_not_an_empty_shelf(shelf: Path, damage: object) -> None:
    with Library(shelf) as lib:
        good = complete_book(lib, "Good book")
        bad = complete_book(lib, "Bad book")
    path = shelf / "books" / bad.id / "book.json"
    text = path.read_text(encoding="utf-8")
    if damage == "RAW_OVERFLOW":
        path.write_text(text.replace('"page_count": 4', '"page_count": 1e400'), encoding="utf-8")
    elif damage == "RAW_HUGE_INT":
        data = json.loads(text)
        path.write_text(text.replace(f'"seed": {data["seed"]}', '"seed": 1' + "0" * 5000))
    elif damage == "RAW_NESTED":
        path.write_text('{"title": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    else:
        data = json.loads(text)
        damage(data)  # type: ignore[operator]
        path.write_text(json.dumps(data), encoding="utf-8")
    for _ in range(2):  # the first open rebuilds nothing; the second re-reads through the index
        with Library(shelf) as lib:
            rows = {s.id: s for s in lib.list_books()}
            assert set(rows) == {good.id, bad.id}
            assert rows[good.id].problem is None and rows[good.id].pages_done == 4
            assert rows[bad.id].problem
            assert rows[bad.id].pages_done <= rows[bad.id].page_count  # never "4/0"
            with pytest.raises(LibraryError, match="damaged"):
                lib.load(bad.id)
        (shelf / INDEX_FILE).unlink()  # and again through a full rebuild


def test_page_level_damage_is_a_placeholder_in_the_pdf(
    shelf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Library(shelf) as lib:
        book = complete_book(lib)
        write_raw(lib, book, lambda d: d["pages"][1].update(text=None, scene_prompt=7))
        write_raw(lib, book, lambda d: d["pages"][2].update(added_by_a_newer_app=True))
        (summary,) = lib.list_books()
        assert summary.problem is None  # an unknown key inside a page is not damage
        loaded = lib.load(book.id)
        assert loaded.pages[1].text == "" and loaded.pages[2].text == "Page 2 text."
        # page 4's picture is now "oversized": Pillow refuses it as a decompression bomb
        monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)
        out = export_pdf(loaded, lib.book_dir(book.id), tmp_path / "book.pdf")
    assert out.read_bytes().startswith(b"%PDF")


def test_pages_done_counts_only_pictures_that_open(shelf: Path) -> None:
    with Library(shelf) as lib:
        book = complete_book(lib)
        png = lib.book_dir(book.id) / "page-02.png"
        png.write_bytes(png.read_bytes()[:40])  # truncated by a full disk or a kill
        lib.save_book(book)  # any later save re-counts
        (summary,) = lib.list_books()
        assert summary.pages_done == 3
        assert not lib.has_picture(book, 1) and lib.has_picture(book, 0)


# ---- 2. only real corruption moves the index aside --------------------------------------------
def _aside(shelf: Path) -> list[Path]:
    return sorted(shelf.glob(f"{INDEX_FILE}.corrupt-*"))


def test_real_corruption_is_still_moved_aside(shelf: Path) -> None:
    with Library(shelf) as lib:
        book = complete_book(lib)
    (shelf / INDEX_FILE).write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        (shelf / (INDEX_FILE + suffix)).unlink(missing_ok=True)
    with Library(shelf) as lib:
        assert [s.id for s in lib.list_books()] == [book.id]
        assert lib.index_trouble is None
    assert len(_aside(shelf)) == 1


def test_an_unopenable_index_is_not_corruption(shelf: Path) -> None:
    """e.g. no permission, or a folder in its place: list from memory, keep the file."""
    with Library(shelf) as lib:
        book = complete_book(lib)
    for suffix in ("", "-wal", "-shm"):
        (shelf / (INDEX_FILE + suffix)).unlink(missing_ok=True)
    (shelf / INDEX_FILE).mkdir()  # sqlite: "unable to open database file"
    with Library(shelf) as lib:
        assert lib.index_trouble is IndexTrouble.READ_ONLY
        assert [s.id for s in lib.list_books()] == [book.id]
        second = make_book("Another")
        lib.save_book(second)  # the folders are the truth: saving still works
        assert {s.id for s in lib.list_books()} == {book.id, second.id}
    assert _aside(shelf) == [] and (shelf / INDEX_FILE).is_dir()


def test_a_locked_index_is_not_corruption(shelf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Library(shelf) as lib:
        book = complete_book(lib)
    for suffix in ("", "-wal", "-shm"):  # a fresh file, so opening it has to write the schema
        (shelf / (INDEX_FILE + suffix)).unlink(missing_ok=True)
    holder = sqlite3.connect(shelf / INDEX_FILE, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(Library, "BUSY_TIMEOUT_S", 0.2)
    try:
        with Library(shelf) as lib:
            assert lib.index_trouble is IndexTrouble.LOCKED
            assert [s.id for s in lib.list_books()] == [book.id]
    finally:
        holder.rollback()
        holder.close()
    assert _aside(shelf) == []


def test_right_version_wrong_schema_heals(shelf: Path) -> None:
    with Library(shelf) as lib:
        book = complete_book(lib)
    conn = sqlite3.connect(shelf / INDEX_FILE)
    conn.execute("DROP TABLE books")
    conn.execute("CREATE TABLE books (id TEXT PRIMARY KEY, title TEXT)")
    conn.commit()
    conn.close()
    with Library(shelf) as lib:
        assert [s.id for s in lib.list_books()] == [book.id]
    with Library(shelf) as lib:  # and stays healed
        assert [s.id for s in lib.list_books()] == [book.id]
    assert _aside(shelf) == []


_OPEN_ONE = """
import sys, time
from pathlib import Path
from aibook_desktop.engine.library import Library
start = float(sys.argv[2])
time.sleep(max(0.0, start - time.time()))
with Library(Path(sys.argv[1])) as lib:
    lib.list_books()
    print(lib.index_trouble)
"""


def test_processes_opening_a_fresh_shelf_at_once_never_quarantine_it(tmp_path: Path) -> None:
    """Before: 'table books already exists' moved the healthy index aside in 2 of 10 rounds."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    for round_ in range(6):
        shelf = tmp_path / f"shelf-{round_}"
        start = time.time() + 1.5  # all imports done, then all open at the same moment
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", _OPEN_ONE, str(shelf), str(start)],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(4)
        ]
        results = [p.communicate(timeout=60) for p in procs]
        assert [p.returncode for p in procs] == [0] * 4, [err for _, err in results]
        assert all("Traceback" not in err for _, err in results)
        assert _aside(shelf) == [], f"round {round_}: a healthy index was moved aside"


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    with tmpfs_at(tmp_path / "tmpfs", "4m") as where:
        yield where


def test_read_only_shelf_lists_and_refuses_saves_kindly(tmpfs: Path) -> None:
    shelf = tmpfs / "shelf"
    with Library(shelf) as lib:
        book = complete_book(lib)
    assert mount("-o", "remount,ro", str(tmpfs))
    with Library(shelf) as lib:
        assert [s.id for s in lib.list_books()] == [book.id]
        assert lib.index_trouble is not IndexTrouble.DAMAGED
        with pytest.raises(LibraryError, match="read-only"):
            lib.save_book(make_book("New"))
    assert _aside(shelf) == []
    with pytest.raises(LibraryError):
        Library(tmpfs / "never-made")  # the folder cannot be created: a clear error


def test_full_disk_while_writing_the_pdf_keeps_the_book(tmpfs: Path, tmp_path: Path) -> None:
    from aibook_desktop.engine.export import ExportError

    with Library(tmp_path / "shelf") as lib:
        book = complete_book(lib)
        (tmpfs / "filler").write_bytes(b"\0" * (4 * 1024 * 1024 - 8192))
        with pytest.raises(ExportError, match="disk is full"):
            export_pdf(book, lib.book_dir(book.id), tmpfs / "book.pdf")
        assert lib.load(book.id).status is BookStatus.COMPLETE
    assert not list(tmpfs.glob(".*.tmp"))


# ---- 4. stopped books and orphan temp files ---------------------------------------------------
def test_a_book_left_making_is_stopped_when_the_shelf_opens(shelf: Path) -> None:
    with Library(shelf) as lib:
        book = make_book()
        lib.save_book(book)  # status "making", and no live maker holds its claim
        assert lib.list_books()[0].status == "making"
    with Library(shelf) as lib:
        assert lib.list_books()[0].status == "stopped"
        assert lib.load(book.id).status is BookStatus.STOPPED


_HOLD = """
import sys
from pathlib import Path
from filelock import FileLock
claim = FileLock(Path(sys.argv[1]) / "locks" / (sys.argv[2] + ".lock"), timeout=0)
claim.acquire()  # what a live maker holds (jobs.py takes it through Library.try_lock)
print("held", flush=True)
sys.stdin.read()
"""


def test_a_book_whose_maker_is_alive_stays_making(shelf: Path) -> None:
    with Library(shelf) as lib:
        book = make_book()
        lib.save_book(book)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(shelf), book.id],
        env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with Library(shelf) as lib:
            assert lib.list_books()[0].status == "making"
            assert lib.try_lock(book.id) is None
    finally:
        holder.kill()  # kill -9: the OS lets go of its claim
        holder.wait()
    with Library(shelf) as lib:
        assert lib.list_books()[0].status == "stopped"


def test_orphan_temp_files_are_cleaned_at_every_open(shelf: Path) -> None:
    with Library(shelf) as lib:
        book = complete_book(lib)
    folder = shelf / "books" / book.id
    old, new = folder / ".book.json.abc.tmp", folder / ".page-01.png.def.tmp"
    for path in (old, new):
        path.write_bytes(b"half")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    with Library(shelf) as lib:  # the index is healthy: no rebuild, yet leftovers go
        assert lib.index_trouble is None
    assert not old.exists() and new.exists()  # a fresh one may belong to a live writer


# ---- 5. keys never stored in plain text -------------------------------------------------------
def test_a_key_in_an_error_is_never_stored(shelf: Path) -> None:
    key = "sk-proj-AbCdEf0123456789xyz"
    with Library(shelf) as lib:
        book = make_book()
        book.story_provenance = Provenance("openai", note=f"Incorrect API key provided: {key}")
        lib.save_book(book)
        text = (lib.book_dir(book.id) / "book.json").read_text(encoding="utf-8")
    assert key not in text and "[key removed]" in text


def test_finishing_a_book_someone_is_making_is_refused_and_keeps_it(shelf: Path) -> None:
    from aibook_desktop.engine.cancel import CancelToken
    from aibook_desktop.engine.events import Event, Failed
    from aibook_desktop.engine.jobs import BookMaker
    from aibook_desktop.engine.pictures import make_illustrator
    from aibook_desktop.engine.story import make_story_writer

    with Library(shelf) as lib:
        book = make_book()
        lib.save_book(book)
        claim = lib.try_lock(book.id)  # a live maker (here: this test) holds the book
        assert claim is not None
        maker = BookMaker(make_story_writer("offline"), make_illustrator("sketch"), lib)
        events: list[Event] = []
        assert maker.finish(book.id, events.append, CancelToken(), size=64) is None
        assert isinstance(events[-1], Failed) and "being made" in events[-1].reason
        assert lib.load(book.id).status is BookStatus.MAKING  # untouched, not removed
        claim.release()
        assert maker.finish(book.id, events.append, CancelToken(), size=64) is not None
        done = lib.load(book.id)
        assert done.status is BookStatus.COMPLETE
        assert all(lib.has_picture(done, i) for i in range(done.page_count))


# ---- review follow-ups --------------------------------------------------------------------------
def test_removing_a_book_that_is_being_made_is_refused_and_keeps_it(shelf: Path) -> None:
    from aibook_desktop.engine.library import BookBusy

    with Library(shelf) as lib:
        book = make_book()
        lib.save_book(book)
        claim = lib.try_lock(book.id)  # a maker (maybe another process) holds it
        assert claim is not None
        with pytest.raises(BookBusy):
            lib.delete(book.id)
        assert lib.book_dir(book.id).is_dir()
        claim.release()
        lib.delete(book.id)
        assert not lib.book_dir(book.id).exists()


def test_the_kiosk_log_loses_api_keys_and_a_percent_in_a_traceback_is_harmless(
    tmp_path: Path,
) -> None:
    import logging

    from aibook_desktop.engine.logs import redact
    from aibook_desktop.engine.scrub import ScrubSecrets, remember_secret

    remember_secret("kiosk-key-without-a-prefix-123")
    assert "kiosk-key-without" not in redact("server said: bad key kiosk-key-without-a-prefix-123")
    record = logging.LogRecord("t", logging.ERROR, __file__, 1, "page %d failed", (3,), None)
    try:
        raise RuntimeError("done 100% of %d pages, key sk-abcdefghijklmnopqrstuvwx")
    except RuntimeError:
        import sys

        record.exc_info = sys.exc_info()
    ScrubSecrets().filter(record)
    text = record.getMessage()  # must not raise on the '%' in the traceback
    assert "page 3 failed" in text and "sk-abcdefghij" not in text and "100% of" in text
