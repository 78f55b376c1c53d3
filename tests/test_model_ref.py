"""One rule says whether a model setting is a hub id or a folder, and every reader uses it.

The SDXL loader, the model store and the parent area's diagnostics each had their own rule and
answered differently for the same string ("sdxl-base": a hub id to one, a missing folder to
another).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aibook_desktop.engine.errors import BackendUnavailable
from aibook_desktop.engine.models import ModelRef, locate_model, model_ref_kind
from aibook_desktop.engine.pictures.sdxl.config import check_source
from aibook_desktop.engine.settings import Settings
from aibook_desktop.ui.parent.diagnostics import gather_diagnostics

VALUES = [
    "stabilityai/stable-diffusion-xl-base-1.0",
    "sdxl-base",  # no organisation: not a hub id we would ever load
    "models/sdxl/base",
    "./base",
    "~/base",
    "/abs/base",
    "C:\\models\\base",
    "org/name",  # a hub id... unless a folder of that name is right here (see below)
]


def _sdxl_view(value: str) -> str:
    """What the SDXL loader took it for: a folder is loaded or reported missing as a folder; a
    hub id (downloads off, nothing cached here) is reported missing from the hub cache."""
    try:
        check_source("SDXL base", value, allow_download=False)
    except BackendUnavailable as exc:
        return "hub" if "Hugging Face cache" in str(exc) else "folder"
    return "folder"


def _diagnostics_view(value: str) -> str:
    info = gather_diagnostics(None, Settings(sdxl_base=value))
    status = {name: status for name, _value, status in info.models}["sdxl_base"]
    return {"hub": "hub", "found": "folder", "missing": "folder", "unset": "unset"}[status]


@pytest.mark.parametrize("here", [False, True], ids=["no-local-folder", "local-org-name-folder"])
def test_every_reader_agrees_on_hub_id_or_folder(
    here: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    if here:
        (tmp_path / "org" / "name").mkdir(parents=True)
    for value in VALUES:
        rule = str(model_ref_kind(value))
        assert _sdxl_view(value) == rule, value
        assert _diagnostics_view(value) == rule, value
    assert model_ref_kind("org/name") == (ModelRef.FOLDER if here else ModelRef.HUB)
    if here:
        assert locate_model("org/name") == Path("org/name")
    assert model_ref_kind("  ") == model_ref_kind("") == ModelRef.UNSET


def test_a_missing_folder_is_never_looked_up_on_the_hub(tmp_path: Path) -> None:
    assert locate_model(str(tmp_path / "gone")) is None
    assert locate_model("models/sdxl/base") is None
    assert model_ref_kind("models/sdxl/base") == ModelRef.FOLDER
