"""Reading a page aloud with the sentence being spoken highlighted, page after page."""

from __future__ import annotations

import html

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel

from .speech import Speaker, split_sentences

__all__ = ["HIGHLIGHT", "ReadAloud", "highlighted_html"]

HIGHLIGHT = "#FFE082"


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
    """Drives a :class:`Speaker` for one text label; the reader turns pages in between.

    Signals:
        pageDone(): the last sentence of the page was spoken (the reader may turn the page).
        stateChanged(bool reading)
    """

    pageDone = Signal()
    stateChanged = Signal(bool)

    def __init__(self, label: QLabel, speaker: Speaker | None = None) -> None:
        super().__init__(label)
        self._label = label
        self._speaker: Speaker | None = None
        self._text = ""
        self._spans: list[tuple[int, int]] = []
        self.current = -1  # the highlighted sentence, -1 when none
        self.reading = False
        if speaker is not None:
            self.set_speaker(speaker)

    def set_speaker(self, speaker: Speaker) -> None:
        if self._speaker is not None:
            self._speaker.sentenceStarted.disconnect(self._sentence)
            self._speaker.readingDone.disconnect(self._done)
            self._speaker.readingStopped.disconnect(self._interrupted)
        self._speaker = speaker
        speaker.sentenceStarted.connect(self._sentence)
        speaker.readingDone.connect(self._done)
        speaker.readingStopped.connect(self._interrupted)

    @property
    def possible(self) -> bool:
        """Whether reading aloud can work here at all (offer the button only then)."""
        return self._speaker is not None and self._speaker.can_speak()

    def read(self, text: str, lang: str) -> None:
        """Start reading ``text`` (the label already shows it)."""
        if self._speaker is None:
            return
        self._speaker.stop()  # an earlier reading ends here, before ours counts as started
        self._text = text
        self._spans = split_sentences(text)
        self._set_reading(True)
        self._speaker.read([text[a:b] for a, b in self._spans], lang)

    def stop(self) -> None:
        was = self.reading
        self._set_reading(False)
        if was and self._speaker is not None:
            self._speaker.stop()
        self._clear()

    def _set_reading(self, reading: bool) -> None:
        if reading != self.reading:
            self.reading = reading
            self.stateChanged.emit(reading)

    def _sentence(self, index: int) -> None:
        if not self.reading:
            return
        self.current = index
        self._label.setTextFormat(Qt.TextFormat.RichText)
        self._label.setText(highlighted_html(self._text, self._spans, index))

    def _interrupted(self) -> None:
        """Someone else spoke (an error line, "are you still there?"): reading is over."""
        if self.reading:
            self._set_reading(False)
            self._clear()

    def _done(self) -> None:
        if not self.reading:
            return
        self._clear()
        self._set_reading(False)
        self.pageDone.emit()

    def _clear(self) -> None:
        if self.current >= 0:
            self.current = -1
            self._label.setTextFormat(Qt.TextFormat.PlainText)
            self._label.setText(self._text)
