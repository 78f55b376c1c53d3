"""Korean voice on a CPU kiosk (issue #16) and the recogniser fixes of issue #19.

The multilingual model is a tiny CTranslate2 Whisper built in code that always says one
Korean sentence (``build_speaking_whisper``): real faster-whisper, real tokenizer, language
tokens and no-speech head, so the whole path (preset download, settings, guard, language
check, the kiosk's microphone flow, "Did you say ...?") runs without any weights download.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import Qt
from random_whisper import build_speaking_whisper

from aibook_desktop.engine.audio import load_audio
from aibook_desktop.engine.settings import Settings
from aibook_desktop.engine.speech import (
    FasterWhisperTranscriber,
    GuardedTranscriber,
    Hypothesis,
    Transcribe,
    transcriber_from_settings,
)
from aibook_desktop.engine.speech.language_check import language_mismatch, script_of

pytest.importorskip("faster_whisper")

SENTENCE = "공룡이 케이크를 먹어요"
VOICE_TIMEOUT = 90_000


@pytest.fixture(scope="module")
def korean_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_speaking_whisper(tmp_path_factory.mktemp("ko") / "ct2", SENTENCE)


@pytest.fixture(scope="module")
def english_only_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_speaking_whisper(
        tmp_path_factory.mktemp("en") / "ct2", "a cat", multilingual=False
    )


def _speech(seconds: float = 1.5) -> np.ndarray:
    """A voiced burst between pauses, straight to the recogniser (the stand-in model says its
    sentence for any sound; whether a sine counts as speech is the recorder's VAD's business,
    tested in test_audio_vad.py with real speech)."""
    rate = 16000
    t = np.arange(int(seconds * rate)) / rate
    voice = 0.5 * np.sin(2 * np.pi * 180 * t) * (0.6 + 0.4 * np.sin(2 * np.pi * 3 * t))
    gap = np.zeros(rate // 2)
    return np.concatenate([gap, voice, gap]).astype(np.float32)


# ---- the model and the recogniser ------------------------------------------------------------
def test_the_stand_in_is_multilingual_and_speaks_korean(korean_model: Path) -> None:
    t = FasterWhisperTranscriber(korean_model, cpu_threads=1)
    assert t.languages == {"ko", "en"}  # from vocabulary.json, before loading
    result = t.transcribe(_speech(), "ko")
    assert result.ok and result.text == SENTENCE and result.language == "ko"
    assert t.model.model.is_multilingual  # CTranslate2 itself agrees


def test_an_english_only_vocabulary_json_does_not_claim_korean(english_only_model: Path) -> None:
    """Issue #19: a model exported here writes vocabulary.json, not vocabulary.txt."""
    assert (english_only_model / "vocabulary.json").is_file()
    assert not (english_only_model / "vocabulary.txt").exists()
    t = FasterWhisperTranscriber(english_only_model, cpu_threads=1)
    assert t.languages == {"en"} and not t.supports("ko")
    assert t.transcribe(_speech(), "ko").rejected == "unsupported_language"


def test_korean_text_for_an_english_request_is_the_wrong_language(korean_model: Path) -> None:
    t = FasterWhisperTranscriber(korean_model, cpu_threads=1)
    result = t.transcribe(_speech(), "en")
    assert not result.ok and result.rejected == "wrong_language"


def test_language_check_compares_detected_and_requested() -> None:
    assert script_of("공룡이 좋아") == "ko" and script_of("a dragon") == "en"
    assert script_of("1 2 3!") == ""
    assert language_mismatch("a dragon", "en", "ko")  # English-only models report "en"
    assert language_mismatch("thank you", "", "ko")  # Latin text for a Korean request
    assert language_mismatch("공룡", "ko", "en")
    assert not language_mismatch("로봇 robot 공룡", "ko", "ko")  # a mix stays
    assert not language_mismatch("3", "ko", "ko")


def test_cuda_that_cannot_load_falls_back_to_the_cpu(korean_model: Path) -> None:
    """Issue #19: no CUDA (or no libcublas.so.12) here, so asking for CUDA really fails."""
    t = FasterWhisperTranscriber(korean_model, device="cuda", cpu_threads=1)
    t.warm_up()
    assert t.loaded_on == "cpu" and t.cuda_failure
    assert t.transcribe(_speech(), "ko").text == SENTENCE


def test_cuda_that_breaks_at_the_first_clip_falls_back_to_the_cpu(
    korean_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ctranslate2 wheel loads without its CUDA libraries and fails at the first decode."""
    t = FasterWhisperTranscriber(korean_model, cpu_threads=1)
    t.warm_up()
    t.loaded_on = "cuda"  # the hardware edge: pretend this model sits on a card ...
    broken = t.model

    def no_cublas(*_a: Any, **_k: Any) -> Any:  # ... whose libraries are missing
        raise RuntimeError("Library libcublas.so.12 is not found or cannot be loaded")

    monkeypatch.setattr(broken, "transcribe", no_cublas)
    result = t.transcribe(_speech(), "ko")
    assert result.text == SENTENCE and t.loaded_on == "cpu" and t.model is not broken
    assert "libcublas" in t.cuda_failure


def test_elapsed_excludes_the_model_load(monkeypatch: pytest.MonkeyPatch) -> None:
    from aibook_desktop.engine.speech import base

    clock = {"now": 0.0}
    monkeypatch.setattr(base.time, "perf_counter", lambda: clock["now"])

    class SlowLoad(GuardedTranscriber):
        name, languages = "slow-load", frozenset({"en"})
        loaded = False

        def warm_up(self) -> None:
            if not self.loaded:
                clock["now"] += 100.0  # a cold model load
                self.loaded = True

        def decode(self, samples: np.ndarray, lang: str) -> Hypothesis:
            clock["now"] += 0.25  # the recognition itself
            return Hypothesis("a dragon", -0.1, 0.01, "en")

    result = SlowLoad().transcribe(_speech(), "en")
    assert result.ok and result.elapsed_s == pytest.approx(0.25)


def test_release_frees_the_model_and_the_next_clip_loads_it(korean_model: Path) -> None:
    t = FasterWhisperTranscriber(korean_model, cpu_threads=1)
    t.warm_up()
    t.release()
    assert not t.loaded
    assert t.transcribe(_speech(), "ko").text == SENTENCE and t.loaded


# ---- settings, preset, doctor -----------------------------------------------------------------
@pytest.fixture
def hub(korean_model: Path) -> Iterator[Any]:
    from http.server import ThreadingHTTPServer

    from test_models_download import REPO, StubHub, _handler

    files = {p.name: p.read_bytes() for p in korean_model.iterdir() if p.is_file()}
    stub = StubHub(files={}, lfs={"model.bin"}, others={"Systran/faster-whisper-base": files})
    assert REPO not in stub.others
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stub))
    stub.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield stub
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_cpu_voice_preset_downloads_and_turns_korean_voice_on(hub: Any, tmp_path: Path) -> None:
    from aibook_desktop.engine.doctor import run_checks
    from aibook_desktop.engine.models import apply_to_settings, download_preset, get_preset
    from aibook_desktop.engine.models.verify import validate_folder

    before = {c.name: c for c in run_checks(Settings(language="ko"))}
    assert not before["voice:ko"].ok and "cpu-voice" in before["voice:ko"].fix
    preset = get_preset("cpu-voice")
    _, installed = download_preset(preset, confirm=True, dest=tmp_path, endpoint=hub.url)
    (model,) = installed
    assert validate_folder(model.role, model.folder, deep=True).ok
    settings = apply_to_settings(Settings(language="ko"), preset, {model.role: model})
    assert settings.whisper_model == str(model.folder) and settings.picture_backend == "sketch"
    recogniser = transcriber_from_settings(settings)
    assert isinstance(recogniser, FasterWhisperTranscriber)
    assert recogniser.supports("ko") and recogniser.supports("en")
    transcript = Transcribe(recogniser).run(_speech(), "ko")
    assert transcript.text == SENTENCE
    after = {c.name: c for c in run_checks(settings)}
    assert after["voice:ko"].ok and after["voice:en"].ok
    assert "faster-whisper" in after["voice:ko"].detail


def test_transcribe_json_prints_an_object_even_on_exit_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue #19: ``aibook transcribe --json`` printed nothing when no recogniser could run."""
    import soundfile as sf

    from aibook_desktop.engine.cli import main

    wav = tmp_path / "a.wav"
    sf.write(wav, np.zeros(16000, dtype=np.float32), 16000)
    assert main(["transcribe", str(wav), "--speech", "none", "--lang", "ko", "--json"]) == 3
    out = json.loads(capsys.readouterr().out)
    assert out["text"] == "" and out["rejected"] == "unsupported_language" and out["error"]
    assert main(["transcribe", str(wav), "--speech", "vosk", "--json"]) in (3, 4)


# ---- the kiosk: release for pictures, and the Korean microphone end to end --------------------
def test_the_recogniser_makes_room_for_sdxl_pictures_and_comes_back(
    qtbot: Any, korean_model: Path
) -> None:
    from aibook_desktop.engine.speech.memory import release_for_pictures
    from aibook_desktop.ui.bridge import EngineBridge

    assert release_for_pictures(Settings(picture_backend="sdxl"))
    assert not release_for_pictures(Settings(picture_backend="sketch"), free_bytes=8 * 2**30)
    assert release_for_pictures(Settings(picture_backend="sketch"), free_bytes=2**30)
    bridge = EngineBridge(Settings(picture_backend="sdxl", whisper_model=str(korean_model)))
    voice = bridge.voice
    voice.build(Settings(picture_backend="sdxl", whisper_model=str(korean_model)))
    assert voice.languages == ["ko", "en"] and voice._transcriber.loaded  # warm at start-up
    bridge.busyChanged.emit(True)  # a book starts (same thread here: delivered at once)
    assert not voice._transcriber.loaded and voice.released_for_pictures
    bridge.busyChanged.emit(False)
    assert voice._transcriber.loaded and not voice.released_for_pictures


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


def test_a_korean_child_speaks_and_hears_did_you_say_in_korean(
    qtbot: Any, open_window: Any, korean_model: Path, tmp_path: Path
) -> None:
    voice_samples = pytest.importorskip("voice_samples")
    if not voice_samples.have_tools():
        pytest.skip("needs espeak-ng and sox")
    settings = Settings(language="ko", pages=4, picture_size=64, whisper_model=str(korean_model))
    window = open_window(settings, speech_engine="mock", start=True)
    qtbot.waitUntil(lambda: window.voice_languages is not None, timeout=VOICE_TIMEOUT)
    assert "ko" in window.voice_languages
    wav = voice_samples.speak("공룡이 케이크를 먹어요.", "ko", tmp_path / "child.wav")
    samples, rate = load_audio(wav)
    window.bridge.voice.stream_factory = lambda: FakeMic(np.asarray(samples, np.float32), rate)
    said: list[str] = []
    window.theme.sayRequested.connect(said.append)
    qtbot.mouseClick(window.home.make_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.hero.buttons["dinosaur"], Qt.MouseButton.LeftButton)
    assert window.theme.mic_button.isVisible()
    qtbot.mouseClick(window.theme.mic_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.theme.confirm.isVisible(), timeout=VOICE_TIMEOUT)
    assert window.theme.confirm.text == SENTENCE
    assert said and SENTENCE in said[-1] and said[-1] != f"Did you say: {SENTENCE}?"
    assert any("\uac00" <= ch <= "\ud7a3" for ch in said[-1].replace(SENTENCE, ""))
    window.grab().save(str(tmp_path / "korean-confirm.png"))
