"""The engine's analysis path: prechecks never lose a finding, and the lean loop gives what
Presidio's AnalyzerEngine.analyze gives."""

from __future__ import annotations

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redact.registry import PRESIDIO_PRECHECKS, build_recognizer, precheck_for
from tests.conftest import ROOT, TESTS, assert_no_backtracking_blow_up, redactor_for

# Texts each recognizer finds something in, written in every form its patterns know.
FOUND = {
    "EmailRecognizer": ["mail a.b@example.com", "x_y+z@mail.example.co.uk today", "ann@my--mail.example.org",
                        "josé@exámple.es", "{x}@x.io"],
    "IpRecognizer": ["from 10.0.0.1", "::1", "fe80::1%eth0 up", "::ffff:10.0.0.1", "2001:db8::ff00:42:8329",
                     "1:2:3:4:5:6:77.77.88.88", "::"],
    "IbanRecognizer": ["IBAN GB82 WEST 1234 5698 7654 32", "DE89 3704 0044 0532 0130 00", "DE89370400440532013000"],
    "UsSsnRecognizer": ["ssn 536-22-1234", "536 22 1234", "536.22.1234", "social 536221234", "53622-1234",
                        "536-221234"],
    "CreditCardRecognizer": ["card 4111 1111 1111 1111", "5500-0000-0000-0004"],
    "iban_v1": ["IBAN GB82 WEST 1234 5698 7654 32", "de89 3704 0044 0532 0130 00", "gb82west12345698765432",
                "De89370400440532013000"],
    "profile_url_v1": ["linkedin.com/in/jane-doe", "https://x.com/jane", "mastodon.social/@jane",
                       "jane.github.io", "t.me/jane", "lnkd.in/abc", "jane.medium.com", "FB.ME/jane"],
    "obfuscated_email_v1": ["jane [at] example [dot] com", "jane(at)example.com", "jane@example[dot]com",
                            "email me: jane at example dot com", "jane {AT} example.org"],
}
# Characters the patterns turn on, so that random text hits them often.
ALPHABET = "aAtTdDoOxX019 .:@/[](){}<>-_#\n" + "linkedcomgithubmeFB"


def recognizers_with_prechecks():
    names = list(PRESIDIO_PRECHECKS) + ["profile_url_v1", "obfuscated_email_v1", "street_address_v1",
                                        "person_context_v1", "phone_v1", "card_v1", "social_handle_v1", "iban_v1"]
    built = [build_recognizer(name, "en") for name in names]
    return [(r.name, r, precheck_for(r)) for r in built if precheck_for(r) is not None]


PRECHECKED = recognizers_with_prechecks()


def test_every_precheck_has_texts_that_exercise_it():
    assert sorted(name for name, _, _ in PRECHECKED) == sorted(FOUND)


@pytest.mark.parametrize("name, recognizer, precheck", PRECHECKED, ids=[n for n, _, _ in PRECHECKED])
def test_texts_with_findings_pass_the_precheck(name, recognizer, precheck):
    for text in FOUND[name]:
        assert recognizer.analyze(text, recognizer.supported_entities), f"{name} finds nothing in {text!r}"
        assert precheck.search(text), f"{name}'s precheck would skip {text!r}"


@pytest.mark.parametrize("name, recognizer, precheck", PRECHECKED, ids=[n for n, _, _ in PRECHECKED])
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_no_random_text_with_a_finding_fails_the_precheck(name, recognizer, precheck, data):
    pieces = st.one_of(st.text(ALPHABET, max_size=12), st.sampled_from(FOUND[name]))
    text = "".join(data.draw(st.lists(pieces, max_size=5)))
    if recognizer.analyze(text, recognizer.supported_entities):
        assert precheck.search(text)


def corpus() -> list[str]:
    """Every text field of the samples and the golden inputs."""
    texts = []
    for path in [*sorted((ROOT / "samples").glob("*.jsonl")), TESTS / "golden" / "spine-posts" / "input.jsonl"]:
        for line in path.read_bytes().splitlines():
            record = orjson.loads(line)
            texts += [record.get("text") or "", record.get("title") or ""]
            texts += [c.get("text") or "" for c in record.get("comments") or [] if isinstance(c, dict)]
    return [t for t in texts if isinstance(t, str) and t] + [t for ts in FOUND.values() for t in ts]


def as_tuples(results):
    return sorted((r.entity_type, r.start, r.end, round(r.score, 6),
                   r.recognition_metadata["recognizer_name"]) for r in results)


@pytest.mark.parametrize("profile", ["default", "fast", "messages"])
def test_the_lean_analysis_gives_what_presidio_gives(profile):
    engine = redactor_for(profile).engine
    texts = corpus()
    for text, artifacts in zip(texts, engine.artifacts(texts)):
        ours = engine.analyze(text, artifacts)
        presidio = engine.analyzer.analyze(text, engine.language, score_threshold=0.0, nlp_artifacts=artifacts)
        assert as_tuples(ours) == as_tuples(presidio), text


# Addresses of every form, for the street recognizer's gates (each gate skips one form).
ADDRESSES = [
    "12 Main St., Springfield, IL 62704", "10 rue de Rivoli", "Via Roma 5, Milano", "ul. Narewska 94",
    "Hauptstraße 12, 10115 Berlin", "Keizersgracht 123", "Rákóczi út 13.", "Parmova 109, Suite 380",
    "92597 Jahu 80, Liiva", "P.O. Box 211", "PSC 1437, Box 3833\nAPO AA 66791", "USS Nimitz FPO AP 96620",
    "the corner of 5th Avenue and Main St", "Flat 2, 10 Downing Street, London SW1A 2AA",
    "Calle Mayor 3\n28013 Madrid", "5521 119 Countess Close", "Søndergade 52, 8000 Aarhus C",
]


@pytest.mark.parametrize("name", ["profile_url_v1", "obfuscated_email_v1", "street_address_v1",
                                  "social_handle_v1", "card_v1"])
def test_our_pattern_loop_gives_what_presidios_gives(name):
    from presidio_analyzer import PatternRecognizer

    from recognizers.base import ClassPatternRecognizer

    recognizer = build_recognizer(name, "en")
    entities = recognizer.supported_entities
    found = 0
    for text in corpus() + ADDRESSES + [f"Send it to {a} please, or call" for a in ADDRESSES]:
        ours = ClassPatternRecognizer.analyze(recognizer, text, entities)
        presidio = PatternRecognizer.analyze(recognizer, text, entities)
        assert as_results(ours) == as_results(presidio), text
        found += len(ours)
    assert found  # the corpus exercises the recognizer


def as_results(results):
    return sorted((r.entity_type, r.start, r.end, r.score, r.analysis_explanation.pattern_name,
                   r.recognition_metadata["recognizer_name"]) for r in results)


def test_the_context_enhancer_reads_the_same_words_as_presidios():
    from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

    from redact.presidio_adapter import ContextEnhancer

    engine = redactor_for("default").engine
    ours, presidio = ContextEnhancer(), LemmaContextAwareEnhancer()
    texts = corpus()[:60]
    compared = 0
    for text, artifacts in zip(texts, engine.artifacts(texts)):
        for start in range(len(text)):
            try:
                expected = sorted(presidio._extract_surrounding_words(artifacts, text[start:], start))
            except ValueError:  # past the last token: both refuse
                with pytest.raises(ValueError):
                    ours._extract_surrounding_words(artifacts, text[start:], start)
                continue
            assert sorted(ours._extract_surrounding_words(artifacts, text[start:], start)) == expected
            compared += 1
    assert compared > 1000


@pytest.mark.parametrize("components", [["ner"], ["ner", "lemmatizer"]])
def test_lazy_artifacts_read_from_arrays_what_tokens_say(components):
    from presidio_analyzer.nlp_engine import NlpArtifacts

    from redact.engine import Engine
    from redact.profile import load_profile

    profile = load_profile({"name": "lemmas", "extends": "default", "nlp": {"components": components}})
    engine = Engine(profile)
    texts, lemmatised = corpus(), 0
    for _text, artifacts in zip(texts, engine.artifacts(texts)):
        doc = artifacts.tokens
        lemmas = [t.lemma_ if "lemmatizer" in components else t.lower_ for t in doc]
        lemmatised += lemmas != [t.lower_ for t in doc]
        assert artifacts.lemmas == lemmas
        assert artifacts.tokens_indices == [t.idx for t in doc]
        assert artifacts.token_ends == [t.idx + len(t) for t in doc]
        assert artifacts.keywords == NlpArtifacts.set_keywords(engine.nlp_engine, lemmas, "en")
    assert bool(lemmatised) == ("lemmatizer" in components)


ADVERSARIAL = ["a." * 50_000, "x.com" + "a" * 100_000, ":" * 100_000, "1." * 50_000, "@" * 100_000,
               "dot " * 25_000, "(at" * 30_000, "a:" * 50_000, "1 " * 50_000]


@pytest.mark.parametrize("name, recognizer, precheck", PRECHECKED, ids=[n for n, _, _ in PRECHECKED])
def test_prechecks_stay_linear_on_adversarial_text(name, recognizer, precheck):
    for text in ADVERSARIAL:
        assert_no_backtracking_blow_up(lambda text=text: precheck.search(text),
                                       f"{name}'s precheck on {text[:12]!r}...")


LINKS = ["see linkedin.com/in/jane-doe.", "(x.com/jane)", "a\u00a0github.com/jane\tb", "https://mastodon.social/@jane,",
         "x.com/jane\nlinkedin.com/in/x", "jane.github.io/blog?x=1 and @x.com/a", "t.me/jane" * 3]


def test_profile_links_found_in_chunks_are_those_presidio_finds_in_the_whole_text():
    from presidio_analyzer import PatternRecognizer

    recognizer = build_recognizer("profile_url_v1", "en")
    found = 0
    for text in corpus() + LINKS:
        ours = recognizer.analyze(text, recognizer.supported_entities)
        theirs = PatternRecognizer.analyze(recognizer, text, recognizer.supported_entities)
        assert as_results(ours) == as_results(theirs), text
        found += len(ours)
    assert found
