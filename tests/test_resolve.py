"""Overlap resolution and name propagation: the documented, deterministic rule."""

import pytest

from redact.record import Finding, Record, TextField
from redact.stages.resolve import Resolve, disjoint


def f(entity, start, end, score=0.8, recognizer="r"):
    return Finding(entity, start, end, score, recognizer)


def spans(findings):
    return [(x.entity_type, x.start, x.end) for x in findings]


@pytest.mark.parametrize("text, findings, expected", [
    # an e-mail beats the URL and the PERSON inside it
    ("mail sofia.rossi@example.com now", [f("URL", 5, 13, 0.95), f("EMAIL_ADDRESS", 5, 28, 0.5),
                                           f("PERSON", 5, 10)], [("EMAIL_ADDRESS", 5, 28)]),
    # a profile link beats a PERSON inside it
    ("see x.com/greg-smith-27 ok", [f("PERSON", 10, 20, 0.85), f("PROFILE_URL", 4, 23, 0.6)],
     [("PROFILE_URL", 4, 23)]),
    # a phone number beats DATE_TIME on the same span, whatever the scores
    ("call 98765 43210", [f("DATE_TIME", 5, 16, 0.95), f("PHONE_NUMBER", 5, 16, 0.6)],
     [("PHONE_NUMBER", 5, 16)]),
    # same type: overlapping findings merge into their union
    ("Maria Rossi", [f("PERSON", 0, 5, 0.6), f("PERSON", 0, 11, 0.85)], [("PERSON", 0, 11)]),
    ("Tomomi Nishiyama", [f("PERSON", 0, 16, 0.6), f("PERSON", 7, 16, 0.65)], [("PERSON", 0, 16)]),
    ("a Maria Rossi b", [f("PERSON", 2, 7), f("PERSON", 4, 13)], [("PERSON", 2, 13)]),
    # a partly covered loser keeps its uncovered piece, trimmed of spaces and punctuation
    ("Maria, +44 7700 900123", [f("PERSON", 0, 12, 0.85), f("PHONE_NUMBER", 7, 22, 0.9)],
     [("PERSON", 0, 5), ("PHONE_NUMBER", 7, 22)]),
    # disjoint findings are untouched, and come out sorted by start
    ("a b c", [f("X", 4, 5), f("Y", 0, 1)], [("Y", 0, 1), ("X", 4, 5)]),
])
def test_overlaps_resolve_by_type_then_score_then_length(text, findings, expected):
    assert spans(disjoint(text, findings)) == expected


def test_resolution_does_not_depend_on_input_order():
    text = "mail sofia.rossi@example.com"
    findings = [f("URL", 5, 13), f("EMAIL_ADDRESS", 5, 28), f("PERSON", 5, 10), f("PERSON", 0, 4)]
    assert spans(disjoint(text, findings)) == spans(disjoint(text, findings[::-1]))


def test_a_name_found_once_is_redacted_everywhere_in_the_record():
    first = TextField(("text",), "Maria Rossi joined today.", [f("PERSON", 0, 11)])
    second = TextField(("comments", 0, "text"), "welcome maria! Rossi is great. Mariana no.")
    record = Record(line=1, raw=b"", fields=[first, second])
    Resolve(["PERSON"]).resolve(record)
    assert spans(second.findings) == [("PERSON", 8, 13), ("PERSON", 15, 20)]
    assert {x.recognizer for x in second.findings} == {"propagated"}


def test_propagation_skips_short_and_common_words():
    field = TextField(("text",), "Al The Smith. the al smith", [f("PERSON", 0, 12)])
    record = Record(line=1, raw=b"", fields=[field])
    Resolve(["PERSON"]).resolve(record)
    # "Al" is too short, "The" is a stop word; "smith" is carried.
    assert spans(field.findings) == [("PERSON", 0, 12), ("PERSON", 21, 26)]
