"""person_model_v1, the learned name tagger: its artefact matches its recipe, ships no one's name,
and finds names the rules miss in the engine's own Doc."""

from __future__ import annotations

import hashlib
import json
import re

import pytest
import yaml

from recognizers.lexicon import fold, load_lexicon
from recognizers.person import train
from recognizers.person.features import WORD_FORMS, shape, text_case, token_features, word_form, word_forms
from recognizers.person.model import MODEL, RECORD


def test_artefact_matches_its_recorded_checksum_and_recipe():
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    assert hashlib.sha256(MODEL.read_bytes()).hexdigest() == record["model_sha256"]
    assert record["recipe"] == yaml.safe_load(train.RECIPE.read_text(encoding="utf-8"))
    assert MODEL.stat().st_size < 20 * 1024 * 1024


def test_artefact_holds_word_identity_only_for_lexicon_words():
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL))
    lexicon = load_lexicon()
    identities = {attr.split("w=", 1)[1] for attr, _ in tagger.info().state_features if "w=" in attr}
    assert identities, "the model should use the lexicon's words"
    assert not {w for w in identities if not (lexicon.is_word(w) or lexicon.is_name(w))}


def training_person_words() -> set[str]:
    recipe = yaml.safe_load(train.RECIPE.read_text(encoding="utf-8"))
    try:
        items = train.training_data(recipe)
    except SystemExit:
        pytest.skip("the training data (../shared/eval) is not here")
    lexicon = load_lexicon()
    words = {fold(w) for text, spans in items for start, end in spans
             for w in re.findall(r"[^\W\d_]{3,}", text[start:end])}
    return {w for w in words if not (lexicon.is_word(w) or lexicon.is_name(w))}


def test_artefact_ships_no_training_name_outside_the_lexicons():
    raw = MODEL.read_bytes().lower()
    names = training_person_words()
    assert len(names) > 300  # the training set's people are there to be looked for
    leaked = sorted(n for n in names if b"=" + n.encode() + b"\x00" in raw or b"=" + n.encode() + b"|" in raw)
    assert leaked == []


def test_shape_and_case_never_hold_letters():
    assert shape("Kowalczyk") == "Xx" and shape("ADRIAN") == "XX" and shape("J.") == "X."
    assert shape("greg") == "x" and shape("McKay") == "XxX"


class FakeToken:
    def __init__(self, text, i, doc):
        self.text, self.i, self.doc, self.idx = text, i, doc, 0
        self.is_alpha = text.isalpha()
        self.ent_iob_, self.ent_type_, self.whitespace_ = "O", "", " "


class FakeDoc(list):
    ents = ()

    def __init__(self, words):
        super().__init__(FakeToken(w, i, self) for i, w in enumerate(words))


def test_text_case_is_judged_on_the_whole_text():
    assert text_case(FakeDoc("WHERE IS KEVIN TOASTER".split())) == "upper"
    assert text_case(FakeDoc("met greg snapper today".split())) == "lower"
    assert text_case(FakeDoc("Met Greg at the game".split())) == "mixed"


def test_an_unknown_word_is_seen_only_through_shape_and_lists():
    features = token_features(FakeDoc(["hi", "Zyxwvutz", "!"]))
    assert not any("zyxwvutz" in f.lower() for f in features[1])
    assert "w=hi" in features[0] and "-1:w=hi" in features[1]


@pytest.mark.parametrize("key, listed, expected", [
    ("the", True, ("freq=6",)),  # the commonest web word: the bucket is capped
    ("kishan", False, ("freq=1",)),  # rare on the web, in no list: more often a name
    ("pleaseee", False, ("freq=0", "spelled")),  # `please` stretched
    ("righthererachel", False, ("freq=0", "seg=3", "seg|name")),  # a user name without its @
    ("zyxwvutzq", False, ("freq=0",)),  # no words inside: nothing to say but its rarity
])
def test_word_form_facts_say_how_a_word_is_made_never_what_it_is(key, listed, expected):
    assert word_form(key, listed, load_lexicon(), WORD_FORMS) == expected


def test_a_misspelt_english_word_is_told_from_an_unknown_word():
    lexicon = load_lexicon()
    assert word_form("sholder", False, lexicon, ("misspelt",)) == ("typo",)  # shoulder
    assert word_form("becaise", False, lexicon, ("misspelt",)) == ("typo",)  # because
    assert word_form("kishan", False, lexicon, ("misspelt",)) == ()  # no word one edit away
    assert word_form("tanner", True, lexicon, ("misspelt",)) == ()  # listed: seen as itself
    assert word_form("tge", False, lexicon, ("misspelt",)) == ()  # too short to say


def test_word_form_families_are_named_by_the_recipe():
    assert word_forms({}) == ()
    assert word_forms({"features": ["run_together", "web_frequency"]}) == ("web_frequency", "run_together")
    with pytest.raises(ValueError, match="unknown.*'shoe_size'"):
        word_forms({"features": ["shoe_size"]})
    features = token_features(FakeDoc(["hi", "righthererachel", "!"]), forms=WORD_FORMS)
    assert {"freq=0", "seg|name"} <= set(features[1])
    assert any(f.startswith("-1:freq=") for f in features[1])  # the neighbour's bucket too
    assert not any("rachel" in f for f in features[1])


def test_augmented_copies_are_the_same_tweets_shouted_or_in_lower_case():
    items = [("Met Greg at Starbucks", [(4, 8)]), ("lol ok", []), ("fine, Straße", [])]
    # each copy keeps its names' offsets; one that changes nothing or its length (ß -> SS) is left out
    assert train.augmented(items, ["upper"]) == items + [("MET GREG AT STARBUCKS", [(4, 8)]), ("LOL OK", [])]
    assert train.augmented(items, ["lower", "upper"])[3:5] == [("met greg at starbucks", [(4, 8)]),
                                                           ("fine, straße", [])]


def test_title_copies_capitalise_each_word_as_a_headline_does():
    items = [("met greg at Starbucks, don't ask", [(4, 8)])]
    assert train.augmented(items, ["title"])[1:] == [("Met Greg At Starbucks, Don't Ask", [(4, 8)])]


def test_names_identity_drops_the_identity_of_common_words_that_are_no_given_name():
    words = ["hey", "greg", "!"]  # `hey` is a common word and a census surname
    everything = token_features(FakeDoc(words), forms=("misspelt",))
    names_only = token_features(FakeDoc(words), forms=("misspelt", "names_identity"))
    assert "w=hey" in everything[0] and "w=hey" not in names_only[0]  # a common word: shape and lists
    assert "w=greg" in names_only[1] and "-1:w=hey" in names_only[1]  # a listed name; the neighbour's word


@pytest.mark.slow  # loads the model
@pytest.mark.parametrize("text, expected", [
    ("met Greg Snapper at the game", ["Greg Snapper"]),
    ("thanks Kevin Toaster for the ride", ["Kevin Toaster"]),
    ("the weather is lovely today", []),
    # a hashtag's glued words are person_hashtag_v1's (#HappyBirthday<PERSON>), not the tagger's to take whole
    ("happy birthday to my best friend #HappyBirthdayMaria", []),
])
def test_finds_names_in_the_engines_doc(nlp_engine, text, expected):
    from recognizers.person.recognizer import PersonModelRecognizer

    recognizer = PersonModelRecognizer()
    recognizer.load()
    results = recognizer.analyze(text, ["PERSON"], nlp_engine.process_text(text, "en"))
    assert [text[r.start:r.end] for r in results if by(r) == "person_model_v1"] == expected


def by(result) -> str:
    return result.recognition_metadata[result.RECOGNIZER_NAME_KEY]


@pytest.mark.slow  # loads the model
@pytest.mark.parametrize("evidence_only, expected", [
    ([], [("dave", "person_context_v1"), ("Katrine", "person_context_v1")]),
    (["single_known"], [("dave", "person_context_v1")]),  # `Katrine` (capitalised): evidence only
])
def test_reports_the_rules_findings_under_their_own_names_unless_evidence_only(
        nlp_engine, tmp_path, evidence_only, expected):
    from recognizers.person.model import NameTagger
    from recognizers.person.recognizer import PersonModelRecognizer

    record = json.loads(RECORD.read_text(encoding="utf-8"))
    record["recipe"]["rules_as_evidence_only"] = evidence_only
    (tmp_path / "record.json").write_text(json.dumps(record), encoding="utf-8")
    recognizer = PersonModelRecognizer()
    recognizer.tagger = NameTagger(MODEL, tmp_path / "record.json")
    # (`the Katrine thing` was the text: a word read by its shape alone after `the` is now no name.)
    text = "hi dave, are you coming? so much fun at Katrine yesterday"
    results = recognizer.analyze(text, ["PERSON"], nlp_engine.process_text(text, "en"))
    assert [(text[r.start:r.end], by(r)) for r in results if by(r) != "person_model_v1"] == expected

def test_rules_become_evidence_on_the_tokens_they_cover():
    import spacy

    from recognizers.person.evidence import RuleEvidence

    doc = spacy.blank("en")("hi dave, are you coming? - Greg")
    evidence = RuleEvidence().features(doc.text, doc, [])
    by_token = {t.text: e for t, e in zip(doc, evidence)}
    assert by_token["dave"] == ["pc=greeting_known"]
    assert by_token["Greg"] == ["pc=signoff"]
    assert by_token["coming"] == []
    # A dropped family is as if its rules were not there: `dave` is then a listed name alone,
    # not a greeting's name hidden (the greeting's candidate no longer wins the overlap).
    dropped = RuleEvidence(drop=("greeting",)).features(doc.text, doc, [])
    assert dropped[1] == ["pc=known_lower"]


def bare_tagger(threshold: float, extend_threshold: float, rule_gate: float = 0.0):
    """A NameTagger with only the recipe's numbers (no model, no rules): for runs() and confirms()."""
    from recognizers.person.model import NameTagger

    tagger = NameTagger.__new__(NameTagger)
    tagger.threshold, tagger.extend_threshold, tagger.rule_gate = threshold, extend_threshold, rule_gate
    return tagger


def test_a_sure_name_token_carries_its_less_sure_neighbours():
    tagger = bare_tagger(threshold=0.2, extend_threshold=0.1)
    # `Donald trump ... maybe`: 0.9 starts a run and takes in 0.15; a lone 0.15 starts nothing
    runs = tagger.runs([0.0, 0.9, 0.15, 0.02, 0.15, 0.0])
    assert [(r.start, r.end, r.probability) for r in runs] == [(1, 3, 0.9)]
    assert [(r.start, r.end) for r in tagger.runs([0.3, 0.05, 0.12, 0.25])] == [(0, 1), (2, 4)]


def test_a_rule_finding_the_tagger_judges_no_name_is_not_reported():
    from presidio_analyzer import RecognizerResult

    tagger = bare_tagger(threshold=0.2, extend_threshold=0.1, rule_gate=0.05)
    doc = FakeDoc(["hi", "Wi", "Fi", "and", "Dave"])
    for token, idx in zip(doc, (0, 3, 6, 9, 13)):
        token.idx = idx
    probabilities = [0.0, 0.01, 0.04, 0.0, 0.6]
    wifi, dave = RecognizerResult("PERSON", 3, 8, 0.5), RecognizerResult("PERSON", 13, 17, 0.5)
    assert not tagger.confirms(doc, probabilities, wifi)
    assert tagger.confirms(doc, probabilities, dave)
    assert bare_tagger(0.2, 0.1, rule_gate=0.0).confirms(doc, probabilities, wifi)


def test_the_peak_over_a_span_is_the_highest_p_of_the_tokens_it_overlaps():
    """peak_over (bisection over the tokens' offsets) gives, for every span of a text, what a walk
    over every token that overlaps it gives: a span inside one token, across white space, over a
    line break, at either end, or over none."""
    import random

    import spacy

    from recognizers.person.recognizer import peak_over, token_bounds

    doc = spacy.blank("en")("Hi  Ann Lee,\n\nsee you at 5 -- Dr. O'Neil ")
    probabilities = [random.Random(i).random() for i in range(len(doc))]
    bounds = token_bounds(doc)
    assert bounds == ([t.idx for t in doc], [t.idx + len(t.text) for t in doc])
    for start in range(len(doc.text) + 1):
        for end in range(start, len(doc.text) + 2):
            walked = [p for token, p in zip(doc, probabilities)
                      if token.idx < end and token.idx + len(token.text) > start]
            assert peak_over(bounds, probabilities, start, end) == max(walked, default=0.0), (start, end)
