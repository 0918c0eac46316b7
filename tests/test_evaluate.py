"""`redact eval`: the metric functions on hand-built cases, the gold reader, and the command."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from redact.cli.main import app
from redact.evaluate import (
    NO_FINDING,
    Detection,
    GoldError,
    GoldRecord,
    GoldSpan,
    Scorecard,
    detection_from_finding,
    format_table,
    gate_failures,
    load_gold,
    score,
    splice,
)
from redact.profile import load_profile
from redact.record import Finding

TESTS = Path(__file__).parent
SYNTHETIC = TESTS / "eval" / "synthetic.jsonl"
runner = CliRunner()


def cut(entity_type, start, end):
    """A detection whose operator removed its whole span."""
    return Detection(entity_type, start, end, start, end)


def kept(entity_type, start, end):
    """A detection whose operator was `keep`."""
    return Detection(entity_type, start, end, start, start)


TEXT = "Call Maria Rossi in Paris now."  # Maria Rossi 5-16, Paris 20-25, now 26-29
PERSON = GoldSpan(5, 16, "PERSON")
PARIS = GoldSpan(20, 25, "IGNORE")


@pytest.mark.parametrize("case, spans, detections, leaked, removed, over, fp_runs", [
    ("full cover", [PERSON], [cut("PERSON", 5, 16)], 1 - 1, 10, 0, 0),
    ("cover in two findings", [PERSON], [cut("PERSON", 5, 10), cut("PERSON", 11, 16)], 0, 10, 0, 0),
    ("partial cover leaks", [PERSON], [cut("PERSON", 5, 10)], 1, 5, 0, 0),
    ("one letter left leaks", [PERSON], [cut("PERSON", 5, 15)], 1, 9, 0, 0),
    ("only a space left does not leak", [GoldSpan(4, 16, "PERSON")], [cut("PERSON", 5, 16)], 0, 10, 0, 0),
    ("keep does not redact", [PERSON], [kept("PERSON", 5, 16)], 1, 0, 0, 0),
    ("nothing found", [PERSON], [], 1, 0, 0, 0),
    ("spill past the span is over-redaction", [PERSON], [cut("PERSON", 0, 16)], 0, 14, 4, 0),
    ("IGNORE span is not over-redaction", [PERSON, PARIS],
     [cut("PERSON", 5, 16), cut("LOCATION", 20, 25)], 0, 15, 0, 0),
    ("unlabelled word is over-redaction and a false positive run", [PERSON],
     [cut("PERSON", 5, 16), cut("LOCATION", 20, 25)], 0, 15, 5, 1),
    ("a kept false positive is no run", [PERSON], [cut("PERSON", 5, 16), kept("DATE_TIME", 26, 29)], 0, 10, 0, 0),
    ("punctuation-only detection is no run", [PERSON], [cut("PERSON", 5, 16), cut("X", 29, 30)], 0, 10, 0, 0),
])
def test_leaks_over_redaction_and_false_positive_runs(case, spans, detections, leaked, removed, over, fp_runs):
    card = score("t", [GoldRecord("r1", TEXT, tuple(spans))], [detections])
    assert (sum(card.leaked.values()), card.removed, card.over_removed, card.fp_runs) == \
        (leaked, removed, over, fp_runs), case


def test_partial_mask_removes_only_the_masked_characters():
    # "TCK-4821" masked from the end, 4 characters: "TCK-####" still shows letters.
    text = "ticket TCK-4821"
    card = score("t", [GoldRecord("r", text, (GoldSpan(7, 15, "ID"),))], [[Detection("TICKET", 7, 15, 11, 15)]])
    assert card.leaked["ID"] == 1 and card.removed == 4


def test_rates_per_label_and_overall():
    gold = [
        GoldRecord("a", "Ann and Bob", (GoldSpan(0, 3, "PERSON"), GoldSpan(8, 11, "PERSON"))),
        GoldRecord("b", "mail a@b.co now", (GoldSpan(5, 11, "EMAIL"),)),
    ]
    card = score("t", gold, [[cut("PERSON", 0, 3)], [cut("EMAIL_ADDRESS", 5, 11), cut("DATE_TIME", 12, 15)]])
    facts = card.as_dict()
    assert facts["by_label"] == {"PERSON": {"gold": 2, "leaked": 1, "leak_rate": 0.5},
                                 "EMAIL": {"gold": 1, "leaked": 0, "leak_rate": 0.0}}
    assert facts["leak_rate"] == round(1 / 3, 4)
    assert facts["over_redaction"] == round(3 / (3 + 4 + 3), 4)  # "@" and "." are not counted
    assert facts["fp_runs"] == 1
    assert facts["leaks"] == [{"id": "a", "label": "PERSON", "start": 8, "end": 11}]


def test_confusion_counts_each_overlapping_type_once_per_span():
    text = "call 555 0101 or 555 0199 or 555 0123, Ann"
    spans = (GoldSpan(5, 13, "PHONE"), GoldSpan(17, 25, "PHONE"), GoldSpan(29, 37, "PHONE"),
             GoldSpan(39, 42, "IGNORE"))
    detections = [kept("DATE_TIME", 5, 8), kept("DATE_TIME", 9, 13), cut("PHONE_NUMBER", 17, 25),
                  cut("DATE_TIME", 17, 20), cut("PERSON", 39, 42)]
    card = score("t", [GoldRecord("r", text, spans)], [detections])
    assert card.as_dict()["confusion"] == {"PHONE": {"DATE_TIME": 2, "PHONE_NUMBER": 1, NO_FINDING: 1}}


def test_a_quarantined_record_leaks_every_span_and_redacts_nothing():
    record = GoldRecord("q", TEXT, (PERSON, PARIS))
    card = Scorecard("t")
    card.add(record, None)
    assert (card.quarantined, card.leaked["PERSON"], card.gold["PERSON"], card.removed) == (1, 1, 1, 0)
    assert "IGNORE" not in card.gold


@pytest.mark.parametrize("operator, op_spec, text, expected_cut", [
    ("replace", {"type": "replace"}, "ticket no TK123456 ok", (10, 18)),
    ("redact", {"type": "redact"}, "ticket no TK123456 ok", (10, 18)),
    ("keep", {"type": "keep"}, "ticket no TK123456 ok", (10, 10)),
    ("mask", {"type": "mask", "chars_to_mask": 4, "from_end": True}, "ticket no TK123456 ok", (14, 18)),
    ("mask", {"type": "mask", "chars_to_mask": 3}, "ticket no TK123456 ok", (10, 13)),
    ("mask", {"type": "mask", "chars_to_mask": 50}, "ticket no TK123456 ok", (10, 18)),
    ("mask", {"type": "mask"}, "ticket no TK123456 ok", (10, 18)),
    # separators are not counted: three letters and digits reach past the dash and the space
    ("mask", {"type": "mask", "chars_to_mask": 3}, "ticket no T-K 3456 ok", (10, 15)),
    ("mask", {"type": "mask", "chars_to_mask": 5, "from_end": True}, "ticket no T-K 3456 ok", (12, 18)),
])
def test_what_each_operator_removes(operator, op_spec, text, expected_cut, spine_profile):
    raw = load_profile(spine_profile, check_model=False).model_dump()
    raw["operators"] = {"DEFAULT": {"type": "replace"}, "TICKET": op_spec}
    profile = load_profile(raw, check_model=False)
    finding = Finding("TICKET", 10, 18, 0.9, "ticket", operator=operator)
    detection = detection_from_finding(finding, profile, text)
    assert (detection.cut_start, detection.cut_end) == expected_cut


def test_gold_problems_are_reported_all_at_once(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([
        '{"id": "a", "text": "Ann", "spans": [{"start": 0, "end": 3, "label": "NAME"}]}',
        '{"id": "b", "text": "Ann", "spans": [{"start": 2, "end": 9, "label": "PERSON"}]}',
        '{"id": "c", "text": "Ann", "spans": []}',
        '{"id": "c", "text": "Ann", "spans": []}',
        '{"id": "d", "spans": []}',
        "not json",
    ]) + "\n")
    with pytest.raises(GoldError) as raised:
        load_gold(bad)
    message = str(raised.value)
    assert "5 problem(s)" in message
    for expected in ("line 1: unknown label 'NAME'", "line 2: span 2-9 is not inside the text",
                     "line 4: id 'c' appears twice", "line 5: 'text' is missing", "line 6:"):
        assert expected in message


def test_a_gold_line_with_a_number_beyond_a_double_reads(tmp_path):
    # Valid JSON a run writes verbatim (a gold file made from a run's output may hold it).
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "text": "Ann", "spans": [], "created_at": 1E+400}\n'
                    '{"id": "b", "text": "Ann", "spans": [], "n": 123456789012345678901234567890}\n')
    assert [record.id for record in load_gold(gold)] == ["a", "b"]


def test_the_synthetic_gold_file_reads():
    gold = load_gold(SYNTHETIC)
    assert 10 <= len(gold) <= 20
    assert {s.label for r in gold for s in r.spans} >= {"PERSON", "EMAIL", "PHONE", "IGNORE"}


def test_gates_and_table():
    card = score("p", [GoldRecord("r", TEXT, (PERSON,))], [[cut("PERSON", 5, 10), cut("X", 26, 29)]])
    assert gate_failures(card, None, None) == []
    assert gate_failures(card, 1.0, 0.5) == []
    assert [f.split()[0] for f in gate_failures(card, 0.5, 0.1)] == ["leak_rate", "over_redaction"]
    header, row = format_table([card]).splitlines()
    assert header.split() == ["system", "leak_rate", "over_redaction", "fp_runs", "quarantined", "PERSON"]
    assert row.split() == ["p", "1.000", "0.375", "1", "0", "1/1"]


def test_splice_replaces_spans_with_their_type():
    assert splice("Ann met Bob", [(0, 3, "PERSON"), (8, 11, "PERSON")]) == "<PERSON> met <PERSON>"


@pytest.mark.slow
def test_presidio_spans_follow_the_anonymizers_conflict_handling():
    from presidio_anonymizer import AnonymizerEngine
    from presidio_anonymizer.entities import RecognizerResult

    from redact.evaluate import replaced_spans

    text = "Maria Rossi phoned"
    results = [RecognizerResult("PERSON", 0, 5, 0.8), RecognizerResult("PERSON", 0, 11, 0.9),
               RecognizerResult("PERSON", 6, 11, 0.7)]
    assert replaced_spans(AnonymizerEngine(), text, results) == [cut("PERSON", 0, 11)]


@pytest.mark.slow
def test_a_record_the_profile_quarantines_counts_as_leaked(spine_profile):
    from redact.evaluate import evaluate_profile

    profile = load_profile(spine_profile)
    tiny = profile.model_copy(update={"record": profile.record.model_copy(update={"max_record_chars": 60})})
    gold = load_gold(SYNTHETIC)
    card = evaluate_profile(tiny, gold)
    too_long = [r for r in gold if len(r.text) > 60]
    assert too_long and card.quarantined == len(too_long)
    with_pii = {r.id for r in too_long if any(s.label != "IGNORE" for s in r.spans)}
    assert with_pii and {leak.record_id for leak in card.leaks} >= with_pii


@pytest.mark.slow
def test_eval_command_with_presidio_baseline(spine_profile, tmp_path):
    out = tmp_path / "metrics.json"
    result = runner.invoke(app, ["eval", str(SYNTHETIC), "--profile", spine_profile, "--baseline", "presidio",
                                 "--json", str(out), "--show-leaks", "3"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:5] == ["system", "leak_rate", "over_redaction", "fp_runs", "quarantined"]
    assert "PERSON" in lines[0] and "EMAIL" in lines[0] and "IGNORE" not in lines[0]
    assert lines[1].split()[0] == "spine" and lines[2].split()[0] == "presidio"
    assert "leaked span(s), up to 3 shown" in result.stdout

    facts = json.loads(out.read_text())
    assert facts["records"] == 14 and [s["system"] for s in facts["systems"]] == ["spine", "presidio"]
    spine, presidio = facts["systems"]
    for system in (spine, presidio):
        assert {"leak_rate", "over_redaction", "fp_runs", "by_label", "confusion", "leaks",
                "quarantined"} <= set(system)
        assert system["by_label"]["PERSON"]["gold"] == 9 and system["quarantined"] == 0
        assert system["by_label"]["EMAIL"]["leaked"] == 0  # both find example.com addresses
    # The spine profile has no phone recognizer; stock Presidio has one.
    assert spine["by_label"]["PHONE"]["leaked"] == 2 and spine["confusion"]["PHONE"] == {NO_FINDING: 2}
    assert presidio["confusion"]["PHONE"].get("PHONE_NUMBER", 0) >= 1
    assert all("text" not in leak for leak in spine["leaks"])


@pytest.mark.slow
def test_eval_gates_exit_1(spine_profile):
    result = runner.invoke(app, ["eval", str(SYNTHETIC), "--profile", spine_profile,
                                 "--max-leak-rate", "0.01", "--max-over-redaction", "1"])
    assert result.exit_code == 1
    assert "leak_rate" in result.stderr and "above --max-leak-rate 0.01" in result.stderr


def test_eval_rejects_an_unknown_baseline(spine_profile):
    result = runner.invoke(app, ["eval", str(SYNTHETIC), "--profile", spine_profile, "--baseline", "scrubadub"])
    assert result.exit_code == 2 and "known baselines: presidio" in result.stderr


def test_eval_reports_a_bad_gold_file_in_one_go(spine_profile, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "x", "spans": [{"start": 0, "end": 1, "label": "NAME"}]}\n')
    result = runner.invoke(app, ["eval", str(bad), "--profile", spine_profile])
    assert result.exit_code == 2 and "unknown label 'NAME'" in result.stderr


@pytest.mark.slow
def test_the_presidio_baseline_runs_presidios_own_recognizers_only(monkeypatch):
    # Presidio finds a predefined recognizer by class name in the set of every subclass loaded in
    # the process: where ours of the same name (PhoneRecognizer) came first, "stock Presidio" ran
    # it and leaked 3 phone numbers of recognizers-text instead of its 71. Ours is now named
    # SocialPhoneRecognizer; a subclass of it under Presidio's name stands in for any such clash.
    from presidio_analyzer.recognizer_registry.recognizers_loader_utils import RecognizerListLoader

    from recognizers.phone import SocialPhoneRecognizer
    from redact.evaluate import PresidioBaseline

    OurPhoneRecognizer = type("PhoneRecognizer", (SocialPhoneRecognizer,), {})

    every = RecognizerListLoader.get_all_existing_recognizers()
    monkeypatch.setattr(RecognizerListLoader, "get_all_existing_recognizers",
                        staticmethod(lambda cls=None: [OurPhoneRecognizer] + sorted(every, key=str)))
    baseline = PresidioBaseline(load_profile("default").nlp.model)
    registry = baseline.analyzer.analyzer_engine.registry
    assert {type(r).__module__.split(".")[0] for r in registry.recognizers} == {"presidio_analyzer"}
    assert "PhoneRecognizer" in {type(r).__name__ for r in registry.recognizers}
