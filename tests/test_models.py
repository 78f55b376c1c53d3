"""Presets, folder checks, folder import (USB/offline booths) and the disk-space refusal."""

from __future__ import annotations

import fnmatch
import json
from pathlib import Path

import numpy as np
import pytest
from safetensors.numpy import save_file

from aibook_desktop.engine.cancel import Cancelled, CancelToken
from aibook_desktop.engine.hardware import HardwareInfo
from aibook_desktop.engine.models import (
    PRESETS,
    DiskUsage,
    FolderProblem,
    ModelRole,
    NotEnoughDiskSpace,
    apply_to_settings,
    check_disk_space,
    get_preset,
    human_bytes,
    import_folder,
    locate_model,
    models_dir,
    recommend_preset,
    validate_folder,
)
from aibook_desktop.engine.models.presets import REQUIRED_FILES
from aibook_desktop.engine.models.verify import MANIFEST_NAME, read_manifest
from aibook_desktop.engine.settings import Settings

# The files of the real hub repos (names only), to check presets fetch what the checks require.
SDXL_BASE_REPO = [
    "model_index.json", "scheduler/scheduler_config.json", "sd_xl_base_1.0.safetensors",
    "sd_xl_offset_example-lora_1.0.safetensors", "text_encoder/config.json",
    "text_encoder/model.fp16.safetensors", "text_encoder/model.safetensors",
    "text_encoder/openvino_model.bin", "text_encoder_2/config.json",
    "text_encoder_2/model.fp16.safetensors", "text_encoder_2/model.safetensors",
    "tokenizer/merges.txt", "tokenizer/special_tokens_map.json", "tokenizer/tokenizer_config.json",
    "tokenizer/vocab.json", "tokenizer_2/merges.txt", "tokenizer_2/special_tokens_map.json",
    "tokenizer_2/tokenizer_config.json", "tokenizer_2/vocab.json", "unet/config.json",
    "unet/diffusion_pytorch_model.fp16.safetensors", "unet/diffusion_pytorch_model.safetensors",
    "unet/openvino_model.bin", "vae/config.json", "vae/diffusion_pytorch_model.fp16.safetensors",
    "vae/diffusion_pytorch_model.safetensors", "vae_decoder/model.onnx",
]  # fmt: skip
SDXL_REFINER_REPO = [
    "model_index.json", "scheduler/scheduler_config.json", "sd_xl_refiner_1.0.safetensors",
    "text_encoder_2/config.json", "text_encoder_2/model.fp16.safetensors",
    "text_encoder_2/model.safetensors", "tokenizer_2/merges.txt", "tokenizer_2/vocab.json",
    "tokenizer_2/special_tokens_map.json", "tokenizer_2/tokenizer_config.json", "unet/config.json",
    "unet/diffusion_pytorch_model.fp16.safetensors", "unet/diffusion_pytorch_model.safetensors",
    "vae/config.json", "vae/diffusion_pytorch_model.fp16.safetensors",
    "vae/diffusion_pytorch_model.safetensors",
]  # fmt: skip
WHISPER_REPO = [
    "added_tokens.json", "config.json", "flax_model.msgpack", "generation_config.json",
    "merges.txt", "model.safetensors", "normalizer.json", "preprocessor_config.json",
    "pytorch_model.bin", "special_tokens_map.json", "tf_model.h5", "tokenizer.json",
    "tokenizer_config.json", "vocab.json",
]  # fmt: skip
SAFETY_REPO = [
    ".gitattributes", "README.md", "config.json", "model.safetensors", "preprocessor_config.json",
    "pytorch_model.bin",
]  # fmt: skip
VAE_FP16_REPO = [
    ".gitattributes", "README.md", "config.json", "diffusion_pytorch_model.bin",
    "diffusion_pytorch_model.safetensors", "sdxl.vae.safetensors", "sdxl_vae.safetensors",
]  # fmt: skip
HYPER_REPO = [
    "Hyper-SDXL-8steps-CFG-lora.safetensors", "Hyper-SDXL-8steps-lora.safetensors",
    "Hyper-SDXL-1step-Unet.safetensors", "Hyper-SD15-8steps-CFG-lora.safetensors", "README.md",
]  # fmt: skip
LIGHTNING_REPO = [
    "sdxl_lightning_4step_lora.safetensors", "sdxl_lightning_8step_lora.safetensors",
    "sdxl_lightning_4step_unet.safetensors", "sdxl_lightning_4step.safetensors", "README.md",
]  # fmt: skip
REPO_FILES = {
    "madebyollin/sdxl-vae-fp16-fix": VAE_FP16_REPO,
    "ByteDance/Hyper-SD": HYPER_REPO,
    "ByteDance/SDXL-Lightning": LIGHTNING_REPO,
    "CompVis/stable-diffusion-safety-checker": SAFETY_REPO,
    "stabilityai/stable-diffusion-xl-base-1.0": SDXL_BASE_REPO,
    "stabilityai/stable-diffusion-xl-refiner-1.0": SDXL_REFINER_REPO,
    "openai/whisper-large-v2": WHISPER_REPO,
    "openai/whisper-small": WHISPER_REPO,
    # Systran's CTranslate2 conversions (file names as those repos publish them, not checkable
    # offline here): model.bin is CTranslate2's weights format, not a pickle.
    "Systran/faster-whisper-base": [
        ".gitattributes",
        "README.md",
        "config.json",
        "model.bin",
        "tokenizer.json",
        "vocabulary.txt",
    ],
}


def _hw(vram: float | None) -> HardwareInfo:
    return HardwareInfo(8, "x86_64", torch_installed=True, cuda=vram is not None, vram_gb=vram)


def test_presets_say_what_they_cost() -> None:
    assert [p.id for p in PRESETS] == ["gpu12", "fast", "instant", "gpu8", "cpu", "cpu-voice"]
    big, small, cpu = get_preset("gpu12"), get_preset("gpu8"), get_preset("cpu")
    cpu_voice = get_preset("cpu-voice")
    # the CPU voice preset: one multilingual CTranslate2 Whisper, downloadable, no GPU
    (voice,) = cpu_voice.downloadable
    assert voice.role is ModelRole.WHISPER and voice.repo_id == "Systran/faster-whisper-base"
    assert cpu_voice.min_vram_gb == 0 and cpu_voice.backends["picture_backend"] == "sketch"
    assert 10**8 < cpu_voice.approx_bytes < 3 * 10**8
    assert {m.role for m in big.models} == set(ModelRole) - {ModelRole.SDXL_LORA}
    assert big.spec(ModelRole.SDXL_REFINER) is not None
    assert small.spec(ModelRole.SDXL_REFINER) is None and small.spec(ModelRole.SDXL_BASE)
    assert (
        cpu.models == () and cpu.approx_bytes == 0 and cpu.backends["picture_backend"] == "sketch"
    )
    assert big.approx_bytes > small.approx_bytes > 7 * 10**9
    assert big.min_vram_gb == 12 and small.min_vram_gb == 8
    assert human_bytes(big.approx_bytes).endswith("GB")
    # the children's LoRA has no public copy: import only
    assert big.spec(ModelRole.WHISPER_ADAPTER) not in big.downloadable
    # both GPU presets fetch the image safety model, and its 1.22 GB count in what they cost
    for preset in (big, small):
        safety = preset.spec(ModelRole.IMAGE_SAFETY)
        assert safety is not None and safety in preset.downloadable
        assert safety.repo_id == "CompVis/stable-diffusion-safety-checker"
        assert safety.approx_bytes == int(1.22 * 10**9)
        assert preset.approx_bytes == sum(m.approx_bytes for m in preset.models)
    assert small.approx_bytes == (
        int(6.94 * 10**9) + int(0.33 * 10**9) + int(1.22 * 10**9) + int(0.97 * 10**9)
    )
    with pytest.raises(KeyError):
        get_preset("gpu4")


@pytest.mark.parametrize(
    ("vram", "expected"),
    [(24.0, "gpu12"), (11.7, "gpu12"), (10.0, "gpu8"), (7.8, "gpu8"), (6.0, "cpu"), (None, "cpu")],
)
def test_recommended_preset_fits_the_card(vram: float | None, expected: str) -> None:
    assert recommend_preset(_hw(vram)).id == expected


def test_each_preset_downloads_everything_its_check_requires() -> None:
    for preset in PRESETS:
        for spec in preset.downloadable:
            assert spec.repo_id is not None
            fetched = [
                f
                for f in REPO_FILES[spec.repo_id]
                if any(fnmatch.fnmatch(f, p) for p in spec.allow_patterns)
            ]
            pickles = [f for f in fetched if f.endswith((".bin", ".onnx", ".msgpack", ".h5"))]
            assert pickles in ([], ["model.bin"]), pickles  # CTranslate2's model.bin only
            if pickles:
                assert spec.repo_id.startswith("Systran/faster-whisper-")
            for alternatives in REQUIRED_FILES[spec.role]:
                assert any(fnmatch.filter(fetched, a) for a in alternatives), (spec, alternatives)


# ---- folders ----------------------------------------------------------------------------------
def _weights(path: Path, n: int = 64) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    save_file({"w": np.arange(n, dtype=np.float32)}, str(path))


def make_adapter(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "adapter_config.json").write_text(json.dumps({"peft_type": "LORA", "r": 8}))
    _weights(folder / "adapter_model.safetensors", 4096)
    return folder


def make_sdxl(folder: Path) -> Path:
    (folder / "scheduler").mkdir(parents=True)
    (folder / "model_index.json").write_text("{}")
    (folder / "scheduler" / "scheduler_config.json").write_text("{}")
    for part in ("unet", "vae"):
        (folder / part).mkdir()
        (folder / part / "config.json").write_text("{}")
        _weights(folder / part / "diffusion_pytorch_model.fp16.safetensors")
    for part in ("text_encoder", "text_encoder_2"):
        (folder / part).mkdir()
        (folder / part / "config.json").write_text("{}")
        _weights(folder / part / "model.fp16.safetensors")
    for part in ("tokenizer", "tokenizer_2"):
        (folder / part).mkdir()
        (folder / part / "vocab.json").write_text("{}")
        (folder / part / "merges.txt").write_text("#version: 0.2\n")
    return folder


def test_a_complete_sdxl_folder_passes_and_knows_its_variant(tmp_path: Path) -> None:
    report = validate_folder("sdxl_base", make_sdxl(tmp_path / "base"))
    assert report.ok, report.describe()
    assert report.variant == "fp16" and report.files_checked == 14
    # the same folder is a valid refiner too (the refiner needs a subset)
    assert validate_folder(ModelRole.SDXL_REFINER, tmp_path / "base").ok


def make_safety_checker(folder: Path, weights: str = "model.safetensors") -> Path:
    """The layout of CompVis/stable-diffusion-safety-checker (tiny weights, real formats)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text(json.dumps({"model_type": "clip"}))
    (folder / "preprocessor_config.json").write_text(json.dumps({"crop_size": 224}))
    if weights.endswith(".safetensors"):
        _weights(folder / weights)
    else:
        (folder / weights).write_bytes(b"PK\x03\x04" + bytes(60))  # a torch.save zip header
    return folder


@pytest.mark.parametrize("weights", ["model.safetensors", "pytorch_model.bin"])
def test_a_safety_checker_folder_needs_its_weights(tmp_path: Path, weights: str) -> None:
    folder = make_safety_checker(tmp_path / "checker", weights)
    report = validate_folder(ModelRole.IMAGE_SAFETY, folder)
    assert report.ok and report.files_checked == 3, report.describe()
    (folder / weights).unlink()
    report = validate_folder("sdxl_safety_checker", folder)
    assert report.missing == ("model.safetensors or pytorch_model.bin",)
    (folder / "preprocessor_config.json").unlink()
    assert validate_folder("sdxl_safety_checker", folder).missing == (
        "preprocessor_config.json", "model.safetensors or pytorch_model.bin",
    )  # fmt: skip


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    folder = make_sdxl(tmp_path / "base")
    (folder / "unet" / "diffusion_pytorch_model.fp16.safetensors").unlink()
    report = validate_folder("sdxl_base", folder)
    assert not report.ok
    assert report.missing == ("unet/diffusion_pytorch_model*.safetensors",)
    assert "missing unet/diffusion_pytorch_model*.safetensors" in report.describe()
    assert validate_folder("whisper_model", tmp_path / "nowhere").missing == ("the folder itself",)


@pytest.mark.parametrize("damage", ["truncate", "garbage", "bad_json", "empty"])
def test_a_damaged_file_is_named(tmp_path: Path, damage: str) -> None:
    folder = make_adapter(tmp_path / "lora")
    weights = folder / "adapter_model.safetensors"
    if damage == "truncate":
        weights.write_bytes(weights.read_bytes()[:-100])
    elif damage == "garbage":
        weights.write_bytes(b"\xff" * 5000)
    elif damage == "bad_json":
        (folder / "adapter_config.json").write_text('{"r": 8')
    else:
        weights.write_bytes(b"")
    report = validate_folder(ModelRole.WHISPER_ADAPTER, folder)
    assert not report.ok and not report.missing
    (problem,) = report.corrupt
    expected = {"truncate": "truncated", "garbage": "not a safetensors", "bad_json": "JSON",
                "empty": "empty"}[damage]  # fmt: skip
    assert expected in problem.problem


def test_import_copies_validates_and_records_checksums(tmp_path: Path) -> None:
    usb = make_adapter(tmp_path / "usb" / "lora")
    seen: list[tuple[int, int]] = []
    model = import_folder("whisper_adapter", usb, progress=lambda d, t: seen.append((d, t)))
    assert model.folder.parent == models_dir() and model.folder.is_dir()
    assert (model.folder / "adapter_model.safetensors").read_bytes() == (
        usb / "adapter_model.safetensors"
    ).read_bytes()
    assert seen[-1][0] == seen[-1][1] > 0
    manifest = read_manifest(model.folder)
    assert manifest is not None and set(manifest) == {
        "adapter_config.json", "adapter_model.safetensors",
    }  # fmt: skip
    # later, a flipped byte inside the copy is caught by a deep check (same size, same header)
    weights = model.folder / "adapter_model.safetensors"
    data = bytearray(weights.read_bytes())
    data[-1] ^= 0xFF
    weights.write_bytes(bytes(data))
    assert validate_folder("whisper_adapter", model.folder).ok  # cheap check can't see it
    deep = validate_folder("whisper_adapter", model.folder, deep=True)
    assert [p.problem for p in deep.corrupt] == ["checksum mismatch"]


def test_import_refuses_a_damaged_stick_and_names_the_file(tmp_path: Path) -> None:
    usb = make_adapter(tmp_path / "usb")
    weights = usb / "adapter_model.safetensors"
    weights.write_bytes(weights.read_bytes()[:1000])
    with pytest.raises(FolderProblem, match=r"adapter_model\.safetensors \(truncated"):
        import_folder("whisper_adapter", usb)
    (usb / "adapter_config.json").unlink()
    with pytest.raises(FolderProblem) as info:
        import_folder("whisper_adapter", usb)
    assert info.value.report.missing == ("adapter_config.json",)
    assert not (models_dir() / "imported-whisper_adapter").exists()


def test_import_with_a_manifest_catches_a_changed_file(tmp_path: Path) -> None:
    first = import_folder("whisper_adapter", make_adapter(tmp_path / "a"))
    # copy the imported folder (with its manifest) onto a "stick" and damage one byte there
    stick = tmp_path / "stick"
    stick.mkdir()
    for f in first.folder.iterdir():
        (stick / f.name).write_bytes(f.read_bytes())
    data = bytearray((stick / "adapter_model.safetensors").read_bytes())
    data[-5] ^= 1
    (stick / "adapter_model.safetensors").write_bytes(bytes(data))
    with pytest.raises(FolderProblem, match="checksum mismatch"):
        import_folder("whisper_adapter", stick)


def test_import_in_place_and_cancel(tmp_path: Path) -> None:
    disk = make_adapter(tmp_path / "second-disk")
    model = import_folder("whisper_adapter", disk, copy=False)
    assert model.folder == disk.absolute() and not (disk / MANIFEST_NAME).exists()
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        import_folder("whisper_adapter", disk, cancel=token)
    assert not list(models_dir().iterdir())  # the half copy is gone


def test_disk_space_refusal_is_clear_and_happens_first(tmp_path: Path) -> None:
    usb = make_adapter(tmp_path / "usb")
    full = DiskUsage(total=500 * 10**9, used=500 * 10**9 - 10**8, free=10**8)
    with pytest.raises(NotEnoughDiskSpace) as info:
        import_folder("whisper_adapter", usb, disk_usage=lambda _p: full)
    message = str(info.value)
    assert "Not enough free disk space" in message and "100.0 MB" in message
    assert not (models_dir() / "imported-whisper_adapter").exists()
    # the check walks up to a folder that exists and asks about that one
    asked: list[str] = []

    def usage(path: str) -> DiskUsage:
        asked.append(path)
        return DiskUsage(10**12, 0, 10**12)

    assert check_disk_space(20 * 10**9, tmp_path / "not" / "yet", disk_usage=usage) == 10**12
    assert asked == [str(tmp_path)]
    with pytest.raises(NotEnoughDiskSpace):
        check_disk_space(10**12, tmp_path, disk_usage=usage)  # the reserve for books counts


def test_settings_follow_the_preset(tmp_path: Path) -> None:
    base = make_sdxl(tmp_path / "base")
    settings = Settings(whisper_model="/old/whisper", sdxl_refiner="/old/refiner")
    apply_to_settings(settings, get_preset("gpu8"), {ModelRole.SDXL_BASE: base})
    assert settings.sdxl_base == str(base) and settings.picture_backend == "sdxl"
    assert settings.sdxl_refiner == ""  # the 8 GB preset has no refiner
    assert settings.whisper_model == "/old/whisper"  # not re-chosen: kept
    checker = make_safety_checker(tmp_path / "checker")
    apply_to_settings(settings, get_preset("gpu8"), {ModelRole.IMAGE_SAFETY: checker})
    assert settings.sdxl_safety_checker == str(checker)
    apply_to_settings(settings, get_preset("cpu"), {})
    assert (settings.sdxl_base, settings.whisper_model, settings.picture_backend) == (
        "", "", "sketch",
    )  # fmt: skip
    assert settings.model_preset == "cpu"


def test_locate_model_never_goes_online(tmp_path: Path) -> None:
    assert locate_model("") is None
    assert locate_model(str(tmp_path)) == tmp_path
    cache = tmp_path / "hf-cache"
    assert locate_model("stabilityai/stable-diffusion-xl-base-1.0", cache_dir=cache) is None
    assert locate_model(str(tmp_path / "missing")) is None


def test_models_cli_asks_before_downloading_and_imports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from aibook_desktop.engine import cli
    from aibook_desktop.engine.settings import load_settings, reset_settings_cache

    reset_settings_cache()
    try:
        assert cli.main(["models", "download", "gpu12"]) == 2  # no --yes: nothing happens
        assert "Nothing was downloaded" in capsys.readouterr().out
        assert not list(models_dir().iterdir())
        usb = make_adapter(tmp_path / "usb")
        assert cli.main(["models", "import", "whisper_adapter", str(usb)]) == 0
        assert load_settings().whisper_adapter == str(models_dir() / "imported-whisper_adapter")
        (usb / "adapter_config.json").unlink()
        assert cli.main(["models", "import", "whisper_adapter", str(usb)]) == 4
        assert "missing adapter_config.json" in capsys.readouterr().err
        assert cli.main(["models", "download", "cpu", "--yes"]) == 0  # nothing to fetch
        settings = load_settings()
        assert (settings.model_preset, settings.picture_backend) == ("cpu", "sketch")
        assert settings.whisper_adapter == ""  # the CPU preset uses no adapter
        checker = make_safety_checker(tmp_path / "usb-checker", "pytorch_model.bin")
        assert cli.main(["models", "import", "sdxl_safety_checker", str(checker)]) == 0
        imported = models_dir() / "imported-sdxl_safety_checker"
        assert load_settings().sdxl_safety_checker == str(imported)
        assert (imported / "pytorch_model.bin").read_bytes() == (
            checker / "pytorch_model.bin"
        ).read_bytes()
    finally:
        reset_settings_cache()
