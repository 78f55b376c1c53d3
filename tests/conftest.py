"""Shared fixtures: every test gets its own AIBOOK_HOME, so no test touches a user's real files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OMP_NUM_THREADS", "1")


@pytest.fixture(autouse=True)
def aibook_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point every directory of the app at a fresh temporary folder for this test."""
    from aibook_desktop.engine import paths

    home = tmp_path / "aibook-home"
    monkeypatch.setenv("AIBOOK_HOME", str(home))
    for name in list(os.environ):
        if name.startswith("AIBOOK_") and name != "AIBOOK_HOME":
            monkeypatch.delenv(name)
    paths.set_base_dir(None)
    yield home
    paths.set_base_dir(None)


@pytest.fixture(scope="session")
def tiny_sdxl_models(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A tiny random SDXL base + refiner saved once per session (tests/tiny_sdxl.py)."""
    from tiny_sdxl import build_sdxl

    from aibook_desktop.engine.pictures.sdxl.pipelines import SDXLModels

    base, refiner = build_sdxl(tmp_path_factory.mktemp("tiny-sdxl"))
    return SDXLModels(base=str(base), refiner=str(refiner))


def _has_cuda() -> bool:
    import importlib.util

    if importlib.util.find_spec("torch") is None:
        return False
    import torch

    return bool(torch.cuda.is_available())


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark tests that use a QApplication as gui (qutebrowser's habit); skip gpu tests without
    CUDA (torch is imported only when a gpu test was collected)."""
    if any(item.get_closest_marker("gpu") for item in items) and not _has_cuda():
        skip = pytest.mark.skip(reason="needs CUDA (run on a GPU machine: tools/gpu_check.sh)")
        for item in items:
            if item.get_closest_marker("gpu"):
                item.add_marker(skip)
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()) or "qapp" in getattr(
            item, "fixturenames", ()
        ):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def open_window(qtbot):  # type: ignore[no-untyped-def]
    """Open MainWindows offscreen at 1280x800 (small, fast books by default); closed after."""
    from aibook_desktop.engine.settings import Settings
    from aibook_desktop.ui.app import MainWindow, setup_application

    opened: list[MainWindow] = []

    def _open(settings: Settings | None = None, *, start: bool = False, **kwargs: object):
        setup_application()
        win = MainWindow(settings or Settings(language="en", pages=4, picture_size=64), **kwargs)
        qtbot.add_widget(win)
        win.resize(1280, 800)
        win.show()
        qtbot.waitExposed(win)
        if start:
            win.bridge.start()
        opened.append(win)
        return win

    yield _open
    for win in opened:
        win.quit_app()
        win.translations.set_language("en")
