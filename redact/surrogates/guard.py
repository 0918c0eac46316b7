"""The rule every surrogate obeys: it keeps no part of the value it replaces.

A part is a whole word (any case), any three characters in a row that hold a letter or digit, or
a letter or digit at the start or the end in common with the original. The last two are what a
reader aligning input and output would take for the original surviving: `Maria` -> `Marta` keeps
`Mar`, `Ana Ruiz` -> `Eva Ruiz` keeps a word, and a surrogate that starts like the original joins
the unchanged text before it (`call +44 7911...` -> `call +44 7700...` keeps `+44 7`).
"""

from __future__ import annotations

import os
import re

WORD = re.compile(r"\w+")


def _has_alnum(text: str) -> bool:
    return any(c.isalnum() for c in text)


def keeps_part_of(original: str, surrogate: str) -> bool:
    """True when `surrogate` keeps a part of `original` (see the module docstring)."""
    a, b = original.casefold(), surrogate.casefold()
    if a == b or shares_word(a, b):
        return True
    if _has_alnum(os.path.commonprefix([a, b])) or _has_alnum(os.path.commonprefix([a[::-1], b[::-1]])):
        return True
    return shares_run(a, b)


def shares_word(original: str, text: str) -> bool:
    """True when `text` holds a whole word of `original` (any case)."""
    return bool(set(WORD.findall(original.casefold())) & set(WORD.findall(text.casefold())))


def shares_run(original: str, text: str) -> bool:
    """True when `text` holds three characters in a row of `original`, one a letter or digit."""
    a, b = original.casefold(), text.casefold()
    grams = {a[i:i + 3] for i in range(len(a) - 2)}
    return any(b[i:i + 3] in grams and _has_alnum(b[i:i + 3]) for i in range(len(b) - 2))


def runs_near(text: str, start: int, end: int) -> set[str]:
    """The three-character runs of `text` (any case) that overlap text[start:end] and hold a
    letter or digit of it: a value or a surrogate with the two characters either side of it
    where it stands."""
    folded = text.casefold() if len(text.casefold()) == len(text) else text
    return {folded[i:i + 3] for i in range(max(0, start - 2), min(end, len(text) - 2))
            if any(text[k].isalnum() for k in range(max(i, start), min(i + 3, end)))}
