"""`aibook-train`: prepare / train / evaluate / export / import-ct2, from CLI options or JSON."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, is_dataclass
from typing import Any

from .args import (
    EvaluateArguments,
    ExportArguments,
    ImportArguments,
    PrepareArguments,
    TrainArguments,
)

__all__ = ["main", "parse"]

log = logging.getLogger(__name__)


def _prepare(a: Any) -> Any:
    from .prepare import prepare

    return prepare(a)


def _train(a: Any) -> Any:
    from .train import train

    return train(a)


def _evaluate(a: Any) -> Any:
    from .evaluate import evaluate

    return evaluate(a)


def _export(a: Any) -> Any:
    from .export import export

    return export(a)


def _import(a: Any) -> Any:
    from pathlib import Path

    from .ct2_import import ct2_whisper_to_transformers

    return str(ct2_whisper_to_transformers(Path(a.ct2_dir), Path(a.output_dir)))


COMMANDS: dict[str, tuple[type, Callable[[Any], Any]]] = {
    "prepare": (PrepareArguments, _prepare),
    "train": (TrainArguments, _train),
    "evaluate": (EvaluateArguments, _evaluate),
    "export": (ExportArguments, _export),
    "import-ct2": (ImportArguments, _import),
}

USAGE = (
    "usage: aibook-train {prepare,train,evaluate,export,import-ct2} [--opt value ... | a.json]\n"
    "       aibook-train COMMAND --help   lists the options of one step"
)


def parse(command: str, argv: Sequence[str]) -> Any:
    """The step's dataclass from `--options` or from one JSON file (transformers' habit)."""
    from transformers import HfArgumentParser

    cls = COMMANDS[command][0]
    parser = HfArgumentParser(cls, prog=f"aibook-train {command}")  # type: ignore[arg-type]
    if len(argv) == 1 and argv[0].endswith(".json"):
        (args,) = parser.parse_json_file(argv[0])
    else:
        (args,) = parser.parse_args_into_dataclasses(args=list(argv))
    return args


def _jsonable(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Exit codes: 0 done, 1 failed, 2 bad arguments, 130 interrupted (checkpoints kept)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help") or argv[0] not in COMMANDS:
        sys.stderr.write(USAGE + "\n")
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    try:
        args = parse(argv[0], argv[1:])
    except SystemExit as exc:  # argparse's own exit (bad option, --help)
        return int(exc.code or 0)
    try:
        result = COMMANDS[argv[0]][1](args)
    except KeyboardInterrupt:
        log.warning("interrupted: finished work is kept; run the same command to resume")
        return 130
    except (FileNotFoundError, ValueError, NotImplementedError) as exc:
        log.error("%s failed: %s", argv[0], exc)
        return 1
    sys.stdout.write(json.dumps(_jsonable(result), ensure_ascii=False, default=str) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
