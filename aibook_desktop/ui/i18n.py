"""Runtime language switching: one QTranslator for Korean; English is the source language."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator

from ..engine.resources import resources_root

__all__ = ["LANGUAGES", "Translations", "qm_path", "ts_path"]

log = logging.getLogger(__name__)

# Shown as is in the language switch: a language's own name is never translated.
LANGUAGES: dict[str, str] = {"ko": "한국어", "en": "English"}


def ts_path(lang: str) -> Path:
    return resources_root() / "translations" / f"aibook_{lang}.ts"


def qm_path(lang: str) -> Path:
    return resources_root() / "translations" / f"aibook_{lang}.qm"


class Translations(QObject):
    """Owns the installed translator so switching languages is one call.

    Installing/removing a QTranslator makes Qt send a LanguageChange event to every widget;
    each screen answers it by re-running its ``retranslate()``.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._translator: QTranslator | None = None
        self.language = "en"

    def uninstall(self) -> None:
        """Take our translator out of the application (the window that owned it closed)."""
        app = QCoreApplication.instance()
        if app is not None and self._translator is not None:
            app.removeTranslator(self._translator)
        self._translator = None

    def set_language(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}")
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("create the QApplication before choosing a language")
        if self._translator is not None:
            app.removeTranslator(self._translator)
            self._translator = None
        if lang != "en":
            translator = QTranslator(self)
            path = qm_path(lang)
            if translator.load(str(path)):
                app.installTranslator(translator)
                self._translator = translator
            else:
                # English still works, so a missing .qm must not stop a child's book.
                log.error("translation %s could not be loaded; showing English", path)
        QLocale.setDefault(
            QLocale(QLocale.Language.Korean if lang == "ko" else QLocale.Language.English)
        )
        self.language = lang
