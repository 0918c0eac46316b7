"""Evidence from greetings and address: `hi dave`, `thanks Aisha!`, `hello John and Mary`, and a
word addressed by name (`Jaiden , you are ...`, `... , Summer ?`), even one that is an English word
too when a question or an exclamation ends with it (`vocatives`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from recognizers.person.cue_words import (
    CALENDAR_DAYS,
    CALENDAR_WORDS,
    GREETING_FIRST,
    NOT_NAMES,
    TIME_GREETINGS,
)
from recognizers.person.text import CONTEXT_CHARS, Candidate, ScannedText
from recognizers.person.words import Word

GREETING = re.compile(
    r"(?<![\w@#])(?:hi|hey+|heya|hiya|hello|helo|howdy|yo|dear|thanks|thank\s+you|thankyou|thx|"
    r"thnx|tnx|ty|cheers|congrats|congratulations|welcome|bye|goodbye|good\s*(?:night|morning|"
    r"evening|afternoon)|morning|gm|gn|love\s+(?:you|ya|u)|miss\s+(?:you|ya|u)|happy\s+(?:birthday|"
    r"bday|new\s+year|anniversary|holidays)|merry\s+(?:christmas|xmas)|hbd|rip|r\.i\.p\.?|sorry|sup|"
    r"wassup|ok|okay|well\s+done|go|come\s+on|bless\s+you|shoutout\s+to|shout\s+out\s+to)"
    r"(?:[\s,!:]+(?:so\s+much|a\s+lot|again|very\s+much|for\s+that|too))?[\s,!:]+(?=\w)",
    re.IGNORECASE,
)
HEYY = re.compile(r"heyy+")
LETTERS = re.compile(r"[^\W\d_]+")
# Letters that match an ASCII letter ignoring case (re's rule) but whose lower() is not it.
ALSO_ASCII_LETTERS = "İıſ"
LIST_GAP = re.compile(r"\s*[,&]\s*")
VOCATIVE_AFTER_FIRST = re.compile(r"\s*,")
VOCATIVE_AFTER_LAST = re.compile(r"\s*[!?.]*\s*(?:\n|\Z)")
# A question or an exclamation ending with the word: its line or the text ends after the marks.
QUESTION_AFTER = re.compile(r"[ \t]*[!?]+[ \t]*(?:\n|\Z)")


def greetings(t: ScannedText) -> Iterator[Candidate]:
    """`hi dave`, `thanks Aisha!`, `hello John and Mary`."""
    for match in greeting_matches(t):
        i = t.index_at(match.end())
        if i is not None and _a_time(t, i):
            continue  # `Goodbye, Summer!`, `Welcome, December`, `hi Sunday`
        while i is not None:
            # Lower case only in English text: `yo le digo` is Spanish (`yo`: I), not `yo, Le`.
            n = t.name_run(i, lowercase_ok=t.english)
            if not n or _greets_on(t, i):
                break
            first = t.words[i]
            known = t.lex.is_name(first.key) and first.key not in t.lex.common
            yield t.span(i, n, "greeting_known" if known else "greeting_capitalised")
            i = _next_in_list(t, i + n)


def vocatives(t: ScannedText) -> Iterator[Candidate]:
    """`Where are my keys, Summer?`, `Good one, Will!`: a capitalised given name that is an English
    word too, after a comma, ending a question or an exclamation (its line or the text), in English
    text. Such a name alone is no name (`Summer`, `Will`); one no word is found by `addressed`."""
    if not t.english or "," not in t.text:
        return
    for i, w in enumerate(t.words):
        if (i > 1 and w.title and not w.in_link and w.key in t.lex.given and t.lex.is_word(w.key)
                and w.key not in NOT_NAMES and not _a_time(t, i) and QUESTION_AFTER.match(t.text, w.end)
                and t.left_of(w.start).rstrip(" ").endswith(",") and _after_a_clause(t, i)):
            yield Candidate(w.start, w.end, "vocative")


def _greets_on(t: ScannedText, i: int) -> bool:
    """Word i is a lower-case greeting or thanks word with more on its line (`ok ty kishan`, `hi
    ty`: `ty` ends it, a name): it greets or thanks in turn, naming no one."""
    w = t.words[i]
    return w.text.islower() and _greets(w.key) and i + 1 < len(t.words) and "\n" not in t.gap(i, i + 1)


def _a_time(t: ScannedText, i: int) -> bool:
    """Word i names a time, no one: a day or a holiday (`What a day, Sunday!`), or a month or a
    season in a sentence that greets or sees one off (`Welcome back, Spring!`)."""
    key = t.words[i].key
    if key in CALENDAR_DAYS:
        return True
    if key not in CALENDAR_WORDS:
        return False
    j = i
    while j > 0 and not t.words[j].sentence_start:
        j -= 1
    return any(w.key in TIME_GREETINGS for w in t.words[j:i])


def _after_a_clause(t: ScannedText, i: int) -> bool:
    """Two words or more of the same sentence before word i's comma (`Where are my keys, Summer?`,
    not `ok, Cool?`)."""
    return not (t.words[i - 1].sentence_start or t.words[i - 2].in_link)


def greeting_matches(t: ScannedText) -> Iterator[re.Match[str]]:
    """What GREETING.finditer gives, trying GREETING only where a word (or a part of one
    after `-` or `'`) is the first word of a greeting, not at every character."""
    text = t.text
    if any(c in text for c in ALSO_ASCII_LETTERS):  # lower() would not show them as letters
        yield from GREETING.finditer(text)
        return
    scanned_to = 0
    for w in t.words:
        key = w.key  # the word folded: lower case, so also every greeting word as it is
        if "-" in key or "'" in key:
            starts = [w.start + m.start() for m in LETTERS.finditer(w.text) if _greets(m.group().lower())]
        elif key in GREETING_FIRST or key.startswith("heyy"):
            starts = [w.start]
        else:
            continue
        for start in starts:
            if start >= scanned_to:
                match = GREETING.match(text, start)
                if match:
                    scanned_to = match.end()
                    yield match


def _greets(word: str) -> bool:
    """A lower-case word is the first word of a greeting."""
    return word in GREETING_FIRST or bool(HEYY.fullmatch(word))


def _next_in_list(t: ScannedText, i: int) -> int | None:
    """The word after `and` / `&` / `,` that continues a list of names, if any."""
    if i >= len(t.words):
        return None
    if LIST_GAP.fullmatch(t.gap(i - 1, i)):
        return i
    if t.words[i].key == "and" and i + 1 < len(t.words):
        return i + 1
    return None


def addressed(t: ScannedText, w: Word) -> bool:
    """Addressed by name: `Jaiden , you are ...`, `... , Summer ?`."""
    before = t.left_of(w.start).rstrip(" ")
    after = t.text[w.end:w.end + CONTEXT_CHARS]
    if w.sentence_start and VOCATIVE_AFTER_FIRST.match(after):
        return True
    return bool(before.endswith(",") and VOCATIVE_AFTER_LAST.match(after))
