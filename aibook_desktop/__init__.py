"""AI-Book Desktop: a kiosk picture-book maker for small children."""

__all__ = ["__version__"]
__version__ = "0.1.0"
