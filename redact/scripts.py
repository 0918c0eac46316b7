"""Which scripts a language is written in, and the letters of a text in other scripts.

A character's script is Unicode's Script property, as the `regex` module reads it
(`\\p{Script=Arabic}`); a letter of the Common or Inherited script (`ー`, `ʼ`) belongs to none.
Which scripts each language is written in is the table below, written by hand for the languages
py3langid knows (no installed package maps languages to scripts: CLDR's data would take Babel);
a language it does not name is written in Latin letters.
"""

from __future__ import annotations

import functools

import regex

# Unicode script -> the languages (py3langid's codes) written in it, besides Latin for those
# in LATIN_TOO. tests/test_scripts.py checks every name against regex and the identifier's model.
SCRIPTS: dict[str, str] = {
    "Arabic": "ar ary arz fa ps sdh ug ur uzs",
    "Armenian": "hy",
    "Bengali": "as bn",
    "Cyrillic": "ba be bg kk ky mk mn ru sr tg tt uk uz",
    "Devanagari": "gom hi mr ne sa",
    "Ethiopic": "am",
    "Georgian": "ka",
    "Greek": "el grc",
    "Gujarati": "gu",
    "Gurmukhi": "pa",
    "Han": "ja ko wuu yue zh",
    "Hangul": "ko",
    "Hebrew": "hbo he",
    "Hiragana": "ja",
    "Katakana": "ja",
    "Kannada": "kn",
    "Khmer": "km",
    "Lao": "lo",
    "Malayalam": "ml",
    "Myanmar": "my",
    "Oriya": "or",
    "Sinhala": "si",
    "Tamil": "ta",
    "Telugu": "te",
    "Thai": "th",
    "Tibetan": "dz",
}
LATIN_TOO = frozenset({"sr", "uz"})  # written in Latin letters as well
# The letters of a run: none of these scripts, not a Common or Inherited one (see `foreign_letters`).
NO_SCRIPT = ("Common", "Inherited")


@functools.cache
def scripts_of(languages: frozenset[str]) -> frozenset[str]:
    """The scripts `languages` are written in."""
    scripts: set[str] = set()
    for lang in languages:
        own = {script for script, langs in SCRIPTS.items() if lang in langs.split()}
        scripts |= own | {"Latin"} if not own or lang in LATIN_TOO else own
    return frozenset(scripts)


@functools.cache
def foreign_letters(scripts: frozenset[str]) -> regex.Pattern[str]:
    """A letter of a script other than `scripts` (and other than Common or Inherited)."""
    return regex.compile(_letter_class(scripts), regex.V1)


@functools.cache
def foreign_runs(scripts: frozenset[str]) -> regex.Pattern[str]:
    """A run of letters of scripts other than `scripts`, with their marks, and the spaces,
    apostrophes, hyphens and dots between words (`राहुल शर्मा`): a symbol, a digit, any other
    punctuation or a letter of `scripts` ends it (so `ಠ_ಠ` is two runs of one letter)."""
    letter = _letter_class(scripts)
    return regex.compile(rf"{letter}(?:[{letter}\p{{M}}]|[\s'’.\-]+(?={letter}))*", regex.V1)


def _letter_class(scripts: frozenset[str]) -> str:
    """The regex class of letters in none of `scripts`, `NO_SCRIPT` included."""
    written = "".join(rf"\p{{Script={script}}}" for script in sorted({*scripts, *NO_SCRIPT}))
    return rf"[\p{{L}}--[{written}]]"


def letters(text: str) -> int:
    """How many letters of some script (not Common or Inherited) `text` holds."""
    return len(foreign_letters(frozenset()).findall(text))
