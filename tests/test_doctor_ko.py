"""The doctor in Korean: every sentence has a translation, and the parent area shows it."""

from __future__ import annotations

import ast
import copy
import dataclasses
import json
import pickle
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from test_doctor import BAD_STATES, GPU, good, story_server  # noqa: F401 - fixtures
from test_ui_models import CPU_ONLY, GB, enter_parent_area

from aibook_desktop.engine import cli
from aibook_desktop.engine.doctor import Check, Probes, format_report, run_checks
from aibook_desktop.engine.models import DiskUsage
from aibook_desktop.engine.models.presets import ModelRole
from aibook_desktop.engine.models.verify import validate_folder
from aibook_desktop.engine.settings import Settings, reset_settings_cache
from aibook_desktop.engine.texts import KO, TABLES, T, Text, localize, placeholders
from aibook_desktop.ui.parent.diagnostics import NAME_ROLE, Diagnostics

PACKAGE = Path(__file__).resolve().parents[1] / "aibook_desktop"
# every module that builds doctor_text.T sentences
T_MODULES = (
    "engine/doctor/checks.py", "engine/hardware.py", "ui/parent/diagnostics.py",
    "engine/speech/voice_report.py",
)  # fmt: skip
TECH_WORDS = {"torch"}  # lower-case technical tokens allowed in a value-only template
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _calls(relpath: str) -> list[ast.Call]:
    tree = ast.parse((PACKAGE / relpath).read_text(encoding="utf-8"))
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)]


def _templates() -> dict[str, str]:
    """Every ``T("...")`` template in the code -> the file it is in."""
    found = {}
    for relpath in T_MODULES:
        for call in _calls(relpath):
            if call.func.id == "T":  # type: ignore[attr-defined]
                first = call.args[0]
                assert isinstance(first, ast.Constant) and isinstance(first.value, str), (
                    f"{relpath}:{call.lineno}: T() needs a literal template"
                )
                found[first.value] = relpath
    return found


def test_every_template_has_korean_with_the_same_placeholders() -> None:
    templates = _templates()
    assert len(templates) > 50
    missing = sorted(t for t in templates if t not in KO)
    assert not missing, missing
    for english, korean in KO.items():
        assert placeholders(korean) == placeholders(english), english
        if korean == english:  # value only: nothing a parent would read as English words
            words = re.findall(r"\b[a-z]{3,}\b", re.sub(r"\{[^}]*\}", "", english))
            assert set(words) <= TECH_WORDS, english
        else:
            assert HANGUL.search(korean), english
    assert not sorted(set(KO) - set(templates)), "stale Korean entries"
    assert TABLES["ko"] is KO


def test_doctor_sentences_are_never_plain_strings() -> None:
    """A literal or f-string passed as a detail/fix would stay English in the parent area."""
    for call in _calls("engine/doctor/checks.py"):
        name = call.func.id  # type: ignore[attr-defined]
        if name in ("Check", "_bad"):
            text_args = call.args[2:4] if name == "Check" else call.args[1:3]
            for arg in text_args:
                assert not isinstance(arg, (ast.Constant, ast.JoinedStr, ast.BinOp)), (
                    f"engine/doctor/checks.py:{call.lineno}: wrap the sentence in T(...)"
                )


def test_text_is_the_english_string_and_survives_copies() -> None:
    painter = T("the embedded painter")
    text = T("no CUDA GPU: {hardware}; pictures by {painter}", hardware=CPU_ONLY.summary_text,
             painter=painter)  # fmt: skip
    assert text == "no CUDA GPU: CPU only (2 cores); pictures by the embedded painter"
    assert isinstance(text, str) and hash(text) == hash(str(text))
    assert (
        localize(text, "ko")
        == "CUDA GPU가 없습니다: CPU만 사용 (코어 2개). 그림 담당: 기본 그림 도구"
    )
    assert localize(text, "en") == text and localize("plain", "ko") == "plain"
    assert localize(T("a sentence nobody translated"), "ko") == "a sentence nobody translated"
    assert localize(text, "fr") == text
    check = Check("gpu", True, text)
    for copied in (copy.deepcopy(text), pickle.loads(pickle.dumps(text)),
                   dataclasses.asdict(check)["detail"]):  # fmt: skip
        assert isinstance(copied, Text) and copied == text
        assert localize(copied, "ko") == localize(text, "ko")
    assert json.loads(json.dumps({"d": text})) == {"d": str(text)}


def test_a_broken_translation_falls_back_to_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(KO, "free disk space: books cannot be saved", "{nope} 확보하세요")
    text = T("free disk space: books cannot be saved")
    assert localize(text, "ko") == "free disk space: books cannot be saved"


def _is_value(text: str) -> bool:
    """Paths, versions, device names: the same in every language."""
    if not isinstance(text, Text):
        return True
    nested = [p for p in text.params.values() if isinstance(p, Text)]
    return KO.get(text.template) == text.template and all(map(_is_value, nested))


def _assert_korean(checks: list[Check]) -> None:
    for check in checks:
        for english in (check.detail, check.fix):
            korean = localize(english, "ko")
            assert _is_value(english) or HANGUL.search(korean), (check.name, english)
        if check.fix and not isinstance(check.fix, Text):  # only a bare command may stay
            assert check.fix.startswith(("sudo ", "pip ")), check.fix
        if not check.ok:  # a problem always comes with something a parent can read
            assert HANGUL.search(localize(check.detail, "ko") + localize(check.fix, "ko"))


EXTRA_STATES: list[Callable[[Settings, Probes], Settings]] = [
    lambda s, p: replace(s, picture_backend="openai", sdxl_base="", sdxl_safety_checker=""),
    lambda s, p: replace(
        s,
        story_backend="offline",
        picture_backend="sketch",
        sdxl_base="",
        sdxl_safety_checker="",
        whisper_adapter="",
    ),
]


@pytest.mark.parametrize("state", range(len(BAD_STATES) + len(EXTRA_STATES) + 1))
def test_every_doctor_row_is_korean(
    good: tuple[Settings, Probes],  # noqa: F811 - the fixture from test_doctor
    tmp_path: Path,
    state: int,
) -> None:
    settings, probes = good
    if 0 < state <= len(BAD_STATES):
        BAD_STATES[state - 1][2](settings, probes, tmp_path)
    elif state > len(BAD_STATES):
        settings = EXTRA_STATES[state - len(BAD_STATES) - 1](settings, probes)
        probes.hardware = lambda: replace(GPU, cuda=False)
        probes.env = {"OPENAI_API_KEY": "set"}
    checks = run_checks(settings, probes=probes, deep=state == 0)
    _assert_korean(checks)
    korean = format_report(checks, "ko")
    assert format_report(checks, "en") == format_report(checks)
    assert korean.splitlines()[-1] == format_report(checks).splitlines()[-1]  # layout stays
    for check in checks:  # a broken model folder reads exactly as the model check says
        folder = Path(getattr(settings, check.name.removeprefix("model:"), "") or "/nowhere")
        if check.name.startswith("model:") and not check.ok and folder.is_dir():
            role = ModelRole(check.name.removeprefix("model:"))
            assert check.detail == validate_folder(role, folder).describe()


def test_cli_doctor_speaks_the_settings_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIBOOK_LANGUAGE", "ko")
    reset_settings_cache()
    try:
        cli.main(["doctor"])
        assert HANGUL.search(capsys.readouterr().out)
        cli.main(["doctor", "--lang", "en"])
        english = capsys.readouterr().out
        assert not HANGUL.search(english) and "AI-Book doctor:" in english
        cli.main(["doctor", "--json"])  # JSON is for programs: English
        assert not HANGUL.search(capsys.readouterr().out)
    finally:
        reset_settings_cache()


def _rows(page) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    items = [page.checks.item(i) for i in range(page.checks.count())]
    return [(it.data(NAME_ROLE), it.data(Qt.ItemDataRole.UserRole), it.text()) for it in items]


def test_diagnostics_tab_follows_the_ui_language(qtbot, open_window) -> None:
    window = open_window(Settings(language="ko", pages=4, picture_size=64), gate_hold_ms=40)
    window.bridge.models.doctor_probes = Probes(
        hardware=lambda: CPU_ONLY,
        torch_versions=lambda: None,
        audio_devices=lambda: [{"name": "Speakers", "max_output_channels": 2}],
        keyring_backend=lambda: "keyring.backends.Memory",
        disk_usage=lambda _path: DiskUsage(10 * GB, 9 * GB, 100 * 10**6),
    )
    enter_parent_area(qtbot, window)
    area = window.parent_area
    area.tabs.setCurrentWidget(area.diagnostics)
    page = area.diagnostics
    qtbot.waitUntil(lambda: page.checks.count() > 0, timeout=30_000)
    page.show_info(
        Diagnostics(
            CPU_ONLY.summary_text,
            False,
            False,
            "offline",
            "sketch",
            models=(("sdxl_base", "", "unset"),),
            microphone_problem=T("no input device"),
            problem=T("the engine is not running"),
        ),
        [],
        [],
    )
    rows = _rows(page)
    assert {"microphone", "disk"} <= {name for name, role, _ in rows if role in ("warn", "FAIL")}
    for name, role, text in rows:
        assert HANGUL.search(text.split(":")[0]), text  # the title
        if role == "fix":
            assert text.strip().startswith("해결 방법:"), text
        if role in ("warn", "FAIL", "fix") or name in ("torch", "disk", "gpu"):
            assert HANGUL.search(text.split(":", 1)[1]), text  # the sentence itself
    mic = [text for name, _, text in rows if name == "microphone"]
    assert mic == ["⚠  마이크: 입력 장치(마이크)를 찾지 못했습니다",
                   "      해결 방법: USB 마이크나 헤드셋을 연결하고 음소거를 해제하세요"]  # fmt: skip
    info = page.text.toPlainText()
    assert "CPU만 사용 (코어 2개)" in info and "입력 장치가 없습니다" in info
    assert "엔진이 실행되고 있지 않습니다" in info and "SDXL 기본 모델" in info

    window.set_language("en")
    qtbot.waitUntil(lambda: not HANGUL.search(" ".join(t for *_, t in _rows(page))))
    english = [text for name, _, text in _rows(page) if name == "microphone"]
    assert english == ["⚠  Microphone: no input device found",
                       "      Fix: plug in a USB microphone or headset and unmute it"]  # fmt: skip
    info = page.text.toPlainText()
    assert "CPU only (2 cores)" in info and "the engine is not running" in info
    assert not HANGUL.search(info)
    window.set_language("ko")
    qtbot.waitUntil(lambda: _rows(page)[-1][2] == rows[-1][2])
    assert _rows(page) == rows  # and back, the same rows
