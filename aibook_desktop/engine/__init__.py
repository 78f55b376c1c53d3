"""The headless engine: everything the app can do, with no Qt (``python -m aibook_desktop.engine``).

Deliberately empty of imports: the UI imports light modules (book, events, settings) from here
on its main thread, and heavy ones only on the engine thread.
"""

__all__: list[str] = []
