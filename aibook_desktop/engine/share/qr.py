"""The QR code a phone's camera reads: segno (pure Python, maintained) makes the PNG."""

from __future__ import annotations

import io

__all__ = ["qr_png"]


def qr_png(url: str, scale: int = 8) -> bytes:
    """A PNG of ``url`` as a QR code, dark on white with the standard quiet zone.

    Error correction "M" survives a smudged kiosk screen; segno raises the level by itself
    when the text fits anyway (``boost_error``).
    """
    import segno

    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    code.save(out, kind="png", scale=scale, border=4)
    return out.getvalue()
