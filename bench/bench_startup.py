"""Launch time: process start -> home screen painted -> engine ready (interactive for a book).

Baseline in the same run: a bare PySide6 window with one label (Qt's own floor on this machine).
Each measurement is a fresh process, timed from the parent. Offscreen by default; run under
Xvfb with QT_QPA_PLATFORM=xcb for a real window.
Usage: python -m bench.bench_startup [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

from bench.common import machine

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setCentralWidget(QLabel("hello")); w.resize(1280, 800); w.show()
def painted():
    print("shown", flush=True); app.quit()
QTimer.singleShot(0, painted)
app.exec()
"""

OURS = """
import sys
from PySide6.QtCore import QObject, QTimer, Slot
from aibook_desktop.ui.app import MainWindow, setup_application
app = setup_application()
w = MainWindow(); w.show()

class Probe(QObject):  # a main-thread receiver, so the bridge's signal is queued to us
    @Slot()
    def ready(self):
        print("ready", flush=True)
        w.close()
        app.quit()

probe = Probe()
w.bridge.engineReady.connect(probe.ready)
def painted():
    print("shown", flush=True)
    w.bridge.start()
QTimer.singleShot(0, painted)
app.exec()
"""


def _launch(code: str, env: dict[str, str]) -> dict[str, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env=env,
    )  # fmt: skip
    marks: dict[str, float] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        marks[line.strip()] = time.perf_counter() - start
    proc.wait(timeout=60)
    marks["exit"] = time.perf_counter() - start
    return marks


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    opts = ap.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "AIBOOK_HOME": home, "OMP_NUM_THREADS": "1"}
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        _launch(OURS, env)  # warm the OS file cache once, as a second launch would be
        bare = [_launch(BARE, env)["shown"] for _ in range(opts.repeat)]
        ours = [_launch(OURS, env) for _ in range(opts.repeat)]
    b = statistics.median(bare)
    shown = statistics.median(m["shown"] for m in ours)
    ready = statistics.median(m["ready"] for m in ours)
    print(f"machine: {machine()}; platform {env['QT_QPA_PLATFORM']}")
    print(f"bare Qt window painted:     {b:5.2f} s  (baseline)")
    print(f"AI-Book home screen shown:  {shown:5.2f} s  ({shown / b:.2f}x baseline)")
    print(f"AI-Book engine ready:       {ready:5.2f} s  ({ready / b:.2f}x baseline)")


if __name__ == "__main__":
    main()
