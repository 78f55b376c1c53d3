"""``python -m aibook_desktop`` and the ``aibook-desktop`` command: start the picture-book app."""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    from .ui.app import main as app_main

    return app_main(argv)


if __name__ == "__main__":
    sys.exit(main())
