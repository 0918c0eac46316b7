"""Regions: what a record's region value means, as ISO 3166 alpha-2 codes, and the legal groups.

Country data comes from pycountry (ISO 3166-1 codes, English names, official and common names;
ISO 3166-2 subdivisions). A value is read as every country it can mean, so that an ambiguous one
(`IT-CH`: Chieti in Italy, or Italian as spoken in Switzerland) is excluded when either reading
is; a value with no reading is not a region, and a consent rule treats it as unknown (fail closed).
"""

from __future__ import annotations

import re
from typing import Any

import pycountry

from redact.normalize import fold

# The groups a profile may name in `consent.exclude_regions`: the one place they are defined.
# The EU includes its outermost regions that ISO 3166 codes apart from their state (French
# overseas departments, Saint-Martin, the Aland Islands): EU law, and so the GDPR, applies there.
EU_STATES = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"
EU_OUTERMOST = "GF GP MQ YT RE MF AX"
EEA_ONLY = "IS LI NO"
REGION_GROUPS: dict[str, frozenset[str]] = {
    "EU": frozenset(f"{EU_STATES} {EU_OUTERMOST}".split()),
    "EEA": frozenset(f"{EU_STATES} {EU_OUTERMOST} {EEA_ONLY}".split()),
    "UK": frozenset({"GB"}),
    "CH": frozenset({"CH"}),
}

# Names and codes in common use that ISO 3166 spells otherwise. EL and UK are the EU's own codes
# for Greece and the United Kingdom (Eurostat, EU institutions); the rest are everyday English.
ALIASES: dict[str, str] = {
    "EL": "GR", "UK": "GB", "GREAT BRITAIN": "GB", "BRITAIN": "GB", "ENGLAND": "GB",
    "SCOTLAND": "GB", "WALES": "GB", "NORTHERN IRELAND": "GB", "HOLLAND": "NL", "RUSSIA": "RU",
    "TURKEY": "TR", "VATICAN": "VA", "VATICAN CITY": "VA", "IVORY COAST": "CI",
    "MACEDONIA": "MK", "SWAZILAND": "SZ", "CAPE VERDE": "CV", "EAST TIMOR": "TL",
}

# A BCP 47 language tag's region subtag: language, up to three extended languages, an optional
# script, then the region (two letters or a UN M.49 number); `_` as in POSIX locales (de_DE).
BCP47_REGION = re.compile(
    r"[a-z]{2,3}(?:[-_][a-z]{3}){0,3}(?:[-_][a-z]{4})?[-_]([a-z]{2}|\d{3})(?:[-_][a-z0-9-_]+)?",
    re.IGNORECASE,
)
# An ISO 3166-2 subdivision opening the value, written with `-` or `_` (`DE-BY`, `DE_BY`, `DE-BY-x`):
# `DE_BY` is also a POSIX locale (German in Belarus), and a value that can mean two countries means both.
SUBDIVISION = re.compile(r"([A-Z]{2})[-_]([A-Z0-9]{1,3})(?![A-Z0-9])")


def region_codes(value: Any) -> frozenset[str]:
    """Every ISO 3166 alpha-2 code a region value can mean; empty when it is not a region.

    Case, white space, format and control characters (read through redact.normalize.fold, like
    every consent value) and a leading "the" do not matter; a value that is not a string (a
    number, a list, an object) is not a region.

    >>> sorted(region_codes(" de-DE ")), sorted(region_codes("EL")), sorted(region_codes(["DE"]))
    (['DE'], ['GR'], [])
    """
    text = fold(value) if isinstance(value, str) else None
    text = (text or "").upper().removeprefix("THE ")
    if not text:
        return frozenset()
    codes = {_country(text)}
    opening = SUBDIVISION.match(text)
    if opening:
        subdivision = pycountry.subdivisions.get(code=f"{opening[1]}-{opening[2]}")
        codes.add(subdivision.country_code if subdivision else None)
    tag = BCP47_REGION.fullmatch(text)
    if tag:
        codes.add(_country(tag.group(1)))
    return frozenset(code for code in codes if code)


def _country(text: str) -> str | None:
    """The alpha-2 code of a country code (alpha-2, alpha-3, numeric), name or alias, or None."""
    if text in ALIASES:
        return ALIASES[text]
    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        return None


def expand_regions(entries: list[str]) -> frozenset[str]:
    """The alpha-2 codes of a profile's exclude_regions: groups expanded, other entries read as
    regions (`DEU`, `Germany`, `el`). An entry that is neither adds nothing: see unknown_regions."""
    out: set[str] = set()
    for entry in entries:
        group = REGION_GROUPS.get((fold(entry) or "").upper()) if isinstance(entry, str) else None
        out |= group if group is not None else region_codes(entry)
    return frozenset(out)


def unknown_regions(entries: list[str]) -> list[str]:
    """The entries of an exclude_regions list that are neither a group nor a region."""
    return [entry for entry in entries if not expand_regions([entry])]


def group_problems() -> list[str]:
    """The codes in the groups and aliases that ISO 3166 (as the installed pycountry has it) does
    not assign: a profile that excludes regions fails to load while there is any, never open."""
    problems = []
    for name, codes in REGION_GROUPS.items():
        unknown = sorted(code for code in codes if pycountry.countries.get(alpha_2=code) is None)
        if unknown:
            problems.append(f"region group {name} names codes ISO 3166 does not assign: {unknown}")
    for alias, code in ALIASES.items():
        if pycountry.countries.get(alpha_2=code) is None:
            problems.append(f"region alias {alias} names {code}, which ISO 3166 does not assign")
    return problems
