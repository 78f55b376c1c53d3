"""The take-home link (#14): only the offered files, only through the token, only for a while.

Plain HTTP requests here; tests/test_share_browser.py does the same through a real browser.
The server binds 127.0.0.1 only.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from aibook_desktop.engine.share import ShareServer, qr_png


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make_pdf(path: Path, text: str) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=20)
    pdf.cell(text=text)
    pdf.output(str(path))
    return path


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[tuple[ShareServer, Clock, dict[str, Path]]]:
    clock = Clock()
    server = ShareServer("127.0.0.1", clock=clock, max_downloads=3)
    files = {
        "book.pdf": make_pdf(tmp_path / "book.pdf", "The Moon Cat"),
        "colouring.pdf": make_pdf(tmp_path / "colouring.pdf", "Colour me"),
    }
    try:
        yield server, clock, files
    finally:
        server.stop()


def get(url: str) -> tuple[int, bytes, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=10) as reply:
            return reply.status, reply.read(), dict(reply.headers)
    except urllib.error.HTTPError as err:
        return err.code, err.read(), dict(err.headers)


def test_the_page_and_both_pdfs_come_through_the_link(shared) -> None:
    server, _clock, files = shared
    offer = server.offer("달 고양이", files, "ko", ttl_s=600)
    assert offer.url.startswith(f"http://127.0.0.1:{server.port}/t/")
    status, body, headers = get(offer.url)
    assert status == 200
    page = body.decode()
    assert "달 고양이" in page and "그림책 (PDF)" in page and "색칠 공부 책 (PDF)" in page
    assert headers["Cache-Control"] == "no-store"
    status, body, headers = get(offer.url + "book.pdf")
    assert status == 200 and body == files["book.pdf"].read_bytes()
    assert headers["Content-Type"] == "application/pdf"
    assert "attachment" in headers["Content-Disposition"]


def test_nothing_else_is_reachable(shared, tmp_path: Path) -> None:
    server, _clock, files = shared
    (tmp_path / "secret.txt").write_text("settings")
    offer = server.offer("Moon", files, "en", ttl_s=600)
    base = f"http://127.0.0.1:{server.port}"
    guessed = offer.token[:-2] + ("AA" if not offer.token.endswith("AA") else "BB")
    for path in (
        "/",
        "/t/",
        f"/t/{guessed}/",
        f"/t/{guessed}/book.pdf",
        f"/t/{offer.token}/secret.txt",
        f"/t/{offer.token}/../secret.txt",
        f"/t/{offer.token}/%2e%2e/secret.txt",
        f"/t/{offer.token}/book.pdf/x",
    ):
        status, body, _ = get(base + path)
        assert status == 404, path
        assert b"settings" not in body and b"%PDF" not in body


def test_an_expired_link_is_gone_and_a_new_offer_ends_the_old_one(shared) -> None:
    server, clock, files = shared
    offer = server.offer("Moon", files, "en", ttl_s=600)
    clock.now += 601
    status, body, _ = get(offer.url + "book.pdf")
    assert status == 410 and b"expired" in body
    assert server.current() is None
    fresh = server.offer("Moon", files, "en", ttl_s=600)
    assert get(fresh.url)[0] == 200
    newer = server.offer("Moon", files, "en", ttl_s=600)
    assert get(fresh.url)[0] == 404  # the older token is simply unknown now
    assert get(newer.url)[0] == 200


def test_downloads_are_limited(shared) -> None:
    server, _clock, files = shared
    offer = server.offer("Moon", files, "en", ttl_s=600)
    for _ in range(3):
        assert get(offer.url + "book.pdf")[0] == 200
    assert get(offer.url + "book.pdf")[0] == 410


def test_stop_closes_the_port(shared) -> None:
    server, _clock, files = shared
    offer = server.offer("Moon", files, "en", ttl_s=600)
    server.stop()
    with pytest.raises(OSError):
        urllib.request.urlopen(offer.url, timeout=2)


def test_the_qr_code_is_a_png_of_the_link() -> None:
    png = qr_png("http://127.0.0.1:8000/t/abc/")
    assert png.startswith(b"\x89PNG")
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png))
    assert image.width == image.height >= 8 * 25  # version 2+ with the quiet zone
