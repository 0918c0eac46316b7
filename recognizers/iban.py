"""IBANs as people type them in messages: in capitals, lower case or mixed (`de89 3704 ...`).

Presidio's IbanRecognizer matches capitals only, so an IBAN typed in lower case leaks. This is
the same recognizer, with the same patterns, checksum and per-country format check, matching any
case. The check digits and the format are verified on the capitalised text, so a lower-case IBAN
scores what the same IBAN in capitals scores.
"""

from __future__ import annotations

import re

import regex
from presidio_analyzer.predefined_recognizers import IbanRecognizer


class AnyCaseIbanRecognizer(IbanRecognizer):
    """Presidio's IBAN recognizer, also for IBANs not written in capitals."""

    # Every IBAN pattern starts with two letters and two check digits.
    PRECHECK = re.compile(r"[A-Za-z]{2}[0-9]{2}")

    def __init__(self, supported_language: str = "en", **kwargs):
        kwargs.setdefault("regex_flags", regex.DOTALL | regex.MULTILINE | regex.IGNORECASE)
        super().__init__(supported_language=supported_language, **kwargs)

    def validate_result(self, pattern_text: str):
        """Presidio's checksum and format check, on the text in capitals."""
        return super().validate_result(pattern_text.upper())
