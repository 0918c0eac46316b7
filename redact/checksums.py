"""Check-digit algorithms shared by the recognizers and the surrogates."""

from __future__ import annotations


def luhn_valid(digits: str) -> bool:
    """Whether a string of digits passes the Luhn checksum (payment cards); False when empty."""
    total = 0
    for i, char in enumerate(reversed(digits)):
        value = int(char) * (2 if i % 2 else 1)
        total += value - 9 if value > 9 else value
    return bool(digits) and total % 10 == 0
