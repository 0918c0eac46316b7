"""Parquet and Hugging Face datasets round trips: the same text and report lines as the JSONL run
of the same rows (with the training profile's surrogates, under one key)."""

from __future__ import annotations

import datetime
import decimal
import json
import os

import pytest

# The datasets library reads these when imported: it must never try the network.
os.environ["HF_DATASETS_OFFLINE"] = "1"
os.environ["HF_HUB_OFFLINE"] = "1"

pa = pytest.importorskip("pyarrow", reason="pyarrow is not installed: pip install 'redact[parquet]'")
import pyarrow.parquet as pq  # noqa: E402
from conftest import ROOT, TEST_KEY  # noqa: E402

from redact.pipeline import run  # noqa: E402
from redact.profile import load_profile  # noqa: E402

pytestmark = pytest.mark.slow

POSTS = ROOT / "samples" / "posts.jsonl"


@pytest.fixture(scope="module")
def rows_and_jsonl(tmp_path_factory):
    """The sample posts as Parquet rows, and the same rows as JSONL, run with `training`."""
    folder = tmp_path_factory.mktemp("pq")
    rows = [json.loads(line) for line in POSTS.read_text().splitlines()]
    table = pa.Table.from_pylist(rows)
    pq.write_table(table, folder / "posts.parquet", row_group_size=6)
    as_jsonl = folder / "posts.jsonl"
    as_jsonl.write_text("".join(json.dumps(r) + "\n" for r in table.to_pylist()))
    profile = load_profile("training")
    run(profile, as_jsonl, folder / "out.jsonl", folder / "report.jsonl", folder / "q.jsonl", key=TEST_KEY)
    assert (folder / "q.jsonl").read_text() == ""  # every sample post gets its surrogates
    return folder, profile, table


def without_nulls(value):
    """A Parquet row's value as the JSONL run writes it: a column the profile dropped is null in
    Parquet (the schema stays the input's) and absent from the JSON object."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


def test_parquet_in_and_out_gives_the_jsonl_runs_text_report_and_schema(rows_and_jsonl):
    folder, profile, table = rows_and_jsonl
    run(profile, folder / "posts.parquet", folder / "out.parquet", folder / "pq-report.jsonl",
        folder / "pq-q.jsonl", key=TEST_KEY)
    out = pq.read_table(folder / "out.parquet")
    assert out.schema == table.schema
    expected = [json.loads(line) for line in (folder / "out.jsonl").read_text().splitlines()]
    assert [(r["text"], without_nulls(r["comments"])) for r in out.to_pylist()] == \
        [(r["text"], r.get("comments")) for r in expected]
    assert (folder / "pq-report.jsonl").read_bytes() == (folder / "report.jsonl").read_bytes()
    assert "<PERSON>" not in str(out.to_pylist())


def test_a_magic_parquet_file_is_read_whatever_its_name(rows_and_jsonl):
    folder, profile, _ = rows_and_jsonl
    (folder / "posts.bin").write_bytes((folder / "posts.parquet").read_bytes())
    run(profile, folder / "posts.bin", folder / "bin.jsonl", folder / "bin-report.jsonl",
        folder / "bin-q.jsonl", key=TEST_KEY)
    assert (folder / "bin.jsonl").read_text().count("\n") == (folder / "out.jsonl").read_text().count("\n")
    assert (folder / "bin-report.jsonl").read_bytes() == (folder / "report.jsonl").read_bytes()


def test_a_dataset_gives_the_jsonl_runs_text_and_report(rows_and_jsonl, monkeypatch):
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    datasets = pytest.importorskip("datasets", reason="datasets is not installed: pip install 'redact[hf]'")
    from redact.hf import redact_dataset

    folder, profile, table = rows_and_jsonl
    out = redact_dataset(datasets.Dataset(table), profile, key=TEST_KEY, num_proc=2, batch_size=7)
    expected = [json.loads(line) for line in (folder / "out.jsonl").read_text().splitlines()]
    reports = (folder / "report.jsonl").read_text().splitlines()
    assert out["text"] == [r["text"] for r in expected]
    assert out["redact_report"] == reports
    assert set(out["redact_status"]) <= {"clean", "redacted"}


def test_two_runs_with_one_key_are_identical_and_another_key_differs(rows_and_jsonl):
    folder, profile, _ = rows_and_jsonl
    run(profile, folder / "posts.jsonl", folder / "again.jsonl", None, folder / "a-q.jsonl", key=TEST_KEY)
    run(profile, folder / "posts.jsonl", folder / "other.jsonl", None, folder / "o-q.jsonl",
        key=b"other key, long enough")
    assert (folder / "again.jsonl").read_bytes() == (folder / "out.jsonl").read_bytes()
    assert (folder / "other.jsonl").read_bytes() != (folder / "out.jsonl").read_bytes()


def test_without_pyarrow_a_parquet_run_stops_with_one_line(monkeypatch, tmp_path):
    import sys

    from redact.errors import RedactError
    from redact.parquet import ParquetSink

    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(RedactError, match=r"^Parquet needs pyarrow: pip install 'redact\[parquet\]'$"):
        ParquetSink(tmp_path / "out.parquet", None)


def test_resume_with_parquet_is_refused_up_front(rows_and_jsonl):
    from typer.testing import CliRunner

    from redact.cli.main import app

    folder, _, _ = rows_and_jsonl
    result = CliRunner().invoke(app, ["run", str(folder / "posts.parquet"), "-o", str(folder / "r.jsonl"),
                                      "--profile", "training", "--resume"], env={"REDACT_KEY": TEST_KEY.decode()})
    assert result.exit_code != 0 and "--resume does not work with Parquet" in result.output
    assert not (folder / "r.jsonl").exists()


def test_a_dropped_or_pseudonymised_column_never_keeps_its_value_in_parquet(tmp_path):
    """The output row is built from the input row: a non-text column the profile drops or
    pseudonymises must not come back as it was read (fail closed)."""
    table = pa.Table.from_pylist([{"id": "p1", "text": "hi", "author_id": 4242, "member": "m-77",
                                   "created_at": datetime.date(2026, 1, 3), "score": 0.1}])
    pq.write_table(table, tmp_path / "in.parquet")
    profile = load_profile({"name": "ids", "extends": "fast", "record": {
        "identifier_fields": {"author_id": "drop", "member": "pseudonymize"},
        "keep_fields": ["created_at", "score"]}})
    run(profile, tmp_path / "in.parquet", tmp_path / "out.parquet", None, tmp_path / "q.jsonl", key=TEST_KEY)
    (row,) = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert row["author_id"] is None and row["member"] not in (None, "m-77") and row["text"] == "hi"
    assert (row["created_at"], row["score"]) == (datetime.date(2026, 1, 3), 0.1)  # kept as read


def test_a_quarantined_dataset_row_keeps_only_its_kept_columns(monkeypatch):
    """A row that is quarantined was never analysed: only the id and the kept metadata come back."""
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    datasets = pytest.importorskip("datasets", reason="datasets is not installed: pip install 'redact[hf]'")
    from redact.hf import redact_dataset

    rows = [{"id": "q1", "kind": "post", "text": "x" * 50, "email": "ann@example.com"}]
    profile = load_profile({"name": "small", "extends": "fast", "record": {"max_record_chars": 10}})
    (row,) = redact_dataset(datasets.Dataset.from_list(rows), profile, key=TEST_KEY).to_list()
    assert row["redact_status"] == "quarantined"
    assert (row["id"], row["kind"], row["text"], row["email"]) == ("q1", "post", None, None)


def test_a_kept_list_is_analysed_in_a_dataset_and_never_comes_back_from_a_quarantined_row(monkeypatch):
    """Only a kept column's scalars are kept as they are: strings in a kept list are analysed, and
    a quarantined row (never analysed) does not keep such a list."""
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    datasets = pytest.importorskip("datasets", reason="datasets is not installed: pip install 'redact[hf]'")
    from redact.hf import redact_dataset

    rows = [{"id": "k1", "kind": ["ann@example.com", "post"], "text": "hi"},
            {"id": "k2", "kind": ["ann@example.com"], "text": "x" * 50}]
    profile = load_profile({"name": "small", "extends": "fast", "record": {"max_record_chars": 30}})
    ok, quarantined = redact_dataset(datasets.Dataset.from_list(rows), profile, key=TEST_KEY).to_list()
    assert ok["redact_status"] == "redacted" and ok["kind"][1] == "post"
    assert "ann@example.com" not in json.dumps(ok)
    assert (quarantined["redact_status"], quarantined["id"], quarantined["kind"]) == ("quarantined", "k2", None)


def test_a_parquet_file_with_a_bytes_column_is_refused_before_any_work(tmp_path):
    """Bytes are never analysed (as base64, a name or an e-mail in them is invisible): a file
    holding them is refused up front rather than written with the bytes unread."""
    from redact.errors import RedactError

    table = pa.Table.from_pylist([{"id": "b1", "text": "hello there",
                                   "mail": {"attachment": b"Call John Smith at john@smith.com"}}])
    pq.write_table(table, tmp_path / "bin.parquet")
    with pytest.raises(RedactError, match=r"column\(s\) mail\.attachment hold bytes"):
        run(load_profile("fast"), tmp_path / "bin.parquet", tmp_path / "out.parquet", None,
            tmp_path / "q.jsonl")
    assert not (tmp_path / "out.parquet").exists() and not (tmp_path / "out.parquet.partial").exists()


def test_a_dataset_with_a_bytes_column_is_refused(monkeypatch):
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    datasets = pytest.importorskip("datasets", reason="datasets is not installed: pip install 'redact[hf]'")
    from redact.errors import RedactError
    from redact.hf import redact_dataset

    ds = datasets.Dataset.from_list([{"id": "b1", "text": "hi", "blob": b"mail john@smith.com"}])
    with pytest.raises(RedactError, match=r"column\(s\) blob hold bytes"):
        redact_dataset(ds, "fast")


def test_jsonl_to_parquet_is_refused_before_any_work(tmp_path):
    """The Parquet output's schema is the Parquet input's; records of JSONL need not share one,
    and columns the first records lacked were dropped without a word."""
    from redact.errors import RedactError

    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "hi"}\n{"id": "b", "text": "yo", "comments": [{"text": "x"}]}\n')
    with pytest.raises(RedactError, match="Parquet output needs a Parquet input"):
        run(load_profile("fast"), source, tmp_path / "out.parquet", None, tmp_path / "q.jsonl")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_a_parquet_column_named_like_personal_data_is_refused_and_never_printed(tmp_path):
    from redact.errors import RedactError

    table = pa.Table.from_pylist([{"id": "a", "text": "hi", "john.smith@gmail.com": "x"}])
    pq.write_table(table, tmp_path / "in.parquet")
    with pytest.raises(RedactError, match="column name") as refused:
        run(load_profile("fast"), tmp_path / "in.parquet", tmp_path / "out.parquet", None, tmp_path / "q.jsonl")
    assert "smith" not in str(refused.value) and not (tmp_path / "out.parquet").exists()


def test_a_refused_parquet_column_is_found_by_its_position_and_a_dated_column_is_not_refused(tmp_path):
    from redact.errors import RedactError

    row = {"id": "a", "text": "hi", "views_20240101": 3, "meta": {"n": 1, "kishan_patel": "x"}, "mariaGarcia": "y"}
    pq.write_table(pa.Table.from_pylist([row]), tmp_path / "in.parquet")
    with pytest.raises(RedactError, match="column name") as refused:
        run(load_profile("fast"), tmp_path / "in.parquet", tmp_path / "out.parquet", None, tmp_path / "q.jsonl")
    assert "(#4 meta.<key>, #5 <key>;" in str(refused.value)
    assert "views" not in str(refused.value) and "kishan" not in str(refused.value).lower()


def test_parquet_on_stdin_is_one_line_not_one_quarantined_line(tmp_path):
    """A Parquet file piped in was read as one JSONL line (3,000 rows counted as `read 1`)."""
    import subprocess
    import sys
    from pathlib import Path

    table = pa.Table.from_pylist([{"id": f"r{i}", "text": "hi"} for i in range(50)])
    pq.write_table(table, tmp_path / "in.parquet")
    redact = Path(sys.executable).with_name("redact")
    with open(tmp_path / "in.parquet", "rb") as stdin:
        done = subprocess.run([str(redact), "run", "-", "-o", str(tmp_path / "out.jsonl"), "--profile", "fast",
                               "--quiet"], stdin=stdin, capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == ("error: stdin: this is Parquet, which is read from a file (its footer comes "
                           "last), not a pipe: give its path\n")


def test_a_map_column_is_analysed_and_written_back_as_a_map(tmp_path):
    """A map's entries are read as (key, value) tuples; written back from the redacted JSON's
    lists, Arrow refused them and the run stopped (`rows do not fit the Parquet schema`)."""
    meta = pa.array([[("note", "mail ann.lee@example.com"), ("lang", "en")], []],
                    type=pa.map_(pa.string(), pa.string()))
    table = pa.table({"id": ["a", "b"], "text": ["hi", "yo"], "meta": meta})
    pq.write_table(table, tmp_path / "in.parquet")
    summary = run(load_profile("default"), tmp_path / "in.parquet", tmp_path / "out.parquet", None,
                  tmp_path / "q.jsonl")
    assert summary.written == 2
    out = pq.read_table(tmp_path / "out.parquet")
    assert out.schema == table.schema
    rows = out.to_pylist()
    assert [len(entry) for entry in rows[0]["meta"]] == [2, 2] and rows[1]["meta"] == []
    assert "ann.lee" not in str(rows[0]["meta"]) and "<EMAIL_ADDRESS>" in rows[0]["meta"][0][1]


def test_map_keys_redacted_alike_stay_distinct(tmp_path):
    """Two names used as a map's keys both become `<PERSON>`: written as they came, the map held a
    key twice, which Parquet forbids and Spark refuses (a dict keeps only one entry). The map is a
    text field: under an unlisted path, a key that is no field name quarantines the record."""
    meta = pa.array([[("John Smith", "a"), ("Maria Garcia", "b"), ("<PERSON> (2)", "c")]],
                    type=pa.map_(pa.string(), pa.string()))
    pq.write_table(pa.table({"id": ["a"], "text": ["hi"], "meta": meta}), tmp_path / "in.parquet")
    profile = load_profile("default")
    profile = profile.model_copy(update={"record": profile.record.model_copy(update={"text_fields": ["text", "meta"]})})
    summary = run(profile, tmp_path / "in.parquet", tmp_path / "out.parquet", None, tmp_path / "q.jsonl")
    assert summary.written == 1
    keys = [key for key, _ in pq.read_table(tmp_path / "out.parquet").to_pylist()[0]["meta"]]
    assert len(keys) == 3 == len(set(keys))
    assert not {"John", "Smith", "Maria", "Garcia"} & set(" ".join(keys).split())


def damaged_copies(tmp_path):
    """A Parquet file of 3,000 rows in row groups of 500, cut short (no footer), and with the
    pages of its fourth row group overwritten."""
    table = pa.Table.from_pylist([{"id": f"r{i}", "text": "hi"} for i in range(3000)])
    pq.write_table(table, tmp_path / "whole.parquet", row_group_size=500)
    data = bytearray((tmp_path / "whole.parquet").read_bytes())
    (tmp_path / "cut.parquet").write_bytes(data[:len(data) // 2])
    column = pq.ParquetFile(tmp_path / "whole.parquet").metadata.row_group(3).column(1)
    start = column.data_page_offset
    data[start:start + column.total_compressed_size] = b"\xab" * column.total_compressed_size
    (tmp_path / "broken.parquet").write_bytes(bytes(data))


@pytest.mark.parametrize("name, where", [("cut", "before its first row"), ("broken", "after row 1500")])
def test_a_damaged_parquet_input_fails_the_run_with_one_line_and_exit_5(tmp_path, name, where):
    """As a damaged gzip input: exit 5, one line naming the file and the last row read whole (the
    three row groups before the broken one: rows read a batch of 1024 at a time across row groups
    named row 1024). A broken page said pyarrow's two lines without the file, and exited 2."""
    import subprocess
    import sys
    from pathlib import Path

    damaged_copies(tmp_path)
    redact = Path(sys.executable).with_name("redact")
    done = subprocess.run([str(redact), "run", f"{name}.parquet", "-o", "out.parquet", "--profile", "fast", "--quiet"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 5
    assert done.stderr.startswith(f"error: {name}.parquet: damaged Parquet input {where} (")
    assert done.stderr.count("\n") == 1
    assert not (tmp_path / "out.parquet").exists()


def test_a_file_named_parquet_that_is_not_parquet_is_a_set_up_error(tmp_path):
    from redact.errors import DamagedInput, RedactError

    (tmp_path / "in.parquet").write_text('{"id": "a", "text": "hi"}\n')
    with pytest.raises(RedactError, match=r"in.parquet: not a Parquet file \(") as refused:
        run(load_profile("fast"), tmp_path / "in.parquet", tmp_path / "out.jsonl", None, tmp_path / "q.jsonl")
    assert not isinstance(refused.value, DamagedInput)


def test_a_parquet_file_with_numbers_the_profile_does_not_name_is_refused_before_any_work(tmp_path):
    """Under `unlisted: analyze` every row with a number in a column the profile does not name is
    quarantined (unlisted_number); Parquet's schema says so before the first row, as Spark's does."""
    from typer.testing import CliRunner

    from redact.cli.main import app

    table = pa.table({"id": ["p1", "p2"], "text": ["Call Maria", "hi"], "score": [1, 2],
                      "comments": [[{"text": "x", "likes": 3}], []]})
    pq.write_table(table, tmp_path / "in.parquet")
    result = CliRunner().invoke(app, ["run", str(tmp_path / "in.parquet"), "-o", str(tmp_path / "out.jsonl"),
                                      "--profile", "fast", "--quiet"])
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "column(s) score, comments.likes hold numbers the profile does not name" in result.stderr
    assert not list(tmp_path.glob("out.jsonl*"))


@pytest.mark.parametrize("columns, record", [
    ({"score": [1.5]}, {"keep_fields": ["score"]}),
    ({"score": [1.5]}, {"drop_fields": ["score"]}),
    ({"score": [1.5]}, {"unlisted": "drop"}),
    ({"comments": [[{"text": "x", "created_at": 3}]]}, {}),
    ({"flag": [True], "note": pa.array(["a note"]).dictionary_encode(), "price": [decimal.Decimal("1.50")]}, {}),
])
def test_numbers_the_profile_names_or_does_not_analyse_are_not_refused(tmp_path, columns, record):
    from redact.parquet import unlisted_number_columns

    schema = pa.table({"id": ["p1"], "text": ["hi"], **columns}).schema
    profile = load_profile({"name": "t", "extends": "fast", "record": record})
    assert unlisted_number_columns(schema, profile.record) == []
