"""Runs that share a file, and files that are not what they seem (issue: QA of main).

Two runs writing one report or quarantine each lost the other's lines and exited 0; a run that
failed while renaming its files left a finished-looking output beside partial companions; a
leftover `.partial` that was a symbolic link was written through. Runs are synchronised on their
lock files and checkpoints, never on time."""

import contextlib
import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
from conftest import MIXED, stopped_run
from typer.testing import CliRunner

from redact import pipeline
from redact.cli.main import app
from redact.errors import RedactError, WriteFailed
from redact.profile import load_profile

TESTS = Path(__file__).parent
PROFILE = TESTS / "profiles" / "patterns.yaml"
runner = CliRunner()


@pytest.fixture(scope="module")
def profile():
    return load_profile(PROFILE)


@contextlib.contextmanager
def held_lock(target: Path):
    """Hold TARGET.lock as a run writing TARGET does (flock, own pid in it), as another run would:
    flock locks of two opens of one file exclude each other, in one process too."""
    with open(f"{target}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        lock.write(f"{os.getpid()}\n")
        lock.flush()
        yield
    os.unlink(f"{target}.lock")


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def run_args(source, **files):
    args = ["run", source, "--profile", PROFILE, "--quiet", "--workers", "1"]
    for option, path in files.items():
        args += [f"--{option}", path]
    return args


@pytest.mark.parametrize("shared, label", [("report", "--report"), ("quarantine", "--quarantine"),
                                           ("summary", "--summary"), ("output", "--output")])
def test_a_file_another_run_is_writing_is_refused_before_any_work(source, tmp_path, shared, label):
    """Another run holds the file's lock (as its output, report, ...: the lock is the file's):
    this run is refused in one line naming the file and the holder, and writes nothing."""
    files = {"output": tmp_path / "out.jsonl", "quarantine": tmp_path / "q.jsonl",
             shared: tmp_path / "shared.jsonl"}
    with held_lock(tmp_path / "shared.jsonl"):
        done = invoke(*run_args(source, **files))
    assert done.exit_code == 2, done.output
    assert done.stderr == (f"error: {tmp_path / 'shared.jsonl'} is being written by another run "
                           f"(pid {os.getpid()}); wait for it to finish or stop it, or write to "
                           f"another {label}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_a_refused_run_releases_the_locks_it_took(source, tmp_path):
    out, report = tmp_path / "out.jsonl", tmp_path / "report.jsonl"
    with held_lock(report):
        assert invoke(*run_args(source, output=out, report=report)).exit_code == 2
    assert not Path(f"{out}.lock").exists()
    assert invoke(*run_args(source, output=out, report=report)).exit_code == 0


def wait_for_lock(path: Path, process) -> None:
    """Wait until `process` holds the lock at `path` (its pid is in it): a point in its run."""
    while process.poll() is None:
        if path.exists() and path.read_text() == f"{process.pid}\n":
            return
        time.sleep(0.01)
    raise AssertionError(f"the run ended before it locked {path}")


@pytest.mark.slow  # a real second process
def test_two_runs_to_stdout_do_not_share_the_default_quarantine(source, tmp_path, monkeypatch):
    """Both runs wrote ./redact.quarantine.jsonl: the first exited 0 with only the second's lines
    in it, the second failed renaming a file the first had renamed."""
    lines = source.read_bytes().splitlines(keepends=True)
    with open(tmp_path / "first.out", "wb") as stdout:
        first = subprocess.Popen(
            [sys.executable, "-m", "redact.cli.main", "run", "-", "-o", "-", "--profile", PROFILE,
             "--quiet", "--workers", "1"], cwd=tmp_path, stdin=subprocess.PIPE, stdout=stdout,
            stderr=subprocess.PIPE)
        first.stdin.write(b"".join(lines[:300]))  # the run then waits for more input, mid-run
        first.stdin.flush()
        wait_for_lock(tmp_path / "redact.quarantine.jsonl.lock", first)
        monkeypatch.chdir(tmp_path)
        second = invoke(*run_args(source, output="-"))
        first.stdin.write(b"".join(lines[300:]))
        first.stdin.close()
        assert first.wait(timeout=300) == 0, first.stderr.read()
    assert second.exit_code == 2
    assert second.stderr == (f"error: redact.quarantine.jsonl is being written by another run (pid "
                             f"{first.pid}); wait for it to finish or stop it, or write to another "
                             f"--quarantine\n")
    alone = tmp_path / "alone"
    alone.mkdir()
    monkeypatch.chdir(alone)
    assert invoke(*run_args(source, output="-")).exit_code == 0
    assert (tmp_path / "redact.quarantine.jsonl").read_bytes() == \
        (alone / "redact.quarantine.jsonl").read_bytes()
    assert (tmp_path / "first.out").read_bytes() and not list(tmp_path.glob("*.partial"))


def test_a_lock_file_is_one_of_the_files_no_other_may_be(source, tmp_path):
    done = invoke(*run_args(source, output=tmp_path / "out.jsonl", quarantine=tmp_path / "q.jsonl",
                            report=tmp_path / "q.jsonl.lock"))
    assert done.exit_code == 2
    assert done.stderr.startswith("error: --report and --quarantine's lock are the same file (")


def renaming_fails_for(monkeypatch, failing: Path):
    """Path.replace raises for the partial file of `failing`, as a failing disk would."""
    replace = Path.replace

    def failing_replace(self, target):
        if Path(target) == failing:
            raise OSError(5, "Input/output error")
        return replace(self, target)

    monkeypatch.setattr(Path, "replace", failing_replace)


def test_an_output_under_its_final_name_means_every_file_of_its_run_is_final(profile, source,
                                                                             tmp_path, monkeypatch):
    """A failure while the files are renamed leaves the output partial with its checkpoint (it
    used to be renamed first, looking finished beside a partial quarantine), and --resume
    finishes the run: its files are those of a run that never failed."""
    paths = {"output": tmp_path / "out.jsonl", "report": tmp_path / "report.jsonl",
             "quarantine": tmp_path / "q.jsonl", "summary_file": tmp_path / "s.json"}
    with monkeypatch.context() as patch:
        renaming_fails_for(patch, paths["quarantine"])
        with pytest.raises(WriteFailed, match=r"q\.jsonl\.partial -> .*q\.jsonl: cannot rename"):
            pipeline.run(profile, source, **paths)
    assert not paths["output"].exists()
    assert Path(f"{paths['output']}.partial").exists() and Path(f"{paths['output']}.checkpoint").exists()
    pipeline.run(profile, source, **paths, resume=True)
    (tmp_path / "alone").mkdir()
    alone = {name: tmp_path / "alone" / path.name for name, path in paths.items()}
    pipeline.run(profile, source, **alone)
    for name in ("output", "report", "quarantine"):
        assert paths[name].read_bytes() == alone[name].read_bytes(), name
    assert orjson.loads(paths["summary_file"].read_bytes())["read"] == 100 * MIXED.read_bytes().count(b"\n")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "alone") == [
        "in.jsonl", "out.jsonl", "q.jsonl", "report.jsonl", "s.json"]


def test_a_renamed_file_of_another_size_is_not_taken_back(profile, source, tmp_path, monkeypatch):
    paths = {"output": tmp_path / "out.jsonl", "report": tmp_path / "report.jsonl",
             "quarantine": tmp_path / "q.jsonl"}
    with monkeypatch.context() as patch:
        renaming_fails_for(patch, paths["output"])
        with pytest.raises(WriteFailed):
            pipeline.run(profile, source, **paths)
    paths["report"].write_bytes(b"another file\n")
    with pytest.raises(RedactError, match=r"cannot resume .*report\.jsonl\.partial is missing"):
        pipeline.run(profile, source, **paths, resume=True)
    assert paths["report"].read_bytes() == b"another file\n"


@pytest.mark.parametrize("link", ["out.jsonl.partial", "q.jsonl.partial", "out.jsonl.checkpoint.tmp"])
def test_a_leftover_link_is_replaced_never_written_through(source, tmp_path, link):
    """A `.partial` (or checkpoint `.tmp`) left as a symbolic link: its target was overwritten and
    the output ended up a link."""
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"not the run's\n")
    (tmp_path / link).symlink_to(victim)
    done = invoke(*run_args(source, output=tmp_path / "out.jsonl", quarantine=tmp_path / "q.jsonl"))
    assert done.exit_code == 0, done.output
    assert victim.read_bytes() == b"not the run's\n"
    for name in ("out.jsonl", "q.jsonl"):
        assert (tmp_path / name).is_file() and not (tmp_path / name).is_symlink()
    assert not (tmp_path / link).exists()


def test_a_lock_file_that_is_a_link_is_refused(source, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"not the run's\n")
    (tmp_path / "out.jsonl.lock").symlink_to(victim)
    done = invoke(*run_args(source, output=tmp_path / "out.jsonl"))
    assert done.exit_code == 2
    assert done.stderr == (f"error: {tmp_path / 'out.jsonl.lock'} is a symbolic link, not a lock "
                           f"file of redact; remove it\n")
    assert victim.read_bytes() == b"not the run's\n"


def test_a_resume_refuses_a_partial_file_that_is_a_link(profile, source, tmp_path, monkeypatch):
    paths = {"output": tmp_path / "out.jsonl", "quarantine": tmp_path / "q.jsonl"}
    with monkeypatch.context() as patch:
        renaming_fails_for(patch, paths["output"])
        with pytest.raises(WriteFailed):
            pipeline.run(profile, source, **paths)
    partial = tmp_path / "out.jsonl.partial"
    partial.rename(tmp_path / "elsewhere.jsonl")
    partial.symlink_to(tmp_path / "elsewhere.jsonl")
    before = (tmp_path / "elsewhere.jsonl").read_bytes()
    with pytest.raises(RedactError, match="is a symbolic link, not the file the run wrote"):
        pipeline.run(profile, source, **paths, resume=True)
    assert (tmp_path / "elsewhere.jsonl").read_bytes() == before


def test_a_resumed_runs_speed_counts_only_the_lines_it_did(profile, source, tmp_path, monkeypatch):
    """It divided every line read, those done before the resume too, by the resumed seconds."""
    paths = {"output": tmp_path / "out.jsonl", "quarantine": tmp_path / "q.jsonl"}
    written = stopped_run(monkeypatch, profile, source, paths)
    summary = pipeline.run(profile, source, **paths, resume=True)
    facts = summary.as_dict()
    assert sum(written) == 512 < facts["read"]
    assert facts["records_per_second"] == round((facts["read"] - 512) / summary.seconds, 1)
