"""redact_dataframe against `redact run`: the same redacted text and the same report line, byte for
byte, for every record; quarantined and dropped rows never carry text; set-up errors are raised on
the driver before any job. One local[2] SparkSession, bound to 127.0.0.1, for the whole module."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

pytest.importorskip("pyspark", reason="pyspark is not installed: pip install 'redact[spark]'")
pytest.importorskip("pyarrow", reason="pyarrow is not installed: pip install 'redact[spark]'")

from conftest import ROOT, TEST_KEY, TESTS, redactor_for  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql import types as T  # noqa: E402

from redact import Redactor, load_profile  # noqa: E402
from redact.errors import MissingKey, ProfileError, RedactError  # noqa: E402
from redact.pipeline import run  # noqa: E402
from redact.spark import redact_dataframe  # noqa: E402

pytestmark = pytest.mark.slow

SPINE = str(TESTS / "profiles" / "spine.yaml")
POSTS = ROOT / "samples" / "posts.jsonl"
GOLDEN = TESTS / "golden"
# The spine profile with a consent rule, so that some sample posts (region DE) are dropped.
SPINE_CONSENT = {"name": "spine-consent", "extends": SPINE,
                 "consent": {"region_field": "region", "exclude_regions": ["EU"]}}

COMMENT = T.StructType([T.StructField("author_id", T.StringType()),
                        T.StructField("text", T.StringType())])
POST = T.StructType([
    T.StructField("id", T.StringType()), T.StructField("kind", T.StringType()),
    T.StructField("author_id", T.StringType()), T.StructField("region", T.StringType()),
    T.StructField("title", T.StringType()), T.StructField("text", T.StringType()),
    T.StructField("comments", T.ArrayType(COMMENT)), T.StructField("tags", T.ArrayType(T.StringType())),
    T.StructField("line", T.LongType()),
])


@pytest.fixture(scope="module")
def spark():
    """A local[2] session that never leaves 127.0.0.1; its Python workers run this interpreter."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PYSPARK_PYTHON", sys.executable)
        env.setenv("SPARK_LOCAL_IP", "127.0.0.1")
        session = (SparkSession.builder.master("local[2]").appName("redact-tests")
                   .config("spark.sql.shuffle.partitions", "2")
                   .config("spark.ui.enabled", "false")
                   .config("spark.driver.host", "127.0.0.1")
                   .config("spark.driver.bindAddress", "127.0.0.1")
                   .getOrCreate())
        session.sparkContext.setLogLevel("ERROR")
        yield session
        session.stop()


def posts_frame(spark, path: Path):
    """The JSONL file's records as a typed DataFrame, with each record's line number in `line`."""
    rows = []
    for number, raw in enumerate(path.read_bytes().splitlines(), start=1):
        obj = dict(orjson.loads(raw), line=number)
        rows.append(tuple(obj.get(name) for name in POST.names))
    return spark.createDataFrame(rows, POST)


def cli_run(redactor: Redactor, path: Path, tmp_path: Path) -> tuple[dict, dict]:
    """`redact run` on the file: (id -> output object, id -> report line without its newline)."""
    out, report = tmp_path / "out.jsonl", tmp_path / "report.jsonl"
    run(redactor, path, out, report, tmp_path / "quarantine.jsonl")
    outputs = {obj["id"]: obj for obj in map(orjson.loads, out.read_bytes().splitlines())}
    reports = {orjson.loads(line)["id"]: line.decode() for line in report.read_bytes().splitlines()}
    return outputs, reports


def texts(obj: dict) -> dict:
    """The text fields of a record, to compare a DataFrame row with a JSONL line."""
    return {"title": obj.get("title"), "text": obj.get("text"), "tags": obj.get("tags"),
            "comments": [c.get("text") for c in obj.get("comments") or []]}


def spark_rows(out_frame) -> dict:
    return {row["id"]: row.asDict(recursive=True) for row in out_frame.collect()}


def assert_same_as_cli(rows: dict, outputs: dict, reports: dict) -> None:
    assert rows.keys() == reports.keys()
    for record_id, row in rows.items():
        assert row["redact_report"] == reports[record_id], record_id
        assert row["redact_status"] == orjson.loads(reports[record_id])["status"]
        if record_id in outputs:
            assert texts(row) == texts(outputs[record_id]), record_id
        else:  # quarantined or dropped: no text at all
            assert row["redact_status"] in ("quarantined", "dropped")
            assert (row["title"], row["text"], row["comments"], row["tags"]) == (None,) * 4


@pytest.mark.parametrize("profile", ["spine", "default", "spine-consent"])
def test_the_sample_posts_come_out_as_redact_run_writes_them(spark, tmp_path, profile):
    spec = {"spine": SPINE, "default": "default", "spine-consent": SPINE_CONSENT}[profile]
    redactor = Redactor(load_profile(spec)) if isinstance(spec, dict) else redactor_for(spec)
    outputs, reports = cli_run(redactor, POSTS, tmp_path)
    rows = spark_rows(redact_dataframe(posts_frame(spark, POSTS), spec, line_col="line"))
    assert_same_as_cli(rows, outputs, reports)
    statuses = {row["redact_status"] for row in rows.values()}
    assert "redacted" in statuses
    assert ("dropped" in statuses) == (profile == "spine-consent")


@pytest.mark.parametrize("case", ["spine-posts", "spine-pseudonyms"])
def test_golden_cases_through_spark(spark, case):
    """The golden expectations hold through Spark too; the key comes from spark.redact.key."""
    folder = GOLDEN / case
    expected = (folder / "expected.jsonl").read_bytes().splitlines()
    outputs = {obj["id"]: obj for obj in map(orjson.loads, expected)}
    reports = {orjson.loads(line)["id"]: line.decode()
               for line in (folder / "expected_report.jsonl").read_bytes().splitlines()}
    spark.conf.set("spark.redact.key", TEST_KEY.decode())
    try:
        out = redact_dataframe(posts_frame(spark, folder / "input.jsonl"), folder / "profile.yaml",
                               line_col="line")
        rows = spark_rows(out)
    finally:
        spark.conf.unset("spark.redact.key")
    assert_same_as_cli(rows, outputs, reports)


def test_a_row_without_an_id_is_quarantined_and_its_text_never_comes_back(spark):
    frame = spark.createDataFrame([(None, "Call Maria at +44 7700 900123", 7)],
                                  "id string, text string, line long")
    row = redact_dataframe(frame, SPINE, line_col="line").collect()[0]
    assert row["redact_status"] == "quarantined"
    assert row["text"] is None and row["line"] == 7
    assert orjson.loads(row["redact_report"]) == {
        "id": None, "line": 7, "status": "quarantined", "reason": "missing_id", "detail": "no 'id'"}


def test_fields_and_id_col_override_the_profile(spark):
    frame = spark.createDataFrame([(41, "Thanks Maria Rossi for the referral!", "Maria Rossi")],
                                  "post_id long, body string, author string")
    row = redact_dataframe(frame, SPINE, fields=["body"], id_col="post_id").collect()[0]
    assert row["body"] == "Thanks <PERSON> for the referral!"
    assert row["author"] == "<PERSON>"  # a column the profile does not name is analysed too
    report = orjson.loads(row["redact_report"])
    assert (report["id"], report["line"], list(report["fields"])) == ("41", None, ["body", "author"])
    assert report["unlisted"] == ["author"]


def test_fields_given_here_that_the_profile_keeps_are_a_profile_error(spark):
    frame = spark.createDataFrame([], "id string, kind string")
    with pytest.raises(ProfileError, match="'kind' is also in record.text_fields"):
        redact_dataframe(frame, SPINE, fields=["kind"])


# `Text` beside `text` is left out: Spark's column names are case-insensitive by default.
UNLISTED = ("id string, kind string, text string, body string, txt string, "
            "email string, phone string, display_name string, meta struct<bio:string>, "
            "comments array<struct<text:string,body:string,author:string>>, line long")


def test_unlisted_columns_are_analysed_as_redact_run_analyses_unlisted_fields(spark, tmp_path):
    """The issue's variants (text under another name, contact fields beside the text) as columns:
    the same report lines as `redact run`, and no personal data in any column."""
    from test_fields import PII, VARIANTS, variant

    frame = spark.createDataFrame([], UNLISTED)
    names = frame.schema.names
    names_in = [name for name in VARIANTS if name != "Text"]
    objects = [dict(variant(name), line=i) for i, name in enumerate(names_in, start=1)]
    objects.append({"id": "none", "kind": "post", "body": "Maria Rossi", "line": len(objects) + 1})
    source = tmp_path / "in.jsonl"  # the same objects, keys in column order, absent where NULL
    source.write_bytes(b"".join(orjson.dumps({k: o[k] for k in names if k in o and k != "line"}) + b"\n"
                                for o in objects))
    outputs, reports = cli_run(redactor_for("default"), source, tmp_path)
    rows_in = [tuple(o.get(k) for k in names) for o in objects]
    out = redact_dataframe(spark.createDataFrame(rows_in, UNLISTED), "default", line_col="line")
    rows = spark_rows(out)
    assert {i: r["redact_report"] for i, r in rows.items()} == reports
    assert rows["none"]["redact_status"] == "quarantined" and rows["none"]["body"] is None
    written = orjson.dumps([{k: v for k, v in r.items() if k != "redact_report"} for r in rows.values()])
    for value in PII:
        assert value.encode() not in written
    assert rows["email"]["email"] == outputs["email"]["email"] == "<EMAIL_ADDRESS>"
    assert rows["body"]["kind"] == "post"  # kept


def test_a_profile_that_needs_a_key_fails_on_the_driver_without_one(spark, monkeypatch):
    monkeypatch.delenv("REDACT_KEY", raising=False)
    frame = spark.createDataFrame([("p1", "hi")], "id string, text string")
    with pytest.raises(MissingKey, match="spark.redact.key"):
        redact_dataframe(frame, GOLDEN / "spine-pseudonyms" / "profile.yaml")


@pytest.mark.parametrize("schema, options, messages", [
    ("id string, body string", {}, ["none of the text fields"]),
    ("id string, text string", {"fields": ["text", "summary"]}, ["no column 'summary'"]),
    ("id string, text long", {}, ["text field 'text' is a bigint, not a string"]),
    ("id string, comments array<struct<body:string>>", {},
     ["text field 'comments.text': no field 'text'"]),
    ("id string, text string, comments array<struct<text:string,at:timestamp>>", {},
     ["column 'comments' is a array<struct<text:string,at:timestamp>>"]),
    ("id double, text long", {}, ["id_col: column 'id' is a double", "is a bigint, not a string"]),
    ("id string, text string", {"id_col": "post_id"}, ["no column 'post_id'"]),
    ("meta map<string,string>, text string", {"id_col": "meta.id"},
     ["id_col: column 'meta' is a map<string,string>"]),
    ("id string, text string, redact_status string", {}, ["already has a column 'redact_status'"]),
    ("id string, text string", {"line_col": "text"}, ["line_col: 'text' must name an integer"]),
    ("id string, text string, seen timestamp", {}, ["column 'seen' is a timestamp", "record.keep_fields"]),
    ("id string, text string, likes bigint", {}, ["column 'likes' is a bigint", "unlisted_number"]),
])
def test_set_up_errors_are_raised_on_the_driver(spark, schema, options, messages):
    frame = spark.createDataFrame([], schema)
    with pytest.raises(RedactError) as raised:
        redact_dataframe(frame, SPINE, **options)
    for message in messages:
        assert message in str(raised.value)


@pytest.mark.parametrize("schema, where", [
    ("id string, text string, votes struct<`jane.doe@example.com`:boolean>", "votes.<key>"),
    ("id string, text string, extra struct<n:int,`+44 7700 900123`:int>", "extra.<key>"),
    ("id string, text string, `John Smith` string", "'<key>'"),
])
def test_field_names_that_may_be_personal_data_are_a_set_up_error_and_never_shown(spark, schema, where):
    frame = spark.createDataFrame([], schema)
    with pytest.raises(RedactError) as raised:
        redact_dataframe(frame, SPINE)
    assert where in str(raised.value) and "unlisted_key" in str(raised.value)
    for value in ("jane", "example", "7700", "John"):
        assert value not in str(raised.value)


def test_strings_in_a_kept_array_are_analysed_as_redact_run_analyses_them(spark, tmp_path):
    patterns = TESTS / "profiles" / "patterns.yaml"
    objects = [{"id": "b3", "text": "hi", "kind": ["jane.doe@example.com", "post"]},
               {"id": "b4", "text": "hi", "kind": ["post"]}]
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"".join(orjson.dumps(o) + b"\n" for o in objects))
    outputs, reports = cli_run(redactor_for(str(patterns)), source, tmp_path)
    frame = spark.createDataFrame([(o["id"], o["text"], o["kind"], i) for i, o in enumerate(objects, 1)],
                                  "id string, text string, kind array<string>, line long")
    rows = spark_rows(redact_dataframe(frame, patterns, line_col="line"))
    assert {i: r["redact_report"] for i, r in rows.items()} == reports
    assert rows["b3"]["kind"] == outputs["b3"]["kind"] == ["<EMAIL_ADDRESS>", "post"]


def test_a_consent_rule_on_a_missing_column_is_a_set_up_error(spark):
    frame = spark.createDataFrame([], "id string, text string")
    with pytest.raises(RedactError, match="no column 'region', which a consent rule reads"):
        redact_dataframe(frame, SPINE_CONSENT)


def test_import_redact_does_not_import_pyspark():
    code = ("import sys, redact, redact.pipeline; from redact import Redactor; "
            "assert 'pyspark' not in sys.modules, 'pyspark imported'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_fields_that_are_not_dotted_paths_are_a_profile_error(spark):
    frame = spark.createDataFrame([], "id string, text string")
    with pytest.raises(ProfileError, match="record.text_fields: 'the text' is not a dotted path"):
        redact_dataframe(frame, SPINE, fields=["the text"])


def test_lines_spark_cannot_read_are_quarantined_as_redact_run_quarantines_them(spark, tmp_path):
    """spark.read.json keeps a malformed line's raw text in `_corrupt_record`: that row gets the
    CLI's reason and detail, and the raw text never comes back."""
    path = tmp_path / "posts.jsonl"
    path.write_text('{"id": "a", "text": "Hi Maria Rossi"}\n"just a string"\n[1, 2]\n'
                    '{"id": "b", "text": "Call Maria Rossi at\n')
    cli_run(redactor_for(SPINE), path, tmp_path)
    cli_lines = [orjson.loads(line) for line in (tmp_path / "report.jsonl").read_bytes().splitlines()]
    expected = sorted(orjson.dumps({**report, "line": None}).decode() for report in cli_lines)
    rows = redact_dataframe(spark.read.json(str(path)), SPINE).collect()
    assert sorted(row["redact_report"] for row in rows) == expected
    for row in rows:
        assert row["_corrupt_record"] is None
        assert row["text"] is None or "Maria" not in row["text"]
    assert sorted(row["redact_status"] for row in rows) == ["quarantined"] * 3 + ["redacted"]


def test_consent_values_are_normalised_as_redact_run_normalises_them(spark, tmp_path):
    """Every spelling of an excluded region, kind or opted-out member that a string column can hold
    is dropped through Spark with the CLI's reason (the same Consent stage)."""
    import yaml
    from test_consent_values import EXPECTED, OPT_OUTS, records

    opt_outs = tmp_path / "optouts.txt"
    opt_outs.write_text(OPT_OUTS)
    consent = yaml.safe_load((ROOT / "configs" / "corpus.yaml").read_text())["consent"]
    profile = {"name": "spine-corpus", "extends": SPINE,
               "consent": {**consent, "opt_out_file": str(opt_outs)}}
    cases = [(r, reason) for r, reason in zip(records(), EXPECTED)
             if all(isinstance(r[k], str) for k in ("author_id", "region", "kind"))]
    schema = T.StructType([T.StructField(n, T.StringType())
                           for n in ("id", "author_id", "region", "kind", "text")])
    frame = spark.createDataFrame([tuple(r[n] for n in schema.names) for r, _ in cases], schema)
    rows = spark_rows(redact_dataframe(frame, profile))
    reasons = {i: orjson.loads(row["redact_report"]).get("reason") for i, row in rows.items()}
    assert reasons == {r["id"]: reason for r, reason in cases}
    assert sum(reason is not None for _, reason in cases) >= 15


WORKER_PYTHON_SCRIPT = """
import os, sys
from pyspark.sql import SparkSession
from redact.errors import RedactError
from redact.spark import redact_dataframe

PROFILE = {"name": "mail", "record": {"text_fields": ["text"]}, "nlp": {"model": None, "components": []},
           "recognizers": ["EmailRecognizer"], "propagate": []}

def attempt():
    spark = (SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false")
             .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
             .getOrCreate())
    frame = spark.createDataFrame([("p1", "mail ann@example.com")], "id string, text string")
    try:
        print("text:", redact_dataframe(frame, PROFILE).collect()[0]["text"])
    except RedactError as exc:
        print("error:", exc)
    spark.stop()

attempt()  # the README's local example: no PYSPARK_PYTHON, the driver in the virtualenv
os.environ["PYSPARK_PYTHON"] = sys.argv[1]  # a Python without redact
attempt()
"""


@pytest.mark.skipif(sys.prefix == sys.base_prefix, reason="needs the tests to run from a virtualenv")
def test_local_workers_run_the_drivers_virtualenv_and_a_worker_python_without_redact_is_one_line(tmp_path):
    without_redact = str(Path(sys.base_prefix) / "bin" / "python3")  # the virtualenv's base Python
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "SPARK_LOCAL_IP": "127.0.0.1",
           **{name: os.environ[name] for name in ("JAVA_HOME",) if name in os.environ}}
    done = subprocess.run([sys.executable, "-c", WORKER_PYTHON_SCRIPT, without_redact], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    works, fails = done.stdout.splitlines()  # each a single line
    assert works == "text: mail <EMAIL_ADDRESS>"
    assert fails.startswith(f"error: Spark's Python workers ({without_redact}) cannot run redact: "
                            "ModuleNotFoundError: No module named 'redact'; set PYSPARK_PYTHON to ")
    assert f"PYSPARK_PYTHON={sys.executable}" in fails and "packed environment" in fails


def test_an_opted_out_members_comment_is_removed_from_another_members_post(spark, tmp_path):
    """The row keeps its post and the other comments; the report says which comment went and why."""
    opt_outs = tmp_path / "optouts.txt"
    opt_outs.write_text("m1\n")
    profile = {"name": "spine-opt-outs", "extends": SPINE,
               "consent": {"author_field": "author_id", "opt_out_file": str(opt_outs)}}
    comments = [{"author_id": "m1", "text": "I am m1"}, {"author_id": "m2", "text": "I am m2"},
                {"author_id": None, "text": "nobody"}]
    frame = spark.createDataFrame([("b", "post", "m3", "US", None, "Hi", comments, None, 1)], POST)
    row = spark_rows(redact_dataframe(frame, profile, line_col="line"))["b"]
    assert [comment["text"] for comment in row["comments"]] == ["I am m2"]
    assert orjson.loads(row["redact_report"])["comments_dropped"] == [
        {"path": "comments[0]", "reason": "opted_out"}, {"path": "comments[2]", "reason": "consent_unknown"}]
