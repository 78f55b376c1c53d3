"""Fetching a preset's models from the Hugging Face hub: plan, disk check, download, verify.

Nothing is fetched unless the caller passes ``confirm=True`` (the parent pressed "Download").
huggingface_hub does the HTTP work: it pins the listed commit, and when a connection drops
mid-file it resumes with a Range request. Files already downloaded and verified are skipped, so
a download stopped by the parent, a power cut or a crash continues where it stopped (the file
that was in flight restarts: huggingface_hub does not keep partial files between runs).
Every file is checked against the hub's own checksum (sha256 for LFS files, the git blob id for
small ones) before the folder is handed to Settings.
"""

from __future__ import annotations

import fnmatch
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from ..cancel import Cancelled, CancelToken
from .disk import DiskUsageFn, check_disk_space
from .presets import ModelRole, ModelSpec, Preset
from .store import InstalledModel, models_dir
from .verify import file_sha256, git_blob_sha1, read_manifest, validate_folder, write_manifest

__all__ = [
    "DownloadError",
    "DownloadNotConfirmed",
    "DownloadPlan",
    "DownloadProgress",
    "IntegrityError",
    "ModelDownload",
    "RemoteFile",
    "download_models",
    "download_preset",
    "plan_download",
]

log = logging.getLogger(__name__)


class DownloadNotConfirmed(PermissionError):
    """Downloads are never started implicitly; pass confirm=True once the parent agreed."""


class DownloadError(RuntimeError):
    """The hub could not be reached or answered with an error; the message says which."""


class IntegrityError(OSError):
    """A downloaded file does not match the hub's checksum, even after one fresh try."""


@dataclass(frozen=True)
class RemoteFile:
    path: str
    size: int
    git_oid: str
    sha256: str | None = None  # set for LFS files (the big weights)


@dataclass(frozen=True)
class ModelDownload:
    spec: ModelSpec
    repo_id: str
    commit: str
    folder: Path
    files: tuple[RemoteFile, ...]

    @property
    def total_bytes(self) -> int:
        return sum(f.size for f in self.files)


@dataclass(frozen=True)
class DownloadPlan:
    """What a preset needs from the hub, with exact sizes (asked from the hub, no weights yet)."""

    preset_id: str
    dest: Path
    models: tuple[ModelDownload, ...]
    import_only: tuple[ModelSpec, ...] = ()  # no public copy: import the folder instead
    endpoint: str | None = None  # the hub the plan came from; the download uses the same one

    @property
    def total_bytes(self) -> int:
        return sum(m.total_bytes for m in self.models)

    @property
    def pending_bytes(self) -> int:
        """Bytes still to fetch: files already complete on disk are not counted."""
        return sum(f.size for m in self.models for f in m.files if not _looks_complete(m.folder, f))


@dataclass(frozen=True)
class DownloadProgress:
    stage: str  # "download" | "verify" | "done"
    role: ModelRole
    file: str
    done_bytes: int
    total_bytes: int

    @property
    def fraction(self) -> float:
        return min(1.0, self.done_bytes / self.total_bytes) if self.total_bytes else 1.0


def _endpoint(endpoint: str | None) -> str | None:
    return endpoint or os.environ.get("HF_ENDPOINT") or None


def _matches(path: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatch(path, p) for p in patterns)


def _looks_complete(folder: Path, f: RemoteFile) -> bool:
    target = folder / f.path
    return target.is_file() and target.stat().st_size == f.size


def plan_download(
    preset: Preset,
    *,
    dest: Path | None = None,
    endpoint: str | None = None,
    repos: Mapping[ModelRole, str] | None = None,
    token: str | bool | None = None,
) -> DownloadPlan:
    """Ask the hub which files the preset needs and how big they are (metadata only).

    ``repos`` overrides a role's repository, e.g. the deployer's own children's-LoRA repo.
    """
    from huggingface_hub import HfApi
    from huggingface_hub.hf_api import RepoFile

    dest = dest or models_dir()
    api = HfApi(endpoint=_endpoint(endpoint), token=token)
    models: list[ModelDownload] = []
    import_only: list[ModelSpec] = []
    for spec in preset.models:
        repo = (repos or {}).get(spec.role) or spec.repo_id
        if not repo:
            import_only.append(spec)
            continue
        try:
            commit = api.model_info(repo, revision=spec.revision).sha
            entries = [
                e
                for e in api.list_repo_tree(repo, recursive=True, revision=commit)
                if isinstance(e, RepoFile) and _matches(e.path, spec.allow_patterns)
            ]
        except Exception as exc:
            raise DownloadError(f"could not list {repo} on the model hub: {exc}") from exc
        if not commit or not entries:
            raise DownloadError(f"{repo} has no files matching this preset")
        files = tuple(
            RemoteFile(e.path, e.size, e.blob_id, e.lfs.sha256 if e.lfs else None)
            for e in sorted(entries, key=lambda e: e.path)
        )
        models.append(ModelDownload(spec, repo, commit, dest / repo.replace("/", "--"), files))
    return DownloadPlan(preset.id, dest, tuple(models), tuple(import_only), _endpoint(endpoint))


def _progress_bar(report: Callable[[int], None]) -> type:
    """A tqdm stand-in for huggingface_hub: every chunk goes to ``report`` (which may cancel)."""

    class _Bar:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self.n = int(kwargs.get("initial") or 0)
            if self.n:
                report(self.n)

        def __enter__(self) -> _Bar:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def update(self, n: int | float | None = 1) -> None:
            self.n += int(n or 0)
            report(int(n or 0))

        def close(self) -> None:
            return None

        def refresh(self) -> None:
            return None

    return _Bar


def _verify(folder: Path, f: RemoteFile, progress: Callable[[int], None]) -> str | None:
    """The file's sha256 when it matches the hub's checksum, else None."""
    path = folder / f.path
    if path.stat().st_size != f.size:
        return None
    sha = file_sha256(path, progress)
    if f.sha256 is not None:
        return sha if sha == f.sha256 else None
    return sha if git_blob_sha1(path) == f.git_oid else None


def download_models(
    plan: DownloadPlan,
    *,
    confirm: bool = False,
    progress: Callable[[DownloadProgress], None] | None = None,
    cancel: CancelToken | None = None,
    endpoint: str | None = None,
    token: str | bool | None = None,
    disk_usage: DiskUsageFn | None = None,
) -> list[InstalledModel]:
    """Download and verify every file of ``plan``; raises Cancelled, DownloadError,
    IntegrityError or NotEnoughDiskSpace (checked before the first byte)."""
    if not confirm:
        raise DownloadNotConfirmed("model downloads need confirm=True (ask the parent first)")
    check_disk_space(plan.pending_bytes, plan.dest, disk_usage=disk_usage)
    from huggingface_hub import hf_hub_download

    endpoint = endpoint or plan.endpoint or _endpoint(None)
    total, done = plan.total_bytes * 2, 0  # every byte is downloaded once and hashed once
    installed: list[InstalledModel] = []

    def tick(stage: str, role: ModelRole, file: str) -> Callable[[int], None]:
        def report(n: int) -> None:
            nonlocal done
            done += n
            if cancel is not None:
                cancel.check()
            if progress:
                progress(DownloadProgress(stage, role, file, done, total))

        return report

    for model in plan.models:
        role = model.spec.role
        model.folder.mkdir(parents=True, exist_ok=True)
        manifest = read_manifest(model.folder) or {}
        for f in model.files:
            if cancel is not None:
                cancel.check()
            entry = manifest.get(f.path)
            if entry and entry.get("size") == f.size and _looks_complete(model.folder, f):
                tick("verify", role, f.path)(2 * f.size)  # verified on an earlier run
                continue
            sha = None
            for attempt in (1, 2):
                start = done
                try:
                    hf_hub_download(
                        model.repo_id,
                        f.path,
                        revision=model.commit,
                        local_dir=model.folder,
                        endpoint=endpoint,
                        token=token,
                        force_download=attempt > 1,
                        tqdm_class=cast(Any, _progress_bar(tick("download", role, f.path))),
                    )
                except (Cancelled, KeyboardInterrupt):
                    raise
                except Exception as exc:
                    what = f"{model.repo_id}/{f.path}"
                    raise DownloadError(f"downloading {what} failed: {exc}") from exc
                done = start + f.size  # hub retries may have reported some bytes twice
                sha = _verify(model.folder, f, tick("verify", role, f.path))
                done = start + 2 * f.size
                if sha is not None:
                    break
                log.warning("%s/%s failed its checksum (try %d)", model.repo_id, f.path, attempt)
                (model.folder / f.path).unlink(missing_ok=True)
            if sha is None:
                raise IntegrityError(f"{model.repo_id}/{f.path} does not match the hub's checksum")
            manifest[f.path] = {"size": f.size, "sha256": sha}
            source = f"hf://{model.repo_id}@{model.commit}"
            write_manifest(model.folder, role, manifest, source=source)  # a restart skips it
        report = validate_folder(role, model.folder)
        if not report.ok:
            raise IntegrityError(f"{model.repo_id} downloaded but unusable: {report.describe()}")
        source = f"hf://{model.repo_id}@{model.commit}"
        installed.append(InstalledModel(role, model.folder, source, report.variant))
        if progress:
            progress(DownloadProgress("done", role, "", done, total))
    return installed


def download_preset(
    preset: Preset,
    *,
    confirm: bool = False,
    dest: Path | None = None,
    progress: Callable[[DownloadProgress], None] | None = None,
    cancel: CancelToken | None = None,
    endpoint: str | None = None,
    repos: Mapping[ModelRole, str] | None = None,
    token: str | bool | None = None,
    disk_usage: DiskUsageFn | None = None,
) -> tuple[DownloadPlan, list[InstalledModel]]:
    """Plan + download in one call; refuses before any network access without confirm=True."""
    if not confirm:
        raise DownloadNotConfirmed("model downloads need confirm=True (ask the parent first)")
    plan = plan_download(preset, dest=dest, endpoint=endpoint, repos=repos, token=token)
    installed = download_models(
        plan, confirm=True, progress=progress, cancel=cancel, endpoint=endpoint, token=token,
        disk_usage=disk_usage,
    )  # fmt: skip
    return plan, installed
