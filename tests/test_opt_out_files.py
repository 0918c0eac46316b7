"""Opt-out sources that cannot be read as member ids are refused before the first record, in one
line (issue: QA of main): a file that is not UTF-8 or a SQLite table that is not there raised a
traceback; entries such as `m6,`, `"m7"` or `m8<TAB>note` never matched, and those members'
records were written. Also: an `extends` cycle is named, not a RecursionError."""

import sqlite3

import orjson
import pytest
import yaml
from typer.testing import CliRunner

from redact.cli.main import app
from redact.errors import ProfileError, RedactError
from redact.profile import ConsentSpec, load_profile
from redact.stages.consent import Consent

runner = CliRunner()
RECORDS = [{"id": f"r{i}", "author_id": member, "region": "US", "kind": "post", "text": "Nothing here."}
           for i, member in enumerate(["m1", "m6", "m7", "m8", "m9"])]


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"".join(orjson.dumps(record) + b"\n" for record in RECORDS))
    return path


def run(source, *options):
    out = source.parent / "out.jsonl"
    return runner.invoke(app, ["run", str(source), "-o", str(out), "--profile", "corpus",
                               "--workers", "1", *map(str, options)])


@pytest.mark.parametrize("content, says", [
    (b"m1\nm\xe92\n", "not UTF-8 text (line 2)"),
    ("m1\nm6\n".encode("utf-16"), "not UTF-8 text (a UTF-16 file)"),
    (b'm1\nm6,\n"m7"\nm8\tnote\nm9\n', "lines 2, 3, 4 are not bare member ids"),
    (b"m1\nm6 m7\n", "line 2 is not a bare member id"),
    (b"a;b\n" + b"m1\n" * 3 + b"'x'\n" * 6, "lines 1, 5, 6, 7, 8 and 2 more are not bare member ids"),
])
def test_an_opt_out_file_that_is_no_list_of_bare_ids_is_refused_in_one_line(source, tmp_path,
                                                                             content, says):
    opt_outs = tmp_path / "optouts.txt"
    opt_outs.write_bytes(content)
    done = run(source, "--opt-out", opt_outs)
    assert done.exit_code == 2, done.output
    assert done.stderr.startswith(f"error: --opt-out {opt_outs}: {says}")
    assert done.stderr.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "optouts.txt"]


def test_a_profile_opt_out_file_that_is_no_list_of_bare_ids_is_a_profile_problem(tmp_path):
    opt_outs = tmp_path / "optouts.txt"
    opt_outs.write_bytes(b"m1\nm6,\n")
    profile = tmp_path / "p.yaml"
    profile.write_text(yaml.safe_dump({"name": "p", "extends": "corpus",
                                       "consent": {"opt_out_file": str(opt_outs)}}))
    with pytest.raises(ProfileError) as refused:
        load_profile(profile, check_model=False)
    assert [str(p) for p in refused.value.problems] == [
        f"{profile}: consent.opt_out_file: {opt_outs}: line 2 is not a bare member id (white "
        f"space, a comma, semicolon, | or quote in it); give one id per line, nothing else"]


def test_bare_ids_load_and_the_summary_counts_them(source, tmp_path):
    opt_outs = tmp_path / "optouts.txt"
    opt_outs.write_bytes(b"\xef\xbb\xbfM6\r\n m7 \n\nm8\nm8\n")  # a BOM, CRLF, spaces, case, a repeat
    summary = tmp_path / "s.json"
    done = run(source, "--opt-out", opt_outs, "--summary", summary)
    assert done.exit_code == 0, done.output
    facts = orjson.loads(summary.read_bytes())
    assert facts["opt_outs_loaded"] == 3 and facts["dropped_by_reason"] == {"opted_out": 3}
    assert "opt-outs    3 member ids loaded\n" in done.stderr


def members_db(path, table="opt_outs", rows=("m6",)):
    with sqlite3.connect(path) as connection:
        connection.execute(f"CREATE TABLE {table} (member_id TEXT)")
        connection.executemany(f"INSERT INTO {table} VALUES (?)", [(row,) for row in rows])
    connection.close()


def sqlite_profile(tmp_path, table):
    if not (tmp_path / "members.db").exists():
        members_db(tmp_path / "members.db", "members")
    profile = tmp_path / "p.yaml"
    profile.write_text(yaml.safe_dump({"name": "p", "extends": "corpus", "consent": {"opt_out_sqlite": {
        "path": str(tmp_path / "members.db"), "table": table, "column": "member_id"}}}))
    return profile


def test_profiles_validate_reads_the_sqlite_opt_out_table(tmp_path):
    profile = sqlite_profile(tmp_path, "opt_outs")
    done = runner.invoke(app, ["profiles", "validate", str(profile)])
    assert done.exit_code == 2, done.output
    assert (f"{profile}: consent.opt_out_sqlite: cannot read opt_outs.member_id from "
            f"{tmp_path / 'members.db'} (no such table: opt_outs)") in done.output
    fixed = runner.invoke(app, ["profiles", "validate", str(sqlite_profile(tmp_path, "members"))])
    assert fixed.exit_code == 0, fixed.output


def test_a_sqlite_opt_out_table_gone_since_validation_is_a_set_up_error(tmp_path):
    members_db(tmp_path / "members.db", "members")
    spec = ConsentSpec(author_field="author_id", opt_out_sqlite={
        "path": str(tmp_path / "members.db"), "table": "opt_outs", "column": "member_id"})
    with pytest.raises(RedactError, match=r"^consent.opt_out_sqlite: cannot read opt_outs.member_id "
                                          r"from .* \(no such table: opt_outs\)$"):
        Consent(spec)


def test_opt_outs_from_a_file_and_sqlite_are_counted_once_each(tmp_path):
    members_db(tmp_path / "members.db", rows=("m6", "M7"))
    (tmp_path / "optouts.txt").write_text("m7\nm8\n")
    consent = Consent(ConsentSpec(author_field="a", opt_out_file=str(tmp_path / "optouts.txt"), opt_out_sqlite={
        "path": str(tmp_path / "members.db"), "table": "opt_outs", "column": "member_id"}))
    assert consent.opt_outs.loaded() == 3
    assert [consent.reason({"a": m}) for m in ("m6", "m7", "m8", "m9")] == ["opted_out"] * 3 + [None]


def test_an_extends_cycle_is_named(tmp_path):
    (tmp_path / "loop1.yaml").write_text("extends: loop2.yaml\n")
    (tmp_path / "loop2.yaml").write_text("name: loop\nextends: loop1.yaml\n")
    with pytest.raises(ProfileError) as refused:
        load_profile(tmp_path / "loop1.yaml", check_model=False)
    assert [str(p) for p in refused.value.problems] == [
        f"{tmp_path / 'loop2.yaml'}: extends: cycle: {tmp_path / 'loop1.yaml'} -> "
        f"{tmp_path / 'loop2.yaml'} -> {tmp_path / 'loop1.yaml'}"]
    done = runner.invoke(app, ["profiles", "validate", str(tmp_path / "loop1.yaml")])
    assert done.exit_code == 2 and "extends: cycle: " in done.output
