"""``aibook transcribe FILE.wav``: the kiosk's recognition path on a sound file, headless.

The file gets the same treatment as the microphone (silence/clipping check, trim, 16 kHz,
``audio.normalise``) before the recogniser sees it. Exit codes follow cli.py: 0 text
recognised, 3 the recogniser cannot run here, 4 nothing recognised, 5 the file is unreadable.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import sys
from pathlib import Path
from typing import Any

from .backend_names import SpeechBackend

__all__ = ["SPEECH_CHOICES", "add_transcribe_parser", "run_transcribe"]

SPEECH_CHOICES = tuple(b.value for b in SpeechBackend)
EXIT_OK, EXIT_BACKEND, EXIT_NOTHING, EXIT_READ = 0, 3, 4, 5


def add_transcribe_parser(sub: Any) -> None:
    tr = sub.add_parser("transcribe", help="recognise what is said in a sound file")
    tr.add_argument("file", type=Path, help="a WAV (or FLAC/OGG) file, any rate, mono or stereo")
    tr.add_argument("--lang", choices=["ko", "en"], help="spoken language (default: settings)")
    tr.add_argument("--speech", choices=SPEECH_CHOICES, help="recogniser (default: settings)")
    tr.add_argument("--json", action="store_true", help="text, confidence and timing as JSON")


def _json_failure(args: argparse.Namespace, lang: str, code: str, why: str, backend: str) -> None:
    """``--json`` always prints one object, so a script reading stdout never gets nothing."""
    if args.json:
        out = {"text": "", "language": lang, "backend": backend, "rejected": code, "error": why}
        print(json.dumps(out, ensure_ascii=False))


def run_transcribe(args: argparse.Namespace) -> int:
    from .audio import finish_recording, load_audio
    from .errors import BackendUnavailable
    from .settings import get_settings
    from .speech import Transcribe, make_transcriber

    settings = get_settings()
    lang = args.lang or settings.language
    try:
        transcriber = make_transcriber(settings, args.speech)
    except BackendUnavailable as exc:
        print(f"aibook: {exc}", file=sys.stderr)
        _json_failure(args, lang, "no_recognizer", str(exc), args.speech or "")
        return EXIT_BACKEND
    if not transcriber.supports(lang):
        why = getattr(transcriber, "reason", f"{transcriber.name} does not recognise {lang!r}")
        print(f"aibook: no recogniser for {lang!r} here: {why}", file=sys.stderr)
        _json_failure(args, lang, "unsupported_language", why, transcriber.name)
        return EXIT_BACKEND
    try:
        raw, rate = load_audio(args.file)
    except Exception as exc:  # soundfile raises its own LibsndfileError, or OSError
        print(f"aibook: cannot read {args.file}: {exc}", file=sys.stderr)
        return EXIT_READ
    import numpy as np

    # A damaged float file can hold NaN or inf samples: silence them, never pass them on.
    raw = np.nan_to_num(raw, nan=0.0, posinf=1.0, neginf=-1.0)
    recording = finish_recording(raw, rate, device=str(args.file))
    transcript = Transcribe(transcriber).run(recording, lang)
    if args.json:
        out = dataclasses.asdict(transcript)
        out["recording"] = {
            "status": str(recording.status), "duration_s": recording.duration_s,
            "recorded_s": recording.recorded_s, "peak": recording.peak,
        }  # fmt: skip
        print(json.dumps(_finite(out), ensure_ascii=False, allow_nan=False))
    elif transcript.ok:
        print(transcript.text)
    if not transcript.ok:
        reason = transcript.rejected
        if reason == "unusable_recording":
            reason = f"the recording is {recording.status} ({recording.detail})"
        print(f"aibook: nothing recognised: {reason}", file=sys.stderr)
        return EXIT_NOTHING
    return EXIT_OK


def _finite(value: Any) -> Any:
    """NaN and infinity are not JSON: they become null, so ``--json`` is always parseable."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value
