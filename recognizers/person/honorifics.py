"""Evidence from honorifics and titles: the name after `Dr.`, `mrs`, `Uncle`, `President`; and
stage names, whose first word is part of the name (`DJ Khaled`, `lil wayne`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from recognizers.lexicon import NAME_PARTICLES
from recognizers.person.cue_words import (
    CALENDAR_WORDS,
    CAPITALISED_HONORIFICS,
    HONORIFICS,
    NOT_NAMES,
    STAGE_NOT_NAMES,
    STAGE_NOUN_BEFORE,
    STAGE_TITLES,
    TITLES,
)
from recognizers.person.text import Candidate, ScannedText
from recognizers.person.words import NAME_SHAPE, Word

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
        p = 0 if title else _particles(t, i + 1)
        n = t.name_run(i + 1 + p, lowercase_ok="listed" if not (title or w.title) else False)
        first = t.words[i + 1 + p] if i + 1 + p < len(t.words) else None
        if p and not n and first and NAME_SHAPE.match(first.text):
            n = 1  # after a particle a capitalised word is the surname, even an English word (`de Bruin`)
        if n and first and (p or first.title or t.lex.is_name(first.key)):
            yield t.span(i + 1, p + n, "title" if title else "honorific")
        elif not (p or title or w.title) and first and _lower_surname(t, first):
            yield t.span(i + 1, 1, "honorific")  # lower-case text: `thank you, mr. wojtalewicz`


def _lower_surname(t: ScannedText, w: Word) -> bool:
    """Lower-case word `w` after a lower-case honorific is a surname (`mr. wojtalewicz`): no list
    holds it, no English or chat word, rare on the web (`rare_unlisted`), in English text (in
    Swedish `det` and in Czech `přes` are no honorifics: `det blev`, `přes hodinu`)."""
    return w.text.islower() and t.rare_unlisted(w) and t.english_besides_rare


def _particles(t: ScannedText, i: int) -> int:
    """How many lower-case surname particles start at word i, one space apart, before a capitalised
    word (`Ms. de Bruin`, `Mrs. van der Heiden`: part of the name); 0 when none or no such word,
    or outside English text (`Col du Tourmalet` in a Polish one)."""
    if not t.english:
        return 0
    p = 0
    while (i + p + 1 < len(t.words) and t.words[i + p].key in NAME_PARTICLES
           and t.words[i + p].text.islower() and t.gap(i + p, i + p + 1) == " "):
        p += 1
    return p if p and t.words[i + p].title else 0


def stage_names(t: ScannedText) -> Iterator[Candidate]:
    """`DJ Khaled`, `MC Hammer`, `Lil Yachty`, `lil wayne`: a stage name's first word (`stage_titles`)
    and the name after it, one finding. The name: a listed name in any case (`lil wayne`), or a
    capitalised word and the name-like words after it (`Lil Darth Vader`); an English word only
    where it reads as a name (`DJ Switch Now`, `_word_as_name`). Never a chat word (`DJ Lol`), a
    day or a month (`a DJ Friday`), the act or the gear (`DJ Set`, `DJ Mixer`: `stage_not_names`)
    or an English word's plural (`DJ Decks`). Not in a shouted text, read in lower case (`LIL
    BIT`), unless the name is listed."""
    for i, w in enumerate(t.words[:-1]):
        if w.key not in STAGE_TITLES or w.in_link or t.gap(i, i + 1) != " " or _surname_prefix(t, i):
            continue
        name = t.words[i + 1]
        if name.in_link or _no_stage_name(t, name.key):
            continue
        if name.title and NAME_SHAPE.match(name.text):
            if t.lex.is_word(name.key) and not t.lex.is_name(name.key) and not _word_as_name(t, i):
                continue
            more = i + 2 < len(t.words) and t.gap(i + 1, i + 2) == " "
            n = 1 + (t.name_run(i + 2, lowercase_ok=False, limit=2) if more else 0)
        elif t.lex.is_name(name.key) and name.key not in t.lex.common:
            n = t.name_run(i + 1, lowercase_ok="listed", limit=3) or 1
        else:
            continue
        yield Candidate(w.start, t.words[i + n].end, "stage_name")


def _surname_prefix(t: ScannedText, i: int) -> bool:
    """`Mc Donalds`, `MC Donalds`: an `Mc` that with the next word makes a listed surname."""
    return t.words[i].key == "mc" and "mc" + t.words[i + 1].key in t.lex.names


def _no_stage_name(t: ScannedText, key: str) -> bool:
    """A word after a stage word that names no one: a chat word, a day or a month, the act or the
    gear, an English word's plural (`Decks`, `Headphones`)."""
    if key in NOT_NAMES or key in CALENDAR_WORDS or key.removesuffix("s") in STAGE_NOT_NAMES:
        return True
    return key.endswith("s") and t.lex.is_word(key[:-1]) and not t.lex.is_name(key)


def _word_as_name(t: ScannedText, i: int) -> bool:
    """The English word after stage word i reads as a name (`a reaction to DJ Switch Now or Never`,
    `hair from Papa Censor`): no article or adjective makes the stage word a noun before it (`new
    DJ Controller`, `the DJ Decks`), and no lower-case word goes on the phrase after it (`DJ
    Software update`, `Lil Bit of sugar`)."""
    if i > 0 and t.words[i - 1].key in STAGE_NOUN_BEFORE:
        return False
    if i + 2 >= len(t.words) or t.gap(i + 1, i + 2).strip():
        return True
    return not t.words[i + 2].text.islower()


def _street_dr(t: ScannedText, i: int) -> bool:
    """`12 Oak Dr.`: `Dr` after a number and a capitalised word is a street."""
    return t.words[i].key == "dr" and bool(STREET_NUMBER_BEFORE.search(t.left_of(t.words[i].start)))
