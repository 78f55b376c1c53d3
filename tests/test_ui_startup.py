"""Start-up: the window appears before anything heavy is imported; fonts and flags work."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from aibook_desktop.ui.app import build_parser, setup_application

HEAVY = (
    "numpy",
    "PIL",
    "torch",
    "diffusers",
    "transformers",
    "openai",
    "aibook_desktop.engine.service",
)

SCRIPT = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QEventLoop, QTimer
    from aibook_desktop.engine.settings import Settings
    from aibook_desktop.ui.app import MainWindow, setup_application

    app = setup_application(["test"])
    window = MainWindow(Settings(language="ko"))
    window.show()
    app.processEvents()
    before = [m for m in HEAVY if m in sys.modules]
    loop = QEventLoop()
    ready = []
    window.bridge.engineReady.connect(loop.quit)  # QEventLoop.quit: queued to this thread
    window.bridge.engineUnavailable.connect(loop.quit)
    QTimer.singleShot(0, window.bridge.start)
    QTimer.singleShot(60000, loop.quit)
    loop.exec()
    engine_thread = window.bridge.thread()
    ready.append(window.bridge._engine is not None)
    window.bridge.shutdown()
    after = [m for m in HEAVY if m in sys.modules]
    print(json.dumps({"before": before, "after": after, "ready": ready[0],
                      "off_main": engine_thread is not app.thread()}))
    """
)


def test_window_shows_before_heavy_imports() -> None:
    code = f"HEAVY = {HEAVY!r}\n" + SCRIPT
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["before"] == []
    assert report["ready"] and report["off_main"], result.stderr
    # once the bridge has started, the engine (and numpy, PIL) were loaded on its thread
    assert "aibook_desktop.engine.service" in report["after"]
    assert "torch" not in report["after"]


def test_command_line_flags() -> None:
    args = build_parser().parse_args(["--kiosk", "--lang", "en"])
    assert args.kiosk and args.lang == "en"
    assert not build_parser().parse_args([]).kiosk
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--lang", "fr"])


def test_app_uses_the_shipped_round_font(qapp) -> None:
    app = setup_application()
    assert app.font().family().startswith("NanumSquareRound")
    assert "QPushButton" in app.styleSheet()


def test_many_qt_calls_do_not_use_up_none() -> None:
    """PySide6 6.12.0 on Python 3.11 drops a None reference per void call (see ui/qt_fixes)."""
    code = textwrap.dedent(
        """
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtCore import QPoint
        from aibook_desktop.ui.app import setup_application
        from aibook_desktop.ui.qt_fixes import none_refcount_leaks
        setup_application(["test"])
        point = QPoint()
        for _ in range(100_000):  # far more than None's own count of references
            point.setX(1)
        print("ok", none_refcount_leaks())
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split()[0] == "ok"
