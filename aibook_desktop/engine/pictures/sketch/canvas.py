"""A supersampled drawing surface with outlined, rounded primitives: the sketch painter's brush."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
from PIL import Image, ImageDraw

__all__ = ["INK", "RGB", "Canvas", "Pen", "darker", "lighter", "mix"]

RGB = tuple[int, int, int]
Point = tuple[float, float]

# A warm dark plum instead of black: outlines read clearly but stay soft, like a picture book.
INK: RGB = (66, 46, 60)


def mix(a: RGB, b: RGB, t: float) -> RGB:
    t = min(1.0, max(0.0, t))
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def lighter(c: RGB, t: float = 0.3) -> RGB:
    return mix(c, (255, 255, 255), t)


def darker(c: RGB, t: float = 0.2) -> RGB:
    return mix(c, (30, 20, 40), t)


class Canvas:
    """All coordinates are supersampled pixels; ``finish`` scales down with LANCZOS.

    Pillow's ImageDraw does not antialias, so every shape is drawn ``ss`` times larger and the
    downscale smooths the edges. ``u`` (the shorter side) sizes things so that non-square
    pages keep their proportions.
    """

    def __init__(self, width: int, height: int, ss: int = 2) -> None:
        self.out_size = (width, height)
        self.ss = ss
        self.W = width * ss
        self.H = height * ss
        self.u = min(self.W, self.H)
        self.img = Image.new("RGB", (self.W, self.H), (255, 255, 255))
        self.draw = ImageDraw.Draw(self.img)
        # scenery outline width; heroes use their own, scaled with the hero
        self.lw = max(1, round(self.u * 0.0035))

    # ---- fills ----------------------------------------------------------------------------
    def gradient(
        self, stops: Sequence[tuple[float, RGB]], box: tuple[int, int] | None = None
    ) -> None:
        """Vertical gradient between (position 0..1, colour) stops over rows box=(y0, y1)."""
        y0, y1 = box if box else (0, self.H)
        n = max(1, y1 - y0)
        pos = np.linspace(0.0, 1.0, n)
        xs = [s[0] for s in stops]
        col = np.stack([np.interp(pos, xs, [s[1][i] for s in stops]) for i in range(3)], axis=1)
        strip = Image.fromarray(np.round(col).astype(np.uint8)[:, None, :].repeat(2, axis=1))
        self.img.paste(strip.resize((self.W, n), Image.Resampling.BILINEAR), (0, y0))

    def tint(self, colour: RGB, alpha: float, paint: Callable[[ImageDraw.ImageDraw], None]) -> None:
        """Blend ``colour`` over whatever ``paint`` draws into a mask: glows, haze, shadows."""
        mask = Image.new("L", (self.W, self.H), 0)
        paint(ImageDraw.Draw(mask))
        if alpha < 1.0:
            mask = mask.point(lambda v: round(v * alpha))
        self.img.paste(colour, (0, 0, self.W, self.H), mask)

    # ---- outlined shapes --------------------------------------------------------------------
    def _w(self, lw: float | None) -> int:
        return self.lw if lw is None else max(0, round(lw))

    def ellipse(
        self,
        cx: float,
        cy: float,
        rx: float,
        ry: float,
        fill: RGB | None,
        ink: RGB | None = INK,
        lw: float | None = None,
    ) -> None:
        w = self._w(lw)
        rx, ry = abs(rx), abs(ry)
        self.draw.ellipse(
            (cx - rx, cy - ry, cx + rx, cy + ry),
            fill=fill,
            outline=ink if w and ink else None,
            width=w or 1,
        )

    def circle(
        self,
        cx: float,
        cy: float,
        r: float,
        fill: RGB | None,
        ink: RGB | None = INK,
        lw: float | None = None,
    ) -> None:
        self.ellipse(cx, cy, r, r, fill, ink, lw)

    def poly(
        self,
        pts: Sequence[Point],
        fill: RGB | None,
        ink: RGB | None = INK,
        lw: float | None = None,
    ) -> None:
        w = self._w(lw)
        flat = [(float(x), float(y)) for x, y in pts]
        if fill is not None:
            self.draw.polygon(flat, fill=fill)
        if w and ink:
            self.draw.line([*flat, flat[0], flat[1]], fill=ink, width=w, joint="curve")

    def rrect(
        self,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        r: float,
        fill: RGB | None,
        ink: RGB | None = INK,
        lw: float | None = None,
    ) -> None:
        w = self._w(lw)
        x0, x1 = sorted((x0, x1))
        y0, y1 = sorted((y0, y1))
        r = max(0.0, min(r, (x1 - x0) / 2 - 0.5, (y1 - y0) / 2 - 0.5))
        self.draw.rounded_rectangle(
            (x0, y0, x1, y1),
            radius=r,
            fill=fill,
            outline=ink if w and ink else None,
            width=w or 1,
        )

    def line(self, pts: Sequence[Point], colour: RGB, width: float) -> None:
        """A polyline with round joins and round caps."""
        w = max(1, round(width))
        flat = [(float(x), float(y)) for x, y in pts]
        self.draw.line(flat, fill=colour, width=w, joint="curve")
        r = w / 2
        for x, y in (flat[0], flat[-1]):
            self.draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)

    def capsule(
        self,
        pts: Sequence[Point],
        r: float,
        fill: RGB,
        ink: RGB | None = INK,
        lw: float | None = None,
    ) -> None:
        """A thick outlined stroke (limbs, tails, vines): ink underneath, fill on top."""
        w = self._w(lw)
        if w and ink:
            self.line(pts, ink, 2 * r + 2 * w)
        self.line(pts, fill, 2 * r)

    def arc(
        self,
        cx: float,
        cy: float,
        rx: float,
        ry: float,
        start: float,
        end: float,
        colour: RGB = INK,
        width: float | None = None,
    ) -> None:
        w = max(1, round(self._w(width)))
        self.draw.arc((cx - rx, cy - ry, cx + rx, cy + ry), start, end, fill=colour, width=w)

    def star(
        self,
        cx: float,
        cy: float,
        r: float,
        fill: RGB,
        ink: RGB | None = INK,
        lw: float | None = None,
        points: int = 5,
        inner: float = 0.48,
        turn: float = 0.0,
    ) -> None:
        pts = []
        for i in range(points * 2):
            rad = r if i % 2 == 0 else r * inner
            a = -math.pi / 2 + turn + i * math.pi / points
            pts.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
        self.poly(pts, fill, ink, lw)

    def blob(
        self,
        circles: Sequence[tuple[float, float, float]],
        fill: RGB,
        ink: RGB | None = INK,
        lw: float | None = None,
    ) -> None:
        """Overlapping circles with one outline around their union (clouds, bushes, crowns)."""
        w = self._w(lw)
        if w and ink:
            for x, y, r in circles:
                self.draw.ellipse((x - r - w, y - r - w, x + r + w, y + r + w), fill=ink)
        for x, y, r in circles:
            self.draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)

    def finish(self) -> Image.Image:
        if self.ss == 1:
            return self.img
        return self.img.resize(self.out_size, Image.Resampling.LANCZOS)


class Pen:
    """Draws a figure in its own coordinates (feet at 0,0, ~100 units tall, y down).

    The same figure code then serves any page size, position, scale and facing direction.
    """

    def __init__(
        self, canvas: Canvas, ox: float, oy: float, scale: float, flip: bool = False
    ) -> None:
        self.c = canvas
        self.ox, self.oy, self.s = ox, oy, scale
        self.f = -1.0 if flip else 1.0
        self.lw = max(1.0, 1.3 * scale)

    def p(self, x: float, y: float) -> Point:
        return (self.ox + self.f * x * self.s, self.oy + y * self.s)

    def ps(self, pts: Sequence[Point]) -> list[Point]:
        return [self.p(x, y) for x, y in pts]

    def _lw(self, lw: float | None) -> float:
        return self.lw if lw is None else lw * self.s

    def ellipse(
        self,
        x: float,
        y: float,
        rx: float,
        ry: float,
        fill: RGB | None,
        ink: RGB | None = INK,
        lw: float | None = None,
    ) -> None:
        cx, cy = self.p(x, y)
        self.c.ellipse(cx, cy, rx * self.s, ry * self.s, fill, ink, self._lw(lw))

    def circle(
        self,
        x: float,
        y: float,
        r: float,
        fill: RGB | None,
        ink: RGB | None = INK,
        lw: float | None = None,
    ) -> None:
        self.ellipse(x, y, r, r, fill, ink, lw)

    def poly(
        self,
        pts: Sequence[Point],
        fill: RGB | None,
        ink: RGB | None = INK,
        lw: float | None = None,
    ) -> None:
        self.c.poly(self.ps(pts), fill, ink, self._lw(lw))

    def rrect(
        self,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        r: float,
        fill: RGB | None,
        ink: RGB | None = INK,
        lw: float | None = None,
    ) -> None:
        (a, b), (c, d) = self.p(x0, y0), self.p(x1, y1)
        self.c.rrect(a, b, c, d, r * self.s, fill, ink, self._lw(lw))

    def capsule(
        self,
        pts: Sequence[Point],
        r: float,
        fill: RGB,
        ink: RGB | None = INK,
        lw: float | None = None,
    ) -> None:
        self.c.capsule(self.ps(pts), r * self.s, fill, ink, self._lw(lw))

    def line(self, pts: Sequence[Point], colour: RGB, width: float) -> None:
        self.c.line(self.ps(pts), colour, width * self.s)

    def arc(
        self,
        x: float,
        y: float,
        rx: float,
        ry: float,
        start: float,
        end: float,
        colour: RGB = INK,
        width: float | None = None,
    ) -> None:
        if self.f < 0:  # mirror the angles so that a flipped figure stays the same shape
            start, end = 180.0 - end, 180.0 - start
        cx, cy = self.p(x, y)
        self.c.arc(cx, cy, rx * self.s, ry * self.s, start, end, colour, self._lw(width))

    def star(
        self,
        x: float,
        y: float,
        r: float,
        fill: RGB,
        ink: RGB | None = INK,
        lw: float | None = None,
    ) -> None:
        cx, cy = self.p(x, y)
        self.c.star(cx, cy, r * self.s, fill, ink, self._lw(lw))

    def blob(
        self,
        circles: Sequence[tuple[float, float, float]],
        fill: RGB,
        ink: RGB | None = INK,
        lw: float | None = None,
    ) -> None:
        pts = [(*self.p(x, y), r * self.s) for x, y, r in circles]
        self.c.blob(pts, fill, ink, self._lw(lw))

    def taper(
        self,
        pts: Sequence[Point],
        widths: Sequence[float],
        fill: RGB,
        ink: RGB | None = INK,
        lw: float | None = None,
    ) -> None:
        """A stroke whose half-width changes along its path (tails, capes)."""
        left: list[Point] = []
        right: list[Point] = []
        for i, ((x, y), w) in enumerate(zip(pts, widths, strict=True)):
            x0, y0 = pts[max(0, i - 1)]
            x1, y1 = pts[min(len(pts) - 1, i + 1)]
            dx, dy = x1 - x0, y1 - y0
            n = math.hypot(dx, dy) or 1.0
            nx, ny = -dy / n * w, dx / n * w
            left.append((x + nx, y + ny))
            right.append((x - nx, y - ny))
        self.poly(left + right[::-1], fill, ink, lw)
