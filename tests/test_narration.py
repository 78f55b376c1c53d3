"""Narration (#14): OpenAI's speech route against the local fake server, pre-rendered pages,
and what the engine says about the system voice."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest
from fake_openai import FakeOpenAI

from aibook_desktop.engine.narration import (
    NarrationKind,
    VoiceProblem,
    audio_path,
    load_page_audio,
    make_narrator,
    openai_status,
    system_voice_status,
)
from aibook_desktop.engine.narration.openai_voice import PCM_RATE, OpenAINarrator
from aibook_desktop.engine.narration.prerender import split_sentences
from aibook_desktop.engine.service import Engine
from aibook_desktop.engine.settings import Settings


def _settings(url: str, **kw: object) -> Settings:
    return Settings(
        language="en", pages=4, picture_size=64, narration_backend="openai",
        openai_base_url=url, openai_retries=1, openai_backoff_s=0.0, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def test_a_page_is_spoken_sentence_by_sentence_with_exact_timings(tmp_path: Path) -> None:
    with FakeOpenAI() as server:
        narrator = make_narrator(_settings(server.url))
        assert isinstance(narrator, OpenAINarrator)
        out = tmp_path / "page-01.wav"
        audio = narrator.render(["Kiki looked up.", "The moon smiled back!"], "en", out)
        assert [r["input"] for r in server.speech_requests] == [
            "Kiki looked up.",
            "The moon smiled back!",
        ]
        assert all(r["response_format"] == "pcm" for r in server.speech_requests)
        assert server.speech_requests[0]["model"] == "gpt-4o-mini-tts"
    with wave.open(str(out)) as wav:
        assert wav.getframerate() == PCM_RATE and wav.getnchannels() == 1
        seconds = wav.getnframes() / PCM_RATE
    assert seconds == pytest.approx(audio.duration_s, abs=1e-3)
    (a0, a1), (b0, b1) = audio.sentences
    assert a0 == 0.0 and 0.3 < a1 < b0 < b1 == pytest.approx(seconds, abs=1e-3)
    assert b0 - a1 == pytest.approx(0.35, abs=0.01)  # the breath between sentences


def test_a_broken_speech_server_is_retried_then_given_up(tmp_path: Path) -> None:
    import openai

    with FakeOpenAI() as server:
        server.speech_script = [500, 200]
        narrator = make_narrator(_settings(server.url))
        assert narrator is not None
        audio = narrator.render(["Hello."], "en", tmp_path / "a.wav")
        assert audio.duration_s > 0.2 and len(server.speech_requests) == 2
        server.speech_script = [500, 500]
        with pytest.raises(openai.InternalServerError):
            narrator.render(["Hello."], "en", tmp_path / "b.wav")
        assert not (tmp_path / "b.wav").exists()


def test_pages_are_rendered_while_the_book_is_made_and_saved_with_it() -> None:
    with FakeOpenAI() as server:
        engine = Engine(_settings(server.url))
        try:
            request = engine.request_for("cat", "a cat who flies to the moon", lang="en")
            from aibook_desktop.engine.cancel import CancelToken

            book = engine.make_book(request, lambda e: None, CancelToken())
            assert book is not None
            prerender = engine.narration()
            assert prerender is not None and prerender.wait_idle(120)
            folder = engine.library.book_dir(book.id)
            for page in book.pages:
                audio = load_page_audio(folder, page.index, page.text)
                assert audio is not None, f"page {page.index + 1} has no narration"
                assert audio.path == audio_path(folder, page.index)
                assert len(audio.sentences) == len(split_sentences(page.text))
            said = [r["input"] for r in server.speech_requests]
            assert said == [s for p in book.pages for s in split_sentences(p.text)]
            # audio made for another text is not used
            assert load_page_audio(folder, 0, book.pages[0].text + " More.") is None
        finally:
            engine.close()


def test_a_failing_narrator_never_holds_the_book_up() -> None:
    with FakeOpenAI() as server:
        server.speech_script = [500] * 100
        engine = Engine(_settings(server.url))
        try:
            from aibook_desktop.engine.cancel import CancelToken

            request = engine.request_for("cat", "a cat who flies to the moon", lang="en")
            book = engine.make_book(request, lambda e: None, CancelToken())
            assert book is not None and len(book.pages) == 4
            prerender = engine.narration()
            assert prerender.wait_idle(60)
            assert prerender.done == [] and len(prerender.failed) == 4
        finally:
            engine.close()


def test_auto_uses_openai_only_with_a_key_and_no_other_server() -> None:
    auto = Settings(narration_backend="auto")
    assert openai_status(auto, key=lambda: None).problem is VoiceProblem.NO_KEY
    assert openai_status(auto, key=lambda: "sk-x").available
    local = Settings(narration_backend="auto", openai_base_url="http://127.0.0.1:9/v1")
    assert not openai_status(local, key=lambda: "sk-x").available
    off = Settings(narration_backend="off")
    assert openai_status(off, key=lambda: "sk-x").problem is VoiceProblem.TURNED_OFF
    assert make_narrator(Settings()) is None or openai_status(Settings()).available


def test_the_system_voice_needs_speech_dispatcher_on_linux() -> None:
    none = system_voice_status("linux", which=lambda n: None, load=lambda s: False)
    assert not none.available and none.problem is VoiceProblem.NO_SPEECH_DISPATCHER
    assert "speech-dispatcher" in none.fix and none.kind is NarrationKind.SYSTEM
    ok = system_voice_status("linux", which=lambda n: "/usr/bin/" + n, load=lambda s: True)
    assert ok.available
    assert system_voice_status("win32").available


def test_sentence_split_matches_the_reader() -> None:
    from aibook_desktop.ui.speech import split_sentences as spans

    for text in (
        'Kiki looked up. The moon smiled! "Hi?" she said.',
        "달을 봤어요. 와! 멋져요…",
        "No end",
    ):
        assert split_sentences(text) == [text[a:b].strip() for a, b in spans(text)]
