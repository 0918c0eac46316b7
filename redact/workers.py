"""Processes that do a run's work on chunks of lines, results in input order.

`WorkerPool` takes the work function (the pipeline's `redact_chunk` bound to its engine) and
imports nothing from the pipeline. The engine is built once, in the run's process, and the workers
are forked from it: the work function reaches each worker through its pool's initializer, inherited
by the fork (never pickled), so they start at once, without loading the model again, and share its
memory pages until they write to them. Only a chunk of lines travels to a worker per task.

At most `2 * workers` chunks are in flight, so memory stays flat whatever the input's size. A
worker that dies breaks its pool: each chunk that was in flight is then retried alone in a fresh
pool, and a chunk that kills a worker by itself is quarantined line by line (never passed
through) while the run goes on.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, ClassVar

Chunk = list[tuple[int, bytes]]
Work = Callable[[Chunk], list[Any]]
PR_SET_PDEATHSIG = 1


class _ThisWorker:
    """The work function of this worker process, set by its pool's initializer when the process
    is forked. Only worker processes set it: the run's own process holds nothing here."""

    work: ClassVar[Work | None] = None


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the run's process dies (SIGKILL leaves no orphans)."""
    # Not Linux (no libc.so.6 or no prctl): the pool's own shutdown still ends workers.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _start(work: Work) -> None:
    _die_with_parent()
    _ThisWorker.work = work


def _do(chunk: Chunk) -> list[Any]:
    """A task: this worker's work function on one chunk."""
    if _ThisWorker.work is None:
        raise RuntimeError("a worker process started without its pool's work function")
    return _ThisWorker.work(chunk)


class WorkerPool:
    """A pool of processes forked from this one, each doing `work` on the chunks it is given;
    `on_lost(chunk, why)` gives the results of a chunk no worker could do (fail closed)."""

    def __init__(self, work: Work, workers: int, on_lost: Callable[[Chunk, str], list[Any]]):
        self.work = work
        self.workers = workers
        self.on_lost = on_lost
        self.executor = self._new_executor()

    def _new_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_start, initargs=(self.work,))

    def map(self, chunks: Iterable[Chunk]) -> Iterator[list[Any]]:
        """Each chunk's results, in input order."""
        pending: deque[tuple[Chunk, Future[list[Any]]]] = deque()
        for chunk in chunks:
            pending.append((chunk, self.executor.submit(_do, chunk)))
            if len(pending) >= 2 * self.workers:
                yield self._result(*pending.popleft(), pending)
        while pending:
            yield self._result(*pending.popleft(), pending)

    def _result(self, chunk: Chunk, future: Future[list[Any]],
                pending: deque[tuple[Chunk, Future[list[Any]]]]) -> list[Any]:
        try:
            return future.result()
        except BrokenProcessPool:  # this chunk may be the cause, or only in the same pool
            pass
        self._renew()
        try:  # alone in a fresh pool, so that only a chunk that kills a worker by itself is lost
            result = self.executor.submit(_do, chunk).result()
        except BrokenProcessPool:
            self._renew()
            result = self.on_lost(chunk, "worker process died on this chunk twice")
        for i, (waiting, _) in enumerate(pending):
            pending[i] = (waiting, self.executor.submit(_do, waiting))
        return result

    def _renew(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new_executor()

    def close(self) -> None:
        """Stop the workers."""
        self.executor.shutdown(wait=True, cancel_futures=True)
