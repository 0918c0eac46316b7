"""CardRecognizer: Luhn-valid card numbers of 12 to 19 digits."""

import pytest

from recognizers.card import CardRecognizer, luhn_valid

from conftest import assert_no_backtracking_blow_up


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


def test_luhn():
    assert luhn_valid("79927398713") and not luhn_valid("79927398710")


def test_adversarial_input_finishes_within_its_budget(recognizer):
    text = "1 " * 50_000 + "-" * 1000 + "1-" * 20_000
    assert_no_backtracking_blow_up(lambda: recognizer.analyze(text, ["CREDIT_CARD"]), "card")
