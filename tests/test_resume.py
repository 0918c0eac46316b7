"""Kill a real `redact run` (SIGKILL) at random points, resume it, and compare byte for byte."""

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
PROFILE = TESTS / "profiles" / "patterns.yaml"
MIXED = TESTS / "malformed" / "mixed.jsonl"
pytestmark = pytest.mark.slow


def redact_run(source, folder, *extra):
    folder.mkdir(exist_ok=True)
    args = [sys.executable, "-m", "redact.cli.main", "run", str(source), "-o", str(folder / "out.jsonl"),
            "--report", str(folder / "report.jsonl"), "--quarantine", str(folder / "q.jsonl"),
            "--profile", str(PROFILE), "--quiet", *extra]
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def artefacts(folder):
    return {name: (folder / name).read_bytes() for name in ("out.jsonl", "report.jsonl", "q.jsonl")}


@pytest.fixture(scope="module")
def big_input(tmp_path_factory):
    folder = tmp_path_factory.mktemp("resume")
    lines = MIXED.read_bytes().splitlines() * 1500  # 21,000 lines, a third of them bad
    source = folder / "in.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    clean = redact_run(source, folder / "clean", "--workers", "1")
    assert clean.wait(timeout=600) == 0, clean.stderr.read()
    return source, artefacts(folder / "clean")


def kill_when_written(victim, partial, size):
    """SIGKILL the run once `partial` holds `size` bytes (a point inside the run, not a guess);
    return the ids of its worker processes at that moment."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and victim.poll() is None:
        if partial.exists() and partial.stat().st_size >= size:
            break
        time.sleep(0.002)
    workers = children_of(victim.pid)
    victim.send_signal(signal.SIGKILL)
    return workers


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


def all_gone(pids: list[int], seconds: float = 10) -> bool:
    """True once none of `pids` is alive (workers die with the run that started them)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(Path(f"/proc/{pid}").exists() for pid in pids):
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("point", range(5))
def test_killed_and_resumed_runs_are_byte_identical_to_a_clean_run(big_input, tmp_path, point):
    source, expected = big_input
    fraction = random.Random(point).uniform(0.05, 0.95)
    worker_count = "2" if point % 2 else "1"
    victim = redact_run(source, tmp_path, "--workers", worker_count)
    worker_pids = kill_when_written(victim, tmp_path / "report.jsonl.partial", fraction * len(expected["report.jsonl"]))
    victim.wait(timeout=60)
    assert victim.returncode == -signal.SIGKILL, "the run ended before it was killed: make the input longer"
    assert all_gone(worker_pids), "worker processes outlived the killed run"
    assert not (tmp_path / "out.jsonl").exists()  # killed mid-run: nothing may look finished
    resumed = redact_run(source, tmp_path, "--workers", worker_count, "--resume")
    assert resumed.wait(timeout=600) == 0, resumed.stderr.read()
    assert artefacts(tmp_path) == expected
    assert not (tmp_path / "out.jsonl.checkpoint").exists()
