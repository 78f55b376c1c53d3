"""``aibook models``: list presets, download one (only with --yes), import a folder.

For headless booth setup (ssh, a USB stick, no screen); the parent area calls the same
functions. Exit codes: 0 done, 2 bad arguments or not confirmed, 4 failed, 130 cancelled.
"""

from __future__ import annotations

import argparse
import dataclasses
import signal
import sys
import time
from pathlib import Path
from types import FrameType
from typing import Any

from ..cancel import Cancelled, CancelToken
from ..settings import changed_fields, get_settings, update_settings_file
from .disk import NotEnoughDiskSpace, human_bytes
from .download import DownloadError, DownloadProgress, IntegrityError, download_preset
from .presets import PRESETS, ModelRole, get_preset, recommend_preset
from .store import FolderProblem, apply_to_settings, import_folder

__all__ = ["add_parser", "main"]


def add_parser(sub: Any) -> None:
    """The ``models`` subcommand for engine/cli.py."""
    mp = sub.add_parser("models", help="set up model weights (presets, download, import)")
    msub = mp.add_subparsers(dest="models_command", required=True)
    msub.add_parser("presets", help="the presets, their disk and VRAM needs")
    dl = msub.add_parser("download", help="download a preset's models from the Hugging Face hub")
    dl.add_argument("preset", choices=[p.id for p in PRESETS])
    dl.add_argument("--yes", action="store_true", help="really download (nothing happens without)")
    dl.add_argument("--dest", type=Path, help="models folder (default: the user data dir)")
    dl.add_argument("--endpoint", help="another hub or mirror (default: HF_ENDPOINT or the hub)")
    dl.add_argument("--lora-repo", help="hub repo of your children's-speech LoRA adapter")
    im = msub.add_parser("import", help="take in a model folder from a disk or USB stick")
    im.add_argument("role", choices=[r.value for r in ModelRole])
    im.add_argument("folder", type=Path)
    im.add_argument("--in-place", action="store_true", help="use the folder where it is")


def _presets() -> int:
    from ..hardware import detect

    best = recommend_preset(detect())
    width = max(len(p.id) for p in PRESETS)
    for p in PRESETS:
        mark = "  <- recommended here" if p is best else ""
        print(f"{p.id:<{width}} {p.title}: {p.summary}{mark}")
        print(f"{'':<{width}} disk about {human_bytes(p.approx_bytes)}; VRAM: {p.vram_note}")
        for model in p.models:  # what is fetched, with the licence its card states
            print(
                f"{'':<{width}} - {model.title}" + (f" [{model.repo_id}]" if model.repo_id else "")
            )
    return 0


class _Bar:
    def __init__(self) -> None:
        self.last = 0.0

    def __call__(self, p: DownloadProgress) -> None:
        now = time.monotonic()
        if now - self.last < 0.5 and p.stage != "done":
            return
        self.last = now
        what = f"{p.role.value} ready" if p.stage == "done" else f"{p.stage} {p.file}"
        sys.stderr.write(f"{p.fraction:6.1%}  {what}\n")


def _download(args: argparse.Namespace) -> int:
    preset = get_preset(args.preset)
    if not args.yes:
        print(f"{preset.title}: about {human_bytes(preset.approx_bytes)} to download "
              f"({preset.summary}). Nothing was downloaded: add --yes to start.")  # fmt: skip
        return 2
    repos = {ModelRole.WHISPER_ADAPTER: args.lora_repo} if args.lora_repo else None
    cancel = CancelToken()

    def on_sigint(signum: int, frame: FrameType | None) -> None:
        cancel.cancel()

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        plan, installed = download_preset(
            preset, confirm=True, dest=args.dest, endpoint=args.endpoint, repos=repos,
            progress=_Bar(), cancel=cancel,
        )  # fmt: skip
    except Cancelled:
        print("aibook: stopped; run the same command to continue", file=sys.stderr)
        return 130
    except (NotEnoughDiskSpace, DownloadError, IntegrityError) as exc:
        print(f"aibook: {exc}", file=sys.stderr)
        return 4
    finally:
        signal.signal(signal.SIGINT, previous)
    before = dataclasses.replace(get_settings())
    settings = apply_to_settings(get_settings(), preset, {m.role: m for m in installed})
    update_settings_file(changed_fields(before, settings))  # never AIBOOK_* overrides (#21)
    for m in installed:
        print(f"{m.role.value} = {m.folder}")
    for spec in plan.import_only:
        print(f"{spec.role.value}: no public copy; import it with "
              f"`aibook models import {spec.role.value} FOLDER`")  # fmt: skip
    return 0


def _import(args: argparse.Namespace) -> int:
    try:
        model = import_folder(args.role, args.folder, copy=not args.in_place)
    except (FolderProblem, NotEnoughDiskSpace) as exc:
        print(f"aibook: {exc}", file=sys.stderr)
        return 4
    update_settings_file({model.role.value: str(model.folder)})  # this field only (#21)
    print(f"{model.role.value} = {model.folder}")
    return 0


def main(args: argparse.Namespace) -> int:
    command = {"presets": lambda _a: _presets(), "download": _download, "import": _import}
    return command[args.models_command](args)
