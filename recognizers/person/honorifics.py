"""Evidence from honorifics and titles: the name after `Dr.`, `mrs`, `Uncle`, `President`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from recognizers.person.cue_words import CAPITALISED_HONORIFICS, HONORIFICS, TITLES
from recognizers.person.text import Candidate, ScannedText

HONORIFIC_GAP = re.compile(r" ?\.?\s{1,2}")
# `12 Oak Dr.`: what comes before a `Dr` that is a street.
STREET_NUMBER_BEFORE = re.compile(r"\d+\s+(?:[A-Z]\w*\s+){1,3}\Z")


def honorifics(t: ScannedText) -> Iterator[Candidate]:
    """`Dr. Kyle Kuefer`, `mrs labrie`, `Uncle Bob`: the name after an honorific or title."""
    for i, w in enumerate(t.words[:-1]):
        title = w.key in TITLES and w.title
        if not (w.key in HONORIFICS or title) or _street_dr(t, i):
            continue
        if w.key in CAPITALISED_HONORIFICS and not w.title:
            continue
        gap = t.text[w.end:t.words[i + 1].start]
        if not HONORIFIC_GAP.fullmatch(gap) or "\n" in gap:
            continue
        n = t.name_run(i + 1, lowercase_ok="listed" if not (title or w.title) else False)
        if n and (t.words[i + 1].title or t.lex.is_name(t.words[i + 1].key)):
            yield t.span(i + 1, n, "title" if title else "honorific")


def _street_dr(t: ScannedText, i: int) -> bool:
    """`12 Oak Dr.`: `Dr` after a number and a capitalised word is a street."""
    return t.words[i].key == "dr" and bool(STREET_NUMBER_BEFORE.search(t.left_of(t.words[i].start)))
