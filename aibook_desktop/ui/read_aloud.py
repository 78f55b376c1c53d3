"""Reading a page aloud with the sentence being spoken highlighted, page after page.

Two voices can read: the page's pre-rendered narration (engine/narration, played by
:class:`~.page_audio.AudioSpeaker`, the highlight following the file's sentence timings) and
the system voice (:class:`~.speech.Speaker`). A voice that stops answering (speech-dispatcher
with no sound card stays in "Speaking" for ever) is given up on after a patience that grows
with the sentence, and the "Read to me" button comes back (#14).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel

from ..engine.narration import PageAudio
from .speech import split_sentences

__all__ = ["HIGHLIGHT", "ReadAloud", "highlighted_html"]

log = logging.getLogger(__name__)

HIGHLIGHT = "#FFE082"
PATIENCE_MS = 6000  # a sentence may take this long before any voice, plus per character:
PATIENCE_PER_CHAR_MS = 250  # slow enough for a 3-year-old's pace, never "for ever"


def highlighted_html(text: str, spans: list[tuple[int, int]], current: int) -> str:
    """The page text as rich text with sentence ``current`` on a yellow marker."""
    if not 0 <= current < len(spans):
        return html.escape(text)
    start, end = spans[current]
    return (
        html.escape(text[:start])
        + f'<span style="background-color:{HIGHLIGHT};">{html.escape(text[start:end])}</span>'
        + html.escape(text[end:])
    )


class ReadAloud(QObject):
    """Drives a speaker for one text label; the reader turns pages in between.

    A speaker is anything with the signals ``sentenceStarted(int)``, ``readingDone()``,
    ``readingStopped()`` and the methods ``stop()`` and ``can_speak()``; the system one also
    has ``read(sentences, lang)`` and ``has_voice(lang)``, the page-audio one ``play(audio)``.

    Signals:
        pageDone(): the last sentence of the page was spoken (the reader may turn the page).
        stateChanged(bool reading)
        stuck(): the voice never finished; reading was stopped (the button is back).
    """

    pageDone = Signal()
    stateChanged = Signal(bool)
    stuck = Signal()

    def __init__(
        self,
        label: QLabel,
        speaker: Any = None,
        audio: Any = None,
        patience_ms: int = PATIENCE_MS,
        patience_per_char_ms: int = PATIENCE_PER_CHAR_MS,
    ) -> None:
        super().__init__(label)
        self._label = label
        self._speaker: Any = None
        self._audio: Any = None
        self._active: Any = None  # the speaker reading now
        self._links: dict[int, list[tuple[Any, Callable[..., None]]]] = {}
        self._text = ""
        self._lang = ""
        self._spans: list[tuple[int, int]] = []
        self.current = -1  # the highlighted sentence, -1 when none
        self.reading = False
        self.patience_ms = patience_ms
        self.patience_per_char_ms = patience_per_char_ms
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._timed_out)
        if speaker is not None:
            self.set_speaker(speaker)
        if audio is not None:
            self.set_audio_player(audio)

    # ---- speakers ---------------------------------------------------------------------------
    def _link(self, speaker: Any) -> None:
        links = [
            (speaker.sentenceStarted, lambda i: self._sentence(speaker, i)),
            (speaker.readingDone, lambda: self._done(speaker)),
            (speaker.readingStopped, lambda: self._interrupted(speaker)),
        ]
        if hasattr(speaker, "failed"):
            links.append((speaker.failed, lambda _why: self._audio_failed(speaker)))
        for signal, slot in links:
            signal.connect(slot)
        self._links[id(speaker)] = links

    def _unlink(self, speaker: Any) -> None:
        for signal, slot in self._links.pop(id(speaker), []):
            signal.disconnect(slot)

    def set_speaker(self, speaker: Any) -> None:
        """The system voice."""
        if self._speaker is not None:
            self._unlink(self._speaker)
        self._speaker = speaker
        self._link(speaker)

    def set_audio_player(self, audio: Any) -> None:
        """What plays pre-rendered page narration."""
        if self._audio is not None:
            self._unlink(self._audio)
        self._audio = audio
        self._link(audio)

    @property
    def possible(self) -> bool:
        """Whether any system voice works here at all."""
        return self._speaker is not None and bool(self._speaker.can_speak())

    def possible_for(self, lang: str, has_audio: bool = False) -> bool:
        """Offer "Read to me" only when something will speak this book's language."""
        if has_audio and self._audio is not None and self._audio.can_speak():
            return True
        if not self.possible:
            return False
        has_voice = getattr(self._speaker, "has_voice", None)
        return bool(has_voice(lang)) if has_voice is not None else True

    # ---- reading ----------------------------------------------------------------------------
    def read(self, text: str, lang: str, audio: PageAudio | None = None) -> None:
        """Start reading ``text`` (the label already shows it); ``audio``: its narration."""
        self._active = None  # an earlier reading ends here, before ours counts as started
        self._watchdog.stop()
        self._stop_active()
        self._text = text
        self._lang = lang
        self._spans = split_sentences(text)
        sentences = [text[a:b] for a, b in self._spans]
        if audio is not None and self._audio is not None:
            self._active = self._audio
            self._set_reading(True)
            self._arm(0)
            if self._audio.play(audio):
                return
            self._active = None
        if self._speaker is None:
            self._set_reading(False)
            return
        self._active = self._speaker
        self._set_reading(True)
        self._arm(0)
        self._speaker.read(sentences, lang)

    def stop(self) -> None:
        was = self.reading
        self._set_reading(False)
        self._watchdog.stop()
        if was:
            self._stop_active()
        self._active = None
        self._clear()

    def _stop_active(self) -> None:
        for speaker in (self._audio, self._speaker):
            if speaker is not None and getattr(speaker, "reading", False):
                speaker.stop()

    def _arm(self, index: int) -> None:
        """The voice has this long to finish sentence ``index`` before it counts as stuck."""
        length = self._spans[index][1] - self._spans[index][0] if index < len(self._spans) else 0
        self._watchdog.start(self.patience_ms + self.patience_per_char_ms * length)

    def _timed_out(self) -> None:
        if not self.reading:
            return
        log.warning("the voice did not finish a sentence in time; reading stopped")
        active = self._active
        self._set_reading(False)
        self._active = None
        if active is not None:
            active.stop()
        self._clear()
        self.stuck.emit()

    def _set_reading(self, reading: bool) -> None:
        if reading != self.reading:
            self.reading = reading
            self.stateChanged.emit(reading)

    def _sentence(self, speaker: Any, index: int) -> None:
        if not self.reading or speaker is not self._active:
            return
        self.current = index
        self._arm(index)
        self._label.setTextFormat(Qt.TextFormat.RichText)
        self._label.setText(highlighted_html(self._text, self._spans, index))

    def _interrupted(self, speaker: Any) -> None:
        """Someone else spoke (an error line, "are you still there?"): reading is over."""
        if self.reading and speaker is self._active:
            self._watchdog.stop()
            self._set_reading(False)
            self._active = None
            self._clear()

    def _audio_failed(self, speaker: Any) -> None:
        """The page's file would not play: the system voice reads the page instead."""
        if not self.reading or speaker is not self._active:
            return
        self._active = None
        if self._speaker is not None and self._speaker.can_speak():
            self._active = self._speaker
            self._arm(0)
            self._speaker.read([self._text[a:b] for a, b in self._spans], self._lang)
        else:
            self._watchdog.stop()
            self._set_reading(False)
            self._clear()

    def _done(self, speaker: Any) -> None:
        if not self.reading or speaker is not self._active:
            return
        self._watchdog.stop()
        self._active = None
        self._clear()
        self._set_reading(False)
        self.pageDone.emit()

    def _clear(self) -> None:
        if self.current >= 0:
            self.current = -1
            self._label.setTextFormat(Qt.TextFormat.PlainText)
            self._label.setText(self._text)
