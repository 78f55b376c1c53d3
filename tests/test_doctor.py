"""Every doctor check in a good and a bad state (probes injected at the hardware edge only)."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from safetensors.numpy import save_file

from aibook_desktop.engine import cli, paths
from aibook_desktop.engine.doctor import Check, Probes, format_report, has_blocking, run_checks
from aibook_desktop.engine.hardware import HardwareInfo
from aibook_desktop.engine.models import DiskUsage, import_folder
from aibook_desktop.engine.settings import Settings, reset_settings_cache

GPU = HardwareInfo(8, "x86_64", torch_installed=True, cuda=True, gpu_name="RTX 4070", vram_gb=12.0)
DEVICES = [
    {"name": "USB Mic", "max_input_channels": 1, "max_output_channels": 0},
    {"name": "HDMI Speakers", "max_input_channels": 0, "max_output_channels": 2},
]


@pytest.fixture
def story_server() -> Iterator[str]:
    """A local stand-in for the story server: the network check must reach 127.0.0.1 only."""

    class Quiet(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _lora(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "adapter_config.json").write_text('{"r": 8}')
    save_file({"w": np.arange(256, dtype=np.float32)}, str(folder / "adapter_model.safetensors"))
    return folder


def _sdxl(folder: Path) -> Path:
    files = ["model_index.json", "scheduler/scheduler_config.json"]
    for part, weights in [("unet", "diffusion_pytorch_model"), ("vae", "diffusion_pytorch_model"),
                          ("text_encoder", "model"), ("text_encoder_2", "model")]:  # fmt: skip
        files += [f"{part}/config.json", f"{part}/{weights}.fp16.safetensors"]
    files += [
        f"{t}/{n}" for t in ("tokenizer", "tokenizer_2") for n in ("vocab.json", "merges.txt")
    ]
    for rel in files:
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        if rel.endswith(".safetensors"):
            save_file({"w": np.zeros(8, dtype=np.float32)}, str(folder / rel))
        else:
            (folder / rel).write_text("{}")
    return folder


def _safety_checker(folder: Path) -> Path:
    """The files of CompVis/stable-diffusion-safety-checker (tiny weights)."""
    folder.mkdir(parents=True)
    for name in ("config.json", "preprocessor_config.json"):
        (folder / name).write_text("{}")
    save_file({"w": np.zeros(8, dtype=np.float32)}, str(folder / "model.safetensors"))
    return folder


def _ct2_whisper(folder: Path) -> Path:
    """A multilingual CTranslate2 Whisper folder as the doctor sees it (it never loads one)."""
    folder.mkdir(parents=True)
    (folder / "config.json").write_text("{}")
    (folder / "model.bin").write_bytes(b"\x06\x00\x00\x00")
    tokens = [f"t{i}" for i in range(51865)]  # multilingual size (tiny.en has 51864)
    (folder / "vocabulary.json").write_text(json.dumps(tokens))
    return folder


@pytest.fixture
def good(tmp_path: Path, story_server: str) -> tuple[Settings, Probes]:
    adapter = import_folder("whisper_adapter", _lora(tmp_path / "usb"))
    settings = Settings(
        story_backend="openai",
        openai_base_url=story_server,
        picture_backend="sdxl",
        sdxl_base=str(_sdxl(tmp_path / "sdxl-base")),
        sdxl_safety_checker=str(_safety_checker(tmp_path / "safety-checker")),
        model_preset="gpu12",
        whisper_model=str(_ct2_whisper(tmp_path / "whisper-multilingual")),
        whisper_adapter=str(adapter.folder),
    )
    probes = Probes(
        python_version=lambda: (3, 11, 7),
        has_module=lambda name: True,
        find_library=lambda name: f"lib{name}.so",
        load_library=lambda soname: True,
        which=lambda name: f"/usr/bin/{name}",
        platform="linux",
        hardware=lambda: GPU,
        torch_versions=lambda: ("2.5.1+cu124", "12.4"),
        audio_devices=lambda: [dict(d) for d in DEVICES],
        disk_usage=lambda _p: DiskUsage(10**12, 0, 10**12),
        keyring_backend=lambda: "keyring.backends.SecretService.Keyring",
        env={},
        timeout_s=2.0,
    )
    return settings, probes


def _by_name(checks: list[Check]) -> dict[str, Check]:
    return {c.name: c for c in checks}


def test_a_good_machine_is_ready(good: tuple[Settings, Probes]) -> None:
    settings, probes = good
    checks = run_checks(settings, probes=probes)
    assert all(c.ok and not c.fix for c in checks), format_report(checks)
    names = [c.name for c in checks]
    assert names == [
        "python", "qt", "torch", "gpu", "model:sdxl_base", "model:sdxl_safety_checker",
        "model:whisper_model", "model:whisper_adapter", "picture_mode", "microphone", "speakers",
        "voice:ko", "voice:en", "read-aloud", "fonts", "disk", "keyring", "network",
    ]  # fmt: skip
    got = _by_name(checks)
    assert got["gpu"].detail == "RTX 4070, 12 GB"
    assert "CUDA 12.4" in got["torch"].detail
    assert got["microphone"].detail == "USB Mic" and got["speakers"].detail == "HDMI Speakers"
    assert "reachable" in got["network"].detail
    assert not has_blocking(checks)
    assert format_report(checks).endswith("AI-Book doctor: ready")
    deep = _by_name(run_checks(settings, probes=probes, deep=True))
    assert deep["model:whisper_adapter"].detail.endswith("checksums verified)")


def test_sdxl_without_an_image_safety_model_is_a_warning(good: tuple[Settings, Probes]) -> None:
    settings, probes = good
    checks = run_checks(replace(settings, sdxl_safety_checker=""), probes=probes)
    got = _by_name(checks)["image_safety"]
    assert not got.ok and "unchecked" in got.detail and "sdxl_safety_checker" in got.fix
    assert not got.blocking and not has_blocking(checks)  # a warning: the parent decides
    assert "aibook models download gpu12 --yes" in got.fix  # the preset in use has the model
    names = [c.name for c in checks]
    assert (
        names.index("model:sdxl_base")
        < names.index("image_safety")
        < names.index("model:whisper_adapter")
    )
    # no SDXL pictures, nothing to check: no warning
    sketch = run_checks(replace(settings, sdxl_safety_checker="", picture_backend="sketch"),
                        probes=probes)  # fmt: skip
    assert "image_safety" not in _by_name(sketch)


def _raise(exc: BaseException) -> Callable[..., Any]:
    def probe(*_a: object, **_k: object) -> Any:
        raise exc

    return probe


def _not_a_font(tmp_path: Path) -> list[Path]:
    bad = tmp_path / "font.ttf"
    bad.write_bytes(b"<html>404</html>")
    return [bad]


# (check, status, what to change) -- status FAIL is blocking, warn is not
BAD_STATES: list[tuple[str, str, Callable[[Settings, Probes, Path], object]]] = [
    ("python", "FAIL", lambda s, p, t: setattr(p, "python_version", lambda: (3, 9, 2))),
    ("qt", "FAIL", lambda s, p, t: setattr(p, "has_module", lambda name: name != "PySide6")),
    ("qt-libs", "FAIL", lambda s, p, t: setattr(p, "load_library", lambda name: "icccm" not in name)),
    ("torch", "FAIL", lambda s, p, t: setattr(p, "torch_versions", lambda: None)),
    ("gpu", "FAIL", lambda s, p, t: setattr(p, "hardware", lambda: replace(GPU, cuda=False))),
    ("gpu", "warn", lambda s, p, t: setattr(p, "hardware", lambda: replace(GPU, vram_gb=8.0))),
    ("model:sdxl_base", "FAIL", lambda s, p, t: setattr(s, "sdxl_base", "")),
    ("model:sdxl_base", "FAIL", lambda s, p, t: Path(
        s.sdxl_base, "unet", "diffusion_pytorch_model.fp16.safetensors").unlink()),
    ("model:sdxl_refiner", "FAIL", lambda s, p, t: setattr(s, "sdxl_refiner", str(t / "gone"))),
    ("model:sdxl_safety_checker", "FAIL", lambda s, p, t: Path(
        s.sdxl_safety_checker, "model.safetensors").unlink()),
    ("model:sdxl_safety_checker", "FAIL", lambda s, p, t: setattr(
        s, "sdxl_safety_checker", str(t / "unplugged-usb"))),
    ("image_safety", "warn", lambda s, p, t: setattr(s, "sdxl_safety_checker", "")),
    ("model:whisper_adapter", "FAIL", lambda s, p, t: (
        Path(s.whisper_adapter, "adapter_config.json").write_text("{broken"))),
    ("microphone", "warn", lambda s, p, t: setattr(p, "audio_devices", lambda: DEVICES[1:])),
    ("microphone,speakers", "warn", lambda s, p, t: setattr(
        p, "audio_devices", _raise(OSError("PortAudio library not found")))),
    ("speakers", "warn", lambda s, p, t: setattr(p, "audio_devices", lambda: DEVICES[:1])),
    ("read-aloud", "warn", lambda s, p, t: setattr(p, "which", lambda name: None)),
    ("fonts", "FAIL", lambda s, p, t: setattr(p, "font_files", lambda: _not_a_font(t))),
    ("fonts", "FAIL", lambda s, p, t: setattr(
        p, "font_files", _raise(FileNotFoundError("missing resource: fonts/x.ttf")))),
    ("disk", "FAIL", lambda s, p, t: setattr(p, "disk_usage", lambda _p: DiskUsage(1, 1, 10**8))),
    ("disk", "warn", lambda s, p, t: setattr(p, "disk_usage", lambda _p: DiskUsage(1, 1, 10**9))),
    ("disk", "FAIL", lambda s, p, t: setattr(p, "data_dir", lambda: t / "no" / "such" / "dir")),
    ("keyring", "warn", lambda s, p, t: setattr(
        p, "keyring_backend", lambda: "keyring.backends.fail.Keyring")),
    ("network", "warn", lambda s, p, t: setattr(
        s, "openai_base_url", f"http://127.0.0.1:{_closed_port()}/v1")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "status", "break_it"),
    BAD_STATES,
    ids=[f"{n}-{s}-{i}" for i, (n, s, _) in enumerate(BAD_STATES)],
)
def test_each_problem_is_found_with_its_fix(
    good: tuple[Settings, Probes],
    tmp_path: Path,
    name: str,
    status: str,
    break_it: Callable[[Settings, Probes, Path], object],
) -> None:
    settings, probes = good
    break_it(settings, probes, tmp_path)
    checks = run_checks(settings, probes=probes)
    bad = [c for c in checks if not c.ok]
    assert [c.name for c in bad] == name.split(","), format_report(checks)
    for problem in bad:
        assert problem.status == status
        assert problem.fix and "\n" not in problem.fix and problem.detail
        assert f"fix: {problem.fix}" in format_report(checks)
    assert has_blocking(checks) is (status == "FAIL")


def test_a_converted_whisper_needs_no_torch(good: tuple[Settings, Probes], tmp_path: Path) -> None:
    settings, probes = good
    settings.picture_backend = "sketch"
    probes.torch_versions = lambda: None
    ct2 = tmp_path / "whisper-ct2"
    ct2.mkdir()
    (ct2 / "config.json").write_text("{}")
    (ct2 / "vocabulary.json").write_text("[]")
    (ct2 / "model.bin").write_bytes(b"ct2 weights")
    settings.whisper_model = str(ct2)
    got = _by_name(run_checks(settings, probes=probes))
    assert got["torch"].ok and got["model:whisper_model"].ok, got["torch"].detail
    hf = tmp_path / "whisper-hf"  # a transformers checkpoint does need torch
    hf.mkdir()
    (hf / "config.json").write_text("{}")
    (hf / "tokenizer.json").write_text("{}")
    save_file({"w": np.zeros(8, dtype=np.float32)}, str(hf / "model.safetensors"))
    settings.whisper_model = str(hf)
    assert _by_name(run_checks(settings, probes=probes))["torch"].status == "FAIL"


def test_keyring_and_network_are_not_asked_when_not_needed(
    good: tuple[Settings, Probes],
) -> None:
    settings, probes = good
    settings.story_backend = "offline"
    probes.keyring_backend = lambda: "keyring.backends.fail.Keyring"
    probes.connect = _raise(AssertionError("the doctor must not go online for offline stories"))
    got = _by_name(run_checks(settings, probes=probes))
    assert got["keyring"].ok and got["network"].ok and "not needed" in got["network"].detail
    settings.story_backend = "openai"
    probes.env = {"OPENAI_API_KEY": "set"}
    probes.connect = lambda host, port, timeout: None
    assert _by_name(run_checks(settings, probes=probes))["keyring"].ok


def test_cli_doctor_json_and_exit_code(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    reset_settings_cache()
    assert cli.main(["doctor", "--json"]) == 0  # this CI machine: no GPU, no mic -> warnings
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True
    assert {c["name"] for c in report["checks"]} >= {"python", "gpu", "fonts", "disk", "network"}
    assert (
        str(paths.data_dir()) in next(c for c in report["checks"] if c["name"] == "disk")["detail"]
    )

    monkeypatch.setenv("AIBOOK_SDXL_BASE", "/nowhere/sdxl-base")
    reset_settings_cache()
    try:
        assert cli.main(["doctor"]) == 1
    finally:
        reset_settings_cache()
    out = capsys.readouterr().out
    assert "FAIL  model:sdxl_base" in out and "fix: " in out
    assert out.rstrip().endswith("blocking problems found")


def test_doctor_says_which_picture_mode_runs(good: tuple[Settings, Probes], tmp_path: Path) -> None:
    """Issue #17: quality, fast or instant, and what a few-step mode still lacks."""
    settings, probes = good
    got = _by_name(run_checks(settings, probes=probes))["picture_mode"]
    assert got.ok and str(got.detail) == "quality: SDXL base + refiner, 25 steps"
    settings.sdxl_mode = "fast"
    got = _by_name(run_checks(settings, probes=probes))["picture_mode"]
    assert not got.ok and got.blocking and "aibook models download fast --yes" in str(got.fix)
    settings.sdxl_lora = str(tmp_path)
    got = _by_name(run_checks(settings, probes=probes))["picture_mode"]
    assert got.ok and "Hyper-SDXL-8steps-CFG-lora.safetensors, 8 steps, no refiner" in str(
        got.detail
    )
    settings.sdxl_mode, settings.sdxl_safety_checker = "instant", ""
    got = _by_name(run_checks(settings, probes=probes))["picture_mode"]
    assert not got.ok and "image safety check" in str(got.detail)
    from aibook_desktop.engine.texts import localize

    assert "안전 검사" in localize(got.detail, "ko")
