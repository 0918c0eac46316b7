"""Names after strong cues in support chat and messages, mostly in lower case (issue 15): a given
name that is an English word too after a naming phrase, a writer introducing themselves opening a
message, surname particles after an honorific, a lower-case surname after one. Invented names."""

from __future__ import annotations

import pytest
from conftest import person_findings as found


def names(recognizer, text: str) -> list[str]:
    """The text of each finding."""
    return [name for name, _ in found(recognizer, text)]


@pytest.mark.parametrize(("text", "name"), [
    ("my name is ebony.", "ebony"),              # a given name, a less common English word too
    ("hi there, my name is hope and i need help", "hope"),
    ("you can call me rusty", "rusty"),
])
def test_a_given_name_that_is_a_word_after_a_naming_phrase(person_context, text, name):
    assert (name, "context_known") in found(person_context, text)


@pytest.mark.parametrize("text", [
    "my name is in the list",                    # a given name as common as a function word
    "my name is not on the order",
    "my name is spelled wrong",
    "my name is will",                           # `will` (6.4) is as common as a function word
    "i hope you can help",                       # no naming phrase
])
def test_no_name_after_a_naming_phrase(person_context, text):
    assert names(person_context, text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("hey its zorvelia, my card got declined", "zorvelia"),
    ("hey it's zorvelia, my card got declined", "zorvelia"),
    ("hi, this is kasimira. my order is late", "kasimira"),
    ("i'm travandu from the support team", "travandu"),
    ("ok thanks.\nim travandu here to help", "travandu"),
    ("hi tomek, i'm travandu from the support team", "travandu"),   # after a greeting's name
])
def test_a_writer_introducing_themselves_in_lower_case(person_context, text, name):
    assert name in names(person_context, text)


@pytest.mark.parametrize("text", [
    "hey its fine, my card works now",           # English words after the phrase
    "hi im back",
    "im tired.",
    "ok. i am awsome!",                          # a misspelling the web knows
    "well, im tired.",
    "the total its zorvelia, no",                # not opening a message or a sentence
    "i'm zorvelia and you?",                     # no mark, `from` or `here` closing the name
])
def test_no_introduction(person_context, text):
    assert names(person_context, text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Dear Ms. de Bruin, your ticket has been resolved.", "de Bruin"),   # an English word after it
    ("Dear Mrs. van der Heiden, hello", "van der Heiden"),
    ("Thanks to Mr. de la Cruz for the report.", "de la Cruz"),
])
def test_surname_particles_after_an_honorific_are_part_of_the_name(person_context, text, name):
    assert (name, "honorific") in found(person_context, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("thank you, mr. wojtrazewicz.", ["wojtrazewicz"]),   # lower case: a word no list holds
    ("thanks mr. awsome", []),                            # a misspelling the web knows
    ("thank you mr. president", []),
    ("ask dr. google", []),
    ("Ms. de said so", []),                               # a particle with no surname after it
    ("jag tror att det fungerar bra nu", []),             # Swedish `det` is no detective
    ("Vi åkte upp på Col du Tourmalet i går", []),         # particles: in English text only
])
def test_a_lower_case_surname_after_an_honorific(person_context, text, expected):
    assert [n for n, kind in found(person_context, text) if kind == "honorific"] == expected
