"""What a run checks before its first record: the key and opt-out list its profile needs, its
files are distinct, writable places, and resuming is possible with them. (That no other run is
writing any of its files is `redact.locks`.)

Every refusal is a set-up error (one line, exit 2 from the CLI), raised before any input is read,
so library, CLI and Spark callers of `pipeline.run` get the same guards.
"""

from __future__ import annotations

import os
from itertools import combinations
from pathlib import Path

from redact.checkpoint import Targets, checkpoint_path, temporary_path
from redact.engine import require_key
from redact.errors import BadRunPath, Problem, ProfileError, RedactError
from redact.locks import lock_path
from redact.opt_outs import read_ids
from redact.parquet import SUFFIX, is_parquet
from redact.profile import Profile
from redact.stages.write import LABELS, PARTIAL, STDIO, partial_paths


def named_paths(source: str | Path, targets: Targets) -> dict[str, str]:
    """The run's input and files by name, leaving out those not given."""
    paths = {"input": source, **targets}
    return {name: str(path) for name, path in paths.items() if path is not None}


def check_setup(profile: Profile, key: bytes | None, opt_out_file: str | Path | None) -> None:
    """Raise the set-up errors a run can have beyond the profile itself and its files: a key the
    profile needs and lacks (or a bad one), an opt-out list without consent.author_field or file.
    (Its content is read, and refused when it is no list of member ids, by the consent stage:
    `redact.opt_outs`; `check_run` reads it first, before a run opens its files.)"""
    require_key(profile, key)
    if opt_out_file is not None:
        if not (profile.consent and profile.consent.author_field):
            raise ProfileError(profile.name, [Problem(
                f"{profile.name}: consent.author_field", "--opt-out needs consent.author_field")])
        if not Path(opt_out_file).is_file():
            raise RedactError(f"--opt-out {opt_out_file}: no such file")


def check_run(profile: Profile, key: bytes | None, source: str | Path, targets: Targets,
              resume: bool, opt_out_file: str | Path | None = None) -> None:
    """Every check a run makes of its files before any work (see the module's docstring): the
    opt-out list's content included, since the consent stage is built once the files are open."""
    if opt_out_file is not None:
        read_ids(opt_out_file, "--opt-out")  # bare ids in UTF-8, or refused in one line
    if targets.get("manifest"):
        check_manifest(profile, key)
    if resume:
        check_resumable(source, targets)
    check_paths(source, targets)
    check_parquet_output(source, targets.get("output"))


def check_manifest(profile: Profile, key: bytes | None) -> None:
    """Refuse `--manifest` without what it needs, naming what is missing: the key, and the
    profile's record.author_field (consent.author_field, which opt-outs read, is not enough)."""
    missing = [what for what, there in (
        ("the secret key ($REDACT_KEY or --key-file)", key),
        (f"record.author_field in the profile {profile.name}", profile.record.author_field)) if not there]
    if missing:
        raise RedactError(f"--manifest needs {' and '.join(missing)}")


def check_parquet_output(source: str | Path, output: str | Path | None) -> None:
    """A Parquet output takes its schema from a Parquet input. From JSONL, whose records need not
    share a shape, columns a first batch lacked were lost without a word: refused instead."""
    if output is not None and str(output).endswith(SUFFIX) and not is_parquet(source):
        raise RedactError(f"--output {output}: Parquet output needs a Parquet input (its schema is "
                          f"the input's); write JSONL, or convert the input to Parquet first")


def check_paths(source: str | Path, targets: Targets) -> None:
    """Refuse, before any work, an input that is not there, two of the paths the run reads,
    creates or removes that are one file (or two files both on stdout), a file that is a
    directory, and a directory that cannot be made or written; `--summary` must be in a directory
    that exists (the other files' directories are made, as they always were).

    The paths compared are every file's final name, its `.partial` and its lock, and the output's
    checkpoint and the checkpoint's `.tmp` (see `run_files`): a run removes the checkpoint and the
    locks when it ends, and renames each `.partial` over its final name, so a clash among any of
    them would lose a file."""
    paths = named_paths(source, targets)
    if paths["input"] == STDIO:  # stdin is no file another of the run's files could be
        del paths["input"]
    elif not Path(source).exists() or Path(source).is_dir():  # a pipe (<(zcat ...)) is fine
        why = "is a directory" if Path(source).is_dir() else "does not exist"
        raise BadRunPath(f"the input {source} {why}")
    for (owner, one, path_one), (other, two, path_two) in combinations(run_files(paths), 2):
        if owner != other and _same_place(path_one, path_two):
            where = "stdout" if path_one == STDIO else path_one
            raise BadRunPath(f"{one} and {two} are the same file ({where}); give each its own path")
    for name, path in paths.items():
        if name != "input" and path != STDIO:
            _check_writable(name, Path(path))


def run_files(paths: dict[str, str]) -> list[tuple[str, str, str]]:
    """Every path a run with these files reads, creates or removes, as (whose, how messages name
    it, path): the files' final names first, then each file's `.partial`, then the output's
    checkpoint and its `.tmp`, and each file's lock (none of these for stdout)."""
    files = [(name, LABELS[name], path) for name, path in paths.items()]
    written: dict[str, str] = {name: path for name, path in paths.items()
                               if name != "input" and path != STDIO}
    files += [(name, f"{LABELS[name]}'s partial file", path)
              for name, path in partial_paths(dict(written)).items()]
    if "output" in written:
        checkpoint = checkpoint_path(written["output"])
        files += [("output", "--output's checkpoint", str(checkpoint)),
                  ("output", "--output's checkpoint's .tmp", str(temporary_path(checkpoint)))]
    files += [(name, f"{LABELS[name]}'s lock", str(lock_path(path))) for name, path in written.items()]
    return files


def written_files(targets: Targets) -> dict[str, str]:
    """The files a run writes ({name: path}), stdout left out: those it locks (redact.locks)."""
    return {name: str(path) for name, path in targets.items() if path is not None and str(path) != STDIO}


def _same_place(one: str, two: str) -> bool:
    if STDIO in (one, two):
        return one == two
    if os.path.realpath(one) == os.path.realpath(two):
        return True
    try:
        return os.path.samefile(one, two)
    except OSError:  # one of them does not exist yet
        return False


def _check_writable(name: str, path: Path) -> None:
    label = LABELS[name]
    if path.is_dir():
        raise BadRunPath(f"{label} {path} is a directory; give a file name")
    if path.exists() and not path.is_file():  # a finished run renames its file over this path
        raise BadRunPath(f"{label} {path} is not a regular file (a device, pipe or socket); give "
                         f"a file name, or - for stdout")
    partial = Path(f"{path}{PARTIAL}")  # a link there is replaced (see redact.stages.write._open)
    if partial.exists() and not partial.is_symlink() and not partial.is_file():
        raise BadRunPath(f"{label}'s partial file {partial} is not a regular file; remove it")
    folder = path.parent
    if name == "summary" and not folder.is_dir():
        raise BadRunPath(f"{label} {path}: directory {folder} does not exist")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BadRunPath(f"{label} {path}: cannot make directory {folder} ({exc.strerror})") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise BadRunPath(f"{label} {path}: directory {folder} is not writable")


def check_resumable(source: str | Path, targets: Targets) -> None:
    """Refuse `resume` with a file that cannot be cut back to a checkpoint: stdout, zstd (a
    zstd frame cannot be continued, and files of many frames are read short by common readers),
    or Parquet (a file is whole only once its footer is written)."""
    if is_parquet(source):
        raise RedactError("--resume does not work with Parquet input: run again without it")
    for name, target in targets.items():
        if target is None:
            continue
        if str(target) == STDIO:
            raise RedactError(f"--resume needs files: {LABELS[name]} is stdout")
        if name == "output" and str(target).endswith(".parquet"):
            raise RedactError("--resume does not work with a Parquet output: run again without it")
        if str(target).endswith(".zst"):
            raise RedactError(f"--resume cannot continue the zstd file {LABELS[name]} {target}; "
                              f"write .gz or uncompressed files to be able to resume")
