"""PersonContextRecognizer: names after honorifics, in greetings and sign-offs, from name lists."""

from __future__ import annotations

import re

import pytest
import spacy
from conftest import assert_no_backtracking_blow_up
from hypothesis import example, given, settings
from hypothesis import strategies as st
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.tokens import Doc

from recognizers.lexicon import load_lexicon
from recognizers.person.context import PersonContextRecognizer
from recognizers.person.cue_words import DEFAULT_SCORES
from recognizers.person.full_names import full_names, pair_kind, pair_length
from recognizers.person.greetings import GREETING, greeting_matches
from recognizers.person.signoffs import bylines
from recognizers.person.single_names import (
    NAMING,
    NAMING_HINT,
    SPACE_COMMA_COLON,
    STRONG_LEFT,
    WEAK_LEFT,
    WEAK_LEFT_REACH,
    strong_left,
)
from recognizers.person.text import scan
from recognizers.person.words import LinkChunks, words_of

THRESHOLD = 0.5
RECOGNIZER = PersonContextRecognizer()


def found(text: str, nlp_artifacts=None) -> list[str]:
    """The text of every finding at or above the pipeline threshold, in order."""
    results = RECOGNIZER.analyze(text, ["PERSON"], nlp_artifacts)
    return [text[r.start:r.end] for r in sorted(results, key=lambda r: r.start) if r.score >= THRESHOLD]


POSITIVES = [
    # honorifics: the span is the name, without the honorific
    ("Hello, this is Dr. Kyle Kuefer. Who are you?", ["Kyle Kuefer"]),
    ("For my take on Mrs. Labrie, see below", ["Labrie"]),
    ("dear Mr. Smith, your order shipped", ["Smith"]),
    ("I talked to mr smith today", ["smith"]),
    ("Prof Amina Okafor will teach the class", ["Amina Okafor"]),
    ("Uncle Bob came over", ["Bob"]),
    # naming phrases make even a name that is an English word a name
    ("Hi all, my name is Will and I love it", ["Will"]),
    ("Everyone calls me Grace here", ["Grace"]),
    ("They call me May", ["May"]),
    # greetings, thanks, addressing
    ("hi dave, are you coming?", ["dave"]),
    ("hey Sarah, long time", ["Sarah"]),
    ("hello John and Mary", ["John", "Mary"]),
    ("thanks Aisha!", ["Aisha"]),
    ("thank you Priya", ["Priya"]),
    ("cheers, Tom", ["Tom"]),
    ("thanks Will, see you there", ["Will"]),
    ("Happy New year Amber , I love your videos", ["Amber"]),
    ("merry christmas jess!", ["jess"]),
    ("Jaiden , you are so beautiful", ["Jaiden"]),
    # sign-offs at the end of a text
    ("see you tomorrow\n- Greg", ["Greg"]),
    ("ok -- Greg", ["Greg"]),
    ("see ya ~Greg", ["Greg"]),
    # bylines and header fields
    ("#sunset photo by Anna Kowalski on Unsplash", ["Anna Kowalski"]),
    ("Kids & Family\nDirected By:    Lukas Ostermann", ["Lukas Ostermann"]),
    ("> From: Szabina Gelencsér\n> To: Csanád\n> Subject: lunch", ["Szabina Gelencsér", "Csanád"]),
    ("Talk soon.\nBest, Anna", ["Anna"]),
    ("Thanks for the update.\nRegards,\nJohn Smith", ["John Smith"]),
    # full names from the lists
    ("met amara mensah at the market", ["amara mensah"]),
    ("I ran into Naomi Ryan yesterday", ["Naomi Ryan"]),
    ("Grace Hopper wrote the first compiler", ["Grace Hopper"]),
    ("Bill Gates was there", ["Bill Gates"]),
    ("we met Jonas Nielsen at the concert", ["Jonas Nielsen"]),
    # one name in a context that makes it a name
    ("my friend Chandu is here", ["Chandu"]),
    ("my name is krithika", ["krithika"]),
    ("sometimes people call me Csanád", ["Csanád"]),
    ("I went for coffee with Katrine and Brandon", ["Katrine", "Brandon"]),
    ("why is Kevin so impulsive?", ["Kevin"]),
    ("omg emma said that to you?", ["emma"]),
    # chat speakers and lists of names
    ("Nicole: Remember me?\nUbul: What a wife.", ["Nicole", "Ubul"]),
    ("They had 6: Gaetane, Hannah, Anthony, Derek, Anna and Andrew.",
     ["Gaetane", "Hannah", "Anthony", "Derek", "Anna", "Andrew"]),
]

NEGATIVES = [
    "To: All staff\nFrom: The Team",
    "it was sent by mistake",
    "Will you come?",
    "May 5th works for me",
    "The grace period ends on Friday",
    "thanks for the help",
    "hi all",
    "hey guys, what's up",
    "thanks again!",
    "hi everyone",
    "hi there",
    "Mark my words",
    "I hope you find joy in art",
    "Bob your head to the beat",
    "Thanks All",
    "Hope this helps",
    "Grace Period Ends Today For All Customers",
    "I will mark the rose with a bill",
    "Dear Sir, please reply",
    "sorry about that",
    "see you in April",
    "I live at 12 Oak Dr. Springfield",
    "ship it to 86036 Rua do Arenque 1634",
    "meet me at 224 McPherson Road",
    "follow @dave_smith and #JohnCena",
    "write to john.smith@example.com",
    "visit example.com/sarah",
    "THIS IS SO GOOD",
    "ok lol",
    "great job team",
    "Happy New Year everyone",
    "My WiFi password is NowPlaying",
]


@pytest.mark.slow  # loads the model
@pytest.mark.parametrize("text, expected", POSITIVES)
def test_finds_names(nlp_engine, text, expected):
    assert found(text, nlp_engine.process_text(text, "en")) == expected


@pytest.mark.slow  # loads the model
@pytest.mark.parametrize("text", NEGATIVES)
def test_leaves_ordinary_words(nlp_engine, text):
    assert found(text, nlp_engine.process_text(text, "en")) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("hi dave, are you coming?", ["dave"]),
        ("Hello, this is Dr. Kyle Kuefer.", ["Kyle Kuefer"]),
        ("see you tomorrow\n- Greg", ["Greg"]),
        ("met amara mensah at the market", ["amara mensah"]),
        ("my friend Chandu is here", ["Chandu"]),
        ("Will you come?", []),
        ("thanks for the help", []),
    ],
)
def test_works_without_nlp_artifacts(text, expected):
    assert found(text, None) == expected


def test_works_with_a_blank_tokenizer():
    doc = spacy.blank("en")("thanks Aisha! and hi dave")
    artifacts = NlpArtifacts(entities=[], tokens=doc, tokens_indices=[t.idx for t in doc],
                             lemmas=[t.text for t in doc], nlp_engine=None, language="en")
    assert found(doc.text, artifacts) == ["Aisha", "dave"]


def test_scores_are_configurable():
    quiet = PersonContextRecognizer(scores={"greeting_known": 0.3}, min_score=0.5)
    assert quiet.analyze("hi dave", ["PERSON"], None) == []


def test_unknown_score_kind_is_an_error():
    with pytest.raises(ValueError, match="unknown evidence kinds"):
        PersonContextRecognizer(scores={"greetng": 0.9})


def test_other_entities_are_not_analysed():
    assert RECOGNIZER.analyze("hi dave", ["EMAIL_ADDRESS"], None) == []


def test_every_score_kind_is_a_probability():
    assert all(0 < score <= 1 for score in DEFAULT_SCORES.values())


def test_possessive_is_not_part_of_the_word():
    assert [w.text for w in words_of("Dave's car")] == ["Dave", "car"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["with", "Meeting", "vs.", "vs", "&", "kiss", "x", "_", " ", "  ", "\n",
                                 "\u00a0", "\u2003", ".", "é", "andrew", "or"]), max_size=12))
def test_the_bounded_weak_context_search_answers_as_the_whole_one(pieces):
    left = "".join(pieces)
    bounded = WEAK_LEFT.search(left, max(0, len(left.rstrip()) - WEAK_LEFT_REACH))
    assert bool(bounded) == bool(WEAK_LEFT.search(left))


NAME_VOCAB = ["Naomi", "Ryan", "naomi", "ryan", "amara", "mensah", "Will", "Power", "Bill", "Gates", "J", "J.",
              "Grace", "Hopper", "the", "The", "with", "car", "le", "tu", "Kishan", "Nielsen", "NAOMI", "Jean-Luc",
              "O'Brien", "@naomi", "dr", "Dr.", ",", ".", "\n", "everyone", "Everyone", "José", "ſam"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(NAME_VOCAB), max_size=12), st.sampled_from([" ", "  ", ""]))
def test_full_names_skips_only_words_that_cannot_start_a_name(words, glue):
    text = glue.join(words) if glue else " ".join(w + (" " if i % 3 else "") for i, w in enumerate(words))
    scanned = scan(text, load_lexicon())
    every_pair = []
    for i in range(len(scanned.words) - 1):
        n = pair_length(scanned, i)
        kind = n >= 2 and pair_kind(scanned, scanned.words[i], scanned.words[i + n - 1])
        if kind:
            every_pair.append(scanned.span(i, n, kind))
    assert list(full_names(scanned)) == every_pair


def test_words_are_found_in_one_pass_even_when_no_word_follows_a_long_run():
    # A gap pattern that backtracks would rescan the trailing run from each of its characters
    # (about 9 s for 20,000 digits).
    text = "Dave " + "1 ." * 100_000
    words = []
    assert_no_backtracking_blow_up(lambda: words.extend(words_of(text)), "words_of")
    assert [w.text for w in words] == ["Dave"]


def test_the_characters_strong_left_strips_are_those_its_pattern_ends_with():
    assert set(SPACE_COMMA_COLON) == {chr(c) for c in range(0x110000) if re.fullmatch(r"[\s,:]", chr(c))}


LEFT_PIECES = ["my", "My", "our", "her", "friend", "FRIEND", "bff", "bf", "best", "granddaughter", "called",
               "i'm", "I", "im", "am", "this", "is", "it's", "its", "cc", "cc:", "w/", "ft.", "feat", "name",
               "named", "Named", "was", "?", "=", "-", "call", "calls", "me", "known", "as", "aka", "a.k.a.",
               "name's", "x", "é", "1", " ", "  ", ",", ":", "\n", "\u00a0", "\u2003", "."]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(LEFT_PIECES), max_size=10))
@example(["my", " ", "granddaughter", ",", " "])  # the longest relation
@example(["x", " ", "cc:"])
@example(["my", " ", "name", " ", "is", " "])
@example(["name", "was", " "])
@example(["call", " ", "me", ":", " "])
def test_the_quick_strong_context_test_answers_as_the_whole_search(pieces):
    left = "".join(pieces)
    assert strong_left(left) == bool(STRONG_LEFT.search(left))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["my name is", "named", "call me", "CALLS me", "known as", "aka", "a.k.a.",
                                 "a.k.a", "name's", "x", " ", ", ", ":", "\n", "Nam", "cal"]), max_size=8))
def test_a_text_without_a_naming_hint_has_no_naming_context(pieces):
    left = "".join(pieces)
    if NAMING.search(left):
        assert NAMING_HINT.search(left)


def scores_with_doc(text: str, words: list[str], **annotations) -> dict[str, float]:
    """Finding text -> score, given a Doc built by hand over `words` (one space apart)."""
    doc = Doc(spacy.blank("en").vocab, words=words, **annotations)
    assert doc.text.strip() == text

    class Artifacts:
        tokens = doc

    return {text[r.start:r.end]: r.score for r in RECOGNIZER.analyze(text, ["PERSON"], Artifacts())}


def test_the_tagger_calling_every_word_of_a_name_propn_raises_its_score():
    text = "I was with Naomi Ryan tonight"
    words = text.split()
    assert scores_with_doc(text, words) == {"Naomi Ryan": 0.75}
    tags = dict(tags=["PRP", "VBD", "IN", "NNP", "NNP", "NN"], pos=["PRON", "AUX", "ADP", "PROPN", "PROPN", "NOUN"])
    assert scores_with_doc(text, words, **tags) == {"Naomi Ryan": 0.85}
    assert scores_with_doc(text, words, pos=tags["pos"]) == {"Naomi Ryan": 0.75}  # no tagger ran
    tags["pos"][4] = "NOUN"
    assert scores_with_doc(text, words, **tags) == {"Naomi Ryan": 0.75}


def test_a_place_or_date_entity_lowers_list_only_evidence_but_an_entity_inside_the_name_decides():
    text = "I like Naomi Ryan yesterday"
    words = text.split()
    assert scores_with_doc(text, words) == {"Naomi Ryan": 0.75}
    # An entity overlapping the name (a DATE over "Ryan yesterday") lowers it...
    assert scores_with_doc(text, words, ents=["O", "O", "O", "B-DATE", "I-DATE"]) == {"Naomi Ryan": 0.6}
    # ...unless an entity lies inside the name: then only those inside count (an ORG here).
    assert scores_with_doc(text, words, ents=["O", "O", "B-ORG", "B-DATE", "I-DATE"]) == {"Naomi Ryan": 0.75}
    assert scores_with_doc(text, words, ents=["O", "O", "B-GPE", "O", "O"]) == {"Naomi Ryan": 0.6}
    # Lexical evidence keeps its score.
    text = "hi Naomi"
    assert scores_with_doc(text, text.split(), ents=["O", "B-GPE"]) == {"Naomi": 0.8}


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="#@/_u \n\t\u00a0ab.", max_size=16))
def test_a_word_right_after_a_mark_is_part_of_a_split_handle(text):
    # The rule as one pattern (the mark, perhaps one white-space character, then the word).
    split_handle = re.compile(r"(?:[#@/_]|\bu /)\s?\Z")
    chunks = LinkChunks(text)
    for start in range(len(text) + 1):
        in_chunk = any(s <= start < e for s, e in zip(chunks.starts, chunks.ends, strict=True))
        assert chunks.holds(start) == (in_chunk or bool(split_handle.search(text, max(0, start - 4), start)))


GREETING_PIECES = ["hi", "Hi", "HEY", "heyyy", "heya", "hiya", "hello", "helo", "howdy", "yo", "dear", "thank you",
                   "Thank  you", "thankyou", "thanks so much", "thx", "thnx", "tnx", "ty", "cheers", "congrats",
                   "congratulations", "welcome", "bye", "goodbye", "good night", "goodnight", "GoodMorning",
                   "good evening", "good afternoon", "morning", "gm", "gn", "r.i.p.", "R.I.P", "rip", "love you",
                   "miss ya", "happy birthday", "happy bday", "Happy New  Year", "merry xmas", "hbd", "sorry", "sup",
                   "wassup", "ok", "okay",
                   "o\u212a", "well done", "go", "come on", "bless you", "shout out to", "shoutout to", "dave", "Dave",
                   "and", ",", "!", ":", " ", "  ", "\n", "-", "'", "’", "oh-", "y'", "2", "_", "@", "#", "é", "hí",
                   "ıi", "again", "too"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(GREETING_PIECES), max_size=10))
@example(["oh-", "hi", " ", "dave"])
@example(["Thank  you", " ", "dave"])
@example(["heyyy", " ", "dave"])
@example(["hı", " ", "dave"])
def test_greetings_are_tried_where_a_greeting_word_starts_and_found_as_the_whole_scan_finds_them(pieces):
    text = "".join(pieces)
    scanned = scan(text, load_lexicon())
    assert [m.span() for m in greeting_matches(scanned)] == [m.span() for m in GREETING.finditer(text)]


def with_person_entities(text: str, ents: list[str]) -> dict[str, float]:
    """Finding text -> score, the NER having found PERSON entities (BIO tags over the words of
    `text`, one space apart) as the engine hands them over, trimmed and labelled by our mapping."""

    doc = Doc(spacy.blank("en").vocab, words=text.split(), ents=ents)

    class Artifacts:
        tokens = doc
        entities = list(doc.ents)

    return {text[r.start:r.end]: r.score for r in RECOGNIZER.analyze(text, ["PERSON"], Artifacts())}


@pytest.mark.parametrize("text, ents, expected", [
    # A surname beside the NER's given name, or a given name beside its surname, that no rule
    # takes alone (no list holds it, but neither is it an English word).
    ("a quote by Petteri Tarkkonen today", ["O", "O", "O", "B-PERSON", "O", "O"], "Petteri Tarkkonen"),
    ("Rościsław Dudek runs the firm", ["O", "B-PERSON", "O", "O", "O"], "Rościsław Dudek"),
    # Over a middle initial, with or without its dot.
    ("ask Petteri J. Tarkkonen now", ["O", "B-PERSON", "O", "O", "O"], "Petteri J. Tarkkonen"),
    ("ask Petteri J Tarkkonen now", ["O", "B-PERSON", "O", "O", "O"], "Petteri J Tarkkonen"),
    # In capitals or lower case, only a listed name that is no English word.
    ("go TANNER FOXX now", ["O", "B-PERSON", "O", "O"], "TANNER FOXX"),
    ("with aksel kristensen today", ["O", "B-PERSON", "O", "O"], "aksel kristensen"),
    # Two names with an initial between are one, whatever the words (`zorqa` alone would not do).
    ("name: hyuuma t. zorqa", ["O", "B-PERSON", "O", "B-PERSON"], "hyuuma t. zorqa"),
    # A generation or a degree after the name.
    ("called Kevin Veitonen II, and", ["O", "B-PERSON", "O", "O", "O"], "Kevin Veitonen II"),
    ("ask Ana Ruiz, MD today", ["O", "B-PERSON", "I-PERSON", "O", "O"], "Ana Ruiz, MD"),
    ("Petteri Tarkkonen PhD spoke", ["B-PERSON", "I-PERSON", "O", "O"], "Petteri Tarkkonen PhD"),
    # In lower case also a word with accents, which English slang does not have.
    ("follow up with monika žilková in a month", ["O", "O", "O", "B-PERSON", "O", "O", "O", "O"],
     "monika žilková"),
])
def test_a_name_takes_in_the_name_word_beside_it(text, ents, expected):
    assert expected in with_person_entities(text, ents)


@pytest.mark.parametrize("text, ents", [
    ("Petteri Called me", ["B-PERSON", "O", "O"]),             # an English word
    ("Awwww Petteri is here", ["O", "B-PERSON", "O", "O"]),    # elongated, no name
    ("he aint petteri", ["O", "O", "B-PERSON"]),               # lower case, not a listed name
    ("ela disse que maria está aqui", ["O", "O", "O", "B-PERSON", "O", "O"]),  # not English text
    ("give Petteri iv fluids", ["O", "B-PERSON", "O", "O"]),  # a generation is written in capitals
    ("go TANNER ZQX now", ["O", "B-PERSON", "O", "O"]),        # capitals, not a listed name
    ("i love Kylie minogue", ["O", "O", "B-PERSON", "O"]),     # written unlike the name
    ("ask Petteri  Tarkkonen", ["O", "B-PERSON", "O"]),       # two spaces: not one name
    ("ask Petteri, Tarkkonen", ["O", "B-PERSON", "O"]),
])
def test_a_name_does_not_take_in_what_is_written_otherwise_or_is_a_word(text, ents):
    words = text.split()
    assert set(with_person_entities(text, ents)) <= {w.strip(",") for w in words}


def test_a_widened_name_is_no_surer_than_the_name_it_widens():
    # Two capitalised words no list knows, after a weak context (`met`): each alone is a
    # `capitalised_context` finding (0.45), and the two together score no more.
    text = "we met Kishan Tarkkonen there"
    words = text.split()
    assert scores_with_doc(text, words) == {"Kishan Tarkkonen": DEFAULT_SCORES["capitalised_context"]}
    # A NER name widens with this kind's own score, the NER's being its own finding.
    assert with_person_entities(text, ["O", "O", "B-PERSON", "O", "O"]) == {
        "Kishan Tarkkonen": DEFAULT_SCORES["name_extended"]}


@pytest.mark.parametrize("text", ["Posted by Admin in News", "Photo by Unsplash", "To: All staff",
                                  "From: The Team", "it was sent by mistake", "nearby Lisbon"])
def test_a_byline_naming_no_person_is_no_byline(text):
    assert list(bylines(scan(text, load_lexicon()))) == []
