"""Every field is accounted for (issue 13): each path of a record is analysed, kept, pseudonymised
or dropped by the profile, and a path it does not name follows `record.unlisted`. Text in a field
the profile does not list, or contact details beside the listed ones, never reach the output
unanalysed; a record with none of its text fields is not `clean`; unlisted paths are counted."""

from __future__ import annotations

import json
from datetime import datetime

import numpy as np
import orjson
import pytest
from conftest import TEST_KEY, TESTS, redactor_for
from typer.testing import CliRunner

from redact import Redactor, errors
from redact.cli.main import app
from redact.errors import MissingKey
from redact.fields import FieldPolicy
from redact.profile import RecordSpec, load_profile
from redact.record import Record
from redact.stages.read import Read

PATTERNS = str(TESTS / "profiles" / "patterns.yaml")
runner = CliRunner()

# The first row: text under a name the profile does not list, and contact fields beside
# the listed ones. Each record also has a listed text field, so it is written (redacted).
VARIANTS = {
    "body": ({"body": "Call Maria Rossi at +44 7700 900123"}, ["body"]),
    "txt": ({"txt": "Mail maria.rossi@example.com"}, ["txt"]),
    "Text": ({"Text": "Mail maria.rossi@example.com or call +44 7700 900123"}, ["Text"]),
    "meta.bio": ({"meta": {"bio": "I am Maria Rossi, maria.rossi@example.com"}}, ["meta.bio"]),
    "comments[].body": ({"comments": [{"text": "ok", "body": "DM @maria_rossi"}]}, ["comments.body"]),
    "email": ({"email": "maria.rossi@example.com"}, ["email"]),
    "phone": ({"phone": "+44 7700 900123"}, ["phone"]),
    "display_name": ({"display_name": "Maria Rossi"}, ["display_name"]),
    "comments[].author": ({"comments": [{"text": "hi", "author": "@maria_rossi"}]}, ["comments.author"]),
}
PII = ["Maria", "Rossi", "maria.rossi@example.com", "+44 7700 900123", "7700", "@maria_rossi"]


def variant(name: str) -> dict:
    extra, _ = VARIANTS[name]
    return {"id": name, "kind": "post", "text": "A quiet day at the office.", **extra}


def plan(spec: dict, data: dict):
    return FieldPolicy(RecordSpec(**{"text_fields": ["text"], **spec})).plan(data)


# --- the policy, without a model -----------------------------------------------------------------

@pytest.mark.parametrize("spec, data, fields, removed, unlisted", [
    ({}, {"id": "a", "text": "t", "body": "b"}, ["text", "body"], [], {"body"}),
    ({}, {"id": "a", "text": "t", "meta": {"bio": "b", "ok": True, "n": None}}, ["text", "meta.bio"],
     [], {"meta.bio", "meta.ok"}),
    ({}, {"id": "a", "text": "t", "c": [{"body": "x"}, {"body": "y"}]}, ["text", "c[0].body", "c[1].body"],
     [], {"c.body"}),
    ({"keep_fields": ["kind", "meta"]}, {"id": "a", "text": "t", "kind": "k", "meta": {"n": 5}},
     ["text"], [], set()),
    ({"drop_fields": ["raw"]}, {"id": "a", "text": "t", "raw": "secret"}, ["text"], [("raw",)], set()),
    ({"identifier_fields": {"author_id": "drop", "c.author": "drop"}},
     {"id": "a", "text": "t", "author_id": "m1", "c": [{"author": "m2"}]}, ["text"],
     [("author_id",), ("c", 0, "author")], set()),
    ({"unlisted": "drop"}, {"id": "a", "text": "t", "body": "b", "meta": {"n": 5}}, ["text"],
     [("body",), ("meta",)], {"body", "meta.n"}),
    ({"unlisted": "quarantine"}, {"id": "a", "text": "t", "body": "b"}, ["text"], [], {"body"}),
])
def test_each_path_gets_its_role(spec, data, fields, removed, unlisted):
    result = plan(spec, data)
    assert [f.name for f in result.fields] == fields
    assert result.removed == removed and result.unlisted == unlisted


@pytest.mark.parametrize("spec, line, reason", [
    ({}, b'{"id": "a", "text": "t", "likes": 5}', errors.UNLISTED_NUMBER),
    ({}, b'{"id": "a", "text": "t", "meta": {"phone": 447700900123}}', errors.UNLISTED_NUMBER),
    ({"unlisted": "quarantine"}, b'{"id": "a", "text": "t", "body": "b"}', errors.UNLISTED_FIELD),
    ({}, b'{"id": "a"}', errors.NO_TEXT_FIELDS),
    ({}, b'{"id": "a", "text": null, "body": "text under another name"}', errors.NO_TEXT_FIELDS),
    ({"identifier_fields": {"author_id": "pseudonymize"}}, b'{"id": "a", "text": "t", "author_id": {}}',
     errors.NOT_TEXT),
])
def test_records_that_cannot_be_accounted_for_are_quarantined(spec, line, reason):
    record = Read(RecordSpec(**{"text_fields": ["text"], **spec})).parse(3, line)
    assert (record.status, record.reason) == ("quarantined", reason)
    assert "5" not in record.detail and "447700900123" not in record.detail  # paths, never values


def test_booleans_and_null_pass_under_analyze_and_unlisted_paths_are_reported():
    record = Read(RecordSpec(text_fields=["text"])).parse(1, b'{"id": "a", "text": "t", "ok": true, '
                                                             b'"gone": null, "body": "b"}')
    assert record.status == "pending" and record.unlisted == ("body", "ok")


def test_dropped_and_pseudonymised_identifiers_never_reach_the_output():
    profile = {"name": "ids", "nlp": {"model": None, "components": []}, "recognizers": ["EmailRecognizer"],
               "record": {"text_fields": ["text"], "keep_fields": ["kind"],
                          "identifier_fields": {"author_id": "pseudonymize", "c.author": "pseudonymize",
                                                "device": "drop"}}}
    redactor = Redactor.from_profile(profile, key=TEST_KEY)
    record = {"id": "a", "kind": "post", "text": "hi", "author_id": "M10", "device": "d1",
              "c": [{"author": " m10"}, {"author": 42}]}
    out, report = redactor.redact_record(record)
    token = out["author_id"]
    assert len(token) == 16 and token != "M10" and "device" not in out
    assert [c["author"] for c in out["c"]] == [token, redactor.redact_record(
        {**record, "author_id": "42"})[0]["author_id"]]  # case and spaces folded; numbers as text
    assert record["author_id"] == "M10"  # the input object is not changed
    assert report["status"] == "clean" and "unlisted" not in report


def test_pseudonymising_an_identifier_without_a_key_is_a_set_up_error(monkeypatch):
    monkeypatch.delenv("REDACT_KEY", raising=False)
    profile = {"name": "ids", "nlp": {"model": None, "components": []}, "recognizers": ["EmailRecognizer"],
               "record": {"text_fields": ["text"], "identifier_fields": {"author_id": "pseudonymize"}}}
    with pytest.raises(MissingKey, match=r"record.identifier_fields.author_id \(pseudonymize\)"):
        Redactor.from_profile(profile)


def test_the_schema_shows_the_field_roles():
    result = runner.invoke(app, ["profiles", "schema"])
    record = json.loads(result.stdout)["$defs"]["RecordSpec"]["properties"]
    assert {"keep_fields", "identifier_fields", "drop_fields", "unlisted"} <= set(record)
    assert record["unlisted"]["enum"] == ["analyze", "drop", "quarantine"]


def test_the_shipped_corpus_profile_does_not_write_author_ids():
    corpus = load_profile("corpus", check_model=False)
    assert corpus.record.identifier_fields["author_id"] == "drop"
    assert corpus.record.unlisted == "analyze"
    assert load_profile("default", check_model=False).record.unlisted == "analyze"


# --- through the library, the CLI and review, with the shipped default profile ----------------------

@pytest.mark.slow
@pytest.mark.parametrize("name", VARIANTS)
def test_the_library_analyses_every_variant(name):
    out, report = redactor_for("default").redact_record(variant(name))
    assert report["status"] == "redacted" and report["unlisted"] == VARIANTS[name][1]
    written = orjson.dumps(out).decode()
    for value in PII:
        assert value not in written, f"{value!r} left in {name}"


@pytest.mark.slow
def test_a_record_with_none_of_its_text_fields_is_quarantined_not_clean():
    out, report = redactor_for("default").redact_record({"id": "x", "kind": "post", "body": "Call Maria"})
    assert out is None
    assert (report["status"], report["reason"], report["unlisted"]) == ("quarantined", "no_text_fields", ["body"])


@pytest.mark.slow
def test_redact_run_analyses_unlisted_fields_and_warns_with_paths_and_counts(tmp_path):
    source = tmp_path / "in.jsonl"
    lines = [variant(name) for name in VARIANTS] + [{"id": "empty", "kind": "post", "body": "Maria Rossi"}]
    source.write_bytes(b"".join(orjson.dumps(line) + b"\n" for line in lines))
    out, report, summary = tmp_path / "out.jsonl", tmp_path / "report.jsonl", tmp_path / "s.json"
    result = runner.invoke(app, ["run", str(source), "-o", str(out), "--report", str(report),
                                 "--summary", str(summary), "--profile", "default", "--workers", "1"])
    assert result.exit_code == 0, result.output
    for value in PII:
        assert value not in out.read_text()
    facts = json.loads(summary.read_text())
    assert facts["unlisted_fields"] == {"Text": 1, "body": 2, "comments.author": 1, "comments.body": 1,
                                        "display_name": 1, "email": 1, "meta.bio": 1, "phone": 1, "txt": 1}
    assert facts["quarantined_by_reason"] == {"no_text_fields": 1} and facts["written"] == len(VARIANTS)
    warning = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warning) == 1 and "body 2" in warning[0] and "comments.author 1" in warning[0]
    assert "unlisted    Text 1, body 2" in result.stderr
    for value in PII:
        assert value not in result.stderr and value not in report.read_text()
    statuses = [orjson.loads(line)["status"] for line in report.read_bytes().splitlines()]
    assert statuses == ["redacted"] * len(VARIANTS) + ["quarantined"]


def test_a_run_without_unlisted_paths_prints_no_warning(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "kind": "post", "text": "mail a@example.com"}\n')
    result = runner.invoke(app, ["run", str(source), "-o", str(tmp_path / "o.jsonl"), "--profile", PATTERNS])
    assert result.exit_code == 0, result.output
    assert "WARNING" not in result.stderr and "unlisted    -" in result.stderr


def test_review_shows_an_unlisted_field_that_was_analysed(tmp_path):
    source, out, report = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "report.jsonl"
    source.write_text('{"id": "a", "text": "hello", "body": "mail anna.berg@example.com"}\n')
    result = runner.invoke(app, ["run", str(source), "-o", str(out), "--report", str(report),
                                 "--profile", PATTERNS])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["review", "sample", str(report), "--output", str(out), "--n", "1",
                                 "--profile", PATTERNS, "-o", str(tmp_path / "review")])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "review" / "index.html").read_text()
    assert "body" in page and "EMAIL_ADDRESS" in page and "anna.berg" not in page
    assert page.count("<mark") == 1


# --- keys are data, kept objects are analysed, library objects that are not JSON (QA of 13/14) ------

KEYS = [b'{"id":"K1","text":"hi","votes":{"jane.doe@example.com":true}}',
        b'{"id":"K2","text":"hi","seen_by":{"+44 7700 900123":null}}',
        b'{"id":"K3","text":"hi","reactions":{"John Smith":"like"}}',
        b'{"id":"K4","text":"hi","jane.doe@example.com":"ok"}']
KEY_PII = ["jane", "example.com", "7700 900123", "John", "Smith"]


@pytest.mark.parametrize("line, path", list(zip(KEYS, ["votes.<key>", "seen_by.<key>",
                                                       "reactions.<key>", "<key>"])))
def test_a_key_not_shaped_like_a_field_name_quarantines_and_is_never_shown(line, path):
    record = Read(RecordSpec(text_fields=["text"])).parse(1, line)
    assert (record.status, record.reason, record.unlisted) == ("quarantined", errors.UNLISTED_KEY, (path,))
    for value in KEY_PII:
        assert value not in record.detail


@pytest.mark.parametrize("policy, status, reason", [("drop", "pending", None),
                                                     ("quarantine", "quarantined", errors.UNLISTED_KEY)])
def test_a_key_dropped_with_its_object_needs_no_quarantine(policy, status, reason):
    record = Read(RecordSpec(text_fields=["text"], unlisted=policy)).parse(1, KEYS[1])
    assert (record.status, record.reason, record.unlisted) == (status, reason, ("seen_by.<key>",))
    assert policy == "quarantine" or record.removed == [("seen_by",)]  # the null under it goes too


def test_field_name_keys_pass_and_only_a_null_under_a_hidden_key_is_an_unlisted_path():
    record = Read(RecordSpec(text_fields=["text"])).parse(1, b'{"id":"a","text":"t","votes":{"user_1":true,'
                                                             b'"created-at":null,"_x":false},"gone":null}')
    assert record.status == "pending"
    assert record.unlisted == ("votes._x", "votes.user_1")


def test_the_unlisted_paths_of_a_record_are_bounded():
    data = {"id": "a", "text": "t", "votes": {f"user{i}": True for i in range(50_000)}}
    record = Read(RecordSpec(text_fields=["text"])).fill(Record(line=1, raw=b""), data)
    assert len(record.unlisted) == 51 and record.unlisted[-1] == "... and 49950 more"


def test_a_run_never_prints_a_key_and_bounds_its_listing(tmp_path):
    source = tmp_path / "keys.jsonl"
    many = [orjson.dumps({"id": f"m{i}", "text": "hi", f"k{i}": True}) for i in range(250)]
    wide = orjson.dumps({"id": "w", "text": "hi", "votes": {f"user{i}": True for i in range(50_000)}})
    source.write_bytes(b"\n".join(KEYS + many + [wide]) + b"\n")
    out, report, summary = tmp_path / "o.jsonl", tmp_path / "r.jsonl", tmp_path / "s.json"
    result = runner.invoke(app, ["run", str(source), "-o", str(out), "--report", str(report),
                                 "--summary", str(summary), "--profile", PATTERNS])
    assert result.exit_code == 0, result.output
    facts = json.loads(summary.read_text())
    assert facts["quarantined_by_reason"] == {"unlisted_key": 4} and facts["written"] == 251
    for value in KEY_PII:
        for text in (out.read_text(), report.read_text(), summary.read_text(), result.stderr):
            assert value not in text
    assert len(facts["unlisted_fields"]) == 201 and facts["unlisted_fields"]["... and more"] == 55  # 4 + 196 named
    assert facts["unlisted_fields"]["votes.<key>"] == 1 and facts["unlisted_fields"]["seen_by.<key>"] == 1
    warning = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warning) == 1 and len(warning[0]) < 5000 and "... and more 55" in warning[0]
    wide_line = orjson.loads(report.read_bytes().splitlines()[-1])
    assert len(wide_line["unlisted"]) == 51 and wide_line["unlisted"][-1] == "... and 49950 more"


@pytest.mark.parametrize("spec, data, fields", [
    ({"keep_fields": ["created_at"]}, {"id": "b2", "text": "hi", "created_at": {"email": "j@x.org", "n": 5}},
     ["text", "created_at.email"]),
    ({"keep_fields": ["kind"]}, {"id": "b3", "text": "hi", "kind": ["j@x.org", 1.5, None, True]},
     ["text", "kind[0]"]),
    ({"keep_fields": ["kind"]}, {"id": "b4", "text": "hi", "kind": "post"}, ["text"]),
])
def test_strings_inside_a_kept_object_or_list_are_analysed(spec, data, fields):
    result = plan(spec, data)
    assert [f.name for f in result.fields] == fields and result.unlisted == set() and result.problem is None


def test_the_library_redacts_kept_objects_and_keeps_their_numbers():
    redactor = Redactor.from_profile(PATTERNS)
    out, report = redactor.redact_record({"id": "b3", "text": "hi", "kind": ["jane.doe@example.com", 7, None]})
    assert out["kind"] == ["<EMAIL_ADDRESS>", 7, None] and report["status"] == "redacted"
    out, report = redactor.redact_record({"id": "b5", "text": "hi", "kind": {"jane.doe@example.com": 1}})
    assert out is None and report["reason"] == errors.UNLISTED_KEY and "jane" not in report["detail"]


@pytest.mark.parametrize("obj, reason, detail", [
    ({"id": "x", "text": "hi", 1: "a@b.com"}, errors.NOT_JSON, "a key that is not a string"),
    ({"id": "x", "text": "hi", "s": {"a@b.com"}}, errors.NOT_JSON, "a set is not a JSON value"),
    ({"id": "x", "text": "hi", "kind": b"a@b.com"}, errors.NOT_JSON, "a bytes is not a JSON value"),
    ({"id": "x", "text": "hi", "t": ("a@b.com",)}, errors.NOT_JSON, "a tuple is not a JSON value"),
    ({"id": "x", "text": "hi", "n": float("nan")}, errors.NOT_JSON, "nan is not a JSON value"),
    ({"id": "x", "text": "hi", "n": [float("-inf")]}, errors.NOT_JSON, "-inf is not a JSON value"),
    ({"id": "x", "text": "hi", "when": datetime(2020, 1, 1)}, errors.NOT_JSON, "a datetime is not a JSON value"),
    ({"id": "x", "text": "x\ud800y a@b.com"}, errors.NOT_UTF8,
     "a string holds a lone surrogate (D800-DFFF), which no UTF-8 text can hold"),
    ({"id": "x", "text": "hi", "kind": {"\udfff": "a@b.com"}}, errors.NOT_UTF8,
     "a string holds a lone surrogate (D800-DFFF), which no UTF-8 text can hold"),
    ({"id": "", "text": "hi"}, errors.BAD_ID, "'id' is empty"),
    ({"id": " \t", "text": "hi"}, errors.BAD_ID, "'id' is empty"),
])
def test_library_objects_that_are_not_json_or_have_no_id_are_quarantined(obj, reason, detail):
    out, report = Redactor.from_profile(PATTERNS).redact_record(obj)
    assert out is None and (report["status"], report["reason"], report["detail"]) == ("quarantined", reason, detail)


class Text(str):
    """A str subclass, as a program's own types or numpy's str_ are."""

    def __str__(self):
        return "not what it holds"


@pytest.mark.parametrize("make", [Text, np.str_], ids=["subclass", "numpy"])
def test_a_str_subclass_is_redacted_as_the_str_it_holds(make):
    obj = {make("id"): make("s1"), "text": make("Mail jane.doe@example.com today"), "kind": [make("post")]}
    out, report = Redactor.from_profile(PATTERNS).redact_record(obj)
    assert report["status"] == "redacted", report
    assert out == {"id": "s1", "text": "Mail <EMAIL_ADDRESS> today", "kind": ["post"]}
    assert all(type(v) is str for v in (*out, out["id"], out["text"], *out["kind"]))


def test_objects_taken_before_the_source_fails_are_yielded_before_its_exception():
    def source():
        yield {"id": "g1", "text": "mail jane.doe@example.com"}
        yield {"id": "g2", "text": "hi"}
        raise OSError("source broke")

    got = []
    with pytest.raises(OSError, match="source broke") as raised:
        for _out, report in Redactor.from_profile(PATTERNS).redact_records(source()):
            got.append((report["id"], report["status"]))
    assert got == [("g1", "redacted"), ("g2", "clean")]
    assert raised.value.__notes__ == ["redact_records: the 2 object(s) taken before it were redacted and yielded"]
