"""Entry point of the PyInstaller bundle: the kiosk app, or the headless CLI by name.

``aibook-desktop[.exe]`` starts the app (``--kiosk``, ``--supervised`` work as usual);
``aibook[.exe] doctor|models|make-book|list|export`` runs the engine CLI from the same folder.

The base bundle carries no torch. A GPU machine adds its own CUDA build in a separate
site-packages (same Python minor version as the bundle) and names it in ``AIBOOK_GPU_SITE``,
or puts it in a ``gpu-site-packages`` folder next to the executable; it is appended to
``sys.path``, so the bundle's own modules always win and only the missing ones (torch,
diffusers, transformers, peft, ...) come from there.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableSequence, Sequence
from pathlib import Path

__all__ = ["CLI_COMMANDS", "add_gpu_site", "main", "wants_cli"]

CLI_COMMANDS = frozenset({"doctor", "models", "make-book", "list", "export", "transcribe"})
GPU_SITE_DIR = "gpu-site-packages"


def add_gpu_site(
    env: dict[str, str] | os._Environ[str] = os.environ,
    path: MutableSequence[str] = sys.path,
    exe_dir: Path | None = None,
) -> str | None:
    """Append the GPU site-packages (if any) to ``path``; the folder used, or None."""
    candidates = [env.get("AIBOOK_GPU_SITE", "")]
    candidates.append(str((exe_dir or Path(sys.executable).parent) / GPU_SITE_DIR))
    for folder in candidates:
        if folder and Path(folder).is_dir():
            if folder not in path:
                path.append(folder)
            return folder
    return None


def wants_cli(executable: str, argv: Sequence[str]) -> bool:
    """The console executable is named ``aibook``; the app accepts CLI subcommands too."""
    return Path(executable).stem == "aibook" or bool(argv and argv[0] in CLI_COMMANDS)


def main() -> int:
    add_gpu_site()
    if wants_cli(sys.executable, sys.argv[1:]):
        from aibook_desktop.engine.cli import main as cli_main

        return cli_main(sys.argv[1:])
    from aibook_desktop.__main__ import main as app_main

    return app_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
