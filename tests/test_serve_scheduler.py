"""The child-first page queue on its own (no Ray): order, fairness, batching, cancellation."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence

import pytest

from aibook_desktop.engine.cancel import Cancelled
from aibook_desktop.engine.serve.scheduler import Job, PageScheduler, Policy


class Recorder:
    """A painter that records the order it drew in and can hold the first page back."""

    def __init__(self) -> None:
        self.order: list[tuple[str, int]] = []
        self.batches: list[int] = []
        self.gate = threading.Event()
        self.gate.set()

    def __call__(self, jobs: Sequence[Job]) -> list[str]:
        self.gate.wait(5)
        self.batches.append(len(jobs))
        out = []
        for job in jobs:
            job.cancel.check()
            self.order.append((job.kiosk, job.page_index))
            out.append(f"{job.kiosk}:{job.page_index}")
        return out


async def _run_all(scheduler: PageScheduler, recorder: Recorder, jobs: list[Job]) -> list[object]:
    recorder.gate.clear()  # the first job occupies the painter while the rest queue up
    first = asyncio.ensure_future(scheduler.submit(jobs[0]))
    await asyncio.sleep(0.05)
    rest = [asyncio.ensure_future(scheduler.submit(j)) for j in jobs[1:]]
    await asyncio.sleep(0.05)
    recorder.gate.set()
    return await asyncio.gather(first, *rest, return_exceptions=True)


def _jobs() -> list[Job]:
    # kiosk A is deep in its book; B and C have just started theirs
    return [Job("A", 4, None), Job("A", 5, None), Job("B", 0, None), Job("C", 0, None),
            Job("A", 6, None), Job("B", 1, None)]  # fmt: skip


def test_child_first_draws_every_first_page_before_later_pages() -> None:
    recorder = Recorder()
    scheduler = PageScheduler(recorder, Policy.CHILD_FIRST)
    results = asyncio.run(_run_all(scheduler, recorder, _jobs()))
    assert results[2] == "B:0" and all(isinstance(r, str) for r in results)
    assert recorder.order == [("A", 4), ("B", 0), ("C", 0), ("B", 1), ("A", 5), ("A", 6)]


def test_fifo_keeps_arrival_order() -> None:
    recorder = Recorder()
    scheduler = PageScheduler(recorder, Policy.FIFO)
    asyncio.run(_run_all(scheduler, recorder, _jobs()))
    assert recorder.order == [("A", 4), ("A", 5), ("B", 0), ("C", 0), ("A", 6), ("B", 1)]


def test_fair_between_kiosks_at_the_same_page() -> None:
    recorder = Recorder()
    scheduler = PageScheduler(recorder, Policy.CHILD_FIRST)
    jobs = [Job("A", 2, None), Job("A", 3, None), Job("A", 3, None), Job("B", 3, None)]
    asyncio.run(_run_all(scheduler, recorder, jobs))
    # A has been served once already: B's page 4 goes before A's second page 4
    assert recorder.order == [("A", 2), ("B", 3), ("A", 3), ("A", 3)]


def test_pages_of_one_size_are_batched_together() -> None:
    recorder = Recorder()
    scheduler = PageScheduler(recorder, Policy.CHILD_FIRST, max_batch=4)
    jobs = (
        [Job("A", 0, None, size=(64, 64))]
        + [Job(k, 1, None, size=(64, 64)) for k in "BCD"]
        + [Job("E", 1, None, size=(128, 128))]
    )
    asyncio.run(_run_all(scheduler, recorder, jobs))
    assert recorder.batches == [1, 3, 1]  # the odd size is never mixed into a batch


def test_a_kiosk_that_leaves_is_never_drawn_and_does_not_block_the_queue() -> None:
    recorder = Recorder()
    scheduler = PageScheduler(recorder, Policy.CHILD_FIRST)

    async def scenario() -> tuple[object, object]:
        recorder.gate.clear()
        busy = asyncio.ensure_future(scheduler.submit(Job("A", 0, None)))
        await asyncio.sleep(0.05)
        leaving = asyncio.ensure_future(scheduler.submit(Job("B", 0, None)))
        staying = asyncio.ensure_future(scheduler.submit(Job("C", 0, None)))
        await asyncio.sleep(0.05)
        leaving.cancel()  # what Ray does when the kiosk's connection closes
        await asyncio.sleep(0.05)
        recorder.gate.set()
        return await busy, await staying

    assert asyncio.run(scenario()) == ("A:0", "C:0")
    assert ("B", 0) not in recorder.order
    assert scheduler.stats["cancelled_waiting"] == 1


def test_a_page_cancelled_while_drawing_stops_and_the_next_one_runs() -> None:
    started = threading.Event()

    def slow(jobs: Sequence[Job]) -> list[str]:
        started.set()
        for _ in range(200):
            jobs[0].cancel.check()
            threading.Event().wait(0.01)
        return ["late"]

    scheduler = PageScheduler(slow, Policy.CHILD_FIRST)

    async def scenario() -> None:
        task = asyncio.ensure_future(scheduler.submit(Job("A", 0, None)))
        await asyncio.to_thread(started.wait, 5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        for _ in range(100):
            if scheduler.stats["cancelled"]:
                break
            await asyncio.sleep(0.02)

    asyncio.run(scenario())
    assert scheduler.stats["cancelled"] == 1 and scheduler.stats["drawn"] == 0


def test_one_failing_page_fails_alone() -> None:
    def flaky(jobs: Sequence[Job]) -> list[str]:
        if jobs[0].kiosk == "bad":
            raise RuntimeError("boom")
        return ["ok"]

    scheduler = PageScheduler(flaky, Policy.CHILD_FIRST)

    async def scenario() -> list[object]:
        return await asyncio.gather(
            scheduler.submit(Job("bad", 0, None)),
            scheduler.submit(Job("good", 0, None)),
            return_exceptions=True,
        )

    bad, good = asyncio.run(scenario())
    assert isinstance(bad, RuntimeError) and good == "ok"
    assert not isinstance(bad, Cancelled)


def test_the_example_config_loads_and_a_bad_one_says_why(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    from aibook_desktop.engine.serve.config import ServeConfigError, load_config

    example = Path(__file__).parents[1] / "packaging" / "server" / "serve.example.toml"
    with pytest.raises(ServeConfigError, match="no kiosk"):  # copied as is, it must not open up
        load_config(example)
    ready = tmp_path / "serve.toml"
    ready.write_text(example.read_text().replace(
        '# library-1 = "paste a token from --new-token"', 'library-1 = "k1-0123456789abcdefgh"'
    ))  # fmt: skip
    config = load_config(ready)
    assert config.policy is Policy.CHILD_FIRST and config.picture_gpu_share == 0.75
    assert config.kiosk_for("k1-0123456789abcdefgh") == "library-1"
    assert config.kiosk_for("guess") is None
    bad = tmp_path / "bad.toml"
    bad.write_text('[kiosks]\nlib = "replace-me-with-a-real-token"\n')
    with pytest.raises(ServeConfigError, match="placeholder"):
        load_config(bad)
    bad.write_text('[kiosks]\nlib = "short"\n')
    with pytest.raises(ServeConfigError, match="16 characters"):
        load_config(bad)
    bad.write_text("port = 8765\n")
    with pytest.raises(ServeConfigError, match="no kiosk"):
        load_config(bad)


def test_cli_serve_says_what_is_wrong_with_its_config(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from aibook_desktop.engine import cli

    assert cli.main(["serve", "--config", str(tmp_path / "missing.toml")]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert cli.main(["serve", "--config", "x", "--new-token"]) == 0
    assert len(capsys.readouterr().out.strip()) >= 32
