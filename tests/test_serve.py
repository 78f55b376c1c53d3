"""``aibook serve`` for real: a local Ray instance (127.0.0.1 only), Serve, and kiosk clients.

One server for the whole module (Ray takes ~20 s to start on two cores); the test that kills
it runs last. The server draws with the sketch painter and listens with the embedded Whisper
tiny.en, so every answer can be compared with what the kiosk would have made itself.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from aibook_desktop.engine import serving
from aibook_desktop.engine.book import Book, Hero, HeroKind, ScenePlan
from aibook_desktop.engine.cancel import Cancelled, CancelToken
from aibook_desktop.engine.pictures import PictureRequest
from aibook_desktop.engine.pictures.remote import RemoteIllustrator
from aibook_desktop.engine.pictures.sketch import SketchIllustrator
from aibook_desktop.engine.serve.config import ServeConfig
from aibook_desktop.engine.serving import ServerAddress, Trouble, health
from aibook_desktop.engine.settings import Settings
from aibook_desktop.engine.speech import NoRecognizer, make_transcriber
from aibook_desktop.engine.speech.remote import RemoteTranscriber

pytest.importorskip("ray.serve", reason="the server extra (ray[serve]) is not installed")
pytestmark = pytest.mark.slow

TOKENS = {f"kiosk-{i}": f"token-for-kiosk-{i}-{'x' * 12}" for i in range(1, 4)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeConfig]:
    import ray
    from ray import serve

    from aibook_desktop.engine.serve.app import start

    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    config = ServeConfig(
        host="127.0.0.1", port=_free_port(), picture_backend="sketch",
        speech_backend="embedded", kiosks=TOKENS,
    )  # fmt: skip
    start(
        config,
        Settings(),
        ray_init={
            "num_cpus": 2, "include_dashboard": False, "_node_ip_address": "127.0.0.1",
            "object_store_memory": 80 * 1024 * 1024, "log_to_driver": False,
            "_temp_dir": str(tmp_path_factory.mktemp("ray")),
        },
    )  # fmt: skip
    yield config
    serve.shutdown()
    ray.shutdown()


def _address(config: ServeConfig, kiosk: str = "kiosk-1", **kw: object) -> ServerAddress:
    return ServerAddress(
        url=f"http://127.0.0.1:{config.port}", token=TOKENS.get(kiosk, kiosk),
        retries=1, backoff_s=0.1, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def _request(page: int, size: int = 128, theme: str = "a whale") -> PictureRequest:
    scene = ScenePlan(setting="sea", characters=("whale",), props=("balloon", "map"))
    return PictureRequest(
        page_index=page, page_count=8, scene_prompt="a whale in the sea", page_text="Hi!",
        theme=theme, hero=Hero(HeroKind.CAT, "Kiki"), hero_sheet="", art_style="crayon",
        seed=100 + page, width=size, height=size, scene=scene if page % 2 else None,
    )  # fmt: skip


def test_health_says_protocol_models_and_languages(server: ServeConfig) -> None:
    info = health(_address(server))
    assert info["protocol"] == serving.PROTOCOL_VERSION
    assert info["pictures"]["name"] == "sketch"
    assert "en" in info["speech_languages"]


def test_three_kiosks_make_books_at_once_and_get_the_painters_exact_pictures(
    server: ServeConfig,
) -> None:
    results: dict[str, list[object]] = {}

    def kiosk(name: str) -> None:
        painter = RemoteIllustrator(_address(server, name), fallback=SketchIllustrator())
        pictures = []
        for page in range(4):
            req = _request(page, theme=name)
            pictures.append((req, painter.draw(req, CancelToken())))
        results[name] = pictures

    threads = [threading.Thread(target=kiosk, args=(n,)) for n in TOKENS]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sorted(results) == sorted(TOKENS)
    local = SketchIllustrator()
    for pictures in results.values():
        for req, pic in pictures:  # type: ignore[misc]
            assert pic.provenance.backend == "remote:sketch"
            expected = local.draw(req, CancelToken())  # the scene plan travelled intact
            assert pic.provenance.note == expected.provenance.note
            assert np.array_equal(np.asarray(pic.image), np.asarray(expected.image))


def test_a_kiosk_makes_a_whole_book_through_the_server(server: ServeConfig, tmp_path: Path) -> None:
    env = os.environ | {
        "AIBOOK_HOME": str(tmp_path / "kiosk"), "AIBOOK_SERVER_URL": f"http://127.0.0.1:{server.port}",
        "AIBOOK_SERVER_TOKEN": TOKENS["kiosk-2"],
    }  # fmt: skip
    out = tmp_path / "book"
    run = subprocess.run(
        [sys.executable, "-m", "aibook_desktop.engine", "make-book", "--hero", "frog",
         "--theme", "a whale who sings", "--lang", "en", "--pages", "4", "--size", "128",
         "--pictures", "remote", "--no-pdf", "--out", str(out)],
        env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    book = Book.from_dict(json.loads(next(out.rglob("book.json")).read_text()))
    assert [p.image_provenance.backend for p in book.pages if p.image_provenance] == [
        "remote:sketch"
    ] * 4


def test_a_wrong_token_is_refused_and_the_page_is_sketched_locally(server: ServeConfig) -> None:
    painter = RemoteIllustrator(_address(server, "not-a-kiosk-token"), SketchIllustrator())
    pic = painter.draw(_request(0), CancelToken())
    assert pic.provenance.backend == "sketch"
    assert pic.provenance.note is not None and "token" in pic.provenance.note
    blocked = painter.breaker.blocked()
    assert blocked is not None and blocked.trouble is Trouble.TOKEN


def test_a_version_mismatch_falls_back_and_says_so(
    server: ServeConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(serving, "PROTOCOL_VERSION", serving.PROTOCOL_VERSION + 1)
    painter = RemoteIllustrator(_address(server), SketchIllustrator())
    pic = painter.draw(_request(0), CancelToken())
    assert pic.provenance.backend == "sketch" and "version" in (pic.provenance.note or "")


def test_speech_is_recognised_on_the_server(server: ServeConfig, tmp_path: Path) -> None:
    soundfile = pytest.importorskip("soundfile")
    from voice_samples import have_tools, speak

    if not have_tools():
        pytest.skip("espeak-ng and sox make the speech")
    wav = speak("the puppies open a bakery near the river", "en", tmp_path / "clip.wav")
    samples, rate = soundfile.read(wav, dtype="float32")
    assert rate == 16000
    listener = RemoteTranscriber(_address(server), fallback=NoRecognizer())
    listener.warm_up()
    assert listener.supports("en")
    transcript = listener.transcribe(samples, "en")
    local = make_transcriber(Settings(), "embedded")  # what the kiosk itself would hear
    assert transcript.backend == "remote:embedded-tiny.en" and "pupp" in transcript.text.lower()
    assert transcript.text == local.transcribe(samples, "en").text


def test_a_kiosk_that_leaves_is_not_drawn_for(server: ServeConfig) -> None:
    address = _address(server, "kiosk-3")
    before = health(address)["pictures"]
    cancel = CancelToken()
    outcome: list[object] = []
    busy = [threading.Thread(target=lambda p=p: RemoteIllustrator(address, SketchIllustrator())
            .draw(_request(p, size=2048), CancelToken())) for p in (3, 4, 5, 6)]  # fmt: skip

    def leaving() -> None:
        try:
            pic = RemoteIllustrator(address, SketchIllustrator()).draw(_request(7, 2048), cancel)
            outcome.append(pic.provenance)
        except Cancelled as exc:
            outcome.append(exc)

    for t in busy:
        t.start()
    leaver = threading.Thread(target=leaving)
    leaver.start()
    deadline = time.monotonic() + 60
    # the leaver asks for the latest page, so child-first draws it last: once all five have
    # arrived and something still waits, the leaver is waiting
    while time.monotonic() < deadline:
        stats = health(address)["pictures"]
        if stats.get("submitted", 0) >= before.get("submitted", 0) + 5 and stats["waiting"] >= 1:
            break
        time.sleep(0.02)
    cancel.cancel()
    leaver.join(10)
    assert outcome and isinstance(outcome[0], Cancelled), (
        outcome,
        health(address)["pictures"],
        before,
    )
    for t in busy:
        t.join(120)
    after = health(address)["pictures"]
    stopped = after.get("cancelled_waiting", 0) + after.get("cancelled", 0)
    assert stopped > before.get("cancelled_waiting", 0) + before.get("cancelled", 0)
    assert (
        after.get("drawn", 0) - before.get("drawn", 0) == 4
    )  # the four that stayed, not the one that left


def test_doctor_says_which_models_serve_and_names_a_wrong_token(server: ServeConfig) -> None:
    from aibook_desktop.engine.doctor import Probes
    from aibook_desktop.engine.doctor.checks import check_server

    url = f"http://127.0.0.1:{server.port}"
    good = Settings(picture_backend="remote", server_url=url, server_token=TOKENS["kiosk-1"])
    (row,) = check_server(Probes(), good)
    assert row.ok and "sketch" in str(row.detail) and "en" in str(row.detail)
    (bad,) = check_server(Probes(), Settings(speech_backend="remote", server_url=url,
                                             server_token="wrong-token-0123456789"))  # fmt: skip
    assert not bad.ok and "token" in str(bad.detail)


def test_a_huge_page_is_refused_without_retries_and_sketched(server: ServeConfig) -> None:
    painter = RemoteIllustrator(_address(server), SketchIllustrator())
    huge = _request(0, size=64)
    huge = PictureRequest(**{**huge.__dict__, "width": 4096, "height": 4096})
    pic = painter.draw(huge, CancelToken())
    assert pic.provenance.backend == "sketch" and "refused" in (pic.provenance.note or "")


def test_speech_server_that_was_down_at_start_is_used_once_it_is_back(server: ServeConfig) -> None:
    down = ServerAddress(f"http://127.0.0.1:{_free_port()}", TOKENS["kiosk-1"], breaker_s=0.0)
    listener = RemoteTranscriber(down, fallback=NoRecognizer())
    listener.warm_up()
    assert not listener.supports("en")  # nothing to offer yet: the UI keeps the cards
    listener.address = _address(server, breaker_s=0.0)  # the box is back
    silence = np.zeros(16000, dtype=np.float32)
    result = listener.transcribe(silence, "en")
    assert listener.supports("en") and result.backend.startswith("remote:")


def test_zz_server_killed_mid_book_later_pages_are_sketched_with_the_reason(
    server: ServeConfig,
) -> None:
    from ray import serve

    painter = RemoteIllustrator(_address(server), SketchIllustrator())
    first = painter.draw(_request(0), CancelToken())
    assert first.provenance.backend == "remote:sketch"
    serve.shutdown()  # the GPU box goes away mid-book
    second = painter.draw(_request(1), CancelToken())
    third = painter.draw(_request(2), CancelToken())
    for pic in (second, third):
        assert pic.provenance.backend == "sketch"
        assert "unreachable" in (pic.provenance.note or "") or "timeout" in (
            pic.provenance.note or ""
        )


def test_doctor_and_painter_with_no_server_at_all() -> None:
    """A closed port: doctor says so, and a page is sketched at once after the first failure."""
    from aibook_desktop.engine.doctor import Probes
    from aibook_desktop.engine.doctor.checks import check_server

    url = f"http://127.0.0.1:{_free_port()}"
    (row,) = check_server(Probes(), Settings(picture_backend="remote", server_url=url,
                                             server_token="t" * 20))  # fmt: skip
    assert not row.ok and "cannot reach" in str(row.detail)
    painter = RemoteIllustrator(ServerAddress(url, "t" * 20, retries=1, backoff_s=0.01),
                                SketchIllustrator())  # fmt: skip
    pic = painter.draw(_request(0), CancelToken())
    assert pic.provenance.backend == "sketch" and "unreachable" in (pic.provenance.note or "")
    assert painter.breaker.blocked() is not None  # the next page does not wait for it again


def test_a_broken_reply_falls_back_and_opens_the_breaker() -> None:
    """A server (or proxy) that answers 200 with a picture we cannot decode."""
    import http.server

    class Broken(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length", 0)))
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'{"type": "picture", "png": "not base64 at all", "provenance": {}}\n')

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Broken)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}"
        painter = RemoteIllustrator(ServerAddress(url, "t" * 20, retries=0), SketchIllustrator())
        pic = painter.draw(_request(0), CancelToken())
    finally:
        httpd.shutdown()
    assert pic.provenance.backend == "sketch" and "broken reply" in (pic.provenance.note or "")
    blocked = painter.breaker.blocked()
    assert blocked is not None and blocked.trouble is Trouble.SERVER
