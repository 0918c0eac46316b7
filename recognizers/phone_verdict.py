"""How surely phonenumbers vouches for a phone-number candidate: its :class:`Verdict`.

With a ``+``/``00`` country code a number is valid, or possible. Without one it is valid in one of
the regions tried, written the way that region writes its numbers (its trunk 0 where it always
writes one, grouped as it groups them: phonenumbers' STRICT_GROUPING leniency), or only possible;
a bare run of 11 to 13 digits none of them reads that is a valid mobile with a ``+`` put before it
is an international number typed without its ``+`` (possible and laid out).
The regions' habits are tables in ``data/phone.yaml``. Used by :mod:`recognizers.phone`.
"""

from __future__ import annotations

import enum
import functools
import re

import phonenumbers
from phonenumbers import Leniency, NumberParseException, PhoneNumberMatcher

from recognizers.tables import load_table

_TABLE = load_table("phone.yaml")
# Regions that write the trunk 0 of national numbers; that write it for landlines only; that
# commonly leave it out of area codes.
TRUNK_ZERO_WRITTEN = frozenset(_TABLE["trunk_zero_written"])
MOBILE_WITHOUT_TRUNK = frozenset(_TABLE["mobile_without_trunk"])
AREA_CODE_WITHOUT_TRUNK = frozenset(_TABLE["area_code_without_trunk"])
BARE_INTERNATIONAL_DIGITS: tuple[int, int] = tuple(_TABLE["bare_international_digits"])
_MOBILE_TYPES = (
    phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
)


class Verdict(enum.IntEnum):
    """How far phonenumbers vouches for a candidate; higher is surer."""

    SHAPED = 0             # phone-like layout only
    POSSIBLE = 1           # a possible length for some region, not an assigned range
    POSSIBLE_LAID_OUT = 2  # possible, in a layout only phone numbers have: +44 ..., (555) 010-9999
    VALID_PLAIN = 3        # valid national number typed as one run of 10+ digits
    VALID = 4              # valid national number, typed with separators
    VALID_INTL = 5         # valid, with a + or 00 country code


# The North American layout, which nothing but a phone number uses: (555) 010-9999,
# 555-010-9999, 555.010.9999, 1-555-010-9999. Area codes such as 555 or 123 are not assigned,
# so phonenumbers calls these possible only; people still write them, and fictional ones too.
_NANP_LAYOUT = re.compile(r"(?:1[ \-.]?)?(?:\(\d{3}\) ?\d{3}[\-. ]|\d{3}([\-. ])\d{3}\1)\d{4}")


def has_international_prefix(number: str) -> bool:
    """Whether the number opens with ``+`` or the ``00`` international prefix."""
    stripped = number.lstrip("( ")
    return stripped.startswith("+") or stripped.startswith("00")


def _parse(number: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(number, region, keep_raw_input=True)
    except NumberParseException:
        return None


@functools.lru_cache(maxsize=100_000)
def classify(number: str, regions: tuple[str, ...]) -> tuple[Verdict, str | None]:
    """How surely ``number`` (no extension) is a phone number, and the region that says so.

    Cached: the same numbers recur across posts (shops, hotlines, spam).
    """
    if has_international_prefix(number):
        # "0044 ..." is rewritten as "+44 ...": the US would read 00 as part of the number.
        stripped = number.lstrip("( ")
        international = "+" + stripped[2:] if stripped.startswith("00") else number
        parsed = _parse(international, None)
        if parsed is not None and phonenumbers.is_valid_number(parsed):
            return Verdict.VALID_INTL, phonenumbers.region_code_for_number(parsed)
        if parsed is not None and phonenumbers.is_possible_number(parsed):
            return _possible_laid_out(number, parsed), phonenumbers.region_code_for_number(parsed)
        if "+" in number:
            return Verdict.SHAPED, None
    verdict, region = _classify_national(number, regions)
    if verdict <= Verdict.POSSIBLE and number.isdigit():
        return _plus_left_out(number) or (verdict, region)
    return verdict, region


def _plus_left_out(number: str) -> tuple[Verdict, str | None] | None:
    """A bare run of `BARE_INTERNATIONAL_DIGITS` digits that is a valid mobile number once a `+`
    is put before it (`447400123456`, people typing an international number without its `+`):
    possible and laid out, in that number's region. None for any other."""
    low, high = BARE_INTERNATIONAL_DIGITS
    parsed = _parse("+" + number, None) if low <= len(number) <= high else None
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        return None
    if phonenumbers.number_type(parsed) not in _MOBILE_TYPES:
        return None
    return Verdict.POSSIBLE_LAID_OUT, phonenumbers.region_code_for_number(parsed)


def _possible_laid_out(number: str, parsed: phonenumbers.PhoneNumber) -> Verdict:
    """``+44 7700 900123`` (a drama number) is a phone number; ``+2500000`` followers is not.

    A full-length number (not one only dialable locally) behind a country code, written in
    groups or with ten digits or more.
    """
    full_length = (
        phonenumbers.is_possible_number_with_reason(parsed)
        == phonenumbers.ValidationResult.IS_POSSIBLE
    )
    digits = sum(c.isdigit() for c in number)
    grouped = not number.lstrip("(+").isdigit()
    laid_out = full_length and (grouped or digits >= 10)
    return Verdict.POSSIBLE_LAID_OUT if laid_out else Verdict.POSSIBLE


def _classify_national(number: str, regions: tuple[str, ...]) -> tuple[Verdict, str | None]:
    possible_region = None
    with_trunk_zero = number.lstrip("( ").startswith("0")
    for region in regions:
        parsed = _parse(number, region)
        if parsed is None:
            continue
        written_as_there = _national_form_ok(parsed, region, with_trunk_zero)
        if written_as_there and phonenumbers.is_valid_number(parsed) and _grouped_as_in(number, region):
            return _valid_verdict(number, parsed), phonenumbers.region_code_for_number(parsed)
        if possible_region is None and phonenumbers.is_possible_number(parsed):
            possible_region = region
    if possible_region is not None:
        laid_out = _NANP_LAYOUT.fullmatch(number)
        return (Verdict.POSSIBLE_LAID_OUT if laid_out else Verdict.POSSIBLE), possible_region
    return Verdict.SHAPED, None


def _grouped_as_in(number: str, region: str) -> bool:
    """Whether ``region`` groups its numbers the way ``number`` is grouped.

    phonenumbers' STRICT_GROUPING leniency: "06 12 34 56 78" is French, "98 87 76 65 54" is not
    an Indian mobile however valid its digits. It also drops numbers whose region requires the
    trunk prefix that is missing. Run only on a number already valid for ``region``.
    """
    matches = PhoneNumberMatcher(number, region, leniency=Leniency.STRICT_GROUPING, max_tries=1)
    return any(match.raw_string == number for match in matches)


def _national_form_ok(parsed: phonenumbers.PhoneNumber, region: str, with_trunk_zero: bool) -> bool:
    """Whether a number is written the way ``region`` writes its own numbers (trunk 0)."""
    if with_trunk_zero or region in AREA_CODE_WITHOUT_TRUNK:
        return True
    if region in TRUNK_ZERO_WRITTEN:
        return False
    if region in MOBILE_WITHOUT_TRUNK:
        return phonenumbers.number_type(parsed) in _MOBILE_TYPES
    return True


def _valid_verdict(number: str, parsed: phonenumbers.PhoneNumber) -> Verdict:
    source = parsed.country_code_source
    if source in (
        phonenumbers.CountryCodeSource.FROM_NUMBER_WITH_PLUS_SIGN,
        phonenumbers.CountryCodeSource.FROM_NUMBER_WITH_IDD,
    ):
        return Verdict.VALID_INTL
    return Verdict.VALID if not number.isdigit() else Verdict.VALID_PLAIN
