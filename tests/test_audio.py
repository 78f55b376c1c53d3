"""Recording: normalisation, resampling, VAD, end states and the Recorder, on real espeak-ng audio."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from voice_samples import have_tools, make_noise_set, speak

from aibook_desktop.engine import paths
from aibook_desktop.engine.audio import (
    TARGET_RATE,
    NoMicrophone,
    Recorder,
    RecordingResult,
    RecordMode,
    RecordStatus,
    analyse,
    dsp,
    finish_recording,
    load_audio,
    normalise,
    resample,
    rms,
)
from aibook_desktop.engine.settings import Settings

pytestmark = pytest.mark.skipif(not have_tools(), reason="needs espeak-ng and sox")


@pytest.fixture(scope="session")
def wavs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("audio-wavs")
    speech = speak("A dinosaur who eats ice cream.", "en", folder / "speech.wav")
    child = speak("A dinosaur who eats ice cream.", "en", folder / "child.wav",
                  ["pitch", "600", "tempo", "1.1"])  # fmt: skip
    korean = speak("아이스크림을 먹는 공룡 이야기.", "ko", folder / "korean.wav")
    return {"speech": speech, "child": child, "korean": korean} | make_noise_set(folder, speech)


class FakeMic:
    """An injected InputStream: plays an array, then silence; can fail or act at a frame."""

    def __init__(
        self,
        samples: np.ndarray,
        rate: int = TARGET_RATE,
        *,
        fail_at: int | None = None,
        at_frame: int | None = None,
        action: Callable[[], None] | None = None,
    ) -> None:
        self.samples = np.asarray(samples, dtype=np.float32)
        self.samplerate, self.name = rate, "fake mic"
        self.pos, self.fail_at, self.at_frame, self.action = 0, fail_at, at_frame, action
        self.reads: list[int] = []
        self.closed = False

    def read(self, frames: int) -> np.ndarray:
        if self.fail_at is not None and self.pos >= self.fail_at:
            raise OSError("[Errno 19] No such device (unplugged)")
        if self.action and self.at_frame is not None and self.pos >= self.at_frame:
            self.action()
            self.action = None
        block = self.samples[self.pos : self.pos + frames]
        block = np.concatenate([block, np.zeros(frames - len(block), dtype=np.float32)])
        self.pos += frames
        self.reads.append(frames)
        return block

    def close(self) -> None:
        self.closed = True


def _wav(path: Path) -> tuple[np.ndarray, int]:
    data, rate = load_audio(path)
    return data, rate


def _record(
    mic: FakeMic, mode: RecordMode = RecordMode.TAP, **kw: object
) -> tuple[RecordingResult, list[float], list[float], list[RecordingResult]]:
    levels: list[float] = []
    warnings: list[float] = []
    done: list[RecordingResult] = []
    kw.setdefault("settings", Settings())
    rec = Recorder(
        on_level=levels.append,
        on_warning=warnings.append,
        on_done=done.append,
        stream_factory=lambda: mic,
        **kw,
    )  # type: ignore[arg-type]
    if mic.action == "stop":  # type: ignore[comparison-overlap]
        mic.action = rec.stop
    rec.start(mode)
    result = rec.wait(timeout=60)
    assert result is not None
    rec._thread.join(5)  # type: ignore[union-attr]
    return result, levels, warnings, done


# ---- normalise / resample ---------------------------------------------------------------------
def test_normalise_is_the_same_for_training_and_inference(wavs: dict[str, Path]) -> None:
    """Training reads int16 from disk; the kiosk has float32 from the mic: same numbers out."""
    as_int16, rate = sf.read(wavs["speech"], dtype="int16")
    as_float, _ = sf.read(wavs["speech"], dtype="float32")
    train = normalise(as_int16, rate)
    infer = normalise(as_float, rate)
    assert train.dtype == infer.dtype == np.float32
    np.testing.assert_allclose(train, infer, atol=1e-6)
    assert np.max(np.abs(train)) == pytest.approx(dsp.TARGET_PEAK, abs=1e-4)
    np.testing.assert_allclose(normalise(train, TARGET_RATE), train, atol=1e-6)  # idempotent
    stereo = np.stack([as_int16, as_int16], axis=1)
    np.testing.assert_allclose(normalise(stereo, rate), train, atol=1e-6)


def test_normalise_resamples_removes_dc_and_limits_gain() -> None:
    t = np.arange(44100) / 44100
    quiet = (0.01 * np.sin(2 * np.pi * 300 * t) + 0.2).astype(np.float32)  # DC offset
    out = normalise(quiet, 44100)
    assert len(out) == TARGET_RATE
    assert abs(float(out.mean())) < 1e-3
    assert np.max(np.abs(out)) == pytest.approx(0.1, rel=0.02)  # +20 dB cap, not up to 0.9
    hiss = np.full(8000, 1e-4, dtype=np.float32)
    assert np.max(np.abs(normalise(hiss, 16000))) < 1e-3  # near-silence gets no gain
    assert normalise(np.zeros(0, dtype=np.int16), 16000).size == 0


@pytest.mark.parametrize("use_soxr", [True, False])
@pytest.mark.parametrize("rate", [8000, 22050, 44100, 48000])
def test_resample_preserves_a_sine(
    rate: int, use_soxr: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not use_soxr:
        monkeypatch.setitem(sys.modules, "soxr", None)  # import fails: the numpy FFT path
    t = np.arange(rate) / rate
    out = resample(np.sin(2 * np.pi * 1000 * t).astype(np.float32), rate)
    assert len(out) == TARGET_RATE
    spectrum = np.abs(np.fft.rfft(out[1000:-1000] * np.hanning(TARGET_RATE - 2000)))
    peak_hz = np.argmax(spectrum) * TARGET_RATE / (TARGET_RATE - 2000)
    assert peak_hz == pytest.approx(1000, abs=2)
    assert rms(out[1000:-1000]) == pytest.approx(1 / np.sqrt(2), rel=0.02)


# ---- analysis of real recordings --------------------------------------------------------------
def test_analysis_tells_speech_silence_noise_and_clipping(wavs: dict[str, Path]) -> None:
    for name in ("speech", "child", "korean"):
        a = analyse(*_wav(wavs[name]))
        assert not a.silent and not a.clipped, name
    assert analyse(*_wav(wavs["silence"])).silent
    assert analyse(*_wav(wavs["noise"])).silent  # a steady hiss sets its own floor: no speech
    clipped = analyse(*_wav(wavs["clipped"]))
    assert clipped.clipped and not clipped.silent


def test_finish_recording_trims_silence_around_speech(wavs: dict[str, Path]) -> None:
    speech, rate = _wav(wavs["speech"])
    gap = np.zeros(2 * rate, dtype=np.float32)
    padded = finish_recording(np.concatenate([gap, speech, gap]), rate)
    plain = finish_recording(speech, rate)
    assert padded.status is RecordStatus.OK and padded.usable
    assert padded.recorded_s == pytest.approx(4 + len(speech) / rate)
    # the same speech is kept, plus at most the padding that keeps the first and last sounds
    assert plain.duration_s - 0.05 <= padded.duration_s <= plain.duration_s + 2 * dsp.PAD_S + 0.05
    assert padded.path is None  # nothing kept by default


@pytest.mark.parametrize(
    ("name", "status"),
    [("silence", RecordStatus.SILENT), ("noise", RecordStatus.NOISY),
     ("clipped", RecordStatus.CLIPPED)],
)  # fmt: skip
def test_bad_recordings_get_a_kind_state(
    wavs: dict[str, Path], name: str, status: RecordStatus
) -> None:
    result = finish_recording(*_wav(wavs[name]))
    assert result.status is status
    assert not result.usable
    assert result.child_message("ko") and result.child_message("en") != result.child_message("ko")


def test_loud_noise_or_music_is_too_noisy_and_a_quiet_room_is_silent(tmp_path: Path) -> None:
    """Issue #19: a fan or music without speech is "too noisy", not "I couldn't hear you"."""
    rate = 16000
    t = np.arange(3 * rate) / rate
    chord = sum(np.sin(2 * np.pi * f * t) for f in (262, 330, 392)) / 3  # C major, steady
    music = (0.4 * chord * (1 + 0.1 * np.sin(2 * np.pi * 2 * t))).astype(np.float32)
    rng = np.random.default_rng(0)
    fan = (0.2 * rng.standard_normal(3 * rate)).astype(np.float32)
    hum = (0.001 * rng.standard_normal(3 * rate)).astype(np.float32)  # a quiet room
    for samples, status in [(music, RecordStatus.NOISY), (fan, RecordStatus.NOISY),
                            (hum, RecordStatus.SILENT)]:  # fmt: skip
        result = finish_recording(samples, rate)
        assert result.status is status and not result.usable, (status, result.detail)
    noisy = finish_recording(fan, rate)
    assert noisy.child_message("en") != finish_recording(hum, rate).child_message("en")
    assert "시끄러" in noisy.child_message("ko") and "noisy" in noisy.child_message("en")


# ---- the Recorder with an injected stream -----------------------------------------------------
def test_tap_mode_stops_after_trailing_silence(wavs: dict[str, Path]) -> None:
    speech, rate = _wav(wavs["speech"])
    mic = FakeMic(speech, rate)
    result, levels, warnings, done = _record(mic, silence_stop_s=1.0)
    assert result.status is RecordStatus.OK and done == [result] and levels
    spoken = len(speech) / rate
    assert spoken + 0.5 < result.recorded_s < spoken + 1.1  # stopped by the quiet, not the max
    assert warnings == []
    assert mic.closed


def test_tap_mode_with_nobody_speaking_is_silent() -> None:
    mic = FakeMic(np.zeros(0, dtype=np.float32), 48000)
    result, *_ = _record(mic, no_speech_s=3.0)
    assert result.status is RecordStatus.SILENT
    assert result.recorded_s == pytest.approx(3.0, abs=0.05)
    assert result.child_message("en").startswith("I couldn't hear you")


def test_push_to_talk_records_until_released(wavs: dict[str, Path]) -> None:
    speech, rate = _wav(wavs["child"])
    release = len(speech) + rate  # the button is let go a second after the last word
    mic = FakeMic(speech, rate, at_frame=release, action="stop")  # type: ignore[arg-type]
    result, *_ = _record(mic, RecordMode.PUSH_TO_TALK)
    assert result.status is RecordStatus.OK
    assert release / rate <= result.recorded_s <= release / rate + 0.1  # + the block in flight
    assert result.rate == TARGET_RATE and result.samples.dtype == np.float32


def test_hard_maximum_warns_first_and_keeps_the_words(wavs: dict[str, Path]) -> None:
    ramble, rate = _wav(wavs["ramble"])
    result, levels, warnings, done = _record(FakeMic(ramble, rate), RecordMode.PUSH_TO_TALK,
                                             max_s=15.0, warn_before_s=3.0)  # fmt: skip
    assert result.status is RecordStatus.TOO_LONG and result.usable
    assert result.recorded_s == pytest.approx(15.0)
    assert len(warnings) == 1 and warnings[0] == pytest.approx(3.0, abs=0.05)
    assert len(levels) == 300 and done == [result]  # 15 s of 50 ms level readings
    assert 14.0 < result.duration_s <= 15.0


def test_level_feed_is_one_rms_per_50_ms_block(wavs: dict[str, Path]) -> None:
    speech, rate = _wav(wavs["speech"])
    resampled = resample(speech, rate, 48000)
    mic = FakeMic(resampled, 48000)
    result, levels, *_ = _record(mic, silence_stop_s=1.0)
    assert set(mic.reads) == {2400}  # 50 ms at 48 kHz
    assert len(levels) == len(mic.reads) == round(result.recorded_s / 0.05)
    expected = [rms(resampled[i * 2400 : (i + 1) * 2400]) for i in range(5, 15)]
    np.testing.assert_allclose(levels[5:15], expected, rtol=1e-5)
    assert max(levels) > 0.05 and levels[-1] == 0.0


def test_unplugged_mid_recording_is_a_state_not_an_exception(wavs: dict[str, Path]) -> None:
    speech, rate = _wav(wavs["speech"])
    result, levels, _, done = _record(FakeMic(speech, rate, fail_at=rate), RecordMode.PUSH_TO_TALK)
    assert result.status is RecordStatus.DEVICE_LOST and done == [result]
    assert "No such device" in result.detail
    assert len(levels) == 20  # one second was heard before it went
    result, levels, _, _ = _record(FakeMic(speech, rate, fail_at=0), RecordMode.PUSH_TO_TALK)
    assert result.status is RecordStatus.DEVICE_LOST and levels == []  # not "silent"


@pytest.mark.parametrize("error", [NoMicrophone("no input device"), OSError("PortAudio missing")])
def test_no_microphone(error: Exception) -> None:
    done: list[RecordingResult] = []

    def factory() -> FakeMic:
        raise error

    rec = Recorder(on_done=done.append, stream_factory=factory, settings=Settings())
    rec.start()
    result = rec.wait(10)
    assert result is not None and result.status is RecordStatus.NO_MICROPHONE
    assert done == [result] and not result.usable
    assert "마이크" in result.child_message("ko")


def test_cancel_discards_and_still_reports_once() -> None:
    started = threading.Event()
    mic = FakeMic(np.full(10**7, 0.2, dtype=np.float32), at_frame=1600, action=started.set)
    done: list[RecordingResult] = []
    rec = Recorder(on_done=done.append, stream_factory=lambda: mic, settings=Settings(),
                   max_s=600)  # fmt: skip
    rec.start(RecordMode.PUSH_TO_TALK)
    rec.start(RecordMode.PUSH_TO_TALK)  # a second press while recording is ignored
    assert started.wait(10)
    rec.cancel()
    result = rec.wait(10)
    assert result is not None and result.status is RecordStatus.CANCELLED
    rec._thread.join(5)  # type: ignore[union-attr]
    assert done == [result] and result.samples.size == 0 and mic.closed


def test_a_broken_listener_does_not_stop_the_recording(wavs: dict[str, Path]) -> None:
    speech, rate = _wav(wavs["speech"])

    def bad_meter(level: float) -> None:
        raise RuntimeError("widget deleted")

    rec = Recorder(on_level=bad_meter, stream_factory=lambda: FakeMic(speech, rate),
                   settings=Settings())  # fmt: skip
    rec.start(RecordMode.TAP)
    result = rec.wait(30)
    assert result is not None and result.status is RecordStatus.OK


def test_recordings_are_kept_only_when_a_parent_says_so(wavs: dict[str, Path]) -> None:
    speech, rate = _wav(wavs["speech"])
    folder = paths.data_dir() / "recordings"
    result, *_ = _record(FakeMic(speech, rate), settings=Settings(keep_recordings=False))
    assert result.path is None and not folder.exists()
    result, *_ = _record(FakeMic(speech, rate), settings=Settings(keep_recordings=True))
    assert result.path is not None and Path(result.path).parent == folder
    kept, kept_rate = sf.read(result.path, dtype="float32")
    assert kept_rate == TARGET_RATE
    np.testing.assert_allclose(kept, result.samples, atol=1 / 32768 + 1e-6)


# ---- the real PortAudio path: an ALSA "file" device plays a WAV as the microphone --------------
REAL_MIC = """
import json, sys
import numpy as np
from aibook_desktop.engine.audio import Recorder, RecordMode, normalise, dsp
from aibook_desktop.engine.settings import Settings
rec = Recorder(settings=Settings(), silence_stop_s=1.0)
rec.start(RecordMode.TAP)
r = rec.wait(60)
raw = np.fromfile(sys.argv[1], dtype="<f4")
a = dsp.analyse(raw, 44100)
expected = normalise(raw[a.speech_start:a.speech_end], 44100)
print(json.dumps({"status": str(r.status), "device": r.device, "recorded_s": r.recorded_s,
                  "same": bool(r.samples.shape == expected.shape and np.allclose(r.samples, expected, atol=1e-6)),
                  "file_s": len(raw) / 44100}))
"""


def test_real_portaudio_recording_through_an_alsa_file_device(
    wavs: dict[str, Path], tmp_path: Path
) -> None:
    pytest.importorskip("sounddevice")
    raw = tmp_path / "mic.raw"  # float32 at 44.1 kHz: what the stream asks for, byte for byte
    subprocess.run(["sox", "-R", str(wavs["speech"]), "-r", "44100", "-c", "1", "-b", "32",
                    "-e", "floating-point", "-t", "raw", str(raw)], check=True)  # fmt: skip
    home = tmp_path / "home"
    home.mkdir()
    (home / ".asoundrc").write_text(textwrap.dedent(f"""
        pcm.!default {{ type plug slave.pcm "fakemic" }}
        pcm.fakemic {{ type file slave.pcm "nullsink" file "/dev/null" infile "{raw}" format "raw" }}
        pcm.nullsink {{ type null }}
        """))  # fmt: skip
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "AIBOOK_HOME": str(tmp_path / "aibook")}
    proc = subprocess.run([sys.executable, "-c", REAL_MIC, str(raw)], capture_output=True,
                          text=True, env=env, timeout=120, check=False)  # fmt: skip
    if "PortAudio library not found" in proc.stderr:
        pytest.skip("libportaudio2 is not installed")
    assert proc.returncode == 0, proc.stderr
    import json

    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["status"] == "ok" and out["device"] == "default"
    assert out["same"], "the samples through PortAudio match the file exactly"
    assert out["file_s"] + 0.5 < out["recorded_s"] < out["file_s"] + 1.1
