"""Is a model folder complete and intact? Cheap checks by default, full checksums on request.

Cheap checks read no weights: required files present, JSON parses, each safetensors header is
valid and the file is as long as the header says (a truncated copy from a pulled USB stick is
the usual corruption). Deep checks hash every file against the folder's manifest (written by our
download/import) or, for folders made by ``huggingface-cli download --local-dir``, the hub's
own etags kept in ``.cache/huggingface/download``.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import logging
import os
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .presets import REQUIRED_FILES, ModelRole

__all__ = [
    "MANIFEST_NAME",
    "FileProblem",
    "FolderReport",
    "check_safetensors",
    "file_sha256",
    "git_blob_sha1",
    "list_files",
    "read_manifest",
    "validate_folder",
    "weights_variant",
    "write_manifest",
]

log = logging.getLogger(__name__)

MANIFEST_NAME = "aibook-manifest.json"
_CHUNK = 4 * 2**20
_SKIP_DIRS = {".cache", ".git", "__pycache__"}


@dataclass(frozen=True)
class FileProblem:
    path: str  # relative to the model folder, with forward slashes
    problem: str


@dataclass(frozen=True)
class FolderReport:
    role: ModelRole
    folder: Path
    missing: tuple[str, ...] = ()  # requirements not met (the patterns, joined by " or ")
    corrupt: tuple[FileProblem, ...] = ()
    files_checked: int = 0
    deep: bool = False
    variant: str | None = None  # "fp16" when the weights are diffusers fp16 variant files
    notes: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.missing and not self.corrupt

    def describe(self) -> str:
        """One line a parent can read (and a log can keep)."""
        if not self.folder.is_dir():
            return f"{self.folder} is not a folder"
        if self.ok:
            how = "checksums verified" if self.deep else "files present and readable"
            return f"{self.role.value}: {self.files_checked} files, {how}"
        parts = []
        if self.missing:
            parts.append("missing " + ", ".join(self.missing))
        if self.corrupt:
            parts.append("damaged " + ", ".join(f"{p.path} ({p.problem})" for p in self.corrupt))
        return f"{self.role.value}: " + "; ".join(parts)


def list_files(folder: Path) -> Iterator[str]:
    """Relative paths of the model's files (hub bookkeeping and our manifest left out)."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
        for name in sorted(files):
            rel = Path(root, name).relative_to(folder).as_posix()
            if rel != MANIFEST_NAME and not name.endswith((".incomplete", ".lock")):
                yield rel


def _hash_file(path: Path, h: hashlib._Hash, progress: Callable[[int], None] | None) -> str:
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
            if progress:
                progress(len(chunk))
    return h.hexdigest()


def file_sha256(path: Path, progress: Callable[[int], None] | None = None) -> str:
    return _hash_file(path, hashlib.sha256(), progress)


def git_blob_sha1(path: Path, progress: Callable[[int], None] | None = None) -> str:
    """The git object id the hub lists for small (non-LFS) files."""
    h = hashlib.sha1(usedforsecurity=False)
    h.update(b"blob %d\0" % path.stat().st_size)
    return _hash_file(path, h, progress)


def write_manifest(folder: Path, role: ModelRole, files: dict[str, dict[str, object]],
                   source: str) -> Path:  # fmt: skip
    """Record size and sha256 of every file, so later checks need no network and no hub."""
    data = {"role": role.value, "source": source, "files": files}
    path = folder / MANIFEST_NAME
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)
    return path


def read_manifest(folder: Path) -> dict[str, dict[str, object]] | None:
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data["files"]
        if not isinstance(files, dict):
            raise TypeError("files is not a mapping")
        return files
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("model manifest %s is unreadable (%s); checking without it", path, exc)
        return None


def _hub_etag(folder: Path, rel: str) -> str | None:
    """The etag huggingface_hub stored for a --local-dir download (sha256 for LFS files)."""
    meta = folder / ".cache" / "huggingface" / "download" / (rel + ".metadata")
    try:
        lines = meta.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return lines[1].strip().strip('"') if len(lines) > 1 else None


def check_safetensors(path: Path) -> str | None:
    """None when the header is sound and the file is as long as it promises; else the problem."""
    size = path.stat().st_size
    if size < 8:
        return f"truncated: only {size} bytes"
    with open(path, "rb") as fh:
        (header_len,) = struct.unpack("<Q", fh.read(8))
        if header_len > min(size - 8, 100 * 2**20):
            return "not a safetensors file (bad header length)"
        try:
            header = json.loads(fh.read(header_len))
        except (ValueError, UnicodeDecodeError):
            return "not a safetensors file (header is not JSON)"
    if not isinstance(header, dict):
        return "not a safetensors file (header is not a mapping)"
    end = 0
    for name, info in header.items():
        if name == "__metadata__":
            continue
        try:
            end = max(end, int(info["data_offsets"][1]))
        except (KeyError, TypeError, IndexError, ValueError):
            return f"not a safetensors file (tensor {name} has no offsets)"
    expected = 8 + header_len + end
    if size < expected:
        return f"truncated: {size} of {expected} bytes"
    if size > expected:
        return "longer than its header says"
    return None


def _cheap_check(path: Path) -> str | None:
    try:
        if path.stat().st_size == 0:
            return "empty file"
        if path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".safetensors":
            return check_safetensors(path)
    except (ValueError, UnicodeDecodeError):
        return "not valid JSON"
    except OSError as exc:
        return f"unreadable ({exc.strerror or exc})"
    return None


def weights_variant(files: list[str]) -> str | None:
    """diffusers names fp16 weights ``*.fp16.safetensors``: the loader must ask for that variant."""
    return "fp16" if any(f.endswith(".fp16.safetensors") for f in files) else None


def validate_folder(
    role: ModelRole | str,
    folder: str | os.PathLike[str],
    *,
    deep: bool = False,
    progress: Callable[[int], None] | None = None,
) -> FolderReport:
    """Check a model folder for ``role``; ``deep`` also hashes every file (minutes for SDXL)."""
    role = ModelRole(role)
    root = Path(folder)
    if not root.is_dir():
        return FolderReport(role, root, missing=("the folder itself",), deep=deep)
    files = list(list_files(root))
    missing = tuple(
        " or ".join(alts)
        for alts in REQUIRED_FILES[role]
        if not any(fnmatch.filter(files, pattern) for pattern in alts)
    )
    manifest = read_manifest(root) or {}
    corrupt: list[FileProblem] = []
    for rel in manifest:
        if rel not in files:
            corrupt.append(FileProblem(rel, "listed in the manifest but missing"))
    for rel in files:
        path = root / rel
        entry = manifest.get(rel)
        if entry is not None and path.stat().st_size != entry.get("size"):
            corrupt.append(
                FileProblem(rel, f"size {path.stat().st_size}, expected {entry.get('size')}")
            )
            continue
        problem = _cheap_check(path)
        if problem is None and deep:
            problem = _deep_check(root, rel, entry, progress)
        if problem:
            corrupt.append(FileProblem(rel, problem))
    notes = () if manifest or not deep else ("no manifest: only hub etags could be checked",)
    return FolderReport(
        role, root, missing, tuple(corrupt), len(files), deep, weights_variant(files), notes
    )


def _deep_check(
    root: Path, rel: str, entry: dict[str, object] | None, progress: Callable[[int], None] | None
) -> str | None:
    path = root / rel
    if entry is not None and entry.get("sha256"):
        if file_sha256(path, progress) != entry["sha256"]:
            return "checksum mismatch"
        return None
    etag = _hub_etag(root, rel)
    if etag and len(etag) == 64:
        return None if file_sha256(path, progress) == etag else "checksum mismatch (hub etag)"
    if etag and len(etag) == 40:
        return None if git_blob_sha1(path, progress) == etag else "checksum mismatch (hub etag)"
    return None
