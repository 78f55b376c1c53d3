"""Speaking to the child: one QTextToSpeech for the whole app, sentence by sentence."""

from __future__ import annotations

import contextlib
import logging
import queue
import re
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLocale, QLoggingCategory, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication

__all__ = ["CALL_TIMEOUT_MS", "IN_PROCESS_ENGINES", "Speaker", "default_engine", "split_sentences"]

log = logging.getLogger(__name__)

# Engines that never block and run on Qt timers, which only work on the main thread.
IN_PROCESS_ENGINES = ("mock",)
CALL_TIMEOUT_MS = 2000  # an engine call still running after this is a hung engine

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
        self._hung = False  # the engine hung in a call: silent until the app restarts
        self.call_timeout_ms = CALL_TIMEOUT_MS
        self._calls: queue.SimpleQueue[tuple[Callable[[], object], threading.Event]] | None = None
        # the languages the engine has voices for, learnt off the main thread when the engine
        # is made (asking speechd can hang); None until known
        self._voice_languages: frozenset[object] | None = None

    @property
    def engine_name(self) -> str:
        return self._engine_name or "default"

    @property
    def reading(self) -> bool:
        return self._reading

    def _engine(self) -> Any:  # QTextToSpeech | None (imported lazily: it is optional)
        if self._hung:
            return None  # a new system engine would hang in its open as the last one did
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
                self._learn_voices(self._tts)
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

    def _learn_voices(self, tts: Any) -> None:
        def learn() -> None:
            self._voice_languages = frozenset(loc.language() for loc in tts.availableLocales())

        self._call(learn)

    def has_voice(self, lang: str) -> bool:
        """Whether the engine has a voice for ``lang`` (else "Read to me" would read a Korean
        page with an English voice, or not at all: the button is hidden instead). Answered from
        what was learnt when the engine was made: never a call into the engine from here."""
        tts = self._engine()
        if tts is None or not self.can_speak() or self._voice_languages is None:
            return False
        want = QLocale.Language.Korean if lang == "ko" else QLocale.Language.English
        return want in self._voice_languages

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
        name = self.engine_name

        def choose() -> None:  # the system engine asks speechd: may block (off the main thread)
            for locale in tts.availableLocales():
                if locale.language() == want:
                    tts.setLocale(locale)
                    return
            log.info("no %s voice in the %s speech engine", lang, name)

        self._call(choose)

    def say(self, text: str, lang: str) -> None:
        """Speak one line now (stops any reading)."""
        self.stop()
        tts = self._engine()
        if tts is None or not text.strip():
            return
        self._use_language(lang)
        self._call(lambda: tts.say(text))

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
        """Forget the reading now; the engine stops off the main thread (``_call``)."""
        engine = self.release_engine()
        if engine is not None:
            self._call(engine.stop)

    def release_engine(self) -> Any:
        """Forget the reading now and return the engine (None when there is none)."""
        if self._reading:
            self._reading = False
            self.readingStopped.emit()
        self._sentences = []
        self._saw_speaking = False
        return self._tts

    def abandon_engine(self) -> None:
        """The engine hung: never touch it again. No new one either (speechd with no sound
        card blocks the next open too): the app goes on silently, texts stay on screen."""
        self._hung = True
        if self._tts is not None:
            with contextlib.suppress(RuntimeError, TypeError, AttributeError):
                self._tts.stateChanged.disconnect(self._state_changed)
        self._tts = None
        self._lang = ""

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
        tts, sentence = self._tts, self._sentences[index]
        if tts is not None:
            self._call(lambda: tts.say(sentence))

    # ---- every engine call that can block goes through here ----------------------------------
    def _call(self, fn: Callable[[], object]) -> None:
        """Run an engine call without ever blocking the GUI thread on it.

        A system engine can hang in any call (speechd with no sound card: ``stop``, ``say``,
        the voice list), and a hang on the main thread froze the idle reset with the last
        child's book on screen, and every tap with it. One daemon thread runs the calls in
        order; a call still running after ``call_timeout_ms`` gives the engine up for good
        (:meth:`abandon_engine`) and its thread is left to the OS. In-process engines (the
        mock, on Qt timers) are called in place.
        """
        if self._engine_name in IN_PROCESS_ENGINES:
            fn()
            return
        if self._hung:
            return
        if self._calls is None:
            self._calls = queue.SimpleQueue()
            calls = self._calls
            threading.Thread(
                target=_run_calls, args=(calls,), name="speech-calls", daemon=True
            ).start()
        done = threading.Event()
        self._calls.put((fn, done))
        QTimer.singleShot(self.call_timeout_ms, self, lambda: self._check_call(done))

    def _check_call(self, done: threading.Event) -> None:
        if done.is_set() or self._hung:
            return
        log.error(
            "the %s speech engine did not answer within %.1f s; giving it up",
            self.engine_name,
            self.call_timeout_ms / 1000,
        )
        self.release_engine()  # a reading in progress ends: "Read to me" comes back
        self.abandon_engine()
        self.unavailable.emit("the speech engine stopped answering")

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


def _run_calls(calls: queue.SimpleQueue[tuple[Callable[[], object], threading.Event]]) -> None:
    """The speech thread: engine calls one after another, for the life of the app."""
    while True:
        fn, done = calls.get()
        try:
            fn()
        except Exception as exc:  # the engine's trouble must not end the thread
            log.warning("speech engine call failed: %s", exc)
        done.set()
