"""Review statistics against known values: Wilson intervals, Kish's effective size, Hajek rates,
and the sign-off exit codes of `redact review score`."""

import json

import pytest
from typer.testing import CliRunner

from redact.cli.main import app
from redact.errors import RedactError
from redact.review.stats import Verdict, kish_effective_size, score, weighted_rate, wilson, z_value
from redact.review.verdicts import load_sheet, load_verdicts, sample_id

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


def write_sheet(path, size, weight=1.0):
    """A sheet of `size` records r0.. at lines 0.. with equal weights; returns its path and sample name."""
    lines = [json.dumps({"id": f"r{i}", "line": i, "stratum": "clean", "types": [], "weight": weight}).encode()
             for i in range(size)]
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return path, sample_id(lines)


def judge(sample, records, verdict="ok", **extra):
    """Verdict lines for records r<i>, as the page exports them."""
    return [{"id": f"r{i}", "line": i, "verdict": verdict, "note": "", "sample": sample, **extra} for i in records]


def test_score_exits_0_under_the_target_and_4_over_it(tmp_path):
    sheet, sample = write_sheet(tmp_path / "sheet.jsonl", 400)
    clean = write_verdicts(tmp_path / "v.jsonl", judge(sample, range(400)))
    passed = runner.invoke(app, ["review", "score", str(clean), "--sheet", str(sheet), "--target-leak", "0.01",
                                 "--json", str(tmp_path / "s.json")])
    assert passed.exit_code == 0, passed.output
    assert "PASS" in passed.stdout
    facts = json.loads((tmp_path / "s.json").read_text())
    assert facts["passed"] and facts["leak"]["high"] == pytest.approx(3.8415 / 403.8415, abs=1e-4)
    assert facts["sample"] == sample and facts["unjudged"] == 0
    failed = runner.invoke(app, ["review", "score", str(clean), "--sheet", str(sheet), "--target-leak", "0.005"])
    assert failed.exit_code == 4 and "FAIL" in failed.stdout


def test_a_bad_verdict_file_fails_with_one_line_naming_the_line(tmp_path):
    sheet, sample = write_sheet(tmp_path / "sheet.jsonl", 3)
    bad = write_verdicts(tmp_path / "v.jsonl", judge(sample, [1]) + judge(sample, [2], "maybe"))
    result = runner.invoke(app, ["review", "score", str(bad), "--sheet", str(sheet)])
    assert result.exit_code == 2
    assert "v.jsonl:2: unknown verdict 'maybe'" in result.stderr
    with pytest.raises(RedactError, match="no verdicts"):
        score(load_verdicts(write_verdicts(tmp_path / "empty.jsonl", []), load_sheet(sheet)))


def test_the_last_verdict_for_a_record_wins(tmp_path):
    sheet, sample = write_sheet(tmp_path / "sheet.jsonl", 2)
    entries = judge(sample, [1], "missed") + judge(sample, [1], note="on second look")
    path = write_verdicts(tmp_path / "v.jsonl", entries)
    assert [(v.verdict, v.note) for v in load_verdicts(path, load_sheet(sheet))] == [("ok", "on second look")]


def test_score_needs_the_sheet_of_the_review(tmp_path):
    _, sample = write_sheet(tmp_path / "sheet.jsonl", 400)
    verdicts = write_verdicts(tmp_path / "v.jsonl", judge(sample, range(400)))
    result = runner.invoke(app, ["review", "score", str(verdicts), "--target-leak", "0.01"])
    assert result.exit_code == 2 and "--sheet" in result.output


@pytest.mark.parametrize("case, message", [
    ("invented ids", "v.jsonl:1: record 'zz0' (line 0) is not in the sample of"),
    ("another sample", "v.jsonl:1: the verdict is of sample 'beefbeefbeefbeef', "),
    ("no sample", "v.jsonl:1: the verdict names no sample (export it from the review page)"),
])
def test_verdicts_that_are_not_of_the_sheets_sample_are_refused(tmp_path, case, message):
    sheet, sample = write_sheet(tmp_path / "sheet.jsonl", 400)
    entries = judge(sample, range(400))
    if case == "invented ids":
        entries = [{**e, "id": "zz" + e["id"][1:]} for e in entries]
    elif case == "another sample":
        entries = judge("beefbeefbeefbeef", range(400))
    else:
        entries = [{k: v for k, v in e.items() if k != "sample"} for e in entries]
    verdicts = write_verdicts(tmp_path / "v.jsonl", entries)
    result = runner.invoke(app, ["review", "score", str(verdicts), "--sheet", str(sheet), "--target-leak", "0.01"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr


def test_a_sample_with_unjudged_records_is_not_signed_off(tmp_path):
    sheet, sample = write_sheet(tmp_path / "sheet.jsonl", 50)
    verdicts = write_verdicts(tmp_path / "v.jsonl", judge(sample, range(5)))
    result = runner.invoke(app, ["review", "score", str(verdicts), "--sheet", str(sheet), "--target-leak", "0.5",
                                 "--json", str(tmp_path / "s.json")])
    assert result.exit_code == 4
    assert result.stdout.splitlines()[-1].startswith("FAIL: 45 of 50 sampled records have no verdict")
    facts = json.loads((tmp_path / "s.json").read_text())
    assert not facts["passed"] and facts["unjudged"] == 45


def test_weights_come_from_the_sheet_not_from_the_export(tmp_path):
    # r0 is missed and weighs 9 in the sheet; the export says 0 and 1000: the sheet's weights count.
    sheet_path = tmp_path / "sheet.jsonl"
    lines = [json.dumps({"id": f"r{i}", "line": i, "stratum": "s", "types": [],
                         "weight": 9.0 if i == 0 else 1.0}).encode() for i in range(4)]
    sheet_path.write_bytes(b"".join(line + b"\n" for line in lines))
    sample = sample_id(lines)
    entries = judge(sample, [0], "missed", weight=0) + judge(sample, [1, 2, 3], weight=1000)
    verdicts = load_verdicts(write_verdicts(tmp_path / "v.jsonl", entries), load_sheet(sheet_path))
    assert score(verdicts).leak.rate == pytest.approx(9 / 12)
