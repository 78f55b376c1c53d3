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
from typing import Any

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
        QTest.qWait(10)


def click(button: QAbstractButton) -> None:
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    QTest.qWait(30)


def shoot(widget: QWidget, path: Path, settle_ms: int = 80) -> None:
    QTest.qWait(settle_ms)  # let layouts and style polish settle
    widget.grab().save(str(path))
    print("saved", path.relative_to(REPO) if path.is_relative_to(REPO) else path)


def narrate(reader: Any) -> None:
    """Real narration for every page (espeak-ng + sox), saved the way engine/narration does."""
    import json
    import subprocess
    import wave

    from aibook_desktop.engine.narration import audio_path, timings_path
    from aibook_desktop.engine.narration.prerender import split_sentences

    book, folder = reader.book, reader.book_dir
    voice = "ko" if book.lang == "ko" else "en-us"
    for page in book.pages:
        pcm, spans = bytearray(), []
        for sentence in split_sentences(page.text):
            wav = subprocess.run(["espeak-ng", "-v", voice, "--stdout", sentence],
                                 capture_output=True, check=True).stdout  # fmt: skip
            raw = subprocess.run(
                ["sox", "-R", "-t", "wav", "-", "-t", "raw", "-r", "24000", "-e", "signed",
                 "-b", "16", "-c", "1", "-"], input=wav, capture_output=True, check=True,
            ).stdout  # fmt: skip
            start = len(pcm) / 48000
            pcm += raw
            spans.append([start, len(pcm) / 48000])
        with wave.open(str(audio_path(folder, page.index)), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(24000)
            out.writeframes(bytes(pcm))
        meta = {"text": page.text, "voice": "espeak-ng", "duration_s": len(pcm) / 48000,
                "sentences": spans}  # fmt: skip
        timings_path(folder, page.index).write_text(json.dumps(meta), encoding="utf-8")
    reader.set_book(book, folder, index=reader.index)


def run(lang: str, out: Path, size: int, pages: int) -> None:
    from aibook_desktop.engine.messages import child_message
    from aibook_desktop.engine.settings import Settings
    from aibook_desktop.ui.app import MainWindow

    window = MainWindow(
        Settings(language=lang, picture_size=size, pages=pages),
        speech_engine="mock",
        share_host="127.0.0.1",  # a kiosk shows its network address; the picture is the same
    )
    window.resize(1280, 800)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.bridge.start()
    shoot(window, out / f"{lang}-01-home.png")
    click(window.home.make_button)
    shoot(window, out / f"{lang}-02-hero.png")
    click(window.hero.buttons["me"])
    window.name_overlay.field.setText("하윤" if lang == "ko" else "Mia")
    shoot(window, out / f"{lang}-03-name.png")
    click(window.name_overlay.cancel_button)
    click(window.hero.buttons["cat"])
    window.theme.set_voice_available(True)  # as on a machine with a recogniser for lang
    window.theme.on_level(0.0)
    shoot(window, out / f"{lang}-04-theme.png")
    window.theme._set_voice("listening")  # as if the microphone was pressed
    window.theme.on_level(0.12)
    window.theme.on_recording_done("ok", 1.5, "")
    window.theme.on_transcribed(
        "공룡과 케이크 파티" if lang == "ko" else "a dinosaur cake party", 0.8, ""
    )
    shoot(window, out / f"{lang}-05-did-you-say.png")
    click(window.theme.confirm.yes_button)  # the book is about what the child said
    wait_until(lambda: window.making.thumbs_done() >= 2)
    shoot(window, out / f"{lang}-06-making.png")
    click(window.making.cancel_button)
    shoot(window, out / f"{lang}-07-making-stop.png")
    click(window.making.no_button)
    wait_until(lambda: window.stack.currentWidget() is window.reader)
    reader = window.reader
    shoot(window, out / f"{lang}-19-cover.png")
    click(reader.next_button)
    wait_until(lambda: not reader.turning())
    shoot(window, out / f"{lang}-08-reader.png")
    reader.flip.set_duration_ms(3000)
    click(reader.next_button)
    QTest.qWait(1300)
    shoot(window, out / f"{lang}-09-page-turn.png")
    reader.flip.finish_now()
    reader.flip.set_duration_ms(520)
    if not reader.read_button.isVisible():
        # Qt's mock voice speaks no Korean: give the book its own narration, as OpenAI's
        # speech API would (here espeak-ng), so "Read to me" appears and plays it
        narrate(reader)
    click(reader.read_button)
    wait_until(lambda: reader.read_aloud.current >= 0, 30)
    shoot(window, out / f"{lang}-10-read-aloud.png", settle_ms=0)  # the mock voice is quick
    click(reader.read_button)
    reader.show_page(reader.page_count, animate=False)
    shoot(window, out / f"{lang}-20-the-end.png")
    click(reader.share_button)
    wait_until(lambda: reader.qr.pixmap() is not None and not reader.qr.pixmap().isNull(), 120)
    shoot(window, out / f"{lang}-21-the-end-qr.png")
    click(reader.home_button)
    click(window.home.shelf_button)
    wait_until(lambda: bool(window.shelf.cards))
    shoot(window, out / f"{lang}-11-shelf.png")
    window.show_sorry(child_message("pictures_failed", lang))
    shoot(window, out / f"{lang}-12-sorry.png")
    window.go_hero()
    window.still_there.open()
    shoot(window, out / f"{lang}-13-still-there.png")
    window.still_there.close_overlay()
    window.open_gate()
    for digit in "1357":
        click(window.pin.keys[digit])
    shoot(window, out / f"{lang}-14-parent-pin.png")
    for digit in "1357":
        click(window.pin.keys[digit])
    wait_until(lambda: window.stack.currentWidget() is window.parent_area)
    shoot(window, out / f"{lang}-15-parent-settings.png")
    area = window.parent_area
    area.tabs.setCurrentWidget(area.diagnostics)
    wait_until(lambda: "PyTorch" in area.diagnostics.text.toPlainText(), 120)
    wait_until(lambda: area.diagnostics.checks.count() > 0, 120)
    shoot(window, out / f"{lang}-16-parent-diagnostics.png")
    area.show_models()
    wait_until(lambda: any(m.text() for m in area.models.marks.values()), 120)
    shoot(window, out / f"{lang}-17-parent-models.png")
    area.tabs.setCurrentWidget(area.books)
    wait_until(lambda: area.books.list.count() > 0, 60)
    QTest.qWait(300)  # the list may be refreshed once more; select after that
    area.books.list.setCurrentRow(0)
    wait_until(lambda: area.books.copy_button.isEnabled(), 60)
    shoot(window, out / f"{lang}-18-parent-books.png")
    click(area.books.qr_button)
    wait_until(lambda: area.books.qr.isVisible(), 120)
    shoot(window, out / f"{lang}-22-parent-books-qr.png")
    window.quit_app()


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
        import keyring
        import keyring.backends.null

        keyring.set_keyring(keyring.backends.null.Keyring())  # never the user's real keyring
        from aibook_desktop.ui.app import setup_application

        app = setup_application(sys.argv[:1])
        for lang in args.lang or ["ko", "en"]:
            run(lang, args.out, args.size, args.pages)
        app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
