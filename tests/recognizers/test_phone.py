"""phone_v1 (SocialPhoneRecognizer): phone numbers of every region, and the numbers that only look like them."""

from __future__ import annotations

import pytest
from conftest import assert_no_backtracking_blow_up

from recognizers.phone import CONTEXT_SCORES, SocialPhoneRecognizer, Verdict, classify

ENTITY = "PHONE_NUMBER"
RECOGNIZER = SocialPhoneRecognizer()
# The default threshold of the project's profiles.
THRESHOLD = 0.5
# 7000 different North American numbers in 100 kB.
DISTINCT_NUMBERS = " ".join(
    f"{100 + i % 900}-{100 + i * 7 % 900}-{1000 + i * 13 % 9000}," for i in range(7000)
)


def found(text: str, threshold: float = THRESHOLD) -> list[str]:
    """The text of every finding that reaches ``threshold``, in order."""
    results = RECOGNIZER.analyze(text, entities=[ENTITY], nlp_artifacts=None)
    kept = [r for r in results if r.score >= threshold]
    return [text[r.start:r.end] for r in sorted(kept, key=lambda r: r.start)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # international, with + or 00
        ("call +44 7911 123456 today", ["+44 7911 123456"]),
        ("+44 7700 900123 is a drama number", ["+44 7700 900123"]),
        ("ring 0044 7911 123456", ["0044 7911 123456"]),
        ("+1 (415) 555-2671", ["+1 (415) 555-2671"]),
        ("Berlin office +49 30 901820.", ["+49 30 901820"]),
        ("+33 (0)4 64 04 62 70", ["+33 (0)4 64 04 62 70"]),
        ("(+45) 12-34-56-78", ["(+45) 12-34-56-78"]),
        ("my number is+91 98765 43210", ["+91 98765 43210"]),
        ("+86 138 0013 8000", ["+86 138 0013 8000"]),
        # national, valid in a default region
        ("(020) 7946 0958", ["(020) 7946 0958"]),
        ("98765 43210", ["98765 43210"]),
        ("06 12 34 56 78", ["06 12 34 56 78"]),
        ("0412 345 678 or (02) 9876 5432", ["0412 345 678", "(02) 9876 5432"]),
        ("(11) 91234-5678", ["(11) 91234-5678"]),
        ("03-1234-5678", ["03-1234-5678"]),
        ("0176/12345678", ["0176/12345678"]),
        ("1-800-555-0199", ["1-800-555-0199"]),
        # the North American layout, even with an unassigned area code
        ("555.010.9999", ["555.010.9999"]),
        ("(123) 456-7890", ["(123) 456-7890"]),
        # extensions are part of the number
        ("0161 496 0000 ext. 204", ["0161 496 0000 ext. 204"]),
        ("415-555-2671 x204", ["415-555-2671 x204"]),
        ("837.824.1482ext63888", ["837.824.1482ext63888"]),
        # short or bare numbers need a cue word or label
        ("call me on 467 3395", ["467 3395"]),
        ("whatsapp 9472 7916", ["9472 7916"]),
        ("text me 4155552671", ["4155552671"]),
        ("Phone:\n451 5986", ["451 5986"]),
        ("Office:(516)733-3989", ["(516)733-3989"]),
        ("416 60 039 office", ["416 60 039"]),
        ("📞 0161 496 0000", ["0161 496 0000"]),
        # a number beside other numbers
        ("Purchasing Phone (914)349-8600 04/21/2020 12:37:30", ["(914)349-8600"]),
        ("call 0800 123 4567 24/7", ["0800 123 4567"]),
        ("1) 0161 496 0000", ["0161 496 0000"]),
        ("numbers: 020 7946 0958 07911 123456", ["020 7946 0958", "07911 123456"]),
        ("Tel-0161 496 0000", ["0161 496 0000"]),
        # an international mobile typed without its `+`, with no cue
        ("447400123456", ["447400123456"]),
        ("ping me on 393471234567 pls", ["393471234567"]),
        ("4915123456789 after 6", ["4915123456789"]),
    ],
)
def test_finds_phone_numbers(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # versions, addresses and dates
        "update to v2.10.3 now",
        "server 1.2.3.4 and 192.168.100.200",
        "on 2024-05-12 we met",
        "on 12/05/2024 we met",
        "on 12.05.2024 we met",
        "2017 - 01 - 25 01 : 00 : 11",
        "May 5, 2024 at 10:30",
        "Jan-21-2015 18:00",
        # identifiers
        "ISBN 978-3-16-148410-0",
        "see doi 10.1000/182",
        "fixed in #123456",
        "ticket 4521987",
        "order number 123456789",
        "account 0161 496 0000",
        "SSN 911-67-0060",
        "E-151673398 and P0-001-000016155-9",
        "UPC 012345678905",
        "https://twitter.com/x/status/1456789012345678901",
        "pic at http://example.com/series-3937647-510-755.jpg",
        # cards: the card recognizer's
        "card 4111 1111 1111 1111",
        "5500-0000-0000-0004",
        # money, percentages, quantities, decimals
        "costs $1,234,567 total",
        "€ 1.000.000 prize",
        "up 12.345678% today",
        "-77.034040723966",
        "200.38294427 is a decimal",
        "10 000 000 views",
        "population 1 234 567",
        # agreement, years, formulas, short numbers
        "+1 on this",
        "+2500000 followers",
        "years 2019-2023 and 2009/2010",
        "the 1990 1991 1992 seasons",
        "3333*2=6666 and 1000-1=999",
        "Formula 45+31-339243873",
        "323456 is too short",
        "timestamp 1714000000",
        "(456 (4)) 345",
        "666666666s is a sequence",
        # addresses: a house number before a street, a ZIP+4 code
        "The restaurant is at 17151 2450 Crown St",
        "Seattle, WA 98101-1234",
        # digits that are a mobile only with a `+` put before them: after an identifier's word, or
        # no mobile then (a drama number, a landline, an unassigned range, a tweet id)
        "order 447400123456 shipped",
        "id 4915123456789",
        "ref 33612345678",
        "447700900123",
        "442079460958",
        "1456789012345678901",
    ],
)
def test_leaves_other_numbers(text):
    assert found(text) == []


def test_cue_word_raises_a_possible_number():
    [bare] = RECOGNIZER.analyze("it is 12 345 678", [ENTITY], None)
    [cued] = RECOGNIZER.analyze("my phone number is 12 345 678", [ENTITY], None)
    assert bare.score < THRESHOLD <= cued.score == CONTEXT_SCORES[Verdict.POSSIBLE]


def test_valid_numbers_outscore_date_time():
    """spaCy tags "98765 43210" DATE_TIME at 0.85; a valid number with a cue must beat it."""
    [result] = RECOGNIZER.analyze("call me at 98765 43210", [ENTITY], None)
    assert result.score > 0.85


def test_scores_are_not_enhanced_again_by_presidio():
    [result] = RECOGNIZER.analyze("(020) 7946 0958", [ENTITY], None)
    assert result.recognition_metadata["is_score_enhanced_by_context"] is True


def test_profile_context_words_are_honoured():
    recognizer = SocialPhoneRecognizer()
    text = "dm 12 345 678"
    assert [r.score for r in recognizer.analyze(text, [ENTITY], None)] == [0.4]
    recognizer.context = list(recognizer.context) + ["dm"]
    assert [r.score for r in recognizer.analyze(text, [ENTITY], None)] == [0.65]


@pytest.mark.parametrize(
    "number, verdict",
    [
        ("+44 20 7946 0958", Verdict.VALID_INTL),
        ("020 7946 0958", Verdict.VALID),
        ("4155552671", Verdict.VALID_PLAIN),
        ("(555) 010-9999", Verdict.POSSIBLE_LAID_OUT),
        ("000 111 82-2100", Verdict.POSSIBLE),
        ("+73(3)3045560862", Verdict.SHAPED),  # too long for +7
        ("447400123456", Verdict.POSSIBLE_LAID_OUT),  # +44 7400 123456 with its `+` left out
        ("447700900123", Verdict.POSSIBLE),  # a drama number: no valid mobile, `+` or not
    ],
)
def test_classify(number, verdict):
    assert classify(number, RECOGNIZER.regions)[0] == verdict


def test_unknown_region_is_a_setup_error():
    with pytest.raises(ValueError, match="unknown region"):
        SocialPhoneRecognizer(regions=["US", "XX"])


def test_regions_are_configurable():
    assert found("07911 123456") == ["07911 123456"]
    assert SocialPhoneRecognizer(regions=["US"]).analyze("07911 123456", [ENTITY], None) == []


@pytest.mark.parametrize(
    "text",
    [
        "1 " * 50_000,
        "+" * 100_000,
        "1" * 100_000,
        "1-" * 50_000,
        "(1) " * 25_000,
        "((1" * 33_000,
        "12 345 " * 15_000,
        "0161 123 4567 x1" * 6_000,
        "2024-05-12 " * 9_000,
        "$1,234 " * 14_000,
        # thousands of distinct numbers: over the parsing budget
        DISTINCT_NUMBERS,
    ],
)
def test_adversarial_input_is_fast(text):
    RECOGNIZER.analyze("warm up 0161 496 0000", [ENTITY], None)
    assert_no_backtracking_blow_up(lambda: RECOGNIZER.analyze(text, entities=[ENTITY], nlp_artifacts=None),
                                   f"phone on {text[:12]!r}...")


def test_text_without_six_digits_is_skipped_cheaply():
    assert RECOGNIZER.analyze("no numbers here, only 12 and 345", [ENTITY], None) == []


class Hints:
    """What the analyze stage puts on a text's NLP artifacts: its language, its record's region."""

    def __init__(self, text_language=None, region_hint=None):
        self.text_language, self.region_hint = text_language, region_hint


@pytest.mark.parametrize("text, language, region, expected", [
    # national formats, no cue word: the text's language names the region tried first
    ("Llámame al 699 876 543 mañana", "es", None, ["699 876 543"]),
    ("Zadzwoń do mnie 601 234 567 jutro", "pl", None, ["601 234 567"]),
    ("Beni ara 0544 987 65 43 yarın", "tr", None, ["0544 987 65 43"]),
    # the record's region wins over the language
    ("Llámame al 699 876 543 mañana", "en", "ES", ["699 876 543"]),
    ("Llámame al 699 876 543 mañana", "pl", "ES", ["699 876 543"]),
    # a number not valid in the hinted region gains nothing
    ("Llámame al 123 456 789 mañana", "es", None, []),
])
def test_a_region_hint_lets_national_formats_parse(text, language, region, expected):
    results = RECOGNIZER.analyze(text, entities=[ENTITY], nlp_artifacts=Hints(language, region))
    assert [text[r.start:r.end] for r in results if r.score >= THRESHOLD] == expected


@pytest.mark.parametrize("text", [
    "Llámame al 699 876 543 mañana", "Zadzwoń do mnie 601 234 567 jutro", "Beni ara 0544 987 65 43 yarın",
])
def test_without_a_hint_national_formats_stay_below_the_threshold(text):
    assert found(text) == []


def test_korean_mobile_with_its_language():
    text = "전화 010-9876-5432 주세요"
    results = RECOGNIZER.analyze(text, entities=[ENTITY], nlp_artifacts=Hints("ko"))
    assert [text[r.start:r.end] for r in results if r.score >= THRESHOLD] == ["010-9876-5432"]
