"""The PyInstaller bundle: size on disk and start-up time to a visible window, vs the venv app.

Both are started the same way on one Xvfb display (QT_QPA_PLATFORM=xcb), each launch a fresh
process with a fresh AIBOOK_HOME, timed from the parent until X reports the app's top-level
window as viewable; the baseline is ``python -m aibook_desktop`` from the source venv in the
same run. A screenshot of the bundle's first window is saved to look at.
Usage: python -m bench.bench_bundle [--build] [--bundle DIR] [--repeat 3] [--shot FILE]
Needs Xvfb, xwininfo (x11-utils) and ImageMagick's import.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import machine

ROOT = Path(__file__).resolve().parents[1]
_WINDOW = re.compile(r"^\s*(0x[0-9a-f]+) \"[^\"]*\".*?\s(\d+)x(\d+)\+", re.MULTILINE)


def _folder_size(folder: Path) -> tuple[int, int]:
    sys.path.insert(0, str(ROOT / "packaging"))
    from build_bundle import folder_size

    return folder_size(folder)


def _viewable_window(display: str) -> str | None:
    env = {**os.environ, "DISPLAY": display}
    tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True,
                          env=env, check=False).stdout  # fmt: skip
    for wid, w, h in _WINDOW.findall(tree):
        if int(w) >= 640 and int(h) >= 400:
            info = subprocess.run(["xwininfo", "-id", wid], capture_output=True, text=True,
                                  env=env, check=False).stdout  # fmt: skip
            if "IsViewable" in info:
                return wid
    return None


def _launch(cmd: list[str], display: str, shot: Path | None) -> float:
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "AIBOOK_HOME": home,
               "OMP_NUM_THREADS": "1"}  # fmt: skip
        start = time.perf_counter()
        errors = Path(home) / "stderr.txt"
        with open(errors, "wb") as err:
            proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        try:
            while _viewable_window(display) is None:
                if proc.poll() is not None:
                    tail = errors.read_text(errors="replace")[-2000:]
                    raise RuntimeError(f"{cmd[0]} exited with {proc.returncode}:\n{tail}")
                if time.perf_counter() - start > 60:
                    raise RuntimeError(f"{cmd[0]}: no window within 60 s")
                time.sleep(0.02)
            shown = time.perf_counter() - start
            if shot is not None:
                time.sleep(3)  # let the engine thread start and the home screen settle
                subprocess.run(["import", "-window", "root", str(shot)], env=env, check=True)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    return shown


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", action="store_true", help="build the bundle first")
    ap.add_argument("--bundle", type=Path, default=Path(tempfile.gettempdir()) / "aibook-dist"
                    / "aibook")  # fmt: skip
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--shot", type=Path, default=Path(tempfile.gettempdir()) / "aibook-bundle.png")
    opts = ap.parse_args()
    missing = [t for t in ("Xvfb", "xwininfo", "import") if shutil.which(t) is None]
    if missing:
        sys.exit(f"needs {', '.join(missing)} (apt install xvfb x11-utils imagemagick)")
    if opts.build:
        subprocess.run([sys.executable, str(ROOT / "packaging" / "build_bundle.py"),
                        "--dist", str(opts.bundle.parent)], check=True)  # fmt: skip
    app = opts.bundle / "aibook-desktop"
    if not app.exists():
        sys.exit(f"no bundle at {opts.bundle}: run with --build")
    size, files = _folder_size(opts.bundle)
    display = ":77"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        for _ in range(100):  # wait until the X server answers
            if subprocess.run(["xwininfo", "-root"], env={**os.environ, "DISPLAY": display},
                              capture_output=True, check=False).returncode == 0:  # fmt: skip
                break
            time.sleep(0.1)
        venv_cmd = [sys.executable, "-m", "aibook_desktop"]
        _launch([str(app)], display, None)  # warm the OS file cache for both, once
        _launch(venv_cmd, display, None)
        venv = [_launch(venv_cmd, display, None) for _ in range(opts.repeat)]
        bundle = [_launch([str(app)], display, None) for _ in range(opts.repeat - 1)]
        bundle.append(_launch([str(app)], display, opts.shot))
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)
    v, b = statistics.median(venv), statistics.median(bundle)
    print(f"machine: {machine()}; Xvfb 1280x800x24, QT_QPA_PLATFORM=xcb")
    print(f"bundle: {opts.bundle} {size / 1e6:.0f} MB in {files} files (torch not included)")
    print(f"venv app window viewable:    {v:5.2f} s  (baseline, median of {opts.repeat})")
    print(f"bundle app window viewable:  {b:5.2f} s  ({b / v:.2f}x baseline)")
    print(f"screenshot: {opts.shot}")


if __name__ == "__main__":
    main()
