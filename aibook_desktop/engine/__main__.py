"""``python -m aibook_desktop.engine``: the headless CLI."""

import sys

from .cli import main

sys.exit(main())
