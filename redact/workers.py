"""Processes that redact chunks of lines with the run's engine, results in input order.

The engine is built once, in the run's process, and the workers are forked from it: they start
at once, without loading the model again, and share its memory pages until they write to them.

At most `2 * workers` chunks are in flight, so memory stays flat whatever the input's size. A
worker that dies breaks its pool: each chunk that was in flight is then retried alone in a fresh
pool, and a chunk that kills a worker by itself is quarantined line by line (never passed
through) while the run goes on.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

Chunk = list[tuple[int, bytes]]
_worker_state: dict = {}  # pool id -> the Redactor its workers use; set before the fork, inherited


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the run's process dies (SIGKILL leaves no orphans)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the pool's own shutdown still ends workers
        pass


def _start() -> None:
    _die_with_parent()


def _redact_chunk(pool: int, chunk: Chunk):
    from redact.pipeline import redact_chunk

    return redact_chunk(_worker_state[pool], chunk)


class WorkerPool:
    """A pool of processes forked from this one, redacting with `redactor`."""

    def __init__(self, redactor, workers: int, on_lost: Callable[[Chunk, str], list]):
        self.id = id(self)
        _worker_state[self.id] = redactor
        self.workers = workers
        self.on_lost = on_lost
        self.executor = self._new_executor()

    def _new_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_start)

    def map(self, chunks: Iterable[Chunk]) -> Iterator[list]:
        """Each chunk's rendered records, in input order."""
        pending: deque[tuple[Chunk, Future]] = deque()
        for chunk in chunks:
            pending.append((chunk, self.executor.submit(_redact_chunk, self.id, chunk)))
            if len(pending) >= 2 * self.workers:
                yield self._result(*pending.popleft(), pending)
        while pending:
            yield self._result(*pending.popleft(), pending)

    def _result(self, chunk: Chunk, future: Future, pending: deque) -> list:
        try:
            return future.result()
        except BrokenProcessPool:  # this chunk may be the cause, or only in the same pool
            pass
        self._renew()
        try:  # alone in a fresh pool, so that only a chunk that kills a worker by itself is lost
            result = self.executor.submit(_redact_chunk, self.id, chunk).result()
        except BrokenProcessPool:
            self._renew()
            result = self.on_lost(chunk, "worker process died on this chunk twice")
        for i, (waiting, _) in enumerate(pending):
            pending[i] = (waiting, self.executor.submit(_redact_chunk, self.id, waiting))
        return result

    def _renew(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new_executor()

    def close(self) -> None:
        """Stop the workers."""
        self.executor.shutdown(wait=True, cancel_futures=True)
        _worker_state.pop(self.id, None)
