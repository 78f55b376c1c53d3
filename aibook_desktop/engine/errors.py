"""Errors any layer may raise or catch; below the backend families, so none imports another."""

from __future__ import annotations

__all__ = ["BackendUnavailable"]


class BackendUnavailable(RuntimeError):
    """A configured backend cannot run here (not installed yet, no weights, no key)."""
