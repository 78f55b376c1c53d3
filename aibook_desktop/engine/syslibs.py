"""The system libraries Qt needs on Linux, checked before a QApplication exists.

Without them Qt aborts (exit 134) with a message that names the wrong library (it blames
``libxcb-cursor0`` when ``libxcb-icccm4`` is the one missing). We ``dlopen`` each library the way
Qt's loader will, so the app can name every missing Debian package and the one ``apt`` command
that adds them all. No Qt import here: the engine stays Qt-free, and this runs before Qt loads.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

__all__ = [
    "APT_RUNTIME",
    "QT_LIBS",
    "SystemLib",
    "can_load",
    "install_command",
    "missing_qt_libs",
    "qt_platform",
    "startup_message",
]


@dataclass(frozen=True)
class SystemLib:
    soname: str  # what Qt's plugins link against
    package: str  # the Debian/Ubuntu package that ships it
    xcb_only: bool = False  # needed only by the X11 (xcb) platform plugin


# From ``ldd`` of PySide6's libQt6Gui and libqxcb (the xcb platform plugin), PySide6 6.11.
QT_LIBS: tuple[SystemLib, ...] = (
    SystemLib("libGL.so.1", "libgl1"),
    SystemLib("libEGL.so.1", "libegl1"),
    SystemLib("libxkbcommon.so.0", "libxkbcommon0"),
    SystemLib("libfontconfig.so.1", "libfontconfig1"),
    SystemLib("libfreetype.so.6", "libfreetype6"),
    SystemLib("libdbus-1.so.3", "libdbus-1-3"),
    SystemLib("libX11.so.6", "libx11-6", True),
    SystemLib("libX11-xcb.so.1", "libx11-xcb1", True),
    SystemLib("libxcb.so.1", "libxcb1", True),
    SystemLib("libxkbcommon-x11.so.0", "libxkbcommon-x11-0", True),
    SystemLib("libxcb-cursor.so.0", "libxcb-cursor0", True),
    SystemLib("libxcb-icccm.so.4", "libxcb-icccm4", True),
    SystemLib("libxcb-keysyms.so.1", "libxcb-keysyms1", True),
    SystemLib("libxcb-image.so.0", "libxcb-image0", True),
    SystemLib("libxcb-util.so.1", "libxcb-util1", True),
    SystemLib("libxcb-randr.so.0", "libxcb-randr0", True),
    SystemLib("libxcb-render.so.0", "libxcb-render0", True),
    SystemLib("libxcb-render-util.so.0", "libxcb-render-util0", True),
    SystemLib("libxcb-shape.so.0", "libxcb-shape0", True),
    SystemLib("libxcb-shm.so.0", "libxcb-shm0", True),
    SystemLib("libxcb-sync.so.1", "libxcb-sync1", True),
    SystemLib("libxcb-xfixes.so.0", "libxcb-xfixes0", True),
    SystemLib("libxcb-xkb.so.1", "libxcb-xkb1", True),
)

# The README's system-package line and .ci/run's runtime part (tests/test_syslibs.py keeps the
# three equal): every Qt library above, plus the microphone (PortAudio).
APT_RUNTIME: tuple[str, ...] = (*dict.fromkeys(lib.package for lib in QT_LIBS), "libportaudio2")


def can_load(soname: str) -> bool:
    """Whether the dynamic loader finds ``soname`` (and everything it links to)."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def qt_platform(env: Mapping[str, str], platform: str = sys.platform) -> str:
    """The platform plugin Qt will pick: ``xcb``, ``wayland``, ``offscreen``, ... or ``native``.

    Qt 6 on Linux prefers Wayland in a Wayland session and falls back to xcb; QT_QPA_PLATFORM
    decides when set (its first entry; "wayland;xcb" lists fallbacks).
    """
    if not platform.startswith("linux"):
        return "native"
    chosen = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen
    if env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE", "") == "wayland":
        return "wayland"
    return "xcb"


def missing_qt_libs(
    loader: Callable[[str], bool] = can_load,
    env: Mapping[str, str] | None = None,
    platform: str = sys.platform,
) -> list[SystemLib]:
    """The libraries Qt will fail to load here; empty off Linux. ``loader`` is the probe."""
    import os

    env = os.environ if env is None else env
    if not platform.startswith("linux"):
        return []
    plugin = qt_platform(env, platform)
    # xcb libraries matter only where the xcb plugin will load (a Wayland session still
    # falls back to it when its own plugin fails, but then Qt names the problem itself).
    xcb = plugin == "xcb"
    return [lib for lib in QT_LIBS if (xcb or not lib.xcb_only) and not loader(lib.soname)]


def install_command(missing: Iterable[SystemLib]) -> str:
    packages = list(dict.fromkeys(lib.package for lib in missing))
    return "sudo apt install " + " ".join(packages) if packages else ""


_MESSAGE = {
    "en": (
        "AI-Book cannot open its window yet: this computer is missing system libraries that "
        "Qt needs:\n{libs}\nA grown-up can add them with:\n\n    {command}\n"
    ),
    "ko": (
        "아이북 창을 열 수 없어요: Qt에 필요한 시스템 라이브러리가 없습니다:\n{libs}\n"
        "어른이 다음 명령으로 설치할 수 있어요:\n\n    {command}\n"
    ),
}


def startup_message(missing: list[SystemLib], lang: str = "en") -> str:
    libs = "\n".join(f"  - {lib.soname} ({lib.package})" for lib in missing)
    template = _MESSAGE.get(lang, _MESSAGE["en"])
    return template.format(libs=libs, command=install_command(missing))
