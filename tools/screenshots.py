"""Drive the app through every screen in Korean and English and save 1280x800 screenshots.

    .venv/bin/python tools/screenshots.py [--out docs/screenshots] [--size 512] [--pages 6]

Runs offscreen unless QT_QPA_PLATFORM says otherwise, with a throwaway AIBOOK_HOME, so it
never touches a real library. Books are made by the real engine, by clicking like a child.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QWidget

__all__ = ["main"]

REPO = Path(__file__).resolve().parents[1]


def wait_until(check: Callable[[], bool], timeout_s: float = 300) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        QTest.qWait(50)


def click(button: QAbstractButton) -> None:
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    QTest.qWait(30)


def shoot(widget: QWidget, path: Path) -> None:
    QTest.qWait(80)  # let layouts and style polish settle
    widget.grab().save(str(path))
    print("saved", path.relative_to(REPO) if path.is_relative_to(REPO) else path)


def run(lang: str, out: Path, size: int, pages: int) -> None:
    from aibook_desktop.engine.messages import child_message
    from aibook_desktop.engine.settings import Settings
    from aibook_desktop.ui.app import MainWindow

    window = MainWindow(Settings(language=lang, picture_size=size, pages=pages))
    window.resize(1280, 800)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.bridge.start()
    shoot(window, out / f"{lang}-1-home.png")
    click(window.home.make_button)
    shoot(window, out / f"{lang}-2-hero.png")
    click(window.hero.buttons["cat"])
    shoot(window, out / f"{lang}-3-theme.png")
    click(window.theme.cards["moon" if lang == "ko" else "sea"])
    wait_until(lambda: window.making.thumbs_done() >= 2)
    shoot(window, out / f"{lang}-4-making.png")
    click(window.making.cancel_button)
    shoot(window, out / f"{lang}-5-making-stop.png")
    click(window.making.no_button)
    wait_until(lambda: window.stack.currentWidget() is window.reader)
    click(window.reader.next_button)
    shoot(window, out / f"{lang}-6-reader.png")
    click(window.reader.home_button)
    click(window.home.shelf_button)
    wait_until(lambda: bool(window.shelf.cards))
    shoot(window, out / f"{lang}-7-shelf.png")
    window.sorry.show_message(child_message("pictures_failed", lang))
    window.show_screen(window.sorry)
    shoot(window, out / f"{lang}-8-sorry.png")
    window.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--size", type=int, default=512, help="picture size in pixels")
    parser.add_argument("--pages", type=int, default=6)
    parser.add_argument("--lang", choices=("ko", "en"), action="append")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="aibook-shots-") as home:
        os.environ["AIBOOK_HOME"] = home
        from aibook_desktop.ui.app import setup_application

        app = setup_application(sys.argv[:1])
        for lang in args.lang or ["ko", "en"]:
            run(lang, args.out, args.size, args.pages)
        app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
