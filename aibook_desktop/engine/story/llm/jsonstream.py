"""An incremental JSON reader: each value near the top is handed over the moment it is complete.

A streamed story plan arrives a few characters at a time; waiting for the closing brace would
make page 1's picture wait for page 8's text. This reader scans the characters once, keeps only
a small stack, and reports every value whose path is at most ``max_depth`` deep (``("title",)``,
``("pages", 0)``) as soon as its last character arrives. Leading chatter such as a Markdown code
fence is skipped, since plain-JSON servers often add it; anything after the top value is ignored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

__all__ = ["Completed", "JSONStream", "JSONStreamError", "PathItem"]

PathItem = str | int
_WS = " \t\r\n"
_SCALAR_CHARS = frozenset("0123456789+-.eEtrufalsn")


class JSONStreamError(ValueError):
    """The text is not JSON (or stopped before the value was complete)."""


@dataclass(frozen=True)
class Completed:
    path: tuple[PathItem, ...]
    value: Any


@dataclass
class _Frame:
    is_object: bool
    path: tuple[PathItem, ...]
    start: int
    # object: "key_or_end" "key" "colon" "value" "comma_or_end"; array: "value_or_end" "value"
    # "comma_or_end"
    state: str
    key: str = ""
    count: int = 0


class JSONStream:
    """Feed text with :meth:`feed`; it returns the values completed by that text, in order."""

    def __init__(self, max_depth: int = 2) -> None:
        self.max_depth = max_depth
        self.text = ""  # everything fed so far (a story plan is a few kilobytes)
        self._pos = 0
        self._stack: list[_Frame] = []
        self._started = False
        self._done = False
        self._value: Any = None
        # a scalar being read: (start, is_string, is_key, path)
        self._scalar: tuple[int, bool, bool, tuple[PathItem, ...]] | None = None
        self._escape = False

    @property
    def done(self) -> bool:
        """True once the top-level value has closed."""
        return self._done

    def feed(self, chunk: str) -> list[Completed]:
        self.text += chunk
        out: list[Completed] = []
        text, n = self.text, len(self.text)
        while self._pos < n and not self._done:
            ch = text[self._pos]
            if self._scalar is not None:
                self._read_scalar(ch, out)
                continue
            if not self._started:
                if ch in "{[":
                    self._started = True
                    self._open(ch, ())
                self._pos += 1  # anything before the first bracket is chatter
                continue
            self._structural(ch, out)
        return out

    def close(self) -> Any:
        """The whole top-level value; raises if the text stopped before it was complete."""
        if not self._done:
            where = f" (inside {self._where()})" if self._stack else ""
            raise JSONStreamError(f"the JSON text ended early after {len(self.text)} chars{where}")
        return self._value

    # ---- the scanner --------------------------------------------------------------------------
    def _where(self) -> str:
        frame = self._stack[-1]
        return "/".join(str(p) for p in frame.path) or "the top object"

    def _fail(self, what: str) -> JSONStreamError:
        context = self.text[max(0, self._pos - 20) : self._pos + 20]
        return JSONStreamError(f"{what} at char {self._pos} (near {context!r})")

    def _open(self, ch: str, path: tuple[PathItem, ...]) -> None:
        is_object = ch == "{"
        state = "key_or_end" if is_object else "value_or_end"
        self._stack.append(_Frame(is_object, path, self._pos, state))

    def _child_path(self, frame: _Frame) -> tuple[PathItem, ...]:
        return (*frame.path, frame.key if frame.is_object else frame.count)

    def _structural(self, ch: str, out: list[Completed]) -> None:
        frame = self._stack[-1]
        state = frame.state
        if ch in _WS:
            self._pos += 1
            return
        if state in ("key_or_end", "key"):
            if ch == '"':
                self._scalar = (self._pos, True, True, frame.path)
            elif ch == "}" and state == "key_or_end":
                self._close_container(out)
                return
            else:
                raise self._fail(f"expected a key, got {ch!r}")
        elif state == "colon":
            if ch != ":":
                raise self._fail(f"expected ':', got {ch!r}")
            frame.state = "value"
        elif state in ("value", "value_or_end"):
            if ch == "]" and state == "value_or_end":
                self._close_container(out)
                return
            path = self._child_path(frame)
            if ch in "{[":
                self._open(ch, path)
            elif ch == '"':
                self._scalar = (self._pos, True, False, path)
            elif ch in _SCALAR_CHARS:
                self._scalar = (self._pos, False, False, path)
            else:
                raise self._fail(f"expected a value, got {ch!r}")
        elif state == "comma_or_end":
            if ch == ",":
                frame.state = "key" if frame.is_object else "value"
            elif ch == ("}" if frame.is_object else "]"):
                self._close_container(out)
                return
            else:
                raise self._fail(f"expected ',' or a closing bracket, got {ch!r}")
        self._pos += 1

    def _read_scalar(self, ch: str, out: list[Completed]) -> None:
        assert self._scalar is not None
        start, is_string, is_key, path = self._scalar
        if is_string:
            self._pos += 1
            if self._escape:
                self._escape = False
            elif ch == "\\":
                self._escape = True
            elif ch == '"':
                self._scalar = None
                raw = self.text[start : self._pos]
                if is_key:
                    frame = self._stack[-1]
                    frame.key = self._decode(raw)
                    frame.state = "colon"
                else:
                    self._finish_value(path, raw, out)
            return
        if ch in _SCALAR_CHARS:
            self._pos += 1
            return
        # a number or literal ends at the first character that cannot belong to it
        self._scalar = None
        self._finish_value(path, self.text[start : self._pos], out)

    def _decode(self, raw: str) -> Any:
        try:
            # strict=False: models sometimes put raw newlines inside strings; keep them
            return json.loads(raw, strict=False)
        except json.JSONDecodeError as exc:
            raise self._fail(f"bad JSON value {raw[:40]!r} ({exc.msg})") from exc

    def _close_container(self, out: list[Completed]) -> None:
        frame = self._stack.pop()
        self._pos += 1
        raw = self.text[frame.start : self._pos]
        self._finish_value(frame.path, raw, out, container=True)

    def _finish_value(
        self, path: tuple[PathItem, ...], raw: str, out: list[Completed], container: bool = False
    ) -> None:
        wanted = 0 < len(path) <= self.max_depth
        value = self._decode(raw) if (wanted or not path or not container) else None
        if wanted:
            out.append(Completed(path, value))
        if not self._stack:
            self._done = True
            self._value = value
            return
        parent = self._stack[-1]
        parent.count += 1
        parent.state = "comma_or_end"
