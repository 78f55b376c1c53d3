"""Playing a page's pre-rendered narration (engine/narration) with the sentence being heard known.

The engine saved the WAV and when each sentence starts; while the file plays we look at the
player's position a few times a second and say which sentence that is, so the highlight
follows the voice itself. It has the same signals as :class:`~.speech.Speaker`, so
:class:`~.read_aloud.ReadAloud` drives either.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QLoggingCategory, QObject, QTimer, QUrl, Signal

from ..engine.narration import PageAudio

__all__ = ["AudioSpeaker"]

log = logging.getLogger(__name__)
POLL_MS = 50


class AudioSpeaker(QObject):
    """Signals:
    sentenceStarted(int index), readingDone(), readingStopped()
    failed(str why): the file could not play; the caller reads the page another way.
    """

    sentenceStarted = Signal(int)
    readingDone = Signal()
    readingStopped = Signal()
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._player: Any = None  # QMediaPlayer, made on first use (QtMultimedia is optional)
        self._output: Any = None
        self._audio: PageAudio | None = None
        self._current = -1
        self._playing = False
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._tick)

    @property
    def reading(self) -> bool:
        return self._playing

    def can_speak(self) -> bool:
        return self._ensure_player() is not None

    def _ensure_player(self) -> Any:
        if self._player is None:
            try:
                QLoggingCategory.setFilterRules("qt.multimedia.symbolsresolver.warning=false")
                from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

                self._player = QMediaPlayer(self)
                self._output = QAudioOutput(self)
                self._player.setAudioOutput(self._output)
                self._player.mediaStatusChanged.connect(self._status)
                self._player.errorOccurred.connect(self._error)
            except Exception as exc:  # no multimedia plugin: the system voice reads instead
                log.warning("page audio cannot play here: %s", exc)
                self._player = None
        return self._player

    def play(self, audio: PageAudio) -> bool:
        """Start the page's file; False when nothing can play it (then read another way)."""
        self.stop()
        player = self._ensure_player()
        if player is None or not audio.sentences:
            return False
        self._audio = audio
        self._current = -1
        self._playing = True
        player.setSource(QUrl.fromLocalFile(str(audio.path)))
        player.play()
        self._poll.start()
        self._tick()
        return True

    def stop(self) -> None:
        self._poll.stop()
        was = self._playing
        self._playing = False
        self._audio = None
        if self._player is not None:
            self._player.stop()
        if was:
            self.readingStopped.emit()

    def sentence_at(self, seconds: float) -> int:
        """The sentence heard at ``seconds`` (a pause belongs to the sentence before it)."""
        assert self._audio is not None
        index = 0
        for i, (start, _end) in enumerate(self._audio.sentences):
            if seconds + 1e-6 >= start:
                index = i
        return index

    def _tick(self) -> None:
        if not self._playing or self._player is None or self._audio is None:
            return
        index = self.sentence_at(self._player.position() / 1000.0)
        while self._current < index:  # never skip a highlight, even after a stall
            self._current += 1
            self.sentenceStarted.emit(self._current)

    def _status(self, status: object) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if status == QMediaPlayer.MediaStatus.EndOfMedia and self._playing:
            assert self._audio is not None
            while self._current < len(self._audio.sentences) - 1:
                self._current += 1
                self.sentenceStarted.emit(self._current)
            self._poll.stop()
            self._playing = False
            self._audio = None
            self.readingDone.emit()
        elif status == QMediaPlayer.MediaStatus.InvalidMedia and self._playing:
            self._error(None, "invalid media")

    def _error(self, _error: object, message: str) -> None:
        if not self._playing:
            return
        log.warning("page audio failed: %s", message)
        self._poll.stop()
        self._playing = False
        self._audio = None
        self.failed.emit(message)
