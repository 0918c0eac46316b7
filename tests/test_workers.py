"""--workers: the same bytes for any number of workers, and a dying worker loses no line."""

import os
from pathlib import Path

import pytest

from redact import pipeline
from redact.profile import load_profile

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
