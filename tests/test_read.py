"""The read stage: every line becomes a Record, usable or quarantined with the right reason."""

import gzip
import io

import pytest

from redact import errors
from redact.profile import RecordSpec
from redact.record import PENDING, QUARANTINED
from redact.stages.read import Read, numbered_lines, open_input

SPEC = RecordSpec(id_field="id", text_fields=["text", "comments.text", "tags"], max_record_chars=50)


@pytest.mark.parametrize("line, reason", [
    (b"not json", errors.NOT_JSON),
    (b"", errors.NOT_JSON),
    (b'{"id": "a", "text": "x"', errors.NOT_JSON),
    (b'{"id": "a", "text": "caf\xe9"}', errors.NOT_UTF8),
    (b"[1, 2]", errors.NOT_OBJECT),
    (b'"a string"', errors.NOT_OBJECT),
    (b'{"text": "no id"}', errors.MISSING_ID),
    (b'{"id": null, "text": "null id"}', errors.MISSING_ID),
    (b'{"id": true, "text": "bool id"}', errors.BAD_ID),
    (b'{"id": {"a": 1}, "text": "object id"}', errors.BAD_ID),
    (b'{"id": "a", "text": 5}', errors.NOT_TEXT),
    (b'{"id": "a", "text": {"nested": "x"}}', errors.NOT_TEXT),
    (b'{"id": "a", "comments": "not a list of objects"}', errors.NOT_TEXT),
    (b'{"id": "a", "comments": [{"text": 3}]}', errors.NOT_TEXT),
    (b'{"id": "a", "tags": ["ok", 7]}', errors.NOT_TEXT),
    (b'{"id": "a", "text": "' + b"x" * 51 + b'"}', errors.TOO_LARGE),
    (b'{"id": "a"}', errors.NO_TEXT_FIELDS),
    (b'{"id": "a", "text": null, "comments": []}', errors.NO_TEXT_FIELDS),
    (b'{"id": "a", "body": "schema drift"}', errors.NO_TEXT_FIELDS),
    (b'{"id": "a", "text": "t", "likes": 5}', errors.UNLISTED_NUMBER),
])
def test_unusable_lines_are_quarantined_with_their_reason(line, reason):
    record = Read(SPEC).parse(7, line)
    assert (record.status, record.reason, record.line) == (QUARANTINED, reason, 7)
    assert record.detail


@pytest.mark.parametrize("line, field_names", [
    (b'{"id": "a", "text": "hi"}', ["text"]),
    (b'{"id": 12, "text": "int ids are fine"}', ["text"]),
    (b'{"id": "a", "comments": [{"text": "one"}, {"user": "x"}, {"text": "three"}]}',
     ["comments[0].text", "comments[2].text", "comments[1].user"]),  # unlisted: analysed, last
    (b'{"id": "a", "tags": ["x", "y"], "text": "t"}', ["text", "tags[0]", "tags[1]"]),
    (b'{"id": "a", "comments": [[{"text": "deep"}]]}', ["comments[0][0].text"]),
])
def test_usable_lines_give_their_text_fields(line, field_names):
    record = Read(SPEC).parse(1, line)
    assert record.status == PENDING
    assert [f.name for f in record.fields] == field_names


def test_gzip_is_recognised_by_its_magic_bytes(tmp_path):
    path = tmp_path / "in.jsonl"  # no .gz suffix on purpose
    path.write_bytes(gzip.compress(b'{"id": 1}\n{"id": 2}\n'))
    with open_input(path) as stream:
        assert [n for n, _ in numbered_lines(stream)] == [1, 2]


def test_line_numbers_count_every_line_including_blank_ones():
    stream = io.BytesIO(b'{"id": 1}\n\n{"id": 3}\r\n')
    assert list(numbered_lines(stream)) == [(1, b'{"id": 1}'), (2, b""), (3, b'{"id": 3}')]


def test_integers_beyond_64_bits_are_valid_json_and_survive_to_the_output(spine):
    out, report = spine.redact_record({"id": "big", "text": "hi", "kind": 2**70})  # a kept field
    assert report["status"] == "clean" and out["kind"] == 2**70
    spec = SPEC.model_copy(update={"keep_fields": ["n"]})
    record = Read(spec).parse(1, b'{"id": "a", "text": "t", "n": 123456789012345678901234567890}')
    assert record.status == PENDING
