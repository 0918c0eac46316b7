"""person_hashtag_v1: the name inside a hashtag is redacted, the hashtag's other words stay."""

from __future__ import annotations

import pytest

from recognizers.person.hashtags import HashtagNameRecognizer, parts


@pytest.fixture(scope="module")
def recognizer():
    return HashtagNameRecognizer()


@pytest.mark.parametrize("text, expected", [
    ("#HappyBirthdayMaria from all of us", ["Maria"]),
    # a capitalised surname after a name continues it, though it is an English word too
    ("so sad #RIPJohnnyWinter", ["JohnnyWinter"]),
    ("#DonaldSterling should sell", ["DonaldSterling"]),
    # ...one such surname, right after the given name: the next English word is the hashtag's own
    ("loving #KevinBrownFanClub", ["KevinBrown"]),
    ("#happybirthdaymariawinter", ["maria"]),  # lower case: no capital says where a name ends
    ("watching #AlanPardew again", ["AlanPardew"]),
    ("#happybirthdaymaria", ["maria"]),
    ("#TeamPhil all the way", ["Phil"]),
    # a given name that is a common word, before a listed surname that starts a name: one name
    ("#GraceHopper was great", ["GraceHopper"]), ("#ThanksGraceHopper", ["GraceHopper"]),
    ("#gracehopper", ["gracehopper"]),
    ("#ParisHilton again", ["ParisHilton"]),  # a surname too, but no common word after it
    # a capitalised English word, neither common nor common on the web, after a given name alone
    ("#ElonMusk again", ["ElonMusk"]), ("#StewartRealty", ["Stewart"]), ("#MasPorno", ["Mas"]),
    # a part shaped like a name no list or English word holds, before a name, is its given name
    ("RIP #OrtheiaBarnesKennerly", ["OrtheiaBarnesKennerly"]), ("#TeamBarnes", ["Barnes"]),
    ("#JohnSmithNewYork", ["JohnSmith"]),  # a place beside the name, not made with it
])
def test_finds_the_name_inside(recognizer, text, expected):
    assert [text[r.start:r.end] for r in recognizer.analyze(text, ["PERSON"])] == expected


@pytest.mark.parametrize("text", [
    "#ClimateChange is real", "#MarkMyWords", "#NowPlaying", "#blessed", "#GameOfThrones",
    "issue #123", "C# and F#", "mail me at a#b",
    # a capitalised surname opening the hashtag alone, a common word after it: a place or a team
    "#BostonStrong today", "#LondonCalling", "#WillPower",
    # parts around a name that make a place with it: York, Francisco, Angeles are names alone
    "#NewYorkCity", "#SanFrancisco", "#LosAngelesLakers", "#newyorkcity",
])
def test_leaves_hashtags_without_names(recognizer, text):
    assert recognizer.analyze(text, ["PERSON"]) == []


def test_parts_split_capitals_and_lower_case_runs():
    word = "RIPJohnnyWinter"
    assert [word[s:e] for s, e in parts(word)] == ["RIP", "Johnny", "Winter"]
    word = "happybirthdaymaria"
    assert [word[s:e] for s, e in parts(word)] == ["happy", "birthday", "maria"]


@pytest.mark.slow  # runs the default profile
def test_default_profile_keeps_the_hashtags_other_words():
    from tests.conftest import redactor_for

    out, _ = redactor_for("default").redact_record({"id": "1", "text": "#HappyBirthdayMaria from us!"})
    assert out["text"] == "#HappyBirthday<PERSON> from us!"


def test_thesegmenter_is_read_at_start_up_not_in_the_first_record():
    from recognizers import lexicon

    lexicon.word_counts.cache_clear()  # the counts the segmenter reads
    HashtagNameRecognizer()  # Presidio's recognizers call load() when built
    assert lexicon.word_counts.cache_info().currsize == 1
