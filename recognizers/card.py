"""Payment card numbers of every common length (12 to 19 digits), checked with Luhn.

Presidio's CreditCardRecognizer expects 13 to 16 digits in a few prefixes, so Maestro (12 and 19
digits), JCB's 15-digit numbers (2131, 1800) and 19-digit Visa numbers leak. This recognizer takes
any run of 12 to 19 digits, optionally grouped by spaces or dashes, and keeps it only when the Luhn
checksum holds and the number starts like an issued card (industry digit 1 to 6).
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from recognizers.base import ClassPatternRecognizer


def luhn_valid(digits: str) -> bool:
    """The Luhn checksum of a string of digits."""
    total = 0
    for i, char in enumerate(reversed(digits)):
        value = int(char)
        if i % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


class CardRecognizer(ClassPatternRecognizer):
    """Luhn-valid payment card numbers, 12 to 19 digits, grouped or not."""

    ENTITY = "CREDIT_CARD"

    PATTERNS = [
        # Each repetition takes exactly one digit, so the bounded loop cannot backtrack badly.
        Pattern("card (12-19 digits)", r"(?<![\d.,/-])\d(?:[ -]?\d){11,18}(?![\d.,/]?\d)", 0.6),
    ]
    CONTEXT = ["card", "credit", "debit", "visa", "mastercard", "amex", "maestro", "cc", "payment", "charged"]

    def validate_result(self, pattern_text: str) -> bool:
        """True for a Luhn-valid number that starts like a card; False drops the match."""
        digits = "".join(c for c in pattern_text if c.isdigit())
        if len(set(digits)) == 1 or digits[0] not in "123456":
            return False
        return luhn_valid(digits)
