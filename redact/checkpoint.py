"""Checkpoints: how far a run got, so that `redact run --resume` goes on from there, and only with
what the run was started with.

After each chunk the run flushes its files and writes (atomically: write, then rename) the number
of input lines done, each output file's size, the summary's counts so far, and the run's
`Binding`: the input's identity (path, size, and a digest of the lines read so far), the profile
hash, the key's fingerprint (never the key), the opt-out sources' digest, and every file's path.
A resumed run refuses, in one line saying what changed, when any of these differs or a partial file
is missing or shorter than the checkpoint; otherwise it cuts each `.partial` file back to its size,
re-reads (and checks) the lines done and goes on; its files are then byte for byte those of a run
that was never interrupted.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path

import orjson

from redact.errors import ResumeRefused
from redact.operators import key_fingerprint
from redact.profile import Profile
from redact.stages.write import LABELS, PARTIAL, STDIO, Sinks, partial_paths
from redact.summary import Summary

Targets = dict[str, str | Path | None]  # the run's files by name ({"output": ..., ...})

# Checkpoints of format 1 recorded no binding: they cannot be checked, so not resumed; those of
# format 2 no per-stage counts: a summary resumed from one would count only the resumed part.
FORMAT = 3


def checkpoint_path(output: str | Path) -> Path:
    """Where the checkpoint of a run writing `output` lives."""
    return Path(f"{output}.checkpoint")


def temporary_path(path: Path) -> Path:
    """Where a checkpoint is written before it is renamed over `path`."""
    return path.with_name(path.name + ".tmp")


class Checkpoints:
    """The checkpoints of one run: the one it resumes from (checked), and those it saves.

    A run writing to stdout has none: it cannot be resumed.
    """

    def __init__(self, output: str | Path, binding: Binding | None):
        self.output = output
        self.binding = binding
        self.path = checkpoint_path(output) if binding else None
        self.digest = InputDigest()
        self.resumed: Checkpoint | None = None

    @classmethod
    def start(cls, output: str | Path, source: str | Path, targets: Targets, profile: Profile,
              key: bytes | None, opt_out_file: str | Path | None, resume: bool) -> Checkpoints:
        """The run's checkpoints; with `resume`, load and check the one a previous run left."""
        if str(output) == STDIO:
            return cls(output, None)
        binding = Binding.of(source, targets, profile, key, opt_out_file)
        checkpoints = cls(output, binding)
        if resume:
            checkpoints.resumed = load(checkpoint_path(output), output, binding,
                                       partial_paths(targets))
        return checkpoints

    @property
    def positions(self) -> dict[str, int]:
        """The size each file is cut back to (none when not resuming)."""
        return self.resumed.positions if self.resumed else {}

    def lines(self, stream: Iterable[bytes]) -> Iterator[bytes]:
        """The input's lines, digested as they are read."""
        return self.digest.lines(stream)

    def skip_done(self, lines: Iterator[tuple[int, bytes]], summary: Summary) -> None:
        """When resuming: read past the lines done, check they are those the run did, and give
        the summary the counts the checkpoint recorded."""
        if self.resumed is None:
            return
        read = sum(1 for _ in islice(lines, self.resumed.lines_done))
        check_input(self.output, read, self.digest, self.resumed)
        summary.restore(self.resumed.counts)
        summary.resumed = self.resumed.lines_done

    def save(self, sinks: Sinks, summary: Summary) -> None:
        """Record that the run is done up to the summary's lines read, flushing `sinks`."""
        if self.path and self.binding:
            save(self.path, summary.read, self.digest.at(summary.read), sinks.positions(),
                 self.binding, summary)

    def closing(self, sizes: dict[str, int]) -> None:
        """The run's files are closed and about to be renamed (`Sinks.rename`): note their sizes
        in the checkpoint, so that a resume after a failure part way through the renames takes
        back the files already renamed (see `load`)."""
        if self.path and self.path.exists():
            state = orjson.loads(self.path.read_bytes())
            _write(self.path, {**state, "closing": sizes})

    def finish(self) -> None:
        """The run is complete: no checkpoint is left to resume from."""
        if self.path:
            self.path.unlink(missing_ok=True)


@dataclass(frozen=True)
class Binding:
    """What a run was started with; a resume must match it exactly."""

    input: str
    input_size: int | None
    profile_hash: str
    key: str | None
    opt_outs: str | None
    files: dict[str, str | None]

    @classmethod
    def of(cls, source: str | Path, files: Targets, profile: Profile, key: bytes | None,
           opt_out_file: str | Path | None) -> Binding:
        """The binding of a run over `source` writing `files` ({name: path or None})."""
        return cls(_place(source), _size(source), profile.content_hash(),
                   key_fingerprint(key) if key else None, opt_out_digest(profile, opt_out_file),
                   {name: None if path is None else _place(path) for name, path in files.items()})

    def changes(self, started: Binding) -> list[str]:
        """What differs from the binding the run started with, in words (empty when nothing)."""
        found = []
        if self.input != started.input:
            found.append(f"the input is {self.input}, the run started with {started.input}")
        elif self.input_size != started.input_size:
            found.append(f"the input changed ({self.input_size} bytes, the run started with "
                         f"{started.input_size})")
        if self.profile_hash != started.profile_hash:
            found.append(f"the profile changed (hash {self.profile_hash}, the run started with "
                         f"{started.profile_hash})")
        if self.key != started.key:
            found.append(_key_change(started.key, self.key))
        if self.opt_outs != started.opt_outs:
            found.append("the opt-out list changed")
        return found + _file_changes(started.files, self.files)


def _key_change(started: str | None, now: str | None) -> str:
    if started is None:
        return "a key was given, the run started without one"
    if now is None:
        return "no key was given, the run started with one"
    return f"the key changed (fingerprint {now}, the run started with {started})"


def _file_changes(started: dict[str, str | None], now: dict[str, str | None]) -> list[str]:
    found = []
    for name in now.keys() | started.keys():
        was, path = started.get(name), now.get(name)
        if was == path:
            continue
        if was is None:
            found.append(f"{LABELS[name]} added (the run started without it)")
        elif path is None:
            found.append(f"{LABELS[name]} dropped (the run started with {was})")
        else:
            found.append(f"{LABELS[name]} is {path}, the run started with {was}")
    return sorted(found)


def _place(path: str | Path) -> str:
    return STDIO if str(path) == STDIO else os.path.abspath(path)


def _size(source: str | Path) -> int | None:
    if str(source) == STDIO:
        return None
    info = os.stat(source)
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def opt_out_digest(profile: Profile, opt_out_file: str | Path | None) -> str | None:
    """A digest of the content of every opt-out source (--opt-out, consent.opt_out_file, the
    consent.opt_out_sqlite file), or None when there is none."""
    consent = profile.consent
    sources = [consent.opt_out_file, consent.opt_out_sqlite.path if consent.opt_out_sqlite else None] \
        if consent else []
    paths: list[str | Path] = [p for p in (*sources, opt_out_file) if p]
    if not paths:
        return None
    digest = hashlib.sha256()
    for path in paths:
        with open(path, "rb") as source:
            digest.update(hashlib.file_digest(source, "sha256").digest())
    return digest.hexdigest()


class InputDigest:
    """A running sha256 of the input lines read, with its value at each chunk's last line, so a
    checkpoint records the digest of exactly the lines it counts as done (workers read ahead)."""

    def __init__(self) -> None:
        self.digest = hashlib.sha256()
        self.marks: dict[int, str] = {}

    def lines(self, stream: Iterable[bytes]) -> Iterator[bytes]:
        """The stream's lines, digested as they are read."""
        for line in stream:
            self.digest.update(line)
            yield line

    def mark(self, line: int) -> None:
        """Remember the digest of the lines read so far, which end at line number `line`."""
        self.marks[line] = self.digest.hexdigest()

    def at(self, line: int) -> str:
        """The digest of lines 1..`line`, as marked; forget the marks up to it."""
        value = self.marks[line]
        for done in [n for n in self.marks if n <= line]:
            del self.marks[done]
        return value


@dataclass
class Checkpoint:
    """A checkpoint as loaded: where the run was, and what it was started with."""

    lines_done: int
    input_digest: str
    positions: dict[str, int]
    binding: Binding
    counts: dict


def save(path: Path, lines_done: int, input_digest: str, positions: dict[str, int],
         binding: Binding, summary: Summary) -> None:
    """Write the checkpoint atomically."""
    state = {
        "checkpoint": FORMAT, "binding": asdict(binding), "lines_done": lines_done,
        "input_digest": input_digest, "positions": positions,
        "counts": summary.counts(),
    }
    _write(path, state)


def _write(path: Path, state: dict) -> None:
    """Write a checkpoint atomically: into its `.tmp` (a new file: a link there is replaced, never
    followed), then renamed over `path`."""
    temporary = temporary_path(path)
    temporary.unlink(missing_ok=True)
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    with open(fd, "wb") as file:
        file.write(orjson.dumps(state))
    os.replace(temporary, path)


def load(path: Path, output: str | Path, binding: Binding,
         partials: dict[str, str]) -> Checkpoint | None:
    """The checkpoint at `path` (None when there is none), refused unless the run is resumed with
    the binding it started with and every partial file (`partials`: {name: path}) still holds at
    least what the checkpoint counts as written."""
    if not path.exists():
        return None
    state = orjson.loads(path.read_bytes())
    if state.get("checkpoint") != FORMAT:
        raise ResumeRefused(str(output), f"{path} was written by another version of redact")
    checkpoint = Checkpoint(state["lines_done"], state["input_digest"], state["positions"],
                            Binding(**state["binding"]), state["counts"])
    changes = binding.changes(checkpoint.binding)
    if changes:
        raise ResumeRefused(str(output), "; ".join(changes))
    closing = state.get("closing", {})
    for name, size in checkpoint.positions.items():
        _take_back(partials[name], closing.get(name))
        _check_partial(output, partials[name], size)
    return checkpoint


def _take_back(partial: str, closed_size: int | None) -> None:
    """A run that failed while it renamed its files (see `Sinks.rename`) may have renamed some:
    such a file, still of the size the checkpoint noted when they were closed, becomes partial
    again, to be cut back and finished with the others."""
    final = partial.removesuffix(PARTIAL)
    if closed_size is None or os.path.lexists(partial) or os.path.islink(final):
        return
    if os.path.isfile(final) and os.path.getsize(final) == closed_size:
        os.replace(final, partial)


def _check_partial(output: str | Path, partial: str, size: int) -> None:
    if os.path.islink(partial):  # the run wrote a file there: a link is not its work
        raise ResumeRefused(str(output), f"{partial} is a symbolic link, not the file the run wrote")
    if not os.path.exists(partial):
        raise ResumeRefused(str(output), f"{partial} is missing")
    if os.path.getsize(partial) < size:
        raise ResumeRefused(str(output), f"{partial} holds {os.path.getsize(partial)} bytes, less "
                                         f"than the {size} the checkpoint counts as written")


def check_input(output: str | Path, lines_read: int, digest: InputDigest, checkpoint: Checkpoint) -> None:
    """Refuse to go on unless the lines re-read from the input are the ones the run did."""
    if lines_read < checkpoint.lines_done:
        raise ResumeRefused(str(output), f"the input has {lines_read} lines, the run had done "
                                         f"{checkpoint.lines_done}")
    if digest.digest.hexdigest() != checkpoint.input_digest:
        raise ResumeRefused(str(output), f"the input changed: its first {checkpoint.lines_done} "
                                         f"lines are not those the run did")
