"""The bookshelf: one folder per book (the truth) plus a SQLite index (a cache that heals itself).

Every file is written atomically (temp file in the same folder, fsync, os.replace) and a page's
picture is always on disk before the book.json that names it, so a crash or power cut leaves the
previous state readable and never a book.json pointing at a missing picture.
"""

from __future__ import annotations

import contextlib
import errno
import io
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from filelock import FileLock, Timeout
from PIL import Image

from aibook_desktop.engine import paths
from aibook_desktop.engine.book import Book, BookFormatError, BookStatus, Provenance
from aibook_desktop.engine.fileio import WriteBytes, atomic_write_bytes, fsync_dir, plain_write
from aibook_desktop.engine.scrub import scrub_secrets

__all__ = [
    "INDEX_SCHEMA_VERSION",
    "BookBusy",
    "BookSummary",
    "IndexTrouble",
    "Library",
    "LibraryError",
    "ShelfWriteError",
]

log = logging.getLogger(__name__)

INDEX_SCHEMA_VERSION = 1
BOOK_FILE = "book.json"
INDEX_FILE = "library.sqlite3"
_ID_RE = re.compile(r"^[0-9a-fA-F][0-9a-fA-F-]{3,63}$")  # uuid4().hex[:12], full uuids, ...
_STALE_TEMP_S = 120  # temp files older than this are leftovers of a killed writer (a write
# takes well under a second; a PDF is built in memory before its temp file is opened)
LOCKS_DIR = "locks"


class LibraryError(Exception):
    """A problem with one book (missing, damaged, disk full); never fatal to the whole shelf."""


class BookBusy(LibraryError):
    """Another job (maybe another process) is making this book right now: leave it alone."""


class ShelfWriteError(LibraryError):
    """Nothing could be written (disk full, read-only folder); what was saved before is kept."""


class IndexTrouble(StrEnum):
    """Why the index could not be opened; only DAMAGED moves it aside (it may be rebuilt)."""

    LOCKED = "locked"  # another process holds it longer than the busy timeout
    READ_ONLY = "read_only"  # a read-only or unreachable folder, or no permission
    DAMAGED = "damaged"  # SQLite says the file is corrupt or not a database


class _QuickCheckFailed(sqlite3.DatabaseError):
    pass


def _trouble(exc: sqlite3.Error) -> IndexTrouble:
    """Tell a locked, read-only and damaged index apart by SQLite's own error code."""
    if isinstance(exc, _QuickCheckFailed):
        return IndexTrouble.DAMAGED
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return IndexTrouble.DAMAGED
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return IndexTrouble.LOCKED
    return IndexTrouble.READ_ONLY


@dataclass(frozen=True)
class BookSummary:
    """What the shelf screen shows for one book; ``problem`` is set when its folder is damaged."""

    id: str
    title: str
    lang: str
    hero_kind: str
    status: str  # a BookStatus value
    page_count: int
    pages_done: int  # pages that have a saved picture
    cover_path: Path | None  # page-01.png if it exists
    created_at: str
    updated_at: str
    problem: str | None = None


def _page_file_name(index: int) -> str:
    return f"page-{index + 1:02d}.png"


def _iso_from_mtime(path: Path) -> str:
    try:
        stamp = path.stat().st_mtime
    except OSError:
        stamp = time.time()
    return datetime.fromtimestamp(stamp, UTC).isoformat(timespec="seconds")


_SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS books (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    lang TEXT NOT NULL,
    hero_kind TEXT NOT NULL,
    status TEXT NOT NULL,
    page_count INTEGER NOT NULL,
    pages_done INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    problem TEXT,
    json_stat TEXT           -- book.json's inode:mtime:size when indexed; a change means re-read
)""",
    "CREATE INDEX IF NOT EXISTS books_newest ON books (created_at DESC, updated_at DESC)",
)

# Migration hook: _MIGRATIONS[v] upgrades an index at version v to v + 1.
_MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {}

_SUMMARY_COLUMNS = (
    "id, title, lang, hero_kind, status, page_count, pages_done, created_at, updated_at, problem"
)
_NEWEST_FIRST = "created_at DESC, updated_at DESC, id"
_COLUMNS = f"{_SUMMARY_COLUMNS}, json_stat"

_PLACEHOLDERS = ", ".join("?" * len(_COLUMNS.split(",")))
_COLUMN_NAMES = [c.strip() for c in _COLUMNS.split(",")]


class Library:
    """The shelf on disk; safe to share between threads, and several may open the same root."""

    BUSY_TIMEOUT_S = 10.0  # how long to wait for another process's write before "locked"

    def __init__(self, root: Path | None = None, *, write_bytes: WriteBytes | None = None) -> None:
        self.root = Path(root) if root is not None else paths.data_dir()
        self.books_root = self.root / "books"
        try:
            self.books_root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(f"the shelf folder {self.books_root} cannot be made: {exc}") from exc
        self.index_path = self.root / INDEX_FILE
        self._write_bytes: WriteBytes = write_bytes or plain_write
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self.index_trouble: IndexTrouble | None = None  # set when the index lives in memory
        self._open_index()
        self.reconcile_stopped()

    # ---- index lifecycle --------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self.index_path, timeout=self.BUSY_TIMEOUT_S, check_same_thread=False
        )
        try:
            mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                log.warning("library index is not in WAL mode (%s); continuing", mode)
            conn.execute("PRAGMA synchronous=NORMAL")
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise _QuickCheckFailed(f"quick_check: {check}")
            self._migrate(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    @staticmethod
    def _schema_ok(conn: sqlite3.Connection) -> bool:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(books)").fetchall()]
        return columns == _COLUMN_NAMES

    def _migrate(self, conn: sqlite3.Connection) -> bool:
        """Bring the index schema up to date; True when it was (re)created empty.

        Race-free: the version is read again inside BEGIN IMMEDIATE (one writer at a time), so
        two processes opening a fresh shelf at once create the table once, not twice.
        """
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version == INDEX_SCHEMA_VERSION and self._schema_ok(conn):
            return False
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            fresh = False
            if version == INDEX_SCHEMA_VERSION and self._schema_ok(conn):
                pass  # another process finished it while we waited
            elif 0 < version < INDEX_SCHEMA_VERSION and version in _MIGRATIONS:
                while version < INDEX_SCHEMA_VERSION:
                    _MIGRATIONS[version](conn)
                    version += 1
                    conn.execute(f"PRAGMA user_version={version}")
            else:
                # New, from the future, unknown or the wrong shape: it is only a cache.
                conn.execute("DROP TABLE IF EXISTS books")
                for statement in _SCHEMA:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version={INDEX_SCHEMA_VERSION}")
                fresh = True
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
        return fresh

    def _open_index(self) -> None:
        fresh = not self.index_path.exists()
        try:
            self._conn = self._connect()
        except sqlite3.Error as exc:
            trouble = _trouble(exc)
            if trouble is IndexTrouble.DAMAGED:
                self._move_index_aside(exc)
                fresh = True
                try:
                    self._conn = self._connect()
                except sqlite3.Error as again:
                    self._use_memory_index(_trouble(again), again)
            else:
                self._use_memory_index(trouble, exc)
                fresh = True
        if fresh or self._index_is_empty():
            self.rebuild_index()
        else:
            self._clean_leftovers()

    def _move_index_aside(self, exc: BaseException) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        aside = self.index_path.with_name(f"{INDEX_FILE}.corrupt-{stamp}")
        log.warning("library index is damaged (%s); moving it to %s and rebuilding", exc, aside)
        for suffix in ("", "-wal", "-shm"):
            src = self.index_path.with_name(INDEX_FILE + suffix)
            try:
                os.replace(src, aside.with_name(aside.name + suffix))
            except FileNotFoundError:
                continue
            except OSError as err:
                log.warning("could not move %s aside: %s", src, err)

    def _use_memory_index(self, trouble: IndexTrouble, exc: BaseException) -> None:
        """The folders are the truth: without a usable index file, index them in memory (books
        can still be listed, read and exported; saving fails book by book with a clear reason)."""
        log.warning("library index unusable (%s: %s); indexing the shelf in memory", trouble, exc)
        self.index_trouble = trouble
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        for statement in _SCHEMA:
            conn.execute(statement)
        self._conn = conn

    def _index_is_empty(self) -> bool:
        with self._lock:
            return self._db().execute("SELECT 1 FROM books LIMIT 1").fetchone() is None

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise LibraryError("the library is closed")
        return self._conn

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- paths ------------------------------------------------------------------------------
    def book_dir(self, book_id: str) -> Path:
        """The folder of one book; the id is checked so it can never point outside the shelf."""
        if not isinstance(book_id, str) or not _ID_RE.fullmatch(book_id):
            raise LibraryError(f"not a valid book id: {book_id!r}")
        return self.books_root / book_id

    def _book_ids_on_disk(self) -> Iterator[str]:
        with os.scandir(self.books_root) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False) and _ID_RE.fullmatch(entry.name):
                    yield entry.name

    # ---- writing ----------------------------------------------------------------------------
    def _write(self, path: Path, data: bytes, what: str) -> None:
        try:
            atomic_write_bytes(path, data, self._write_bytes)
        except OSError as exc:
            raise _save_error(exc, what) from exc

    def save_book(self, book: Book) -> None:
        """Write book.json atomically, then update the index (a failed index write only logs)."""
        folder = self.book_dir(book.id)
        book.touch()
        # A server that echoes the API key in an error must not get it stored in plain text.
        data = scrub_secrets(book.to_json()).encode("utf-8", errors="replace")
        if not folder.is_dir():
            self._create_book_dir(folder, data)
        else:
            self._write(folder / BOOK_FILE, data, f"the book {book.title!r}")
        self._index_book(book, folder)

    def _create_book_dir(self, folder: Path, data: bytes) -> None:
        """Create the folder with its book.json in one rename, so a crash never leaves it empty."""
        try:
            staging = Path(tempfile.mkdtemp(prefix=f".new-{folder.name}-", dir=self.books_root))
        except OSError as exc:
            raise _save_error(exc, "a new book") from exc
        try:
            self._write(staging / BOOK_FILE, data, "a new book")
            try:
                os.rename(staging, folder)
            except OSError:
                if not folder.is_dir():  # not a lost race with another writer
                    raise
                self._write(folder / BOOK_FILE, data, "a new book")
        except OSError as exc:
            raise LibraryError(f"could not create the book folder: {exc}") from exc
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        fsync_dir(self.books_root)

    def save_page_image(
        self, book: Book, index: int, image: Image.Image, provenance: Provenance
    ) -> Path:
        """Save one page's picture, then the book.json that names it (picture first: crash-safe)."""
        page = book.page(index)
        if page is None:
            raise LibraryError(f"the book {book.id} has no page {index}")
        folder = self.book_dir(book.id)
        if not (folder / BOOK_FILE).is_file():
            self.save_book(book)
        buf = io.BytesIO()
        image.save(buf, format="PNG")
        name = _page_file_name(index)
        self._write(folder / name, buf.getvalue(), f"picture {index + 1}")
        before = (page.image_file, page.image_provenance)
        page.image_file, page.image_provenance = name, provenance
        try:
            self.save_book(book)
        except LibraryError:
            page.image_file, page.image_provenance = before
            raise
        return folder / name

    def has_picture(self, book: Book, index: int) -> bool:
        """The page has a saved picture that still opens (what finishing a book skips)."""
        page = book.page(index)
        if page is None or not page.image_file:
            return False
        return _decodable(self.book_dir(book.id) / Path(page.image_file).name)

    # ---- reading ----------------------------------------------------------------------------
    def load(self, book_id: str) -> Book:
        folder = self.book_dir(book_id)
        try:
            text = (folder / BOOK_FILE).read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise LibraryError(f"there is no book {book_id}") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise LibraryError(f"the book {book_id} cannot be read: {exc}") from exc
        try:
            book = Book.from_json(text)
        except (BookFormatError, RecursionError, OverflowError, MemoryError) as exc:
            raise LibraryError(f"the book {book_id} is damaged: {exc}") from exc
        if book.id != book_id:
            raise LibraryError(f"the folder {book_id} holds another book ({book.id})")
        return book

    def list_books(self) -> list[BookSummary]:
        """Newest first. Cheap: book.json is re-read only when its stat differs from the index."""
        self._sync()
        with self._lock:
            rows = (
                self._db()
                .execute(f"SELECT {_SUMMARY_COLUMNS} FROM books ORDER BY {_NEWEST_FIRST}")
                .fetchall()
            )
        out = []
        for row in rows:  # the columns are in BookSummary order, less cover_path
            cover = self.books_root / row[0] / _page_file_name(0)
            fields = [*row[:7], cover if cover.is_file() else None, *row[7:]]
            out.append(BookSummary(*fields))
        return out

    def delete(self, book_id: str) -> None:
        """Remove a book; renamed aside first so a crash mid-delete never leaves half a book.

        A book some job is still making is refused (``BookBusy``): removing it under the maker
        would let its next save bring back half a book."""
        claim = self.try_lock(book_id)
        if claim is None:
            raise BookBusy(f"the book {book_id} is being made right now")
        try:
            self._delete(book_id)
        finally:
            claim.release()

    def _delete(self, book_id: str) -> None:
        folder = self.book_dir(book_id)
        if folder.is_dir():
            trash = self.books_root / f".trash-{book_id}-{time.time_ns()}"
            try:
                os.rename(folder, trash)
            except OSError as exc:
                raise LibraryError(f"could not delete the book {book_id}: {exc}") from exc
            shutil.rmtree(trash, ignore_errors=True)
        with contextlib.suppress(OSError):  # a stale lock file is harmless
            self._lock_path(book_id).unlink(missing_ok=True)
        with self._lock, self._db() as conn:
            conn.execute("DELETE FROM books WHERE id = ?", (book_id,))

    # ---- books being made -------------------------------------------------------------------
    def _lock_path(self, book_id: str) -> Path:
        self.book_dir(book_id)  # checks the id
        return self.root / LOCKS_DIR / f"{book_id}.lock"

    def try_lock(self, book_id: str) -> FileLock | None:
        """The maker's claim on a book, held while it is being made (an OS lock, so a killed
        process lets go at once); None when another process or job holds it."""
        path = self._lock_path(book_id)
        try:
            path.parent.mkdir(exist_ok=True)
            lock = FileLock(path, timeout=0)
            lock.acquire()
        except Timeout:
            return None
        except OSError as exc:  # a read-only shelf: nothing can be made or finished here
            raise _save_error(exc, "a new book") from exc
        return lock

    def reconcile_stopped(self) -> list[str]:
        """Books left in ``making`` by a process that died become ``stopped`` (a parent can
        finish or remove them); a book whose maker still runs keeps its lock and is left be."""
        try:
            with self._lock:
                making = [
                    row[0]
                    for row in self._db()
                    .execute("SELECT id FROM books WHERE status = ?", (BookStatus.MAKING.value,))
                    .fetchall()
                ]
        except sqlite3.Error as exc:
            log.warning("could not look for stopped books: %s", exc)
            return []
        stopped = []
        for book_id in making:
            try:
                lock = self.try_lock(book_id)
            except LibraryError:
                continue  # read-only: it shows as it is
            if lock is None:
                continue  # its maker is alive
            try:
                book = self.load(book_id)
                if book.status is BookStatus.MAKING:
                    book.status = BookStatus.STOPPED
                    self.save_book(book)
                    stopped.append(book_id)
            except LibraryError as exc:
                log.warning("could not mark the book %s as stopped: %s", book_id, exc)
            finally:
                lock.release()
        if stopped:
            log.info("%d book(s) stopped while being made: %s", len(stopped), ", ".join(stopped))
        return stopped

    # ---- index maintenance ------------------------------------------------------------------
    def rebuild_index(self) -> int:
        """Re-scan every folder into a fresh index; returns how many books (damaged included)."""
        self._clean_leftovers()
        rows = [self._row_from_disk(book_id) for book_id in self._book_ids_on_disk()]
        with self._lock, self._db() as conn:
            conn.execute("DELETE FROM books")
            conn.executemany(f"INSERT INTO books ({_COLUMNS}) VALUES ({_PLACEHOLDERS})", rows)
        log.info("library index rebuilt: %d books", len(rows))
        return len(rows)

    def _sync(self) -> None:
        """Make the index agree with the folders: drop vanished books, re-read changed ones."""
        with self._lock:
            known = dict(self._db().execute("SELECT id, json_stat FROM books").fetchall())
        on_disk = set(self._book_ids_on_disk())
        stale = [b for b in on_disk if known.get(b) != self._json_stat(b)]
        gone = [(book_id,) for book_id in known if book_id not in on_disk]
        if not stale and not gone:
            return
        rows = [self._row_from_disk(book_id) for book_id in stale]
        try:
            with self._lock, self._db() as conn:
                conn.executemany("DELETE FROM books WHERE id = ?", gone)
                conn.executemany(
                    f"INSERT OR REPLACE INTO books ({_COLUMNS}) VALUES ({_PLACEHOLDERS})", rows
                )
        except sqlite3.Error as exc:
            log.warning("could not update the library index: %s", exc)

    def _json_stat(self, book_id: str) -> str:
        """Every save is a new file (os.replace), so the inode changes even when mtime can't."""
        try:
            st = (self.books_root / book_id / BOOK_FILE).stat()
        except OSError:
            return "missing"
        return f"{st.st_ino}:{st.st_mtime_ns}:{st.st_size}"

    def _index_book(self, book: Book, folder: Path) -> None:
        try:
            with self._lock, self._db() as conn:
                conn.execute(
                    f"INSERT OR REPLACE INTO books ({_COLUMNS}) VALUES ({_PLACEHOLDERS})",
                    _row_from_book(book, folder, self._json_stat(book.id)),
                )
        except sqlite3.Error as exc:  # the folder is the truth; the next list_books heals this
            log.warning("could not index the book %s: %s", book.id, exc)

    def _row_from_disk(self, book_id: str) -> tuple[object, ...]:
        """One row per folder, whatever is inside: a damaged book is a damaged row, never an
        empty shelf (so anything at all that reading it raises becomes its ``problem``)."""
        folder = self.books_root / book_id
        stat = self._json_stat(book_id)
        try:
            return _row_from_book(self.load(book_id), folder, stat)
        except Exception as exc:
            problem = str(exc) if isinstance(exc, LibraryError) else f"cannot be read: {exc!r}"
            if not (folder / BOOK_FILE).exists():
                problem = f"the book {book_id} has no book.json"
        log.warning("damaged book on the shelf: %s", problem)
        done = sum(1 for p in folder.glob("page-[0-9][0-9].png") if _decodable(p))
        when = _iso_from_mtime(folder)
        status = BookStatus.FAILED.value
        # page_count is unknown: never show more pages done than pages ("4/0")
        return (book_id, book_id, "", "", status, done, done, when, when, problem[:500], stat)

    def _clean_leftovers(self) -> None:
        """Remove temp files and half-deleted folders that a killed process left behind."""
        cutoff = time.time() - _STALE_TEMP_S
        for path in self.books_root.glob(".*"):
            try:
                if path.is_dir() and path.name.startswith(".trash-"):
                    shutil.rmtree(path, ignore_errors=True)
                elif path.stat().st_mtime < cutoff:
                    if path.is_dir():
                        shutil.rmtree(path, ignore_errors=True)
                    else:
                        path.unlink(missing_ok=True)
            except OSError:
                continue
        for tmp in self.books_root.glob("*/.*.tmp"):
            try:
                if tmp.stat().st_mtime < cutoff:
                    tmp.unlink(missing_ok=True)
            except OSError:
                continue


def _save_error(exc: OSError, what: str) -> ShelfWriteError:
    """A kind, specific reason: a full disk and a read-only shelf need different help."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return ShelfWriteError(
            f"The disk is full: could not save {what}. The book is kept as it was; "
            "free some space and try again."
        )
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ShelfWriteError(
            f"The shelf is read-only: could not save {what}. Nothing was changed."
        )
    return ShelfWriteError(f"could not save {what}: {exc}")


def _decodable(path: Path) -> bool:
    """A picture counts only when it opens (a truncated or oversized PNG is a missing page)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                im.verify()
    except Exception:
        return False
    return True


def _row_from_book(book: Book, folder: Path, stat: str) -> tuple[object, ...]:
    done = sum(
        1 for p in book.pages if p.image_file and _decodable(folder / Path(p.image_file).name)
    )
    head = (book.id, book.title, book.lang, book.hero.kind.value, book.status.value)
    return (*head, book.page_count, done, book.created_at, book.updated_at, None, stat)
