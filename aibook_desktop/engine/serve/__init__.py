"""``aibook serve``: one GPU box draws and listens for many kiosks, through Ray Serve.

Importing this package is cheap (the CLI builds its parser from it); Ray, FastAPI and the
backends load only when the server starts. Install with the ``server`` extra.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

__all__ = ["add_parser", "main"]

log = logging.getLogger(__name__)
EXIT_OK, EXIT_CONFIG, EXIT_MISSING = 0, 2, 3


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sv = sub.add_parser("serve", help="serve pictures and speech to kiosks (Ray Serve)")
    sv.add_argument("--config", type=Path, required=True, help="the server's TOML file")
    sv.add_argument("--new-token", action="store_true", help="print a fresh kiosk token and exit")


def main(args: argparse.Namespace) -> int:
    from .config import ServeConfigError, load_config, new_token

    if args.new_token:
        print(new_token())
        return EXIT_OK
    try:
        config = load_config(args.config)
    except ServeConfigError as exc:
        print(f"aibook serve: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    try:
        from .app import serve_forever, start
    except ImportError as exc:
        print(
            f"aibook serve needs the server extra (pip install 'aibook-desktop[server]'): {exc}",
            file=sys.stderr,
        )
        return EXIT_MISSING
    from ..settings import get_settings

    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # a school's server phones nobody
    start(config, get_settings())
    print(f"aibook serve: listening on http://{config.host}:{config.port} ({config.policy})")
    try:
        serve_forever()
    except KeyboardInterrupt:
        return EXIT_OK
    return EXIT_OK
