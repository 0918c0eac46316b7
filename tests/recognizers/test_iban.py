"""AnyCaseIbanRecognizer: Presidio's IBAN checks, for IBANs in any case."""

import pytest
from presidio_analyzer.predefined_recognizers import IbanRecognizer

from recognizers.iban import AnyCaseIbanRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return AnyCaseIbanRecognizer()


@pytest.mark.parametrize("text, expected", [
    ("IBAN GB82 WEST 1234 5698 7654 32 thanks", "GB82 WEST 1234 5698 7654 32"),
    ("send it to gb82west12345698765432 pls", "gb82west12345698765432"),
    ("de89 3704 0044 0532 0130 00", "de89 3704 0044 0532 0130 00"),
    ("mine: De89370400440532013000.", "De89370400440532013000"),
])
def test_finds_ibans_in_any_case_with_the_score_of_capitals(recognizer, text, expected):
    results = recognizer.analyze(text, ["IBAN_CODE"])
    assert [(text[r.start:r.end], r.score) for r in results] == [(expected, 1.0)]
    # The same IBAN in capitals: what Presidio's own recognizer finds and scores.
    upper = text.upper()
    stock = IbanRecognizer().analyze(upper, ["IBAN_CODE"])
    assert [(upper[r.start:r.end], r.score) for r in stock] == [(expected.upper(), 1.0)]


@pytest.mark.parametrize("text", [
    "gb82west12345698765433",       # check digits fail
    "GB82WEST12345698765433",
    "gb82 west 1234",               # too short
    "ab12cdefghijklmnop1",          # no such country
    "de89 3704 0044 0532 0130 0",   # one digit short of Germany's format
])
def test_leaves_what_fails_the_checks(recognizer, text):
    assert recognizer.analyze(text, ["IBAN_CODE"]) == []


def test_presidio_alone_misses_lower_case():
    assert IbanRecognizer().analyze("send it to gb82west12345698765432 pls", ["IBAN_CODE"]) == []
