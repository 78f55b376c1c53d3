"""Where model folders live, importing folders from disk or USB, and pointing Settings at them.

Offline booths get their weights on a USB stick: the folder is validated first (a missing or
damaged file is named), then copied next to the app's data with a manifest of checksums, so a
later check needs neither the stick nor the network.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..cancel import CancelToken
from ..model_ref import ModelRef, model_ref_kind
from ..settings import Settings
from .disk import DiskUsageFn, check_disk_space
from .presets import ModelRole, Preset
from .verify import FolderReport, list_files, validate_folder, write_manifest

__all__ = [
    "FolderProblem",
    "InstalledModel",
    "apply_to_settings",
    "import_folder",
    "locate_model",
    "models_dir",
]

log = logging.getLogger(__name__)
_CHUNK = 4 * 2**20


@dataclass(frozen=True)
class InstalledModel:
    role: ModelRole
    folder: Path
    source: str  # "hf://repo@commit" or the folder it was imported from
    variant: str | None = None  # pass to diffusers' from_pretrained(variant=...)


class FolderProblem(ValueError):
    """A folder that cannot be used as this model; ``report`` names what is missing or damaged."""

    def __init__(self, report: FolderReport) -> None:
        self.report = report
        super().__init__(report.describe())


def models_dir() -> Path:
    path = paths.data_dir() / "models"
    path.mkdir(parents=True, exist_ok=True)
    return path


def import_folder(
    role: ModelRole | str,
    source: str | os.PathLike[str],
    *,
    copy: bool = True,
    dest: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: CancelToken | None = None,
    disk_usage: DiskUsageFn | None = None,
) -> InstalledModel:
    """Validate ``source`` (deep: checksums too, when it carries a manifest) and take it in.

    ``copy=False`` uses the folder where it is (a second internal disk); the default copies it,
    because a USB stick gets pulled. ``progress(done_bytes, total_bytes)``.
    """
    role = ModelRole(role)
    src = Path(source).absolute()
    report = validate_folder(role, src, deep=True)
    if not report.ok:
        raise FolderProblem(report)
    if not copy:
        return InstalledModel(role, src, str(src), report.variant)
    files = list(list_files(src))
    total = sum((src / f).stat().st_size for f in files)
    target = (dest or models_dir()) / f"imported-{role.value}"
    check_disk_space(total, target.parent, disk_usage=disk_usage)
    staging = target.with_name(target.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    done = 0
    entries: dict[str, dict[str, object]] = {}
    try:
        for rel in files:
            if cancel is not None:
                cancel.check()
            out = staging / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            sha = _copy_hashing(src / rel, out)
            done += out.stat().st_size
            entries[rel] = {"size": out.stat().st_size, "sha256": sha}
            if progress:
                progress(done, total)
        write_manifest(staging, role, entries, source=str(src))
        # The copy must match, byte for byte, what was read from the stick (hashed in flight).
        copied = validate_folder(role, staging, deep=True)
        if not copied.ok:
            raise FolderProblem(copied)
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    log.info("imported %s from %s into %s", role.value, src, target)
    return InstalledModel(role, target, str(src), copied.variant)


def _copy_hashing(src: Path, dst: Path) -> str:
    """Copy ``src`` and return the sha256 of the bytes read, so a deep check of the copy
    compares it with the source instead of with itself."""
    digest = hashlib.sha256()
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        while chunk := fin.read(_CHUNK):
            digest.update(chunk)
            fout.write(chunk)
    return digest.hexdigest()


def locate_model(value: str, *, cache_dir: Path | None = None) -> Path | None:
    """A Settings model value as a folder: a path as is, a hub id from the local HF cache.

    Never touches the network (``local_files_only``); None when nothing is on disk.
    """
    kind = model_ref_kind(value)
    if kind is ModelRef.UNSET:
        return None
    if kind is ModelRef.FOLDER:
        path = Path(value.strip()).expanduser()
        return path if path.is_dir() else None
    try:
        from huggingface_hub import snapshot_download

        return Path(str(snapshot_download(value, local_files_only=True, cache_dir=cache_dir)))
    except Exception as exc:  # not cached, or a half cache: the caller reports "missing"
        log.info("%s is not in the local Hugging Face cache (%s)", value, type(exc).__name__)
        return None


def apply_to_settings(
    settings: Settings, preset: Preset, installed: Mapping[ModelRole, Path | InstalledModel]
) -> Settings:
    """Point Settings at the preset's folders and switch its backends (the caller saves).

    A model role the preset does not use is cleared, so a smaller preset never keeps loading a
    refiner that is no longer wanted.
    """
    folders = {
        ModelRole(role): (item.folder if isinstance(item, InstalledModel) else Path(item))
        for role, item in installed.items()
    }
    used = {spec.role for spec in preset.models}
    for role in ModelRole:
        if role not in used:
            setattr(settings, role.value, "")
        elif role in folders:
            setattr(settings, role.value, str(folders[role]))
    for name, value in preset.backends.items():
        setattr(settings, name, value)
    settings.model_preset = preset.id
    return settings.validate()
