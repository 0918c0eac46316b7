"""A record's time budget: a deadline carried through its analysis and resolution.

The analyze stage gives each record a `Deadline` of `record.time_budget_seconds` and checks it
between windows and between recognizers; the resolve stage checks it between fields and steps.
Its clock runs only while the record is worked on, and counts the CPU time of the thread working
on it (`time.thread_time`): a record is not quarantined because other processes on a busy
machine took the CPU from it, nor because other threads of a shared `Redactor` spent the
process's CPU on their records. The `regex` module's timeouts count the process's CPU time: alone
in its process a pattern's timeout is the budget left; beside busy threads it runs out sooner, so a
runaway pattern is still stopped (the record quarantined, never written unchecked).
Every regular expression a pattern recognizer runs gets the time left as its timeout (the `regex`
module takes one per call), read from the deadline :func:`bounded_by` makes current: so a pattern
that backtracks stops when the budget runs out and the record is quarantined (`time_budget`),
instead of being skipped and the record written with what it would have found.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# The regex timeout outside any record (tests calling a recognizer directly, the engine's
# warm-up): Presidio's own.
DEFAULT_REGEX_TIMEOUT = 60.0


class BudgetExceeded(Exception):
    """A record's time budget ran out; the message says where (never the text)."""


class Deadline:
    """A record's time budget, spent while the record is worked on: the clock runs from creation
    (or :meth:`resume`) to :meth:`pause`, so time spent on other records in between is not
    charged to it."""

    def __init__(self, seconds: float, clock: Callable[[], float] | None = None):
        self.seconds = seconds
        self.clock = clock or time.thread_time
        self._left = seconds
        self._ends: float | None = self.clock() + seconds

    def remaining(self) -> float:
        """Seconds left (zero or less when the budget has run out)."""
        return self._left if self._ends is None else self._ends - self.clock()

    def pause(self) -> None:
        """Stop the clock: the record is waiting, not being worked on."""
        if self._ends is not None:
            self._left, self._ends = self.remaining(), None

    def resume(self) -> None:
        """Start the clock again where it stopped."""
        if self._ends is None:
            self._ends = self.clock() + self._left

    def check(self, where: str) -> None:
        """Raise BudgetExceeded when the budget has run out."""
        if self.remaining() <= 0:
            raise BudgetExceeded(f"{where}: over the time budget of {self.seconds:g} s")


_current: ContextVar[Deadline | None] = ContextVar("redact_deadline", default=None)


@contextmanager
def bounded_by(deadline: Deadline | None) -> Iterator[None]:
    """Make `deadline` the one regex timeouts are read from while the block runs."""
    token = _current.set(deadline)
    try:
        yield
    finally:
        _current.reset(token)


def regex_timeout() -> float:
    """The timeout for the next regex call: the current record's time left (zero or less when
    there is none), or DEFAULT_REGEX_TIMEOUT outside a record."""
    deadline = _current.get()
    return DEFAULT_REGEX_TIMEOUT if deadline is None else deadline.remaining()
