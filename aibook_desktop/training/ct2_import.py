"""A CTranslate2 Whisper `model.bin` read back into a transformers Whisper (converter inverse)."""

from __future__ import annotations

import json
import logging
import struct
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

__all__ = ["ct2_whisper_to_transformers", "read_ct2_model"]

log = logging.getLogger(__name__)

# Order of CTranslate2's DataType enum (include/ctranslate2/types.h).
_DTYPES: tuple[Any, ...] = (np.float32, np.int8, np.int16, np.int32, np.float16, "bfloat16")


def _read_string(fh: BinaryIO) -> str:
    (length,) = struct.unpack("<H", fh.read(2))
    return fh.read(length)[:-1].decode("utf-8")  # stored with a trailing NUL


def read_ct2_model(path: Path) -> tuple[str, dict[str, np.ndarray]]:
    """Parse `model.bin` (binary version 6) into {name: array}, aliases resolved.

    Why by hand: CTranslate2 can write models but offers no reader back to framework weights,
    and the only pretrained Whisper reachable offline here ships in this form.
    """
    variables: dict[str, np.ndarray] = {}
    with open(path, "rb") as fh:
        (version,) = struct.unpack("<I", fh.read(4))
        if version < 5:
            raise ValueError(f"unsupported CTranslate2 binary version {version}")
        spec = _read_string(fh)
        (revision,) = struct.unpack("<I", fh.read(4))
        (count,) = struct.unpack("<I", fh.read(4))
        for _ in range(count):
            name = _read_string(fh)
            rank = fh.read(1)[0]
            dims = struct.unpack(f"<{rank}I", fh.read(4 * rank)) if rank else ()
            dtype_id = fh.read(1)[0]
            (nbytes,) = struct.unpack("<I", fh.read(4))
            raw = fh.read(nbytes)
            dtype = _DTYPES[dtype_id]
            if dtype == "bfloat16":
                bits = np.frombuffer(raw, dtype=np.uint16).astype(np.uint32) << 16
                array = bits.view(np.float32)
            else:
                array = np.frombuffer(raw, dtype=dtype)
            variables[name] = array.reshape(dims)
        (n_alias,) = struct.unpack("<I", fh.read(4))
        for _ in range(n_alias):
            alias = _read_string(fh)
            target = _read_string(fh)
            variables[alias] = variables[target]
    log.info("read %s rev %d: %d variables from %s", spec, revision, len(variables), path)
    return spec, variables


def _torch_state_dict(var: dict[str, np.ndarray], n_enc: int, n_dec: int) -> dict[str, Any]:
    """Map CTranslate2 names to transformers names, splitting the fused projections."""
    import torch

    def t(name: str) -> torch.Tensor:
        return torch.from_numpy(np.array(var[name], dtype=np.float32))

    sd: dict[str, torch.Tensor] = {}

    def norm(dst: str, src: str) -> None:
        sd[f"{dst}.weight"] = t(f"{src}/gamma")
        sd[f"{dst}.bias"] = t(f"{src}/beta")

    def linear(dst: str, src: str, bias: bool = True) -> None:
        sd[f"{dst}.weight"] = t(f"{src}/weight")
        if bias:
            sd[f"{dst}.bias"] = t(f"{src}/bias")

    def split(dst: list[str], src: str) -> None:
        # Whisper's k_proj has no bias: the converter fused a zero bias in its place.
        weights = t(f"{src}/weight").chunk(len(dst))
        biases = t(f"{src}/bias").chunk(len(dst))
        for name, w, b in zip(dst, weights, biases, strict=True):
            sd[f"{name}.weight"] = w.clone()
            if not name.endswith("k_proj"):
                sd[f"{name}.bias"] = b.clone()

    for side, n in (("encoder", n_enc), ("decoder", n_dec)):
        base = f"model.{side}"
        sd[f"{base}.embed_positions.weight"] = t(f"{side}/position_encodings/encodings")
        norm(f"{base}.layer_norm", f"{side}/layer_norm")
        for i in range(n):
            hf, ct = f"{base}.layers.{i}", f"{side}/layer_{i}"
            a = f"{hf}.self_attn"
            split([f"{a}.q_proj", f"{a}.k_proj", f"{a}.v_proj"], f"{ct}/self_attention/linear_0")
            linear(f"{a}.out_proj", f"{ct}/self_attention/linear_1")
            norm(f"{hf}.self_attn_layer_norm", f"{ct}/self_attention/layer_norm")
            if side == "decoder":
                c = f"{hf}.encoder_attn"
                linear(f"{c}.q_proj", f"{ct}/attention/linear_0")
                split([f"{c}.k_proj", f"{c}.v_proj"], f"{ct}/attention/linear_1")
                linear(f"{c}.out_proj", f"{ct}/attention/linear_2")
                norm(f"{hf}.encoder_attn_layer_norm", f"{ct}/attention/layer_norm")
            linear(f"{hf}.fc1", f"{ct}/ffn/linear_0")
            linear(f"{hf}.fc2", f"{ct}/ffn/linear_1")
            norm(f"{hf}.final_layer_norm", f"{ct}/ffn/layer_norm")
    for conv in ("conv1", "conv2"):
        linear(f"model.encoder.{conv}", f"encoder/{conv}")
    sd["model.decoder.embed_tokens.weight"] = t("decoder/embeddings/weight")
    sd["proj_out.weight"] = sd["model.decoder.embed_tokens.weight"]
    return sd


def ct2_whisper_to_transformers(ct2_dir: Path, out_dir: Path) -> Path:
    """Write a transformers Whisper (fp32, tokenizer, processor) rebuilt from a CTranslate2 folder.

    Why: the toolkit trains LoRA adapters on transformers models; the only pretrained Whisper
    available offline is tiny.en as CTranslate2. Returns `out_dir`.
    """
    from transformers import (
        GenerationConfig,
        WhisperConfig,
        WhisperFeatureExtractor,
        WhisperForConditionalGeneration,
        WhisperProcessor,
        WhisperTokenizer,
    )

    # 1. weights and model shape
    spec, var = read_ct2_model(ct2_dir / "model.bin")
    if spec != "WhisperSpec":
        raise ValueError(f"{ct2_dir} holds a {spec}, not a Whisper model")
    n_enc = sum(
        1 for k in var if k.startswith("encoder/layer_") and k.endswith("ffn/linear_0/weight")
    )
    n_dec = sum(
        1 for k in var if k.startswith("decoder/layer_") and k.endswith("ffn/linear_0/weight")
    )
    vocab, d_model = var["decoder/embeddings/weight"].shape
    ffn = var["encoder/layer_0/ffn/linear_0/weight"].shape[0]
    n_mels = var["encoder/conv1/weight"].shape[1]
    heads_enc = int(var["encoder/num_heads"])
    heads_dec = int(var["decoder/num_heads"])
    ct2_config = json.loads((ct2_dir / "config.json").read_text(encoding="utf-8"))

    # 2. tokenizer: the folder's tokenizer.json holds the same ids as vocabulary.txt
    tok = WhisperTokenizer(
        tokenizer_file=str(ct2_dir / "tokenizer.json"),
        unk_token="<|endoftext|>",
        bos_token="<|endoftext|>",
        eos_token="<|endoftext|>",
        pad_token="<|endoftext|>",
    )

    def ids(token: str) -> int:
        return int(tok.convert_tokens_to_ids(token))  # type: ignore[arg-type]

    multilingual = vocab >= 51865  # the same test CTranslate2 and openai-whisper use
    eot, sot, no_ts = ids("<|endoftext|>"), ids("<|startoftranscript|>"), ids("<|notimestamps|>")

    # 3. model
    cfg = WhisperConfig(
        vocab_size=vocab,
        num_mel_bins=n_mels,
        d_model=d_model,
        encoder_layers=n_enc,
        decoder_layers=n_dec,
        encoder_attention_heads=heads_enc,
        decoder_attention_heads=heads_dec,
        encoder_ffn_dim=ffn,
        decoder_ffn_dim=ffn,
        max_source_positions=var["encoder/position_encodings/encodings"].shape[0],
        max_target_positions=var["decoder/position_encodings/encodings"].shape[0],
        pad_token_id=eot,
        bos_token_id=eot,
        eos_token_id=eot,
        decoder_start_token_id=sot,
        suppress_tokens=list(ct2_config.get("suppress_ids", [])),
        begin_suppress_tokens=list(ct2_config.get("suppress_ids_begin", [])),
        tie_word_embeddings=True,
    )
    model = WhisperForConditionalGeneration(cfg)
    state = _torch_state_dict(var, n_enc, n_dec)
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [k for k in missing if k != "proj_out.weight"]
    if missing or unexpected:
        raise ValueError(f"weights do not fit: missing {missing}, unexpected {unexpected}")
    model.tie_weights()

    # 4. generation config, built directly (see lab notes: from_model_config() loses keys)
    # An English-only model must NOT carry lang_to_id/task_to_id: transformers then runs language
    # detection and puts a bogus token in the prompt (seen: [sot, "!", notimestamps]).
    extra: dict[str, Any] = {}
    if multilingual:
        extra["lang_to_id"] = {tok.convert_ids_to_tokens(i): i for i in ct2_config["lang_ids"]}
        extra["task_to_id"] = {
            "transcribe": ids("<|transcribe|>"),
            "translate": ids("<|translate|>"),
        }
    model.generation_config = GenerationConfig(
        decoder_start_token_id=sot,
        bos_token_id=eot,
        eos_token_id=eot,
        pad_token_id=eot,
        max_length=cfg.max_target_positions,
        no_timestamps_token_id=no_ts,
        prev_sot_token_id=ids("<|startofprev|>"),
        is_multilingual=multilingual,
        suppress_tokens=cfg.suppress_tokens,
        begin_suppress_tokens=cfg.begin_suppress_tokens,
        alignment_heads=ct2_config.get("alignment_heads"),
        **extra,
    )

    # 5. save with a processor, so training and export find everything in one folder
    out_dir.mkdir(parents=True, exist_ok=True)
    model.float()
    model.save_pretrained(out_dir)
    fe = WhisperFeatureExtractor(feature_size=n_mels)
    WhisperProcessor(feature_extractor=fe, tokenizer=tok).save_pretrained(out_dir)
    fe.save_pretrained(out_dir)  # preprocessor_config.json: what faster-whisper reads
    log.info(
        "wrote transformers Whisper (%d+%d layers, d=%d) to %s", n_enc, n_dec, d_model, out_dir
    )
    return out_dir
