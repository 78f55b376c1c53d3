"""UI responsiveness while a book is being made, and page-turn frame times (offscreen).

1. Event-loop lag: a 16 ms precise QTimer is re-armed on every tick and its lateness recorded,
   first with nothing happening (baseline), then while the engine thread makes an 8-page book
   (offline story, embedded painter) through the real bridge. p50/p95/max lateness and ratios.
   Books are made back to back (``--books``) so the measurement is long enough to mean something.
2. Page turns: the reader's PageFlip records a timestamp per painted frame. Turns are timed on
   an idle app, while a book is being made, and against a bare widget repainted by a
   QVariantAnimation of the same length (Qt's own frame pacing here, the floor).

Usage: QT_QPA_PLATFORM=offscreen python -m bench.bench_ui [--pages 8] [--size 1024] [--turns 6]
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, QVariantAnimation, Slot
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget

from bench.common import machine

TICK_MS = 16


def spin(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def spin_until(check, timeout_s: float = 600) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout_s
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError("gave up waiting")
        spin(5)


class LagProbe(QObject):
    """Lateness of a 16 ms timer on the main thread: what a child's tap would wait, too."""

    def __init__(self) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.late_ms: list[float] = []
        self._expected = 0.0

    def start(self) -> None:
        self.late_ms = []
        self._expected = time.perf_counter() + TICK_MS / 1000
        self.timer.start()

    def stop(self) -> list[float]:
        self.timer.stop()
        return self.late_ms

    @Slot()
    def _tick(self) -> None:
        now = time.perf_counter()
        self.late_ms.append(max(0.0, (now - self._expected) * 1000))
        self._expected = now + TICK_MS / 1000
        self.timer.start()


class Bare(QWidget):
    """A plain widget repainted by an animation: Qt's frame pacing without our drawing."""

    def __init__(self) -> None:
        super().__init__()
        self.frame_times: list[float] = []
        self.value = 0.0
        self.anim = QVariantAnimation(self)
        self.anim.setStartValue(0.0)
        self.anim.setEndValue(1.0)
        self.anim.valueChanged.connect(self._step)

    def _step(self, value: object) -> None:
        self.value = float(value)  # type: ignore[arg-type]
        self.update()

    def paintEvent(self, _event: object) -> None:
        self.frame_times.append(time.perf_counter())
        p = QPainter(self)
        p.fillRect(0, 0, int(self.width() * self.value), self.height(), Qt.GlobalColor.white)
        p.end()


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def lag_summary(late: list[float]) -> dict[str, float]:
    return {"n": len(late), "p50": pct(late, 0.5), "p95": pct(late, 0.95), "max": max(late)}


def frame_summary(times: list[list[float]], duration_ms: int) -> dict[str, float]:
    intervals = [(b - a) * 1000 for t in times for a, b in itertools.pairwise(t)]
    frames = statistics.mean(len(t) for t in times)
    mean = statistics.mean(intervals)
    return {
        "frames": frames,
        "mean_ms": mean,
        "p95_ms": pct(intervals, 0.95),
        "max_ms": max(intervals),
        "fps": 1000 / mean,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=8)
    parser.add_argument("--size", type=int, default=1024)
    parser.add_argument("--books", type=int, default=3, help="books made back to back")
    parser.add_argument("--turns", type=int, default=6)
    parser.add_argument("--idle-s", type=float, default=5.0)
    args = parser.parse_args(argv)
    home = tempfile.mkdtemp(prefix="aibook-bench-ui-")
    os.environ["AIBOOK_HOME"] = home
    from aibook_desktop.engine.settings import Settings
    from aibook_desktop.ui.app import MainWindow, setup_application

    app = setup_application(sys.argv[:1])
    settings = Settings(language="en", pages=args.pages, picture_size=args.size,
                        model_preset="cpu")  # fmt: skip
    window = MainWindow(settings, speech_engine="mock")
    window.resize(1280, 800)
    window.show()
    window.bridge.start()
    spin_until(lambda: window.bridge._engine is not None, 120)  # engine built and warm
    spin(500)
    done: list[str] = []
    window.bridge.finished.connect(lambda book_id, _p: done.append(book_id))

    def make_book() -> None:
        assert window.bridge.make_book("cat", "a picnic on the moon", "card", "en")

    # -- 1. event-loop lag: idle vs while the engine thread makes a book
    probe = LagProbe()
    probe.start()
    spin(int(args.idle_s * 1000))
    idle = lag_summary(probe.stop())
    t0 = time.perf_counter()
    probe.start()
    for _ in range(args.books):
        make_book()
        spin_until(lambda: not window.bridge.busy)
    busy = lag_summary(probe.stop())
    book_s = (time.perf_counter() - t0) / args.books
    first_book = done[0]

    # -- 2. page turns: bare widget, idle reader, reader while a book is being made
    duration = 520
    window.open_book(first_book)
    spin_until(lambda: window.stack.currentWidget() is window.reader, 60)
    reader = window.reader
    reader.flip.set_duration_ms(duration)

    def turns(n: int, busy: bool = False) -> list[list[float]]:
        out = []
        for i in range(n):
            if busy and not window.bridge.busy:
                make_book()  # keep the engine thread drawing for every turn
                spin(20)
            button = reader.next_button if reader.index < reader.page_count - 1 else None
            if button is None or (i % 2 and reader.index > 0):
                button = reader.prev_button
            button.click()
            spin(30)
            spin_until(lambda: not reader.turning(), 10)
            out.append(list(reader.flip.frame_times))
            spin(50)
        return out

    bare = Bare()
    bare.resize(1280, 800)
    bare.show()
    bare_times = []
    for _ in range(args.turns):
        bare.frame_times = []
        bare.anim.setDuration(duration)
        bare.anim.start()
        spin(duration + 80)
        bare_times.append(list(bare.frame_times))
    bare.close()
    window.show_screen(reader)
    idle_turns = frame_summary(turns(args.turns), duration)
    window.show_screen(reader)  # the grown-up keeps reading while the next books are made
    busy_times = turns(args.turns, busy=True)
    spin_until(lambda: not window.bridge.busy)
    busy_turns = frame_summary(busy_times, duration)
    bare_turns = frame_summary(bare_times, duration)
    window.quit_app()
    app.processEvents()

    print(f"machine: {machine()}")
    print(f"platform: {app.platformName()}, book: {args.pages} pages at {args.size} px, "
          f"{book_s:.1f} s each on the engine thread")  # fmt: skip
    print(f"\nevent-loop lag of a {TICK_MS} ms timer (ms late):")
    for name, s in (("idle (baseline)", idle), ("making a book", busy)):
        print(f"  {name:<16} n={s['n']:<5} p50={s['p50']:.2f}  p95={s['p95']:.2f}  "
              f"max={s['max']:.2f}")  # fmt: skip
    ratio = {k: busy[k] / idle[k] if idle[k] else float("inf") for k in ("p50", "p95", "max")}
    print("  ratio making/idle: " + "  ".join(f"{k}={v:.2f}x" for k, v in ratio.items()))
    print(f"\npage turn ({duration} ms animation, {args.turns} turns each):")
    for name, s in (("bare widget", bare_turns), ("reader idle", idle_turns),
                    ("reader, making", busy_turns)):  # fmt: skip
        print(
            f"  {name:<15} frames/turn={s['frames']:.1f}  mean={s['mean_ms']:.1f} ms  "
            f"p95={s['p95_ms']:.1f} ms  max={s['max_ms']:.1f} ms  fps={s['fps']:.1f}"
        )
    print(f"  fps ratio reader-idle/bare={idle_turns['fps'] / bare_turns['fps']:.2f}x  "
          f"making/idle={busy_turns['fps'] / idle_turns['fps']:.2f}x")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
