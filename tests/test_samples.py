"""Every shipped profile over samples/: a report line per input line, in order, counts that add up,
and none of the samples' known personal data in the output."""

from pathlib import Path

import orjson
import pytest
from conftest import TEST_KEY

from redact.pipeline import run
from redact.profile import builtin_profiles, load_profile

ROOT = Path(__file__).parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.jsonl"))
# Values the samples hold that every profile must remove (pattern-found, so no model is needed).
KNOWN_PII = ["+44 7700 900123", "sofia.rossi@example.com", "linkedin.com/in/jordan-okafor-5b2a1",
             "@sam_lee", "u/throwaway_ml_42", "daniel.kim@example.org", "4111 1111 1111 1111",
             "0044 20 7946 0958", "221 Baker Street", "Hauptstraße 12"]
pytestmark = pytest.mark.slow


@pytest.mark.parametrize("name", builtin_profiles())
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_each_profile_runs_each_sample_to_the_end(name, sample, tmp_path):
    profile = load_profile(name)
    out, report = tmp_path / "out.jsonl", tmp_path / "report.jsonl"
    key = TEST_KEY if profile.needs_key() else None  # `training`'s surrogates are keyed
    summary = run(profile, sample, out, report, tmp_path / "q.jsonl", workers=1, key=key)
    lines = sample.read_bytes().splitlines()
    reports = [orjson.loads(line) for line in report.read_bytes().splitlines()]
    assert [r["line"] for r in reports] == list(range(1, len(lines) + 1))
    assert [r["id"] for r in reports] == [orjson.loads(line)["id"] for line in lines]
    written = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    assert [w["id"] for w in written] == [r["id"] for r in reports if r["status"] in ("clean", "redacted")]
    assert summary.read == summary.written + sum(summary.quarantined.values()) + sum(summary.dropped.values())
    text = out.read_text()
    for value in KNOWN_PII:
        assert value not in text, f"{name} left {value!r} in {sample.name}"
