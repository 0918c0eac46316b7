"""Widening: a name found by a rule or by the NER takes in the word beside it when that word is no
English word and is written like the name (`<Petteri> Tarkkonen`, `Rościsław <Dudek>`): no list
holds most surnames. Also a middle initial between (`<Sari> J. Paavolainen`), initials before
(`J. <Kowalczyk>`, and one without its dot before a listed surname: `K <Choi>`), a lower-case
surname no list holds after a listed given name (`<Mauro> renallo`) and a generation or degree
after (`Kevin Veitonen II`, `Ana Ruiz, MD`)."""

from __future__ import annotations

from collections.abc import Collection, Container, Iterator

from recognizers.lexicon import web_frequency
from recognizers.person.cue_words import (
    ADDRESSING_VERBS,
    CAPITALISED_SUFFIXES,
    GREETING_FIRST,
    LOWER_WEB_RARE,
    NAME_SUFFIXES,
    NEVER_SINGLE,
)
from recognizers.person.text import LATIN_LETTER, Candidate, ScannedText
from recognizers.person.words import ELONGATED, NAME_SHAPE, Word

MAX_INITIALS = 3


def extensions(t: ScannedText, anchors: Collection[tuple[int, int]]) -> Iterator[Candidate]:
    """Each name (start, end) widened by the word beside it, one space away, when that word
    is no English word and is written like the name's own word next to it: `<Petteri>
    Tarkkonen`, `Rościsław <Dudek>`, `<TANNER> FOXX`, not `<Kylie> minogue`. A middle initial
    may sit between, `<Sari> J. Paavolainen`. In lower case or capitals the word must be a
    listed name."""
    starts = {start for start, _ in anchors}
    for start, end in anchors:
        first, last = t.index_at(start), t.index_ending_at(end)
        if first is None or last is None:
            continue
        new_start, new_end = start, end
        after = _beside(t, last, +1, starts)
        if after is not None:
            new_end = t.words[after].end
        suffix = _suffix_after(t, last if after is None else after)
        if suffix is not None:
            new_end = t.words[suffix].end
        before = _beside(t, first, -1)
        if before is not None:
            new_start = t.words[before].start
        initials = _initials_before(t, first if before is None else before)
        if initials is not None:
            new_start = t.words[initials].start
        if (new_start, new_end) != (start, end):
            yield Candidate(new_start, new_end, "name_extended", anchor=(start, end))


def _beside(t: ScannedText, i: int, step: int, names_at: Container[int] = ()) -> int | None:
    """The index of the surname-like word next to word i in direction `step` (over a middle
    initial when going right, up to a name starting at one of `names_at`), or None."""
    words, name = t.words, t.words[i]
    j = i + step
    if not 0 <= j < len(words) or t.gap(i, j) != " ":
        return None
    if step > 0 and len(words[j].text) == 1 and j + 1 < len(words) and \
            t.gap(j, j + 1) in (" ", ". ") and _written_alike(words[j].text, name.text, initial=True):
        j += 1  # `Sari J. Paavolainen`, `Jildau S Bouts`
        if words[j].start in names_at:  # `<hyuuma> t. <maida>`: one name
            return j
    if step > 0 and _unlisted_lower_surname(t, words[j], name):
        return j
    if step < 0 and words[j].key in ADDRESSING_VERBS and name.key in t.lex.given:
        return None  # `ping kevin`, `Ask Maria`: a chat verb addressing the name (Ping is a name too)
    if step < 0 and words[j].key in GREETING_FIRST and words[j].text.islower():
        return None  # `ok ty kishan`: chat thanks or a greeting before the name (Ty is a name too)
    return j if _surname_like(t, words[j], name) else None


def _unlisted_lower_surname(t: ScannedText, w: Word, name: Word) -> bool:
    """`Mauro renallo`: a lower-case word of three letters or more after a capitalised listed
    given name, in English text, that no list holds, no English or chat word as it is or respelled
    (`Maria sooo`, `Mario bros`), rarer on the web than `web_rare` (`kishan` 1.8): a surname
    written carelessly. (Unlike a lone word, it may split into short words: `ren allo`.)"""
    key = w.key
    if not (w.text.islower() and name.title and name.key in t.lex.given and not name.in_link):
        return False
    return (len(key) > 2 and key.isalpha() and bool(LATIN_LETTER.search(key)) and not t.lex.is_name(key)
            and not t.plain_word(key) and web_frequency(key) < LOWER_WEB_RARE and t.english_besides_rare)


def _initials_before(t: ScannedText, i: int) -> int | None:
    """The index of the first of up to three initials right before word i (`J. Kowalczyk`,
    `J. R. Tarkkonen`, `J.R. Tarkkonen`), each with its dot, or None. The NER's names come
    without them: the engine trims short capitals off a name's edges."""
    words, first = t.words, None
    j = i - 1
    if _bare_initial_before_surname(t, i):
        return j
    while j >= 0 and i - j <= MAX_INITIALS and words[j].initial and not words[j].in_link:
        if t.gap(j, j + 1) not in ((". ",) if j == i - 1 else (". ", ".")):
            break
        first, j = j, j - 1
    return first if first is not None and words[i].text[0].isupper() else None


def _bare_initial_before_surname(t: ScannedText, i: int) -> bool:
    """`Joan & K Choi`: one capital without its dot, one space before word i, a capitalised
    listed surname; not `A` or `I` (`A Smith came`)."""
    j = i - 1
    if j < 0 or t.gap(j, i) != " ":
        return False
    initial, surname = t.words[j], t.words[i]
    return (initial.initial and not initial.in_link and initial.key not in NEVER_SINGLE
            and surname.title and surname.key in t.lex.surnames)


def _suffix_after(t: ScannedText, i: int) -> int | None:
    """The index of a generation or degree right after word i (`II`, `Jr.`, `, MD`), or None."""
    j = i + 1
    if j >= len(t.words) or t.gap(i, j) not in (" ", ", "):
        return None
    w = t.words[j]
    written = w.text.isupper() or (w.title and w.key in CAPITALISED_SUFFIXES)
    return j if w.key in NAME_SUFFIXES and written and not w.in_link else None


def _surname_like(t: ScannedText, w: Word, name: Word) -> bool:
    key = w.key
    if w.in_link or name.in_link or len(key) < 2 or key in NEVER_SINGLE or t.plain_word(key):
        return False
    if not _written_alike(w.text, name.text):
        return False
    if w.title:  # no English word and shaped like a name: `Petteri`, `Bašić`, not `Awwww`
        return not ELONGATED.search(w.text)
    # In lower case or capitals, slang and other languages are no English word either
    # (`aint`, `vadiya`, `KA`): only a listed name, or in lower case a word with accents
    # (`monika žilková`, English slang has none), and lower case only in English text.
    if w.text.islower():
        return t.english and (t.lex.is_name(key) or not w.text.isascii())
    return t.lex.is_name(key)


def _written_alike(text: str, like: str, initial: bool = False) -> bool:
    """Written in the same case as `like`: capitalised (`Kylie Minogue`), lower case or
    capitals (`TANNER FOXX`). A one-letter initial only needs the case of `like`'s first letter."""
    if initial:
        return text.isupper() == like[0].isupper()
    if like.islower():
        return text.islower()
    if like.isupper() and len(like) > 1:
        return text.isupper()
    return text[0].isupper() and not text.isupper() and bool(NAME_SHAPE.match(text))
