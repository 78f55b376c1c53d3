"""Doctor sentences that stay plain English strings but can be shown in Korean later.

The engine never imports Qt, so ``tr()`` is not available to ``doctor.py``. Instead each
sentence is a ``Text``: a ``str`` whose value is the English sentence (the CLI report, JSON and
tests keep working unchanged) that also remembers its template and parameters, so the parent
area can render it again in the language the UI shows at that moment.
"""

from __future__ import annotations

import logging
import string
from collections.abc import Mapping
from typing import Any

from .texts_ko import KO

__all__ = ["KO", "TABLES", "T", "Text", "localize", "placeholders"]

log = logging.getLogger(__name__)

# language -> English template -> that language's template (same placeholders)
TABLES: dict[str, Mapping[str, str]] = {"ko": KO}


class Text(str):
    """An English sentence that can be rendered again in another language.

    Immutable like ``str``: copies are the object itself, so ``dataclasses.asdict`` and
    ``copy.deepcopy`` keep the template instead of flattening it to a plain ``str``.
    """

    template: str
    params: Mapping[str, object]

    def __new__(cls, template: str, params: Mapping[str, object]) -> Text:
        self = super().__new__(cls, template.format(**params))
        self.template = template
        self.params = dict(params)
        return self

    def __copy__(self) -> Text:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Text:
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Text, (self.template, dict(self.params)))


def T(template: str, **params: object) -> Text:
    """``T("cannot reach {host}", host=h)``: the English value now, other languages on demand."""
    return Text(template, params)


def placeholders(template: str) -> set[str]:
    """The field names of a format template (``{gb:.0f}`` -> ``gb``)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def localize(text: str, lang: str) -> str:
    """``text`` in ``lang``; English (the value itself) when there is no translation.

    Never raises: a diagnostics page must show something even for a broken table entry.
    """
    if not isinstance(text, Text) or lang == "en":
        return text
    template = TABLES.get(lang, {}).get(text.template)
    if template is None:
        if lang in TABLES:
            log.debug("no %s translation for %r", lang, text.template)
        return text
    params = {k: localize(v, lang) if isinstance(v, Text) else v for k, v in text.params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError) as exc:
        log.warning("bad %s translation for %r: %s", lang, text.template, exc)
        return str(text)
