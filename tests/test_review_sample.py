"""Sampling for review: reproducible, every stratum covered, inclusion probabilities and weights
that add up to the population (Horvitz-Thompson)."""

import math
import random
import re
from collections import Counter
from pathlib import Path

import pytest

from redact.errors import RedactError
from redact.profile import Thresholds, load_profile
from redact.review.consistency import output_mismatch
from redact.review.population import ReviewRecord, RunFacts, load_population
from redact.review.sample import (
    allocate,
    draw_sample,
    pps_probabilities,
    risk_factors,
    stratum_of,
    stratum_sizes,
)

REVIEW = Path(__file__).parent / "review"
THRESHOLDS = Thresholds(default=0.5, per_entity={"PERSON": 0.4})
TYPES = ["PERSON"] * 12 + ["EMAIL_ADDRESS"] * 4 + ["PHONE_NUMBER"] * 3 + ["IBAN_CODE"]


def synthetic_population(size=400, seed=1):
    """Records with 0-2 findings of weighted-random types and scores, of two kinds."""
    rng = random.Random(seed)
    facts, population = RunFacts(), []
    for line in range(1, size + 1):
        findings = [{"type": rng.choice(TYPES), "score": round(rng.uniform(0.3, 1.0), 2),
                     "recognizer": rng.choice(["spacy_ner", "propagated", "phone_v1"]),
                     "out_start": 0, "out_end": 3} for _ in range(rng.choice([0, 0, 1, 2]))]
        status = "redacted" if findings else "clean"
        report = {"id": f"r{line}", "line": line, "status": status, "fields": {"text": findings} if findings else {}}
        facts.add(report)
        population.append(ReviewRecord(f"r{line}", line, status, report["fields"],
                                       kind=rng.choice(["post", "comment"]), chars=rng.randint(10, 3000)))
    facts.median_chars = sorted(r.chars for r in population)[size // 2]
    return population, facts


@pytest.fixture(scope="module")
def population():
    return synthetic_population()


@pytest.fixture(scope="module")
def fixture_run():
    profile = load_profile("default", check_model=False)
    return (*load_population(REVIEW / "report.jsonl", REVIEW / "output.jsonl", profile), profile)


def lines(draws):
    return [d.record.line for d in draws]


@pytest.mark.parametrize("strategy", ["uniform", "stratified", "risk"])
def test_the_same_seed_draws_the_same_sample_and_another_seed_another(population, strategy):
    records, facts = population
    first = draw_sample(records, facts, 40, strategy, 7, THRESHOLDS)
    again = draw_sample(records, facts, 40, strategy, 7, THRESHOLDS)
    other = draw_sample(records, facts, 40, strategy, 8, THRESHOLDS)
    assert lines(first) == lines(again)
    assert [d.inclusion_probability for d in first] == [d.inclusion_probability for d in again]
    assert sorted(lines(first)) != sorted(lines(other))
    assert len(set(lines(first))) == len(first) == 40


def test_uniform_weights_are_n_over_big_n_and_add_up_to_the_population(population):
    records, facts = population
    draws = draw_sample(records, facts, 40, "uniform", 3, THRESHOLDS)
    assert {d.inclusion_probability for d in draws} == {40 / 400}
    assert math.fsum(d.weight for d in draws) == pytest.approx(400)


def test_stratified_covers_every_stratum_and_its_weights_add_up_to_each_stratum(population):
    records, facts = population
    sizes = stratum_sizes(records, facts)
    draws = draw_sample(records, facts, 60, "stratified", 3, THRESHOLDS)
    assert {d.stratum for d in draws} == set(sizes)
    for stratum, size in sizes.items():
        assert math.fsum(d.weight for d in draws if d.stratum == stratum) == pytest.approx(size)
    assert math.fsum(d.weight for d in draws) == pytest.approx(400)


def test_a_stratum_is_kind_and_rarest_type_or_clean(population):
    _, facts = population
    rare = ReviewRecord("x", 1, "redacted", {"text": [{"type": "PERSON"}, {"type": "IBAN_CODE"}]}, kind="post")
    assert stratum_of(rare, facts) == "post/IBAN_CODE"
    assert stratum_of(ReviewRecord("y", 2, "clean", {}), facts) == "clean"


@pytest.mark.parametrize("sizes, n, expected", [
    ({"a": 90, "b": 9, "c": 1}, 10, {"a": 8, "b": 1, "c": 1}),
    ({"a": 50, "b": 50}, 10, {"a": 5, "b": 5}),
    ({"a": 3, "b": 100}, 50, {"a": 1, "b": 49}),     # 50 * 3 / 103 = 1.46
    ({"a": 2, "b": 2}, 10, {"a": 2, "b": 2}),         # asking for more than there is
])
def test_allocation_gives_every_stratum_one_and_the_rest_by_size(sizes, n, expected):
    assert allocate(sizes, n) == expected


def test_fewer_draws_than_strata_is_an_error_that_says_what_to_do():
    with pytest.raises(RedactError, match="--n 2 is smaller than the 3 strata"):
        allocate({"a": 5, "b": 5, "c": 5}, 2)


def test_pps_probabilities_sum_to_n_and_cap_at_one():
    probabilities = pps_probabilities([100, 1, 1, 1, 1, 1, 1, 1], 3)
    assert probabilities[0] == 1.0
    assert math.fsum(probabilities) == pytest.approx(3)
    assert probabilities[1:] == [pytest.approx(2 / 7)] * 7


def test_risk_sample_has_n_records_and_its_weights_estimate_the_population(population):
    records, facts = population
    totals = []
    for seed in range(200):
        draws = draw_sample(records, facts, 40, "risk", seed, THRESHOLDS)
        assert len(draws) == 40
        totals.append(math.fsum(d.weight for d in draws))
    # Horvitz-Thompson: sum of 1/pi over the sample is unbiased for N.
    assert sum(totals) / len(totals) == pytest.approx(400, rel=0.02)


def test_risk_sampling_takes_each_record_with_its_stated_probability():
    records, facts = synthetic_population(size=20, seed=5)
    seen, stated = Counter(), {}
    runs = 3000
    for seed in range(runs):
        for draw in draw_sample(records, facts, 5, "risk", seed, THRESHOLDS):
            seen[draw.record.line] += 1
            stated[draw.record.line] = draw.inclusion_probability
    assert math.fsum(stated.values()) == pytest.approx(5)
    for line, probability in stated.items():
        assert seen[line] / runs == pytest.approx(probability, abs=0.04)


def test_risk_favours_clean_near_threshold_and_propagated_records(population):
    _, facts = population
    plain = ReviewRecord("a", 1, "redacted", {"text": [{"type": "PERSON", "score": 1.0, "recognizer": "spacy_ner"}]})
    factors = risk_factors(plain, facts, 400, THRESHOLDS)
    assert factors["near_threshold"] == 0 and factors["propagated"] == 0 and factors["clean"] == 0
    near = ReviewRecord("b", 2, "redacted", {"text": [{"type": "PERSON", "score": 0.42, "recognizer": "propagated"}]})
    factors = risk_factors(near, facts, 400, THRESHOLDS)
    assert factors["near_threshold"] == pytest.approx(1 - 0.02 / 0.15) and factors["propagated"] == 1
    assert risk_factors(ReviewRecord("c", 3, "clean", {}), facts, 400, THRESHOLDS)["clean"] == 1


def test_quarantined_and_dropped_records_are_never_sampled(fixture_run):
    records, facts, profile = fixture_run
    assert [r.id for r in records] == ["r01", "r02", "r03", "r05", "r07", "r08", "r09", "r10"]
    assert facts.statuses == {"redacted": 6, "clean": 2, "quarantined": 1, "dropped": 1}
    draws = draw_sample(records, facts, 100, "risk", 1, profile.thresholds)
    assert sorted(lines(draws)) == [1, 2, 3, 5, 7, 8, 9, 10]
    assert {d.inclusion_probability for d in draws} == {1.0}


def test_an_output_of_another_run_is_refused(tmp_path):
    profile = load_profile("default", check_model=False)
    shuffled = (REVIEW / "output.jsonl").read_text().splitlines()
    (tmp_path / "out.jsonl").write_text("\n".join(shuffled[1:] + shuffled[:1]) + "\n")
    with pytest.raises(RedactError, match="holds id 'r02' where the report has 'r01'"):
        load_population(REVIEW / "report.jsonl", tmp_path / "out.jsonl", profile)
    (tmp_path / "short.jsonl").write_text("\n".join(shuffled[:-1]) + "\n")
    with pytest.raises(RedactError, match="ends before the record 'r10'"):
        load_population(REVIEW / "report.jsonl", tmp_path / "short.jsonl", profile)


@pytest.mark.parametrize("edit, message", [
    # A rerun over edited texts: same ids and counts, the stale report's spans land elsewhere.
    (lambda line: line.replace('"text": "', '"text": "Updated: '),
     "output.jsonl:1 does not fit the report's record 'r01' (input line 1): field 'text': the PERSON span "
     "5..13 does not hold what `replace` writes ('<PERSON>'); is it the output of the same run and profile?"),
    (lambda line: line.replace("Call <PERSON> at <PHONE_NUMBER>", "Call <PERSON>"),
     "field 'text': the PHONE_NUMBER span 17..31 does not fit the field's 13 characters after 13"),
    (lambda line: line.replace('"text": "Call', '"body": "Call'),
     "the report has findings in field 'text', which the output record lacks"),
])
def test_an_output_the_reports_spans_do_not_fit_is_refused(tmp_path, edit, message):
    profile = load_profile("default", check_model=False)
    edited = [edit(line) for line in (REVIEW / "output.jsonl").read_text().splitlines()]
    (tmp_path / "output.jsonl").write_text("\n".join(edited) + "\n")
    with pytest.raises(RedactError, match=re.escape(message)):
        load_population(REVIEW / "report.jsonl", tmp_path / "output.jsonl", profile)


def finding(operator, start, end, out_start, out_end, entity="PERSON"):
    return {"type": entity, "start": start, "end": end, "out_start": out_start, "out_end": out_end,
            "operator": operator}


@pytest.mark.parametrize("text, found, refused", [
    ("Hi <PERSON>!", [finding("replace", 3, 8, 3, 11)], False),
    ("Hi <PERSONA>", [finding("replace", 3, 8, 3, 12)], True),
    ("Hi !", [finding("redact", 3, 8, 3, 3)], False),
    ("Hi x!", [finding("redact", 3, 8, 3, 4)], True),
    ("Hi *****!", [finding("mask", 3, 8, 3, 8)], False),
    ("Hi ****!", [finding("mask", 3, 8, 3, 7)], True),
    ("Hi Maria Rossi!", [finding("surrogate", 3, 8, 3, 14)], False),
    ("<PERSON> <PERSON>", [finding("replace", 0, 3, 0, 8), finding("replace", 4, 7, 9, 17)], False),
    ("<PERSON> <PERSON>", [finding("replace", 0, 3, 0, 8), finding("replace", 2, 7, 4, 12)], True),
])
def test_output_mismatch_knows_what_each_operator_writes(text, found, refused):
    profile = load_profile("default", check_model=False)
    assert (output_mismatch({"text": found}, {"text": text}, profile) is not None) is refused


def test_an_input_whose_comments_consent_removed_fits_its_output(tmp_path):
    """A run that removed an opted-out member's comment wrote the record without it: its input
    fits once the report's removed items are taken out, and an input without them is refused."""
    from redact.review.population import attach_texts
    profile = load_profile("default", check_model=False)
    (tmp_path / "in.jsonl").write_text(
        '{"id": "p1", "text": "hello", "comments": [{"author_id": "m1", "text": "mine"},'
        ' {"author_id": "m2", "text": "theirs"}]}\n')
    (tmp_path / "out.jsonl").write_text('{"id": "p1", "text": "hello", "comments": [{"text": "theirs"}]}\n')
    record = ReviewRecord("p1", 1, "clean", {}, output_line=1, items_dropped=("comments[0]",))
    attach_texts([record], tmp_path / "out.jsonl", profile, tmp_path / "in.jsonl")
    assert record.originals == record.texts == {"text": "hello", "comments[0].text": "theirs"}
    stale = ReviewRecord("p1", 1, "clean", {}, output_line=1, items_dropped=("comments[2]",))
    with pytest.raises(RedactError, match=r"consent removed comments\[2\], which the input record does not hold"):
        attach_texts([stale], tmp_path / "out.jsonl", profile, tmp_path / "in.jsonl")
