"""Street addresses around a name: street names are often people's names (`Victor Hugo u. 49`,
`12 McPherson Road`), so list-only evidence is dropped after a house number or street prefix, or
before a street type or a house number."""

from __future__ import annotations

import re

from recognizers.person.text import Candidate

STREET_BEFORE = re.compile(
    r"(?:\b\d+[a-z]?,?|\b(?:rua|rúa|rue|avenida|avda|av|calle|carrer|via|viale|strada|piazza|"
    r"paseo|praça|praca|largo|ul|ulica|boulevard|blvd|avenue|ave|cite|cité|corner\s+of|st|"
    r"sankt|santa|san|são|saint)\.?|\b(?:street|st|road|rd|avenue|ave|drive|dr|lane|ln|blvd|"
    r"boulevard|court|ct|way|place|pl|suite|apt)\.?,?)\s+\Z", re.IGNORECASE)
STREET_AFTER = re.compile(
    r"\A(?:\s+[A-Z][\w'-]*){0,2}\s+(?i:street|st|road|rd|avenue|ave|drive|dr|lane|ln|way|"
    r"boulevard|blvd|court|ct|close|terrace|place|pl|square|sq|park|parks|pass|union|mall|point|"
    r"prairie|turnpike|bypass|hill|hills|crossroad|crossing|flat|flats|bay|brook|crescent|grove|"
    r"gardens|row|walk|highway|hwy|parkway|pkwy|circle|alley|trail|ridge|heights|estate|loop|"
    r"plaza|junction|mews|rise|wharf|quay|green|u|utca|str|straße|strasse|gasse|weg|vej|gade|"
    r"gatan|katu|tie|suite|apt)\b\.?")
# `Joaquin Suarez 2906`, but not a phone number after a name.
HOUSE_NUMBER_AFTER = re.compile(r"[ \t]+\d{1,5}\b(?![-.\d]*\d)")


def in_address(text: str, candidate: Candidate) -> bool:
    """The span sits in a street address (house number or street word around it)."""
    before = text[max(0, candidate.start - 40):candidate.start]
    after = text[candidate.end:candidate.end + 60]
    return bool(STREET_BEFORE.search(before) or STREET_AFTER.match(after)
                or HOUSE_NUMBER_AFTER.match(after))
