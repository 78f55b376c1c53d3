"""Codes are enums whose values are the old strings: old settings files and JSON still read."""

from __future__ import annotations

import json
from pathlib import Path

from aibook_desktop.engine.backend_names import PictureBackend, SpeechBackend, StoryBackend
from aibook_desktop.engine.doctor import Probes, run_checks
from aibook_desktop.engine.doctor.checks import KeyringState, keyring_state
from aibook_desktop.engine.errors import FailureCode
from aibook_desktop.engine.events import Failed, event_to_dict
from aibook_desktop.engine.messages import child_message
from aibook_desktop.engine.settings import Settings, load_settings, save_settings


def test_an_old_settings_file_loads_into_the_enums(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('story_backend = "openai"\npicture_backend = "sdxl"\n'
                    'speech_backend = "faster-whisper"\nlanguage = "en"\n')  # fmt: skip
    s = load_settings(path, env=False)
    assert s.story_backend is StoryBackend.OPENAI and s.picture_backend is PictureBackend.SDXL
    assert s.speech_backend is SpeechBackend.FASTER_WHISPER
    save_settings(s, path)  # written back as the same plain strings
    assert 'picture_backend = "sdxl"' in path.read_text()
    assert load_settings(path, env=False) == s


def test_an_unknown_backend_is_reset_to_the_default_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('picture_backend = "gpu"\nparent_pin_hash = "kept"\n')
    s = load_settings(path, env=False)
    assert s.picture_backend is PictureBackend.SKETCH and s.parent_pin_hash == "kept"
    bad = Settings(story_backend="gpt")  # type: ignore[arg-type]
    assert [name for name, _ in bad.problems()] == ["story_backend"]
    assert Settings(story_backend="openai").story_backend is StoryBackend.OPENAI  # type: ignore[arg-type]


def test_a_failure_code_is_the_old_string_on_the_wire() -> None:
    event = Failed("r", FailureCode.GPU_LOST, child_message(FailureCode.GPU_LOST, "en"))
    assert json.loads(json.dumps(event_to_dict(event)))["code"] == "gpu_lost"
    assert child_message("gpu_lost", "ko") == child_message(FailureCode.GPU_LOST, "ko")


def test_keyring_health_comes_from_the_backend_not_the_display_text() -> None:
    probes = Probes(keyring_backend=lambda: "acme.failsafe.Keyring", env={})
    assert keyring_state(probes)[0] is KeyringState.USABLE  # "fail" in a name is not a failure
    probes.keyring_backend = lambda: "keyring.backends.fail.Keyring"
    assert keyring_state(probes)[0] is KeyringState.NONE

    def broken() -> str:
        raise RuntimeError("dbus")

    probes.keyring_backend = broken
    assert keyring_state(probes) == (KeyringState.BROKEN, "RuntimeError")
    needs_key = Settings(story_backend=StoryBackend.OPENAI)
    got = {c.name: c for c in run_checks(needs_key, probes=probes)}
    assert not got["keyring"].ok


def test_the_cancelled_event_keeps_its_name_on_the_wire() -> None:
    from aibook_desktop.engine import cancel, events

    assert events.JobCancelled is not cancel.Cancelled and not hasattr(events, "Cancelled")
    assert event_to_dict(events.JobCancelled("b1")) == {"event": "Cancelled", "book_id": "b1"}
