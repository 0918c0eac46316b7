"""CardRecognizer: Luhn-valid card numbers of 12 to 19 digits."""

import pytest
from conftest import assert_no_backtracking_blow_up

from recognizers.card import CardRecognizer, luhn_valid, phone_shaped


@pytest.fixture(scope="module")
def recognizer():
    return CardRecognizer()


@pytest.mark.parametrize("text, expected", [
    ("card 4111 1111 1111 1111 please", "4111 1111 1111 1111"),
    ("paid with 4111-1111-1111-1111.", "4111-1111-1111-1111"),
    ("cc 4454794511390933", "4454794511390933"),
    ("JCB 213176828496175 was used", "213176828496175"),
    ("maestro 630427373398", "630427373398"),
    ("19 digits 4131034282458809939 ok", "4131034282458809939"),
    ("amex 347415977307943", "347415977307943"),
    ("diners 30288610434735", "30288610434735"),
    ("mastercard 5555 5555 5555 4444", "5555 5555 5555 4444"),
    ("amex 3782 822463 10005 on file", "3782 822463 10005"),          # 4-6-5, as Amex prints it
    ("diners 3028 861043 4735", "3028 861043 4735"),                  # 4-6-4
    ("plus +4111 1111 1111 1111", "4111 1111 1111 1111"),             # 16 digits: no phone is that long
    ("447700900007 is the card", "447700900007"),                     # ungrouped: no phone shape
])
def test_finds_cards(recognizer, text, expected):
    results = recognizer.analyze(text, ["CREDIT_CARD"])
    assert [text[r.start:r.end] for r in results] == [expected]


@pytest.mark.parametrize("text", [
    "order 4111111111111112 failed",          # Luhn fails
    "0000 0000 0000 0000",                     # one repeated digit
    "9111 1111 1111 1116",                     # industry digit 9
    "short 41111111111",                       # 11 digits
    "too long 41111111111111111111",           # 20 digits
    "version 4.111.111.111.111.111",           # dots are not card separators
    "price 1,234,567,890,123",                 # money
    "call 0044 20 7946 0958",                  # a phone number, starts with 0
    "ISBN 978-3-16-148410-0",
])
def test_ignores_what_is_not_a_card(recognizer, text):
    assert recognizer.analyze(text, ["CREDIT_CARD"]) == []


@pytest.mark.parametrize("text", [
    "call +44 7700 900007 now",                # a + before it
    "call +447700900007 now",
    "call + 44 7700 900007 now",
    "call 44 7700 900007 now",                 # a country code as the first group
    "tel 44-7700-900007",
    "office +44 20 7946 0907",                 # valid numbers, as phonenumbers formats them
    "office 44 20 7946 0907",
    "handy +49 1512 3456704",
    "handy 49 1512 3456704",
])
def test_a_luhn_valid_phone_number_is_not_a_card(recognizer, text):
    assert luhn_valid("".join(c for c in text if c.isdigit()))  # a card but for its shape
    assert recognizer.analyze(text, ["CREDIT_CARD"]) == []


@pytest.mark.parametrize("template", [
    "call +44 7700 900{:03d} now", "+447700900{:03d}", "(mobile: 44 7700 900{:03d})",
])
def test_no_uk_drama_number_is_a_card(recognizer, template):
    """One in ten +44 7700 900000..900999 numbers is Luhn-valid: none may be found as a card."""
    found = [i for i in range(1000) if recognizer.analyze(template.format(i), ["CREDIT_CARD"])]
    assert found == []


@pytest.mark.parametrize("text, start, end, expected", [
    ("+44 7700 900007", 1, 15, True),
    ("44 7700 900007", 0, 14, True),
    ("4477 0090 0007", 0, 14, False),          # grouped like a card
    ("447700900007", 0, 12, False),
    ("+4111 1111 1111 1111", 1, 20, False),    # 16 digits
    ("999 123 456 789 012", 0, 19, False),     # +999 is no country: not a possible number
])
def test_phone_shaped(text, start, end, expected):
    assert phone_shaped(text, start, end) is expected


def test_luhn():
    assert luhn_valid("79927398713") and not luhn_valid("79927398710")


def test_adversarial_input_finishes_within_its_budget(recognizer):
    text = "1 " * 50_000 + "-" * 1000 + "1-" * 20_000
    assert_no_backtracking_blow_up(lambda: recognizer.analyze(text, ["CREDIT_CARD"]), "card")
