"""The bridges' thread rules, tested on the bridges themselves (no window).

State a main-thread method reads is only ever changed on the main thread (the models bridge's
download token), and what two threads share is locked (the voice bridge's recorder and
recogniser): a reset on the engine thread never leaves a recording running.
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QObject, Qt, Slot
from test_ui_voice import FakeMic

from aibook_desktop.engine.audio import Recorder
from aibook_desktop.engine.audio.capture import RecordStatus
from aibook_desktop.engine.settings import Settings
from aibook_desktop.engine.speech.base import Transcript
from aibook_desktop.ui.bridge import EngineBridge
from aibook_desktop.ui.voice_bridge import VoiceBridge

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("Timers cannot be stopped from another")]


class _Page(QObject):
    """A main-thread receiver, as the models page is: notes whether the bridge was still busy."""

    def __init__(self, models: Any) -> None:
        super().__init__()
        self.models, self.heard = models, list[tuple[str, bool]]()

    @Slot(str, list)
    def downloaded(self, preset_id: str, _installed: list[Any]) -> None:
        self.heard.append((preset_id, self.models.downloading))


def test_a_finished_download_frees_the_models_bridge_on_the_main_thread(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    bridge = EngineBridge(Settings(language="en"))
    models = bridge.models
    sent = threading.Event()
    models.download_fn = lambda preset, **kwargs: (None, [])
    # runs on the engine thread the moment it reports the end; the main thread is still waiting
    models.downloaded.connect(lambda *_: sent.set(), Qt.ConnectionType.DirectConnection)
    page = _Page(models)
    models.downloaded.connect(page.downloaded)  # queued: the page lives on the main thread
    try:
        assert models.download("cpu")
        assert sent.wait(60), "the download never ended"
        # The main thread has not heard the end yet: the bridge is still busy with this one,
        # so a second download cannot start and be taken for the end of the first.
        assert models.downloading
        assert not models.download("cpu")
        qtbot.waitUntil(lambda: page.heard == [("cpu", False)], timeout=10_000)  # free by then
    finally:
        bridge.shutdown()


class _Recogniser:
    """The speech recogniser protocol, the smallest one that says yes to English."""

    name = "test"

    def supports(self, lang: str) -> bool:
        return lang == "en"

    def warm_up(self) -> None:
        pass

    def transcribe(self, samples: np.ndarray, lang: str) -> Transcript:
        return Transcript("a duck", 0.9, lang, 0.0, 1.0, self.name, 0.0)


def test_a_reset_during_start_recording_never_leaves_a_recording_running(qapp) -> None:  # type: ignore[no-untyped-def]
    entered, release = threading.Event(), threading.Event()
    made: list[Recorder] = []

    class SlowToOpen(Recorder):
        """The real recorder, held up while it is being made (as a slow sound system is)."""

        def __init__(self, **kwargs: Any) -> None:
            entered.set()
            assert release.wait(10)
            super().__init__(**kwargs)
            made.append(self)

    voice = VoiceBridge()
    voice.install(SlowToOpen, _Recogniser(), Settings())
    voice.stream_factory = lambda: FakeMic(np.zeros(16_000 * 60, np.float32))
    assert voice.available
    starter = threading.Thread(target=voice.start_recording, args=("push", "en"))
    starter.start()
    assert entered.wait(10)
    resetter = threading.Thread(target=voice.reset)  # new settings, on the engine thread
    resetter.start()
    resetter.join(0.3)  # locked: it waits for start_recording; unlocked: it is already done
    release.set()
    starter.join(10)
    resetter.join(10)
    assert not voice.available
    result = made[0].wait(5)
    assert result is not None, "a recording outlived the reset"
    assert result.status == RecordStatus.CANCELLED


def test_a_cancelled_redraw_says_so_with_its_own_signal(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    from test_ui_models import _shelve

    book_id = _shelve("Redraw me")
    bridge = EngineBridge(Settings(language="en"))
    failed: list[tuple[str, int, str]] = []
    bridge.redrawFailed.connect(lambda b, i, m: failed.append((b, i, m)))
    try:
        with qtbot.waitSignal(bridge.redrawCancelled, timeout=60_000) as blocker:
            assert bridge.redraw_page(book_id, 0)
            bridge.cancel()  # set at once; the engine thread sees it before it draws
        assert blocker.args == [book_id, 0]
        qtbot.waitUntil(lambda: not bridge.busy, timeout=10_000)
        assert failed == []  # a stop is not a failure (it used to be a failure with "")
    finally:
        bridge.shutdown()
