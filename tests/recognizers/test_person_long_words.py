"""Very long words and hashtags in the name rules (issue 15's QA): wordsegment's search recurses
once per letter, so a long lower-case token handed to it raised RecursionError and its whole
record was quarantined; a hashtag was read only up to its 60th letter and the cut word segmented."""

from __future__ import annotations

import pytest
from conftest import TEST_KEY, redactor_for

from recognizers.lexicon import load_lexicon
from recognizers.person import features, hashtags, single_names
from recognizers.person.hashtags import HashtagNameRecognizer

# 2,000 lower-case letters, no letter doubled (so no stretched word), no word the web counts hold.
LONG_TOKEN = "".join(chr(ord("a") + (i * 7) % 26) for i in range(2000))


def test_a_long_token_is_no_run_together_name():
    assert not single_names.run_together(LONG_TOKEN, load_lexicon())
    assert features.run_together_facts(LONG_TOKEN, load_lexicon()) == []


@pytest.mark.slow
def test_a_record_with_a_long_token_is_redacted_not_quarantined():
    text = f"follow {LONG_TOKEN} and say hi to Maria"
    out, report = redactor_for("default", TEST_KEY).redact_record({"id": "1", "text": text})
    assert out is not None, report
    assert out["text"].endswith(" and say hi to <PERSON>")


@pytest.mark.parametrize("text, expected", [
    ("#" + "happybirthday" * 5, []),  # cut at 60 letters, `...happybir` gave the name `bir`
    ("#ThisIsTheLongestHashtagYouWillEverSeeInYourWholeLifeHappyBirthdayMaria", ["Maria"]),
    ("#" + LONG_TOKEN + " #HappyBirthdayMaria", ["Maria"]),
])
def test_a_long_hashtag_is_read_whole(text, expected):
    recognizer = HashtagNameRecognizer()
    assert [text[r.start:r.end] for r in recognizer.analyze(text, ["PERSON"])] == expected


def test_a_long_hashtag_is_not_kept_in_the_cache():
    """Split hashtags are kept (the last few thousand): kept whole however long, thousands of
    20,000-letter hashtags would hold gigabytes of offsets."""
    word = "Ab" * 10_000 + "Maria"
    before = hashtags._kept_parts.cache_info().currsize
    assert [word[s:e] for s, e in hashtags.parts(word)][-1] == "Maria"
    assert hashtags._kept_parts.cache_info().currsize == before
