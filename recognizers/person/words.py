"""The words of a text as the person rules read them: offsets, list key, shape, sentence starts,
and whether a word is part of a handle, hashtag, e-mail address or URL; and two facts about the
whole text (are its capitals informative, is it mostly English)."""

from __future__ import annotations

import bisect
import functools
import re

import regex

from recognizers.lexicon import NameLexicon, fold

WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
SENTENCE_END = re.compile(r"[.!?\n:;\"“”>]")
# The text before each word (no letters in it, so it ends where the word starts), then the word;
# or, once no word follows, the rest (matched at once, so trailing digits are not rescanned).
GAP_AND_WORD = re.compile(r"([\W\d_]*+)(" + WORD.pattern + r")|[\W\d_]+")
# A capitalised word not in the lists must look like a name: `Kishan`, `McKay`, `O'Neil`,
# `Jean-Luc`, not `WiFi`, `NowPlaying`, `PMs`.
NAME_SHAPE = regex.compile(r"^(?:Mc|Mac|O'|D'|De|Di|Da|La|Le|Van|Von)?\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)?$")
ELONGATED = re.compile(r"(\w)\1\1")  # `Awwww`, `Sooo`: no name

LINK_MARKS = ("@", "/", "#", "://", "www.", "_")
DOTTED = re.compile(r"\w\.\w")
INITIALS = re.compile(r"(?:[A-Z]\.)+\w*")
# What makes a chunk possibly link-like: a mark, or a dot between word characters.
LINK_HINT = re.compile(r"[@/#_]|www\.|\w\.\w")
CHUNK_REST = re.compile(r"[^ \n]*")
# Tokenised text splits handles and hashtags: `# NowPlaying`, `@Bulls _ Jay`, `/ u / name`: a word
# right after a mark, or after a mark and one white-space character, is part of a link.
SPLIT_MARK = re.compile(r"[#@/_]")


class Word:
    """A word of the text: its offsets, list key and shape (a plain class: texts have many)."""

    __slots__ = ("text", "start", "end", "key", "sentence_start", "in_link", "title", "initial")

    def __init__(self, text: str, start: int, end: int, key: str, sentence_start: bool, in_link: bool):
        self.text, self.start, self.end, self.key = text, start, end, key
        self.sentence_start, self.in_link = sentence_start, in_link
        # Capitalised like a name: `Dave`, `McKay`, `O'Brien`, not `DAVE` or `dave`.
        self.title = text[0].isupper() and (len(text) == 1 or not text.isupper())
        # A single capital letter (`J` in `Szabina J Gelencsér`).
        self.initial = len(text) == 1 and text.isupper()

    def __repr__(self) -> str:
        return f"Word({self.text!r}, {self.start}, {self.end})"


def shouted(words: list[Word]) -> bool:
    """Most words of four letters or more are in capitals (`FOLLOW KISHAN NOW`)."""
    long_words = [w for w in words if len(w.text) > 3]
    return sum(w.text.isupper() for w in long_words) * 2 > len(long_words)


def words_of(text: str) -> list[Word]:
    """The words of `text`, possessive `'s` stripped, with sentence starts and link membership."""
    links = LinkChunks(text)
    in_link = links.holds if links else None
    words: list[Word] = []
    position = 0
    for gap, word in GAP_AND_WORD.findall(text):
        if not word:  # the text ends without another word
            break
        start = position + len(gap)
        position = end = start + len(word)
        if end - start > 3 and word[-2] in "'’" and word[-1] in "sSſ":  # possessive
            word, end = word[:-2], end - 2
        words.append(Word(word, start, end, fold(word), not words or _ends_sentence(gap),
                          in_link is not None and in_link(start)))
    return words


@functools.lru_cache(maxsize=1 << 12)
def _ends_sentence(gap: str) -> bool:
    """The text between two words ends a sentence (the same few gaps come back again and again)."""
    return gap != " " and bool(SENTENCE_END.search(gap))


class LinkChunks:
    """Which space-separated chunks of a text are handles, hashtags, e-mail addresses, URLs or
    dotted identifiers: found once per text by one scan, since most texts have none."""

    def __init__(self, text: str):
        self.starts: list[int] = []
        self.ends: list[int] = []
        end = 0
        for hint in LINK_HINT.finditer(text):
            if hint.start() < end:  # in the chunk just decided
                continue
            start = max(text.rfind(" ", 0, hint.start()), text.rfind("\n", 0, hint.start())) + 1
            end = CHUNK_REST.match(text, hint.start()).end()  # type: ignore[union-attr]  # matches ""
            if _link_like(text[start:end]):
                self.starts.append(start)
                self.ends.append(end)
        self.after_marks: set[int] = set()  # where a word would start a split handle
        for mark in SPLIT_MARK.finditer(text):
            after = mark.end()
            self.after_marks.add(after)
            if after < len(text) and text[after].isspace():
                self.after_marks.add(after + 1)

    def __bool__(self) -> bool:
        """Some word of the text may be part of a link."""
        return bool(self.starts or self.after_marks)

    def holds(self, start: int) -> bool:
        """True when the word starting at `start` is part of a link-like chunk."""
        if start in self.after_marks:
            return True
        if self.starts:
            i = bisect.bisect_right(self.starts, start) - 1
            return i >= 0 and start < self.ends[i]
        return False


def _link_like(chunk: str) -> bool:
    if any(mark in chunk for mark in LINK_MARKS):
        return True
    return bool(DOTTED.search(chunk)) and not INITIALS.fullmatch(chunk)


def mostly_english(words: list[Word], lexicon: NameLexicon) -> bool:
    """Most lower-case words are English words (weak evidence is off in other languages, where
    short words are often given names: `le`, `tu`, `sai`, and German capitalises nouns)."""
    given, vocabulary = lexicon.given, lexicon.words
    lower = english = 0
    for w in words:
        if w.text.islower() and len(w.text) > 1 and w.key not in given:
            lower += 1
            english += w.key in vocabulary
    return lower < 3 or english >= 0.6 * lower


def caps_informative(words: list[Word], lexicon: NameLexicon) -> bool:
    """False for Title Case Headlines and ALL CAPS, where a capital says nothing about names."""
    common_words = lexicon.common
    long_words = upper = common = titled_common = 0
    for w in words:
        if len(w.text) > 3:
            long_words += 1
            upper += w.text.isupper()
            if w.key in common_words and not w.sentence_start:
                common += 1
                titled_common += w.title
    if not long_words:
        return True
    if upper > long_words / 2:
        return False
    return not (common >= 3 and titled_common > common / 2)
