"""Which waiting page the GPU draws next: page 1 of every book before page 3 of any book.

A child staring at an empty making-screen matters more than throughput, so the queue orders
waiting pages by page number first, then by how many pages each kiosk has already been served
(fairness: a kiosk with a long book does not crowd out the others), then by arrival. ``FIFO``
is the plain first-come-first-served queue the benchmark compares against. Several waiting
pages of the same size are drawn together when the painter can batch (one denoising pass).

Pure asyncio and no Ray: the Ray Serve deployment owns one of these, and tests drive it alone.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ..cancel import Cancelled, CancelToken

__all__ = ["Job", "PageScheduler", "Policy"]

log = logging.getLogger(__name__)


class Policy(StrEnum):
    CHILD_FIRST = "child_first"
    FIFO = "fifo"


@dataclass
class Job:
    kiosk: str
    page_index: int
    payload: Any  # what the draw function needs (a PictureRequest on the server)
    size: tuple[int, int] = (0, 0)  # pages of one size can share a batch
    cancel: CancelToken = field(default_factory=CancelToken)
    # filled in by the scheduler
    seq: int = 0
    done: asyncio.Future[Any] | None = None


# draw(jobs) runs on a worker thread and returns one result per job, in order
DrawFn = Callable[[Sequence[Job]], list[Any]]


class PageScheduler:
    """One GPU, one drawing at a time; ``submit`` waits for this job's turn and its picture."""

    def __init__(self, draw: DrawFn, policy: Policy = Policy.CHILD_FIRST, max_batch: int = 1):
        self.draw = draw
        self.policy = policy
        self.max_batch = max(1, max_batch)
        self._heap: list[tuple[tuple[int, ...], int, Job]] = []
        self._seq = itertools.count()
        self._served: Counter[str] = Counter()
        self._wake = asyncio.Event()
        self._worker: asyncio.Task[None] | None = None
        self.stats: Counter[str] = Counter()

    def _key(self, job: Job) -> tuple[int, ...]:
        if self.policy is Policy.FIFO:
            return (job.seq,)
        return (job.page_index, self._served[job.kiosk], job.seq)

    @property
    def waiting(self) -> int:
        return sum(1 for _, _, job in self._heap if not job.cancel.cancelled)

    async def submit(self, job: Job) -> Any:
        """The job's result; ``Cancelled`` if the job's token is cancelled (queued or drawing)."""
        loop = asyncio.get_running_loop()
        job.seq = next(self._seq)
        job.done = loop.create_future()
        heapq.heappush(self._heap, (self._key(job), job.seq, job))
        self.stats["submitted"] += 1
        if self._worker is None or self._worker.done():
            self._worker = asyncio.create_task(self._run(), name="aibook-page-scheduler")
        self._wake.set()
        try:
            return await asyncio.shield(job.done)
        except asyncio.CancelledError:
            job.cancel.cancel()  # the kiosk went away: stop drawing, or never start
            job.done.add_done_callback(_consume)
            raise

    def _take(self) -> list[Job]:
        batch: list[Job] = []
        skipped: list[tuple[tuple[int, ...], int, Job]] = []
        while self._heap and len(batch) < self.max_batch:
            entry = heapq.heappop(self._heap)
            job = entry[2]
            if job.cancel.cancelled:
                self.stats["cancelled_waiting"] += 1
                if job.done is not None and not job.done.done():
                    job.done.set_exception(Cancelled())
                continue
            if batch and job.size != batch[0].size:
                skipped.append(entry)
                continue
            batch.append(job)
        for entry in skipped:
            heapq.heappush(self._heap, entry)
        return batch

    async def _run(self) -> None:
        while True:
            batch = self._take()
            if not batch:
                self._wake.clear()
                if not self._heap:
                    await self._wake.wait()
                continue
            for job in batch:
                self._served[job.kiosk] += 1
            self._refresh_keys()
            try:
                results = await asyncio.to_thread(self.draw, batch)
            except Cancelled:
                results = [Cancelled()] * len(batch)
            except Exception as exc:  # one bad page must not stop the queue for everyone
                log.exception("drawing %d page(s) failed", len(batch))
                results = [exc] * len(batch)
            self.stats["batches"] += 1
            for job, result in zip(batch, results, strict=True):
                assert job.done is not None
                if job.done.done():
                    continue
                if isinstance(result, BaseException):
                    self.stats["cancelled" if isinstance(result, Cancelled) else "failed"] += 1
                    job.done.set_exception(result)
                else:
                    self.stats["drawn"] += 1
                    job.done.set_result(result)

    def _refresh_keys(self) -> None:
        """Served counts changed: re-key what waits so fairness uses the current counts."""
        if self.policy is Policy.FIFO or not self._heap:
            return
        entries = [(self._key(job), job.seq, job) for _, _, job in self._heap]
        heapq.heapify(entries)
        self._heap = entries


def _consume(future: asyncio.Future[Any]) -> None:
    """Nobody waits for a job whose kiosk left: read its outcome so asyncio does not complain."""
    if not future.cancelled():
        future.exception()
