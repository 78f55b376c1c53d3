"""The one place that finds shipped assets (fonts, translations, prompts, hero art).

In a wheel, the top-level ``resources/`` folder is installed as ``aibook_desktop/resources``
(hatch force-include); in a source checkout it is read from the repository root.
"""

from __future__ import annotations

from importlib import resources as _ir
from pathlib import Path

__all__ = ["font_path", "resource_path", "resources_root"]


def resources_root() -> Path:
    packaged = Path(str(_ir.files("aibook_desktop"))) / "resources"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "resources"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("aibook_desktop resources are missing from this installation")


def resource_path(*parts: str) -> Path:
    path = resources_root().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"missing resource: {'/'.join(parts)}")
    return path


def font_path(bold: bool = False) -> Path:
    """The Korean-capable font used for PDFs and the UI (NanumSquareRound, SIL OFL 1.1)."""
    return resource_path("fonts", "NanumSquareRoundB.ttf" if bold else "NanumSquareRoundR.ttf")
