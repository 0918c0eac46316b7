"""Consent judges a record's comments by their own authors: an opted-out member's comment in another
member's post is removed before analysis (the post and the other comments stay), counted in the
report and the summary, and `redact forget` finds a member's comments through the manifest."""

import copy
import json

import orjson
import pytest
import yaml
from conftest import TEST_KEY, TESTS
from typer.testing import CliRunner

from redact import Redactor
from redact.cli.main import app
from redact.pipeline import run
from redact.profile import load_profile

runner = CliRunner()
COMMENTS = [
    {"author_id": "m1", "text": "mail m1@example.com"},        # opted out
    {"author_id": "m2", "text": "mail m2@example.com"},        # kept
    {"text": "no author"},                                     # unknown author
    {"author_id": " M1 ", "text": "m1 again"},                 # m1, folded
    {"author_id": ["m2"], "text": "a list is no id"},          # unknown
    {"author_id": "m4", "region": "DE", "text": "from the EU"},  # own region excluded
    {"author_id": "m5", "region": "US", "text": "fine"},       # kept
]
KEPT = [1, 6]
DROPPED = [(0, "opted_out"), (2, "consent_unknown"), (3, "opted_out"), (4, "consent_unknown"),
           (5, "region_excluded")]
RECORDS = [
    {"id": "p1", "author_id": "m3", "region": "US", "text": "a post", "comments": COMMENTS},
    {"id": "p2", "author_id": "m1", "region": "US", "text": "m1's own post"},
    {"id": "p3", "author_id": "m2", "region": "US", "text": "m2's post", "comments": []},
]


@pytest.fixture
def profile(tmp_path):
    """The patterns test profile (no model) with opt-outs (m1) and the EU excluded."""
    optouts = tmp_path / "optouts.txt"
    optouts.write_text("m1\n")
    raw = yaml.safe_load(open(TESTS / "profiles" / "patterns.yaml"))
    raw["record"]["keep_fields"] = ["kind", "region", "comments.region"]
    raw["consent"] = {"author_field": "author_id", "opt_out_file": str(optouts),
                      "region_field": "region", "exclude_regions": ["EU"]}
    path = tmp_path / "profile.yaml"
    path.write_text(yaml.safe_dump(raw))
    return path


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in RECORDS))
    return path


def lines(path):
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def test_a_comment_whose_author_consent_does_not_cover_is_removed_before_analysis(profile, source, tmp_path):
    summary = run(load_profile(profile), source, tmp_path / "out.jsonl", tmp_path / "report.jsonl")
    out = lines(tmp_path / "out.jsonl")
    assert [record["id"] for record in out] == ["p1", "p3"]
    assert out[0]["comments"] == [{"text": "mail <EMAIL_ADDRESS>"}, {"region": "US", "text": "fine"}]
    report = lines(tmp_path / "report.jsonl")
    assert report[0]["comments_dropped"] == [{"path": f"comments[{n}]", "reason": why} for n, why in DROPPED]
    assert list(report[0]["fields"]) == ["comments[0].text"]  # the fields as written
    assert "comments_dropped" not in report[2]
    facts = summary.as_dict()
    assert facts["comments_dropped"] == 5
    assert facts["comments_dropped_by_reason"] == {"consent_unknown": 2, "opted_out": 2, "region_excluded": 1}
    assert (summary.read, summary.written, dict(summary.dropped)) == (3, 2, {"opted_out": 1})


def test_forget_finds_a_members_comments_in_other_members_posts(profile, source, tmp_path, monkeypatch):
    monkeypatch.setenv("REDACT_KEY", TEST_KEY.decode())
    out, manifest = tmp_path / "out.jsonl", tmp_path / "man.jsonl"
    done = runner.invoke(app, ["run", str(source), "-o", str(out), "--profile", str(profile),
                               "--manifest", str(manifest), "--quiet"])
    assert done.exit_code == 0, done.output

    def found(member):  # exit code 1 when nothing is found
        done = runner.invoke(app, ["forget", member, "--manifest", str(manifest)])
        assert done.exit_code == (0 if done.stdout else 1), done.output
        return done.stdout.splitlines()

    assert found("m2") == [f"{out}:1\tp1", f"{out}:2\tp3"]  # a comment in p1, and p3
    assert found("m5") == [f"{out}:1\tp1"]
    assert found("m1") == []  # opted out: neither the post nor the comments were written
    assert found("m4") == []  # their comment was removed


def test_the_library_removes_the_comment_and_leaves_the_callers_object_alone(profile):
    redactor = Redactor.from_profile(profile)
    record = copy.deepcopy(RECORDS[0])
    out, report = redactor.redact_record(record)
    assert [c.get("region") for c in out["comments"]] == [None, "US"]
    assert len(report["comments_dropped"]) == 5
    assert record == RECORDS[0]


def test_with_no_opt_outs_nor_regions_comments_are_not_judged(profile, source, tmp_path):
    raw = yaml.safe_load(profile.read_text())
    raw["consent"] = {"timestamp_field": "id", "not_after": "2030-01-01T00:00:00Z"}
    source.write_text(json.dumps({**RECORDS[0], "id": "2026-01-01"}) + "\n")
    run(load_profile(raw), source, tmp_path / "out.jsonl", tmp_path / "report.jsonl")
    assert len(lines(tmp_path / "out.jsonl")[0]["comments"]) == len(COMMENTS)


def test_comment_author_fields_must_reach_into_items():
    raw = yaml.safe_load(open(TESTS / "profiles" / "patterns.yaml"))
    raw["record"]["comment_author_fields"] = ["author_id"]
    with pytest.raises(Exception, match="not a dotted path to a key inside items"):
        load_profile(raw)
