"""Place names written like people's names, for `not_names`: a country or US state (`Brazil`,
`Cayman` of `Cayman Islands`), and a name after or opening with a place's head word (`Lake
Juliebury`, `Port Eric`, `West Kate`, `lake carlos`).

`PlaceNames.holds(text, start, end)` is True when `text[start:end]` is one: a country or US state
of `recognizers/data/places.txt`, whole or the start of one whose other words follow it, that no
word of is a listed given name (`Georgia`, `Jordan`, `Chad` stay names) unless a place cue comes
before it (`based in Jordan`); or a finding right after a head word of `place_heads` (`Lake`,
`Port`, `North`...) written in the same case, or of two words or more opening with one.
"""

from __future__ import annotations

from pathlib import Path

import regex

from recognizers.data.build_places import PLACES, REGION
from recognizers.lexicon import NameLexicon, fold

LETTERS = regex.compile(r"\p{L}[\p{L}\p{M}'’]*")
# The word just before a finding on its line, a space or two between (`Lake Terry`; not `Lake. Terry`).
WORD_BEFORE = regex.compile(r"(?<![\p{L}\p{M}'’])(\p{L}+)[ \t]{1,2}\Z")
REACH = 40  # characters after a finding read for the rest of a country's name (`Islands`)


def region_names(path: Path = PLACES) -> frozenset[str]:
    """The countries and US states of `places.txt`, folded."""
    lines = (line.split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(name for population, name in lines if population == REGION)


class PlaceNames:
    """The place-name test of `not_names.yaml`'s `place_names` section."""

    def __init__(self, config: dict, lexicon: NameLexicon, cue_before):
        self.regions = region_names()
        self.longest = max(len(r.split()) for r in self.regions)
        self.heads = frozenset(config["place_heads"])
        self.lexicon = lexicon
        self.cue_before = cue_before  # text, start -> a place cue ends right before `start`

    def holds(self, text: str, start: int, end: int) -> bool:
        """`text[start:end]` is a place name (module docstring)."""
        words = LETTERS.findall(text, start, end)
        if not words:
            return False
        return self.region(text, start, end, words) or self.headed(text, start, words)

    def region(self, text: str, start: int, end: int, words: list[str]) -> bool:
        """A country or US state, whole or with its other words after it; no listed given name in
        it unless a place cue comes before it."""
        line_end = text.find("\n", end)
        rest = LETTERS.findall(text[end:min(end + REACH, line_end if line_end >= 0 else len(text))])
        keys = [fold(w) for w in words + rest[:self.longest - 1]]
        if not any(" ".join(keys[:n]) in self.regions for n in range(len(words), len(keys) + 1)):
            return False
        return not any(fold(w) in self.lexicon.given for w in words) or self.cue_before(text, start)

    def headed(self, text: str, start: int, words: list[str]) -> bool:
        """After a place's head word written in the same case (`Lake Terry`, `lake carlos`), or of
        two words or more opening with one (`West Kate`)."""
        if len(words) > 1 and fold(words[0]) in self.heads:
            return True
        before = WORD_BEFORE.search(text, max(0, start - 12), start)
        return (before is not None and fold(before.group(1)) in self.heads
                and before.group(1)[0].isupper() == words[0][0].isupper())
