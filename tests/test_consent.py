"""Consent rules drop exactly the records they should, before analysis, with exact accounting."""

import json
import sqlite3

import orjson
import pytest
import yaml

from redact.pipeline import run
from redact.profile import ConsentSpec, load_profile
from redact.stages.consent import Consent, expand_regions

# (id, author, region, kind, created_at) -> the reason it must be dropped, or None
CASES = [
    ("r1", "m1", "US", "post", "2026-05-01T00:00:00Z", None),
    ("r2", "m2", "DE", "post", "2026-05-01T00:00:00Z", "region_excluded"),      # EU
    ("r3", "m3", "no", "post", "2026-05-01T00:00:00Z", "region_excluded"),      # EEA, lower case
    ("r4", "m4", "GB", "comment", "2026-05-01T00:00:00Z", "region_excluded"),   # UK
    ("r5", "m5", "CH", "post", "2026-05-01T00:00:00Z", "region_excluded"),
    ("r6", "optout-1", "US", "post", "2026-05-01T00:00:00Z", "opted_out"),
    ("r7", "m7", "IN", "message", "2026-05-01T00:00:00Z", "kind_excluded"),
    ("r8", None, "US", "post", "2026-05-01T00:00:00Z", "consent_unknown"),      # no author
    ("r9", "m9", None, "post", "2026-05-01T00:00:00Z", "consent_unknown"),      # no region
    ("r10", "m10", "BR", "post", "2027-01-02T00:00:00Z", "outside_time_window"),
    ("r11", "m11", "BR", "post", "not a date", "consent_unknown"),
    ("r12", "m12", "CA", "article", "2026-10-31T23:59:59+00:00", None),
]


def consent_profile(spine_profile, **consent):
    raw = yaml.safe_load(open(spine_profile))
    raw["consent"] = {"author_field": "author_id", "region_field": "region",
                      "exclude_regions": ["EU", "EEA", "UK", "CH"], "kind_field": "kind",
                      "exclude_kinds": ["message"], "timestamp_field": "created_at",
                      "not_after": "2026-11-01T00:00:00Z", **consent}
    return load_profile(raw)


def write_cases(path):
    with open(path, "w") as f:
        for rid, author, region, kind, created, _ in CASES:
            rec = {"id": rid, "author_id": author, "region": region, "kind": kind,
                   "created_at": created, "text": f"Mail {rid}@example.com"}
            f.write(json.dumps({k: v for k, v in rec.items() if v is not None}) + "\n")


@pytest.mark.slow
def test_each_rule_drops_exactly_its_records(spine_profile, tmp_path):
    optouts = tmp_path / "optouts.txt"
    optouts.write_text("optout-1\noptout-2\n")
    profile = consent_profile(spine_profile, opt_out_file=str(optouts))
    source = tmp_path / "in.jsonl"
    write_cases(source)
    summary = run(profile, source, tmp_path / "out.jsonl", tmp_path / "report.jsonl")
    report = [orjson.loads(line) for line in (tmp_path / "report.jsonl").read_bytes().splitlines()]
    assert [r.get("reason") for r in report] == [c[-1] for c in CASES]
    dropped = [r for r in report if r["status"] == "dropped"]
    assert all(set(r) == {"id", "line", "status", "reason"} for r in dropped)  # id and reason only
    out_ids = [orjson.loads(line)["id"] for line in (tmp_path / "out.jsonl").read_bytes().splitlines()]
    assert out_ids == ["r1", "r12"]
    assert summary.read == summary.written + sum(summary.dropped.values()) == len(CASES)


def test_region_groups_expand():
    assert {"DE", "FR", "IS", "NO", "LI", "GB", "CH"} <= expand_regions(["EEA", "UK", "CH"])
    assert "US" not in expand_regions(["EU", "EEA", "UK", "CH"])


def test_a_million_id_opt_out_list_drops_exactly_the_listed_members(tmp_path):
    ids = tmp_path / "optouts.txt"
    ids.write_text("".join(f"member-{i}\n" for i in range(0, 2_000_000, 2)))  # 1M ids
    consent = Consent(ConsentSpec(author_field="author_id", opt_out_file=str(ids)))
    verdicts = [consent.reason({"author_id": f"member-{i}"}) for i in range(10_000)]
    assert verdicts == ["opted_out" if i % 2 == 0 else None for i in range(10_000)]


def test_opt_outs_from_sqlite(tmp_path):
    db = tmp_path / "members.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE opt_outs (member_id TEXT PRIMARY KEY)")
        conn.executemany("INSERT INTO opt_outs VALUES (?)", [(f"m{i}",) for i in range(1000)])
    spec = ConsentSpec(author_field="author", opt_out_sqlite={"path": str(db), "table": "opt_outs",
                                                               "column": "member_id"})
    consent = Consent(spec)
    assert consent.reason({"author": "m999"}) == "opted_out"
    assert consent.reason({"author": "m1000"}) is None
    assert consent.reason({}) == "consent_unknown"


def test_a_rule_without_its_field_is_a_profile_error(spine_profile):
    from redact.errors import ProfileError

    raw = yaml.safe_load(open(spine_profile))
    raw["consent"] = {"exclude_regions": ["EU"], "opt_out_file": "no-such-file.txt"}
    with pytest.raises(ProfileError) as caught:
        load_profile(raw)
    text = str(caught.value)
    assert "consent.region_field: consent.exclude_regions needs region_field" in text
    assert "consent.author_field: consent.opt_out_file needs author_field" in text
    assert "consent.opt_out_file: no such file: no-such-file.txt" in text
