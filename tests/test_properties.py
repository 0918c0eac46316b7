"""Property tests: arbitrary bytes, Unicode and JSON never crash the reader, a recognizer or a run,
and every input ends in exactly one place."""

import json

import pytest
from conftest import TESTS, redactor_for
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redact import errors
from redact.profile import RecordSpec
from redact.record import PENDING, QUARANTINED
from redact.registry import build_recognizer, our_recognizers
from redact.stages.read import Read

SPEC = RecordSpec(id_field="id", text_fields=["text", "comments.text", "tags"])
texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=()), max_size=400)
keys = st.sampled_from(["id", "text", "comments", "tags", "x"]) | texts
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=12,
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes_become_a_record_or_a_reason(line):
    record = Read(SPEC).parse(1, line)
    assert record.status in (PENDING, QUARANTINED)
    assert record.status == PENDING or record.reason in errors.REASONS


@SETTINGS
@given(json_values)
def test_any_json_value_becomes_a_record_or_a_reason(value):
    record = Read(SPEC).parse(1, json.dumps(value).encode())
    assert record.status == PENDING or record.reason in errors.REASONS
    for text_field in record.fields:
        assert isinstance(text_field.text, str)


@pytest.mark.parametrize("name", sorted(our_recognizers()))
def test_every_recognizer_survives_any_text(name):
    recognizer = build_recognizer(name, "en")

    @SETTINGS
    @given(st.one_of(texts, st.text(alphabet="@.:/+-()[] 0123456789aAtT_#", max_size=300)))
    def check(text):
        for result in recognizer.analyze(text, recognizer.supported_entities, None) or []:
            assert 0 <= result.start < result.end <= len(text)

    check()


@pytest.mark.slow
@SETTINGS
@given(st.lists(json_values, max_size=8))
def test_a_run_over_any_objects_accounts_for_every_one(objects):
    redactor = redactor_for(str(TESTS / "profiles" / "patterns.yaml"))
    results = list(redactor.redact_records(objects))
    assert len(results) == len(objects)
    for out, report in results:
        assert (out is None) == (report["status"] == "quarantined")
