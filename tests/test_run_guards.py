"""What a run refuses before its first record, and what a resume refuses: each case once left
finished-looking wrong files (issue 14). Runs are stopped at a checkpoint by raising from the write
step after a counted number of chunks, never by time."""

import gzip
import os
import random
import shutil
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
from redact.errors import RedactError
from redact.profile import load_profile

TESTS = Path(__file__).parent
PROFILE = TESTS / "profiles" / "patterns.yaml"
KEY_ONE, KEY_TWO = b"key-one-key-one-key-one", b"key-two-key-two-key-two"
runner = CliRunner()
SOURCE_LINES = 100 * MIXED.read_bytes().count(b"\n")


@pytest.fixture(scope="module")
def profile():
    return load_profile(PROFILE)


@pytest.fixture(scope="module")
def pseudonym_profile():
    raw = {"name": "patterns-pseudonyms", "nlp": {"model": None, "components": []},
           "record": {"id_field": "id", "text_fields": ["text"], "author_field": "author_id"},
           "recognizers": ["EmailRecognizer"], "propagate": [],
           "operators": {"DEFAULT": {"type": "pseudonym"}}}
    return load_profile(raw)


def files(folder, **names):
    """The run's files in `folder`: output, report and quarantine, and any others named."""
    paths = {"output": folder / "out.jsonl", "report": folder / "report.jsonl",
             "quarantine": folder / "q.jsonl"}
    paths.update({name: None if file is None else folder / file for name, file in names.items()})
    if "summary" in paths:  # pipeline.run's name for it
        paths["summary_file"] = paths.pop("summary")
    return paths


def contents(paths):
    """Each file's bytes, decompressed when gzip."""
    found = {}
    for name, path in paths.items():
        if path is not None:
            data = path.read_bytes()
            found[name] = gzip.decompress(data) if path.name.endswith(".gz") else data
    return found


# --- resume bound to what the run started with ---

def shuffled(source, folder):
    lines = source.read_bytes().splitlines(keepends=True)
    random.Random(14).shuffle(lines)
    (folder / "in.jsonl").write_bytes(b"".join(lines))
    return folder / "in.jsonl"


def another_file(source, folder):
    shutil.copy(source, folder / "other.jsonl")
    return folder / "other.jsonl"


def shorter(source, folder):
    (folder / "in.jsonl").write_bytes(MIXED.read_bytes())
    return folder / "in.jsonl"


@pytest.mark.parametrize("change, says", [(shuffled, "the input changed: its first 512 lines"),
                                          (another_file, "the input is "),
                                          (shorter, "the input changed (")])
def test_resume_after_the_input_changed_is_refused(monkeypatch, profile, source, tmp_path, change, says):
    paths = files(tmp_path)
    stopped_run(monkeypatch, profile, source, paths)
    changed = change(source, tmp_path)
    with pytest.raises(RedactError, match=r"^cannot resume .*") as refused:
        pipeline.run(profile, changed, **paths, resume=True)
    assert says in str(refused.value)
    assert not paths["output"].exists()


def test_resume_under_another_key_is_refused(monkeypatch, pseudonym_profile, source, tmp_path):
    paths = files(tmp_path)
    stopped_run(monkeypatch, pseudonym_profile, source, paths, key=KEY_ONE)
    with pytest.raises(RedactError, match="cannot resume .*: the key changed"):
        pipeline.run(pseudonym_profile, source, **paths, key=KEY_TWO, resume=True)
    summary = pipeline.run(pseudonym_profile, source, **paths, key=KEY_ONE, resume=True)
    assert summary.read == SOURCE_LINES


def test_resume_after_the_opt_out_list_changed_is_refused(monkeypatch, tmp_path, source):
    corpus = load_profile({"extends": str(PROFILE), "name": "with-consent",
                           "consent": {"author_field": "author_id"}})
    opt_outs = tmp_path / "opt-out.txt"
    opt_outs.write_text("u1\n")
    paths = files(tmp_path)
    stopped_run(monkeypatch, corpus, source, paths, opt_out_file=opt_outs)
    opt_outs.write_text("u1\nu2\n")
    with pytest.raises(RedactError, match="the opt-out list changed"):
        pipeline.run(corpus, source, **paths, opt_out_file=opt_outs, resume=True)


@pytest.mark.parametrize("damage, says", [("delete", "out.jsonl.partial is missing"),
                                          ("truncate", "less than the")])
def test_resume_with_a_partial_file_deleted_or_cut_short_is_refused(monkeypatch, profile, source,
                                                                    tmp_path, damage, says):
    paths = files(tmp_path)
    stopped_run(monkeypatch, profile, source, paths)
    partial = tmp_path / "out.jsonl.partial"
    if damage == "delete":
        partial.unlink()
    else:
        partial.write_bytes(partial.read_bytes()[:100])
    with pytest.raises(RedactError, match=says):
        pipeline.run(profile, source, **paths, resume=True)


@pytest.mark.parametrize("first, then, says", [
    ({"report": None}, {}, "--report added (the run started without it)"),
    ({}, {"report": None}, "--report dropped (the run started with "),
    ({}, {"report": "renamed.jsonl"}, "--report is "),
    ({}, {"manifest": "m.jsonl"}, "--manifest added"),
    ({"manifest": "m.jsonl"}, {}, "--manifest dropped"),
    ({"manifest": "m.jsonl"}, {"manifest": "m2.jsonl"}, "--manifest is "),
    ({"summary": "s.json"}, {"summary": "s2.json"}, "--summary is "),
])
def test_resume_with_files_added_renamed_or_dropped_is_refused(monkeypatch, profile, source, tmp_path,
                                                               first, then, says):
    stopped_run(monkeypatch, profile, source, files(tmp_path, **first), key=KEY_ONE)
    with pytest.raises(RedactError, match="cannot resume") as refused:
        pipeline.run(profile, source, **files(tmp_path, **then), key=KEY_ONE, resume=True)
    assert says in str(refused.value)


GZ_FILES = {"output": "out.jsonl.gz", "report": "report.jsonl.gz", "quarantine": "q.jsonl.gz",
            "manifest": "m.jsonl.gz"}


def finished(paths):
    """The bytes of a finished run's files, removed to make room for the next run."""
    found = {name: path.read_bytes() for name, path in paths.items()}
    for path in paths.values():
        path.unlink()
    return found


def test_a_gzip_run_resumed_through_the_library_is_that_of_a_run_never_stopped(monkeypatch, profile,
                                                                               source, tmp_path):
    paths = files(tmp_path, **GZ_FILES)
    pipeline.run(profile, source, **paths, key=KEY_ONE)
    clean = finished(paths)
    stopped_run(monkeypatch, profile, source, paths, after_chunks=3, key=KEY_ONE)
    pipeline.run(profile, source, **paths, key=KEY_ONE, resume=True)
    assert contents(paths) == {name: gzip.decompress(data) for name, data in clean.items()}
    assert finished(paths) == clean


def test_a_resumed_run_counts_each_stage_as_a_run_never_stopped(monkeypatch, profile, source,
                                                                tmp_path):
    paths = files(tmp_path)
    clean = pipeline.run(profile, source, **paths).as_dict()["stages"]
    finished(paths)
    stopped_run(monkeypatch, profile, source, paths, after_chunks=1)
    resumed = pipeline.run(profile, source, **paths, resume=True).as_dict()["stages"]
    assert resumed == clean and clean["read"]["in"] == SOURCE_LINES


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def cli_args(source, paths):
    args = ["run", source, "--profile", PROFILE, "--quiet", "--workers", "1"]
    for name, path in paths.items():
        args += [f"--{name}", path]
    return args


def test_a_gzip_run_resumed_through_the_cli_is_that_of_a_run_never_stopped(monkeypatch, source, tmp_path):
    paths = files(tmp_path, **GZ_FILES)
    monkeypatch.setenv("REDACT_KEY", KEY_ONE.decode())
    assert invoke(*cli_args(source, paths)).exit_code == 0
    clean = finished(paths)
    chunks = []
    write_chunk = pipeline._write_chunk

    def write_then_interrupt(chunk, sinks, summary):
        if len(chunks) == 3:
            raise KeyboardInterrupt
        chunks.append(chunk)
        write_chunk(chunk, sinks, summary)

    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "_write_chunk", write_then_interrupt)
        assert invoke(*cli_args(source, paths)).exit_code != 0
    done = invoke(*cli_args(source, paths), "--resume")
    assert done.exit_code == 0, done.output
    assert contents(paths) == {name: gzip.decompress(data) for name, data in clean.items()}
    assert finished(paths) == clean


@pytest.mark.parametrize("zstd_file", ["output", "report", "quarantine", "manifest"])
def test_resume_with_a_zstd_file_is_refused_up_front(monkeypatch, profile, source, tmp_path, zstd_file):
    paths = files(tmp_path, manifest="m.jsonl")
    paths[zstd_file] = tmp_path / f"{zstd_file}.jsonl.zst"
    stopped_run(monkeypatch, profile, source, paths, key=KEY_ONE)
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(RedactError, match=f"--resume cannot continue the zstd file --{zstd_file}"):
        pipeline.run(profile, source, **paths, key=KEY_ONE, resume=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_resume_to_stdout_is_refused_by_the_library(profile, source, tmp_path):
    with pytest.raises(RedactError, match="--resume needs files: --output is stdout"):
        pipeline.run(profile, source, "-", quarantine=tmp_path / "q.jsonl", resume=True)


# --- one run per output; paths ---

def wait_for_checkpoint(path: Path, lines: int, process) -> None:
    """Wait until the run's checkpoint counts `lines` lines done (a point in the run, not a time)."""
    while process.poll() is None:
        try:
            if orjson.loads(path.read_bytes())["lines_done"] >= lines:
                return
        except (FileNotFoundError, orjson.JSONDecodeError):
            pass
        time.sleep(0.01)
    raise AssertionError(f"the run ended before its checkpoint counted {lines} lines")


@pytest.mark.slow  # a real second process
def test_a_second_run_on_the_same_output_is_refused_naming_the_first(source, tmp_path):
    lines = source.read_bytes().splitlines(keepends=True)
    out = tmp_path / "out.jsonl"
    first = subprocess.Popen(
        [sys.executable, "-m", "redact.cli.main", "run", "-", "-o", out, "--profile", PROFILE,
         "--quiet", "--workers", "1"], stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    first.stdin.write(b"".join(lines[:700]))  # the run then waits for more input, mid-run
    first.stdin.flush()
    wait_for_checkpoint(Path(f"{out}.checkpoint"), 256, first)
    second = invoke("run", source, "-o", out, "--profile", PROFILE, "--quiet", "--workers", "1")
    assert second.exit_code == 2
    assert second.stderr == (f"error: {out} is being written by another run (pid {first.pid}); wait "
                             f"for it to finish or stop it, or write to another --output\n")
    first.stdin.write(b"".join(lines[700:]))
    first.stdin.close()
    assert first.wait(timeout=300) == 0, first.stderr.read()
    (tmp_path / "alone").mkdir()
    alone = invoke("run", source, "-o", tmp_path / "alone" / "out.jsonl", "--profile", PROFILE,
                   "--quiet", "--workers", "1")
    assert alone.exit_code == 0
    assert out.read_bytes() == (tmp_path / "alone" / "out.jsonl").read_bytes()
    assert not Path(f"{out}.lock").exists()


def test_a_lock_left_by_a_dead_run_does_not_block(source, tmp_path):
    out = tmp_path / "out.jsonl"
    Path(f"{out}.lock").write_text("999999\n")
    done = invoke("run", source, "-o", out, "--profile", PROFILE, "--quiet", "--workers", "1")
    assert done.exit_code == 0, done.output


@pytest.mark.parametrize("same_as, says", [
    ("input", "the input and --output are the same file"),
    ("--quarantine", "--output and --quarantine are the same file"),
    ("--report", "--output and --report are the same file"),
    ("input-link", "the input and --output are the same file"),
])
def test_an_output_that_is_another_of_the_runs_files_is_refused(source, tmp_path, same_as, says):
    original = source.read_bytes()
    link = tmp_path / "link.jsonl"
    link.symlink_to(source)
    out = {"input": source, "input-link": link}.get(same_as, tmp_path / "out.jsonl")
    args = ["run", source, "-o", out, "--profile", PROFILE, "--quiet"]
    if same_as.startswith("--"):
        args += [same_as, out]
    done = invoke(*args)
    assert done.exit_code == 2
    assert done.stderr.startswith(f"error: {says}") and done.stderr.count("\n") == 1
    assert source.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "link.jsonl"]


def test_an_output_that_is_a_directory_is_refused_before_any_work(source, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    done = invoke("run", source, "-o", folder, "--profile", PROFILE, "--quiet")
    assert done.exit_code == 2
    assert done.stderr == f"error: --output {folder} is a directory; give a file name\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out"]


def test_a_summary_in_a_missing_directory_is_refused_before_any_work(source, tmp_path):
    summary = tmp_path / "missing" / "s.json"
    done = invoke("run", source, "-o", tmp_path / "out.jsonl", "--summary", summary,
                  "--profile", PROFILE, "--quiet")
    assert done.exit_code == 2
    assert done.stderr == (f"error: --summary {summary}: directory {summary.parent} does not exist\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_the_summary_is_finalised_with_the_other_files(monkeypatch, profile, source, tmp_path):
    paths = files(tmp_path, summary="s.json")
    stopped_run(monkeypatch, profile, source, paths)
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("in.")) == [
        "out.jsonl.checkpoint", "out.jsonl.partial", "q.jsonl.partial", "report.jsonl.partial",
        "s.json.partial"]
    summary = pipeline.run(profile, source, **paths, resume=True)
    assert orjson.loads((tmp_path / "s.json").read_bytes())["read"] == summary.read == SOURCE_LINES
    assert not list(tmp_path.glob("*.partial")) and not list(tmp_path.glob("*.lock"))


def test_two_files_on_stdout_are_refused(source, tmp_path):
    done = invoke("run", source, "-o", "-", "--report", "-", "--quarantine", tmp_path / "q.jsonl",
                  "--profile", PROFILE, "--quiet")
    assert done.exit_code == 2
    assert done.stderr.startswith("error: --output and --report are the same file (stdout)")


@pytest.mark.parametrize("name, says", [("missing.jsonl", "does not exist"), ("folder", "is a directory")])
def test_an_input_that_is_not_a_file_is_refused_in_one_line(tmp_path, name, says):
    (tmp_path / "folder").mkdir()
    done = invoke("run", tmp_path / name, "-o", tmp_path / "out.jsonl", "--profile", PROFILE, "--quiet")
    assert done.exit_code == 2
    assert done.stderr == f"error: the input {tmp_path / name} {says}\n"



@pytest.mark.parametrize("name", ["output", "report"])
def test_a_file_that_is_no_regular_file_is_refused_before_it_is_renamed_over(source, tmp_path, name):
    """A finished run renames OUT.partial to OUT: over a device (`--report /dev/null`) or a pipe
    that would replace it. A FIFO stands in for the device here, so that this test cannot break
    the machine's /dev on code without the guard."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    paths = {"output": tmp_path / "out.jsonl", "report": tmp_path / "report.jsonl", name: fifo}
    done = runner.invoke(app, ["run", str(source), "-o", str(paths["output"]), "--report",
                               str(paths["report"]), "--profile", str(PROFILE), "--quiet"])
    assert done.exit_code == 2
    label = {"output": "--output", "report": "--report"}[name]
    assert done.stderr == (f"error: {label} {fifo} is not a regular file (a device, pipe or "
                           f"socket); give a file name, or - for stdout\n")
    assert fifo.is_fifo() and not Path(f"{fifo}.partial").exists()


@pytest.mark.parametrize("options, says", [
    ({"--quarantine": "out.jsonl.checkpoint"}, "--quarantine and --output's checkpoint are the same file"),
    ({"--quarantine": "out.jsonl.checkpoint.tmp"},
     "--quarantine and --output's checkpoint's .tmp are the same file"),
    ({"--report": "out.jsonl.lock"}, "--report and --output's lock are the same file"),
    ({"--summary": "out.jsonl.lock"}, "--summary and --output's lock are the same file"),
    ({"--output": "a.jsonl.partial", "--report": "a.jsonl"},
     "--output and --report's partial file are the same file"),
    ({"--report": "r.jsonl", "--quarantine": "r.jsonl.partial"},
     "--quarantine and --report's partial file are the same file"),
])
def test_a_file_named_as_another_files_partial_checkpoint_or_lock_is_refused(source, tmp_path, options,
                                                                             says):
    """A run removes OUTPUT.checkpoint and OUTPUT.lock when it ends and renames each NAME.partial
    over NAME: a file given one of those names was lost, and the run exited 0."""
    named = {"--output": "out.jsonl", "--quarantine": "q.jsonl", **options}
    args = ["run", source, "--profile", PROFILE, "--quiet", "--workers", "1"]
    for option, name in named.items():
        args += [option, tmp_path / name]
    done = invoke(*args)
    assert done.exit_code == 2, done.output
    assert done.stderr.startswith(f"error: {says} (") and done.stderr.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


CLEAN_LINE = b'{"id": "c1", "text": "Please email maria.rossi@example.com today."}\n'


@pytest.mark.parametrize("suffix", [".gz", ".zst"])
def test_a_compressed_file_that_got_no_line_is_a_valid_empty_file(profile, tmp_path, suffix):
    """Nothing quarantined: the quarantine is an empty gzip member or zstd frame, not 0 bytes."""
    source = tmp_path / "in.jsonl"
    source.write_bytes(CLEAN_LINE)
    paths = files(tmp_path)
    paths["quarantine"] = tmp_path / f"q.jsonl{suffix}"
    pipeline.run(profile, source, **paths)
    data = paths["quarantine"].read_bytes()
    if suffix == ".gz":
        assert gzip.decompress(data) == b"" and len(data) == 20  # one empty member
    else:
        import zstandard

        assert data and zstandard.ZstdDecompressor().stream_reader(data).read() == b""


def test_an_empty_gzip_file_of_a_resumed_run_is_that_of_a_run_never_stopped(monkeypatch, profile,
                                                                            tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_bytes(CLEAN_LINE * 1000)  # several chunks, nothing quarantined
    paths = files(tmp_path, **GZ_FILES)
    pipeline.run(profile, source, **paths, key=KEY_ONE)
    clean = finished(paths)
    stopped_run(monkeypatch, profile, source, paths, after_chunks=2, key=KEY_ONE)
    assert (tmp_path / "q.jsonl.gz.partial").stat().st_size > 0  # as left by the stopped run
    pipeline.run(profile, source, **paths, key=KEY_ONE, resume=True)
    assert gzip.decompress(clean["quarantine"]) == b"" and len(clean["quarantine"]) == 20
    assert finished(paths) == clean


@pytest.mark.parametrize("output, says", [
    ("out.jsonl", "run again with --resume to go on"),
    ("-", "stdout cannot be resumed: run it again"),
])
def test_ctrl_c_exits_130_with_one_line_saying_where_the_files_are(monkeypatch, source, tmp_path,
                                                                    output, says):
    def interrupt(chunk, sinks, summary):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "_write_chunk", interrupt)
    target = "-" if output == "-" else tmp_path / output
    done = invoke("run", source, "-o", target, "--quarantine", tmp_path / "q.jsonl",
                  "--profile", PROFILE, "--quiet", "--workers", "1")
    assert done.exit_code == 130
    assert done.stderr == f"interrupted: the run's files are left as .partial; {says}\n"
