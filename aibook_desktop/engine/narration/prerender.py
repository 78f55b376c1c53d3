"""Pre-rendering page audio in the background while the book is being drawn.

The narrator is slow (a network call per sentence), pictures are slower, and the two share
nothing: one worker thread takes pages in order as their text arrives. A failure only means
that page is read by the system voice (or not at all); the book is never held up.
"""

from __future__ import annotations

import logging
import queue
import threading
from pathlib import Path

from ..cancel import Cancelled, CancelToken
from . import PageNarrator, audio_path, load_page_audio, save_timings

__all__ = ["Prerenderer", "split_sentences"]

log = logging.getLogger(__name__)


def split_sentences(text: str) -> list[str]:
    """The same sentence split the reader highlights (ui/speech.py keeps its own copy of the
    rule for spans; tests/test_narration.py checks both agree)."""
    import re

    end = re.compile(r"(?<=[.!?…。！？])[\"'”’)]*\s+")
    out, start = [], 0
    for match in end.finditer(text):
        piece = text[start : match.start() + len(match.group(0).rstrip())].strip()
        if piece:
            out.append(piece)
        start = match.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


class Prerenderer:
    """``add(book_dir, index, text, lang)`` as pages arrive; ``close()`` at the end of the app."""

    def __init__(self, narrator: PageNarrator) -> None:
        self.narrator = narrator
        self._queue: queue.Queue[tuple[Path, int, str, str] | None] = queue.Queue()
        self._cancel = CancelToken()
        self.done: list[Path] = []  # rendered files, in order (diagnostics and tests)
        self.failed: list[tuple[Path, str]] = []
        self._idle = threading.Event()
        self._idle.set()
        self._thread = threading.Thread(target=self._run, name="narration", daemon=True)
        self._thread.start()

    def add(self, book_dir: Path, index: int, text: str, lang: str) -> None:
        if not self.narrator.supports(lang) or not text.strip():
            return
        self._idle.clear()
        self._queue.put((Path(book_dir), index, text, lang))

    def wait_idle(self, timeout: float | None = None) -> bool:
        """True once every page asked for so far is rendered or given up on."""
        return self._idle.wait(timeout)

    def close(self) -> None:
        self._cancel.cancel()
        self._queue.put(None)
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            book_dir, index, text, lang = item
            try:
                if load_page_audio(book_dir, index, text) is None:
                    audio = self.narrator.render(
                        split_sentences(text), lang, audio_path(book_dir, index), self._cancel
                    )
                    save_timings(book_dir, index, text, audio, str(self.narrator.kind))
                    self.done.append(audio.path)
            except Cancelled:
                return
            except Exception as exc:  # the network, the key, a full disk: the voice reads live
                log.warning("page %d narration failed: %r", index + 1, exc)
                self.failed.append((book_dir / f"page-{index + 1:02d}", repr(exc)))
            finally:
                if self._queue.empty():
                    self._idle.set()
