"""aibook-train end to end on an AI-Hub-shaped espeak-ng corpus and a tiny random Whisper."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from aihub_fixture import CHILD_SPEAKERS, SENTENCES, Corpus, build_aihub_corpus, build_tiny_whisper

from aibook_desktop.engine.audio import load_audio, normalise
from aibook_desktop.training.args import (
    EvaluateArguments,
    ExportArguments,
    PrepareArguments,
    TrainArguments,
)

torch = pytest.importorskip("torch")
pytestmark = pytest.mark.skipif(
    shutil.which("espeak-ng") is None or shutil.which("sox") is None,
    reason="the fixture corpus is spoken by espeak-ng and resampled by sox",
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return build_aihub_corpus(tmp_path_factory.mktemp("aihub"))


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_whisper(tmp_path_factory.mktemp("tiny") / "model")


@pytest.fixture(scope="module")
def prepared(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    from aibook_desktop.training.prepare import prepare

    out = tmp_path_factory.mktemp("prepared")
    args = PrepareArguments(
        input_dirs=[str(corpus.root)], output_dir=str(out), chunk_size=16, workers=2,
        split_ratios=[0.6, 0.2, 0.2],
    )  # fmt: skip
    return out, prepare(args)


@pytest.fixture(scope="module")
def trained(
    prepared: tuple[Path, Any], tiny: Path, tmp_path_factory: pytest.TempPathFactory
) -> Any:
    from aibook_desktop.training.train import train

    out = tmp_path_factory.mktemp("run")
    args = TrainArguments(
        dataset_dir=str(prepared[0] / "dataset"), output_dir=str(out), base_model=str(tiny),
        lora_r=8, lora_alpha=16, learning_rate=5e-3, warmup_steps=2, max_steps=12,
        batch_size=4, eval_steps=6, save_steps=6, max_train_samples=8, threads=1,
    )  # fmt: skip
    return train(args)


def test_prepare_skips_bad_utterances_and_says_why(
    prepared: tuple[Path, Any], corpus: Corpus
) -> None:
    out, report = prepared
    assert report.labels == corpus.utterances + 4
    assert report.kept == corpus.utterances
    assert report.skipped == {
        "audio_shorter_than_label": corpus.too_short,
        "bad_quality": corpus.bad_quality,
        "missing_wav": corpus.missing_wav,
        "unintelligible_or_empty": corpus.unintelligible,
    }
    assert json.loads((out / "report.json").read_text())["kept"] == corpus.utterances


def test_prepared_splits_are_speaker_and_sentence_disjoint(prepared: tuple[Path, Any]) -> None:
    from datasets import load_from_disk

    ds = load_from_disk(str(prepared[0] / "dataset"))
    assert set(ds) == {"train", "validation", "test"}
    speakers = {s: set(ds[s]["speaker"]) for s in ds}
    sentences = {s: set(ds[s]["sentence_id"]) for s in ds}
    for a, b in [("train", "validation"), ("train", "test"), ("validation", "test")]:
        assert not speakers[a] & speakers[b]
        assert not sentences[a] & sentences[b]
    assert all(len(ds[s]) for s in ds)
    assert {"child", "adult"} <= set(ds["train"]["speaker_group"])


def test_prepared_rows_hold_clean_text_and_16k_audio_like_inference(
    prepared: tuple[Path, Any], corpus: Corpus
) -> None:
    from datasets import load_from_disk

    ds = load_from_disk(str(prepared[0] / "dataset"))["train"]
    row = ds[0]
    cleaned = {t for t in ds["text"]}
    assert cleaned <= {
        "3 번 노래 틀어 줘.", "불 켜 줘", "뽀로로 보여 줘", "엄마한테 전화해 줘",
        "공룡 동화 읽어 줘", "소리 크게 해 줘",
    }  # fmt: skip
    assert row["raw_text"] in {label for label, _ in SENTENCES}
    audio = np.asarray(row["audio"], dtype=np.float32)
    assert np.abs(audio).max() <= 1.0
    assert row["duration"] == pytest.approx(len(audio) / 16000, abs=1e-3)
    # the very function the app applies to the microphone, on the original 48 kHz file
    number, _initials = row["speaker"].split("_")
    wav = next(corpus.root.rglob(f"{row['utterance_id']}.wav"))
    samples, rate = load_audio(wav)
    assert rate == 48000
    np.testing.assert_array_equal(audio, normalise(samples, rate))
    assert number in {n for n, *_ in CHILD_SPEAKERS} | {"2001", "2002", "2003"}


def test_prepare_resumes_by_shard(prepared: tuple[Path, Any], corpus: Corpus) -> None:
    from aibook_desktop.training.prepare import prepare

    out, first = prepared
    shards = sorted((out / "shards").iterdir())
    assert len(shards) == 4
    stamps = {s.name: (s / "done.json").stat().st_mtime_ns for s in shards}
    shutil.rmtree(shards[1])  # as if the run died while writing it
    args = PrepareArguments(
        input_dirs=[str(corpus.root)], output_dir=str(out), chunk_size=16, workers=1,
        split_ratios=[0.6, 0.2, 0.2],
    )  # fmt: skip
    again = prepare(args)
    assert again == first
    after = {
        s.name: (s / "done.json").stat().st_mtime_ns for s in sorted((out / "shards").iterdir())
    }
    changed = {name for name in after if after[name] != stamps[name]}
    assert changed == {shards[1].name}


def test_training_lowers_the_loss_and_saves_only_the_adapter(trained: Any, tiny: Path) -> None:
    losses = trained.train_losses
    assert len(losses) == 12
    assert np.mean(losses[-3:]) < np.mean(losses[:3])
    assert sorted(trained.eval_losses) == [6, 12]
    assert trained.eval_losses[12] < trained.eval_losses[6]
    adapter = Path(trained.adapter_dir)
    assert (adapter / "adapter_model.safetensors").exists()
    assert not (adapter / "model.safetensors").exists()
    base_size = (tiny / "model.safetensors").stat().st_size
    assert (adapter / "adapter_model.safetensors").stat().st_size < base_size / 4
    checkpoints = sorted(p.name for p in adapter.parent.glob("checkpoint-*"))
    assert checkpoints == ["checkpoint-12", "checkpoint-6"]


def test_training_resumes_from_its_last_checkpoint(
    trained: Any, prepared: tuple[Path, Any], tiny: Path
) -> None:
    from aibook_desktop.training.train import train

    out = Path(trained.adapter_dir).parent
    args = TrainArguments(
        dataset_dir=str(prepared[0] / "dataset"), output_dir=str(out), base_model=str(tiny),
        lora_r=8, lora_alpha=16, learning_rate=5e-3, warmup_steps=2, max_steps=14,
        batch_size=4, eval_steps=0, save_steps=0, max_train_samples=8, threads=1,
    )  # fmt: skip
    more = train(args)
    assert more.resumed_from == 12
    assert more.steps == 14
    assert more.train_losses[:12] == trained.train_losses


def test_evaluate_writes_table_csv_and_plot(
    trained: Any, prepared: tuple[Path, Any], tiny: Path, tmp_path: Path
) -> None:
    from PIL import Image

    from aibook_desktop.training.evaluate import evaluate

    args = EvaluateArguments(
        dataset_dir=str(prepared[0] / "dataset"), output_dir=str(tmp_path), base_model=str(tiny),
        adapter_dir=trained.adapter_dir, max_new_tokens=12, threads=1,
    )  # fmt: skip
    table = evaluate(args)
    groups = {(r.model, r.group) for r in table}
    assert {("base", "all"), ("adapted", "all"), ("base", "child"), ("adapted", "adult")} <= groups
    assert any(g.startswith("age ") for _m, g in groups)
    assert all(r.cer >= 0 and 0 <= r.sentence_accuracy <= 1 for r in table)
    md = (tmp_path / "results.md").read_text(encoding="utf-8")
    assert "| adapted |" in md and "90% accuracy" in md and "sentence accuracy" in md
    assert (tmp_path / "results.csv").read_text().startswith("model,dataset,group,n,cer")
    with Image.open(tmp_path / "cer.png") as img:
        assert img.width > 300 and img.height > 300


def test_export_merges_in_fp16_converts_and_faster_whisper_loads_it(
    trained: Any, prepared: tuple[Path, Any], tiny: Path, tmp_path: Path
) -> None:
    from peft import PeftModel
    from transformers import WhisperForConditionalGeneration

    from aibook_desktop.training.export import export

    result = export(
        ExportArguments(
            adapter_dir=trained.adapter_dir, output_dir=str(tmp_path), base_model=str(tiny),
            quantizations=["int8"], dataset_dir=str(prepared[0] / "dataset"), threads=1,
        )
    )  # fmt: skip
    merged = WhisperForConditionalGeneration.from_pretrained(result.merged_dir)
    assert merged.dtype == torch.float16
    # the merged weights compute what base + adapter computes
    base = WhisperForConditionalGeneration.from_pretrained(str(tiny))
    adapted = PeftModel.from_pretrained(base, trained.adapter_dir).eval()
    feats = torch.randn(1, 80, 3000)
    ids = torch.tensor([[adapted.config.decoder_start_token_id, 5, 6, 7]])
    with torch.no_grad():
        want = adapted(input_features=feats, decoder_input_ids=ids).logits
        got = merged.float()(input_features=feats, decoder_input_ids=ids).logits
    assert torch.allclose(want, got, atol=2e-2)
    plain = WhisperForConditionalGeneration.from_pretrained(str(tiny))
    with torch.no_grad():
        before = plain(input_features=feats, decoder_input_ids=ids).logits
    assert not torch.allclose(before, got, atol=1e-3)  # the adapter really is in there
    ct2 = Path(result.ct2_dirs["int8"])
    assert {"model.bin", "config.json", "tokenizer.json", "preprocessor_config.json"} <= {
        p.name for p in ct2.iterdir()
    }
    assert {r.model for r in result.table} == {"merged-fp16", "ct2-int8"}
    from faster_whisper import WhisperModel

    fw = WhisperModel(str(ct2), device="cpu", compute_type="int8", cpu_threads=1)
    segments, info = fw.transcribe(
        np.zeros(16000, dtype=np.float32), beam_size=1, without_timestamps=True
    )
    assert isinstance(" ".join(s.text for s in segments), str)
    assert info.duration == pytest.approx(1.0)


def test_ct2_import_inverts_the_converter(tiny: Path, tmp_path: Path) -> None:
    from ctranslate2.converters import TransformersConverter
    from transformers import WhisperForConditionalGeneration

    from aibook_desktop.training.ct2_import import ct2_whisper_to_transformers

    ct2 = tmp_path / "ct2"
    TransformersConverter(str(tiny), copy_files=["tokenizer.json"]).convert(
        str(ct2), quantization="float32"
    )
    back = ct2_whisper_to_transformers(ct2, tmp_path / "back")
    a = WhisperForConditionalGeneration.from_pretrained(str(tiny)).eval()
    b = WhisperForConditionalGeneration.from_pretrained(str(back)).eval()
    feats = torch.randn(1, 80, 3000)
    ids = torch.tensor([[a.config.decoder_start_token_id, 3, 4]])
    with torch.no_grad():
        la = a(input_features=feats, decoder_input_ids=ids).logits
        lb = b(input_features=feats, decoder_input_ids=ids).logits
    assert torch.allclose(la, lb, atol=1e-5)
    assert b.generation_config.no_timestamps_token_id == a.generation_config.no_timestamps_token_id


def test_cli_reads_arguments_from_options_or_json(tmp_path: Path) -> None:
    from aibook_desktop.training.cli import main, parse

    a = parse("train", ["--dataset_dir", "d", "--output_dir", "o", "--lora_r", "4"])
    assert (a.lora_r, a.lora_alpha, a.target_modules) == (4, 64, ["q_proj", "v_proj"])
    assert (a.base_model, a.learning_rate, a.warmup_steps) == ("openai/whisper-large-v2", 1e-3, 50)
    cfg = tmp_path / "train.json"
    cfg.write_text(json.dumps({"dataset_dir": "d", "output_dir": "o", "adult_fraction": 0.3}))
    assert parse("train", [str(cfg)]).adult_fraction == 0.3
    assert main(["nonsense"]) == 2
    assert (
        main(["prepare", "--input_dirs", str(tmp_path / "none"), "--output_dir", str(tmp_path)])
        == 1
    )


@pytest.mark.skipif(not torch.cuda.is_available(), reason="8-bit bitsandbytes base needs CUDA")
def test_eight_bit_base_on_cuda(tiny: Path) -> None:
    from aibook_desktop.training.whisper import load_base

    model = load_base(str(tiny), eight_bit=True)
    assert any("8bit" in type(m).__name__ for m in model.modules())


def test_an_empty_split_is_written_loadable_and_evaluate_says_so(
    corpus: Corpus, tiny: Path, tmp_path: Path
) -> None:
    """Issue #19: a 0 ratio used to write a dataset that `evaluate` could not load."""
    from datasets import load_from_disk

    from aibook_desktop.training.evaluate import evaluate
    from aibook_desktop.training.prepare import prepare

    report = prepare(
        PrepareArguments(
            input_dirs=[str(corpus.root)], output_dir=str(tmp_path), chunk_size=64, workers=1,
            split_ratios=[1.0, 0.0, 0.0],
        )
    )  # fmt: skip
    assert report.split_sizes["test"] == 0 and report.split_sizes["train"] > 0
    ds = load_from_disk(str(tmp_path / "dataset"))
    assert len(ds["test"]) == 0 and len(ds["train"]) == report.split_sizes["train"]
    with pytest.raises(ValueError, match="split is empty"):
        evaluate(
            EvaluateArguments(
                dataset_dir=str(tmp_path / "dataset"), output_dir=str(tmp_path / "eval"),
                base_model=str(tiny), threads=1,
            )
        )  # fmt: skip


def test_a_looping_hypothesis_is_scored_as_the_kiosk_shows_it() -> None:
    """Issue #19: one looping CTranslate2 output pushed a set's WER to 1.53."""
    from aibook_desktop.training.evaluate import as_kiosk_shows
    from aibook_desktop.training.metrics import score

    loop = "I want I want I want I want I want I want I want"
    assert as_kiosk_shows(loop) == "" and as_kiosk_shows("I want a cake") == "I want a cake"
    assert score(["I want cake"], [as_kiosk_shows(loop)]).cer <= 1.0


def test_noise_only_labels_become_empty_text_rows_when_asked(tmp_path: Path) -> None:
    """Issue #19: non-speech in training, so the adapter can learn to say nothing for it."""
    import soundfile as sf
    from aihub_fixture import label_json
    from datasets import load_from_disk

    from aibook_desktop.training.prepare import is_non_speech, prepare

    assert is_non_speech("n/") and is_non_speech(" b/ l/ ") and not is_non_speech("불 켜 줘 n/")
    root = tmp_path / "noise"
    rng = np.random.default_rng(0)
    for i in range(4):
        folder = root / "[원천]" / f"900{i}_noise"
        folder.mkdir(parents=True)
        sf.write(folder / f"n{i}.wav", (0.1 * rng.standard_normal(16000)).astype(np.float32), 16000)
        lab = root / "[라벨]" / f"900{i}_noise"
        lab.mkdir(parents=True)
        data = label_json(f"900{i}", "noise", "5~7", "n/", f"n{i}.wav", 1.0)
        (lab / f"n{i}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    args = dict(input_dirs=[str(root)], split_ratios=[1.0, 0.0, 0.0], workers=1)
    skipped = prepare(PrepareArguments(output_dir=str(tmp_path / "a"), **args))  # type: ignore[arg-type]
    assert skipped.kept == 0 and skipped.skipped == {"unintelligible_or_empty": 4}
    kept = prepare(
        PrepareArguments(output_dir=str(tmp_path / "b"), keep_non_speech=True, **args)  # type: ignore[arg-type]
    )
    assert kept.kept == 4 and kept.split_sizes["train"] == 4
    rows = load_from_disk(str(tmp_path / "b" / "dataset"))["train"]
    assert set(rows["text"]) == {""} and len(set(rows["sentence_id"])) == 4
