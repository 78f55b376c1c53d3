"""The parent area's doctor, model setup (download, import, presets), first-run notice, deleting."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication
from safetensors.numpy import save_file
from ui_actions import click, enter_parent_area

from aibook_desktop.engine.book import Book, Hero, HeroKind, Page, Theme
from aibook_desktop.engine.cancel import CancelToken
from aibook_desktop.engine.doctor import Probes
from aibook_desktop.engine.hardware import HardwareInfo
from aibook_desktop.engine.library import Library
from aibook_desktop.engine.models import (
    DiskUsage,
    DownloadProgress,
    InstalledModel,
    Preset,
    check_disk_space,
    models_dir,
)
from aibook_desktop.engine.settings import Settings, load_settings
from aibook_desktop.ui.app import MainWindow
from aibook_desktop.ui.parent.diagnostics import NAME_ROLE

GB = 10**9
CPU_ONLY = HardwareInfo(2, "x86_64", torch_installed=False, cuda=False)
GPU_8GB = HardwareInfo(8, "x86_64", torch_installed=True, cuda=True, gpu_name="RTX 4060",
                       vram_gb=8.0)  # fmt: skip


def models_tab(qtbot, window: MainWindow):  # type: ignore[no-untyped-def]
    area = window.parent_area
    area.show_models()
    qtbot.waitUntil(lambda: area.models.isVisible())
    return area.models


def test_doctor_page_lists_checks_with_fixes(qtbot, open_window) -> None:
    window = open_window(gate_hold_ms=40)
    probes = Probes(
        hardware=lambda: CPU_ONLY,
        torch_versions=lambda: None,
        audio_devices=lambda: [{"name": "Speakers", "max_output_channels": 2}],
        keyring_backend=lambda: "keyring.backends.Memory",
        disk_usage=lambda _path: DiskUsage(10 * GB, 9 * GB, 100 * 10**6),
        which=lambda name: f"/usr/bin/{name}",  # a system voice, whatever this machine has
        load_library=lambda _soname: True,
    )
    threads: list[object] = []
    models = window.bridge.models
    models.doctor_probes = probes
    models.checked.connect(
        lambda _c: threads.append(QThread.currentThread()), Qt.ConnectionType.DirectConnection
    )
    enter_parent_area(qtbot, window)
    area = window.parent_area
    area.tabs.setCurrentWidget(area.diagnostics)
    page = area.diagnostics
    qtbot.waitUntil(lambda: page.checks.count() > 0, timeout=30_000)
    assert threads and threads[0] is not QApplication.instance().thread()
    items = [page.checks.item(i) for i in range(page.checks.count())]
    rows = {it.data(NAME_ROLE): it for it in items if it.data(Qt.ItemDataRole.UserRole) != "fix"}
    fixes = [it.text().strip() for it in items if it.data(Qt.ItemDataRole.UserRole) == "fix"]
    assert rows["python"].text().startswith("✔") and rows["speakers"].text().startswith("✔")
    mic, disk = rows["microphone"], rows["disk"]
    assert mic.text().startswith("⚠") and disk.text().startswith("✘")
    assert fixes[0].startswith("Fix: plug in a USB microphone") and len(fixes) == 3
    # no Korean recogniser on this machine (issue #16): the CPU voice preset is the fix
    assert rows["voice:ko"].text().startswith("⚠") and "cpu-voice" in fixes[1]
    assert fixes[2] == "Fix: free disk space: books cannot be saved"
    assert items[items.index(disk) + 1].text().strip() == fixes[2]  # right under its problem
    assert disk.data(Qt.ItemDataRole.UserRole) == "FAIL"
    assert disk.foreground().color().name() != rows["python"].foreground().color().name()
    assert {c.name for c in page.problems()} == {"microphone", "voice:ko", "disk"}


class FakeHub:
    """Stands in for ``download_preset`` (the network edge): reports progress, obeys cancel."""

    def __init__(self, folder: Path, free: int = 500 * GB) -> None:
        self.folder, self.free = folder, free
        self.calls: list[str] = []
        self.hold = threading.Event()  # the test lets the download finish
        self.hold.set()

    def __call__(self, preset: Preset, *, confirm: bool, progress, cancel: CancelToken, **kw):  # type: ignore[no-untyped-def]
        assert confirm is True
        self.calls.append(preset.id)
        usage = DiskUsage(1000 * GB, 0, self.free)
        check_disk_space(preset.approx_bytes, self.folder, disk_usage=lambda _p: usage)
        installed = []
        for spec in preset.downloadable:
            progress(DownloadProgress("download", spec.role, "model.safetensors", 50, 100))
            cancel.wait(0) if self.hold.is_set() else cancel.wait(30)
            cancel.check()
            folder = self.folder / spec.role.value
            folder.mkdir(parents=True, exist_ok=True)
            installed.append(InstalledModel(spec.role, folder, f"hf://{spec.repo_id}@abc"))
        return None, installed


def test_download_asks_first_then_cancels_refuses_and_applies(
    qtbot, open_window, tmp_path: Path
) -> None:
    window = open_window(gate_hold_ms=40)
    hub = FakeHub(tmp_path / "models")
    window.bridge.models.download_fn = hub
    window.bridge.models.hardware_fn = lambda: GPU_8GB
    enter_parent_area(qtbot, window)
    page = models_tab(qtbot, window)
    qtbot.waitUntil(lambda: "recommended" in page.marks["gpu8"].text(), timeout=10_000)
    # SDXL base 6.94 + fp16-safe VAE 0.33 + image safety 1.22 + Whisper small 0.97 GB
    assert "8 GB" in page.needs["gpu8"].text() and "9.5 GB" in page.needs["gpu8"].text()
    assert "RTX 4060" in page.intro.text()

    # 1. the grown-up says no: nothing is fetched
    questions: list[str] = []
    page.confirm = lambda _title, text: bool(questions.append(text))
    page.free_bytes = lambda: 123 * GB
    click(qtbot, page.download_buttons["gpu8"])
    assert "9.5 GB" in questions[0] and "123.0 GB" in questions[0]
    assert page.status.text() == "Nothing was downloaded." and hub.calls == []

    # 2. yes, then Cancel while it runs: stopped, nothing applied
    page.confirm = lambda _title, _text: True
    hub.hold.clear()
    click(qtbot, page.download_buttons["gpu8"])
    qtbot.waitUntil(lambda: page.progress.value() == 500, timeout=10_000)
    assert page.progress.isVisible() and not page.download_buttons["gpu12"].isEnabled()
    click(qtbot, page.cancel_button)
    qtbot.waitUntil(lambda: page.status.text().startswith("Stopped"), timeout=10_000)
    assert not page.progress.isVisible() and window.settings.model_preset == ""
    hub.hold.set()

    # 3. not enough disk: the engine's message reaches the grown-up
    hub.free = 3 * GB
    click(qtbot, page.download_buttons["gpu8"])
    qtbot.waitUntil(lambda: "did not finish" in page.status.text(), timeout=10_000)
    assert "Not enough free disk space" in page.status.text()

    # 4. it works: folders and backends saved, the first-run notice gone
    hub.free = 500 * GB
    assert window.home.setup_notice.isHidden() is False
    click(qtbot, page.download_buttons["gpu8"])
    qtbot.waitUntil(lambda: page.status.text().startswith("Done"), timeout=10_000)
    saved = load_settings()
    assert saved.model_preset == "gpu8" and saved.picture_backend == "sdxl"
    assert saved.sdxl_base == str(tmp_path / "models" / "sdxl_base")
    assert saved.whisper_model == str(tmp_path / "models" / "whisper_model")
    assert saved.sdxl_safety_checker == str(tmp_path / "models" / "sdxl_safety_checker")
    assert window.settings.sdxl_base == saved.sdxl_base and saved.sdxl_refiner == ""
    assert window.parent_area.folders["sdxl_base"].text() == saved.sdxl_base
    assert "in use" in page.marks["gpu8"].text()
    assert window.home.setup_notice.isHidden()


def test_import_of_a_folder_with_a_missing_file_shows_the_report(
    qtbot, open_window, tmp_path: Path
) -> None:
    window = open_window(gate_hold_ms=40)
    stick = tmp_path / "usb" / "whisper"
    stick.mkdir(parents=True)
    (stick / "config.json").write_text("{}", encoding="utf-8")
    (stick / "tokenizer.json").write_text("{}", encoding="utf-8")  # but no weights
    enter_parent_area(qtbot, window)
    page = models_tab(qtbot, window)
    page.choose_folder = lambda: str(stick)
    page.role.setCurrentIndex(page.role.findData("whisper_model"))
    click(qtbot, page.import_button)
    qtbot.waitUntil(lambda: "cannot be used" in page.status.text(), timeout=30_000)
    assert "whisper_model: missing" in page.status.text()
    assert "model*.safetensors" in page.status.text() and "tokenizer" not in page.status.text()
    assert window.settings.whisper_model == "" and load_settings().whisper_model == ""


def test_a_grown_up_imports_the_picture_safety_model(qtbot, open_window, tmp_path: Path) -> None:
    window = open_window(gate_hold_ms=40)
    stick = tmp_path / "usb" / "safety"
    stick.mkdir(parents=True)
    for name in ("config.json", "preprocessor_config.json"):
        (stick / name).write_text("{}", encoding="utf-8")
    save_file({"w": np.zeros(8, dtype=np.float32)}, str(stick / "model.safetensors"))
    enter_parent_area(qtbot, window)
    page = models_tab(qtbot, window)
    index = page.role.findData("sdxl_safety_checker")
    assert page.role.itemText(index) == "Picture safety check"
    page.choose_folder = lambda: str(stick)
    page.role.setCurrentIndex(index)
    click(qtbot, page.import_button)
    qtbot.waitUntil(lambda: page.status.text().startswith("Imported"), timeout=30_000)
    imported = str(models_dir() / "imported-sdxl_safety_checker")
    assert window.settings.sdxl_safety_checker == imported
    assert load_settings().sdxl_safety_checker == imported


def test_first_run_notice_until_a_preset_is_chosen(qtbot, open_window) -> None:
    window = open_window(gate_hold_ms=40)
    assert window.settings.model_preset == ""
    notice = window.home.setup_notice
    assert notice.isVisible() and "grown-ups' area" in notice.text()
    window.bridge.models.hardware_fn = lambda: CPU_ONLY
    enter_parent_area(qtbot, window)
    page = models_tab(qtbot, window)
    qtbot.waitUntil(lambda: "recommended" in page.marks["cpu"].text(), timeout=10_000)
    click(qtbot, page.use_buttons["cpu"])
    assert load_settings().model_preset == "cpu" and window.settings.picture_backend == "sketch"
    click(qtbot, window.parent_area.home_button)
    assert window.stack.currentWidget() is window.home and not notice.isVisible()
    # a later start with a preset chosen never shows it
    again = open_window(Settings(language="en", pages=4, picture_size=64, model_preset="cpu"))
    assert not again.home.setup_notice.isVisible()


def _shelve(title: str) -> str:
    book = Book(title=title, lang="en", hero=Hero.default(HeroKind.CAT, "en"),
                theme=Theme("the moon"), page_count=1)  # fmt: skip
    book.pages.append(Page(0, "Once upon a time.", "scene"))
    Library().save_book(book)
    return book.id


def test_a_grown_up_deletes_a_book_after_saying_yes(qtbot, open_window) -> None:
    keep, drop = _shelve("Keep me"), _shelve("Delete me")
    window = open_window(gate_hold_ms=40)
    enter_parent_area(qtbot, window)
    area = window.parent_area
    books = area.books
    area.tabs.setCurrentWidget(books)
    qtbot.waitUntil(lambda: books.list.count() == 2, timeout=30_000)
    row = next(i for i in range(2) if books.list.item(i).text().startswith("Delete me"))
    books.list.setCurrentRow(row)
    books.confirm = lambda _title, _text: False
    click(qtbot, books.delete_button)
    assert books.status.text() == "Nothing was deleted." and books.list.count() == 2
    asked: list[str] = []
    books.confirm = lambda _title, text: not asked.append(text)
    click(qtbot, books.delete_button)
    qtbot.waitUntil(lambda: books.list.count() == 1, timeout=30_000)
    assert "Delete me" in asked[0] and books.status.text() == "The book was deleted."
    assert [b.id for b in Library().list_books()] == [keep]
    assert drop not in window.shelf.cards and keep in window.shelf.cards


def test_the_fast_picture_presets_are_offered_in_both_languages(
    qtbot, open_window, tmp_path: Path
) -> None:
    """Issue #17: fast (Hyper-SDXL 8 steps) and instant (SDXL-Lightning) next to quality."""
    window = open_window(gate_hold_ms=40)
    window.bridge.models.hardware_fn = lambda: CPU_ONLY
    enter_parent_area(qtbot, window)
    page = models_tab(qtbot, window)
    assert "fast pictures (8 steps, no refiner)" in page.titles["fast"].text()
    assert "safety check required" in page.titles["instant"].text()
    assert page.download_buttons["fast"].isVisible()
    assert page.needs["fast"].text().startswith("Disk: ")
    assert page.grab().save(str(tmp_path / "models-page.png"))  # looked at while building it
    ko = open_window(Settings(language="ko", pages=4, picture_size=64, model_preset="fast"))
    ko.bridge.models.hardware_fn = lambda: CPU_ONLY
    enter_parent_area(qtbot, ko)
    korean = models_tab(qtbot, ko)
    assert (
        korean.titles["fast"].text() == "그래픽 카드 12 GB 이상: 빠른 그림 (8단계, 리파이너 없음)"
    )
    qtbot.waitUntil(lambda: "✔" in korean.marks["fast"].text(), timeout=10_000)
