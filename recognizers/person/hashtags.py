"""person_hashtag_v1: the names inside hashtags (`#HappyBirthdayMaria` -> `#HappyBirthday<PERSON>`).

A hashtag's word is split at its capitals (`RIPJohnnyWinter` -> `RIP Johnny Winter`); a part in
lower case (`happybirthdaymaria`) is segmented by `wordsegment` (a maintained English word
segmenter, Apache-2.0, from Google's web n-gram counts). A part is a name when the project's lists
hold it as a given name or surname and it is not a common English word; after a name, a surname
that is no common word, a word no list knows (`Pardew`), or a capitalised part the surname list
holds even when it is an English word too (`#RIPJohnnyWinter`, `#DonaldSterling`) continues it.
A listed given name that is a common word starts no name, but one right before a listed surname
that does is part of it (`#GraceHopper`); a capitalised surname opening the hashtag alone, a
common word no given name after it, is a place or a team (`#BostonStrong`, `#LondonCalling`),
and so is a place of `not_names`' list opening it alone before an English word (`#LondonMarathon`,
`#bostonstrong`). Only the name's letters are redacted: the `#` and the other words stay. Listing this recognizer
in a profile turns it on.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import wordsegment
from presidio_analyzer import LocalRecognizer, RecognizerResult

from recognizers.lexicon import CHAT_WORDS, fold, load_lexicon, web_frequency, word_counts
from recognizers.person.cue_words import WEB_COMMON
from recognizers.person.not_names import not_names

# The longest run of lower-case letters handed to wordsegment: its search recurses once per letter
# (a RecursionError from a few hundred letters on), and no name or hashtag word is that long.
LONGEST_SEGMENTED = 60
# A hashtag's word is read whole (a word cut short would be segmented into other words: `#happy
# birthdayhappybirthdayhappy...` cut at 60 letters left `bir`, a name).
HASH_MARKS = ("#", "＃")
HASHTAG = re.compile(r"(?<![\w&])[#＃]([^\W_]{3,})")
# Capitalised words, runs of capitals before one (`RIP` in `RIPJohnny`), lower-case runs, digits.
CAMEL_PART = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+|[^\W\d_]+")
ASCII_LOWER = re.compile(r"[a-z]+")
# A part shaped like a name: a capital, then two lower-case letters or more (`Ortheia`).
NAME_PART = re.compile(r"[^\W\d_][^\W\d_A-Z]{2,}")


def segmenter() -> Callable[[str], list[str]]:
    """wordsegment's segmenter, its word counts read once per process (`lexicon.word_counts`)."""
    word_counts()
    return wordsegment.segment


@functools.lru_cache(maxsize=1 << 12)
def segmented(word: str) -> tuple[str, ...]:
    """wordsegment's split of a lower-case word, the last few thousand kept: person_context_v1's
    `run_together` and person_model_v1's word-form features ask for the same words no list holds,
    and segmenting one is most of what such a word costs."""
    return tuple(segmenter()(word))


def parts(word: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of the words a hashtag's word is made of; a lower-case run longer than
    LONGEST_SEGMENTED stays one part. The same hashtags come back again and again, and segmenting
    one is the recognizer's main cost: the last few thousand of up to LONGEST_SEGMENTED letters
    are kept, a longer one is split each time (kept, thousands of them could fill the memory)."""
    return _kept_parts(word) if len(word) <= LONGEST_SEGMENTED else _parts(word)


@functools.lru_cache(maxsize=1 << 12)
def _kept_parts(word: str) -> tuple[tuple[int, int], ...]:
    return _parts(word)


def _parts(word: str) -> tuple[tuple[int, int], ...]:
    out = []
    for match in CAMEL_PART.finditer(word):
        piece, position = match.group(), match.start()
        if 3 < len(piece) <= LONGEST_SEGMENTED and ASCII_LOWER.fullmatch(piece):
            for segment in segmented(piece):
                out.append((position, position + len(segment)))
                position += len(segment)
        else:
            out.append((match.start(), match.end()))
    return tuple(out)


class HashtagNameRecognizer(LocalRecognizer):
    """PERSON for the names inside hashtags."""

    name: str  # set by presidio's EntityRecognizer.__init__, which leaves it unannotated

    def __init__(self, supported_language: str = "en", score: float = 0.6, **kwargs):
        self.score = score
        self.lexicon = load_lexicon()
        super().__init__(supported_entities=["PERSON"], supported_language=supported_language,
                         name=kwargs.pop("name", "person_hashtag_v1"), **kwargs)

    def load(self) -> None:
        """The segmenter's word counts are read here, at start-up (a third of a second), not on
        the first lower-case hashtag of the run; the lists are loaded in the constructor."""
        segmenter()

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        """One PERSON result per run of name words inside a hashtag."""
        results = []
        for match in HASHTAG.finditer(text):
            word, offset = match.group(1), match.start(1)
            for start, end in self.names(word):
                results.append(self._result(offset + start, offset + end))
        return results

    def names(self, word: str) -> list[tuple[int, int]]:
        """(start, end) of the names in a hashtag's word."""
        spans = parts(word)
        keys = [fold(word[start:end]) for start, end in spans]
        capital = [word[start].isupper() for start, _ in spans]
        runs: list[list[int]] = []  # [first part, last part] of each name
        current = None
        for i, key in enumerate(keys):
            # a surname that is an English word too continues only a given name alone, capitalised:
            # #DonaldSterling, not #TaylorSwiftNation's Nation
            alone = current is not None and current[0] == current[1]
            if current and self._continues(key, capital[i] and alone, capital[i] and capital[i - 1]):
                current[1] = i
            elif self._starts(key):
                current = [self._first_name_before(keys, capital, i, word, spans), i]
                runs.append(current)
            else:
                current = None
        return [(spans[first][0], spans[last][1]) for first, last in runs
                if not ((capital[first] and self._place_like(keys, first, last))
                        or self._place_opening(keys, first, last) or self._inside_place(keys, first, last))]

    def _first_name_before(self, keys: list[str], capital: list[bool], i: int,
                           word: str, spans: tuple[tuple[int, int], ...]) -> int:
        """i - 1 when the part before part i, capitalised like it, is a listed given name that is a
        common word too (so it started no name) and part i a listed surname: `#GraceHopper` is
        one name; or, before a capitalised name, a part shaped like a name (`Ortheia`: a capital,
        then two lower-case letters or more) that no list holds and no English or chat word, as a
        found name takes in such a word beside it in the text (`#OrtheiaBarnes`); else i."""
        lexicon = self.lexicon
        before = i - 1
        if before < 0 or capital[before] != capital[i]:
            return i
        if keys[before] in lexicon.given and keys[before] in lexicon.common and keys[i] in lexicon.surnames:
            return before
        key = keys[before]
        shaped = capital[i] and bool(NAME_PART.fullmatch(word, *spans[before]))
        if shaped and not (lexicon.is_word(key) or lexicon.is_name(key) or key in CHAT_WORDS):
            return before
        return i

    def _place_like(self, keys: list[str], first: int, last: int) -> bool:
        """A name opening the hashtag that is a surname too, alone, and a common English word
        no given name next to it, in the run or after it (`#BostonStrong`, `#LondonCalling`): a
        place or a team, not a person (`#DonaldSterling`: Sterling is a given name too). Asked of
        a capitalised name only: in lower case wordsegment's guess of the parts (`#jacobsnewvine`)
        is no ground to give a name up."""
        lexicon = self.lexicon
        if first != 0 or keys[0] not in lexicon.surnames or len(keys) < 2 or last > 1:
            return False
        return keys[1] in lexicon.common and keys[1] not in lexicon.given

    def _place_opening(self, keys: list[str], first: int, last: int) -> bool:
        """A place of `not_names`' list opening the hashtag alone, an English word after it
        (`#LondonMarathon`, `#bostonstrong`): a place's event or cause, no person."""
        return (first == last == 0 and len(keys) > 1 and self.lexicon.is_word(keys[1])
                and keys[0] in not_names().places)

    @staticmethod
    def _inside_place(keys: list[str], first: int, last: int) -> bool:
        """Two or three parts that overlap the name make a place of `not_names`' list
        (`#NewYorkCity`, `#SanFrancisco`, `#LosAngelesLakers`: `York`, `Francisco`, `Angeles` are
        names alone); one part alone is no ground (`#ParisHilton`, `#JohnSmithNewYork` keeps John
        Smith)."""
        places = not_names().places
        return any(" ".join(keys[a:a + n]) in places
                   for n in (2, 3) for a in range(max(0, first - n + 1), min(last + 1, len(keys) - n + 1)))

    def _starts(self, key: str) -> bool:
        lexicon = self.lexicon
        return len(key) > 2 and lexicon.is_name(key) and key not in lexicon.common

    def _continues(self, key: str, word_surname_allowed: bool, capitalised: bool) -> bool:
        """Part `key` continues the name before it: no English word (`Pardew`), a surname (a
        common word too only right after a given name alone: `#DonaldSterling`), or, capitalised
        after a capitalised name, an English word that is no common one nor common on the web
        (`#ElonMusk`, not `#MasPorno`: `web_common.capitalised` of the rules' data)."""
        lexicon = self.lexicon
        rare_word = capitalised and key not in lexicon.common and web_frequency(key) < WEB_COMMON["capitalised"]
        return key.isalpha() and (not lexicon.is_word(key) or rare_word or (
            key in lexicon.surnames and (word_surname_allowed or key not in lexicon.common)))

    def _result(self, start: int, end: int) -> RecognizerResult:
        return RecognizerResult("PERSON", start, end, self.score, recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
        })
