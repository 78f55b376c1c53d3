"""``aibook doctor``: what this machine can do, what is wrong, and the one-line fix for each.

The parent area shows the same list (``run_checks`` returns plain ``Check`` dataclasses). Checks
are cheap by default (files and configs present, no model loaded, no network unless the story
backend needs it); ``deep`` also verifies model checksums. Everything touching hardware goes
through ``Probes`` (probes.py), so tests can put the machine in any state. Sentences are
``texts.T`` texts: English strings that the parent area shows in the UI's language.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..backend_names import PictureBackend, StoryBackend
from ..models.disk import human_bytes
from ..models.presets import PRESETS, ModelRole, recommend_preset
from ..models.store import locate_model
from ..models.verify import FolderReport, validate_folder
from ..settings import Settings, get_settings
from ..syslibs import install_command, missing_qt_libs
from ..texts import T, Text, localize
from .probes import Probes

__all__ = [
    "EXIT_BLOCKING",
    "Check",
    "Probes",
    "add_parser",
    "format_report",
    "has_blocking",
    "main",
    "report_json",
    "run_checks",
]

EXIT_BLOCKING = 1
MIN_FREE_BYTES = 500 * 10**6  # below this the shelf cannot save pictures: blocking
LOW_FREE_BYTES = 2 * 10**9
DEFAULT_STORY_HOST = ("api.openai.com", 443)
CUDA_HINT = "pip install torch --index-url https://download.pytorch.org/whl/cu124"


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str  # a texts.Text where it is a sentence: English, translatable
    fix: str = ""  # one line; empty when ok
    blocking: bool = False  # the app cannot do what it was set up to do

    @property
    def status(self) -> str:
        return "ok" if self.ok else ("FAIL" if self.blocking else "warn")


def _bad(name: str, detail: str, fix: str, blocking: bool = False) -> Check:
    return Check(name, False, detail, fix, blocking)


def check_python(p: Probes, s: Settings) -> list[Check]:
    detail = T("Python {version}", version=".".join(map(str, p.python_version())))
    if p.python_version() < (3, 11):
        return [_bad("python", detail, T("install Python 3.11 or newer"), True)]
    return [Check("python", True, detail)]


def check_qt(p: Probes, s: Settings) -> list[Check]:
    if not p.has_module("PySide6"):
        command = "pip install PySide6-Essentials PySide6-Addons"
        fix = T("{command} (or use the bundle)", command=command)
        return [_bad("qt", T("PySide6 is not installed"), fix, True)]
    out = [Check("qt", True, T("PySide6 installed"))]
    # the same dlopen probe the app runs before its window exists (engine/syslibs.py)
    missing = missing_qt_libs(p.load_library, p.env, p.platform)
    if missing:
        libs = ", ".join(f"{lib.soname} ({lib.package})" for lib in missing)
        detail = T("missing system libraries: {libs}", libs=libs)
        out.append(_bad("qt-libs", detail, install_command(missing), True))
    return out


def _wants_torch(s: Settings) -> bool:
    """SDXL and transformers Whisper need torch; a converted (CTranslate2) Whisper does not."""
    if s.picture_backend == PictureBackend.SDXL:
        return True
    if not s.whisper_model.strip():
        return False
    from ..speech.ctranslate import is_ctranslate2_model  # numpy: only when a model is set

    return not is_ctranslate2_model(Path(s.whisper_model.strip()).expanduser())


def check_torch(p: Probes, s: Settings) -> list[Check]:
    versions = p.torch_versions()
    if versions is None:
        if _wants_torch(s):
            detail = T("torch is not installed but SDXL/Whisper are chosen")
            return [_bad("torch", detail, CUDA_HINT, True)]
        return [Check("torch", True, T("not installed (not needed by the embedded painter)"))]
    version, cuda = versions
    build = T("CUDA {cuda} build", cuda=cuda) if cuda else T("CPU build")
    return [Check("torch", True, T("torch {version} ({build})", version=version, build=build))]


def check_gpu(p: Probes, s: Settings) -> list[Check]:
    hw = p.hardware()
    allow_cpu = bool(getattr(s, "sdxl_allow_cpu", False))
    if not hw.cuda:
        if s.picture_backend == PictureBackend.SDXL and not allow_cpu:
            fix = T("install an NVIDIA driver and the CUDA build of torch ({command})",
                    command=CUDA_HINT)  # fmt: skip
            return [_bad("gpu", T("no CUDA GPU, but SDXL pictures are chosen"), fix, True)]
        painter = (
            T("OpenAI") if s.picture_backend == PictureBackend.OPENAI else T("the embedded painter")
        )
        detail = T("no CUDA GPU: {hardware}; pictures by {painter}",
                   hardware=hw.summary_text, painter=painter)  # fmt: skip
        return [Check("gpu", True, detail)]
    chosen = next((x for x in PRESETS if x.id == s.model_preset), None)
    vram = hw.vram_gb or 0.0
    if chosen and vram < chosen.min_vram_gb - 0.5:
        better = recommend_preset(hw)
        fix = T("choose the '{title}' preset ({command})", title=better.title,
                command=f"aibook models download {better.id} --yes")  # fmt: skip
        detail = T("{hardware}: the '{title}' preset needs {gb:.0f} GB",
                   hardware=hw.summary_text, title=chosen.title, gb=chosen.min_vram_gb)  # fmt: skip
        return [_bad("gpu", detail, fix)]
    return [Check("gpu", True, hw.summary_text)]


def check_picture_mode(p: Probes, s: Settings) -> list[Check]:
    """Which SDXL path draws the pictures (issue #17): quality, fast or instant, and what it
    needs (its distilled LoRA; instant also the image check, as it draws without guidance)."""
    if s.picture_backend != "sdxl":
        return []
    from ..pictures.sdxl.modes import mode_spec

    try:
        spec = mode_spec(s.sdxl_mode)
    except ValueError:
        return [_bad("picture_mode", T("unknown picture mode {mode}", mode=s.sdxl_mode),
                     T("choose quality, fast or instant"), True)]  # fmt: skip
    if spec.lora_file and not s.sdxl_lora:
        fix = T("{command}, or set sdxl_lora",
                command=f"aibook models download {spec.mode.value} --yes")  # fmt: skip
        detail = T("{mode} pictures need the distilled LoRA {file}", mode=spec.mode.value,
                   file=spec.lora_file)  # fmt: skip
        return [_bad("picture_mode", detail, fix, True)]
    if spec.needs_image_check and not s.sdxl_safety_checker:
        fix = T("{command} (it includes the image safety check)",
                command=f"aibook models download {spec.mode.value} --yes")  # fmt: skip
        detail = T("instant pictures skip the negative prompt and need the image safety check")
        return [_bad("picture_mode", detail, fix, True)]
    if spec.refiner:
        detail = T("quality: SDXL base + refiner, {steps} steps", steps=s.sdxl_steps)
    else:
        detail = T("{mode}: SDXL base + {file}, {steps} steps, no refiner",
                   mode=spec.mode.value, file=spec.lora_file, steps=spec.steps)  # fmt: skip
    return [Check("picture_mode", True, detail)]


def _no_image_safety(s: Settings) -> Check:
    """A warning, not a block: the parent decides, but must know pictures go unchecked.

    When the model is set, its ``model:sdxl_safety_checker`` row says where it is and whether
    its files are intact (a broken one blocks: SDXL would refuse to start without it). Only the
    preset already in use is suggested: another one would switch the other models too.
    """
    fix = T("{command} (a StableDiffusionSafetyChecker)",
            command="aibook models import sdxl_safety_checker FOLDER")  # fmt: skip
    preset = next((x for x in PRESETS if x.id == s.model_preset), None)
    if preset is not None and preset.spec(ModelRole.IMAGE_SAFETY) is not None:
        fix = T("{command} (finished files are kept), or {other}",
                command=f"aibook models download {preset.id} --yes", other=fix)  # fmt: skip
    detail = T("SDXL pictures are shown unchecked: no image safety model is set")
    return _bad("image_safety", detail, fix)


def _problem_text(report: FolderReport) -> Text:
    """A broken folder's ``FolderReport.describe()`` as a ``Text`` (the same English)."""
    if not report.folder.is_dir():
        return T("{folder} is not a folder", folder=report.folder)
    role = report.role.value
    missing = ", ".join(report.missing)
    damaged = ", ".join(f"{p.path} ({p.problem})" for p in report.corrupt)
    if missing and damaged:
        return T("{role}: missing {missing}; damaged {damaged}", role=role, missing=missing,
                 damaged=damaged)  # fmt: skip
    if missing:
        return T("{role}: missing {missing}", role=role, missing=missing)
    return T("{role}: damaged {damaged}", role=role, damaged=damaged)


def check_models(p: Probes, s: Settings, deep: bool = False) -> list[Check]:
    out: list[Check] = []
    for role in ModelRole:
        value = getattr(s, role.value)
        name = f"model:{role.value}"
        if not value:
            if role is ModelRole.SDXL_BASE and s.picture_backend == PictureBackend.SDXL:
                fix = T("{command}, or import the folder (parent area)",
                        command="aibook models download gpu8 --yes")  # fmt: skip
                detail = T("SDXL pictures are chosen but no base model is set")
                out.append(_bad(name, detail, fix, True))
            elif role is ModelRole.IMAGE_SAFETY and s.picture_backend == PictureBackend.SDXL:
                out.append(_no_image_safety(s))
            continue
        folder = locate_model(value)
        if folder is None:
            fix = T("download it again ({command}) or import the folder",
                    command="aibook models download PRESET --yes")  # fmt: skip
            out.append(_bad(name, T("not found on this machine: {path}", path=value), fix, True))
            continue
        report = validate_folder(role, folder, deep=deep)
        if report.ok:
            count = report.files_checked
            how = (T("{count} files, checksums verified", count=count) if report.deep
                   else T("{count} files, files present and readable", count=count))  # fmt: skip
            out.append(Check(name, True, T("{folder} ({how})", folder=folder, how=how)))
        else:
            fix = T("re-import or re-download it: {command}",
                    command=f"aibook models import {role.value} FOLDER")  # fmt: skip
            out.append(_bad(name, _problem_text(report), fix, True))
    if not out:
        detail = T("none configured: embedded storyteller and painter")
        out.append(Check("models", True, detail))
    return out


def _devices(p: Probes, kind: str) -> list[dict[str, Any]] | str:
    try:
        return [d for d in p.audio_devices() if d.get(f"max_{kind}_channels", 0) > 0]
    except Exception as exc:  # PortAudio missing or broken: never stop the doctor
        return f"{type(exc).__name__}: {exc}"


def check_audio(p: Probes, s: Settings) -> list[Check]:
    out = []
    for name, kind, none_found, hint in (
        ("microphone", "input", T("no input device found"),
         T("plug in a USB microphone or headset and unmute it")),
        ("speakers", "output", T("no output device found"),
         T("connect speakers or headphones (read-aloud needs them)")),
    ):  # fmt: skip
        found = _devices(p, kind)
        if isinstance(found, str):
            fix = T("{command} (Linux); check the sound driver",
                    command="sudo apt install libportaudio2")  # fmt: skip
            out.append(_bad(name, T("cannot list sound devices ({error})", error=found), fix))
        elif not found:
            out.append(_bad(name, none_found, hint))
        else:
            out.append(Check(name, True, ", ".join(str(d.get("name", "?")) for d in found[:3])))
    return out


def check_fonts(p: Probes, s: Settings) -> list[Check]:
    fix = T("reinstall AI-Book: the shipped font (resources/fonts) is damaged or missing")
    try:
        files = p.font_files()
    except FileNotFoundError as exc:
        return [_bad("fonts", str(exc), fix, True)]
    for path in files:
        try:
            magic = path.read_bytes()[:4]
        except OSError as exc:
            error = T("{file}: {error}", file=path.name, error=exc.strerror or exc)
            return [_bad("fonts", error, fix, True)]
        if magic not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
            return [_bad("fonts", T("{file} is not a font file", file=path.name), fix, True)]
    return [Check("fonts", True, ", ".join(f.name for f in files))]


def check_disk(p: Probes, s: Settings) -> list[Check]:
    try:
        folder = p.data_dir()
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-"):
            pass
    except OSError as exc:
        fix = T("check the folder's permissions, or set AIBOOK_HOME to a writable folder")
        return [_bad("disk", T("cannot write to the data folder: {error}", error=exc), fix, True)]
    free = int(p.disk_usage(str(folder)).free)
    detail = T("{free} free in {folder}", free=human_bytes(free), folder=folder)
    if free < MIN_FREE_BYTES:
        return [_bad("disk", detail, T("free disk space: books cannot be saved"), True)]
    if free < LOW_FREE_BYTES:
        fix = T("free some disk space soon (books and models need it)")
        return [_bad("disk", detail, fix)]
    return [Check("disk", True, detail)]


class KeyringState(StrEnum):
    USABLE = "usable"
    NONE = "none"  # keyring's "fail"/"null" backend: nothing to store the key in
    BROKEN = "broken"  # asking for the backend raised


_NO_KEYRING = ("keyring.backends.fail.", "keyring.backends.null.")


def keyring_state(p: Probes) -> tuple[KeyringState, str]:
    """The keyring's state from its backend's dotted class name (never from display text)."""
    try:
        backend = str(p.keyring_backend())
    except Exception as exc:
        return KeyringState.BROKEN, type(exc).__name__
    if backend.startswith(_NO_KEYRING):
        return KeyringState.NONE, backend
    return KeyringState.USABLE, backend


def check_keyring(p: Probes, s: Settings) -> list[Check]:
    state, name = keyring_state(p)
    if state is KeyringState.USABLE:
        return [Check("keyring", True, name)]
    backend = T("unusable ({error})", error=name) if state is KeyringState.BROKEN else name
    if (
        s.story_backend == StoryBackend.OPENAI or s.picture_backend == PictureBackend.OPENAI
    ) and not p.env.get("OPENAI_API_KEY"):
        fix = T("install and unlock a keyring (gnome-keyring, KWallet) or set OPENAI_API_KEY")
        detail = T("no usable keyring ({backend}) for the OpenAI key", backend=backend)
        return [_bad("keyring", detail, fix)]
    detail = T("no usable keyring ({backend}); no key needed now", backend=backend)
    return [Check("keyring", True, detail)]


def check_narration(p: Probes, s: Settings) -> list[Check]:
    """Who reads the book aloud here (#14): the system voice needs speech-dispatcher on Linux;
    OpenAI narration needs a key. Never blocking: a book without a voice is still a book."""
    from ..narration import openai_status, system_voice_status

    system = system_voice_status(p.platform, p.which, p.load_library)
    online = openai_status(s, p.stored_key_value)
    if system.available:
        detail = T("system voice available")
        return [Check("read-aloud", True, detail)]
    if online.available:
        detail = T("OpenAI voice (pages are recorded while the book is drawn)")
        return [Check("read-aloud", True, detail)]
    detail = T("no voice: speech-dispatcher is not installed, so Read to me is hidden")
    return [
        _bad("read-aloud", detail, T("install the system voice: {command}", command=system.fix))
    ]


def _story_host(s: Settings) -> tuple[str, int]:
    if not s.openai_base_url:
        return DEFAULT_STORY_HOST
    url = urlsplit(s.openai_base_url if "//" in s.openai_base_url else "//" + s.openai_base_url)
    port = url.port or (80 if url.scheme == "http" else 443)
    return url.hostname or DEFAULT_STORY_HOST[0], port


def check_pictures_openai(p: Probes, s: Settings) -> list[Check]:
    """OpenAI pictures need a key or a compatible server's address; without either every page
    is drawn by the embedded painter instead."""
    if s.picture_backend != PictureBackend.OPENAI:
        return []
    base_url = s.openai_base_url.strip() or p.env.get("OPENAI_BASE_URL", "").strip()
    if base_url:
        detail = T("{model} at {url}", model=s.openai_image_model, url=base_url)
        return [Check("openai-pictures", True, detail)]
    try:
        stored = p.stored_key()
    except Exception:  # a broken keyring: the keyring check reports it
        stored = None
    if p.env.get("OPENAI_API_KEY") or stored:
        detail = T("{model}, API key set", model=s.openai_image_model)
        return [Check("openai-pictures", True, detail)]
    fix = T("save an API key in the parent area (or set OPENAI_API_KEY), or set openai_base_url")
    detail = T("OpenAI pictures are chosen but there is no API key: the embedded painter draws")
    return [_bad("openai-pictures", detail, fix)]


def check_server(p: Probes, s: Settings) -> list[Check]:
    """A kiosk using `aibook serve`: reachable, this kiosk's token known, same protocol, and
    which models it serves. Any trouble means local sketches and cards, never a stuck child."""
    if "remote" not in (s.picture_backend, s.speech_backend):
        return []
    from ..serving import PROTOCOL_VERSION, ServerAddress, ServerTrouble, Trouble, health

    address = ServerAddress.from_settings(s)
    problem = address.unavailable_reason()
    fix = T("set server_url and server_token in the parent area (the server's config lists "
            "one token per kiosk)")  # fmt: skip
    if problem is not None:
        return [_bad("server", T("the picture/speech server is not set up: {problem}",
                                 problem=problem), fix)]  # fmt: skip
    try:
        info = health(address)
    except ServerTrouble as exc:
        if exc.trouble is Trouble.TOKEN:
            detail = T("the server {url} does not know this kiosk's token", url=address.url)
        elif exc.trouble is Trouble.VERSION:
            detail = T("the server {url} speaks another protocol version: update the app on "
                       "both", url=address.url)  # fmt: skip
        else:
            detail = T("cannot reach the server {url} ({error}): local sketches and cards "
                       "meanwhile", url=address.url, error=exc.detail)  # fmt: skip
        return [_bad("server", detail, fix)]
    detail = T("server {url}: pictures by {pictures}, speech in {languages} (version {version})",
               url=address.url, pictures=info.get("pictures", {}).get("name", "?"),
               languages=", ".join(info.get("speech_languages") or ()) or "-",
               version=info.get("version", "?"))  # fmt: skip
    if info.get("protocol") != PROTOCOL_VERSION:
        return [_bad("server", T("the server {url} speaks another protocol version: update the "
                                 "app on both", url=address.url), fix)]  # fmt: skip
    return [Check("server", True, detail)]


def check_network(p: Probes, s: Settings) -> list[Check]:
    if s.story_backend == StoryBackend.OFFLINE and s.picture_backend != PictureBackend.OPENAI:
        return [Check("network", True, T("not needed: the offline storyteller is in use"))]
    host, port = _story_host(s)
    try:
        p.connect(host, port, p.timeout_s)
    except OSError as exc:
        fix = T("check the network/proxy or openai_base_url in settings "
                "(offline stories meanwhile)")  # fmt: skip
        detail = T("cannot reach the story server {host}:{port} ({error})", host=host, port=port,
                   error=exc)  # fmt: skip
        return [_bad("network", detail, fix)]
    return [Check("network", True, T("story server {host}:{port} reachable", host=host, port=port))]


def run_checks(
    settings: Settings | None = None, *, deep: bool = False, probes: Probes | None = None
) -> list[Check]:
    """Every check, in the order a person would fix them."""
    s = settings or get_settings()
    p = probes or Probes()
    checks: list[Check] = []
    for check in (check_python, check_qt, check_torch, check_gpu):
        checks += check(p, s)
    checks += check_models(p, s, deep=deep)
    checks += check_picture_mode(p, s)
    checks += check_pictures_openai(p, s)
    checks += check_server(p, s)
    for check in (check_audio, check_voice, check_narration, check_fonts, check_disk,
                  check_keyring, check_network):  # fmt: skip
        checks += check(p, s)
    return checks


def check_voice(p: Probes, s: Settings) -> list[Check]:
    """Which recogniser serves Korean and English (issue #16); a missing one is a warning."""
    from ..speech.voice_report import voice_rows

    return [Check(r.name, r.ok, r.detail, r.fix) for r in voice_rows(s)]


def has_blocking(checks: list[Check]) -> bool:
    return any(c.blocking and not c.ok for c in checks)


def format_report(checks: list[Check], lang: str = "en") -> str:
    """The text report; ``lang`` translates the details and fixes, the layout stays English."""
    width = max(len(c.name) for c in checks)
    lines = []
    for c in checks:
        lines.append(f"{c.status:<4}  {c.name:<{width}}  {localize(c.detail, lang)}")
        if c.fix:
            lines.append(f"{'':<4}  {'':<{width}}  fix: {localize(c.fix, lang)}")
    verdict = "blocking problems found" if has_blocking(checks) else "ready"
    return "\n".join([*lines, "", f"AI-Book doctor: {verdict}"])


def report_json(checks: list[Check]) -> str:
    data = {
        "ok": not has_blocking(checks),
        "checks": [dataclasses.asdict(c) | {"status": c.status} for c in checks],
    }
    return json.dumps(data, ensure_ascii=False, indent=1)


def add_parser(sub: Any) -> None:
    """The ``doctor`` subcommand for engine/cli.py."""
    dr = sub.add_parser("doctor", help="check this machine: GPU, models, audio, fonts, network")
    dr.add_argument("--json", action="store_true", help="print the checks as JSON")
    dr.add_argument("--deep", action="store_true", help="also verify model checksums (slow)")
    dr.add_argument("--lang", choices=("ko", "en"), default=None,
                    help="report language (default: the settings' language)")  # fmt: skip


def main(args: argparse.Namespace, probes: Probes | None = None) -> int:
    checks = run_checks(deep=args.deep, probes=probes)
    lang = getattr(args, "lang", None) or get_settings().language
    print(report_json(checks) if args.json else format_report(checks, lang))
    return EXIT_BLOCKING if has_blocking(checks) else 0
