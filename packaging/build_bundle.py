"""Build the runnable folder bundle with PyInstaller (Linux or Windows), outside the source tree.

    python packaging/build_bundle.py [--dist DIR] [--work DIR]

Needs ``pip install pyinstaller`` in the environment that has the app installed (the CUDA
stack is not needed and not bundled). Prints where the bundle is and how big it is. Output
goes to a temporary folder by default so the bundle is never committed by accident.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["build", "folder_size", "main"]

HERE = Path(__file__).resolve().parent
SPEC = HERE / "aibook.spec"


def folder_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of everything under ``folder``."""
    total = count = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(root, name)
            if not path.is_symlink():
                total += path.stat().st_size
                count += 1
    return total, count


def build(dist: Path, work: Path) -> Path:
    cmd = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(dist), "--workpath", str(work), str(SPEC),
    ]  # fmt: skip
    subprocess.run(cmd, check=True)
    return dist / "aibook"


def main(argv: list[str] | None = None) -> int:
    tmp = Path(tempfile.gettempdir())
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dist", type=Path, default=tmp / "aibook-dist")
    ap.add_argument("--work", type=Path, default=tmp / "aibook-build")
    args = ap.parse_args(argv)
    start = time.perf_counter()
    bundle = build(args.dist, args.work)
    size, files = folder_size(bundle)
    exe = ".exe" if sys.platform == "win32" else ""
    print(f"bundle: {bundle} ({size / 1e6:.0f} MB, {files} files) "
          f"built in {time.perf_counter() - start:.0f} s")  # fmt: skip
    print(f"app:    {bundle / ('aibook-desktop' + exe)}")
    print(f"cli:    {bundle / ('aibook' + exe)} doctor")
    return 0


if __name__ == "__main__":
    sys.exit(main())
