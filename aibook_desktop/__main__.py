"""``python -m aibook_desktop`` and the ``aibook-desktop`` command: start the picture-book app."""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if "--supervised" in args:  # restart the app on a crash (issue #8); Qt-free parent
        from .supervisor import run_supervised

        return run_supervised(args)
    from .engine.logs import setup_logging

    setup_logging()  # rotating file under the user log dir, children's data redacted
    from .ui.app import main as app_main

    return app_main(argv)


if __name__ == "__main__":
    sys.exit(main())
