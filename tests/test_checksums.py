"""The one Luhn check that cards, phone numbers and card surrogates share."""

from __future__ import annotations

import pytest

from redact.checksums import luhn_valid


@pytest.mark.parametrize("digits, valid", [
    ("79927398713", True),     # the textbook example
    ("79927398710", False),
    ("4111111111111111", True),
    ("4111111111111112", False),
    ("6011550896033147", True),
    ("0", True),
    ("", False),               # no digits prove nothing
])
def test_luhn(digits, valid):
    assert luhn_valid(digits) is valid
