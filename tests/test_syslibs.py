"""First launch (#14): a missing Qt system library is named, with the apt line, before Qt loads."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

from aibook_desktop.engine.doctor import run_checks
from aibook_desktop.engine.doctor.probes import Probes
from aibook_desktop.engine.settings import Settings
from aibook_desktop.engine.syslibs import (
    APT_RUNTIME,
    QT_LIBS,
    install_command,
    missing_qt_libs,
    qt_platform,
    startup_message,
)

ROOT = Path(__file__).resolve().parents[1]
GONE = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}  # what the fresh machine in #14 lacked


def _loader(soname: str) -> bool:
    return soname not in GONE


def test_missing_xcb_libraries_are_named_with_their_packages() -> None:
    missing = missing_qt_libs(_loader, env={"DISPLAY": ":0"}, platform="linux")
    assert [lib.package for lib in missing] == ["libxcb-icccm4", "libxcb-keysyms1"]
    assert install_command(missing) == "sudo apt install libxcb-icccm4 libxcb-keysyms1"
    text = startup_message(missing, "en")
    assert "libxcb-icccm.so.4 (libxcb-icccm4)" in text
    assert "sudo apt install libxcb-icccm4 libxcb-keysyms1" in text
    assert "sudo apt install libxcb-icccm4 libxcb-keysyms1" in startup_message(missing, "ko")


def test_xcb_libraries_only_matter_when_the_platform_is_xcb() -> None:
    assert missing_qt_libs(_loader, env={"QT_QPA_PLATFORM": "offscreen"}, platform="linux") == []
    wayland = {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}
    assert qt_platform(wayland, "linux") == "wayland"
    assert missing_qt_libs(_loader, env=wayland, platform="linux") == []
    assert qt_platform({"QT_QPA_PLATFORM": "xcb;wayland"}, "linux") == "xcb"
    # libEGL is needed by Qt's GUI library on every platform plugin
    no_egl = missing_qt_libs(lambda s: s != "libEGL.so.1", env=wayland, platform="linux")
    assert [lib.package for lib in no_egl] == ["libegl1"]
    assert missing_qt_libs(lambda s: False, env={}, platform="win32") == []


def test_every_library_is_present_on_this_machine() -> None:
    """The real probe: the suite runs Qt here, so nothing may be reported missing."""
    assert missing_qt_libs(env={"QT_QPA_PLATFORM": "xcb"}) == []


def test_doctor_reports_the_same_missing_libraries(tmp_path: Path) -> None:
    probes = Probes(load_library=_loader, platform="linux", env={"DISPLAY": ":0"})
    checks = {c.name: c for c in run_checks(Settings(), probes=probes)}
    check = checks["qt-libs"]
    assert not check.ok and check.blocking
    assert check.fix == "sudo apt install libxcb-icccm4 libxcb-keysyms1"
    assert "libxcb-icccm4" in check.detail


def _apt_words(line: str) -> list[str]:
    return line.split()


def test_readme_ci_and_probe_list_the_same_runtime_packages() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = re.search(r"```bash\n(sudo apt install [^\n]+)\n", readme)
    assert first is not None, "the README's first command starts with the apt line"
    readme_pkgs = _apt_words(first.group(1))[3:]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    runtime = re.search(r'^RUNTIME="([^"]+)"', ci, re.MULTILINE)
    assert runtime is not None
    assert readme_pkgs == ["python3-venv", *_apt_words(runtime.group(1))]
    assert _apt_words(runtime.group(1)) == list(APT_RUNTIME)
    assert {lib.package for lib in QT_LIBS} <= set(APT_RUNTIME)


def test_the_app_names_the_missing_library_instead_of_crashing() -> None:
    """A real process: the loader refuses one library; the app exits 3 with the apt line and
    never imports Qt."""
    script = textwrap.dedent(
        """
        import ctypes, sys
        real = ctypes.CDLL
        def fake(name, *a, **k):
            if name == "libxcb-icccm.so.4":
                raise OSError(name + ": cannot open shared object file")
            return real(name, *a, **k)
        ctypes.CDLL = fake
        from aibook_desktop.__main__ import main
        rc = main([])
        print("qt loaded" if "PySide6.QtWidgets" in sys.modules else "qt not loaded")
        sys.exit(rc)
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT), AIBOOK_LANGUAGE="en")
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 3, done.stderr
    assert "sudo apt install libxcb-icccm4" in done.stderr
    assert "qt not loaded" in done.stdout
