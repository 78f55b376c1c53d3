"""The layer rules, enforced: the engine runs with Qt absent, the UI imports without torch."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import aibook_desktop.engine
import aibook_desktop.ui

# A meta-path finder that makes the named top-level packages impossible to import.
BLOCK = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {blocked!r}:
            raise ImportError('blocked for this test: ' + name)
sys.meta_path.insert(0, Block())
"""


def _modules(package: object) -> list[str]:
    return [
        m.name
        for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")  # type: ignore[attr-defined]
        if not m.name.endswith("__main__")
    ]


def _import_all_with_blocked(
    modules: list[str], blocked: set[str]
) -> subprocess.CompletedProcess[str]:
    code = BLOCK.format(blocked=blocked) + "\n".join(f"import {m}" for m in modules)
    code += (
        "\nprint('ok', sorted(m for m in sys.modules if m.split('.')[0] in {'PySide6','torch'}))"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)


def test_engine_imports_with_pyside6_absent() -> None:
    modules = _modules(aibook_desktop.engine)
    assert "aibook_desktop.engine.jobs" in modules
    proc = _import_all_with_blocked(modules, {"PySide6", "shiboken6"})
    assert proc.returncode == 0, proc.stderr
    assert "ok []" in proc.stdout


def test_ui_imports_without_torch() -> None:
    modules = _modules(aibook_desktop.ui)
    assert modules, "the UI package has modules"
    blocked = {"torch", "diffusers", "transformers", "peft", "openai"}
    proc = _import_all_with_blocked(modules, blocked)
    assert proc.returncode == 0, proc.stderr


def test_engine_makes_a_book_with_pyside6_absent(tmp_path: Path) -> None:
    code = BLOCK.format(blocked={"PySide6", "shiboken6"}) + (
        "from aibook_desktop.engine.cli import main\n"
        f"raise SystemExit(main(['--home', {str(tmp_path)!r}, 'make-book', '--hero', 'robot',"
        " '--theme', 'a robot who learns to dance', '--pages', '4', '--size', '96', '--no-pdf']))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr


def test_import_linter_contracts_hold() -> None:
    exe = str(Path(sys.executable).with_name("lint-imports"))  # installed by the dev extra
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.run(
        [exe, "--no-cache"], capture_output=True, text=True, cwd=root, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    contracts = len(tomllib.loads((root / "pyproject.toml").read_text())["tool"]["importlinter"]
                    ["contracts"])  # fmt: skip
    assert f"Contracts: {contracts} kept, 0 broken" in proc.stdout
