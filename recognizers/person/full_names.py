"""Evidence from the name lists over several words: a given name and a surname in a row
(`Naomi Ryan`, `amara mensah`, `Jonas Nielsen`), and lists where most items are names
(`Anthony, Derek, Anna and Andrew`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from recognizers.person.cue_words import NOT_NAMES
from recognizers.person.text import Candidate, ScannedText
from recognizers.person.words import NAME_SHAPE, Word

LIST_JOIN = re.compile(r"\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+")


def name_lists(t: ScannedText) -> Iterator[Candidate]:
    """`Anthony, Derek, Anna and Andrew`: capitalised words in a list where most are names."""
    for items in _lists(t):
        known = sum(t.known(w) and w.key not in t.lex.less_common for w in items)
        if known >= 2 and known * 2 >= len(items):
            for w in items:
                if not t.lex.is_word(w.key) or t.known(w):
                    yield Candidate(w.start, w.end, "name_list")


def _lists(t: ScannedText) -> Iterator[list[Word]]:
    """Runs of capitalised words joined by `,` / `and` / `&` (three or more items)."""
    run: list[Word] = []
    for w in t.words:
        if run:
            joined = LIST_JOIN.fullmatch(t.text[run[-1].end:w.start])
            if not joined or not (w.title and NAME_SHAPE.match(w.text)):
                if len(run) >= 3:
                    yield run
                run = []
        if w.title and NAME_SHAPE.match(w.text) and not w.in_link:
            run.append(w)
    if len(run) >= 3:
        yield run


def full_names(t: ScannedText) -> Iterator[Candidate]:
    """Two or three name words in a row, at least one from the lists."""
    lex, caps, english = t.lex, t.caps_informative, t.english
    for i in range(len(t.words) - 1):
        first = t.words[i]
        # What pair_kind asks of the first word, whatever follows it: most words fail here.
        if first.in_link or first.key in NOT_NAMES or not (
                (first.title and caps) or (english and first.key in lex.given and first.text.islower())):
            continue
        n = pair_length(t, i)
        if n < 2:
            continue
        kind = pair_kind(t, t.words[i], t.words[i + n - 1])
        if kind:
            yield t.span(i, n, kind)


def pair_length(t: ScannedText, i: int) -> int:
    """Words i.. that sit one space apart (an initial may sit between), up to three."""
    words = t.words
    n = 1
    while i + n < len(words) and n < 3:
        gap = t.gap(i + n - 1, i + n)
        if gap != " " and not (words[i + n - 1].initial and gap == ". "):
            break
        n += 1
    if n == 3 and not words[i + 1].initial and not _both_names(t, words[i + 1], words[i + 2]):
        n = 2
    return n


def _both_names(t: ScannedText, a: Word, b: Word) -> bool:
    return a.title and b.title and t.lex.is_name(a.key) and t.lex.is_name(b.key)


def pair_kind(t: ScannedText, first: Word, last: Word) -> str | None:
    """The evidence a given-name + surname pair gives, or None."""
    lex = t.lex
    if first.in_link or last.in_link or first.key in NOT_NAMES or last.key in NOT_NAMES:
        return None
    given, surname = first.key in lex.given, last.key in lex.surnames
    if first.title and last.title and t.caps_informative:
        if given and surname and not (first.key in lex.common and last.key in lex.common):
            return "full_name" if first.key not in lex.common and last.key not in lex.common else "name_pair"
        if given and surname:
            return "common_pair"
        if given and first.key not in lex.common and not t.plain_word(last.key):
            return "name_pair"
        if surname and last.key not in lex.common and not t.plain_word(first.key) and not first.sentence_start:
            return "name_pair"
        return None
    lower = first.text.islower() and last.text.islower() and given and surname and t.english
    if lower and not (lex.is_word(first.key) or lex.is_word(last.key)):
        return "full_name_lower"
    return None
