"""Recording a child's voice for recognition: capture, level feed, VAD trim, 16 kHz, normalise.

``normalise(samples, rate)`` is the ONE normalisation shared by inference and the Whisper
training toolkit (issue #7): import it from here. Nothing in this package imports Qt or torch.
"""

from .capture import (
    InputStream,
    NoMicrophone,
    RecordingResult,
    RecordMode,
    RecordStatus,
    StreamFactory,
    finish_recording,
    open_microphone,
)
from .dsp import TARGET_RATE, Analysis, analyse, load_audio, normalise, resample, rms
from .recorder import Recorder

__all__ = [
    "TARGET_RATE",
    "Analysis",
    "InputStream",
    "NoMicrophone",
    "RecordMode",
    "RecordStatus",
    "Recorder",
    "RecordingResult",
    "StreamFactory",
    "analyse",
    "finish_recording",
    "load_audio",
    "normalise",
    "open_microphone",
    "resample",
    "rms",
]
