"""Issue #15's speech edges: long decoder loops, white noise called "silent", NaN in --json."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from aibook_desktop.engine import cli
from aibook_desktop.engine.audio import RecordStatus, finish_recording
from aibook_desktop.engine.speech import Hypothesis, judge
from aibook_desktop.engine.speech.guard import compression_ratio, runaway_loop
from aibook_desktop.engine.speech.select import embedded_model_path

LOOP = "I'm going to go to the other side, and " * 20  # 780 characters, as the babble gave


def _hyp(text: str) -> Hypothesis:
    return Hypothesis(text, -0.2, 0.05, "en")


def test_a_long_loop_from_a_short_clip_is_a_hallucination() -> None:
    assert len(LOOP) > 700 and compression_ratio(LOOP) > 2.4
    assert judge(_hyp(LOOP), duration_s=6.0).rejected == "hallucination"
    assert judge(_hyp(LOOP)).rejected == "hallucination"  # duration unknown


@pytest.mark.parametrize(
    "text",
    [
        "a rabbit who wants to fly to the moon " * 3,  # 8 words, three times in a row
        "we went to the park and played football with my dad " * 3,
    ],
)
def test_any_phrase_length_repeated_fast_is_a_loop(text: str) -> None:
    assert runaway_loop(text, duration_s=3.0)
    assert judge(_hyp(text), duration_s=3.0).rejected == "hallucination"


def test_a_child_really_repeating_a_sentence_over_a_minute_is_kept() -> None:
    said = "The cat is sleeping on the red chair. " * 15  # ~4 s a sentence, 60 s in all
    assert not runaway_loop(said, duration_s=60.0)
    assert judge(_hyp(said), duration_s=60.0).rejected == ""


@pytest.mark.parametrize(
    "text",
    [
        "A dinosaur who eats ice cream and then goes to the moon with a big red balloon!",
        "my cat and my dog and my fish go to the sea and the cat says hello to the fish",
    ],
)
def test_ordinary_long_sentences_are_not_loops(text: str) -> None:
    assert compression_ratio(text) < 2.4
    assert not runaway_loop(text, duration_s=5.0) and not runaway_loop(text)


def test_white_noise_is_noisy_not_silent() -> None:
    rng = np.random.default_rng(3)
    noise = rng.uniform(-0.3, 0.3, 32000).astype(np.float32)
    result = finish_recording(noise, 16000)
    assert result.status is RecordStatus.NOISY and not result.usable
    assert "noisy" in result.child_message("en") and result.child_message("ko")
    quiet = finish_recording(np.zeros(32000, dtype=np.float32), 16000)
    assert quiet.status is RecordStatus.SILENT


@pytest.mark.skipif(embedded_model_path() is None, reason="the embedded recogniser is missing")
def test_transcribe_json_never_prints_nan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(0, 0.2, 32000).astype(np.float32)
    x[100:5000] = np.nan  # a damaged float WAV
    wav = tmp_path / "nan.wav"
    sf.write(wav, x, 16000, subtype="FLOAT")
    code = cli.main(["transcribe", str(wav), "--lang", "en", "--json"])
    out = capsys.readouterr().out
    assert "NaN" not in out and code in (0, 4)
    json.loads(out, parse_constant=lambda c: pytest.fail(f"{c} in --json"))


def test_json_helper_turns_non_finite_into_null() -> None:
    from aibook_desktop.engine.cli_speech import _finite

    out = _finite({"a": float("nan"), "b": [1.0, float("inf")], "c": {"d": -float("inf")}})
    assert json.dumps(out, allow_nan=False) == '{"a": null, "b": [1.0, null], "c": {"d": null}}'
