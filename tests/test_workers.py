"""--workers: the same bytes for any number of workers, and a dying worker loses no line."""

import json
import os
from pathlib import Path

import orjson
import pytest

from redact import pipeline
from redact.profile import load_profile
from redact.stages.write import Write

MIXED = Path(__file__).parent / "malformed" / "mixed.jsonl"
pytestmark = pytest.mark.slow


@pytest.fixture
def big_input(tmp_path):
    """Enough lines for several chunks, good and bad mixed."""
    lines = MIXED.read_bytes().splitlines() * 60
    path = tmp_path / "big.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path, len(lines)


def artefacts(profile, source, folder, workers):
    folder.mkdir()
    names = [folder / n for n in ("out.jsonl", "report.jsonl", "quarantine.jsonl")]
    summary = pipeline.run(profile, source, *names, workers=workers)
    return summary, [p.read_bytes() for p in names]


def test_two_workers_write_the_same_bytes_as_one(spine_profile, big_input, tmp_path):
    profile = load_profile(spine_profile)
    source, n = big_input
    one, files_one = artefacts(profile, source, tmp_path / "one", 1)
    two, files_two = artefacts(profile, source, tmp_path / "two", 2)
    assert two.workers == 2 and one.read == two.read == n
    assert files_one == files_two
    assert one.as_dict()["findings_by_type"] == two.as_dict()["findings_by_type"]


def test_a_worker_that_dies_quarantines_its_chunk_and_the_run_goes_on(spine_profile, big_input,
                                                                       tmp_path, monkeypatch):
    profile = load_profile(spine_profile)
    source, n = big_input
    real = pipeline.redact_chunk

    def dies_on_the_second_chunk(redactor, chunk):
        if chunk[0][0] == pipeline.LINES_PER_CHUNK + 1:
            os._exit(9)  # as a SIGKILL or an OOM kill would: no exception, no cleanup
        return real(redactor, chunk)

    monkeypatch.setattr(pipeline, "redact_chunk", dies_on_the_second_chunk)
    summary, (out, report, quarantine) = artefacts(profile, source, tmp_path / "run", 2)
    assert summary.read == n
    assert summary.quarantined["worker_failed"] == pipeline.LINES_PER_CHUNK
    assert len(report.splitlines()) == n
    assert b"john.doe@example.com" not in out


EXPECTED = [json.loads(x) for x in (MIXED.parent / "mixed.expected.jsonl").read_text().splitlines()]


def test_every_malformed_line_gives_the_same_files_with_one_or_two_workers(spine_profile, tmp_path):
    """Every fixture of tests/malformed (lone surrogates, deep nesting, NaN, big numbers, a BOM,
    a CR inside a line...) through the single-process and the worker path: no line stops the
    run, each gets its expected status and reason, and both paths write the same bytes."""
    profile = load_profile(spine_profile)
    copies = 2 * pipeline.LINES_PER_CHUNK // len(EXPECTED) + 1  # enough chunks for the workers
    source = tmp_path / "malformed.jsonl"
    source.write_bytes(MIXED.read_bytes() * copies)  # bytes, not splitlines(): a CR stays inside its line
    one, files_one = artefacts(profile, source, tmp_path / "one", 1)
    two, files_two = artefacts(profile, source, tmp_path / "two", 2)
    assert two.workers == 2 and one.read == two.read == len(EXPECTED) * copies
    assert files_one == files_two
    report = [orjson.loads(line) for line in files_one[1].splitlines()]
    assert [(r["status"], r.get("reason")) for r in report] == \
        [(e["status"], e["reason"]) for e in EXPECTED] * copies


def test_numbers_survive_byte_exact_through_a_whole_run(spine_profile, tmp_path):
    profile = load_profile(spine_profile)
    lines = [line for line in MIXED.read_bytes().splitlines() if line.startswith((b'{"id":"g7"', b'{"id":"g8"'))]
    assert len(lines) == 2
    _, (out, _, _) = artefacts(profile, MIXED, tmp_path / "run", 1)
    assert [line for line in out.splitlines() if line in lines] == lines


@pytest.mark.parametrize("workers", [1, 2])
def test_a_line_that_breaks_past_every_guard_is_quarantined_and_the_run_goes_on(
        spine_profile, big_input, tmp_path, monkeypatch, workers):
    profile = load_profile(spine_profile)
    source, n = big_input
    real = Write.author_digest

    def breaks_on_line_300(writer, record):
        if record.line == 300:
            raise RuntimeError("a bug no stage expected")
        return real(writer, record)

    monkeypatch.setattr(Write, "author_digest", breaks_on_line_300)
    summary, (out, report, quarantine) = artefacts(profile, source, tmp_path / "run", workers)
    assert summary.read == n and summary.quarantined["not_processed"] == 1
    (entry,) = [orjson.loads(line) for line in quarantine.splitlines() if orjson.loads(line)["line"] == 300]
    assert entry["reason"] == "not_processed" and "RuntimeError" in entry["detail"]
    assert len(report.splitlines()) == n
