"""Payment card numbers of every common length (12 to 19 digits), checked with Luhn.

Presidio's CreditCardRecognizer expects 13 to 16 digits in a few prefixes, so Maestro (12 and 19
digits), JCB's 15-digit numbers (2131, 1800) and 19-digit Visa numbers leak. This recognizer takes
any run of 12 to 19 digits, optionally grouped by spaces or dashes, and keeps it only when the Luhn
checksum holds and the number starts like an issued card (industry digit 1 to 6).

A phone number is never taken for a card: one Luhn-valid digit string in ten is a checksum
accident, and `+44 7700 900123` would be one. A span is refused when it is shaped like a phone
number: a `+` just before it, or a first group of one to three digits (a country code; every card
grouping starts with four or more) on a number phonenumbers accepts as possible in international
form. No phone number is longer than 15 digits (E.164), so 16 to 19 digits are always a card.
"""

from __future__ import annotations

import re

import phonenumbers
from presidio_analyzer import Pattern, RecognizerResult

from recognizers.base import ClassPatternRecognizer
from redact.checksums import luhn_valid

E164_MAX_DIGITS = 15
PLUS_BEFORE = re.compile(r"\+[ ]?$")
SEPARATOR = re.compile(r"[ -]")


def phone_shaped(text: str, start: int, end: int) -> bool:
    """True when `text[start:end]` reads as a phone number: after a `+`, or grouped with a country
    code first, on a number phonenumbers finds possible. Never for more than 15 digits."""
    span = text[start:end]
    digits = "".join(c for c in span if c.isdigit())
    if len(digits) > E164_MAX_DIGITS:
        return False
    if PLUS_BEFORE.search(text[max(0, start - 2):start]):
        return True
    groups = SEPARATOR.split(span)
    if len(groups) < 2 or len(groups[0]) > 3:
        return False
    try:
        return phonenumbers.is_possible_number(phonenumbers.parse("+" + digits))
    except phonenumbers.NumberParseException:
        return False


class CardRecognizer(ClassPatternRecognizer):
    """Luhn-valid payment card numbers, 12 to 19 digits, grouped or not."""

    ENTITY = "CREDIT_CARD"

    PATTERNS = [
        # Each repetition takes exactly one digit, so the bounded loop cannot backtrack badly.
        Pattern("card (12-19 digits)", r"(?<![\d.,/-])\d(?:[ -]?\d){11,18}(?![\d.,/]?\d)", 0.6),
    ]
    CONTEXT = ["card", "credit", "debit", "visa", "mastercard", "amex", "maestro", "cc", "payment", "charged"]

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None, regex_flags=None):
        """Card numbers in `text`, without the spans shaped like phone numbers."""
        results: list[RecognizerResult] = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in results if not phone_shaped(text, r.start, r.end)]

    def validate_result(self, pattern_text: str) -> bool:
        """True for a Luhn-valid number that starts like a card; False drops the match."""
        digits = "".join(c for c in pattern_text if c.isdigit())
        if len(set(digits)) == 1 or digits[0] not in "123456":
            return False
        return luhn_valid(digits)
