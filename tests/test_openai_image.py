"""OpenAIImageIllustrator with the real ``openai`` SDK against a local OpenAI-protocol server.

The server (tests/fake_openai.py) renders real PNGs, streams partial pictures as server-sent
events, refuses on content grounds, fails with 500s and sends broken base64 when scripted; slow
servers are simulated with gates, never with sleeps, so nothing here depends on timing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import keyring
import pytest
from fake_openai import FakeOpenAI, ImageReply
from keyring.backend import KeyringBackend
from PIL import Image

from aibook_desktop.engine.book import Hero
from aibook_desktop.engine.cancel import Cancelled, CancelToken
from aibook_desktop.engine.doctor import Probes, check_network, check_pictures_openai
from aibook_desktop.engine.errors import BackendUnavailable
from aibook_desktop.engine.events import Event, Finished, Notice, PageImage
from aibook_desktop.engine.pictures import PictureRequest, make_illustrator
from aibook_desktop.engine.pictures.openai_images import (
    OpenAIImageConfig,
    OpenAIImageError,
    OpenAIImageIllustrator,
    api_size,
    image_prompt,
)
from aibook_desktop.engine.service import Engine
from aibook_desktop.engine.settings import Settings, SettingsError
from aibook_desktop.engine.story.llm import OpenAIStoryConfig

HERO_SHEET = "a small orange tabby cat with green eyes, wearing a blue knitted scarf"


class EmptyKeyring(KeyringBackend):
    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise NotImplementedError("the tests never save a key")

    def delete_password(self, service: str, username: str) -> None:
        pass


@pytest.fixture(autouse=True)
def isolated_credentials(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No developer key or server leaks in; the OS keyring is never read."""
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    previous = keyring.get_keyring()
    keyring.set_keyring(EmptyKeyring())
    yield
    keyring.set_keyring(previous)


def _request(width: int = 96, height: int = 64, index: int = 0) -> PictureRequest:
    return PictureRequest(
        page_index=index, page_count=4, scene_prompt="the cat floats above the clouds at night",
        page_text="키키가 둥실 떠올랐어요.", theme="달에 가는 고양이", hero=Hero.default("cat"),
        hero_sheet=HERO_SHEET, art_style="watercolor", seed=7 + index, width=width, height=height,
    )  # fmt: skip


def _illustrator(server: FakeOpenAI, **config: Any) -> OpenAIImageIllustrator:
    connection = OpenAIStoryConfig(base_url=server.url, backoff_s=0.01, retries=2, timeout_s=10)
    config.setdefault("timeout_s", 10.0)
    return OpenAIImageIllustrator(OpenAIImageConfig(server=connection, **config))


def _cancel_when_parked(server: FakeOpenAI, token: CancelToken) -> threading.Thread:
    def watch() -> None:
        if server.parked.wait(10):
            token.cancel()

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


# ---- the happy path -----------------------------------------------------------------------------
def test_a_page_is_drawn_at_the_requested_size_from_the_child_safe_prompt() -> None:
    with FakeOpenAI() as server:
        picture = _illustrator(server, partial_images=0).draw(_request(96, 64), CancelToken())
    (body,) = server.image_requests
    assert body["model"] == "gpt-image-2" and body["n"] == 1 and "stream" not in body
    assert body["size"] == "1536x1024"  # the supported size closest to the page's shape
    assert "response_format" not in body  # GPT image models always answer in base64
    prompt = body["prompt"]
    assert prompt.startswith(HERO_SHEET) and "watercolor" in prompt and "above the clouds" in prompt
    assert "Avoid:" in prompt and "watermark" in prompt and "nudity" not in prompt
    image = picture.image
    assert image.mode == "RGB" and image.size == (96, 64)
    assert image.getpixel((48, 32)) == (250, 240, 200)  # the server's picture, fitted, not a sketch
    prov = picture.provenance
    assert (prov.backend, prov.model, prov.prompt) == ("openai", "gpt-image-2", prompt)
    assert prov.ai_generated and prov.seed == 7
    assert prov.note is not None and "no seed" in prov.note and "moderation" in prov.note


def test_partial_pictures_reach_the_preview_and_progress() -> None:
    previews: list[tuple[tuple[int, int], int, int]] = []
    steps: list[tuple[int, int]] = []
    with FakeOpenAI() as server:
        picture = _illustrator(server, partial_images=2).draw(
            _request(64, 64), CancelToken(), lambda s, n: steps.append((s, n)),
            lambda image, s, n: previews.append((image.size, s, n)),
        )  # fmt: skip
    (body,) = server.image_requests
    assert body["stream"] is True and body["partial_images"] == 2 and body["size"] == "1024x1024"
    assert [(s, n) for _size, s, n in previews] == [(1, 3), (2, 3)]
    assert all(max(size) <= 256 for size, _s, _n in previews)
    assert steps == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert picture.image.size == (64, 64) and picture.provenance.backend == "openai"


@pytest.mark.parametrize(
    ("model", "width", "height", "size"),
    [
        ("gpt-image-2", 1024, 1024, (1024, 1024)),
        ("gpt-image-1", 600, 1000, (1024, 1536)),
        ("dall-e-3", 2000, 1000, (1792, 1024)),
        ("dall-e-2", 300, 200, (512, 512)),
    ],
)
def test_sizes_snap_to_what_the_model_accepts(
    model: str, width: int, height: int, size: tuple[int, int]
) -> None:
    assert api_size(model, width, height) == size


def test_a_server_that_cannot_stream_is_asked_for_whole_pictures() -> None:
    with FakeOpenAI() as server:
        server.push_image(ImageReply(400, "stream is not supported by this server"))
        illustrator = _illustrator(server, partial_images=2)
        first = illustrator.draw(_request(), CancelToken())
        illustrator.draw(_request(index=1), CancelToken())
    assert [b.get("stream") for b in server.image_requests] == [True, None, None]
    assert first.provenance.backend == "openai"
    assert first.provenance.note is not None and "does not stream" in first.provenance.note


def test_dall_e_is_asked_for_base64_and_never_streams() -> None:
    with FakeOpenAI() as server:
        picture = _illustrator(server, model="dall-e-3", partial_images=3, quality="high").draw(
            _request(), CancelToken()
        )
    (body,) = server.image_requests
    assert body["response_format"] == "b64_json" and "stream" not in body
    assert "quality" not in body and picture.provenance.model == "dall-e-3"


# ---- cancel -------------------------------------------------------------------------------------
def test_cancel_while_the_server_is_slow_returns_without_its_reply() -> None:
    gate, token = threading.Event(), CancelToken()
    with FakeOpenAI() as server:
        server.push_image(ImageReply(gate=gate))
        watcher = _cancel_when_parked(server, token)
        with pytest.raises(Cancelled):
            _illustrator(server, partial_images=0, timeout_s=60).draw(_request(), token)
        # Still parked: draw returned on the cancel, not on a reply, a read timeout (60 s) or
        # the gate's own 30 s limit.
        assert server.parked.is_set()
        gate.set()
        watcher.join()


def test_cancel_mid_stream_after_a_preview() -> None:
    gate, token = threading.Event(), CancelToken()
    previews: list[int] = []
    with FakeOpenAI() as server:
        server.push_image(ImageReply(gate=gate, gate_after_partials=1))
        watcher = _cancel_when_parked(server, token)
        with pytest.raises(Cancelled):
            _illustrator(server, partial_images=3, timeout_s=60).draw(
                _request(), token, preview=lambda image, s, n: previews.append(s)
            )
        assert server.parked.is_set()
        gate.set()
        watcher.join()
    assert previews in ([], [1])  # the first partial may or may not be shown before the cancel


# ---- refusals and failures ----------------------------------------------------------------------
@pytest.mark.parametrize("stream", [False, True])
def test_a_content_policy_refusal_gives_the_sketch_page_and_says_so(stream: bool) -> None:
    refusal = (
        ImageReply(error_event="moderation_blocked", error="blocked by the safety system")
        if stream
        else ImageReply(400, "Your request was rejected by the safety system", "moderation_blocked")
    )
    with FakeOpenAI() as server:
        server.push_image(refusal)
        picture = _illustrator(server, partial_images=2 if stream else 0).draw(
            _request(), CancelToken()
        )
    assert len(server.image_requests) == 1  # asking again would not help
    prov = picture.provenance
    assert prov.backend == "sketch" and not prov.ai_generated
    assert prov.note is not None and "moderation_blocked" in prov.note and "sketch" in prov.note
    assert picture.image.size == (96, 64) and len(set(picture.image.convert("L").getextrema())) > 1


def test_server_errors_are_retried_then_the_page_is_drawn() -> None:
    with FakeOpenAI() as server:
        server.push_image(ImageReply(500), ImageReply(429))
        picture = _illustrator(server, partial_images=0).draw(_request(), CancelToken())
    assert len(server.image_requests) == 3
    assert picture.provenance.backend == "openai"
    assert picture.provenance.note is not None and "2 failed tries" in picture.provenance.note


def test_a_picture_stream_dropped_mid_way_is_asked_again() -> None:
    previews: list[int] = []
    with FakeOpenAI() as server:
        server.push_image(ImageReply(drop_after_partials=1))
        picture = _illustrator(server, partial_images=2).draw(
            _request(), CancelToken(), preview=lambda image, s, n: previews.append(s)
        )
    assert len(server.image_requests) == 2 and previews[-2:] == [1, 2]
    assert picture.provenance.backend == "openai"
    assert picture.provenance.note is not None and "1 failed tries" in picture.provenance.note


def test_errors_past_the_retries_are_raised_and_a_rejected_key_is_not_retried() -> None:
    with FakeOpenAI() as server:
        server.push_image(*[ImageReply(503)] * 3)
        with pytest.raises(OpenAIImageError, match="503"):
            _illustrator(server, partial_images=0).draw(_request(), CancelToken())
        assert len(server.image_requests) == 3  # 1 + openai retries (2)
    with FakeOpenAI(api_key="right") as server:
        with pytest.raises(OpenAIImageError, match="401"):
            _illustrator(server).draw(_request(), CancelToken())
        assert server.image_requests == []  # rejected before the route


@pytest.mark.parametrize(
    ("b64", "why"),
    [("@@not base64@@", "not valid base64"), ("aGVsbG8gd29ybGQ=", "not a PNG"), ("", "no picture")],
)
def test_a_malformed_reply_is_a_clear_error(b64: str, why: str) -> None:
    with FakeOpenAI() as server:
        server.push_image(ImageReply(b64=b64))
        with pytest.raises(OpenAIImageError, match=why):
            _illustrator(server, partial_images=0).draw(_request(), CancelToken())


# ---- whole books and configuration --------------------------------------------------------------
def _engine_book(server: FakeOpenAI) -> tuple[list[Event], Engine]:
    settings = Settings(
        picture_backend="openai", openai_base_url=server.url, openai_backoff_s=0.01,
        openai_retries=1, picture_size=64, pages=4, seed=5, openai_image_partial_images=1,
    )  # fmt: skip
    engine = Engine(settings)
    events: list[Event] = []
    try:
        request = engine.request_for("cat", "달에 가고 싶은 고양이", "card")
        engine.make_book(request, events.append, CancelToken())
    finally:
        engine.close()
    return events, engine


def test_a_whole_book_is_drawn_by_openai() -> None:
    with FakeOpenAI() as server:
        events, engine = _engine_book(server)
    end = events[-1]
    assert isinstance(end, Finished), events[-3:]
    assert len(server.image_requests) == 4 and all(b["stream"] for b in server.image_requests)
    assert len({b["prompt"] for b in server.image_requests}) == 4  # one scene per page
    book = engine.library.load(end.book_id)
    for page in book.pages:
        assert page.image_provenance is not None and page.image_provenance.backend == "openai"
        assert page.image_file is not None
        with Image.open(engine.library.book_dir(book.id) / page.image_file) as image:
            assert image.size == (64, 64)
    assert not [e for e in events if isinstance(e, Notice) and e.code == "picture_fallback"]


def test_a_failing_server_gives_sketch_pages_with_a_notice() -> None:
    with FakeOpenAI() as server:
        server.push_image(*[ImageReply(500)] * 8)  # every try of every page (1 + 1 retry)
        events, engine = _engine_book(server)
    end = events[-1]
    assert isinstance(end, Finished)
    notices = [e.detail for e in events if isinstance(e, Notice) and e.code == "picture_fallback"]
    assert len(notices) == 4 and "500" in notices[0]
    assert len([e for e in events if isinstance(e, PageImage)]) == 4
    book = engine.library.load(end.book_id)
    assert {p.image_provenance.backend for p in book.pages if p.image_provenance} == {"sketch"}


def test_make_illustrator_needs_a_key_or_an_address(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(BackendUnavailable, match="no API key"):
        make_illustrator("openai", Settings(picture_backend="openai"))
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    illustrator = make_illustrator("openai", Settings(openai_image_model="gpt-image-1.5"))
    assert isinstance(illustrator, OpenAIImageIllustrator)
    assert illustrator.config.model == "gpt-image-1.5" and illustrator.config.server.api_key


def test_image_settings_are_validated(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SettingsError, match="openai_image_quality"):
        Settings(openai_image_quality="ultra").validate()
    with pytest.raises(SettingsError, match="partial_images"):
        Settings(openai_image_partial_images=4).validate()
    with pytest.raises(SettingsError, match="openai_image_model"):
        Settings(openai_image_model=" ").validate()
    monkeypatch.setenv("AIBOOK_OPENAI_IMAGE_MODEL", "dall-e-3")
    from aibook_desktop.engine.settings import load_settings

    assert load_settings().openai_image_model == "dall-e-3"


def test_the_prompt_keeps_the_hero_first() -> None:
    prompt = image_prompt(_request())
    assert prompt.index(HERO_SHEET) < prompt.index("above the clouds") < prompt.index("watercolor")


def test_the_doctor_says_when_openai_pictures_have_no_key() -> None:
    settings = Settings(picture_backend="openai")
    probes = Probes(env={}, stored_key=lambda: False)
    (check,) = check_pictures_openai(probes, settings)
    assert not check.ok and not check.blocking and "API key" in check.fix
    probes.stored_key = lambda: True
    assert check_pictures_openai(probes, settings)[0].ok
    probes.stored_key = lambda: False
    probes.env = {"OPENAI_API_KEY": "sk-test"}
    assert check_pictures_openai(probes, settings)[0].ok
    assert check_pictures_openai(probes, Settings(picture_backend="sketch")) == []
    asked: list[tuple[str, int]] = []
    probes.connect = lambda host, port, timeout: asked.append((host, port))
    assert check_network(probes, settings)[0].ok and asked == [("api.openai.com", 443)]


def test_the_parent_area_sets_the_picture_model(qtbot: Any) -> None:
    from aibook_desktop.ui.parent.settings_page import ParentScreen

    screen = ParentScreen()
    qtbot.addWidget(screen)
    screen.load(Settings(picture_backend="openai", openai_image_model="dall-e-3"))
    assert screen.openai_image_model.text() == "dall-e-3"
    screen.openai_image_model.setText(" gpt-image-1.5 ")
    assert screen.values().openai_image_model == "gpt-image-1.5"
    screen.openai_image_model.clear()  # empty: back to the default model
    assert screen.values().openai_image_model == Settings().openai_image_model
