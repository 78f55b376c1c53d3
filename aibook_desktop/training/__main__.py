"""`python -m aibook_desktop.training` is `aibook-train`."""

from .cli import main

raise SystemExit(main())
