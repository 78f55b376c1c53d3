"""The recorder's "was anything said?" uses Silero (faster-whisper's) where installed.

bench/bench_vad.py measured it against the energy VAD: the energy VAD hears nothing in speech at
0 dB SNR. The energy VAD stays as the fallback without the voice extra.
"""

from __future__ import annotations

import numpy as np
import pytest

from aibook_desktop.engine.audio import dsp

voice_samples = pytest.importorskip("voice_samples")
pytest.importorskip("faster_whisper")


@pytest.fixture(scope="module")
def sentence(tmp_path_factory: pytest.TempPathFactory) -> np.ndarray:
    if not voice_samples.have_tools():
        pytest.skip("needs espeak-ng and sox")
    wav = voice_samples.speak("A dinosaur who eats ice cream.", "en",
                              tmp_path_factory.mktemp("vad") / "s.wav")  # fmt: skip
    samples, rate = dsp.load_audio(wav)
    assert rate == dsp.TARGET_RATE
    second = np.zeros(rate, np.float32)
    return np.concatenate([second, samples.astype(np.float32), second])


def _noisy(x: np.ndarray, snr_db: float) -> np.ndarray:
    noise = np.random.default_rng(3).normal(0, 1, x.size)
    p_s = float(np.mean(x[np.abs(x) > 0.01] ** 2))
    return (x + noise * np.sqrt(p_s / 10 ** (snr_db / 10))).astype(np.float32)


def test_speech_in_loud_noise_is_heard(sentence: np.ndarray) -> None:
    noisy = _noisy(sentence, 0)
    a = dsp.analyse(noisy, dsp.TARGET_RATE)
    assert not a.silent, a
    assert a.speech_start < dsp.TARGET_RATE < a.speech_end  # around the sentence, not all of it
    assert dsp.energy_speech_bounds(noisy, dsp.TARGET_RATE)[2] < dsp.MIN_SPEECH_S  # it missed it


def test_noise_alone_is_not_speech(sentence: np.ndarray) -> None:
    noise = np.random.default_rng(5).normal(0, 0.1, 3 * dsp.TARGET_RATE).astype(np.float32)
    assert dsp.analyse(noise, dsp.TARGET_RATE).silent


def test_another_rate_maps_back_to_its_own_samples(sentence: np.ndarray) -> None:
    x48 = dsp.resample(sentence, dsp.TARGET_RATE, 48_000)
    s16, e16, _ = dsp.speech_bounds(sentence, dsp.TARGET_RATE)
    s48, e48, _ = dsp.speech_bounds(x48, 48_000)
    assert (
        abs(s48 / 3 - s16) < 0.05 * dsp.TARGET_RATE and abs(e48 / 3 - e16) < 0.05 * dsp.TARGET_RATE
    )


def test_without_silero_the_energy_vad_answers(sentence: np.ndarray,
                                               monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setattr(dsp, "_silero_ok", False)
    assert dsp.speech_bounds(sentence, dsp.TARGET_RATE) == dsp.energy_speech_bounds(
        sentence, dsp.TARGET_RATE
    )
