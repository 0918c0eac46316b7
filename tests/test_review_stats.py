"""Review statistics against known values: Wilson intervals, Kish's effective size, Hajek rates,
and the sign-off exit codes of `redact review score`."""

import json

import pytest
from typer.testing import CliRunner

from redact.cli.main import app
from redact.errors import RedactError
from redact.review.stats import Verdict, kish_effective_size, load_verdicts, score, weighted_rate, wilson, z_value

runner = CliRunner()


@pytest.mark.parametrize("flagged, n, confidence, low, high", [
    (0, 200, 0.95, 0.0, 0.0188),
    (5, 100, 0.95, 0.0215, 0.1118),
    (10, 10, 0.95, 0.7225, 1.0),
    (1, 10, 0.95, 0.0179, 0.4042),
    (50, 100, 0.99, 0.3753, 0.6247),
])
def test_wilson_interval_matches_published_values(flagged, n, confidence, low, high):
    got = wilson(flagged / n, n, confidence)
    assert got == (pytest.approx(low, abs=1e-4), pytest.approx(high, abs=1e-4))


@pytest.mark.parametrize("confidence, z", [(0.95, 1.959964), (0.99, 2.575829), (0.90, 1.644854)])
def test_normal_quantile_without_scipy(confidence, z):
    assert z_value(confidence) == pytest.approx(z, abs=1e-6)


@pytest.mark.parametrize("weights, effective", [([1] * 50, 50), ([2, 2, 1, 1], 3.6), ([1, 3], 1.6), ([5], 1)])
def test_kish_effective_sample_size(weights, effective):
    assert kish_effective_size(weights) == pytest.approx(effective)


def test_weighted_rate_is_hajek_with_wilson_on_the_effective_size():
    estimate = weighted_rate([True, False, False, False], [2, 2, 1, 1])
    assert estimate.rate == pytest.approx(2 / 6)
    assert estimate.n_effective == pytest.approx(3.6)
    assert (estimate.low, estimate.high) == wilson(2 / 6, 3.6)
    assert (estimate.judged, estimate.flagged) == (4, 1)


def test_equal_weights_give_the_plain_wilson_interval():
    estimate = weighted_rate([False] * 200, [2.5] * 200)
    assert estimate.rate == 0 and estimate.high == pytest.approx(0.0188, abs=1e-4)


def test_score_breaks_down_by_stratum_and_type():
    verdicts = ([Verdict("a", 1, "missed", 1.0, "post/PERSON", ("PERSON",))]
                + [Verdict(f"b{i}", i + 2, "ok", 1.0, "clean") for i in range(8)]
                + [Verdict("c", 20, "over", 1.0, "post/PERSON", ("PERSON", "EMAIL_ADDRESS"))])
    card = score(verdicts)
    assert card.leak.rate == pytest.approx(0.1) and card.over.rate == pytest.approx(0.1)
    assert card.by_stratum["post/PERSON"]["leak"].rate == pytest.approx(0.5)
    assert card.by_stratum["clean"]["leak"].judged == 8
    assert card.by_type["EMAIL_ADDRESS"]["over"].rate == 1.0


def write_verdicts(path, verdicts):
    path.write_text("".join(json.dumps(v) + "\n" for v in verdicts))
    return path


def test_score_exits_0_under_the_target_and_4_over_it(tmp_path):
    clean = write_verdicts(tmp_path / "v.jsonl", [{"id": f"r{i}", "line": i, "verdict": "ok", "weight": 1.0,
                                                   "stratum": "clean", "note": ""} for i in range(400)])
    passed = runner.invoke(app, ["review", "score", str(clean), "--target-leak", "0.01",
                                 "--json", str(tmp_path / "s.json")])
    assert passed.exit_code == 0, passed.output
    assert "PASS" in passed.stdout
    facts = json.loads((tmp_path / "s.json").read_text())
    assert facts["passed"] and facts["leak"]["high"] == pytest.approx(3.8415 / 403.8415, abs=1e-4)
    failed = runner.invoke(app, ["review", "score", str(clean), "--target-leak", "0.005"])
    assert failed.exit_code == 4 and "FAIL" in failed.stdout


def test_a_bad_verdict_file_fails_with_one_line_naming_the_line(tmp_path):
    bad = write_verdicts(tmp_path / "v.jsonl", [{"id": "a", "line": 1, "verdict": "ok"},
                                                {"id": "b", "line": 2, "verdict": "maybe"}])
    result = runner.invoke(app, ["review", "score", str(bad)])
    assert result.exit_code == 2
    assert "v.jsonl:2: unknown verdict 'maybe'" in result.stderr
    with pytest.raises(RedactError, match="no verdicts"):
        score(load_verdicts(write_verdicts(tmp_path / "empty.jsonl", [])))


def test_the_last_verdict_for_a_record_wins(tmp_path):
    path = write_verdicts(tmp_path / "v.jsonl", [{"id": "a", "line": 1, "verdict": "missed"},
                                                 {"id": "a", "line": 1, "verdict": "ok", "note": "on second look"}])
    assert [(v.verdict, v.note) for v in load_verdicts(path)] == [("ok", "on second look")]
