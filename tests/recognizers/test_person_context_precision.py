"""PersonContextRecognizer's precision: words that only look like names to the weak rules (a
capitalised word no list holds, a stretched spelling) are left alone, and names are still found."""

from __future__ import annotations

import pytest

from recognizers.lexicon import load_lexicon, respelled
from recognizers.person.context import PersonContextRecognizer

RECOGNIZER = PersonContextRecognizer()


def found(text: str) -> list[str]:
    """The text of every finding, whatever its score (the tagger reads them all as evidence)."""
    results = RECOGNIZER.analyze(text, ["PERSON"], None)
    return [text[r.start:r.end] for r in sorted(results, key=lambda r: r.start)]


@pytest.mark.parametrize("key, word", [
    ("pleaseee", "please"), ("damnnnn", "damn"), ("nahh", "nah"), ("lool", "lol"), ("moanin", "moaning"),
    ("tribez", "tribes"), ("girlz", "girls"),  # the chat plural in z
    ("soo", None), ("lopez", None),  # listed names: the name lists are asked first
    ("kishan", None),
])
def test_a_stretched_or_clipped_spelling_is_the_word_it_stands_for(key, word):
    assert respelled(key, load_lexicon()) == word


@pytest.mark.parametrize("text", [
    "Pleaseee , follow me please ?",
    "we lost again and Damnnnn , she got my ass",
    "Can you beat it ? Nahh , no way",
    "Wood Moanin . . . what a record",
    "just saw the score and Lool , stoke beat arsenal",
    "completed the quest in The Tribez & Castlez for Android",
    "thanks Sooo much for the ride",  # after a greeting too
    "ok Cooool see you there",
    # chat abbreviations the web counts (2006) do not hold are no lower-case names after a cue
    "ngl , u look good today", "see you by tmrw then", "i did it by urself lol",
])
def test_a_stretched_or_clipped_english_word_is_no_name(text):
    assert found(text) == []


@pytest.mark.parametrize("text", [
    "calm down like pop some Xanax he said",
    "Good luck to everyone taking the Bio exam",
    "Is there Wi- Fi here ?",
    "Heading Acc . is 91 this season",
])
def test_a_word_common_on_the_web_is_no_name_without_context(text):
    assert found(text) == []


@pytest.mark.parametrize("text, expected", [
    ("we were talking to Kishan about the trip", ["Kishan"]),  # rare on the web: still a name
    ("so happy to see Kapil again", ["Kapil"]),
    ("my friend Xanax is here", ["Xanax"]),  # a strong context still names anyone
])
def test_a_rare_word_or_a_strong_context_still_makes_a_name(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "we about to vote , it 's taken 20min at the school",
    "what a better job han myself",
    "this is what is left of the san mig dugout",
])
def test_a_short_lower_case_listed_name_needs_context(text):
    assert found(text) == []


@pytest.mark.parametrize("text, expected", [
    ("lol i saw kevin at the mall", ["kevin"]),  # long enough alone
    ("went out with kay last night", ["kay"]),  # short, with context
])
def test_a_lower_case_listed_name_long_enough_or_in_context_is_still_found(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "give me strength to face all of my trouble . Amen .",
    "Does she really believe that ? My Gawd , they have all gone mad",
    "so tired rn but Imma finish this",
])
def test_a_chat_word_is_no_name(text):
    assert found(text) == []


@pytest.mark.parametrize("text, expected", [
    ("si yo le digo y te digo como va pues", []),  # Spanish `yo` (I): no greeting
    ("yo dave , are you coming tonight ?", ["dave"]),
    ("hola Maria , como estas", ["Maria"]),  # capitalised: a name in any language
])
def test_a_lower_case_name_after_a_greeting_word_needs_english_text(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("I pronounce it Nye-on cat", []),
    ("we had a total Wipe-out today", []),
    ("we met Jean-luc at the station", ["Jean-luc"]),
])
def test_a_hyphen_then_a_common_english_word_is_no_double_name(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a stretched or clipped chat word is no half of a name pair, nor a name's widening, after a
    # greeting or anywhere: the pair and widening rules treat it as the word it stands for
    ("Morning Nahh Jones", ["Jones"]),
    ("we saw Yesss Okafor there", ["Okafor"]),
    ("hey Maria Sooo", ["Maria"]),
    ("Thanks Maria Nahh", ["Maria"]),
    ("we saw Okafor Nahh", ["Okafor"]),
    # names are still paired and widened
    ("we saw Maria Okafor", ["Maria Okafor"]),
    ("hey Petteri Tarkkonen", ["Petteri Tarkkonen"]),
])
def test_a_stretched_or_clipped_word_is_no_half_of_a_name(text, expected):
    assert found(text) == expected
