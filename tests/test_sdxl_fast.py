"""Fast and instant picture modes (issue #17): a distilled few-step LoRA fused into SDXL base.

Tiny random LoRAs built in code prove the loading, the fusing (no LoRA layers left, the UNet
changed), the scheduler and step schedule of each model card, no refiner, the guidance kept in
fast mode and the mandatory image check in instant mode, and the mode in the provenance.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import torch
from diffusers import DDIMScheduler, EulerDiscreteScheduler
from tiny_sdxl import count_unet_calls, save_tiny_lora, save_tiny_safety_checker

from aibook_desktop.engine.book import Hero
from aibook_desktop.engine.cancel import CancelToken
from aibook_desktop.engine.errors import BackendUnavailable
from aibook_desktop.engine.hardware import HardwareInfo
from aibook_desktop.engine.models import get_preset
from aibook_desktop.engine.pictures import PictureRequest
from aibook_desktop.engine.pictures.sdxl.config import illustrator_from_settings
from aibook_desktop.engine.pictures.sdxl.modes import MODES, PictureMode, mode_spec
from aibook_desktop.engine.pictures.sdxl.pipelines import SDXLModels, load_pipelines
from aibook_desktop.engine.settings import Settings

NO_CUDA = HardwareInfo(2, "x86_64", torch_installed=True, cuda=False)
SIZE = 64


@pytest.fixture(scope="module")
def lora(tiny_sdxl_models: SDXLModels, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lora")
    save_tiny_lora(Path(tiny_sdxl_models.base), folder, "Hyper-SDXL-8steps-CFG-lora.safetensors")
    save_tiny_lora(Path(tiny_sdxl_models.base), folder, "sdxl_lightning_4step_lora.safetensors")
    return folder


def _request(index: int = 0) -> PictureRequest:
    return PictureRequest(
        page_index=index, page_count=4, scene_prompt="a fox on a hill", page_text="",
        theme="hill", hero=Hero.default("cat", "en"), hero_sheet="a small red fox",
        art_style="soft watercolour", seed=11 + index, width=SIZE, height=SIZE,
    )  # fmt: skip


def _settings(models: SDXLModels, mode: str, lora: Path | str, **kw: object) -> Settings:
    return Settings(
        picture_backend="sdxl", sdxl_base=models.base, sdxl_refiner=models.refiner,
        sdxl_allow_cpu=True, sdxl_mode=mode, sdxl_lora=str(lora), **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def test_the_modes_follow_their_model_cards_and_licences() -> None:
    fast, instant = MODES[PictureMode.FAST], MODES[PictureMode.INSTANT]
    assert (fast.steps, fast.guidance, fast.refiner) == (8, 5.0, False)
    assert fast.uses_negative_prompt and not fast.needs_image_check
    assert (instant.steps, instant.guidance) == (4, 0.0)
    assert not instant.uses_negative_prompt and instant.needs_image_check
    for spec in MODES.values():
        assert "RAIL++-M" in spec.licence  # no non-commercial distillation is offered
        assert "turbo" not in spec.lora_repo.lower() and "dmd" not in spec.lora_repo.lower()
    with pytest.raises(ValueError, match="quality, fast, instant"):
        mode_spec("turbo")


def test_fast_mode_fuses_the_lora_and_draws_8_steps_without_a_refiner(
    tiny_sdxl_models: SDXLModels, lora: Path
) -> None:
    ill = illustrator_from_settings(_settings(tiny_sdxl_models, "fast", lora), NO_CUDA)
    pipes = ill.load()
    assert pipes.refiner is None  # configured, but fast mode does not load it
    unet = pipes.base.unet
    assert not any("lora" in type(m).__name__.lower() for m in unet.modules())  # fused, unloaded
    plain = load_pipelines(replace(tiny_sdxl_models, refiner=""), ill.policy).base.unet
    name = next(n for n, _ in unet.named_parameters() if n.endswith("attn2.to_q.weight"))
    assert not torch.equal(dict(unet.named_parameters())[name],
                           dict(plain.named_parameters())[name])  # fmt: skip
    sched = pipes.base.scheduler
    assert isinstance(sched, DDIMScheduler) and sched.config.timestep_spacing == "trailing"
    calls = count_unet_calls(pipes)
    picture = ill.draw(_request(), CancelToken())
    # guidance 5 keeps classifier-free guidance: each step runs the UNet on [negative, prompt]
    assert calls == {"base": 8, "refiner": 0} and pipes.base.do_classifier_free_guidance
    note = picture.provenance.note or ""
    assert "mode fast" in note and "no refiner (fast mode)" in note and "DDIM" in note
    assert "Hyper-SDXL-8steps-CFG-lora.safetensors" in (picture.provenance.model or "")


def test_instant_mode_needs_the_image_check_and_draws_4_unguided_steps(
    tiny_sdxl_models: SDXLModels, lora: Path, tmp_path: Path
) -> None:
    unchecked = _settings(tiny_sdxl_models, "instant", lora)
    with pytest.raises(BackendUnavailable, match="image safety check"):
        illustrator_from_settings(unchecked, NO_CUDA)
    checker = save_tiny_safety_checker(tmp_path / "checker", flag_everything=False)
    ill = illustrator_from_settings(replace(unchecked, sdxl_safety_checker=str(checker)), NO_CUDA)
    pipes = ill.load()
    assert isinstance(pipes.base.scheduler, EulerDiscreteScheduler)
    assert pipes.base.scheduler.config.timestep_spacing == "trailing"
    calls = count_unet_calls(pipes)
    picture = ill.draw(_request(), CancelToken())
    assert calls == {"base": 4, "refiner": 0} and not pipes.base.do_classifier_free_guidance
    assert "mode instant" in (picture.provenance.note or "")
    assert "NOT a real check" not in (picture.provenance.note or "")


def test_a_fast_mode_without_its_lora_says_why(tiny_sdxl_models: SDXLModels) -> None:
    with pytest.raises(BackendUnavailable, match="distilled LoRA"):
        illustrator_from_settings(_settings(tiny_sdxl_models, "fast", ""), NO_CUDA)


def test_the_fast_presets_carry_their_lora_and_switch_the_mode() -> None:
    from aibook_desktop.engine.models import ModelRole

    for preset_id, mode in (("fast", "fast"), ("instant", "instant"), ("gpu12", "quality")):
        preset = get_preset(preset_id)
        assert preset.backends["sdxl_mode"] == mode
        assert preset.spec(ModelRole.SDXL_VAE) is not None  # fp16-safe VAE everywhere
        spec = MODES[PictureMode(mode)]
        lora = preset.spec(ModelRole.SDXL_LORA)
        if spec.lora_file:
            assert lora is not None and lora.repo_id == spec.lora_repo
            assert lora.allow_patterns == (spec.lora_file,) and lora.revision == spec.lora_revision
        else:
            assert lora is None and preset.spec(ModelRole.SDXL_REFINER) is not None
    assert get_preset("instant").spec(ModelRole.IMAGE_SAFETY) is not None
