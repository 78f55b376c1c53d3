"""Downloads against a local stand-in for the Hugging Face hub (real huggingface_hub, real HTTP).

The stub serves the endpoints huggingface_hub 2.x calls for hf_hub_download of one file and for
listing a repo: GET /api/models/{repo}/revision/{rev}, GET /api/models/{repo}/tree/{rev},
HEAD/GET /{repo}/resolve/{rev}/{path} (with Range). It can drop the connection half-way
through a file once, to prove the download resumes instead of starting over.
"""

from __future__ import annotations

import hashlib
import json
import re
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest
from safetensors.numpy import save

from aibook_desktop.engine.cancel import Cancelled, CancelToken
from aibook_desktop.engine.models import (
    DiskUsage,
    DownloadNotConfirmed,
    DownloadProgress,
    IntegrityError,
    ModelRole,
    ModelSpec,
    NotEnoughDiskSpace,
    Preset,
    apply_to_settings,
    download_models,
    download_preset,
    get_preset,
    plan_download,
    validate_folder,
)
from aibook_desktop.engine.models.verify import MANIFEST_NAME, read_manifest
from aibook_desktop.engine.settings import Settings, load_settings, save_settings

REPO = "kids/tiny-lora"
COMMIT = "0123456789abcdef0123456789abcdef01234567"
BIG = "adapter_model.safetensors"


def _git_oid(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


@dataclass
class StubHub:
    files: dict[str, bytes]
    lfs: set[str]
    drop_once: set[str] = field(default_factory=set)  # first GET stops after ~11 MB
    lie_about: set[str] = field(default_factory=set)  # the tree lists a wrong checksum
    log: list[tuple[str, str, str]] = field(default_factory=list)  # (method, path, Range)
    url: str = ""
    others: dict[str, dict[str, bytes]] = field(default_factory=dict)  # more repos, same commit

    def repos(self) -> dict[str, dict[str, bytes]]:
        return {REPO: self.files, **self.others}

    def tree(self, files: dict[str, bytes]) -> list[dict[str, object]]:
        out: list[dict[str, object]] = []
        for d in sorted({p.rsplit("/", 1)[0] for p in files if "/" in p}):
            out.append({"type": "directory", "path": d, "oid": "d" * 40, "size": 0})
        for path, data in sorted(files.items()):
            entry: dict[str, object] = {
                "type": "file", "path": path, "size": len(data), "oid": _git_oid(data),
            }  # fmt: skip
            if path in self.lfs:
                sha = hashlib.sha256(data).hexdigest()
                if path in self.lie_about:
                    sha = hashlib.sha256(b"something else").hexdigest()
                entry["lfs"] = {"oid": sha, "size": len(data), "pointerSize": 134}
            out.append(entry)
        return out


def _handler(hub: StubHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def _json(self, data: object) -> None:
            body = json.dumps(data).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _not_found(self) -> None:
            self.send_response(404)
            self.send_header("X-Error-Code", "RepoNotFound")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _route(self, head: bool) -> None:
            path = self.path.split("?", 1)[0]
            hub.log.append((self.command, path, self.headers.get("Range", "")))
            for repo, files in hub.repos().items():
                if path == f"/api/models/{repo}/revision/main":
                    siblings = [{"rfilename": p} for p in files]
                    return self._json({"id": repo, "sha": COMMIT, "siblings": siblings})
                if path == f"/api/models/{repo}/tree/{COMMIT}":
                    return self._json(hub.tree(files))
                m = re.fullmatch(rf"/{re.escape(repo)}/resolve/(main|{COMMIT})/(.+)", path)
                if m and m.group(2) in files:
                    return self._file(files, m.group(2), head)
            self._not_found()

        def _file(self, files: dict[str, bytes], name: str, head: bool) -> None:
            data = files[name]
            etag = hashlib.sha256(data).hexdigest() if name in hub.lfs else _git_oid(data)
            start = 0
            rng = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
            if rng and not head:
                start = int(rng.group(1))
            body = data[start:]
            self.send_response(206 if start else 200)
            self.send_header("X-Repo-Commit", COMMIT)
            self.send_header("ETag", f'"{etag}"')
            if name in hub.lfs:
                self.send_header("X-Linked-Etag", f'"{etag}"')
                self.send_header("X-Linked-Size", str(len(data)))
            self.send_header("Accept-Ranges", "bytes")
            self.send_header("Content-Length", str(len(body)))
            if start:
                self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
            self.end_headers()
            if head:
                return
            if name in hub.drop_once and not start:
                hub.drop_once.discard(name)
                self.wfile.write(body[: 11 * 2**20])  # past one 10 MiB download chunk
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_RDWR)
                self.close_connection = True
                return
            self.wfile.write(body)

        def do_GET(self) -> None:
            self._route(head=False)

        def do_HEAD(self) -> None:
            self._route(head=True)

    return Handler


@pytest.fixture
def hub() -> Iterator[StubHub]:
    rng = np.random.default_rng(0)
    weights = save({"lora_A": rng.standard_normal((1024, 3200)).astype(np.float32)})  # ~13 MB
    files = {
        "adapter_config.json": json.dumps({"peft_type": "LORA", "r": 8}).encode(),
        BIG: weights,
        "README.md": b"# tiny children's LoRA\n",
        "extra/notes.json": b"{}",
    }
    stub = StubHub(files=files, lfs={BIG})
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stub))
    stub.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield stub
    server.shutdown()
    server.server_close()
    thread.join(5)


SPEC = ModelSpec(ModelRole.WHISPER_ADAPTER, "tiny LoRA", REPO, ("adapter_*", "extra/*"), 13 * 10**6)
PRESET = Preset(
    "tiny", "Tiny", "one small LoRA", 0.0, "none", (SPEC,), {"picture_backend": "sketch"}
)
ROOMY = DiskUsage(10**12, 0, 10**12)


def _gets(hub: StubHub, name: str) -> list[str]:
    return [rng for method, path, rng in hub.log if method == "GET" and path.endswith("/" + name)]


def test_nothing_is_fetched_without_confirm(hub: StubHub, tmp_path: Path) -> None:
    with pytest.raises(DownloadNotConfirmed):
        download_preset(PRESET, dest=tmp_path, endpoint=hub.url)
    plan = plan_download(PRESET, dest=tmp_path, endpoint=hub.url)  # metadata only
    with pytest.raises(DownloadNotConfirmed):
        download_models(plan, endpoint=hub.url)
    assert not any("/resolve/" in path for _, path, _ in hub.log)
    assert not (tmp_path / "kids--tiny-lora" / BIG).exists()


def test_plan_lists_exact_sizes_and_filters(hub: StubHub, tmp_path: Path) -> None:
    plan = plan_download(PRESET, dest=tmp_path, endpoint=hub.url)
    (model,) = plan.models
    assert model.commit == COMMIT
    assert [f.path for f in model.files] == ["adapter_config.json", BIG, "extra/notes.json"]
    assert plan.total_bytes == sum(len(hub.files[f.path]) for f in model.files)
    assert plan.pending_bytes == plan.total_bytes
    big = next(f for f in model.files if f.path == BIG)
    assert big.sha256 == hashlib.sha256(hub.files[BIG]).hexdigest()


def test_dropped_connection_resumes_with_a_range_request(hub: StubHub, tmp_path: Path) -> None:
    hub.drop_once.add(BIG)
    seen: list[DownloadProgress] = []
    _, installed = download_preset(
        PRESET, confirm=True, dest=tmp_path, endpoint=hub.url, progress=seen.append,
        disk_usage=lambda _p: ROOMY,
    )  # fmt: skip
    folder = installed[0].folder
    assert (folder / BIG).read_bytes() == hub.files[BIG]
    ranges = _gets(hub, BIG)
    assert len(ranges) == 2 and ranges[0] == ""
    resumed_at = int(ranges[1].removeprefix("bytes=").rstrip("-"))
    assert 0 < resumed_at < len(hub.files[BIG])  # the second request continued, not restarted
    assert seen[-1].stage == "done" and seen[-1].fraction == 1.0
    assert [p.done_bytes for p in seen] == sorted(p.done_bytes for p in seen)
    manifest = read_manifest(folder)
    assert manifest is not None
    assert manifest[BIG]["sha256"] == hashlib.sha256(hub.files[BIG]).hexdigest()
    assert validate_folder(ModelRole.WHISPER_ADAPTER, folder, deep=True).ok


def test_a_stopped_download_continues_where_it_stopped(hub: StubHub, tmp_path: Path) -> None:
    token = CancelToken()

    def stop_in_big_file(p: DownloadProgress) -> None:
        if p.file == BIG and p.stage == "download":
            token.cancel()

    plan = plan_download(PRESET, dest=tmp_path, endpoint=hub.url)
    with pytest.raises(Cancelled):
        download_models(plan, confirm=True, progress=stop_in_big_file, cancel=token)
    folder = plan.models[0].folder
    assert (folder / "adapter_config.json").is_file() and not (folder / BIG).exists()
    assert not list(folder.rglob("*.incomplete"))  # no half file left behind
    assert plan.pending_bytes == len(hub.files[BIG]) + len(hub.files["extra/notes.json"])

    hub.log.clear()
    installed = download_models(plan, confirm=True, endpoint=hub.url)
    assert _gets(hub, "adapter_config.json") == []  # verified on the first run: not fetched again
    assert (installed[0].folder / BIG).read_bytes() == hub.files[BIG]


def test_disk_space_is_checked_before_the_first_byte(hub: StubHub, tmp_path: Path) -> None:
    small_disk = DiskUsage(total=64 * 10**9, used=64 * 10**9 - 10**6, free=10**6)
    with pytest.raises(NotEnoughDiskSpace, match="Not enough free disk space") as info:
        download_preset(
            PRESET, confirm=True, dest=tmp_path, endpoint=hub.url, disk_usage=lambda _p: small_disk
        )
    assert info.value.free == 10**6 and info.value.needed > 13 * 10**6
    assert not any("/resolve/" in path for _, path, _ in hub.log)


def test_a_file_that_fails_its_checksum_is_refused(hub: StubHub, tmp_path: Path) -> None:
    hub.lie_about.add(BIG)
    with pytest.raises(IntegrityError, match="checksum"):
        download_preset(PRESET, confirm=True, dest=tmp_path, endpoint=hub.url)
    assert len(_gets(hub, BIG)) == 2  # one fresh retry, then a clear refusal
    assert not (tmp_path / "kids--tiny-lora" / BIG).exists()


def test_downloaded_folder_goes_into_settings(hub: StubHub, tmp_path: Path) -> None:
    _, installed = download_preset(PRESET, confirm=True, dest=tmp_path, endpoint=hub.url)
    settings = apply_to_settings(Settings(sdxl_refiner="/old/refiner"), PRESET, {
        m.role: m for m in installed
    })  # fmt: skip
    save_settings(settings)
    again = load_settings()
    assert again.whisper_adapter == str(installed[0].folder)
    assert again.sdxl_refiner == ""  # this preset has no refiner: not loaded any more
    assert again.model_preset == "tiny"
    assert (installed[0].folder / MANIFEST_NAME).is_file()


def _fake_repo(names: list[str]) -> dict[str, bytes]:
    """Tiny stand-ins with the real repo's file names: weights are valid safetensors."""
    weights = save({"w": np.arange(16, dtype=np.float32)})
    return {
        n: weights if n.endswith(".safetensors") else b"PK\x03\x04" if n.endswith(".bin") else b"{}"
        for n in names
    }


SAFETY_REPO = "CompVis/stable-diffusion-safety-checker"
SAFETY_FILES = [
    "README.md", "config.json", "model.safetensors", "preprocessor_config.json",
    "pytorch_model.bin",
]  # fmt: skip
SDXL_FILES = [
    "model_index.json", "scheduler/scheduler_config.json", "sd_xl_base_1.0.safetensors",
    *(f"{t}/{n}" for t in ("tokenizer", "tokenizer_2") for n in ("vocab.json", "merges.txt")),
    *(f"{p}/{n}" for p in ("text_encoder", "text_encoder_2")
      for n in ("config.json", "model.fp16.safetensors", "model.safetensors")),
    *(f"{p}/{n}" for p in ("unet", "vae") for n in (
        "config.json", "diffusion_pytorch_model.fp16.safetensors",
        "diffusion_pytorch_model.safetensors")),
]  # fmt: skip


VAE_FILES = ["config.json", "diffusion_pytorch_model.safetensors", "sdxl_vae.safetensors"]


def test_the_gpu12_preset_fetches_the_image_safety_model(hub: StubHub, tmp_path: Path) -> None:
    """The check every SDXL picture passes is downloaded with the preset and switched on."""
    preset = get_preset("gpu12")
    hub.others = {
        "stabilityai/stable-diffusion-xl-base-1.0": _fake_repo(SDXL_FILES),
        "stabilityai/stable-diffusion-xl-refiner-1.0": _fake_repo(SDXL_FILES),
        "openai/whisper-large-v2": _fake_repo(
            ["config.json", "merges.txt", "model.safetensors", "pytorch_model.bin", "vocab.json"]
        ),
        SAFETY_REPO: _fake_repo(SAFETY_FILES),
        "madebyollin/sdxl-vae-fp16-fix": _fake_repo(VAE_FILES),
    }
    hub.lfs |= {n for n in SDXL_FILES + SAFETY_FILES + VAE_FILES
                if n.endswith((".bin", ".safetensors"))}  # fmt: skip
    plan, installed = download_preset(
        preset, confirm=True, dest=tmp_path, endpoint=hub.url, disk_usage=lambda _p: ROOMY
    )
    assert [s.role for s in plan.import_only] == [ModelRole.WHISPER_ADAPTER]
    (safety,) = [m for m in installed if m.role is ModelRole.IMAGE_SAFETY]
    assert safety.folder == tmp_path / "CompVis--stable-diffusion-safety-checker"
    assert safety.source == f"hf://{SAFETY_REPO}@{COMMIT}"
    fetched = sorted(p.rsplit("/", 1)[1] for m, p, _ in hub.log if m == "GET" and
                     p.startswith(f"/{SAFETY_REPO}/resolve/"))  # fmt: skip
    assert fetched == ["config.json", "model.safetensors", "preprocessor_config.json"]
    assert not (safety.folder / "pytorch_model.bin").exists()  # the pickle copy is never fetched
    assert validate_folder(ModelRole.IMAGE_SAFETY, safety.folder, deep=True).ok

    settings = apply_to_settings(Settings(), preset, {m.role: m for m in installed})
    save_settings(settings)
    again = load_settings()
    assert again.sdxl_safety_checker == str(safety.folder)
    assert again.picture_backend == "sdxl" and again.model_preset == "gpu12"
    # the fp16-safe VAE comes with the preset (issue #17): no fp32 decode on every page
    (vae,) = [m for m in installed if m.role is ModelRole.SDXL_VAE]
    assert again.sdxl_vae == str(vae.folder) and not (vae.folder / "sdxl_vae.safetensors").exists()
    # a smaller preset keeps the check; the CPU preset (no SDXL) drops it
    kept = apply_to_settings(again, get_preset("gpu8"), {}).sdxl_safety_checker
    assert kept == str(safety.folder)
    assert apply_to_settings(again, get_preset("cpu"), {}).sdxl_safety_checker == ""
