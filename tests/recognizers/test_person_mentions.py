"""Mention replacement (train.AUGMENT["mentions"]): copies of training tweets with every name
replaced by a drawn one, seeded, with spans that still cover exactly the names."""

from __future__ import annotations

import pytest

from recognizers.lexicon import fold, load_lexicon
from recognizers.person import mentions, train

ITEMS = [
    ("met Greg Snapper at the game , greg rocks", [(4, 16), (31, 35)]),
    ("lol ok", []),
    ("RT @bob : #JohnSmith LIVE with OBAMA", [(10, 20), (31, 36)]),
]


def spans_text(item):
    text, spans = item
    return [text[start:end] for start, end in spans]


def test_copies_are_seeded_and_only_of_tweets_that_hold_a_name():
    first = train.augmented(ITEMS, ["mentions"], {"mentions": {"seed": 3}})
    assert first == train.augmented(ITEMS, ["mentions"], {"mentions": {"seed": 3}})
    assert first[:3] == ITEMS and len(first) == 5
    assert first != train.augmented(ITEMS, ["mentions"], {"mentions": {"seed": 4}})


def test_each_name_is_replaced_and_its_span_covers_the_new_name():
    recipe = {"mentions": {"lower": 0.0, "single": 0.0, "surname": 0.0}}
    met, shouted = mentions.copies(ITEMS, recipe)
    names = spans_text(met)
    assert len(names[0].split()) == 2 and names[0] != "Greg Snapper" and names[0].istitle()
    assert met[0].startswith(f"met {names[0]} at the game , ") and met[0].endswith(" rocks")
    # the hashtag is left as it is; a name in capitals is replaced by one in capitals
    assert spans_text(shouted)[0] == "#JohnSmith" and spans_text(shouted)[1].isupper()


def test_a_name_said_twice_gets_the_same_replacement():
    text = "ana said hi , ana"
    (copy,) = mentions.copies([(text, [(0, 3), (14, 17)])], {"mentions": {"lower": 1.0}})
    first, second = spans_text(copy)
    assert first == second and first.islower() and first != "ana"


def test_lower_case_copies_write_only_the_names_in_lower_case():
    (copy, _) = mentions.copies(ITEMS[:1] + ITEMS[2:], {"mentions": {"lower": 1.0, "single": 1.0}})
    assert copy[0].startswith("met ") and copy[0].endswith(" at the game , " + spans_text(copy)[1] + " rocks")
    assert all(name.islower() and " " not in name for name in spans_text(copy))


@pytest.mark.parametrize("unlisted", [0.0, 1.0])
def test_names_are_drawn_from_the_lists_or_from_outside_them(unlisted):
    lexicon = load_lexicon()
    many = [("hi Greg", [(3, 7)])] * 50
    drawn = {spans_text(c)[0] for c in mentions.copies(many, {"mentions": {"unlisted": unlisted}})}
    assert len(drawn) > 20
    assert all(lexicon.is_name(fold(name)) == (unlisted == 0.0) for name in drawn)
    assert all(mentions.latin(name) for name in drawn)


def test_a_share_of_copies_below_one_copies_that_share():
    many = [("hi Greg", [(3, 7)])] * 200
    assert 70 < len(mentions.copies(many, {"mentions": {"copies": 0.5}})) < 130
    assert len(mentions.copies(many, {"mentions": {"copies": 2}})) == 400


def test_an_unknown_option_is_a_loud_error():
    with pytest.raises(ValueError, match="unknown 'copeis'"):
        mentions.copies(ITEMS, {"mentions": {"copeis": 2}})
