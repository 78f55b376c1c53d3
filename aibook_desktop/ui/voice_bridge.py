"""The microphone's side of the bridge: record on the recorder's thread, recognise on ours.

See /work/notes/voice_api.md (issue #5) for the engine API this wraps.
"""

from __future__ import annotations

import logging
import threading
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

__all__ = ["VoiceBridge"]

log = logging.getLogger(__name__)


class VoiceBridge(QObject):
    """Lives on the engine thread (a child of ``EngineBridge``).

    ``start_recording``/``stop_recording`` are called from the main thread and return at once:
    the engine's ``Recorder`` has its own worker thread, whose callbacks only emit signals here.
    A usable recording is then recognised on the engine thread (``Transcribe``), never on the
    main thread. The recorder and recogniser are shared by both threads (a reset comes from the
    engine thread, a recording from the main one), so they change only under ``_lock``.

    Signals:
        voiceReady(list languages): recognition works for these languages ([] = no voice).
        recordingLevel(float rms): 0..1, about 20 a second while recording.
        recordingWarning(float seconds_left): the recording will stop soon.
        recordingDone(str status, float seconds, str child_message): a ``RecordStatus`` value;
            the message is kind and in the child's language ("" when all is well).
        transcribed(str text, float confidence, str rejected): ``text == ""`` means try again;
            ``rejected`` is a ``speech.rejection.Rejection`` value saying why.
    """

    voiceReady = Signal(list)
    recordingLevel = Signal(float)
    recordingWarning = Signal(float)
    recordingDone = Signal(str, float, str)
    transcribed = Signal(str, float, str)

    _transcribeRequested = Signal(object, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.RLock()
        self._recorder_cls: Any = None
        self._transcriber: Any = None
        self._settings: Any = None
        self._recorder: Any = None
        self.languages: list[str] = []
        self.stream_factory: Any = None  # the microphone; tests put a recorded file here
        self.released_for_pictures = False
        self._transcribeRequested.connect(self._transcribe)
        busy = getattr(parent, "busyChanged", None)
        if busy is not None:  # queued to our (engine) thread, ahead of the job it announces
            busy.connect(self.on_engine_busy)

    # ---- engine thread ----------------------------------------------------------------------
    def build(self, settings: Any) -> None:
        """Import the recorder and make the recogniser (called by EngineBridge._build)."""
        self._settings = settings
        try:
            from ..engine.audio import Recorder
            from ..engine.speech import make_transcriber

            transcriber = make_transcriber(settings)
            transcriber.warm_up()
            self.install(Recorder, transcriber, settings)
        except Exception as exc:  # voice is optional: cards and typing still work
            log.warning("voice input is not available: %s", exc)
            with self._lock:
                self._transcriber = None
                self.languages = []
        self.voiceReady.emit(list(self.languages))

    def install(self, recorder_cls: Any, transcriber: Any, settings: Any) -> None:
        """Use this recorder class and recogniser (``build``'s last step; tests call it)."""
        languages = [lang for lang in ("ko", "en") if transcriber.supports(lang)]
        with self._lock:
            self._recorder_cls = recorder_cls
            self._settings = settings
            self._transcriber = transcriber
            self.languages = languages

    @Slot(bool)
    def on_engine_busy(self, busy: bool) -> None:
        """A book starts: free the recogniser's memory if pictures need it; it ends: load again.

        The recogniser stays warm otherwise, so the first clip never pays the load. The
        decision is ``engine.speech.memory.release_for_pictures`` (SDXL, or little free RAM).
        """
        with self._lock:
            transcriber, settings = self._transcriber, self._settings
        if transcriber is None or settings is None:
            return
        try:
            if busy:
                from ..engine.speech.memory import release_for_pictures

                if release_for_pictures(settings):
                    getattr(transcriber, "release", lambda: None)()
                    self.released_for_pictures = True
            elif self.released_for_pictures:
                self.released_for_pictures = False
                transcriber.warm_up()
        except Exception:  # voice is optional; a failed reload is retried by the next clip
            log.exception("releasing or reloading the recogniser failed")

    def reset(self) -> None:
        """Forget the recogniser (new settings); the next ``build`` makes a new one."""
        with self._lock:
            self.cancel_recording()
            self._transcriber = None
            self.languages = []

    @Slot(object, str)
    def _transcribe(self, result: Any, lang: str) -> None:
        with self._lock:
            transcriber = self._transcriber
        from ..engine.speech.rejection import Rejection

        if transcriber is None:
            self.transcribed.emit("", 0.0, Rejection.NO_RECOGNIZER)
            return
        try:
            from ..engine.speech import Transcribe

            transcript = Transcribe(transcriber).run(result, lang=lang)
        except Exception:
            log.exception("recognising speech failed")
            self.transcribed.emit("", 0.0, Rejection.ERROR)
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
        with self._lock:
            return self._recorder_cls is not None and self._transcriber is not None

    def start_recording(self, mode: str, lang: str) -> bool:
        """``mode``: "push" (stop on release) or "tap" (stops after silence)."""
        with self._lock:  # a reset waits until this recording exists, then cancels it
            if not self.available:
                return False
            self.cancel_recording()
            extra = {"stream_factory": self.stream_factory} if self.stream_factory else {}
            self._recorder = self._recorder_cls(
                on_level=self.recordingLevel.emit,
                on_warning=self.recordingWarning.emit,
                on_done=partial(self._recording_done, lang),
                settings=self._settings,
                **extra,
            )
            self._recorder.start(mode)
        return True

    def stop_recording(self) -> None:
        with self._lock:
            recorder = self._recorder
        if recorder is not None:
            recorder.stop()

    def cancel_recording(self) -> None:
        with self._lock:
            recorder, self._recorder = self._recorder, None
        if recorder is not None and recorder.recording:
            recorder.cancel()

    # ---- the recorder's worker thread -------------------------------------------------------
    def _recording_done(self, lang: str, result: Any) -> None:
        status = str(result.status)
        message = "" if result.usable else result.child_message(lang)
        self.recordingDone.emit(status, float(result.duration_s), message)
        if result.usable:
            self._transcribeRequested.emit(result, lang)  # queued to the engine thread
