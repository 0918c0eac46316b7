"""Evidence from e-mail structure: the display names in address lists and header lines
(`From: "Kowalczyk, Jan" <jan@example.com>`, `To: Smith, Anna; Brown, Tom M.`, `Cc: ...`) and
before an address anywhere (`On Monday, Anna Smith <anna@example.com> wrote:`), in the forms
`Given Surname`, `Surname, Given [M.]` and with initials (`J. Kowalczyk`).

A display name is the run of name words that ends the item (or the text before the address):
capitalised words from the name lists or no English word, initials, listed names in capitals,
and in lower case or capitals a word no list holds that is rare on the web (`kishan`).
One word alone must be a listed name that is no common word, or no English word at all
(`From: Customer Service <...>`, `To: All staff` name no one). Nothing in a date header line
(`Sent: Mon, 3 Mar 2014`) is a name, nor a display name that is a label of its own address's
domain (`github <notifications@github.com>`: a brand; `kishan <kishan@x.com>` stays a name).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from recognizers.lexicon import NAME_PARTICLES
from recognizers.person.cue_words import BYLINE_NOT_NAMES
from recognizers.person.text import Candidate, ScannedText
from recognizers.person.words import Word

# A header line that lists people: its value runs to the end of the line, and on to lines that
# start with white space (a folded header) when the line ends with a separator.
ADDRESS_HEADER = re.compile(
    r"(?im)^[ \t>]*(?:from|to|cc|bcc|reply-to|sender|recipients?|attn)[ \t]*:[ \t]*")
FOLDED = re.compile(r"[ \t>]+\S")
# A header line that holds a date (`Sent: Mon, 3 Mar 2014`): no name in it (`Mon` is a given name).
DATE_HEADER = re.compile(r"(?im)^[ \t>]*(?:date|sent)[ \t]*:[^\n]*")
# A weekday's abbreviation that dates something (`On Mon, 3 Mar 2014, ... wrote:`, `Mon 3/3`):
# a date, not a name, wherever it stands.
DATED_WEEKDAY = re.compile(
    r"\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?[ \t]+"
    r"(?=\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d)")
# An address in angle brackets, or Outlook's `[mailto:...]`, that a display name may precede.
ADDRESS = re.compile(r"<[^<>\s@]+@[^<>\s]+>|\[mailto:[^\]\s]+\]")
# The domain of an address that ADDRESS matched, and what of a label or display name is compared.
DOMAIN = re.compile(r"@([^<>\s\]]+)")
NOT_ALNUM = re.compile(r"[\W_]+")
# Where the text a display name is read from starts, going back from an address.
DISPLAY_START = re.compile(r"[\n:;,(\"]")
MAX_NAME_WORDS = 4
# How far back from an address its display name is looked for.
DISPLAY_REACH = 120
# Gaps allowed between the words of one display name; `, ` only once (`Surname, Given`).
NAME_GAPS = frozenset({" ", ", "})
INITIAL_GAPS = frozenset({" ", ". ", ".", ", "})


def header_names(t: ScannedText) -> Iterator[Candidate]:
    """Display names in address header lines and before an address in angle brackets."""
    seen: set[int] = set()
    for start, end in (*_header_items(t.text), *_before_addresses(t.text)):
        run = _name_run_ending(t, start, end)
        if run and run[0].start not in seen and _names_someone(t, run) and not _brand(t, run, end):
            seen.add(run[0].start)
            yield Candidate(run[0].start, run[-1].end, "header_name")


def date_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each header line that holds a date (`Date:`, `Sent:`), and of each weekday
    abbreviation a date follows (`On Mon, 3 Mar 2014, Kevin Smith wrote:`)."""
    spans = [m.span() for m in DATED_WEEKDAY.finditer(text)]
    if ":" in text:
        spans += [m.span() for m in DATE_HEADER.finditer(text)]
    return spans


def _header_items(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the text of each item of each address header, its address left out."""
    if ":" not in text:
        return
    for match in ADDRESS_HEADER.finditer(text):
        end = _value_end(text, match.end())
        separators = ";" if ";" in text[match.end():end] else ","
        for start, stop in _items(text, match.end(), end, separators):
            address = ADDRESS.search(text, start, stop)
            yield start, address.start() if address else stop


def _value_end(text: str, start: int) -> int:
    """Where a header's value ends: the end of its line, or of the lines folded into it (the
    line ends with `,` or `;` and the next starts with white space)."""
    end = text.find("\n", start)
    while end >= 0 and text[start:end].rstrip().endswith((",", ";")) and FOLDED.match(text, end + 1):
        end = text.find("\n", end + 1)
    return len(text) if end < 0 else end


def _items(text: str, start: int, end: int, separators: str) -> Iterator[tuple[int, int]]:
    """The items of a header value between `separators` that are outside quotes and brackets."""
    quoted, depth, item_start = False, 0, start
    for i in range(start, end):
        c = text[i]
        if c == '"':
            quoted = not quoted
        elif c in "<[":
            depth += 1
        elif c in ">]":
            depth = max(0, depth - 1)
        elif c in separators and not quoted and not depth:
            yield item_start, i
            item_start = i + 1
    yield item_start, end


def _before_addresses(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the text before each address in angle brackets, back to a line start or a
    separator, or to the opening quote of a quoted display name (`"Kowalczyk, Jan" <...>`)."""
    if "@" not in text:
        return
    for match in ADDRESS.finditer(text):
        end = match.start()
        window = max(0, end - DISPLAY_REACH)
        head = text[window:end].rstrip()
        if head.endswith('"'):
            opening = head.rfind('"', 0, len(head) - 1)
            yield (window + opening + 1 if opening >= 0 else end), end
        else:
            starts = [m.end() for m in DISPLAY_START.finditer(head)]
            yield window + (starts[-1] if starts else 0), end


def _name_run_ending(t: ScannedText, start: int, end: int) -> list[Word]:
    """The name words, initials and particles that end text[start:end], going back (at most four
    words besides initials and particles, one `, ` between them)."""
    first = bisect.bisect_left(t.word_starts, start)
    last = bisect.bisect_left(t.word_starts, end)
    words = [w for w in t.words[first:last] if w.end <= end]
    if not words or t.text[words[-1].end:end].strip(" \t\".'"):
        return []
    run: list[Word] = []
    commas = 0
    for w in reversed(words):
        if run:
            gap = t.text[w.end:run[0].start]
            if gap not in (INITIAL_GAPS if w.initial else NAME_GAPS):
                break
            commas += gap.startswith(",")
            if commas > 1:
                break
        particle = bool(run) and w.key in NAME_PARTICLES and w.text.islower()  # `van de Biesenbos`
        if not (w.initial or particle or _name_word(t, w)):
            break
        run.insert(0, w)
        if len(_name_words(run)) > MAX_NAME_WORDS:
            return []
    return run


def _name_words(run: list[Word]) -> list[Word]:
    """The words of a display name but its initials and particles."""
    return [w for w in run if not w.initial and not (w.key in NAME_PARTICLES and w.text.islower())]


def _name_word(t: ScannedText, w: Word) -> bool:
    """A word a display name may hold: name-like (`Anna`, `Kowalczyk`, `jan` when listed), a
    listed name in capitals (`KOWALCZYK`), or in any case a word no list holds that is rare on the
    web and no English word (`kishan`, `OKAFOR`: ScannedText.rare_unlisted)."""
    if w.key in BYLINE_NOT_NAMES:
        return False
    if t.namelike(w, lowercase_ok=True) or t.rare_unlisted(w):
        return True
    return w.text.isupper() and len(w.text) > 1 and not w.in_link and t.lex.is_name(w.key)


def _names_someone(t: ScannedText, run: list[Word]) -> bool:
    """Two name words or more, or one that is a listed name and no common word (`Anna`), or no
    English word (`Okafor`): not `Service` of `Customer Service`, a surname in the lists too."""
    names = _name_words(run)
    if len(names) != 1:
        return bool(names)
    key = names[0].key
    return (t.lex.is_name(key) and key not in t.lex.common) or not t.lex.is_word(key)


def _brand(t: ScannedText, run: list[Word], end: int) -> bool:
    """The display name `run`, letters and digits only, is a label of the domain of the address
    starting at `end` (`github <notifications@github.com>`, `Drop Box <x@dropbox.com>`): the sender
    is that domain's company. The address's local part says nothing (`kishan <kishan@x.com>`)."""
    address = ADDRESS.match(t.text, end)
    domain = DOMAIN.search(address.group()) if address else None
    if domain is None:
        return False
    labels = {NOT_ALNUM.sub("", label) for label in domain.group(1).lower().split(".")}
    return NOT_ALNUM.sub("", t.text[run[0].start:run[-1].end].lower()) in labels
