"""Settings: defaults, TOML round trip, env overrides, broken files and migration."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aibook_desktop.engine import paths
from aibook_desktop.engine.settings import (
    UNREADABLE_PIN,
    Settings,
    SettingsError,
    get_settings,
    load_settings,
    reset_settings_cache,
    save_settings,
)


def test_defaults_live_under_aibook_home(aibook_home: Path) -> None:
    assert paths.settings_file() == aibook_home / "config" / "settings.toml"
    assert paths.library_db().parent == aibook_home / "data"
    settings = load_settings()
    assert settings == Settings()
    assert (settings.language, settings.pages, settings.age) == ("ko", 8, 7)


def test_round_trip_is_atomic_and_typed(aibook_home: Path) -> None:
    save_settings(Settings(language="en", pages=6, kiosk=True, openai_base_url="http://x"))
    text = paths.settings_file().read_text(encoding="utf-8")
    assert 'language = "en"' in text and "schema_version = 1" in text
    assert not list(paths.config_dir().glob("*.tmp"))
    assert load_settings() == Settings(
        language="en", pages=6, kiosk=True, openai_base_url="http://x"
    )


def test_env_overrides_file(monkeypatch: pytest.MonkeyPatch) -> None:
    save_settings(Settings(language="ko", kiosk=False))
    monkeypatch.setenv("AIBOOK_LANGUAGE", "en")
    monkeypatch.setenv("AIBOOK_KIOSK", "yes")
    monkeypatch.setenv("AIBOOK_PAGES", "5")
    s = load_settings()
    assert (s.language, s.kiosk, s.pages) == ("en", True, 5)


@pytest.mark.parametrize(
    ("name", "raw"), [("PAGES", "many"), ("PAGES", "abc"), ("KIOSK", "maybe"), ("AGE", "1e400")]
)
def test_bad_env_value_is_named_and_ignored_like_a_bad_file_value(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, name: str, raw: str
) -> None:
    """Issue #15: AIBOOK_PAGES=abc used to crash every command; a bad value in the file never
    did. Now both log the field and keep the rest (the file's kiosk mode and PIN survive)."""
    save_settings(Settings(kiosk=True, pages=6, parent_pin_hash="x"))
    monkeypatch.setenv(f"AIBOOK_{name}", raw)
    s = load_settings()
    assert (s.kiosk, s.pages, s.parent_pin_hash) == (True, 6, "x")
    assert f"AIBOOK_{name}" in caplog.text and name.lower() in caplog.text


def test_schema_version_that_is_not_a_number_keeps_the_file() -> None:
    paths.settings_file().write_text('schema_version = "x"\npages = 5\n', encoding="utf-8")
    assert load_settings().pages == 5


def test_broken_file_falls_back_to_defaults_with_the_gate_shut() -> None:
    paths.settings_file().write_text("language = [unclosed", encoding="utf-8")
    # defaults, except the PIN: an unreadable file must never let the next person choose one
    assert load_settings() == Settings(parent_pin_hash=UNREADABLE_PIN)


def test_out_of_range_values_fall_back_to_defaults() -> None:
    paths.settings_file().write_text("pages = 99\n", encoding="utf-8")
    assert load_settings().pages == 8


def test_one_bad_value_resets_only_itself_so_a_kiosk_keeps_its_pin() -> None:
    paths.settings_file().write_text(
        'pages = 99\nkiosk = true\nparent_pin_hash = "pbkdf2$x"\nlanguage = "en"\n'
        "openai_retries = 50\n",
        encoding="utf-8",
    )
    s = load_settings()
    assert (s.pages, s.openai_retries) == (8, 2)
    assert (s.kiosk, s.parent_pin_hash, s.language) == (True, "pbkdf2$x", "en")
    assert s.problems() == []


def test_unknown_keys_are_dropped_and_bad_types_use_defaults() -> None:
    paths.settings_file().write_text(
        'schema_version = 0\nold_option = 1\nage = "five"\nlanguage = "en"\n', encoding="utf-8"
    )
    s = load_settings()
    assert (s.schema_version, s.age, s.language) == (1, 7, "en")


def test_save_refuses_invalid_settings() -> None:
    with pytest.raises(SettingsError):
        save_settings(Settings(language="fr"))
    assert not paths.settings_file().exists()


def test_get_settings_is_cached_until_reset(monkeypatch: pytest.MonkeyPatch) -> None:
    reset_settings_cache()
    first = get_settings()
    assert get_settings() is first
    monkeypatch.setenv("AIBOOK_LANGUAGE", "en")
    reset_settings_cache()
    assert get_settings().language == "en"
    reset_settings_cache()


def test_real_user_dirs_are_not_touched(aibook_home: Path) -> None:
    assert os.environ["AIBOOK_HOME"] == str(aibook_home)
    assert str(paths.data_dir()).startswith(str(aibook_home))


def test_update_writes_only_the_changed_fields_and_keeps_the_rest() -> None:
    """Issue #21: env overrides never reach the file; a bad old value does not block a change."""
    from aibook_desktop.engine.settings import changed_fields, update_settings_file

    paths.settings_file().write_text('pages = "lots"\nage = 5\n', encoding="utf-8")
    update_settings_file({"language": "en"})
    text = paths.settings_file().read_text(encoding="utf-8")
    assert 'language = "en"' in text and "age = 5" in text and 'pages = "lots"' in text
    with pytest.raises(SettingsError):
        update_settings_file({"language": "fr"})
    with pytest.raises(SettingsError):
        update_settings_file({"no_such_field": 1})
    before, after = Settings(), Settings(pages=6)
    assert changed_fields(before, after) == {"pages": 6}
    paths.settings_file().write_bytes(b"\xff broken")
    with pytest.raises(SettingsError):  # never overwrite a file that may hold the only PIN
        update_settings_file({"language": "en"})
    assert paths.settings_file().read_bytes() == b"\xff broken"
