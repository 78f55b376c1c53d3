"""The bookshelf: atomic saves, a self-healing index, damaged books shown not fatal, kill -9 safety."""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

import pytest
from PIL import Image

from aibook_desktop.engine.book import Book, BookStatus, Hero, Page, Provenance, Theme
from aibook_desktop.engine.library import INDEX_SCHEMA_VERSION, Library, LibraryError

TEXTS = [
    "고양이 키키는 달나라에 가고 싶었어요.",
    "키키는 종이 상자로 로켓을 만들었어요.",
    "하나, 둘, 셋! 로켓이 하늘로 날아올랐어요.",
    "별들이 반짝반짝 인사했어요.",
]


def make_book(title: str = "키키의 달나라 여행", pages: int = 4, **kw: object) -> Book:
    book = Book(
        title=title,
        lang="ko",
        hero=Hero.default("cat", "ko"),
        theme=Theme("달나라"),
        pages=[Page(i, TEXTS[i % len(TEXTS)], f"a cat, scene {i}") for i in range(pages)],
        page_count=pages,
        **kw,  # type: ignore[arg-type]
    )
    return book


def picture(seed: int, size: int = 32) -> Image.Image:
    return Image.new("RGB", (size, size), (seed * 37 % 256, seed * 11 % 256, 120))


def prov(seed: int = 1) -> Provenance:
    return Provenance("test", "none", seed, created_at="2024-05-05T12:00:00+00:00")


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    library = Library(tmp_path / "shelf")
    yield library  # type: ignore[misc]
    library.close()


def test_default_root_is_the_data_dir(aibook_home: Path) -> None:
    with Library() as library:
        assert library.root == aibook_home / "data"
        assert (aibook_home / "data" / "library.sqlite3").is_file()


def test_round_trip_save_and_load(lib: Library) -> None:
    book = make_book()
    lib.save_book(book)
    path = lib.save_page_image(book, 0, picture(3), prov(3))
    assert path == lib.book_dir(book.id) / "page-01.png"
    assert book.pages[0].image_file == "page-01.png"
    loaded = lib.load(book.id)
    assert loaded == book
    assert loaded.pages[0].image_provenance == prov(3)
    with Image.open(path) as im:
        assert im.size == (32, 32)


def test_index_is_wal_with_schema_version(lib: Library) -> None:
    conn = sqlite3.connect(lib.index_path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == INDEX_SCHEMA_VERSION
    finally:
        conn.close()


def test_list_newest_first_with_progress_and_cover(lib: Library) -> None:
    old = make_book("옛날 책", created_at="2024-01-01T10:00:00+00:00")
    new = make_book("새 책", created_at="2024-03-01T10:00:00+00:00")
    mid = make_book("중간 책", created_at="2024-02-01T10:00:00+00:00")
    for b in (old, new, mid):
        lib.save_book(b)
    assert [s.title for s in lib.list_books()] == ["새 책", "중간 책", "옛날 책"]

    (summary,) = [s for s in lib.list_books() if s.id == new.id]
    assert (summary.pages_done, summary.cover_path, summary.problem) == (0, None, None)
    assert (summary.lang, summary.hero_kind, summary.status) == ("ko", "cat", "making")
    lib.save_page_image(new, 1, picture(1), prov())
    (summary,) = [s for s in lib.list_books() if s.id == new.id]
    assert (summary.pages_done, summary.cover_path) == (1, None)
    lib.save_page_image(new, 0, picture(2), prov())
    new.status = BookStatus.COMPLETE
    lib.save_book(new)
    (summary,) = [s for s in lib.list_books() if s.id == new.id]
    assert summary.pages_done == 2
    assert summary.cover_path == lib.book_dir(new.id) / "page-01.png"
    assert summary.status == "complete"


def test_another_library_object_sees_writes(lib: Library) -> None:
    reader = Library(lib.root)
    try:
        assert reader.list_books() == []
        book = make_book()
        lib.save_book(book)
        lib.save_page_image(book, 0, picture(1), prov())
        (summary,) = reader.list_books()
        assert (summary.id, summary.pages_done) == (book.id, 1)
    finally:
        reader.close()


def test_engine_thread_writes_while_ui_thread_reads(lib: Library) -> None:
    book = make_book()
    lib.save_book(book)
    reader = Library(lib.root)
    errors: list[BaseException] = []

    def write() -> None:
        try:
            for n in range(12):
                lib.save_page_image(book, n % 4, picture(n), prov(n))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    writer = threading.Thread(target=write)
    writer.start()
    while writer.is_alive():
        summaries = reader.list_books()
        assert [s.id for s in summaries] == [book.id]
        assert summaries[0].problem is None
    writer.join()
    reader.close()
    assert errors == []
    assert lib.list_books()[0].pages_done == 4


def test_delete(lib: Library) -> None:
    keep, gone = make_book("남는 책"), make_book("지울 책")
    lib.save_book(keep)
    lib.save_book(gone)
    lib.save_page_image(gone, 0, picture(1), prov())
    lib.delete(gone.id)
    assert not lib.book_dir(gone.id).exists()
    assert [s.id for s in lib.list_books()] == [keep.id]
    with pytest.raises(LibraryError):
        lib.load(gone.id)
    lib.delete(gone.id)  # deleting twice is harmless
    assert list(lib.books_root.iterdir()) == [lib.book_dir(keep.id)]


def test_damaged_books_are_listed_with_a_problem(lib: Library) -> None:
    good, bad = make_book("좋은 책"), make_book("망가진 책")
    lib.save_book(good)
    lib.save_book(bad)
    lib.save_page_image(bad, 0, picture(1), prov())
    (lib.book_dir(bad.id) / "book.json").write_text('{"title": "망가', encoding="utf-8")
    empty_id = "abcdef012345"
    lib.book_dir(empty_id).mkdir()

    summaries = {s.id: s for s in lib.list_books()}
    assert set(summaries) == {good.id, bad.id, empty_id}
    assert summaries[good.id].problem is None
    assert summaries[bad.id].problem and "damaged" in summaries[bad.id].problem
    assert summaries[bad.id].cover_path == lib.book_dir(bad.id) / "page-01.png"
    assert summaries[empty_id].problem and "book.json" in summaries[empty_id].problem
    with pytest.raises(LibraryError, match="damaged"):
        lib.load(bad.id)
    with pytest.raises(LibraryError, match="no book"):
        lib.load(empty_id)
    assert lib.load(good.id).title == "좋은 책"


def test_odd_json_shapes_are_a_problem_not_a_crash(lib: Library) -> None:
    book = make_book()
    lib.save_book(book)
    path = lib.book_dir(book.id) / "book.json"
    for pages in ([1], "many", [{"index": "x"}]):
        data = json.loads(path.read_text("utf-8"))
        data["pages"] = pages
        path.write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(LibraryError, match="damaged"):
            lib.load(book.id)
        (summary,) = lib.list_books()
        assert summary.problem and "damaged" in summary.problem


def test_book_json_of_another_book_is_a_problem(lib: Library) -> None:
    a, b = make_book("A"), make_book("B")
    lib.save_book(a)
    lib.save_book(b)
    (lib.book_dir(b.id) / "book.json").write_bytes((lib.book_dir(a.id) / "book.json").read_bytes())
    with pytest.raises(LibraryError, match="another book"):
        lib.load(b.id)
    assert {s.id: s.problem is not None for s in lib.list_books()} == {a.id: False, b.id: True}


def test_rows_of_vanished_folders_are_dropped(lib: Library) -> None:
    a, b = make_book("A"), make_book("B")
    lib.save_book(a)
    lib.save_book(b)
    assert len(lib.list_books()) == 2
    for f in lib.book_dir(b.id).iterdir():
        f.unlink()
    lib.book_dir(b.id).rmdir()
    assert [s.id for s in lib.list_books()] == [a.id]
    conn = sqlite3.connect(lib.index_path)
    try:
        assert [r[0] for r in conn.execute("SELECT id FROM books")] == [a.id]
    finally:
        conn.close()


def test_corrupt_index_is_moved_aside_and_rebuilt(tmp_path: Path) -> None:
    root = tmp_path / "shelf"
    with Library(root) as first:
        book = make_book()
        first.save_book(book)
        first.save_page_image(book, 0, picture(1), prov())
    for suffix in ("-wal", "-shm"):
        (root / f"library.sqlite3{suffix}").unlink(missing_ok=True)
    (root / "library.sqlite3").write_bytes(b"this is not a database at all" * 200)
    with Library(root) as second:
        (summary,) = second.list_books()
        assert (summary.id, summary.pages_done, summary.problem) == (book.id, 1, None)
    assert len(list(root.glob("library.sqlite3.corrupt-*"))) == 1


def test_missing_index_is_rebuilt(tmp_path: Path) -> None:
    root = tmp_path / "shelf"
    with Library(root) as first:
        books = [make_book(f"책 {n}") for n in range(3)]
        for b in books:
            first.save_book(b)
    for f in root.glob("library.sqlite3*"):
        f.unlink()
    with Library(root) as second:
        assert {s.id for s in second.list_books()} == {b.id for b in books}
        assert second.rebuild_index() == 3


def test_index_from_the_future_is_recreated(tmp_path: Path) -> None:
    root = tmp_path / "shelf"
    with Library(root) as first:
        book = make_book()
        first.save_book(book)
    conn = sqlite3.connect(root / "library.sqlite3")
    conn.execute("PRAGMA user_version=99")
    conn.close()
    with Library(root) as second:
        assert [s.id for s in second.list_books()] == [book.id]


@pytest.mark.parametrize(
    "bad_id", ["", "..", "../etc", "abcd/../..", "/etc/passwd", "a\\b", "abc", "xyz123", "abcd\x00"]
)
def test_unsafe_book_ids_are_rejected(lib: Library, bad_id: str) -> None:
    with pytest.raises(LibraryError, match="not a valid book id"):
        lib.book_dir(bad_id)
    with pytest.raises(LibraryError):
        lib.load(bad_id)
    with pytest.raises(LibraryError):
        lib.delete(bad_id)
    with pytest.raises(LibraryError):
        lib.save_book(make_book(id=bad_id))
    assert list(lib.books_root.iterdir()) == []
    assert sorted(p.name for p in lib.root.iterdir() if p.is_dir()) == ["books"]


class FullDisk:
    """The file-write edge: writes half the bytes then fails like a full disk would."""

    def __init__(self) -> None:
        self.full = False

    def __call__(self, f: IO[bytes], data: bytes) -> None:
        if self.full:
            f.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        f.write(data)


def test_full_disk_keeps_previous_files(tmp_path: Path) -> None:
    disk = FullDisk()
    lib = Library(tmp_path / "shelf", write_bytes=disk)
    book = make_book()
    lib.save_book(book)
    lib.save_page_image(book, 0, picture(1), prov(1))
    lib.save_page_image(book, 1, picture(2), prov(2))
    folder = lib.book_dir(book.id)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert set(before) == {"book.json", "page-01.png", "page-02.png"}

    disk.full = True
    with pytest.raises(LibraryError, match="disk is full"):
        lib.save_page_image(book, 0, picture(9), prov(9))  # redraw an existing page
    with pytest.raises(LibraryError, match="disk is full"):
        lib.save_page_image(book, 2, picture(3), prov(3))  # a new page
    book.title = "바뀐 제목"
    with pytest.raises(LibraryError, match="disk is full"):
        lib.save_book(book)

    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # no temp files either
    assert book.pages[0].image_provenance == prov(1)
    assert book.pages[2].image_file is None
    lib.close()
    with Library(tmp_path / "shelf") as fresh:
        loaded = fresh.load(book.id)
        assert loaded.title == "키키의 달나라 여행"
        assert [p.image_file for p in loaded.pages] == ["page-01.png", "page-02.png", None, None]


def test_full_disk_when_creating_a_book_leaves_nothing(tmp_path: Path) -> None:
    disk = FullDisk()
    disk.full = True
    with Library(tmp_path / "shelf", write_bytes=disk) as lib:
        with pytest.raises(LibraryError, match="disk is full"):
            lib.save_book(make_book())
        assert list(lib.books_root.iterdir()) == []
        assert lib.list_books() == []


# A writer that saves pictures and book.json over and over until it is killed. Its disk is slow
# (small chunks with pauses) so that a kill usually lands in the middle of writing a file.
_WRITER = """
import os, sys, time
from pathlib import Path
from PIL import Image
from aibook_desktop.engine.book import Book, Hero, Page, Provenance, Theme
from aibook_desktop.engine.library import Library, LibraryError

def slow_write(f, data):
    for start in range(0, len(data), 512):
        f.write(data[start : start + 512])
        f.flush()
        time.sleep(0.0002)

root, book_id = Path(sys.argv[1]), sys.argv[2]
lib = Library(root, write_bytes=slow_write)
try:
    book = lib.load(book_id)
except LibraryError:
    pages = [Page(i, "고양이 키키는 달나라에 가고 싶었어요.", "a cat") for i in range(8)]
    book = Book("키키", "ko", Hero.default("cat"), Theme("달"), pages=pages, id=book_id)
    lib.save_book(book)
(root / "started").write_text("go")
n = 0
while True:
    i = n % 8
    image = Image.frombytes("RGB", (48, 48), os.urandom(48 * 48 * 3))
    lib.save_page_image(book, i, image, Provenance("test", seed=n))
    book.title = f"키키 {n}"
    lib.save_book(book)
    n += 1
    print(n, flush=True)
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX-only")
def test_kill_9_mid_save_leaves_a_readable_shelf(tmp_path: Path) -> None:
    root = tmp_path / "shelf"
    root.mkdir()
    book_id = "0123456789ab"
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    rng = random.Random(1234)
    for saves_before_kill in (0, 1, 4, 9, 23):
        (root / "started").unlink(missing_ok=True)
        proc = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(root), book_id],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        try:
            deadline = time.monotonic() + 60
            while not (root / "started").exists():
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "the writer never started"
                time.sleep(0.01)
            for _ in range(saves_before_kill):
                assert proc.stdout is not None
                assert proc.stdout.readline(), proc.stderr.read() if proc.stderr else ""
            time.sleep(rng.uniform(0.0, 0.01))  # somewhere inside the next save
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            for stream in (proc.stdout, proc.stderr):
                if stream is not None:
                    stream.close()
        assert proc.returncode == -signal.SIGKILL

        with Library(root) as fresh:
            (summary,) = fresh.list_books()
            assert (summary.id, summary.problem) == (book_id, None)
            book = fresh.load(book_id)
            raw = json.loads((fresh.book_dir(book_id) / "book.json").read_text("utf-8"))
            named = [p["image_file"] for p in raw["pages"] if p["image_file"]]
            assert [p.image_file for p in book.pages if p.image_file] == named
            for name in named:
                with Image.open(fresh.book_dir(book_id) / name) as im:
                    im.load()  # a complete, decodable PNG
            assert summary.pages_done == len(named)
            conn = sqlite3.connect(fresh.index_path)
            try:
                assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            finally:
                conn.close()
