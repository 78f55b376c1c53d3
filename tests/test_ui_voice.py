"""The theme screen's microphone: tap or hold, a moving level meter, "Did you say ...?"."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from aibook_desktop.ui.app import MainWindow, setup_application
from aibook_desktop.ui.screens import ThemeScreen
from aibook_desktop.ui.widgets.level_meter import level_fraction

VOICE_TIMEOUT = 90_000


def click(qtbot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName() or button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def theme(qtbot) -> ThemeScreen:
    setup_application()
    screen = ThemeScreen()
    qtbot.add_widget(screen)
    screen.resize(1280, 800)
    screen.set_voice_available(True)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def test_tap_listen_confirm_and_go(qtbot, theme: ThemeScreen) -> None:
    said: list[str] = []
    theme.sayRequested.connect(said.append)
    assert theme.mic_button.width() >= 120 and theme.mic_button.height() >= 120
    with qtbot.wait_signal(theme.listenRequested) as started:
        qtbot.mousePress(theme.mic_button, Qt.MouseButton.LeftButton)
    assert started.args == ["tap"] and theme.voice_state == "listening"
    with qtbot.assertNotEmitted(theme.stopListeningRequested):
        qtbot.mouseRelease(theme.mic_button, Qt.MouseButton.LeftButton)  # a tap: it stops itself
    theme.on_level(0.2)
    assert theme.meter.lit_bars() > 0
    theme.on_recording_done("ok", 1.4, "")
    assert theme.voice_state == "thinking" and not theme.mic_button.isEnabled()
    theme.on_transcribed("a dragon who likes cake", 0.8, "")
    assert theme.confirm.isVisible() and theme.confirm.heard.text() == "“a dragon who likes cake”"
    assert said == ["Did you say: a dragon who likes cake?"]
    with qtbot.wait_signal(theme.themeChosen) as chosen:
        click(qtbot, theme.confirm.yes_button)
    assert chosen.args == ["a dragon who likes cake", "voice"]


def test_hold_to_talk_and_try_again(qtbot, theme: ThemeScreen) -> None:
    theme.hold_ms = 0  # any press counts as held: releasing ends the recording
    qtbot.mousePress(theme.mic_button, Qt.MouseButton.LeftButton)
    with qtbot.wait_signal(theme.stopListeningRequested):
        qtbot.mouseRelease(theme.mic_button, Qt.MouseButton.LeftButton)
    theme.on_recording_done("ok", 2.0, "")
    theme.on_transcribed("a rabit", 0.5, "")
    with qtbot.wait_signal(theme.listenRequested) as again:
        click(qtbot, theme.confirm.again_button)
    assert again.args == ["tap"] and theme.voice_state == "listening"
    assert not theme.confirm.isVisible()


def test_kind_words_for_silence_and_no_microphone(qtbot, theme: ThemeScreen) -> None:
    said: list[str] = []
    theme.sayRequested.connect(said.append)
    qtbot.mouseClick(theme.mic_button, Qt.MouseButton.LeftButton)
    theme.on_recording_done("silent", 0.0, "I couldn't hear you. Let's try again!")
    assert theme.voice_state == "problem" and theme.voice_picture.isVisible()
    assert theme.voice_status.text() == said[-1] == "I couldn't hear you. Let's try again!"
    qtbot.mouseClick(theme.mic_button, Qt.MouseButton.LeftButton)  # tap again
    theme.on_recording_done("ok", 1.0, "")
    theme.on_transcribed("", 0.0, "no_speech")
    assert theme.voice_state == "problem" and "try again" in said[-1]
    theme.on_voice_unavailable()
    assert "microphone" in said[-1] and theme.voice_picture.isVisible()
    theme.reset()
    assert theme.voice_state == "idle" and not theme.voice_picture.isVisible()


def test_level_meter_follows_loudness() -> None:
    assert level_fraction(0.0) == 0.0
    assert level_fraction(1.0) == 1.0
    assert 0 < level_fraction(0.01) < level_fraction(0.1) < 1


# ---- the real recorder and recogniser, with a recorded voice as the microphone ------------
class FakeMic:
    """The hardware edge: an InputStream that plays a recording, then silence."""

    def __init__(self, samples: np.ndarray, rate: int = 16_000) -> None:
        self.samples, self.samplerate, self.name, self.pos = samples, rate, "fake mic", 0

    def read(self, frames: int) -> np.ndarray:
        block = self.samples[self.pos : self.pos + frames]
        self.pos += frames
        return np.concatenate([block, np.zeros(frames - len(block), dtype=np.float32)])

    def close(self) -> None:
        pass


@pytest.fixture
def window(open_window, qtbot) -> MainWindow:
    win = open_window(speech_engine="mock", start=True)
    # not wait_signal: the signal comes from the engine thread; wait on the window instead
    qtbot.waitUntil(lambda: win.voice_languages is not None, timeout=VOICE_TIMEOUT)
    return win


def test_no_microphone_is_said_kindly(qtbot, window: MainWindow) -> None:
    if "en" not in window.voice_languages:
        pytest.skip("no English recogniser installed here")
    from aibook_desktop.engine.audio import NoMicrophone

    def no_mic() -> FakeMic:
        raise NoMicrophone("no input device")

    window.bridge.voice.stream_factory = no_mic
    said: list[str] = []
    window.theme.sayRequested.connect(said.append)
    click(qtbot, window.home.make_button)
    click(qtbot, window.hero.buttons["cat"])
    assert window.theme.mic_button.isVisible()
    qtbot.mouseClick(window.theme.mic_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.theme.voice_state == "problem", timeout=VOICE_TIMEOUT)
    assert said and said[-1] == window.theme.voice_status.text()
    assert window.theme.voice_picture.isVisible()


def test_a_spoken_theme_becomes_a_book(qtbot, window: MainWindow, tmp_path: Path) -> None:
    voice_samples = pytest.importorskip("voice_samples")
    if not voice_samples.have_tools() or "en" not in window.voice_languages:
        pytest.skip("needs espeak-ng, sox and the English recogniser")
    from aibook_desktop.engine.audio import load_audio

    wav = voice_samples.speak("A dinosaur who eats ice cream.", "en", tmp_path / "child.wav")
    samples, rate = load_audio(wav)
    window.bridge.voice.stream_factory = lambda: FakeMic(np.asarray(samples, np.float32), rate)
    levels: list[float] = []
    window.bridge.voice.recordingLevel.connect(levels.append)
    click(qtbot, window.home.make_button)
    click(qtbot, window.hero.buttons["dinosaur"])
    qtbot.mouseClick(window.theme.mic_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.theme.confirm.isVisible(), timeout=VOICE_TIMEOUT)
    heard = window.theme.confirm.text.lower()
    assert "dinosaur" in heard and "ice cream" in heard, heard
    assert max(levels) > 0.01  # the meter had something to show
    click(qtbot, window.theme.confirm.yes_button)
    assert window.current_screen() is window.making
    assert window.making.summary.text().endswith(window.theme.confirm.text)
    qtbot.waitUntil(lambda: window.current_screen() is window.reader, timeout=VOICE_TIMEOUT)
    assert window.reader.book is not None and window.reader.book.theme.source == "voice"
