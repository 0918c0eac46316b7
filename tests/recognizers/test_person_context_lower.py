"""Names the rules missed in lower case and run together (issue 15): a lower-case word no list
holds, rare on the web, after a strong context (`follow x`, `my cousin x`, `x aka`, `x u see`),
and a user name run together from words and a given name (`righthererachel`). Invented names."""

from __future__ import annotations

import pytest
from conftest import person_findings as found

from recognizers.lexicon import load_lexicon
from recognizers.person.single_names import run_together


@pytest.mark.parametrize(("text", "name"), [
    ("follow zorbimkaya now * 37", "zorbimkaya"),
    ("a stroll with my lovely hubby tavinorek http://t.co/K45jOTp8br", "tavinorek"),
    ("Happy Birthday to my cousin quelbarina ! ! !", "quelbarina"),
    ("Candid by mirelotta . http://t.co/QWx8D7Fjch", "mirelotta"),
    ("you should summon dravenskull aka Lizzie tonight", "dravenskull"),
    ("too harsh ! ! ! trevanku u see now ! ! !", "trevanku"),
    ("Wow yembelo , your video is trending", "yembelo"),
    ("follow \u0430nna now", "\u0430nna"),          # a Cyrillic `а` among Latin letters hides a name
])
def test_lower_case_name_after_strong_context(person_context, text, name):
    assert (name, "context_lower") in found(person_context, text)


@pytest.mark.parametrize("text", [
    "justheremelissa http://t.co/o06UkrjHkK",
    "Ella is the cutest baby ever ! ! justheremelissa",
])
def test_run_together_user_name(person_context, text):
    assert ("justheremelissa", "run_together") in found(person_context, text)


@pytest.mark.parametrize("text", [
    "follow xanax now",                           # common on the web (4.2): a word, no user name
    "my cousin awsome is here",                   # a misspelling the web knows (3.2)
    "i am subed and i liked the vid",             # `i am` is no strong context for lower case
    "gonna unfollow you now",                     # mid-sentence `you` after a verb
    "follow http://t.co/zorbimkaya now",          # inside a link
    "follow @zorbimkaya now",                     # a handle (another recognizer's)
    "mail zorbimkaya@example.com today",          # an e-mail address
    "follow zorbimkaya por favor que es muy bueno para todos",  # not English
    "follow меня",                                # another script: the web counts know no word of it
    "love this song by любовь",
    "my cousin αγάπη is here",
])
def test_no_lower_case_name(person_context, text):
    assert not [f for f in found(person_context, text) if f[1] in ("context_lower", "run_together")]


@pytest.mark.parametrize(("key", "expected"), [
    ("justheremelissa", True),    # just here melissa
    ("chanle", False),            # chan le: a misspelled word cut up
    ("melissajusthere", False),   # the name must come last
    ("righthere", False),         # no name
])
def test_run_together(key, expected):
    assert run_together(key, load_lexicon()) is expected


@pytest.mark.parametrize(("text", "expected"), [
    # a shouted text is read in lower case: its lower-case cues apply, the offsets stay
    ("MY COUSIN QUELBARINA IS HERE", [("QUELBARINA", "context_lower")]),
    ("FOLLOW ZORBIMKAYA NOW", [("ZORBIMKAYA", "context_lower")]),
    ("HI DAVE", [("DAVE", "greeting_known")]),
    # ... and a shouted text without a name stays without one
    ("FOLLOW ME BACK PLEASE", []), ("MY COUSIN SAID NO", []), ("I LOVE YOU SO MUCH", []),
])
def test_a_shouted_text_gets_the_lower_case_rules(person_context, text, expected):
    assert found(person_context, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # shouted, a listed name alone or after a weak cue is as often a place: no name (QA O1)
    ("THIS IS THE BEST PIZZA IN BOSTON, AMAZING SERVICE", []), ("THE WEATHER IN LONDON IS TERRIBLE TODAY", []),
    ("WE ARE GOING TO PARIS NEXT WEEK", []), ("I MISS LONDON", []), ("MEET ME IN MADISON", []),
    ("BACK IN JACKSON", []),
    # ... a real cue still makes it one: a strong context, a greeting, a lower-case cue
    ("MY COUSIN DAVE IS HERE", [("DAVE", "context_known")]), ("HI DAVE", [("DAVE", "greeting_known")]),
    ("MY COUSIN KISHAN", [("KISHAN", "context_lower")]), ("FOLLOW KISHAN", [("KISHAN", "context_lower")]),
    # ... and in lower case the same words keep their weak-context reading
    ("i miss madison so much", [("madison", "known_lower_context")]),
])
def test_a_shouted_text_needs_a_real_cue_for_a_listed_name(person_context, text, expected):
    assert found(person_context, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # after `by`, the weakest cue, English words run together (an acronym allowed) are no name
    ("written by chatgpt in a minute", []), ("bundled by webpack", []), ("a song sung by salarymen", []),
    # a word no list holds still is, after `by` or a stronger cue
    ("Candid by quelbarina .", [("quelbarina", "context_lower")]),
    ("follow webpack", [("webpack", "context_lower")]),
])
def test_by_needs_more_than_a_rare_word(person_context, text, expected):
    assert found(person_context, text) == expected
