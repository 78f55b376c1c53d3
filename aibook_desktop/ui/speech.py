"""Speaking to the child: one QTextToSpeech for the whole app, sentence by sentence."""

from __future__ import annotations

import logging
import re
from typing import Any

from PySide6.QtCore import QLocale, QLoggingCategory, QObject, Signal
from PySide6.QtGui import QGuiApplication

__all__ = ["Speaker", "default_engine", "split_sentences"]

log = logging.getLogger(__name__)

# A sentence ends at . ! ? … (and their full-width forms) followed by space or the end.
_SENTENCE_END = re.compile(r"(?<=[.!?…。！？])[\"'”’)]*\s+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences in ``text``, trailing spaces excluded."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start() + len(match.group(0).rstrip())
        if text[start:end].strip():
            spans.append((start, end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def default_engine() -> str | None:
    """None means the system's engine; offscreen nobody listens, so the silent mock engine.

    (speechd with no sound card hangs in Speaking and blocks new instances: lab notes.)
    """
    if QGuiApplication.platformName() == "offscreen":
        return "mock"
    return None


class Speaker(QObject):
    """Says one line, or reads a list of sentences one after another, in the book's language.

    Each sentence is a separate ``say()``: every engine reports "ready" after an utterance,
    while word-by-word progress is optional. The QTextToSpeech is made on first use, so the
    app starts without loading a speech engine.

    Signals:
        sentenceStarted(int index): sentence ``index`` of the current reading is being spoken.
        readingDone(): the last sentence was spoken (not emitted when stopped).
        readingStopped(): a reading was stopped before its end (by ``stop`` or ``say``).
        unavailable(str reason): no speech engine works here; texts stay on screen.
    """

    sentenceStarted = Signal(int)
    readingDone = Signal()
    readingStopped = Signal()
    unavailable = Signal(str)

    def __init__(self, engine: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine_name = engine if engine is not None else default_engine()
        self._tts: Any = None  # QTextToSpeech, made on first use
        self._sentences: list[str] = []
        self._next = 0
        self._reading = False
        self._lang = ""
        self._saw_speaking = False  # a "ready" only counts after our own utterance started

    @property
    def engine_name(self) -> str:
        return self._engine_name or "default"

    @property
    def reading(self) -> bool:
        return self._reading

    def _engine(self) -> Any:  # QTextToSpeech | None (imported lazily: it is optional)
        if self._tts is None:
            try:
                # QtMultimedia probes for PipeWire and warns when it is absent; speech does
                # not need it, and the warning would only alarm whoever reads the log.
                QLoggingCategory.setFilterRules("qt.multimedia.symbolsresolver.warning=false")
                from PySide6.QtTextToSpeech import QTextToSpeech

                if self._engine_name:
                    self._tts = QTextToSpeech(self._engine_name, self)
                else:
                    self._tts = QTextToSpeech(self)
                self._tts.stateChanged.connect(self._state_changed)
            except Exception as exc:  # no plugin at all: the app works silently
                log.warning("text to speech is not available: %s", exc)
                self.unavailable.emit(str(exc))
                return None
        return self._tts

    def can_speak(self) -> bool:
        """False where no speech engine works (no plugin, or it failed to start)."""
        tts = self._engine()
        if tts is None:
            return False
        from PySide6.QtTextToSpeech import QTextToSpeech

        return bool(tts.state() != QTextToSpeech.State.Error)

    def has_voice(self, lang: str) -> bool:
        """Whether the engine has a voice for ``lang`` (else "Read to me" would read a Korean
        page with an English voice, or not at all: the button is hidden instead)."""
        tts = self._engine()
        if tts is None or not self.can_speak():
            return False
        want = QLocale.Language.Korean if lang == "ko" else QLocale.Language.English
        return any(locale.language() == want for locale in tts.availableLocales())

    def available_engines(self) -> list[str]:
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech

            return list(QTextToSpeech.availableEngines())
        except Exception:
            return []

    def voices_summary(self) -> str:
        tts = self._engine()
        if tts is None:
            return ""
        return ", ".join(sorted({v.locale().name() for v in tts.availableVoices()}))

    def _use_language(self, lang: str) -> None:
        """A voice for the language when the system has one; else the engine's default voice."""
        tts = self._engine()
        if tts is None or lang == self._lang:
            return
        self._lang = lang
        want = QLocale.Language.Korean if lang == "ko" else QLocale.Language.English
        for locale in tts.availableLocales():
            if locale.language() == want:
                tts.setLocale(locale)
                return
        log.info("no %s voice in the %s speech engine", lang, self.engine_name)

    def say(self, text: str, lang: str) -> None:
        """Speak one line now (stops any reading)."""
        self.stop()
        tts = self._engine()
        if tts is None or not text.strip():
            return
        self._use_language(lang)
        tts.say(text)

    def read(self, sentences: list[str], lang: str) -> None:
        """Read sentences in order; ``sentenceStarted`` tells which one is being spoken."""
        self.stop()
        tts = self._engine()
        self._sentences = list(sentences)
        self._next = 0
        if tts is None or not self._sentences:
            self.readingDone.emit()
            return
        self._use_language(lang)
        self._reading = True
        self._say_next()

    def stop(self) -> None:
        if self._reading:
            self._reading = False
            self.readingStopped.emit()
        self._sentences = []
        self._saw_speaking = False
        if self._tts is not None:
            self._tts.stop()

    def _say_next(self) -> None:
        if not self._reading:
            return
        if self._next >= len(self._sentences):
            self._reading = False
            self.readingDone.emit()
            return
        index = self._next
        self._next += 1
        self.sentenceStarted.emit(index)
        if self._tts is not None:
            self._tts.say(self._sentences[index])

    def _state_changed(self, state: object) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if state == QTextToSpeech.State.Speaking:
            self._saw_speaking = True
        elif state == QTextToSpeech.State.Ready and self._reading and self._saw_speaking:
            self._saw_speaking = False
            self._say_next()
        elif state == QTextToSpeech.State.Error:
            log.warning("speech engine error: %s", self._tts.errorString() if self._tts else "")
            self._reading = False
