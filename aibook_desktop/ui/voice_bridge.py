"""The microphone's side of the bridge: record on the recorder's thread, recognise on ours.

See /work/notes/voice_api.md (issue #5) for the engine API this wraps.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

__all__ = ["VoiceBridge"]

log = logging.getLogger(__name__)


class VoiceBridge(QObject):
    """Lives on the engine thread (a child of ``EngineBridge``).

    ``start_recording``/``stop_recording`` are called from the main thread and return at once:
    the engine's ``Recorder`` has its own worker thread, whose callbacks only emit signals here.
    A usable recording is then recognised on the engine thread (``Transcribe``), never on the
    main thread.

    Signals:
        voiceReady(list languages): recognition works for these languages ([] = no voice).
        recordingLevel(float rms): 0..1, about 20 a second while recording.
        recordingWarning(float seconds_left): the recording will stop soon.
        recordingDone(str status, float seconds, str child_message): a ``RecordStatus`` value;
            the message is kind and in the child's language ("" when all is well).
        transcribed(str text, float confidence, str rejected): ``text == ""`` means try again.
    """

    voiceReady = Signal(list)
    recordingLevel = Signal(float)
    recordingWarning = Signal(float)
    recordingDone = Signal(str, float, str)
    transcribed = Signal(str, float, str)

    _transcribeRequested = Signal(object, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._recorder_cls: Any = None
        self._transcriber: Any = None
        self._settings: Any = None
        self._recorder: Any = None
        self._lang = "en"
        self.languages: list[str] = []
        self.stream_factory: Any = None  # the microphone; tests put a recorded file here
        self._transcribeRequested.connect(self._transcribe)

    # ---- engine thread ----------------------------------------------------------------------
    def build(self, settings: Any) -> None:
        """Import the recorder and make the recogniser (called by EngineBridge._build)."""
        self._settings = settings
        try:
            from ..engine.audio import Recorder
            from ..engine.speech import make_transcriber

            self._recorder_cls = Recorder
            self._transcriber = make_transcriber(settings)
            self._transcriber.warm_up()
            self.languages = [lang for lang in ("ko", "en") if self._transcriber.supports(lang)]
        except Exception as exc:  # voice is optional: cards and typing still work
            log.warning("voice input is not available: %s", exc)
            self._transcriber = None
            self.languages = []
        self.voiceReady.emit(list(self.languages))

    def reset(self) -> None:
        """Forget the recogniser (new settings); the next ``build`` makes a new one."""
        self.cancel_recording()
        self._transcriber = None
        self.languages = []

    @Slot(object, str)
    def _transcribe(self, result: Any, lang: str) -> None:
        if self._transcriber is None:
            self.transcribed.emit("", 0.0, "no_recognizer")
            return
        try:
            from ..engine.speech import Transcribe

            transcript = Transcribe(self._transcriber).run(result, lang=lang)
        except Exception as exc:
            log.exception("recognising speech failed")
            self.transcribed.emit("", 0.0, f"error: {type(exc).__name__}")
            return
        # Checked before "Did you say …?": what is unkind is never shown or spoken back.
        from ..engine.safety import check_transcript

        heard = check_transcript(transcript.text, lang)
        if heard.replaced:
            log.info("a transcript was not shown back (%s)", ", ".join(heard.reasons))
            self.transcribed.emit("", float(transcript.confidence), "unsafe")
            return
        self.transcribed.emit(heard.text, float(transcript.confidence), transcript.rejected)

    # ---- main thread ------------------------------------------------------------------------
    @property
    def available(self) -> bool:
        return self._recorder_cls is not None and self._transcriber is not None

    def start_recording(self, mode: str, lang: str) -> bool:
        """``mode``: "push" (stop on release) or "tap" (stops after silence)."""
        if not self.available:
            return False
        self.cancel_recording()
        self._lang = lang
        extra = {"stream_factory": self.stream_factory} if self.stream_factory else {}
        self._recorder = self._recorder_cls(
            on_level=self.recordingLevel.emit,
            on_warning=self.recordingWarning.emit,
            on_done=self._recording_done,
            settings=self._settings,
            **extra,
        )
        self._recorder.start(mode)
        return True

    def stop_recording(self) -> None:
        if self._recorder is not None:
            self._recorder.stop()

    def cancel_recording(self) -> None:
        recorder, self._recorder = self._recorder, None
        if recorder is not None and recorder.recording:
            recorder.cancel()

    # ---- the recorder's worker thread -------------------------------------------------------
    def _recording_done(self, result: Any) -> None:
        status = str(result.status)
        message = "" if result.usable else result.child_message(self._lang)
        self.recordingDone.emit(status, float(result.duration_s), message)
        if result.usable:
            self._transcribeRequested.emit(result, self._lang)  # queued to the engine thread
