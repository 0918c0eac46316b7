"""One text as the person rules read it (:class:`ScannedText`), and what a rule finds
(:class:`Candidate`): the helpers every kind of evidence shares."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from recognizers.lexicon import NameLexicon, respelled, web_frequency
from recognizers.person.cue_words import HONORIFICS, LOWER_WEB_RARE, NOT_NAMES, TITLES
from recognizers.person.hashtags import LONGEST_SEGMENTED, segmented
from recognizers.person.words import Word, caps_informative, mostly_english, shouted, words_of

# Characters of context read on each side of a word: the longest context phrase is far shorter.
CONTEXT_CHARS = 80
# The longest stretch of letters a drawn-out chat word repeats (`lolol`: `lo`, `hahaha`: `ha`).
REPEAT_PERIOD = 3
# An ASCII letter: a folded word without one is in another script (`меня`, `αγάπη`).
LATIN_LETTER = re.compile(r"[a-z]")


@dataclass(frozen=True)
class Candidate:
    """A name span and the kind of evidence for it."""

    start: int
    end: int
    kind: str
    anchor: tuple[int, int] | None = None  # the name a `name_extended` candidate widens


class ScannedText:
    """One text's words with the facts every rule asks of them (`scan` builds it). `shouted`: the
    text was written in capitals and is read in lower case (`scan`)."""

    def __init__(self, text: str, words: list[Word], lexicon: NameLexicon, shouted: bool = False):
        self.text, self.words, self.lex, self.shouted = text, words, lexicon, shouted
        self.caps_informative = caps_informative(words, lexicon)
        self.english = mostly_english(words, lexicon)

    @functools.cached_property
    def english_besides_rare(self) -> bool:
        """Mostly English once the words of links and the words no list holds that are rare on the
        web are left out: the names written in lower case (`lucanchan`, `sitaram`) and the `http`,
        `co` of a link do not make a short English text look foreign."""
        vocabulary = self.lex.words
        kept = [w for w in self.words if not w.in_link
                and (w.key in vocabulary or web_frequency(w.key) >= LOWER_WEB_RARE)]
        return mostly_english(kept, self.lex)

    # -- what a word is --------------------------------------------------------------------

    def known(self, w: Word) -> bool:
        """In the lists and not a common English word."""
        return self.lex.is_name(w.key) and w.key not in self.lex.common and not w.in_link

    def plain_word(self, key: str) -> bool:
        """An English or chat word, as it is or stretched or clipped (`Nahh`, `Sooo`, `Mornin`) or
        its syllable repeated (`lolol`): never the unlisted other half of a name (`Nahh Jones`,
        `Maria Sooo`) nor a name signing off (`thanks,\nlolol`)."""
        return (self.lex.is_word(key) or key in NOT_NAMES or bool(respelled(key, self.lex))
                or repeated(key, self.lex))

    def rare_unlisted(self, w: Word) -> bool:
        """A word no list holds, in lower case or capitals, that may be a name where a name is
        expected (a sign-off's own line, an e-mail display name: `thanks,\nkishan`, `From: kishan
        <...>`): letters with a Latin one, no English or chat word as it is or respelled, rarer on
        the web than `web_rare` (`kishan` 1.8) and not English words run together (`noreply`)."""
        key = w.key
        if (w.in_link or w.title or not key.isalpha() or not LATIN_LETTER.search(key)
                or self.lex.is_name(key) or self.plain_word(key)):
            return False
        return web_frequency(key) < LOWER_WEB_RARE and not words_run_together(key, self.lex)

    def namelike(self, w: Word, lowercase_ok: bool | str, common_ok: bool = True) -> bool:
        """Could be a name where a name is expected (after an honorific, a greeting, a dash).

        Capitalised: from the lists (if `common_ok`, even when also a common word: `Mr. King`)
        or no English word, stretched or clipped (`Sooo`, `Mornin`) or not. Lower case (if
        `lowercase_ok`): from the lists and no English word; `lowercase_ok="listed"`: any word from
        the lists (after `mr`, `dr`).
        """
        if w.in_link or w.key in NOT_NAMES or w.key in HONORIFICS or w.key in TITLES:
            return False
        if w.title:
            if w.key in self.lex.common:
                return common_ok and self.lex.is_name(w.key)
            # a stretched or clipped word is the word (`thanks Sooo much`, `ok Cooool`)
            return self.lex.is_name(w.key) or not (self.lex.is_word(w.key) or respelled(w.key, self.lex))
        if lowercase_ok == "listed":  # after `mr` / `dr`: `mr smith`
            return w.text.islower() and self.lex.is_name(w.key)
        return bool(lowercase_ok) and w.text.islower() and self.known(w) and not self.lex.is_word(w.key)

    # -- where words are -------------------------------------------------------------------

    def index_at(self, offset: int) -> int | None:
        """The index of the word starting at `offset`."""
        return self._by_start.get(offset)

    def index_ending_at(self, offset: int) -> int | None:
        """The index of the word ending at `offset`."""
        return self._by_end.get(offset)

    @functools.cached_property
    def _by_start(self) -> dict[int, int]:
        return {w.start: i for i, w in enumerate(self.words)}

    @functools.cached_property
    def word_starts(self) -> list[int]:
        """Where each word starts, in order (for bisect)."""
        return [w.start for w in self.words]

    @functools.cached_property
    def _by_end(self) -> dict[int, int]:
        return {w.end: i for i, w in enumerate(self.words)}

    def gap(self, i: int, j: int) -> str:
        """The text between words i and j (either order)."""
        a, b = (i, j) if i < j else (j, i)
        return self.text[self.words[a].end:self.words[b].start]

    def left_of(self, position: int) -> str:
        """The text before `position` that context patterns read: a bounded window starting at a
        word boundary, so that scanning every word stays linear in the text's length."""
        start = max(0, position - CONTEXT_CHARS)
        if start:
            space = self.text.find(" ", start, position)
            start = space + 1 if space >= 0 else start
        return self.text[start:position]

    # -- names -----------------------------------------------------------------------------

    def name_run(self, i: int, lowercase_ok: bool | str, limit: int = 3, common_ok: bool = True) -> int:
        """How many words from `i` make one name: name-like words and initials, one space apart."""
        n = 0
        while i + n < len(self.words) and n < limit:
            w = self.words[i + n]
            if n and not re.fullmatch(r"\.? ", self.text[self.words[i + n - 1].end:w.start]):
                break
            if not (self.namelike(w, lowercase_ok, common_ok) or (n and w.initial)):
                break
            n += 1
        while n > 1 and self.words[i + n - 1].initial:
            n -= 1
        return n

    def span(self, i: int, n: int, kind: str) -> Candidate:
        """The candidate covering words i .. i+n-1."""
        return Candidate(self.words[i].start, self.words[i + n - 1].end, kind)


def words_run_together(key: str, lexicon: NameLexicon, acronyms: int = 0) -> bool:
    """`key` (lower case) is two or more English or chat words written as one, as wordsegment
    splits it (`noreply`, `donotreply`, `webpack`, `salarymen`): a user or product name, no
    person's; up to `acronyms` of its parts may instead be any three letters or fewer (`chatgpt`:
    chat gpt, `nodejs`: node js)."""
    if not key.isascii() or len(key) > LONGEST_SEGMENTED:
        return False
    parts = segmented(key)
    odd = [p for p in parts if not (lexicon.is_word(p) or p in NOT_NAMES)]
    return len(parts) > 1 and len(odd) <= acronyms and all(len(p) <= 3 for p in odd)


def repeated(key: str, lexicon: NameLexicon) -> bool:
    """`key` (lower case) is an English or chat word drawn out by repeating its last syllable
    (`lolol`: lol, `xoxoxo`: xoxo, `hahahah`): it repeats a stretch of up to REPEAT_PERIOD letters
    more than twice over and starts with such a word longer than that stretch (`kaka` does not)."""
    for period in range(1, REPEAT_PERIOD + 1):
        if len(key) > 2 * period and key[period:] == key[:-period]:
            return any(lexicon.is_word(key[:n]) or key[:n] in NOT_NAMES for n in range(period + 1, len(key)))
    return False


def scan(text: str, lexicon: NameLexicon) -> ScannedText:
    """`text` split into words, ready for the rules. A shouted text (most words of four letters or
    more in capitals) is read in lower case: its capitals say nothing, so the rules for lower-case
    text with a cue apply (`MY COUSIN KISHAN` as `my cousin kishan`); the offsets are the same.
    A bare listed name is no name there (ScannedText.shouted): shouted, a place is written like a
    name (`I MISS LONDON`, `BACK IN JACKSON`)."""
    words = words_of(text)
    if shouted(words):
        lower = text.lower()
        if len(lower) == len(text):  # the same offsets (not so for a few letters: `İ`)
            return ScannedText(lower, words_of(lower), lexicon, shouted=True)
    return ScannedText(text, words, lexicon)
