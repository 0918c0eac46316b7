"""Presidio's EmailRecognizer is tried only around an `@` that can end a match: the same findings
as its own scan of the whole text, in time linear in the text (its pattern is quadratic in a run
of local-part characters such as `a-a-a-...`)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from presidio_analyzer import PatternRecognizer

from recognizers.base import within_budget
from recognizers.email_regions import email_regions
from redact.registry import build_recognizer
from tests.conftest import assert_no_backtracking_blow_up

PLAIN = build_recognizer("EmailRecognizer", "en")
OURS = within_budget(build_recognizer("EmailRecognizer", "en"))
RUN = "a-" * 16_000  # 32,000 characters: a minute of CPU for Presidio's own scan


def found(results):
    return [(r.entity_type, r.start, r.end, r.score) for r in results]


def presidios(text):
    return found(PatternRecognizer.analyze(PLAIN, text, ["EMAIL_ADDRESS"]))


@pytest.mark.parametrize("text, regions", [
    ("no address here", []),
    ("mail ann@example.com now", [(5, 20)]),
    ("a@b.com@c.com", [(0, 13)]),  # overlapping stretches are one: found as a whole scan finds them
    ("x.@example.com and y@ex.org", [(19, 27)]),  # `.` before `@` ends no address
    ("a-b-c@ nope, d@e.fr", [(13, 19)]),
    (RUN + "@ x@example.com", [(len(RUN) + 2, len(RUN) + 15)]),  # the run is never scanned
])
def test_only_the_stretches_around_an_at_that_can_end_an_address_are_scanned(text, regions):
    assert email_regions(text) == regions


@pytest.mark.parametrize("text", [
    "mail ann@example.com now", "a@b.com@c.com", "{x}@x.io", "josé@exámple.es", "ann@my--mail.example.org",
    "a.b.@x.com c@d.org", "-a@b.com", "..a@b.co.uk.", "x@y.z", "a@b.com,c@d.com", RUN[:200] + "@example.com",
])
def test_the_findings_are_presidios(text):
    assert found(OURS.analyze(text, ["EMAIL_ADDRESS"])) == presidios(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("ab.-_@ ,+!é\n") + ["com", ".org", "@ex.com"]), max_size=25).map("".join))
def test_the_findings_are_presidios_on_any_text(text):
    assert found(OURS.analyze(text, ["EMAIL_ADDRESS"])) == presidios(text)


@pytest.mark.parametrize("text", [RUN + "@ x@example.com", RUN + "@example.com", "@" + RUN, "a@" * 16_000 + "x.com"])
def test_a_long_run_of_local_part_characters_stays_linear(text):
    assert_no_backtracking_blow_up(lambda: OURS.analyze(text, ["EMAIL_ADDRESS"]),
                                   f"EmailRecognizer on {text[:12]!r}...")
