"""Overlap resolution and name propagation: the documented, deterministic rule."""

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from redact.record import Finding, Record, TextField
from redact.stages.resolve import Resolve, _ascii_occurrences, _regex_occurrences, disjoint


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


def test_a_name_is_carried_to_a_spelling_that_matches_only_ignoring_case():
    # `ı` matches `i` ignoring case, but "gıve".lower() is not "give": this raised KeyError.
    first = TextField(("text",), "Gallifreyan Give wrote", [f("PERSON", 0, 16)])
    second = TextField(("title",), "GALLIFREYAN GıVE and Gallifreyan")
    record = Record(line=1, raw=b"", fields=[first, second])
    Resolve(["PERSON"]).resolve(record)
    assert spans(second.findings) == [("PERSON", 0, 16), ("PERSON", 21, 32)]


def test_a_record_that_resolution_cannot_handle_is_quarantined_and_the_run_goes_on():
    bad = Record(line=1, raw=b"", fields=[TextField(("text",), "Maria", [f("PERSON", 0, 5, score=None)])])
    good = Record(line=2, raw=b"", fields=[TextField(("text",), "Maria", [f("PERSON", 0, 5)])])
    out = list(Resolve(["PERSON"]).run(iter([bad, good])))
    assert (out[0].live, out[0].reason, out[0].detail) == (False, "analysis_failed", "TypeError in resolution")
    assert out[1].live and spans(out[1].fields[0].findings) == [("PERSON", 0, 5)]



@st.composite
def texts_and_surfaces(draw):
    """A text of few letters, and surfaces that are mostly pieces of it, so that they occur,
    overlap each other and themselves, and meet word characters at their edges."""
    text = draw(st.text(alphabet="abAB _.'-1é\u212a", max_size=30))  # \u212a: the Kelvin sign, a k
    pieces = st.tuples(st.integers(0, len(text)), st.integers(1, 7)).map(
        lambda ij: text[ij[0]:ij[0] + ij[1]].lower())
    surfaces = draw(st.lists(st.one_of(pieces, st.text(alphabet="abk _.'-1", min_size=1, max_size=6)),
                             min_size=1, max_size=6))
    return text, list(dict.fromkeys(s for s in surfaces if s))


@settings(max_examples=1000, deadline=None)
@given(texts_and_surfaces())
@example(("ba a a", ["a a"]))  # the first "a a" is inside a word, the second, overlapping it, is not
@example(("\u212aate", ["kate"]))
def test_ascii_occurrences_are_the_regex_occurrences(case):
    text, surfaces = case
    assume(surfaces and all(s.isascii() for s in surfaces))
    ordered = sorted(surfaces, key=len, reverse=True)
    assert _ascii_occurrences(text, ordered) == list(_regex_occurrences(text, ordered))


@pytest.mark.slow
@pytest.mark.parametrize("profile", ["default", "messages"])
def test_a_phone_number_is_never_written_as_a_card(profile):
    """All 1000 +44 7700 900xxx numbers (one in ten is Luhn-valid) come out as PHONE_NUMBER and
    replaced whole: never ranked as CREDIT_CARD, which the messages profile masks to four digits."""
    from conftest import redactor_for

    objects = [{"id": f"p{i}", "text": f"Call me on +44 7700 900{i:03d} tonight"} for i in range(1000)]
    for (out, report), obj in zip(redactor_for(profile).redact_records(objects), objects):
        types = [f["type"] for f in report["fields"]["text"]]
        assert types == ["PHONE_NUMBER"], (obj["id"], types)
        assert out["text"] == "Call me on <PHONE_NUMBER> tonight"
