"""A real HTTP server on 127.0.0.1 that speaks enough of the OpenAI API for the story tests.

Chat Completions (JSON and SSE streaming with chunked transfer encoding, ``response_format``
json_schema / json_object) and moderations. Each chat request takes the next scripted ``Reply``
(or the default one): it can be slow, pause at a character until a test opens a gate, drop the
connection mid-stream, answer 401/429/500, refuse, or send broken JSON. Capabilities can be
switched off to look like a small local server (no json_schema, no moderation endpoint).
The content itself comes from a ``StoryBrain`` that tells a fixed plan, so follow-up calls
(continue, rewrite, repair) get sensible answers. Used by tests/test_story_openai.py and
bench/bench_story.py.

Images (``/v1/images/generations``, tests/test_openai_image.py): a PNG of the asked size as
``b64_json``, or with ``stream`` the partial pictures and the finished one as server-sent events;
each request takes the next scripted ``ImageReply`` (a gate to look slow, an error status with
an error code such as a content-policy refusal, broken base64, an error event mid-stream).

Speech (``/v1/audio/speech``, tests/test_narration.py): real speech of the input text, made by
espeak-ng and sox, as raw 24 kHz 16-bit PCM (or WAV); ``speech_script`` holds HTTP statuses
for the next requests (e.g. 500 to look broken).
"""

from __future__ import annotations

import base64
import io
import json
import re
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["FakeOpenAI", "ImageReply", "Reply", "StoryBrain", "make_plan", "tokens"]

_TOKEN = re.compile(r"\s*[A-Za-z]{1,4}|\s*[0-9]|\s*[가-힣]{1,2}|\s*[^\sA-Za-z0-9가-힣]{1,3}|\s+")


def tokens(text: str) -> list[str]:
    """A rough stand-in for a BPE tokenizer: about 4 Latin letters, 1-2 Hangul syllables or
    1-3 punctuation marks (BPE merges `{"` and `", "`) a token."""
    out = _TOKEN.findall(text)
    assert "".join(out) == text
    return out


_KO_PAGES = [
    "키키는 달을 보며 날고 싶었어요.",
    "키키는 종이로 큰 날개를 만들었어요.",
    "바람이 불자 키키가 둥실 떠올랐어요.",
    "구름 위에서 새 친구 부엉이를 만났어요.",
    "부엉이가 달로 가는 길을 알려 주었어요.",
    "달에 도착한 키키는 폴짝폴짝 뛰었어요.",
    "키키는 달 토끼와 떡을 나눠 먹었어요.",
    "집에 돌아온 키키는 포근히 잠들었어요.",
    "꿈속에서도 키키는 달과 웃었어요.",
    "다음 날 키키는 친구들에게 이야기했어요.",
    "모두 함께 밤하늘을 바라보았어요.",
    "달님이 반짝이며 인사해 주었어요.",
]
_EN_PAGES = [
    "Kiki the cat looked at the moon and wished to fly.",
    "She folded paper into two big wings.",
    "A soft wind came, and Kiki floated up high.",
    "Above the clouds she met a kind old owl.",
    "The owl showed her the silver path to the moon.",
    "On the moon, Kiki hopped and bounced with joy.",
    "She shared sweet rice cakes with a moon rabbit.",
    "Back home, Kiki curled up warm and fell asleep.",
    "In her dreams, Kiki and the moon smiled together.",
    "The next day she told all her friends about it.",
    "Together they watched the stars in the night sky.",
    "The moon twinkled and said good night to everyone.",
]


def make_plan(lang: str = "ko", pages: int = 8, bilingual: bool = False) -> dict[str, Any]:
    """A valid plan whose pages fit the age-7 length bounds in both languages."""
    texts = _KO_PAGES if lang == "ko" else _EN_PAGES
    alts = _EN_PAGES if lang == "ko" else _KO_PAGES
    plan_pages = []
    for i in range(pages):
        page = {"text": texts[i]}
        if bilingual:
            page["text_alt"] = alts[i]
        page["scene_prompt"] = (
            f"(Subject) a small orange cat with a blue scarf (Action) scene {i + 1} "
            "(Context) a gentle adventure (Environment) sky at night"
        )
        plan_pages.append(page)
    return {
        "title": "달나라에 간 키키" if lang == "ko" else "Kiki Flies to the Moon",
        "hero_sheet": "a small orange tabby cat with green eyes, wearing a blue knitted scarf",
        "art_style": "watercolor",
        "pages": plan_pages,
    }


@dataclass
class StoryBrain:
    """Answers each kind of request from one plan (the model's 'memory')."""

    plan: dict[str, Any]
    rewrites: dict[int, str] = field(default_factory=dict)  # page number -> rewritten text

    def answer(self, body: dict[str, Any]) -> str:
        user = next(m["content"] for m in reversed(body["messages"]) if m["role"] == "user")
        task = user.split("\n", 1)[0].strip()
        if task == "[story_pages]":
            count = _expected_count(body, user)
            return json.dumps({"pages": self.plan["pages"][-count:]}, ensure_ascii=False)
        if task == "[page_rewrite]":
            found = re.search(r"Page (\d+) of the book|(\d+)쪽을 새로", user)
            assert found, "a rewrite request must name its page"
            number = int(found.group(1) or found.group(2))
            page = self.plan["pages"][number - 1]
            reply = {"text": self.rewrites.get(number, page["text"])}
            if "text_alt" in page:
                reply["text_alt"] = page["text_alt"]
            return json.dumps(reply, ensure_ascii=False)
        return json.dumps(self.plan, ensure_ascii=False)  # [story_plan] and [json_repair]


def _expected_count(body: dict[str, Any], user: str) -> int:
    fmt = body.get("response_format") or {}
    if fmt.get("type") == "json_schema":
        return int(fmt["json_schema"]["schema"]["properties"]["pages"]["minItems"])
    match = re.search(r"exactly (\d+) pages|정확히 (\d+)쪽", user)
    assert match, "a continue request must say how many pages"
    return int(match.group(1) or match.group(2))


@dataclass
class Reply:
    """How the server answers one chat request."""

    status: int = 200
    content: str | None = None  # None: the brain's answer
    error: str = "scripted failure"
    refusal: str | None = None
    tokens_per_s: float = 0.0  # 0: as fast as possible
    first_token_s: float = 0.0  # latency before the first token (or the whole JSON reply)
    drop_after: int | None = None  # close the connection after this many characters
    gate_after: int | None = None  # after this many characters, wait for ``gate``
    gate: threading.Event | None = None
    finish_reason: str | None = "stop"
    headers: dict[str, str] = field(default_factory=dict)


Script = Reply | Callable[[dict[str, Any]], Reply]


@dataclass
class ImageReply:
    """How the server answers one images request."""

    status: int = 200
    error: str = "scripted failure"
    code: str | None = None  # the error's code, e.g. "moderation_blocked"
    b64: str | None = None  # None: a real PNG; anything else is sent as the picture's b64_json
    gate: threading.Event | None = None  # wait for it before answering (after the partials)
    gate_after_partials: int = 0  # streamed: partial pictures sent before waiting at the gate
    error_event: str | None = None  # streamed: send an error event with this code instead
    drop_after_partials: int | None = None  # streamed: hang up after this many partial pictures


def speak_pcm(text: str, lang: str) -> bytes:
    """Real speech: espeak-ng reads ``text``; sox makes it 24 kHz signed 16-bit mono raw PCM."""
    import subprocess

    voice = "ko" if lang == "ko" else "en-us"
    wav = subprocess.run(
        ["espeak-ng", "-v", voice, "--stdout", text], capture_output=True, check=True, timeout=30
    ).stdout
    return subprocess.run(
        ["sox", "-R", "-t", "wav", "-", "-t", "raw", "-r", "24000", "-e", "signed", "-b", "16",
         "-c", "1", "-"],
        input=wav, capture_output=True, check=True, timeout=30,
    ).stdout  # fmt: skip


def pcm_to_wav(pcm: bytes, rate: int = 24000) -> bytes:
    import wave

    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm)
    return out.getvalue()


def png_b64(width: int, height: int, color: tuple[int, int, int]) -> str:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), color)
    ImageDraw.Draw(image).ellipse((width // 4, height // 4, width * 3 // 4, height * 3 // 4),
                                  fill=(250, 240, 200))  # fmt: skip
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return base64.b64encode(buffer.getvalue()).decode()


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up (a cancel, a dropped stream) is part of the script."""
        exc = sys.exc_info()[1]
        if not isinstance(exc, ConnectionError | OSError):
            super().handle_error(request, client_address)


class FakeOpenAI:
    """``with FakeOpenAI(brain) as server:`` then point the client at ``server.url``."""

    def __init__(
        self,
        brain: StoryBrain | None = None,
        *,
        json_schema: bool = True,
        json_object: bool = True,
        moderation: bool = True,
        flag_words: tuple[str, ...] = ("monster attack", "scared and alone", "hit him"),
        api_key: str | None = None,
        default: Reply | None = None,
        moderation_delay_s: float = 0.0,
    ) -> None:
        self.brain = brain or StoryBrain(make_plan())
        self.json_schema, self.json_object, self.moderation = json_schema, json_object, moderation
        self.flag_words, self.api_key = flag_words, api_key
        self.moderation_delay_s = moderation_delay_s
        self.default = default or Reply()
        self.script: list[Script] = []
        self.requests: list[dict[str, Any]] = []  # chat request bodies, in order
        self.moderated: list[str] = []  # every text sent to /moderations
        self.image_script: list[ImageReply] = []
        self.image_requests: list[dict[str, Any]] = []  # images request bodies, in order
        self.speech_script: list[int] = []  # statuses for the next speech requests (200: speak)
        self.speech_requests: list[dict[str, Any]] = []
        self.finished = threading.Event()  # set whenever a stream has been fully sent
        self.parked = threading.Event()  # set while a stream waits at a test's gate
        self._lock = threading.Lock()
        self._gates: list[threading.Event] = []
        self._server = _Server(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def push(self, *replies: Script) -> None:
        with self._lock:
            self.script.extend(replies)

    def push_image(self, *replies: ImageReply) -> None:
        with self._lock:
            self.image_script.extend(replies)

    def next_image_reply(self, body: dict[str, Any]) -> ImageReply:
        with self._lock:
            self.image_requests.append(body)
            reply = self.image_script.pop(0) if self.image_script else ImageReply()
            if reply.gate is not None:
                self._gates.append(reply.gate)
        return reply

    def next_reply(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            self.requests.append(body)
            script = self.script.pop(0) if self.script else self.default
        reply = script(body) if callable(script) else script
        if reply.gate is not None:
            self._gates.append(reply.gate)
        return reply

    def __enter__(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        for gate in self._gates:
            gate.set()  # no handler thread stays parked on a test's gate
        self._server.shutdown()
        self._server.server_close()


def _handler(server: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # else headers and body wait on delayed ACKs (40 ms)

        def log_message(self, format: str, *args: Any) -> None:  # keep pytest output clean
            pass

        def _json(
            self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None
        ) -> None:
            data = json.dumps(payload, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        def _error(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
            kind = {401: "invalid_api_key", 429: "rate_limit_exceeded"}.get(status, "server_error")
            self._json(status, {"error": {"message": message, "type": kind, "code": kind}}, headers)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            if server.api_key and self.headers.get("Authorization") != f"Bearer {server.api_key}":
                self._error(401, "Incorrect API key provided")
                return
            if self.path.endswith("/moderations"):
                self._moderate(body)
            elif self.path.endswith("/chat/completions"):
                self._chat(body)
            elif self.path.endswith("/images/generations"):
                self._image(body)
            elif self.path.endswith("/audio/speech"):
                self._speech(body)
            else:
                self._error(404, f"no route {self.path}")

        def _speech(self, body: dict[str, Any]) -> None:
            with server._lock:
                server.speech_requests.append(body)
                status = server.speech_script.pop(0) if server.speech_script else 200
            if status != 200:
                self._error(status, "speech failed")
                return
            fmt = body.get("response_format", "mp3")
            if fmt not in ("pcm", "wav"):
                self._error(400, f"the fake speaks pcm and wav only, not {fmt}")
                return
            data = speak_pcm(
                str(body["input"]), "ko" if re.search("[가-힣]", body["input"]) else "en"
            )
            if fmt == "wav":
                data = pcm_to_wav(data)
            self.send_response(200)
            self.send_header("Content-Type", "audio/pcm" if fmt == "pcm" else "audio/wav")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _moderate(self, body: dict[str, Any]) -> None:
            if not server.moderation:
                self._error(404, "Not Found")
                return
            texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
            server.moderated.extend(texts)
            time.sleep(server.moderation_delay_s)
            results = []
            for text in texts:
                flagged = any(w in text.lower() for w in server.flag_words)
                results.append(
                    {
                        "flagged": flagged,
                        "categories": {"violence": flagged, "self-harm": False},
                        "category_scores": {"violence": 0.9 if flagged else 0.01, "self-harm": 0.0},
                        "category_applied_input_types": {
                            "violence": ["text"],
                            "self-harm": ["text"],
                        },
                    }
                )
            self._json(200, {"id": "modr-1", "model": body.get("model", "m"), "results": results})

        def _chat(self, body: dict[str, Any]) -> None:
            reply = server.next_reply(body)
            fmt = (body.get("response_format") or {}).get("type")
            if fmt == "json_schema" and not server.json_schema:
                self._error(400, "response_format json_schema is not supported by this server")
                return
            if fmt == "json_object" and not server.json_object:
                self._error(400, "response_format json_object is not supported by this server")
                return
            if reply.status != 200:
                self._error(reply.status, reply.error, reply.headers)
                return
            content = reply.content if reply.content is not None else server.brain.answer(body)
            if body.get("stream"):
                self._stream(body, reply, content)
            else:
                pieces = tokens(content)
                time.sleep(
                    reply.first_token_s
                    + (len(pieces) / reply.tokens_per_s if reply.tokens_per_s else 0)
                )
                message: dict[str, Any] = {
                    "role": "assistant",
                    "content": content,
                    "refusal": reply.refusal,
                }
                self._json(200, {
                    "id": "chatcmpl-1", "object": "chat.completion", "created": int(time.time()),
                    "model": body["model"],
                    "choices": [{"index": 0, "message": message, "finish_reason": reply.finish_reason}],
                })  # fmt: skip

        def _image(self, body: dict[str, Any]) -> None:
            reply = server.next_image_reply(body)
            if reply.status != 200:
                if reply.gate is not None:
                    self._park(reply.gate)
                error = {"message": reply.error, "type": "invalid_request_error",
                         "code": reply.code}  # fmt: skip
                self._json(reply.status, {"error": error})
                return
            size = str(body.get("size") or "1024x1024")
            width, height = (int(v) for v in ("1024x1024" if size == "auto" else size).split("x"))
            seed = sum(body["prompt"].encode()) % 200
            final = reply.b64 if reply.b64 is not None else png_b64(width, height, (seed, 90, 160))
            if not body.get("stream"):
                if reply.gate is not None:
                    self._park(reply.gate)
                self._json(200, {"created": int(time.time()), "data": [{"b64_json": final}]})
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            common = {"background": "opaque", "created_at": int(time.time()),
                      "output_format": "png", "quality": "medium", "size": size}  # fmt: skip
            try:
                for index in range(int(body.get("partial_images") or 0)):
                    if index == reply.drop_after_partials:  # the network drops mid-picture
                        self.connection.shutdown(socket.SHUT_RDWR)
                        self.close_connection = True
                        return
                    if reply.gate is not None and index == reply.gate_after_partials:
                        self._park(reply.gate)
                    partial = png_b64(width // 4, height // 4, (seed, 40 * index, 100))
                    self._sse("image_generation.partial_image", {
                        **common, "type": "image_generation.partial_image",
                        "b64_json": partial, "partial_image_index": index,
                    })  # fmt: skip
                if reply.gate is not None and reply.gate_after_partials >= int(
                    body.get("partial_images") or 0
                ):
                    self._park(reply.gate)
                if reply.error_event is not None:
                    error = {"message": reply.error, "code": reply.error_event, "type": "x"}
                    self._sse("error", {"type": "error", "error": error})
                else:
                    details = {"image_tokens": 0, "text_tokens": 10}
                    usage = {"input_tokens": 10, "output_tokens": 10, "total_tokens": 20,
                             "input_tokens_details": details}  # fmt: skip
                    self._sse("image_generation.completed", {
                        **common, "type": "image_generation.completed", "b64_json": final,
                        "usage": usage,
                    })  # fmt: skip
                self._chunk("")
            except OSError:  # the client went away (cancel)
                self.close_connection = True

        def _park(self, gate: threading.Event) -> None:
            server.parked.set()
            gate.wait(30)
            server.parked.clear()

        def _sse(self, event: str, data: dict[str, Any]) -> None:
            self._chunk(f"event: {event}\ndata: {json.dumps(data)}\n\n")

        def _chunk(self, data: str) -> None:
            raw = data.encode()
            self.wfile.write(f"{len(raw):x}\r\n".encode() + raw + b"\r\n")
            self.wfile.flush()

        def _event(
            self, body: dict[str, Any], delta: dict[str, Any], finish: str | None = None
        ) -> None:
            chunk = {
                "id": "chatcmpl-1", "object": "chat.completion.chunk", "created": int(time.time()),
                "model": body["model"],
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            }  # fmt: skip
            self._chunk(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n")

        def _stream(self, body: dict[str, Any], reply: Reply, content: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            try:
                time.sleep(reply.first_token_s)
                self._event(body, {"role": "assistant", "content": ""})
                if reply.refusal is not None:
                    self._event(body, {"refusal": reply.refusal})
                    content = ""
                sent = 0
                for piece in tokens(content):
                    if reply.gate_after is not None and sent <= reply.gate_after < sent + len(
                        piece
                    ):
                        assert reply.gate is not None
                        server.parked.set()
                        reply.gate.wait(30)
                        server.parked.clear()
                    if reply.drop_after is not None and sent + len(piece) > reply.drop_after:
                        self.connection.shutdown(socket.SHUT_RDWR)
                        self.close_connection = True
                        return
                    self._event(body, {"content": piece})
                    sent += len(piece)
                    if reply.tokens_per_s:
                        time.sleep(1 / reply.tokens_per_s)
                self._event(body, {}, reply.finish_reason)
                self._chunk("data: [DONE]\n\n")
                self._chunk("")  # the zero-length chunk ends the body
                server.finished.set()
            except OSError:  # the client went away (cancel): nothing more to send
                self.close_connection = True

    return Handler
