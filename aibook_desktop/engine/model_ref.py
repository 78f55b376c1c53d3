"""Is a model setting a folder or a Hugging Face hub id? One rule for every reader.

The SDXL loader, the model store, the doctor and the parent area's diagnostics all ask this;
it sits below the backend families (which may not import each other) and is re-exported by
``engine.models``.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path, PureWindowsPath

__all__ = ["ModelRef", "model_ref_kind"]


class ModelRef(StrEnum):
    UNSET = "unset"
    FOLDER = "folder"
    HUB = "hub"


def model_ref_kind(value: str) -> ModelRef:
    """``org/name`` is a hub id, unless a folder of that name exists here; everything else that
    is set is a folder (which may be missing). A name without an organisation is not taken for
    a hub id: every model AI-Book loads has one, and a typo should read "folder not found"."""
    value = value.strip()
    if not value:
        return ModelRef.UNSET
    path = Path(value).expanduser()
    if path.exists():
        return ModelRef.FOLDER
    if (
        value.startswith(("/", "~", "."))
        or "\\" in value
        or PureWindowsPath(value).drive
        or path.is_absolute()
    ):
        return ModelRef.FOLDER
    org, _, name = value.partition("/")
    if value.count("/") == 1 and org and name and not any(c.isspace() for c in value):
        return ModelRef.HUB
    return ModelRef.FOLDER
