"""Settings reach the engine whole: every backend field rebuilds it, and it reads its own copy.

The parent area used to copy a saved form into the window's Settings field by field while the
engine thread read that very object, and a hand-kept list of "engine fields" missed
``openai_image_model`` (a new image model was ignored until the app restarted).
"""

from __future__ import annotations

import dataclasses

import pytest

from aibook_desktop.engine.settings import Settings
from aibook_desktop.ui.window_grownups import ENGINE_FIELDS

# A started engine thread that closes without a book logs this from Qt (seen before this change
# too, with any open_window(start=True) that ends without making a book); not what we test.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("Timers cannot be stopped from another")]


def test_a_new_image_model_rebuilds_the_engine(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window(start=True)
    bridge = window.bridge
    qtbot.waitUntil(lambda: bridge.settings is not None and not bridge.busy)
    with qtbot.waitSignal(bridge.booksListed, timeout=20_000):
        bridge.list_books()  # the engine is built
    new = dataclasses.replace(window.settings, openai_image_model="gpt-image-1-mini")
    assert window.apply_settings(new)
    with qtbot.waitSignals([bridge.engineReady, bridge.booksListed], timeout=20_000):
        bridge.list_books()  # built again, with the new model
    assert bridge.settings is not None
    assert bridge.settings.openai_image_model == "gpt-image-1-mini"


def test_a_per_book_setting_reaches_the_engine_without_a_rebuild(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window(start=True)
    bridge = window.bridge
    with qtbot.waitSignal(bridge.booksListed, timeout=20_000):
        bridge.list_books()
    rebuilt: list[bool] = []
    bridge.engineReady.connect(lambda: rebuilt.append(True))
    assert window.apply_settings(dataclasses.replace(window.settings, pages=6))
    qtbot.waitUntil(lambda: bridge.settings is not None and bridge.settings.pages == 6)
    with qtbot.waitSignal(bridge.booksListed, timeout=20_000):
        bridge.list_books()
    assert rebuilt == []


def test_the_engine_reads_its_own_copy_never_the_windows(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    bridge = window.bridge
    handed = bridge.settings
    assert handed is not None and handed is not window.settings
    window.settings.pages = 11  # the parent area's form, still being edited on the main thread
    assert handed.pages == 4
    assert window.apply_settings(dataclasses.replace(window.settings, pages=9))
    assert handed.pages == 4  # a hand-off is a new object; the old one is never changed
    assert bridge.settings is not None and bridge.settings.pages == 9


def test_the_engine_field_set_is_derived_from_the_schema() -> None:
    names = {f.name for f in dataclasses.fields(Settings)}
    assert names >= ENGINE_FIELDS
    # every model, key and backend choice is an engine field, including later additions
    for name in names:
        if name.startswith(("openai_", "sdxl_", "whisper_", "ip_adapter")) or name.endswith(
            "_backend"
        ):
            assert name in ENGINE_FIELDS, name
