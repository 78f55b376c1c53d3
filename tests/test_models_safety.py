"""The image safety model as a first-class model: a folder the checks accept is one SDXL loads.

Uses a real (tiny) StableDiffusionSafetyChecker saved by tests/tiny_sdxl.py, so the folder
layout is whatever diffusers/transformers really write, not a hand-made imitation.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from tiny_sdxl import save_tiny_safety_checker

from aibook_desktop.engine.errors import BackendUnavailable
from aibook_desktop.engine.hardware import HardwareInfo
from aibook_desktop.engine.models import (
    ModelRole,
    apply_to_settings,
    get_preset,
    import_folder,
    models_dir,
    validate_folder,
)
from aibook_desktop.engine.pictures.sdxl.config import illustrator_from_settings
from aibook_desktop.engine.pictures.sdxl.image_safety import DiffusersImageChecker
from aibook_desktop.engine.settings import Settings

CPU = HardwareInfo(2, "x86_64", torch_installed=True, cuda=False)
PICTURE = Image.new("RGB", (64, 64), (200, 120, 40))


def test_a_real_checker_folder_passes_the_check_imports_and_loads(tmp_path: Path) -> None:
    usb = save_tiny_safety_checker(tmp_path / "usb" / "checker", flag_everything=True)
    report = validate_folder(ModelRole.IMAGE_SAFETY, usb, deep=True)
    assert report.ok, report.describe()
    model = import_folder("sdxl_safety_checker", usb)
    assert model.folder == models_dir() / "imported-sdxl_safety_checker"
    verdict = DiffusersImageChecker.load(str(model.folder)).check(PICTURE)
    assert verdict.real and verdict.flagged  # this tiny checker flags everything


def _settings(tmp_path: Path, checker: Path) -> Settings:
    """What a gpu8 download leaves in Settings (the SDXL weights themselves are not loaded)."""
    base = tmp_path / "sdxl-base"
    base.mkdir()
    folders = {ModelRole.SDXL_BASE: base, ModelRole.IMAGE_SAFETY: checker}
    return apply_to_settings(Settings(sdxl_allow_cpu=True), get_preset("gpu8"), folders)


def test_sdxl_checks_pictures_with_the_preset_s_safety_model(tmp_path: Path) -> None:
    checker = save_tiny_safety_checker(tmp_path / "checker", flag_everything=False)
    settings = _settings(tmp_path, checker)
    assert settings.sdxl_safety_checker == str(checker)
    illustrator = illustrator_from_settings(settings, CPU, load=False)
    assert isinstance(illustrator.safety, DiffusersImageChecker)
    verdict = illustrator.safety.check(PICTURE)
    assert verdict.real and not verdict.flagged  # this one flags nothing: the model decides


def test_a_checker_folder_without_weights_is_refused_by_both(tmp_path: Path) -> None:
    checker = save_tiny_safety_checker(tmp_path / "checker", flag_everything=False)
    for weights in checker.glob("*.safetensors"):
        weights.unlink()
    report = validate_folder(ModelRole.IMAGE_SAFETY, checker)
    assert report.missing == ("model.safetensors or pytorch_model.bin",)
    with pytest.raises(BackendUnavailable, match="safety checker"):
        illustrator_from_settings(_settings(tmp_path, checker), CPU, load=False)
