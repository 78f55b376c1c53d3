"""``aibook parent set-pin``: how a grown-up sets or recovers the gate's PIN from a terminal.

The kiosk never lets the first person at the corner choose a PIN, and a settings file it
cannot read keeps the gate shut; this command is the way back in for whoever has a shell on
the machine (which a child at the kiosk does not).
"""

from __future__ import annotations

import argparse
import getpass
import sys
import time
import tomllib

from . import paths
from .parent_pin import (
    MAX_PASSPHRASE_LENGTH,
    MAX_PIN_LENGTH,
    PASSPHRASE_LENGTH,
    PIN_LENGTH,
    SUGGESTED_PIN_LENGTH,
    hash_passphrase,
    hash_pin,
    is_valid_passphrase,
    is_valid_pin,
)
from .settings import SettingsError, update_settings_file

__all__ = ["add_parser", "main"]

EXIT_OK, EXIT_USAGE, EXIT_WRITE = 0, 2, 5


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parent = sub.add_parser("parent", help="the grown-ups' gate (PIN)")
    psub = parent.add_subparsers(dest="parent_command", required=True)
    setpin = psub.add_parser("set-pin", help="set or replace the grown-ups' PIN")
    setpin.add_argument(
        "--stdin", action="store_true", help="read the PIN from standard input (scripts)"
    )
    setpin.add_argument(
        "--passphrase",
        action="store_true",
        help=f"a passphrase of {PASSPHRASE_LENGTH}+ characters instead of a PIN "
        "(the gate then shows a text field: for kiosks with a keyboard)",
    )


def _read_pin(args: argparse.Namespace) -> str | None:
    what = "passphrase" if args.passphrase else "PIN"
    if args.stdin:
        line = sys.stdin.readline().rstrip("\n")
        return line if args.passphrase else line.strip()
    if args.passphrase:
        prompt = f"New passphrase ({PASSPHRASE_LENGTH} characters or more): "
    else:
        prompt = f"New PIN ({PIN_LENGTH}-{MAX_PIN_LENGTH} digits): "
    first = getpass.getpass(prompt)
    if getpass.getpass(f"The same {what} again: ") != first:
        print(f"The two {what}s were different; nothing changed.", file=sys.stderr)
        return None
    return first


def _move_unreadable_file() -> None:
    """Keep an unreadable settings file beside the new one, for whoever wants to look."""
    path = paths.settings_file()
    if not path.exists():
        return
    try:
        tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        kept = path.with_name(f"{path.name}.broken-{int(time.time())}")
        path.replace(kept)
        print(f"The unreadable settings file was kept as {kept}", file=sys.stderr)


def main(args: argparse.Namespace) -> int:
    pin = _read_pin(args)
    if pin is None:
        return EXIT_USAGE
    if args.passphrase and not is_valid_passphrase(pin):
        print(
            f"A passphrase is {PASSPHRASE_LENGTH} to {MAX_PASSPHRASE_LENGTH} characters.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if not args.passphrase and not is_valid_pin(pin):
        print(f"A PIN is {PIN_LENGTH} to {MAX_PIN_LENGTH} digits.", file=sys.stderr)
        return EXIT_USAGE
    secret_hash = hash_passphrase(pin) if args.passphrase else hash_pin(pin)
    try:
        _move_unreadable_file()
        update_settings_file({"parent_pin_hash": secret_hash})
        (paths.config_dir() / "gate.json").unlink(missing_ok=True)  # wrong tries start over
    except (OSError, SettingsError) as exc:
        print(f"The PIN could not be saved: {exc}", file=sys.stderr)
        return EXIT_WRITE
    if args.passphrase:
        print("Passphrase saved. The gate now asks for it instead of a PIN.")
    elif len(pin) < SUGGESTED_PIN_LENGTH:
        print(f"PIN saved. A kiosk is safer with {SUGGESTED_PIN_LENGTH} digits or more.")
    else:
        print("PIN saved.")
    return EXIT_OK
