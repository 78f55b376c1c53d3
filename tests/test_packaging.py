"""Deployment: the PyInstaller recipe, kiosk units, the crash supervisor and redacted logs.

The bundle itself is built by packaging/build_bundle.py (minutes), not here; these tests check
the recipe and run the supervisor and the logging set-up for real.
"""

from __future__ import annotations

import ast
import configparser
import importlib.util
import logging
import logging.handlers
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from aibook_desktop import supervisor
from aibook_desktop.engine import logs, paths
from aibook_desktop.engine.resources import resources_root
from aibook_desktop.supervisor import ChildExit, RestartPolicy, child_command, supervise

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"


def _load(name: str) -> ModuleType:
    """packaging/ is not a package (PyInstaller runs its files as scripts): load by path."""
    spec = importlib.util.spec_from_file_location(f"packaging_{name}", PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


launcher = _load("launcher")


# ---- the README's commands --------------------------------------------------------------------
def test_ci_runs_the_readmes_test_command_verbatim() -> None:
    """The README's first block starts the app, its second runs the suite: CI runs the second."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0].strip() for b in readme.split("```bash\n")[1:3]]
    assert blocks[0].endswith(".venv/bin/aibook-desktop"), blocks[0]
    assert "aibook-desktop = " in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert blocks[1] in ci_lines, "the README's second command must be a line of .ci/run"


# ---- the PyInstaller recipe -------------------------------------------------------------------
def _spec_assignments() -> dict[str, ast.expr]:
    tree = ast.parse((PACKAGING / "aibook.spec").read_text(encoding="utf-8"))
    return {
        t.id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        for t in node.targets
        if isinstance(t, ast.Name)
    }


def test_spec_parses_ships_the_resources_and_leaves_torch_out() -> None:
    spec = _spec_assignments()
    datas = ast.unparse(spec["DATAS"])
    assert "RESOURCES" in datas and "'aibook_desktop/resources'" in datas
    # engine/resources.py looks for <package>/resources first: the spec must put them there
    assert (Path(resources_root()).parent.name, Path(resources_root()).name) in {
        ("aibook_desktop", "resources"), (ROOT.name, "resources"),
    }  # fmt: skip
    for folder in ("fonts", "translations", "heroes", "stories", "style", "ui"):
        assert (ROOT / "resources" / folder).is_dir(), folder
    excludes = ast.literal_eval(spec["EXCLUDES"])
    assert {"torch", "diffusers", "transformers", "peft", "aibook_desktop.training"} <= set(
        excludes
    )
    assert "PySide6.QtWebEngineCore" in excludes
    source = (PACKAGING / "aibook.spec").read_text(encoding="utf-8")
    assert '"launcher.py"' in source and '"aibook-desktop"' in source and '"aibook"' in source
    assert (PACKAGING / "launcher.py").is_file() and (PACKAGING / "build_bundle.py").is_file()


def test_launcher_adds_the_users_gpu_packages_after_ours(tmp_path: Path) -> None:
    site = tmp_path / "gpu" / "site-packages"
    site.mkdir(parents=True)
    path = ["/bundle/_internal"]
    assert launcher.add_gpu_site({"AIBOOK_GPU_SITE": str(site)}, path, tmp_path) == str(site)
    assert path == ["/bundle/_internal", str(site)]  # appended: the bundle's modules win
    assert launcher.add_gpu_site({}, path := ["x"], tmp_path) is None and path == ["x"]
    (tmp_path / launcher.GPU_SITE_DIR).mkdir()
    assert launcher.add_gpu_site({"AIBOOK_GPU_SITE": "/nope"}, path, tmp_path) == str(
        tmp_path / launcher.GPU_SITE_DIR
    )
    assert launcher.wants_cli("/opt/aibook/aibook", [])
    assert launcher.wants_cli("C:/AIBook/aibook-desktop.exe", ["doctor", "--json"])
    assert not launcher.wants_cli("/opt/aibook/aibook-desktop", ["--kiosk", "--supervised"])


def test_kiosk_unit_restarts_and_runs_supervised() -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read(PACKAGING / "linux" / "aibook-kiosk.service", encoding="utf-8")
    service = unit["Service"]
    assert service["Restart"] == "always"
    assert "cage" in service["ExecStart"] and "--kiosk --supervised" in service["ExecStart"]
    assert unit["Unit"]["StartLimitIntervalSec"] == "0"
    xsession = (PACKAGING / "linux" / "aibook-xsession").read_text(encoding="utf-8")
    assert "xset s off" in xsession and "xset -dpms" in xsession and "--supervised" in xsession
    assert os.access(PACKAGING / "linux" / "aibook-xsession", os.X_OK)
    ps1 = (PACKAGING / "windows" / "setup.ps1").read_text(encoding="utf-8")
    assert "CreateShortcut" in ps1 and '"--kiosk --supervised"' in ps1


# ---- the supervisor ---------------------------------------------------------------------------
CRASHY = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    runs = Path(sys.argv[1])
    runs.write_text(runs.read_text() + os.environ["AIBOOK_RESTARTS"] + ",")
    n = len(runs.read_text().split(",")) - 1
    if sys.argv[2] == "always":
        sys.exit(3)
    if n == 1:
        sys.exit(3)                      # a crash
    if n == 2 and hasattr(signal, "SIGKILL"):
        os.kill(os.getpid(), signal.SIGKILL)  # killed (e.g. the OOM killer)
    sys.exit(0)                          # the parent closed the app
    """
)


@pytest.fixture
def crashy(tmp_path: Path) -> tuple[Path, Path]:
    script = tmp_path / "crashy.py"
    script.write_text(CRASHY)
    runs = tmp_path / "runs.txt"
    runs.write_text("")
    return script, runs


def test_supervisor_restarts_a_crashing_child_until_it_exits_cleanly(
    crashy: tuple[Path, Path],
) -> None:
    script, runs = crashy
    exits: list[tuple[ChildExit, float | None]] = []
    policy = RestartPolicy(initial_delay_s=0.01, factor=3.0, max_delay_s=0.05)
    rc = supervise([sys.executable, str(script), str(runs), "twice"], policy,
                   on_exit=lambda e, d: exits.append((e, d)))  # fmt: skip
    assert rc == 0
    assert runs.read_text() == "0,1,2,"  # the child is told how often it was restarted
    codes = [e.returncode for e, _ in exits]
    assert codes[0] == 3 and codes[-1] == 0 and len(codes) == 3
    if sys.platform != "win32":
        assert codes[1] == -signal.SIGKILL
    assert [d for _, d in exits] == [0.01, pytest.approx(0.03), None]  # back-off, then done


def test_supervisor_gives_up_after_max_restarts(crashy: tuple[Path, Path]) -> None:
    script, runs = crashy
    policy = RestartPolicy(initial_delay_s=0.0, max_restarts=2)
    assert supervise([sys.executable, str(script), str(runs), "always"], policy) == 3
    assert runs.read_text() == "0,1,2,"


def test_back_off_starts_afresh_after_a_long_healthy_run(crashy: tuple[Path, Path]) -> None:
    script, runs = crashy
    ticks = iter(range(0, 10_000, 500))  # each run "lasts" 500 s by this clock
    delays: list[float | None] = []
    policy = RestartPolicy(initial_delay_s=0.01, stable_after_s=120, max_restarts=3)
    supervise([sys.executable, str(script), str(runs), "always"], policy,
              clock=lambda: float(next(ticks)), on_exit=lambda e, d: delays.append(d))  # fmt: skip
    assert delays == [0.01, 0.01, 0.01, None]


def test_stop_terminates_the_child_and_ends_supervision(tmp_path: Path) -> None:
    stop = threading.Event()
    children: list[subprocess.Popen[bytes]] = []

    def started(proc: subprocess.Popen[bytes]) -> None:
        children.append(proc)
        stop.set()

    rc = supervise([sys.executable, "-c", "import time; time.sleep(60)"], stop=stop,
                   started=started)  # fmt: skip
    assert children[0].poll() is not None  # not left running
    assert rc != 0 and len(children) == 1


FREEZY = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    runs = Path(sys.argv[1])
    runs.write_text(runs.read_text() + os.environ["AIBOOK_RESTARTS"] + ",")
    beat = Path(os.environ["AIBOOK_HEARTBEAT"])
    if os.environ["AIBOOK_RESTARTS"] == "0":
        for _ in range(3):
            beat.touch(); os.utime(beat); time.sleep(0.05)
        time.sleep(120)                  # the event loop froze: no more beats
    sys.exit(0)
    """
)


def test_a_frozen_app_is_killed_and_restarted(tmp_path: Path) -> None:
    script, runs = tmp_path / "freezy.py", tmp_path / "runs.txt"
    script.write_text(FREEZY)
    runs.write_text("")
    exits: list[ChildExit] = []
    policy = RestartPolicy(initial_delay_s=0.01, hang_after_s=0.5)
    rc = supervise([sys.executable, str(script), str(runs)], policy,
                   on_exit=lambda e, d: exits.append(e))  # fmt: skip
    assert rc == 0 and runs.read_text() == "0,1,"
    assert [e.returncode for e in exits] == [supervisor.HANG_EXIT_CODE, 0]
    assert exits[0].runtime_s < 60  # killed, not waited out (the child sleeps 120 s)


def test_a_child_that_never_beat_is_not_called_frozen(tmp_path: Path) -> None:
    """Start-up (or an old build without a heartbeat) is never mistaken for a freeze."""
    code = "import time; time.sleep(1.0)"
    exits: list[ChildExit] = []
    policy = RestartPolicy(hang_after_s=0.2)
    assert (
        supervise([sys.executable, "-c", code], policy, on_exit=lambda e, d: exits.append(e)) == 0
    )
    assert [e.returncode for e in exits] == [0]


def test_the_window_beats_from_its_event_loop(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from aibook_desktop.ui.heartbeat import Heartbeat

    assert Heartbeat.from_env() is None  # unsupervised: no file, no timer
    path = tmp_path / "beat"
    monkeypatch.setenv(supervisor.HEARTBEAT_ENV, str(path))
    heart = Heartbeat.from_env()
    assert heart is not None and heart.path == path and path.exists()
    heart._timer.setInterval(20)
    os.utime(path, (0, 0))  # as if the last beat were long ago
    qtbot.waitUntil(lambda: path.stat().st_mtime > 0, timeout=5000)


def test_child_command_and_gpu_fatal_errors() -> None:
    assert child_command(["--kiosk", "--supervised"]) == [
        sys.executable, "-m", "aibook_desktop", "--kiosk",
    ]  # fmt: skip
    assert supervisor.is_gpu_fatal(RuntimeError("CUDA error: an illegal memory access was met"))
    assert not supervisor.is_gpu_fatal(RuntimeError("CUDA out of memory. Tried to allocate"))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_python_m_aibook_desktop_supervised_end_to_end(aibook_home: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "AIBOOK_HOME": str(aibook_home)}
    proc = subprocess.Popen([sys.executable, "-m", "aibook_desktop", "--supervised"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    app_log = aibook_home / "logs" / "aibook.log"
    try:
        deadline = time.monotonic() + 60
        while not (app_log.exists() and app_log.stat().st_size) and time.monotonic() < deadline:
            time.sleep(0.1)  # wait for the app (the child) to write its first log line
        assert app_log.exists(), "the supervised app never started"
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)  # ends (raises TimeoutExpired if it hangs)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    text = (aibook_home / "logs" / "supervisor.log").read_text(encoding="utf-8")
    assert "stopping the app and the supervisor" in text
    assert "supervision ends" in text  # the child was terminated and waited for


# ---- logs -------------------------------------------------------------------------------------
@pytest.fixture
def root_logger() -> Iterator[logging.Logger]:
    """Give the test the root logger and put its handlers back afterwards."""
    root = logging.getLogger()
    saved, level = list(root.handlers), root.level
    yield root
    for handler in root.handlers:
        if handler not in saved:
            handler.close()
    root.handlers[:] = saved
    root.setLevel(level)
    logs.forget_child_data()


def test_logs_rotate_under_the_user_log_dir(root_logger: logging.Logger) -> None:
    path = logs.setup_logging(max_bytes=2_000, backups=2, stderr=False)
    assert path == paths.log_dir() / "aibook.log"
    assert logs.setup_logging(max_bytes=2_000, backups=2, stderr=False) == path
    assert (
        sum(isinstance(h, logging.handlers.RotatingFileHandler) for h in root_logger.handlers) == 1
    )
    log = logging.getLogger("aibook_desktop.test")
    for i in range(200):
        log.info("page %d drawn in 0.1 s", i)
    assert path.stat().st_size <= 2_000
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "aibook.log", "aibook.log.1", "aibook.log.2",
    ]  # fmt: skip


def test_childrens_data_never_reaches_the_log(root_logger: logging.Logger) -> None:
    path = logs.setup_logging(stderr=False)
    log = logging.getLogger("aibook_desktop.engine.test")
    logs.remember_child_data("a purple dragon named Bori", "Minji")
    log.info("making a book: %s", "a purple dragon named Bori")
    log.warning("hero Hero(kind='me', name='Minji') chosen")
    log.info("request theme=a cat who wants to fly pages=8 age=5")
    log.info('story json {"title": "The Moon Cat", "pages": 8}')
    log.info("heard %r", "우주에 가고 싶은 고양이")
    try:
        raise ValueError("could not draw minji's dragon")
    except ValueError:
        log.exception("page 3 failed")
    logs.forget_child_data()
    log.info("after the session: Minji again")  # pattern-free text is no longer known
    for handler in root_logger.handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    for secret in ("purple dragon", "Bori", "cat who wants", "Moon Cat", "우주", "고양이"):
        assert secret not in text
    assert "minji's dragon" not in text.lower()
    assert "pages=8 age=5" in text and "page 3 failed" in text and "ValueError" in text
    assert text.count(logs.REDACTED) >= 6
    assert "after the session: Minji again" in text


def test_the_booth_cannot_switch_to_another_terminal() -> None:
    """Issue #21: cage without -s, X11 with DontVTSwitch/DontZap, a real Windows kiosk script."""
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read(PACKAGING / "linux" / "aibook-kiosk.service", encoding="utf-8")
    command = unit["Service"]["ExecStart"].split(" -- ")[0].split()
    assert command[0].endswith("cage") and "-s" not in command
    conf = (PACKAGING / "linux" / "50-aibook-kiosk.conf").read_text(encoding="utf-8")
    assert 'Option "DontVTSwitch" "true"' in conf and 'Option "DontZap" "true"' in conf
    installer = (PACKAGING / "linux" / "install-kiosk.sh").read_text(encoding="utf-8")
    assert "50-aibook-kiosk.conf" in installer
    ps1 = (PACKAGING / "windows" / "kiosk-shell-launcher.ps1").read_text(encoding="utf-8")
    assert "WESL_UserSetting" in ps1 and "SetCustomShell" in ps1 and "--kiosk --supervised" in ps1
    assert "NOT tried" in ps1
