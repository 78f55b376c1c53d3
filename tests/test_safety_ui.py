"""#20 on the theme screen: an unkind transcript is never shown or spoken back."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from aibook_desktop.ui.app import MainWindow, setup_application
from aibook_desktop.ui.screens import ThemeScreen

VOICE_TIMEOUT = 90_000


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


def test_an_unsafe_transcript_asks_again_and_shows_nothing(qtbot, theme: ThemeScreen) -> None:
    said: list[str] = []
    theme.sayRequested.connect(said.append)
    theme._mic_pressed()
    theme.on_recording_done("ok", 1.5, "")
    theme.on_transcribed("", 0.31, "unsafe")
    assert not theme.confirm.isVisible()
    assert theme.voice_state == "problem" and theme.voice_picture.isVisible()
    assert said == [theme.voice_status.text()]
    assert "kind words" in said[0] and "pick a picture" in said[0]
    assert not any("Did you say" in s for s in said)


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
    qtbot.waitUntil(lambda: win.voice_languages is not None, timeout=VOICE_TIMEOUT)
    return win


def test_a_spoken_swear_word_is_not_repeated(qtbot, window: MainWindow, tmp_path: Path) -> None:
    """Issue case 1, end to end: real speech, the real recogniser, the real bridge."""
    voice_samples = pytest.importorskip("voice_samples")
    if not voice_samples.have_tools() or "en" not in window.voice_languages:
        pytest.skip("needs espeak-ng, sox and the English recogniser")
    from aibook_desktop.engine.audio import load_audio

    wav = voice_samples.speak("What the fuck is this dog?", "en", tmp_path / "child.wav")
    samples, rate = load_audio(wav)
    window.bridge.voice.stream_factory = lambda: FakeMic(np.asarray(samples, np.float32), rate)
    heard: list[tuple[str, str]] = []
    window.bridge.voice.transcribed.connect(lambda t, _c, r: heard.append((t, r)))
    said: list[str] = []
    window.theme.sayRequested.connect(said.append)
    window.theme.reset()
    window.show_screen(window.theme)
    window.theme.set_voice_available(True)
    window.theme._mic_pressed()
    qtbot.waitUntil(lambda: window.theme.voice_state == "problem", timeout=VOICE_TIMEOUT)
    assert heard and heard[-1] == ("", "unsafe"), heard
    assert not window.theme.confirm.isVisible()
    assert not any("fuck" in s.lower() for s in said)
    assert "kind words" in said[-1]
