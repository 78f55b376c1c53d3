"""PDF export: real selectable Korean text in an embedded font, one page per story page, line art."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from aibook_desktop.engine.book import Book, BookStatus, Hero, Page, Provenance, Theme
from aibook_desktop.engine.export import export_colouring_pdf, export_pdf, line_art
from aibook_desktop.engine.library import Library

POPPLER = ("pdfinfo", "pdftotext", "pdffonts", "pdftoppm")
needs_poppler = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in POPPLER),
    reason="poppler-utils (pdfinfo, pdftotext, pdffonts, pdftoppm) is not installed",
)

KO_TITLE = "키키의 달나라 여행"
KO_TEXTS = [
    "고양이 키키는 달나라에 가고 싶었어요.",
    "키키는 종이 상자로 반짝반짝 로켓을 만들었어요.",
    "하나, 둘, 셋! 로켓이 밤하늘로 슝 날아올랐어요.",
    "별들이 키키에게 손을 흔들며 인사했어요.",
    "달에 내린 키키는 폴짝폴짝 뛰어 보았어요. 몸이 깃털처럼 가벼웠어요!",
    "달토끼가 찾아와 맛있는 떡을 나누어 주었어요.",
    "키키는 파란 지구를 바라보며 엄마 생각을 했어요.",
    "집에 돌아온 키키는 꿈같은 이야기를 모두에게 들려주었어요.",
]


def painting(seed: int, size: int = 256) -> Image.Image:
    """A night sky gradient, a moon and a cat-ish figure: flat shapes with clear outlines."""
    y = np.linspace(0, 1, size)[:, None, None]
    sky = np.broadcast_to(np.array([20, 30, 90]) + y * np.array([60, 80, 120]), (size, size, 3))
    img = Image.fromarray(sky.astype(np.uint8), "RGB")
    d = ImageDraw.Draw(img)
    s = size / 256
    d.ellipse([150 * s, 20 * s, 230 * s, 100 * s], fill=(250, 235, 150))
    d.rectangle([0, 205 * s, size, size], fill=(80, 140, 70))
    cx = (60 + 10 * seed) * s
    d.ellipse([cx - 35 * s, 140 * s, cx + 35 * s, 215 * s], fill=(240, 160, 60))
    d.ellipse([cx - 22 * s, 108 * s, cx + 22 * s, 150 * s], fill=(240, 160, 60))
    return img


def make_book(library: Library, title: str = KO_TITLE, lang: str = "ko", **kw: object) -> Book:
    texts = kw.pop("texts", KO_TEXTS)
    assert isinstance(texts, list)
    pages = [Page(i, t, "a cat", text_alt=None) for i, t in enumerate(texts)]
    pages[0].text_alt = "Kiki the cat wanted to go to the moon."
    book = Book(title, lang, Hero.default("cat", lang), Theme("달나라"), pages, len(pages))
    library.save_book(book)
    skip = kw.get("skip_pictures", {5})
    assert isinstance(skip, set)
    for page in pages:
        if page.index not in skip:
            library.save_page_image(book, page.index, painting(page.index), Provenance("test"))
    book.status = BookStatus.COMPLETE
    library.save_book(book)
    return book


@pytest.fixture
def library(tmp_path: Path) -> Library:
    lib = Library(tmp_path / "shelf")
    yield lib  # type: ignore[misc]
    lib.close()


def run(*args: str | Path) -> str:
    return subprocess.run(
        [str(a) for a in args], check=True, capture_output=True, text=True, encoding="utf-8"
    ).stdout


def page_count(pdf: Path) -> int:
    match = re.search(r"^Pages:\s+(\d+)$", run("pdfinfo", pdf), re.MULTILINE)
    assert match, "pdfinfo printed no page count"
    return int(match.group(1))


def squash(text: str) -> str:
    """pdftotext wraps lines where the layout did; compare text without any whitespace."""
    return re.sub(r"\s+", "", text)


@needs_poppler
def test_picture_book_pdf(library: Library, tmp_path: Path) -> None:
    book = make_book(library)
    out = export_pdf(book, library.book_dir(book.id), tmp_path / "out" / "kiki.pdf")
    assert out == tmp_path / "out" / "kiki.pdf"
    assert page_count(out) == 1 + len(book.pages)
    info = run("pdfinfo", out)
    assert re.search(rf"^Title:\s+{KO_TITLE}$", info, re.MULTILINE)
    assert re.search(r"^Author:\s+AI-Book Desktop$", info, re.MULTILINE)
    text = squash(run("pdftotext", out, "-"))
    for expected in [KO_TITLE, "고양이키키", "MadewithAI-BookDesktop", *KO_TEXTS]:
        assert squash(expected) in text
    assert squash("Kiki the cat wanted to go to the moon.") in text  # the bilingual line
    assert [p.name for p in out.parent.iterdir()] == ["kiki.pdf"]  # no temp file left behind


@needs_poppler
def test_font_is_embedded(library: Library, tmp_path: Path) -> None:
    book = make_book(library)
    out = export_pdf(book, library.book_dir(book.id), tmp_path / "kiki.pdf")
    rows = [line.split() for line in run("pdffonts", out).splitlines()[2:]]
    assert rows, "the PDF names no fonts"
    assert all("NanumSquareRound" in row[0] for row in rows)
    # columns: name type... encoding emb sub uni object ID; "emb" is the 5th from the end
    assert all(row[-5] == "yes" for row in rows)


@needs_poppler
def test_english_book_and_overwrite(library: Library, tmp_path: Path) -> None:
    texts = [f"Kiki the cat saw star number {n} and waved hello." for n in range(4)]
    book = make_book(library, "Kiki's Trip to the Moon", "en", texts=texts, skip_pictures=set())
    out = tmp_path / "kiki.pdf"
    out.write_bytes(b"an older export")
    export_pdf(book, library.book_dir(book.id), out)
    assert page_count(out) == 5
    text = squash(run("pdftotext", out, "-"))
    assert squash("Kiki's Trip to the Moon") in text
    assert all(squash(t) in text for t in texts)


@needs_poppler
def test_missing_and_broken_pictures_do_not_crash(library: Library, tmp_path: Path) -> None:
    book = make_book(library, skip_pictures=set(range(8)))
    folder = library.book_dir(book.id)
    (folder / "page-02.png").write_bytes(b"not a png")
    book.pages[1].image_file = "page-02.png"
    book.pages[2].image_file = "../../../etc/passwd"  # never followed out of the book folder
    book.pages[3].image_file = "page-04.png"  # named but absent
    book.pages[4].text = "아주 긴 이야기예요. " * 60  # far too long: shortened, not a new page
    out = export_pdf(book, folder, tmp_path / "plain.pdf")
    assert page_count(out) == 9
    assert squash(KO_TEXTS[0]) in squash(run("pdftotext", out, "-"))


def mean_brightness(pdf: Path, page: int, tmp_path: Path) -> float:
    prefix = tmp_path / f"{pdf.stem}-{page}"
    run("pdftoppm", "-png", "-r", "20", "-f", str(page), "-l", str(page), pdf, prefix)
    (png,) = tmp_path.glob(f"{prefix.name}*.png")
    with Image.open(png) as im:
        return float(np.asarray(im.convert("L")).mean()) / 255


@needs_poppler
def test_colouring_book_pdf(library: Library, tmp_path: Path) -> None:
    book = make_book(library)
    folder = library.book_dir(book.id)
    colour = export_colouring_pdf(book, folder, tmp_path / "colour.pdf")
    plain = export_pdf(book, folder, tmp_path / "plain.pdf")
    assert page_count(colour) == 9
    text = squash(run("pdftotext", colour, "-"))
    assert squash(KO_TITLE) in text  # outlined title is still real text
    assert all(squash(t) in text for t in KO_TEXTS)
    # The paintings (dark night skies) are replaced by outlines on white paper.
    assert mean_brightness(colour, 2, tmp_path) > 0.9
    assert mean_brightness(plain, 2, tmp_path) < 0.8


def test_line_art_of_a_drawing() -> None:
    art = line_art(painting(0, 512))
    assert (art.mode, art.size) == ("L", (512, 512))
    a = np.asarray(art)
    dark = (a < 128).mean()
    assert 0.005 < dark < 0.2, dark
    assert (a > 200).mean() > 0.75
    # The moon's outline is drawn; its middle and the smooth sky gradient stay white.
    moon_x, moon_y, r = 380, 120, 80
    assert a[moon_y, moon_x - r - 3 : moon_x - r + 4].min() < 100  # left edge of the moon
    assert a[moon_y - 30 : moon_y + 30, moon_x - 30 : moon_x + 30].min() > 200
    assert a[20:60, 20:200].min() > 200


def test_line_art_ignores_gradients_and_noise() -> None:
    y, x = np.mgrid[0:300, 0:400]
    gradient = np.stack([200 * x / 400, 255 * y / 300, 128 + 0 * x], -1)
    assert (np.asarray(line_art(Image.fromarray(gradient.astype(np.uint8)))) < 128).mean() == 0
    noise = np.random.default_rng(0).normal(150, 10, (300, 400, 3)).clip(0, 255)
    assert (np.asarray(line_art(Image.fromarray(noise.astype(np.uint8)))) < 128).mean() < 0.01


def test_line_art_keeps_the_size_of_big_pictures() -> None:
    art = line_art(painting(1, 1024).convert("RGBA"))
    assert (art.mode, art.size) == ("L", (1024, 1024))
    assert 0.005 < (np.asarray(art) < 128).mean() < 0.2
