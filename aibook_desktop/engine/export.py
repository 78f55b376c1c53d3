"""Picture-book and colouring-book PDFs, made by the engine (no Qt) so the CLI can export too.

Text is real, selectable text in the embedded NanumSquareRound font (Korean and English), and a
missing or unreadable picture becomes a soft placeholder frame rather than an error.
"""

from __future__ import annotations

import errno
import io
import logging
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from fpdf import FPDF
from fpdf.enums import TextMode
from PIL import Image, ImageFilter, ImageOps

from aibook_desktop.engine.book import Book, Page
from aibook_desktop.engine.fileio import atomic_write_bytes
from aibook_desktop.engine.resources import font_path

__all__ = ["ExportError", "export_colouring_pdf", "export_pdf", "line_art"]

log = logging.getLogger(__name__)

APP = "AI-Book Desktop"
FONT = "NanumSquareRound"
# A4 landscape, in mm: a square picture on the left, the words on the right.
PAGE_W, PAGE_H, MARGIN, GUTTER = 297.0, 210.0, 15.0, 12.0
PIC = 160.0
PIC_X, PIC_Y = MARGIN, (PAGE_H - PIC) / 2
TEXT_X = PIC_X + PIC + GUTTER
TEXT_W = PAGE_W - MARGIN - TEXT_X
PT_MM = 25.4 / 72
MAX_PIXELS = 1400  # ~220 dpi at PIC mm: enough for print, keeps the PDF small

RGB = tuple[int, int, int]
INK: RGB = (62, 50, 44)  # warm dark brown: softer than black for the picture book
GREY = (130, 124, 118)
ACCENT = (226, 120, 84)
PAPER = (252, 247, 238)
FRAME = (226, 214, 198)
BLACK = (0, 0, 0)


class ExportError(OSError):
    """The PDF could not be written (disk full, read-only folder); the book itself is intact."""


def export_pdf(book: Book, book_dir: Path, out_path: Path) -> Path:
    """The picture book: a cover, then one page per story page."""
    return _export(book, Path(book_dir), Path(out_path), colouring=False)


def export_colouring_pdf(book: Book, book_dir: Path, out_path: Path) -> Path:
    """The same book with every picture turned into outlines a child can colour in."""
    return _export(book, Path(book_dir), Path(out_path), colouring=True)


# ---- layout ---------------------------------------------------------------------------------
class _BookPdf(FPDF):
    def __init__(self, book: Book, colouring: bool) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.colouring = colouring
        self.ink: RGB = BLACK if colouring else INK
        self.set_auto_page_break(False)  # one PDF page per book page, whatever the text length
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.add_font(FONT, "", str(font_path()))
        self.add_font(FONT, "B", str(font_path(bold=True)))
        kind = "colouring book" if colouring else "picture book"
        self.set_title(book.title)
        self.set_author(APP)
        self.set_creator(f"{APP} (fpdf2)")
        self.set_subject(f"A {kind} about {book.hero.name}: {book.theme.text}")
        self.set_keywords(f"{kind}, {book.hero.name}, {book.theme.text}")
        self.set_lang(book.lang)
        self.set_creation_date(datetime.now(UTC))

    def fit_lines(self, text: str, width: float, size: float, bold: bool = False) -> list[str]:
        self.set_font(FONT, "B" if bold else "", size)
        lines = self.multi_cell(width, 1, text, dry_run=True, output="LINES")
        return [str(line) for line in lines]  # type: ignore[union-attr]

    def write_lines(
        self,
        lines: list[str],
        x: float,
        y: float,
        width: float,
        size: float,
        *,
        bold: bool = False,
        color: RGB | None = None,
        align: str = "L",
    ) -> float:
        """Write pre-wrapped lines; returns the y below them."""
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*(color or self.ink))
        height = _line_h(size)
        for line in lines:
            self.set_xy(x, y)
            self.cell(width, height, line, align=align)
            y += height
        return y

    def picture(self, image: Image.Image | None, x: float, y: float, size: float) -> None:
        if image is None:
            self._placeholder(x, y, size)
            return
        w, h = image.size
        scale = size / max(w, h)
        iw, ih = w * scale, h * scale
        self.image(_encode(image, self.colouring), x + (size - iw) / 2, y + (size - ih) / 2, iw, ih)
        self.set_draw_color(*(BLACK if self.colouring else FRAME))
        self.set_line_width(0.6)
        self.rect(x + (size - iw) / 2, y + (size - ih) / 2, iw, ih)

    def _placeholder(self, x: float, y: float, size: float) -> None:
        """A soft, friendly empty frame: the page still reads well without its picture."""
        self.set_fill_color(*(255, 255, 255) if self.colouring else PAPER)
        self.set_draw_color(*FRAME)
        self.set_line_width(1.2)
        self.set_dash_pattern(dash=4, gap=3)
        self.rect(x, y, size, size, style="DF", round_corners=True, corner_radius=10)
        self.set_dash_pattern()
        self.set_fill_color(*FRAME)
        for dx, r in ((-22.0, 5.0), (0.0, 8.0), (22.0, 5.0)):
            self.ellipse(x + size / 2 + dx - r, y + size / 2 - r, 2 * r, 2 * r, style="F")


def _line_h(size: float) -> float:
    return size * PT_MM * 1.45


def _encode(image: Image.Image, colouring: bool) -> io.BytesIO:
    """JPEG for paintings (small), PNG for line art (crisp lines, no JPEG ringing)."""
    if max(image.size) > MAX_PIXELS:
        image = image.copy()
        image.thumbnail((MAX_PIXELS, MAX_PIXELS), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    if colouring:
        image.convert("L").save(buf, format="PNG", optimize=True)
    else:
        image.convert("RGB").save(buf, format="JPEG", quality=90)
    buf.seek(0)
    return buf


def _load_picture(book_dir: Path, page: Page | None, colouring: bool) -> Image.Image | None:
    if page is None or not page.image_file:
        return None
    path = book_dir / Path(page.image_file).name  # never follow a path out of the book folder
    try:
        with Image.open(path) as im:
            im.load()
            picture = im.convert("RGB")
    # DecompressionBombError (an oversized PNG) is neither: any unreadable picture is a frame.
    except Exception as exc:
        log.warning("page %d picture unusable (%s); drawing a placeholder", page.index + 1, exc)
        return None
    return line_art(picture) if colouring else picture


def _cover(pdf: _BookPdf, book: Book, picture: Image.Image | None) -> None:
    pdf.add_page()
    pdf.picture(picture, PIC_X, PIC_Y, PIC)
    size = 36.0
    lines = pdf.fit_lines(book.title, TEXT_W, size, bold=True)
    while size > 18 and len(lines) * _line_h(size) > PIC * 0.55:
        size -= 2
        lines = pdf.fit_lines(book.title, TEXT_W, size, bold=True)
    hero_size = 20.0
    block = len(lines) * _line_h(size) + 8 + _line_h(hero_size)
    y = PIC_Y + (PIC - block) / 2 - 10
    if pdf.colouring:  # outlined letters to colour in; still real, selectable text
        # local_context brackets the stroke mode in q/Q: fpdf2 would otherwise leak "1 Tr".
        with pdf.local_context(text_mode=TextMode.STROKE, line_width=0.35, draw_color=BLACK):
            y = pdf.write_lines(lines, TEXT_X, y, TEXT_W, size, bold=True, align="C")
    else:
        y = pdf.write_lines(lines, TEXT_X, y, TEXT_W, size, bold=True, align="C")
    pdf.set_draw_color(*(BLACK if pdf.colouring else ACCENT))
    pdf.set_line_width(0.8)
    pdf.line(TEXT_X + TEXT_W / 2 - 15, y + 4, TEXT_X + TEXT_W / 2 + 15, y + 4)
    color = BLACK if pdf.colouring else ACCENT
    hero = pdf.fit_lines(book.hero.name, TEXT_W, hero_size)
    pdf.write_lines(hero, TEXT_X, y + 8, TEXT_W, hero_size, color=color, align="C")
    date = (book.created_at or "")[:10] or datetime.now(UTC).date().isoformat()
    footer = f"Made with {APP} · {date}"
    pdf.write_lines([footer], TEXT_X, PAGE_H - MARGIN - 6, TEXT_W, 9, color=GREY, align="C")


def _story_page(pdf: _BookPdf, page: Page, number: int, picture: Image.Image | None) -> None:
    pdf.add_page()
    pdf.picture(picture, PIC_X, PIC_Y, PIC)
    room = PIC - 14  # leave space for the page number
    alt = (page.text_alt or "").strip()
    size = 24.0
    while True:
        alt_size = max(10.0, size * 0.62)
        lines = pdf.fit_lines(page.text, TEXT_W, size)
        alt_lines = pdf.fit_lines(alt, TEXT_W, alt_size) if alt else []
        gap = 6.0 if alt else 0.0
        height = len(lines) * _line_h(size) + gap + len(alt_lines) * _line_h(alt_size)
        if height <= room or size <= 12:
            break
        size -= 1
    if height > room:  # still too long at the smallest friendly size: keep what fits
        log.warning("page %d text is too long for its page; shortening", number)
        keep = int(room // _line_h(size))
        lines, alt_lines, height = lines[:keep], [], keep * _line_h(size)
        if lines:
            lines[-1] = lines[-1].rstrip()[:-1] + "…"
    y = PIC_Y + (room - height) / 2
    y = pdf.write_lines(lines, TEXT_X, y, TEXT_W, size)
    if alt_lines:
        pdf.write_lines(alt_lines, TEXT_X, y + gap, TEXT_W, alt_size, color=GREY)
    pdf.write_lines([str(number)], TEXT_X, PIC_Y + PIC - 8, TEXT_W, 12, color=GREY, align="C")


def _export(book: Book, book_dir: Path, out_path: Path, colouring: bool) -> Path:
    pdf = _BookPdf(book, colouring)
    pages = sorted(book.pages, key=lambda p: p.index)
    first = next((p for p in pages if p.image_file), None)
    cover = _load_picture(book_dir, first, colouring)
    _cover(pdf, book, cover)
    for number, page in enumerate(pages, start=1):
        # the cover's picture is that page's too: don't read it (and trace its lines) twice
        picture = cover if page is first else _load_picture(book_dir, page, colouring)
        _story_page(pdf, page, number, picture)
    data = bytes(pdf.output())
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(out_path, data)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            why = "the disk is full"
        elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            why = "the folder is read-only"
        else:
            why = exc.strerror or str(exc)
        error = ExportError(f"The PDF could not be written to {out_path}: {why}. The book is safe.")
        error.errno = exc.errno
        raise error from exc
    log.info("exported %s (%d pages) to %s", book.id, len(pages) + 1, out_path)
    return out_path


# ---- line art -------------------------------------------------------------------------------
_WORK_PX = 512  # edges are found at this size: steadier lines, and fast
_LOW, _HIGH = 6.0, 16.0  # hysteresis thresholds, in grey levels per pixel after smoothing
_MAX_EDGE_FRACTION = 0.05  # of thin edge pixels; more than this is clutter, not colouring lines


def line_art(image: Image.Image) -> Image.Image:
    """Black outlines on white ("L" mode, same size): a Canny-style edge finder in numpy.

    Smoothing first (median then Gaussian) flattens texture and noise, non-maximum suppression
    keeps each edge one pixel thin, and hysteresis keeps only edges that connect to a strong one,
    so soft gradients and speckle do not become lines; the lines are then thickened to a
    crayon-friendly width.
    """
    rgb = image.convert("RGB")
    w, h = rgb.size
    scale = min(1.0, _WORK_PX / max(w, h))
    small = rgb.resize(
        (max(8, round(w * scale)), max(8, round(h * scale))), Image.Resampling.LANCZOS
    )
    small = small.filter(ImageFilter.MedianFilter(5)).filter(ImageFilter.GaussianBlur(1.2))
    mag, gx, gy = _gradient(np.asarray(small, dtype=np.float32))
    thin = _non_max_suppression(mag, gx, gy)
    for k in (1.0, 1.3, 1.7, 2.2, 3.0, 4.0):  # a busy picture keeps only its strongest edges
        edges = _hysteresis(thin >= _HIGH * k, thin >= _LOW * k)
        if edges.mean() <= _MAX_EDGE_FRACTION:
            break
    mask = Image.fromarray((edges * 255).astype(np.uint8), "L").filter(ImageFilter.MaxFilter(3))
    if mask.size != (w, h):
        mask = mask.filter(ImageFilter.GaussianBlur(0.6)).resize((w, h), Image.Resampling.BILINEAR)
        mask = mask.point(lambda v: 0 if v < 60 else min(255, int(v * 1.8)))
    return ImageOps.invert(mask)


def _gradient(a: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sobel per colour channel, keeping the strongest channel (so red-on-green edges count)."""
    p = np.pad(a, ((1, 1), (1, 1), (0, 0)), mode="edge")
    gx = (
        p[:-2, 2:] + 2 * p[1:-1, 2:] + p[2:, 2:] - p[:-2, :-2] - 2 * p[1:-1, :-2] - p[2:, :-2]
    ) / 8
    gy = (
        p[2:, :-2] + 2 * p[2:, 1:-1] + p[2:, 2:] - p[:-2, :-2] - 2 * p[:-2, 1:-1] - p[:-2, 2:]
    ) / 8
    mag2 = gx * gx + gy * gy
    best = mag2.argmax(axis=2)[..., None]
    pick = lambda g: np.take_along_axis(g, best, axis=2)[..., 0]  # noqa: E731
    return np.sqrt(pick(mag2)), pick(gx), pick(gy)


def _non_max_suppression(mag: np.ndarray, gx: np.ndarray, gy: np.ndarray) -> np.ndarray:
    angle = (np.degrees(np.arctan2(gy, gx)) + 180.0) % 180.0
    sector = ((angle + 22.5) // 45).astype(np.int8) % 4  # 0: -, 1: \, 2: |, 3: /
    p = np.pad(mag, 1, mode="constant")
    c = (slice(1, -1), slice(1, -1))
    neighbours = {
        0: (p[1:-1, 2:], p[1:-1, :-2]),
        1: (p[2:, 2:], p[:-2, :-2]),
        2: (p[2:, 1:-1], p[:-2, 1:-1]),
        3: (p[2:, :-2], p[:-2, 2:]),
    }
    keep = np.zeros(mag.shape, dtype=bool)
    for s, (n1, n2) in neighbours.items():
        keep |= (sector == s) & (p[c] >= n1) & (p[c] >= n2)
    return np.where(keep, mag, 0.0)


def _hysteresis(strong: np.ndarray, weak: np.ndarray, max_rounds: int = 200) -> np.ndarray:
    """Grow strong edges along weak ones (8-connected), a few pixels per round."""
    edges = strong.copy()
    weak_img = weak.astype(np.uint8) * 255
    for _ in range(max_rounds):
        grown = Image.fromarray(edges.astype(np.uint8) * 255, "L").filter(ImageFilter.MaxFilter(3))
        new = (np.asarray(grown) > 0) & (weak_img > 0)
        if np.array_equal(new, edges):
            break
        edges = new
    return edges


def export_bundle(book: Book, book_dir: Path, dest: Path) -> Path:
    """Copy a book to ``dest`` (a folder or USB stick) for a grown-up (#14).

    Makes ``dest/<title> (<id>)/`` with book.pdf, colouring.pdf and the page pictures; the PDFs
    are made first (in the book's own folder, where the reader finds them too). A file that
    exists already in the target is replaced; nothing else in ``dest`` is touched.
    """
    import re
    import shutil

    dest = Path(dest)
    if not dest.is_dir():
        raise FileNotFoundError(f"no such folder: {dest}")
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", book.title).strip(" .") or "book"
    target = dest / f"{safe[:60]} ({book.id})"
    target.mkdir(exist_ok=True)
    export_pdf(book, book_dir, book_dir / "book.pdf")
    export_colouring_pdf(book, book_dir, book_dir / "colouring.pdf")
    names = ["book.pdf", "colouring.pdf"] + [p.image_file for p in book.pages if p.image_file]
    for name in names:
        source = Path(book_dir) / name
        if source.is_file():
            shutil.copyfile(source, target / name)
    return target
