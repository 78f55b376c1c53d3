"""Model setup: presets, hub downloads (only when asked), folder import, checks, Settings.

The parent area's "Models" page and ``aibook models`` both use these functions; nothing here
imports torch, and huggingface_hub is imported only when a download is planned.
"""

from __future__ import annotations

from ..model_ref import ModelRef, model_ref_kind
from .disk import DiskUsage, NotEnoughDiskSpace, check_disk_space, free_bytes, human_bytes
from .download import (
    DownloadError,
    DownloadNotConfirmed,
    DownloadPlan,
    DownloadProgress,
    IntegrityError,
    ModelDownload,
    RemoteFile,
    download_models,
    download_preset,
    plan_download,
)
from .presets import PRESETS, ModelRole, ModelSpec, Preset, get_preset, recommend_preset
from .store import (
    FolderProblem,
    InstalledModel,
    apply_to_settings,
    import_folder,
    locate_model,
    models_dir,
)
from .verify import FileProblem, FolderReport, validate_folder

__all__ = [
    "PRESETS",
    "DiskUsage",
    "DownloadError",
    "DownloadNotConfirmed",
    "DownloadPlan",
    "DownloadProgress",
    "FileProblem",
    "FolderProblem",
    "FolderReport",
    "InstalledModel",
    "IntegrityError",
    "ModelDownload",
    "ModelRef",
    "ModelRole",
    "ModelSpec",
    "NotEnoughDiskSpace",
    "Preset",
    "RemoteFile",
    "apply_to_settings",
    "check_disk_space",
    "download_models",
    "download_preset",
    "free_bytes",
    "get_preset",
    "human_bytes",
    "import_folder",
    "locate_model",
    "model_ref_kind",
    "models_dir",
    "plan_download",
    "recommend_preset",
    "validate_folder",
]
