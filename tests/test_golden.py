"""Golden end-to-end cases as data: tests/golden/<case>/ holds input.jsonl, profile.yaml,
expected.jsonl and expected_report.jsonl. Set REDACT_UPDATE_GOLDEN=1 to rewrite the expectations
after a deliberate change, then read the diff before committing it."""

import os
from pathlib import Path

import pytest
from conftest import TEST_KEY

from redact import Redactor
from redact.pipeline import run

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "input.jsonl").exists())

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("case", CASES)
def test_golden_case(case, tmp_path):
    folder = GOLDEN / case
    redactor = Redactor.from_profile(folder / "profile.yaml", key=TEST_KEY)
    out, report = tmp_path / "out.jsonl", tmp_path / "report.jsonl"
    run(redactor, folder / "input.jsonl", out, report, tmp_path / "q.jsonl")
    for produced, expected in ((out, folder / "expected.jsonl"), (report, folder / "expected_report.jsonl")):
        if os.environ.get("REDACT_UPDATE_GOLDEN"):
            expected.write_bytes(produced.read_bytes())
        assert produced.read_text() == expected.read_text(), f"{case}: {expected.name} differs"
