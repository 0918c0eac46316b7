"""Shape helpers shared by the generators: case styles and character-wise replacement."""

from __future__ import annotations

import random
import string


def case_like(template: str, word: str) -> str:
    """`word` written in the case style of `template`: `maria` -> `elena`, `MARIA` -> `ELENA`,
    `Maria` -> `Elena` (a name's own inner capitals, `McKay`, are kept)."""
    letters = [c for c in template if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    if letters and all(c.islower() for c in letters):
        return word.lower()
    if letters and letters[0].isupper():
        return word[:1].upper() + word[1:]
    return word


def other_digit(rng: random.Random, digit: str) -> str:
    """A digit other than `digit`."""
    return rng.choice([d for d in string.digits if d != digit])


def other_letter(rng: random.Random, letter: str) -> str:
    """An ASCII letter other than `letter` (folded), in its case."""
    pool = string.ascii_uppercase if letter.isupper() else string.ascii_lowercase
    return rng.choice([c for c in pool if c != letter])


def scramble(value: str, rng: random.Random) -> str:
    """Every digit another digit and every letter another letter in its case; the rest kept
    (`853-37-1694` -> `961-48-2705`): the shape of any identifier without its characters."""
    return "".join(
        other_letter(rng, c) if c.isalpha() else other_digit(rng, c) if c.isalnum() else c
        for c in value
    )
