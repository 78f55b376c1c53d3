"""The headless CLI, run as a real process: books, JSONL events, exit codes, Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "aibook_desktop.engine"]


def _run(args: list[str], home: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AIBOOK_HOME": str(home), "OMP_NUM_THREADS": "1"}
    return subprocess.run(
        CLI + args, capture_output=True, text=True, env=env, timeout=timeout, check=False
    )


MAKE = ["make-book", "--hero", "cat", "--lang", "en", "--pages", "4", "--size", "128"]


def test_make_book_writes_folder_pdf_and_events(aibook_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "book"
    theme = "a cat who wants to fly to the moon"
    proc = _run(
        [*MAKE, "--theme", theme, "--seed", "5", "--out", str(out), "--events", "jsonl"],
        aibook_home,
    )
    assert proc.returncode == 0, proc.stderr
    events = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    kinds = [e["event"] for e in events]
    assert kinds[-1] == "Finished" and kinds.count("PageImage") == 4 and "Failed" not in kinds
    book = json.loads((out / "book.json").read_text(encoding="utf-8"))
    assert book["status"] == "complete" and len(book["pages"]) == 4 and book["seed"] == 5
    assert sorted(p.name for p in out.glob("page-*.png")) == [f"page-0{i}.png" for i in range(1, 5)]
    assert (out / "book.pdf").read_bytes().startswith(b"%PDF")
    assert "pictures" in proc.stderr  # the progress report goes to stderr, not stdout

    listed = _run(["list"], aibook_home)
    assert listed.returncode == 0 and book["id"] in listed.stdout and "complete" in listed.stdout

    pdf = tmp_path / "colour.pdf"
    exported = _run(["export", book["id"], "--out", str(pdf), "--colouring"], aibook_home)
    assert exported.returncode == 0, exported.stderr
    assert pdf.read_bytes().startswith(b"%PDF")


def test_same_seed_same_book(aibook_home: Path, tmp_path: Path) -> None:
    books = []
    for name in ("a", "b"):
        args = [
            *MAKE,
            "--theme",
            "under the sea",
            "--seed",
            "9",
            "--no-pdf",
            "--out",
            str(tmp_path / name),
        ]
        assert _run(args, aibook_home).returncode == 0
        books.append(json.loads((tmp_path / name / "book.json").read_text(encoding="utf-8")))
    assert [p["text"] for p in books[0]["pages"]] == [p["text"] for p in books[1]["pages"]]
    assert (tmp_path / "a" / "page-02.png").read_bytes() == (
        tmp_path / "b" / "page-02.png"
    ).read_bytes()


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["make-book", "--hero", "dragon", "--theme", "x"], 2, "invalid choice"),
        (["make-book", "--hero", "cat", "--theme", "x", "--pages", "20"], 2, "4-12 pages"),
        (["make-book", "--hero", "cat"], 2, "--theme"),
        (["make-book", "--hero", "cat", "--theme", "   "], 2, "empty"),
        (["make-book", "--hero", "cat", "--theme", "x", "--story", "openai"], 3, "OPENAI_API_KEY"),
        (["make-book", "--hero", "cat", "--theme", "x", "--pictures", "sdxl"], 3, "SDXL"),
        (["export", "0123456789ab", "--out", "x.pdf"], 5, ""),
        ([], 2, "required"),
    ],
)
def test_exit_codes(aibook_home: Path, args: list[str], code: int, says: str) -> None:
    proc = _run(args, aibook_home)
    assert proc.returncode == code, proc.stderr
    assert says in proc.stderr


def test_ctrl_c_cancels_and_keeps_the_pages_made(aibook_home: Path) -> None:
    env = {**os.environ, "AIBOOK_HOME": str(aibook_home), "OMP_NUM_THREADS": "1"}
    args = [
        "make-book",
        "--hero",
        "frog",
        "--theme",
        "snow",
        "--pages",
        "12",
        "--size",
        "512",
        "--events",
        "jsonl",
    ]
    proc = subprocess.Popen(
        CLI + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if json.loads(line)["event"] == "PageImage":
            proc.send_signal(signal.SIGINT)
            break
    rest, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert json.loads(rest.splitlines()[-1])["event"] == "Cancelled"
    listed = _run(["list"], aibook_home)
    assert "cancelled" in listed.stdout
