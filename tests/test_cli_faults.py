"""Issue #15 through the real CLI process: every failure is a documented exit code and one clear
line (never a traceback), Ctrl-C never loses the PDF, stopped books can be finished or removed,
and an echoed API key is never stored or printed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_openai import FakeOpenAI, Reply, StoryBrain, make_plan
from mounts import mount, tmpfs_at

from aibook_desktop.engine.cli import ExitCode

CLI = [sys.executable, "-m", "aibook_desktop.engine"]
MAKE = ["make-book", "--hero", "cat", "--lang", "en", "--pages", "4", "--size", "64"]


def _env(home: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "AIBOOK_HOME": str(home), "OMP_NUM_THREADS": "1", **extra}


def _run(
    args: list[str | bytes], home: Path, timeout: float = 120, **env: str
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        CLI + args, capture_output=True, env=_env(home, **env), timeout=timeout, check=False
    )
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def _books(home: Path) -> list[dict[str, object]]:
    return [
        json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((home / "data" / "books").glob("*/book.json"))
    ]


# ---- 6. input that used to end in a traceback -------------------------------------------------
def test_invalid_utf8_theme_or_name_is_a_usage_error(aibook_home: Path) -> None:
    bad = b"a cat \xff\xfe on the moon"
    proc = _run([*MAKE, "--theme", bad, "--no-pdf"], aibook_home)
    assert proc.returncode == ExitCode.USAGE and "UTF-8" in proc.stderr
    proc = _run([*MAKE, "--theme", "the moon", "--hero", "me", "--name", b"Mi\xffa"], aibook_home)
    assert proc.returncode == ExitCode.USAGE and "UTF-8" in proc.stderr
    assert _books(aibook_home) == []  # no stub left behind


def test_overlong_name_and_theme_are_refused(aibook_home: Path) -> None:
    proc = _run([*MAKE, "--theme", "x", "--hero", "me", "--name", "N" * 5100], aibook_home)
    assert proc.returncode == ExitCode.USAGE and "too long" in proc.stderr
    proc = _run([*MAKE, "--theme", "moon " * 200], aibook_home)  # the safety step's limit
    assert proc.returncode == ExitCode.USAGE and "longer than 200 characters" in proc.stderr
    assert _books(aibook_home) == []


def test_out_pointing_at_a_file_is_refused_before_any_work(
    aibook_home: Path, tmp_path: Path
) -> None:
    target = tmp_path / "exists.txt"
    target.write_text("keep me", encoding="utf-8")
    proc = _run([*MAKE, "--theme", "the sea", "--out", str(target)], aibook_home)
    assert proc.returncode == ExitCode.USAGE and "is a file" in proc.stderr
    assert target.read_text(encoding="utf-8") == "keep me" and _books(aibook_home) == []


@pytest.mark.parametrize(("name", "raw"), [("PAGES", "abc"), ("KIOSK", "maybe")])
def test_bad_environment_overrides_do_not_stop_the_cli(
    aibook_home: Path, name: str, raw: str
) -> None:
    args = [*MAKE, "--theme", "the moon", "--no-pdf"]
    proc = _run(args, aibook_home, **{f"AIBOOK_{name}": raw})
    assert proc.returncode == ExitCode.OK and f"AIBOOK_{name}" in proc.stderr


def test_schema_version_that_is_not_a_number(aibook_home: Path) -> None:
    from aibook_desktop.engine import paths

    paths.settings_file().parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file().write_text('schema_version = "x"\n', encoding="utf-8")
    assert _run(["list"], aibook_home).returncode == ExitCode.OK


def _popen(args: list[str], home: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        CLI + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(home)
    )


def test_ctrl_c_while_starting_is_a_clean_cancel(aibook_home: Path) -> None:
    proc = _popen([*MAKE, "--theme", "the moon"], aibook_home)
    time.sleep(0.4)  # inside the imports and the engine's start
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert "Traceback" not in err, err
    assert proc.returncode in (ExitCode.CANCELLED, -signal.SIGINT), err


def test_ctrl_c_after_saving_keeps_the_pdf_and_the_copy(aibook_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "copy"
    proc = _popen(
        [*MAKE, "--theme", "the moon", "--events", "jsonl", "--out", str(out)], aibook_home
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        event = json.loads(line)
        if event["event"] == "Finished":
            time.sleep(0.15)  # make_book has returned: the PDF and the copy are being written
            proc.send_signal(signal.SIGINT)
            break
    _, err = proc.communicate(timeout=120)
    assert "Traceback" not in err, err
    assert proc.returncode == ExitCode.OK, err
    assert (out / "book.pdf").read_bytes().startswith(b"%PDF")
    (book,) = _books(aibook_home)
    assert book["status"] == "complete"


# ---- 4. a book killed while drawing: stopped, then finished or removed -------------------------
def _kill_while_drawing(home: Path) -> str:
    proc = _popen(
        [*MAKE, "--theme", "a frog in the rain", "--events", "jsonl", "--size", "256"], home
    )
    assert proc.stdout is not None
    book_id = ""
    for line in proc.stdout:
        event = json.loads(line)
        book_id = event.get("book_id") or book_id
        if event["event"] == "PageImage":
            proc.kill()  # kill -9 after the first picture
            break
    proc.wait(timeout=60)
    assert book_id
    return book_id


def test_a_killed_book_is_stopped_then_finished(aibook_home: Path, tmp_path: Path) -> None:
    book_id = _kill_while_drawing(aibook_home)
    listed = _run(["list"], aibook_home)
    assert f"{book_id}  stopped" in listed.stdout, listed.stdout
    out = tmp_path / "finished"
    done = _run(["finish", book_id, "--out", str(out)], aibook_home)
    assert done.returncode == ExitCode.OK, done.stderr
    book = json.loads((out / "book.json").read_text(encoding="utf-8"))
    assert book["status"] == "complete" and len(book["pages"]) == 4
    assert sorted(p.name for p in out.glob("page-*.png")) == [f"page-0{i}.png" for i in range(1, 5)]
    assert (out / "book.pdf").read_bytes().startswith(b"%PDF")
    assert "complete" in _run(["list"], aibook_home).stdout


def test_a_stopped_book_can_be_removed(aibook_home: Path) -> None:
    book_id = _kill_while_drawing(aibook_home)
    gone = _run(["remove", book_id], aibook_home)
    assert gone.returncode == ExitCode.OK, gone.stderr
    assert book_id not in _run(["list"], aibook_home).stdout
    again = _run(["remove", book_id], aibook_home)
    assert again.returncode == ExitCode.READ and "no book" in again.stderr
    assert _run(["finish", "0123456789ab"], aibook_home).returncode == ExitCode.READ


# ---- 1/7. a damaged book is a row in `list`, and `export` of it is exit 5 ----------------------
def test_list_and_export_survive_a_damaged_book(aibook_home: Path, tmp_path: Path) -> None:
    assert _run([*MAKE, "--theme", "the moon", "--no-pdf"], aibook_home).returncode == 0
    (good,) = _books(aibook_home)
    bad = aibook_home / "data" / "books" / "0123456789ab"
    bad.mkdir()
    (bad / "book.json").write_text('{"a": ' + "[" * 50_000 + "]" * 50_000 + "}", encoding="utf-8")
    listed = _run(["list"], aibook_home)
    assert listed.returncode == ExitCode.OK
    assert str(good["id"]) in listed.stdout and "0123456789ab  damaged" in listed.stdout
    assert " 0/0 " not in listed.stdout
    exported = _run(["export", "0123456789ab", "--out", str(tmp_path / "x.pdf")], aibook_home)
    assert exported.returncode == ExitCode.READ and "damaged" in exported.stderr
    ok = _run(["export", str(good["id"]), "--out", str(tmp_path / "ok.pdf")], aibook_home)
    assert ok.returncode == ExitCode.OK, ok.stderr


# ---- 2/3. read-only and full disks (real tmpfs mounts, root only) ------------------------------
def _fill(where: Path, leave: int = 0) -> None:
    """Fill the file system to the last byte, then free ``leave`` bytes (a real ENOSPC for
    whatever needs more than that)."""
    with open(where / "filler", "wb", buffering=0) as f:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    f.write(b"\0" * size)
            except OSError:
                continue
        f.truncate(max(0, f.tell() - leave))


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    with tmpfs_at(tmp_path / "tmpfs", "2m") as where:
        yield where


def test_read_only_home(tmpfs: Path, tmp_path: Path) -> None:
    home = tmpfs / "home"
    assert _run([*MAKE, "--theme", "the moon", "--no-pdf"], home).returncode == 0
    (book,) = _books(home)
    assert mount("-o", "remount,ro", str(tmpfs))
    listed = _run(["list"], home)
    assert listed.returncode == ExitCode.OK and str(book["id"]) in listed.stdout
    pdf = tmp_path / "ro.pdf"
    exported = _run(["export", str(book["id"]), "--out", str(pdf)], home)
    assert exported.returncode == ExitCode.OK and pdf.read_bytes().startswith(b"%PDF")
    made = _run([*MAKE, "--theme", "the sun", "--no-pdf"], home)
    assert made.returncode == ExitCode.WRITE and "read-only" in made.stderr, made.stderr
    assert not list(home.glob("data/library.sqlite3.corrupt-*"))


def test_full_disk_for_the_pdf_and_the_copy(tmpfs: Path, aibook_home: Path) -> None:
    assert _run([*MAKE, "--theme", "the moon", "--no-pdf"], aibook_home).returncode == 0
    (book,) = _books(aibook_home)
    _fill(tmpfs)
    exported = _run(["export", str(book["id"]), "--out", str(tmpfs / "b.pdf")], aibook_home)
    assert exported.returncode == ExitCode.WRITE and "disk is full" in exported.stderr
    made = _run([*MAKE, "--theme", "the sun", "--out", str(tmpfs / "copy")], aibook_home)
    assert made.returncode == ExitCode.WRITE and "on the shelf" in made.stderr, made.stderr
    assert sum(b["status"] == "complete" for b in _books(aibook_home)) == 2


def test_full_shelf_disk_leaves_no_stub(tmp_path: Path) -> None:
    with tmpfs_at(tmp_path / "small", "256k") as where:
        home = where / "home"
        first = _run(["list"], home)  # the index and settings fit
        assert first.returncode == ExitCode.OK
        _fill(where, leave=96 * 1024)  # room for book.json, not for a picture
        for _ in range(2):
            made = _run([*MAKE, "--theme", "the moon", "--size", "512", "--no-pdf"], home)
            assert made.returncode == ExitCode.WRITE, made.stderr
        listed = _run(["list"], home)
        assert "making" not in listed.stdout and "0/4" not in listed.stdout, listed.stdout


# ---- 5. a server that echoes the key --------------------------------------------------------
@pytest.mark.parametrize("key", ["sk-test-EchoedKey0123456789", "plain-local-secret-98765"])
def test_an_echoed_api_key_is_never_stored_or_printed(
    aibook_home: Path, tmp_path: Path, key: str
) -> None:
    echo = Reply(status=401, error=f"Incorrect API key provided: {key}. Check it.")
    with FakeOpenAI(StoryBrain(make_plan("en", 4)), default=echo) as server:
        out = tmp_path / "out"
        proc = _run(
            ["-v", *MAKE, "--theme", "the moon", "--story", "openai", "--events", "jsonl",
             "--out", str(out)],
            aibook_home, OPENAI_API_KEY=key, AIBOOK_OPENAI_BASE_URL=server.url,
            AIBOOK_OPENAI_RETRIES="0", AIBOOK_OPENAI_MODERATION="false",
        )  # fmt: skip
    assert proc.returncode == ExitCode.OK, proc.stderr
    assert "Incorrect API key" in proc.stdout + proc.stderr  # the error itself is reported
    for text in (proc.stdout, proc.stderr, (out / "book.json").read_text(encoding="utf-8")):
        assert key not in text
    for book in (aibook_home / "data" / "books").glob("*/book.json"):
        assert key not in book.read_text(encoding="utf-8")
