"""Every set-up or I/O failure of a command is one line on stderr and a documented exit code:
2 for set-up (a missing or unusable file), 5 for a file that fails the run part way (a damaged
compressed input, a full disk), 130 for Ctrl-C. Never a traceback."""

import errno
import gzip
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import zstandard
from typer.testing import CliRunner

from redact import pipeline
from redact.cli.common import EXIT_IO, EXIT_SETUP
from redact.cli.main import app
from redact.errors import WriteFailed
from redact.profile import load_profile
from redact.stages import write

TESTS = Path(__file__).parent
PROFILE = str(TESTS / "profiles" / "patterns.yaml")  # no model: these tests stay fast
LINES = b"".join(b'{"id": "r%d", "text": "mail r%d@example.com"}\n' % (i, i) for i in range(3000))
runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def assert_one_line(result, code: int, *fragments: str) -> None:
    """The command exited with `code` and said why in one line on stderr, without a traceback."""
    assert result.exit_code == code, (result.exit_code, result.stderr, result.exception)
    message = result.stderr.strip()
    assert message.startswith("error: ") and "\n" not in message, message
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in message


def test_a_truncated_gzip_input_says_which_file_and_after_which_line(tmp_path):
    source = tmp_path / "posts.jsonl.gz"
    source.write_bytes(gzip.compress(LINES)[:-40])
    result = invoke("run", source, "-o", tmp_path / "out.jsonl", "--profile", PROFILE, "--quiet")
    assert_one_line(result, EXIT_IO, f"{source}: damaged gzip input after line ",
                    "end-of-stream marker")
    assert not (tmp_path / "out.jsonl").exists()


def test_a_zst_that_is_damaged_says_which_file(tmp_path):
    source = tmp_path / "posts.jsonl.zst"
    source.write_bytes(zstandard.ZstdCompressor().compress(LINES)[:4] + b"not zstd at all" * 20)
    result = invoke("run", source, "-o", tmp_path / "out.jsonl", "--profile", PROFILE, "--quiet")
    assert_one_line(result, EXIT_IO, f"{source}: damaged zstd input")


class FullDisk:
    """A file on a disk that is full: every write fails as the kernel says it (ENOSPC)."""

    def __init__(self, path):
        self.file = open(path, "wb")

    def write(self, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name):
        return getattr(self.file, name)


@pytest.fixture
def full_report_disk(monkeypatch):
    """The report's file is on a full disk; the other files are not."""
    real = write._open

    def open_sink(name, target, resume, rows=None):
        if name == "report":
            return write.PlainFile(FullDisk(f"{target}{write.PARTIAL}"))
        return real(name, target, resume, rows)

    monkeypatch.setattr(write, "_open", open_sink)


def test_a_full_disk_stops_the_library_run_with_the_file_named_and_files_left_partial(
        tmp_path, full_report_disk):
    source = tmp_path / "in.jsonl"
    source.write_bytes(LINES)
    with pytest.raises(WriteFailed, match=r"report\.jsonl\.partial: cannot write \(No space left"):
        pipeline.run(load_profile(PROFILE), source, tmp_path / "out.jsonl", tmp_path / "report.jsonl")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl.partial",
                                                          "report.jsonl.partial"]


def test_a_full_disk_is_one_line_and_exit_5_through_the_cli(tmp_path, full_report_disk):
    source = tmp_path / "in.jsonl"
    source.write_bytes(LINES)
    result = invoke("run", source, "-o", tmp_path / "out.jsonl", "--report", tmp_path / "report.jsonl",
                    "--profile", PROFILE, "--quiet")
    assert_one_line(result, EXIT_IO, "report.jsonl.partial: cannot write (No space left on device)")
    assert not (tmp_path / "out.jsonl").exists() and (tmp_path / "out.jsonl.partial").exists()


@pytest.mark.skipif(not Path("/dev/full").is_char_device(), reason="needs /dev/full")
def test_stdout_on_a_full_device_is_one_line_and_exit_5(tmp_path):
    """A real ENOSPC from the kernel: the redacted stream goes to /dev/full."""
    source = tmp_path / "in.jsonl"
    source.write_bytes(LINES)
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "redact.cli.main", "run", str(source), "-o", "-", "--profile", PROFILE,
             "--quarantine", str(tmp_path / "q.jsonl"), "--quiet", "--workers", "1"],
            stdout=full, stderr=subprocess.PIPE, cwd=tmp_path, timeout=600)
    message = done.stderr.decode().strip()
    assert done.returncode == EXIT_IO, message
    assert message == "error: stdout: cannot write (No space left on device); the run stopped and " \
                      "left its files as .partial"
    assert (tmp_path / "q.jsonl.partial").exists() and not (tmp_path / "q.jsonl").exists()


@pytest.mark.parametrize("make_key_file, says", [
    (lambda tmp: tmp / "missing.key", "missing.key does not exist"),
    (lambda tmp: tmp, "is a directory, not a file"),
])
def test_a_key_file_that_is_missing_or_a_directory_is_one_line_and_exit_2(tmp_path, make_key_file, says):
    source = tmp_path / "in.jsonl"
    source.write_bytes(LINES[:100])
    result = invoke("run", source, "-o", tmp_path / "out.jsonl", "--profile", PROFILE,
                    "--key-file", make_key_file(tmp_path), "--quiet")
    assert_one_line(result, EXIT_SETUP, says)


def test_an_output_directory_that_cannot_be_made_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "a-file").write_text("not a directory")
    source = tmp_path / "in.jsonl"
    source.write_bytes(LINES[:100])
    result = invoke("run", source, "-o", tmp_path / "a-file" / "out.jsonl", "--profile", PROFILE, "--quiet")
    assert_one_line(result, EXIT_SETUP, f"cannot make directory {tmp_path / 'a-file'} (File exists)")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories")
def test_a_read_only_output_directory_is_one_line_and_exit_2(tmp_path):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    source = tmp_path / "in.jsonl"
    source.write_bytes(LINES[:100])
    result = invoke("run", source, "-o", folder / "out.jsonl", "--profile", PROFILE, "--quiet")
    assert_one_line(result, EXIT_SETUP, "Permission denied")


def test_an_output_the_system_refuses_is_one_line_and_exit_2_even_as_root(tmp_path, monkeypatch):
    """What a read-only directory gives a user who is not root (the test above, skipped as root)."""
    def refused(name, target, resume, rows=None):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), f"{target}{write.PARTIAL}")

    monkeypatch.setattr(write, "_open", refused)
    source = tmp_path / "in.jsonl"
    source.write_bytes(LINES[:100])
    result = invoke("run", source, "-o", tmp_path / "out.jsonl", "--profile", PROFILE, "--quiet")
    assert_one_line(result, EXIT_SETUP, "out.jsonl.partial: Permission denied")


def test_a_summary_in_a_missing_directory_is_one_line_and_exit_2(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_bytes(LINES[:100])
    result = invoke("run", source, "-o", tmp_path / "out.jsonl", "--profile", PROFILE, "--quiet",
                    "--summary", tmp_path / "missing" / "summary.json")
    assert_one_line(result, EXIT_SETUP, f"summary.json: directory {tmp_path / 'missing'} does not exist")


def test_key_rotate_never_writes_over_an_existing_key(tmp_path):
    key = tmp_path / "2026-12.key"
    key.write_text("the key old outputs were made with\n")
    result = invoke("key", "rotate", "--write", key)
    assert_one_line(result, EXIT_SETUP, "2026-12.key: the file exists")
    assert key.read_text() == "the key old outputs were made with\n"


def test_ctrl_c_keeps_its_exit_code_130(tmp_path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "run", interrupted)
    source = tmp_path / "in.jsonl"
    source.write_bytes(LINES[:100])
    result = invoke("run", source, "-o", tmp_path / "out.jsonl", "--profile", PROFILE, "--quiet")
    assert result.exit_code == 130 and "error:" not in result.stderr
