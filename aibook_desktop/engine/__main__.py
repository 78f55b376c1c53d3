"""``python -m aibook_desktop.engine``: the headless CLI."""

import sys

try:
    from .cli import main

    code = main()
except KeyboardInterrupt:  # Ctrl-C while the CLI's own modules were still importing
    print("aibook: cancelled", file=sys.stderr)
    code = 130
sys.exit(code)
