"""``python -m aibook_desktop`` and the ``aibook-desktop`` command: start the picture-book app."""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["EXIT_MISSING_LIBS", "check_system_libraries", "main"]

EXIT_MISSING_LIBS = 3  # like the CLI's "a backend cannot run here": fixable, not a crash


def check_system_libraries() -> bool:
    """Name every missing system library and the apt command, instead of Qt's abort (#14).

    Runs before Qt is imported; the supervisor's child runs it too.
    """
    from .engine.syslibs import missing_qt_libs, startup_message

    missing = missing_qt_libs()
    if not missing:
        return True
    try:
        from .engine.settings import get_settings

        lang = get_settings().language
    except Exception:  # a broken settings file must not hide this message
        lang = "en"
    print(startup_message(missing, lang), file=sys.stderr)
    return False


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not check_system_libraries():
        return EXIT_MISSING_LIBS
    if "--supervised" in args:  # restart the app on a crash (issue #8); Qt-free parent
        from .supervisor import run_supervised

        return run_supervised(args)
    from .engine.logs import setup_logging

    setup_logging()  # rotating file under the user log dir, children's data redacted
    from .ui.app import main as app_main

    return app_main(argv)


if __name__ == "__main__":
    sys.exit(main())
