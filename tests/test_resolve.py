"""Overlap resolution and name propagation: the documented, deterministic rule."""

import re

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from redact.record import Finding, Record, TextField
from redact.stages.resolve import Resolve, disjoint, occurrences


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


@pytest.mark.parametrize("found, elsewhere, expected", [
    ("Kishan Patel", "also ᴋɪsʜᴀɴ called", (5, 11)),          # small capitals
    ("Kishan Patel", "also K i s h a n called", (5, 16)),     # spaced letters
    ("K i s h a n P a t e l", "later Kishan called", (6, 12)),  # found spaced, repeated plain
])
def test_a_name_found_once_is_redacted_where_it_is_written_in_disguise(found, elsewhere, expected):
    first = TextField(("text",), found, [f("PERSON", 0, len(found))])
    second = TextField(("title",), elsewhere)
    Resolve(["PERSON"]).resolve(Record(line=1, raw=b"", fields=[first, second]))
    assert ("PERSON", *expected) in spans(second.findings)


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
def test_occurrences_are_what_a_regex_of_the_surfaces_finds(case):
    text, surfaces = case
    assume(surfaces and all(s.isascii() for s in surfaces))
    ordered = sorted(surfaces, key=len, reverse=True)
    assert occurrences(text, ordered) == regex_occurrences(text, ordered)


def regex_occurrences(text: str, ordered: list[str]) -> list[tuple[int, int, str]]:
    """The rule, as a regex: each surface, longest first, as a whole word, ignoring case."""
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(f"({re.escape(s)})" for s in ordered) + r")(?!\w)", re.IGNORECASE)
    return [(m.start(), m.end(), ordered[m.lastindex - 1]) for m in pattern.finditer(text)]


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
# The rule as `disjoint` implemented it before it kept the taken characters as intervals: every
# finding cut against every kept one (quadratic). The property below holds the new one to it.
def quadratic_disjoint(text, findings):
    from redact.stages.resolve import merge_same_type, rank

    def cut(start, end, hole_start, hole_end):
        if hole_end <= start or end <= hole_start:
            return [(start, end)]
        return [(s, e) for s, e in ((start, hole_start), (hole_end, end)) if s < e]

    def trim(start, end):
        piece = text[start:end]
        left = piece.lstrip(" \t\r\n.,;:!?()[]{}\"'-")
        stripped = left.rstrip(" \t\r\n.,;:!?()[]{}\"'-")
        if not any(c.isalnum() for c in stripped):
            return None
        return start + len(piece) - len(left), start + len(piece) - len(left) + len(stripped)

    order = sorted(merge_same_type(findings), key=lambda x: (rank(x.entity_type), -x.score, x.start - x.end, x.start))
    kept = []
    for finding in order:
        pieces = [(finding.start, finding.end)]
        for other in kept:
            pieces = [p for s, e in pieces for p in cut(s, e, other.start, other.end)]
        if pieces == [(finding.start, finding.end)]:
            kept.append(finding)
            continue
        for start, end in pieces:
            piece = trim(start, end)
            if piece:
                kept.append(Finding(finding.entity_type, *piece, finding.score, finding.recognizer))
    return sorted(kept, key=lambda x: x.start)


@st.composite
def text_and_findings(draw):
    """A short text of letters, spaces and punctuation, and findings on it that overlap a lot."""
    text = draw(st.text(alphabet="ab1 .,-", min_size=1, max_size=40))
    span = st.integers(0, len(text) - 1).flatmap(lambda s: st.tuples(st.just(s), st.integers(s + 1, len(text))))
    finding = st.builds(
        lambda se, entity, score, recognizer: Finding(entity, se[0], se[1], score, recognizer),
        span, st.sampled_from(["EMAIL_ADDRESS", "URL", "PHONE_NUMBER", "PERSON", "DATE_TIME", "ORDER_ID"]),
        st.sampled_from([0.4, 0.6, 0.85, 1.0]), st.sampled_from(["a", "b"]))
    return text, draw(st.lists(finding, max_size=25))


@settings(max_examples=1500, deadline=None)
@given(text_and_findings())
def test_disjoint_gives_what_the_quadratic_rule_gave(case):
    text, findings = case
    assert disjoint(text, list(findings)) == quadratic_disjoint(text, list(findings))


def calls_within(work, limit):
    """Run `work` counting Python and C function calls; raise AssertionError past `limit`."""
    import sys

    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1
            if calls > limit:
                raise AssertionError(f"more than {limit} calls")

    sys.setprofile(count)
    try:
        work()
    finally:
        sys.setprofile(None)
    return calls


@pytest.mark.slow
def test_resolution_is_linear_ish_in_the_number_of_findings():
    # 36k characters of `@a `: one handle every three characters. Resolving them cut each one
    # against every one kept before it (27 s); now it costs a few calls per finding.
    from conftest import redactor_for

    from redact.stages.analyze import Analyze

    redactor = redactor_for("default")
    resolve = next(stage for stage in redactor.stages if isinstance(stage, Resolve))
    stages_before = redactor.stages[:redactor.stages.index(resolve)]  # identify and analyze
    assert any(isinstance(stage, Analyze) for stage in stages_before)
    records = iter([redactor.reader.fill(Record(line=1, raw=b""), {"id": "a", "text": "@a " * 12_000})])
    for stage in stages_before:
        records = stage.run(records)
    record = next(records)
    findings = len(record.fields[0].findings)
    assert record.live and findings >= 12_000
    calls_within(lambda: resolve.resolve(record), limit=30 * findings)
    assert len(record.fields[0].findings) == 12_000
