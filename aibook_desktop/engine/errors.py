"""Errors any layer may raise or catch; below the backend families, so none imports another."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["BackendUnavailable", "FailureCode"]


class FailureCode(StrEnum):
    """Why a job failed (``events.Failed.code``); each has a kind child message (messages.py).

    Values are the strings the JSON events always carried."""

    STORY_FAILED = "story_failed"
    PICTURES_FAILED = "pictures_failed"
    DISK_FULL = "disk_full"
    BAD_REQUEST = "bad_request"
    GPU_LOST = "gpu_lost"  # this process's CUDA context is broken: the UI asks for a restart
    UNEXPECTED = "unexpected"
    # the theme cannot start a book as it is (safety.ThemeProblem; a clear message, no book)
    THEME_EMPTY = "theme_empty"
    THEME_TOO_LONG = "theme_too_long"
    THEME_LANGUAGE = "theme_language"


class BackendUnavailable(RuntimeError):
    """A configured backend cannot run here (not installed yet, no weights, no key)."""
