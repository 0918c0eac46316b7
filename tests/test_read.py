"""The read stage: every line becomes a Record, usable or quarantined with the right reason."""

import gzip
import io

import orjson
import pytest
import zstandard

from redact import errors
from redact.errors import DamagedInput
from redact.profile import RecordSpec, ReportSpec
from redact.record import CLEAN, PENDING, QUARANTINED, Record, TextField
from redact.stages.read import Read, numbered_lines, open_input
from redact.stages.write import render

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


DEEP = b"[" * 100_000 + b"]" * 100_000


@pytest.mark.parametrize("line, reason", [
    (rb'{"id": "u3\ud800", "text": "x"}', errors.NOT_UTF8),
    (rb'{"id": "a", "text": "a lone \udc00 low half"}', errors.NOT_UTF8),
    (rb'{"id": "a", "text": "x", "meta": {"note": "\ud83d"}}', errors.NOT_UTF8),
    (b'{"id": "a", "text": "x", "v": NaN}', errors.NOT_JSON),
    (b'{"id": "a", "text": "x", "v": Infinity}', errors.NOT_JSON),
    (b'{"id": "a", "text": "x", "v": -Infinity}', errors.NOT_JSON),
    (b'{"id": "a", "deep": ' + DEEP + b"}", errors.NOT_JSON),
    (DEEP, errors.NOT_JSON),
    (b'{"id": "a", "comments": ' + b"[" * 1020 + b"]" * 1020 + b"}", errors.TOO_LARGE),
    (b'{"id": "a", "n": ' + b"9" * 5000 + b"}", errors.NOT_JSON),
    (b'{"id": "a", "text": "one"}\r{"id": "b", "text": "two"}', errors.NOT_JSON),
])
def test_lines_that_used_to_stop_a_run_are_quarantined_with_their_reason(line, reason):
    """Lone surrogates, non-JSON constants and nesting past any parser's depth: each line is
    quarantined and nothing raises out of the reader."""
    record = Read(SPEC).parse(3, line)
    assert (record.status, record.reason, record.line) == (QUARANTINED, reason, 3)
    assert record.detail


def test_a_byte_order_mark_before_a_line_is_ignored():
    record = Read(SPEC).parse(1, b'\xef\xbb\xbf{"id": "a", "text": "hi"}')
    assert (record.status, record.id, [f.text for f in record.fields]) == (PENDING, "a", ["hi"])


@pytest.mark.parametrize("line", [
    b'{"id":"a","tweet_id":123456789012345678901234567890}',
    b'{"id":"a","u":18446744073709551617,"neg":-9223372036854775809,"max":18446744073709551615}',
    b'{"id":123456789012345678901234567890,"text":"a big id"}',
    b'{"id":"a","f":1.10,"e":1e5,"E":2.50E-3,"z":-0.0,"huge":1E+400,"list":[0.1,100.0,3.0e0]}',
    b'{"id":"a","text":"2.5 in a text is text","n":7}',
    b'{"id":"a","deep":' + b"[" * 300 + b"1.10,18446744073709551617" + b"]" * 300 + b"}",
])
def test_numbers_come_out_as_they_were_written(line):
    """orjson reads integers past 64 bits as floats and rewrites floats: the exact path keeps them."""
    record = Read(SPEC).parse(1, line)
    record.status = CLEAN
    for text_field in record.fields:
        text_field.redacted = text_field.text
    assert render(record, ReportSpec()).output == line + b"\n"


def test_a_record_that_cannot_be_written_is_quarantined_not_raised():
    """A library caller's record whose id no UTF-8 can hold: write_failed, and a report line."""
    record = Record(line=4, raw=b"", data={"id": "u3\ud800", "text": "x"}, id="u3\ud800",
                    fields=[TextField(path=("text",), text="x", redacted="x")], status=CLEAN)
    rendered = render(record, ReportSpec())
    assert (rendered.status, rendered.reason, rendered.output) == (QUARANTINED, errors.WRITE_FAILED, None)
    assert orjson.loads(rendered.report)["id"] == "u3\\ud800"


def _zstd_then_damaged(data: bytes) -> bytes:
    frame = zstandard.ZstdCompressor().compress
    return frame(data) + frame(data)[:-8] + b"\x00" * 40


@pytest.mark.parametrize("make, kind", [
    (lambda data: gzip.compress(data)[:-30], "gzip"),
    (_zstd_then_damaged, "zstd"),
])
def test_a_damaged_compressed_input_says_which_file_and_after_which_line(tmp_path, make, kind):
    path = tmp_path / "in.jsonl.x"
    path.write_bytes(make(b"".join(b'{"id": %d, "text": "line %d"}\n' % (i, i) for i in range(2000))))
    with open_input(path) as stream, pytest.raises(DamagedInput) as raised:
        for _ in numbered_lines(stream):
            pass
    message = str(raised.value)
    assert message.startswith(f"{path}: damaged {kind} input after line ")
    assert int(message.split("after line ")[1].split()[0]) > 1000


def test_every_frame_of_a_zstd_input_is_read(tmp_path):
    """zstd files are often frames end to end (`cat a.zst b.zst`, pzstd): none is left unread."""
    frame = zstandard.ZstdCompressor().compress
    path = tmp_path / "in.jsonl.zst"
    path.write_bytes(frame(b'{"id": 1}\n') + frame(b'{"id": 2}\n'))
    with open_input(path) as stream:
        assert [n for n, _ in numbered_lines(stream)] == [1, 2]


@pytest.mark.parametrize("line, detail", [
    (b'{"id": "a", "text": "\xff"}', "byte 0xff at byte 21 of the line is not UTF-8 (invalid start byte)"),
    (b'{"id": "a", "text": "caf\xe9"}', "byte 0xe9 at byte 24 of the line is not UTF-8 (invalid continuation byte)"),
])
def test_a_line_that_is_not_utf8_says_which_byte(line, detail):
    """orjson's message said "surrogates not allowed" for any byte that is not UTF-8."""
    record = Read(SPEC).parse(1, line)
    assert (record.reason, record.detail) == (errors.NOT_UTF8, detail)


def test_a_gzip_member_that_fails_its_check_does_not_vouch_for_the_lines_before(tmp_path):
    """A damaged byte in the middle of a gzip member is found by the CRC at its end: the message
    said "after line 2000" as if lines 1-2000 were sound."""
    data = bytearray(gzip.compress(b"".join(b'{"id": %d, "text": "line %d"}\n' % (i, i) for i in range(2000))))
    data[len(data) // 2] ^= 0xFF
    path = tmp_path / "in.jsonl.gz"
    path.write_bytes(bytes(data))
    with open_input(path) as stream, pytest.raises(DamagedInput) as raised:
        for _ in numbered_lines(stream):
            pass
    assert str(raised.value).startswith(f"{path}: damaged gzip input at the check after line ")
    assert "(lines up to it may be damaged) (CRC check failed" in str(raised.value)
