"""Code hygiene runs with the suite, so CI keeps it: ruff (lint + format) and mypy on the engine."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, cwd=ROOT, check=False)


def test_ruff_lint_is_clean() -> None:
    proc = _run(
        str(BIN / "ruff"), "check", "aibook_desktop", "tests", "bench", "tools", "packaging"
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_format_is_clean() -> None:
    proc = _run(
        str(BIN / "ruff"),
        "format",
        "--check",
        "aibook_desktop",
        "tests",
        "bench",
        "tools",
        "packaging",
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_engine_is_clean() -> None:
    proc = _run(sys.executable, "-m", "mypy", "aibook_desktop/engine")
    assert proc.returncode == 0, proc.stdout + proc.stderr
