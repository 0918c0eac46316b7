"""Kill a real `redact run` (SIGKILL) at random points, resume it, and compare byte for byte.

The run reads its input from a pipe the test feeds: the test gives it lines well past the kill
point and then waits for its checkpoint to count the kill point's lines done, so the run is killed
mid-run whatever the machine's speed (it cannot finish: the rest of its input is not there yet)."""

import gzip
import math
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

TESTS = Path(__file__).parent
PROFILE = TESTS / "profiles" / "patterns.yaml"
MIXED = TESTS / "malformed" / "mixed.jsonl"
pytestmark = pytest.mark.slow


def redact_run(source, folder, *extra, stdin=None, suffix=""):
    folder.mkdir(exist_ok=True)
    args = [sys.executable, "-m", "redact.cli.main", "run", str(source), "-o", str(folder / f"out.jsonl{suffix}"),
            "--report", str(folder / f"report.jsonl{suffix}"), "--quarantine", str(folder / f"q.jsonl{suffix}"),
            "--profile", str(PROFILE), "--quiet", *extra]
    return subprocess.Popen(args, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def artefacts(folder, suffix=""):
    return {name: (folder / f"{name}{suffix}").read_bytes() for name in ("out.jsonl", "report.jsonl", "q.jsonl")}


@pytest.fixture(scope="module")
def big_input(tmp_path_factory):
    folder = tmp_path_factory.mktemp("resume")
    lines = MIXED.read_bytes().splitlines() * 1500  # 21,000 lines, a third of them bad
    source = folder / "in.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    clean = redact_run(source, folder / "clean", "--workers", "1")
    assert clean.wait(timeout=600) == 0, clean.stderr.read()
    return source, artefacts(folder / "clean")


def kill_at_checkpoint(victim, checkpoint: Path, lines: int):
    """SIGKILL the run once its checkpoint counts `lines` lines done (a point inside the run, not a
    guess); return the ids of its worker processes at that moment."""
    for _ in range(60_000):  # only against a hang: the run is always given the lines
        if victim.poll() is not None or lines_done(checkpoint) >= lines:
            break
        time.sleep(0.01)
    else:
        pytest.fail(f"the run never checkpointed {lines} lines")
    workers = children_of(victim.pid)
    victim.send_signal(signal.SIGKILL)
    return workers


def lines_done(checkpoint: Path) -> int:
    """The lines a run's checkpoint counts as done (0 before the first)."""
    try:
        return orjson.loads(checkpoint.read_bytes())["lines_done"]
    except (FileNotFoundError, orjson.JSONDecodeError):
        return 0


def children_of(pid: int) -> list[int]:
    """The process ids whose parent is `pid`."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            status = (proc / "status").read_text() if proc.name.isdigit() else ""
        except OSError:
            continue
        if any(line.split() == ["PPid:", str(pid)] for line in status.splitlines()):
            found.append(int(proc.name))
    return found


def all_gone(pids: list[int]) -> bool:
    """True once none of `pids` is alive (workers die with the run that started them: the kernel
    kills them when it kills the run); False only if they never go, whatever the machine's load."""
    for _ in range(60_000):  # only against a hang: a count of polls, not a time
        if not any(Path(f"/proc/{pid}").exists() for pid in pids):
            return True
        time.sleep(0.01)
    return False


IN_FLIGHT = 8  # chunks a run may read ahead of what it has written (2 per worker in flight, the
#               one being read), with a margin: fed that far past the kill point, it gets there


@pytest.mark.parametrize("point", range(5))
def test_killed_and_resumed_runs_are_byte_identical_to_a_clean_run(big_input, tmp_path, point):
    source, expected = big_input
    lines = source.read_bytes().splitlines(keepends=True)
    kill_at = math.ceil(random.Random(point).uniform(0.05, 0.85) * len(lines))
    worker_count = "2" if point % 2 else "1"
    victim = redact_run("-", tmp_path, "--workers", worker_count, stdin=subprocess.PIPE)
    victim.stdin.write(b"".join(lines[:kill_at + IN_FLIGHT * 256]))  # the rest never comes
    victim.stdin.flush()
    worker_pids = kill_at_checkpoint(victim, tmp_path / "out.jsonl.checkpoint", kill_at)
    victim.wait(timeout=60)
    assert victim.returncode == -signal.SIGKILL, victim.stderr.read()
    assert all_gone(worker_pids), "worker processes outlived the killed run"
    assert not (tmp_path / "out.jsonl").exists()  # killed mid-run: nothing may look finished
    resumed = redact_run("-", tmp_path, "--workers", worker_count, "--resume", stdin=subprocess.PIPE)
    _, errors = resumed.communicate(b"".join(lines), timeout=600)
    assert resumed.returncode == 0, errors
    assert artefacts(tmp_path) == expected
    assert not (tmp_path / "out.jsonl.checkpoint").exists()


def test_a_killed_gzip_run_resumes_to_the_bytes_of_a_clean_one(big_input, tmp_path):
    """gzip files are written as one member per checkpoint: a resume cuts a half-written member
    off and goes on with the next."""
    source, _ = big_input
    clean = redact_run(source, tmp_path / "clean", "--workers", "1", suffix=".gz")
    assert clean.wait(timeout=600) == 0, clean.stderr.read()
    expected = artefacts(tmp_path / "clean", ".gz")
    lines = source.read_bytes().splitlines(keepends=True)
    victim = redact_run("-", tmp_path, "--workers", "1", stdin=subprocess.PIPE, suffix=".gz")
    victim.stdin.write(b"".join(lines[:len(lines) // 2 + IN_FLIGHT * 256]))
    victim.stdin.flush()
    kill_at_checkpoint(victim, tmp_path / "out.jsonl.gz.checkpoint", len(lines) // 2)
    victim.wait(timeout=60)
    resumed = redact_run("-", tmp_path, "--workers", "1", "--resume", stdin=subprocess.PIPE, suffix=".gz")
    _, errors = resumed.communicate(b"".join(lines), timeout=600)
    assert resumed.returncode == 0, errors
    assert artefacts(tmp_path, ".gz") == expected
    assert [gzip.decompress(data) for data in expected.values()] == list(big_input[1].values())
