"""Locks on a run's files: no two runs write the same file at once.

Every file a run writes (output, report, quarantine, manifest, summary) is locked before any work,
each by an exclusive `flock` on `NAME.lock`, which holds the run's pid. A second run that would
write any of them, under whatever option, is refused at once, naming the file and the holder's pid.
The locks are taken in one order (by real path), so of two runs that want the same files one wins.

`flock` belongs to the open file, so a run that dies (even by SIGKILL) releases it: a lock file
left behind never blocks. The file is removed on release; a run that locked a file removed under
it tries again on the new one, so two runs never both hold "the" lock.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from pathlib import Path

from redact.errors import BadRunPath, FileLocked

LOCK = ".lock"


def lock_path(target: str | Path) -> Path:
    """The lock file of a run writing `target` (see FileLock)."""
    return Path(f"{target}{LOCK}")


class FileLock:
    """An exclusive lock on `TARGET.lock` while a run writes `TARGET` (named `label` in messages)."""

    def __init__(self, target: str | Path, label: str = "--output"):
        self.target = str(target)
        self.label = label
        self.path = lock_path(target)
        self.fd: int | None = None

    def __enter__(self) -> FileLock:
        while self.fd is None:
            fd = self._open()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.read(fd, 32).decode("ascii", "replace").strip()
                os.close(fd)
                raise FileLocked(self.target, holder, self.label) from None
            if _same_inode(fd, self.path):
                self.fd = fd
            else:  # released and removed by its holder while we waited: lock the new one
                os.close(fd)
        os.ftruncate(self.fd, 0)
        os.write(self.fd, f"{os.getpid()}\n".encode())
        return self

    def _open(self) -> int:
        # O_NOFOLLOW: a lock file that is a symbolic link is never followed (and truncated).
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        except OSError as exc:
            if exc.errno != errno.ELOOP:
                raise
            raise BadRunPath(f"{self.path} is a symbolic link, not a lock file of redact; remove "
                             f"it") from None

    def __exit__(self, *exc_info: object) -> None:
        self.path.unlink(missing_ok=True)
        if self.fd is not None:
            os.close(self.fd)
        self.fd = None


def run_locks(files: dict[str, str], labels: dict[str, str]) -> contextlib.ExitStack:
    """Lock every file in `files` ({name: path}, stdout left out by the caller), in the order of
    their real paths; a refusal releases the locks already taken. Use it as a context manager."""
    stack = contextlib.ExitStack()
    try:
        for name, path in sorted(files.items(), key=lambda item: os.path.realpath(item[1])):
            stack.enter_context(FileLock(path, labels[name]))
    except BaseException:
        stack.close()
        raise
    return stack


def _same_inode(fd: int, path: Path) -> bool:
    try:
        return os.fstat(fd).st_ino == path.stat().st_ino
    except FileNotFoundError:
        return False
