"""A Whisper with random weights and an in-code tokenizer, saved like a real checkpoint.

Nothing is downloaded: tests load it through the real ``from_pretrained`` / ``PeftModel`` path,
and on a GPU the benchmark times a whisper-large-v2-sized one (same compute as the real model).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

__all__ = [
    "BASE",
    "LARGE_V2",
    "MULTILINGUAL_VOCAB",
    "TINY",
    "build_random_adapter",
    "build_random_whisper",
    "build_speaking_whisper",
]

# d_model, layers, heads, ffn: whisper-large-v2's published shape, and a toy for tests.
LARGE_V2: dict[str, int] = {"d_model": 1280, "layers": 32, "heads": 20, "ffn": 5120, "mels": 80}
TINY: dict[str, int] = {"d_model": 64, "layers": 2, "heads": 2, "ffn": 128, "mels": 80}
BASE: dict[str, int] = {"d_model": 512, "layers": 6, "heads": 8, "ffn": 2048, "mels": 80}
_SPECIALS = [
    "<|endoftext|>", "<|startoftranscript|>", "<|en|>", "<|ko|>", "<|translate|>",
    "<|transcribe|>", "<|startoflm|>", "<|startofprev|>", "<|nocaptions|>", "<|notimestamps|>",
]  # fmt: skip
MULTILINGUAL_VOCAB = 51865  # whisper-base/small/large: CTranslate2's line for "multilingual"
_MERGES = ["Ġ t", "h e", "Ġt he", "Ġ a", "i n", "e r", "Ġ c", "a t", "Ġc at"]


def build_random_whisper(
    folder: Path,
    shape: dict[str, int] = TINY,
    seed: int = 0,
    vocab_extra: int = 0,
    min_vocab: int = 0,
) -> Path:
    """Write a random multilingual (en, ko) Whisper + processor to ``folder``; return it.

    ``vocab_extra`` pads the embedding past the tokenizer (as real checkpoints do), which the
    CTranslate2 converter must cope with. ``min_vocab`` pads the tokenizer itself with filler
    tokens: CTranslate2 and faster-whisper call a model multilingual only from 51865 tokens on.
    """
    import torch
    from tokenizers.pre_tokenizers import ByteLevel
    from transformers import (
        GenerationConfig,
        WhisperConfig,
        WhisperFeatureExtractor,
        WhisperForConditionalGeneration,
        WhisperProcessor,
        WhisperTokenizer,
    )

    folder.mkdir(parents=True, exist_ok=True)
    vocab = {c: i for i, c in enumerate(sorted(ByteLevel.alphabet()))}
    for merge in _MERGES:
        vocab.setdefault("".join(merge.split()), len(vocab))
    if min_vocab:  # a space glued to each byte, as real vocabularies have (" ♪" is suppressed)
        for c in sorted(ByteLevel.alphabet()):
            vocab.setdefault("Ġ" + c, len(vocab))
    filler = 0
    while len(vocab) + len(_SPECIALS) < min_vocab:
        vocab[f"zz{filler}"] = len(vocab)
        filler += 1
    eot = "<|endoftext|>"
    config: dict[str, Any] = {"tokenizer_class": "WhisperTokenizer", "model_max_length": 448}
    config |= {"unk_token": eot, "bos_token": eot, "eos_token": eot, "pad_token": eot}
    with tempfile.TemporaryDirectory(prefix="whisper-tokenizer-") as tmp:
        tok_dir = Path(tmp)
        (tok_dir / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
        (tok_dir / "merges.txt").write_text("#version: 0.2\n" + "\n".join(_MERGES) + "\n")
        (tok_dir / "tokenizer_config.json").write_text(json.dumps(config), encoding="utf-8")
        tok = WhisperTokenizer.from_pretrained(str(tok_dir))
    tok.add_special_tokens({"additional_special_tokens": _SPECIALS[1:]})
    fe = WhisperFeatureExtractor(feature_size=shape["mels"], sampling_rate=16000)
    ids = tok.convert_tokens_to_ids
    d, n, h, f = shape["d_model"], shape["layers"], shape["heads"], shape["ffn"]
    cfg = WhisperConfig(
        vocab_size=len(tok) + vocab_extra, num_mel_bins=shape["mels"], d_model=d, encoder_layers=n,
        decoder_layers=n, encoder_attention_heads=h, decoder_attention_heads=h,
        encoder_ffn_dim=f, decoder_ffn_dim=f, max_source_positions=1500,
        max_target_positions=448, pad_token_id=ids(eot), bos_token_id=ids(eot),
        eos_token_id=ids(eot), decoder_start_token_id=ids("<|startoftranscript|>"),
        suppress_tokens=[], begin_suppress_tokens=[],
    )  # fmt: skip
    torch.manual_seed(seed)
    model = WhisperForConditionalGeneration(cfg)
    # Built directly: a GenerationConfig from from_model_config() loses lang_to_id on reload.
    model.generation_config = GenerationConfig(
        decoder_start_token_id=cfg.decoder_start_token_id, bos_token_id=cfg.bos_token_id,
        eos_token_id=cfg.eos_token_id, pad_token_id=cfg.pad_token_id, max_length=448,
        no_timestamps_token_id=ids("<|notimestamps|>"), is_multilingual=True,
        lang_to_id={"<|en|>": ids("<|en|>"), "<|ko|>": ids("<|ko|>")},
        task_to_id={"transcribe": ids("<|transcribe|>"), "translate": ids("<|translate|>")},
        suppress_tokens=[], begin_suppress_tokens=[],
    )  # fmt: skip
    model.save_pretrained(folder)
    WhisperProcessor(feature_extractor=fe, tokenizer=tok).save_pretrained(folder)
    return folder


def build_random_adapter(
    model_dir: Path, folder: Path, r: int = 32, alpha: int = 64, seed: int = 1
) -> Path:
    """A LoRA adapter on q_proj/v_proj (the original project's r=32, alpha=64) with non-zero B.

    A fresh LoRA has B = 0 and changes nothing; random B makes "the adapter was applied"
    observable in tests.
    """
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import WhisperForConditionalGeneration

    base = WhisperForConditionalGeneration.from_pretrained(model_dir)
    lora = LoraConfig(r=r, lora_alpha=alpha, target_modules=["q_proj", "v_proj"])
    model = get_peft_model(base, lora)
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, param in model.named_parameters():
            if "lora_B" in name:
                param.copy_(torch.randn(param.shape, generator=gen) * 0.5)
    model.save_pretrained(str(folder))
    return folder


def build_speaking_whisper(
    folder: Path,
    sentence: str,
    *,
    multilingual: bool = True,
    quantization: str = "int8",
    seed: int = 0,
    shape: dict[str, int] = TINY,
) -> Path:
    """A tiny CTranslate2 Whisper (``model.bin``) that always says ``sentence``, confidently.

    The stand-in for a multilingual faster-whisper model (no weights are reachable here): it
    runs the real CTranslate2 decoder, tokenizer, language tokens and no-speech head, so the
    Korean microphone flow can be tested end to end. How it speaks: the decoder's layers are
    zeroed (their residual branches add nothing), so the last hidden state at position ``p``
    is ``token + position`` embedding; position ``p`` is set to a large multiple of the
    embedding of the token that must follow, and the tied output layer turns it back into
    that token (unit-variance random rows in 64 dimensions are nearly orthogonal). The
    sentence is spelled in byte-level tokens, so any UTF-8 (Hangul too) decodes exactly. The
    audio is ignored, so recogniser-level checks (silence, noise) stay with the recorder and
    the guard. ``multilingual=False`` gives a tokenizer below 51865 tokens (like tiny.en).
    ``shape=BASE`` has whisper-base's compute (zeros cost CTranslate2 the same as any weight):
    the benchmark times it with a known number of output tokens.
    """
    import torch
    from ctranslate2.converters import TransformersConverter
    from transformers import WhisperForConditionalGeneration, WhisperTokenizer

    hf = folder.with_name(folder.name + ".hf")
    min_vocab = MULTILINGUAL_VOCAB if multilingual else 600  # 600: room for " x" byte pairs
    build_random_whisper(hf, shape, seed=seed, min_vocab=min_vocab)
    tok = WhisperTokenizer.from_pretrained(str(hf))
    model = WhisperForConditionalGeneration.from_pretrained(str(hf))
    target = tok.convert_tokens_to_ids(_spell(sentence))
    eot, ko = tok.convert_tokens_to_ids("<|endoftext|>"), tok.convert_tokens_to_ids("<|ko|>")
    decoder = model.model.decoder
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        emb = torch.randn(decoder.embed_tokens.weight.shape, generator=gen)
        emb = (emb - emb.mean(1, keepdim=True)) / emb.std(1, keepdim=True)
        decoder.embed_tokens.weight.copy_(emb)
        pos = torch.zeros_like(decoder.embed_positions.weight)
        scale = 10.0
        pos[0] = scale * emb[ko]  # after <|startoftranscript|>: a language, never "no speech"
        prompt = 3  # <|sot|> <|lang|> <|transcribe|> <|notimestamps|>: the last is at 3
        for k, token in enumerate([*target, eot]):
            pos[prompt + k] = scale * emb[token]
        decoder.embed_positions.weight.copy_(pos)
        for layer in decoder.layers:
            for linear in (layer.self_attn.out_proj, layer.encoder_attn.out_proj, layer.fc2):
                linear.weight.zero_()
                if linear.bias is not None:
                    linear.bias.zero_()
        decoder.layer_norm.weight.fill_(1.0)
        decoder.layer_norm.bias.zero_()
    model.save_pretrained(hf)
    converter = TransformersConverter(str(hf), copy_files=["tokenizer.json"])
    converter.convert(str(folder), quantization=quantization, force=True)
    if multilingual:
        # Found by experiment: ctranslate2 4.8.5 reports ``is_multilingual`` only when its
        # vocabulary has an empty-string entry (size alone is not enough); one filler becomes it.
        vocabulary = folder / "vocabulary.json"
        tokens = json.loads(vocabulary.read_text(encoding="utf-8"))
        tokens[tokens.index("zz0")] = ""
        vocabulary.write_text(json.dumps(tokens, ensure_ascii=False), encoding="utf-8")
    _write_preprocessor(folder)
    return folder


def _spell(sentence: str) -> list[str]:
    """Byte-level tokens for ``sentence``: one per UTF-8 byte, a space glued to the next byte."""
    from transformers.convert_slow_tokenizer import bytes_to_unicode

    char = bytes_to_unicode()
    pieces: list[str] = []
    space = False
    for b in sentence.encode("utf-8"):
        if b == 0x20:
            space = True
            continue
        pieces.append(("Ġ" if space else "") + char[b])
        space = False
    return pieces


def _write_preprocessor(folder: Path) -> None:
    from transformers import WhisperFeatureExtractor

    WhisperFeatureExtractor(feature_size=80, sampling_rate=16000).save_pretrained(str(folder))
