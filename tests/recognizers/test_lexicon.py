"""The shared word-list helpers: web frequency and spellings stretched or clipped for effect."""

import pytest

from recognizers.lexicon import load_lexicon, spelled_out, web_frequency


@pytest.mark.parametrize(("written", "word"), [
    ("damnnnn", "damn"), ("pleaseee", "please"), ("goood", "good"), ("soo", "so"),
    ("yesss", "yes"), ("mornin", "morning"), ("moanin", "moaning"),
])
def test_a_stretched_or_clipped_spelling_is_the_word_it_stands_for(written, word):
    assert spelled_out(written, load_lexicon().words) == word


@pytest.mark.parametrize("written", ["kishan", "please", "bruh", "xzzzq", "kellly"])
def test_a_word_that_is_not_such_a_spelling_has_none(written):
    assert spelled_out(written, load_lexicon().words) is None


def test_web_frequency_orders_words_by_how_common_they_are():
    assert web_frequency("the") > web_frequency("bio") > web_frequency("kishan") > 0.0
    assert web_frequency("qzxqzxqzx") == 0.0
