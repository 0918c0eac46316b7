"""The word lists several recognizers and stages share, each read once per process.

- the English lists of ``recognizers/data/``: given names, surnames, common and less common
  English words (:class:`NameLexicon`, :func:`load_lexicon`);
- every language's names of ``recognizers/data/names/`` pooled with them
  (:func:`shared_given_names`, :func:`shared_surnames`) and one language's own
  (:func:`language_names`);
- :data:`CHAT_WORDS`, chat noise and address words that are never a name; :data:`NAME_PARTICLES`;
- :func:`fold`, the key into all of them (`José` -> `jose`);
- :func:`web_frequency`, how common a word is on the web (wordsegment's unigram counts), and
  :func:`spelled_out`, the list word a stretched or clipped spelling stands for (`Pleaseee`, `mornin`),
  and :func:`respelled`, the same for a word no name list holds, over the English and chat words;
  :func:`one_edit_from`, a word one edit from a list's word (`poluticians`).

Sources and licences: ``recognizers/data/README.md``.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import wordsegment

DATA = Path(__file__).parent / "data"
# Languages whose surnames may be one or two characters long (王, 李, 金).
SHORT_SURNAME_LANGUAGES = frozenset({"zh", "ja", "ko"})
# The names list of no language (`names/world.txt`), pooled into the English lists' given names.
WORLD = "world"


def read_words(path: Path) -> frozenset[str]:
    """The words of a list file: one a line, blank lines and `#` comment lines left out."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


# Chat noise, pronouns and address words that capitalisation or a name list can make look like a
# name (`Aw`, `Welp`, `Im`, `Hey Guys`): never a name.
CHAT_WORDS: frozenset[str] = read_words(DATA / "chat_words.txt")
# Lower-case words inside a name, never its last word (`Ludwig van Beethoven`).
NAME_PARTICLES: frozenset[str] = read_words(DATA / "name_particles.txt")


@functools.lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Lower case without accents, the key into the lists (`José` -> `jose`)."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


@dataclass(frozen=True, eq=False)
class NameLexicon:
    """The word lists: given names, surnames, and English words in two tiers of commonness.

    Loaded once per folder (`load_lexicon`), so compared and hashed by identity: caches key on it
    per token, and hashing six large sets each time cost more than the lookup it keyed."""

    given: frozenset[str]
    surnames: frozenset[str]
    common: frozenset[str]
    less_common: frozenset[str]
    names: frozenset[str] = field(init=False)
    words: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", self.given | self.surnames)
        object.__setattr__(self, "words", self.common | self.less_common)

    def is_name(self, key: str) -> bool:
        """A given name or a surname from the lists."""
        return key in self.names

    def is_word(self, key: str) -> bool:
        """Any English word of the lists (common or less common)."""
        return key in self.words


@functools.cache
def load_lexicon(data_dir: Path = DATA) -> NameLexicon:
    """The lists shipped in ``data_dir``, read once per process: the given names are the US lists'
    and those of ``names/world.txt`` (the Faker locales of no cue language: `ranbir`, `chinedu`)."""
    world_given, world_surnames = read_names(data_dir / "names" / f"{WORLD}.txt")
    return NameLexicon(
        given=read_words(data_dir / "given_names.txt") | world_given,
        surnames=read_words(data_dir / "surnames.txt") | world_surnames,
        common=read_words(data_dir / "common_words.txt"),
        less_common=read_words(data_dir / "less_common_words.txt"),
    )


@functools.cache
def language_names(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """(given names, surnames) of one language's list ``names/<lang>.txt``, folded; names of two
    letters or fewer left out (but for Chinese, Japanese and Korean surnames)."""
    return read_names(DATA / "names" / f"{lang}.txt", short_surnames=lang in SHORT_SURNAME_LANGUAGES)


def read_names(path: Path, short_surnames: bool = False) -> tuple[frozenset[str], frozenset[str]]:
    """(given names, surnames) of a `given NAME` / `surname NAME` list file, folded; names of two
    letters or fewer left out (surnames kept when ``short_surnames``); none for a missing file."""
    given, surnames = set(), set()
    for line in path.read_text(encoding="utf-8").splitlines() if path.is_file() else ():
        kind, _, name = line.partition(" ")
        if kind == "given" and len(name) > 2:
            given.add(fold(name))
        elif kind == "surname" and (len(name) > 2 or short_surnames):
            surnames.add(fold(name))
    return frozenset(given), frozenset(surnames)


def _name_list_languages() -> list[str]:
    return [path.stem for path in (DATA / "names").glob("*.txt")]


@functools.cache
def shared_surnames() -> frozenset[str]:
    """Surnames of every language's list and of the US Census list (public domain)."""
    names = {name for name in read_words(DATA / "surnames.txt") if len(name) > 2}
    for lang in _name_list_languages():
        names.update(language_names(lang)[1])
    return frozenset(names)


@functools.cache
def shared_given_names() -> frozenset[str]:
    """Given names of every language's list and of the English lists (US SSA and Census, public
    domain): people bear names from everywhere (`Isaac Newton` in Italian text)."""
    names = set(read_words(DATA / "given_names.txt"))
    for lang in _name_list_languages():
        names.update(language_names(lang)[0])
    return frozenset(name for name in names if len(name) > 2)


@functools.cache
def word_counts() -> dict[str, float]:
    """wordsegment's unigram counts (the 333,000 commonest words of Google's web corpus, lower
    case, letters and digits only), read once per process: web_frequency and the hashtags'
    segmenter share them."""
    wordsegment.load()
    return wordsegment.UNIGRAMS


@functools.cache
def _web_total() -> float:
    return sum(word_counts().values())


def web_frequency(key: str) -> float:
    """How common a word (folded, lower case) is on the web: log10 of its count per billion words
    in wordsegment's unigram counts, from about 1.3 (the rarest it holds) to 7.4 (`the`); 0.0 for a
    word it does not hold. A word no list knows can still be common (`xanax` 4.2, `bio` 4.5),
    where a rare one is more often a name (`kishan` 1.8)."""
    count = word_counts().get(key)
    return round(math.log10(count * 1e9 / _web_total()), 2) if count else 0.0


# Any letter doubled or more, for the second try (`nahh` -> `nah`, `soo` -> `so`).
DOUBLED = re.compile(r"([^\W\d_])\1+")
MAX_RUNS = 4


def spelled_out(key: str, words: frozenset[str]) -> str | None:
    """The word of ``words`` that a stretched or clipped spelling stands for, or None: letters
    repeated for stress are squeezed to one or two (`damnnnn` -> `damn`, `nahh` -> `nah`, `lool` ->
    `lol`; two tried before one: `goood` -> `good`), and a dropped final g is put back (`mornin` ->
    `morning`). ``key`` itself being in ``words`` is not asked here, nor whether it is a name: ask
    the name lists first (`robin` would be `robing`)."""
    runs = list(DOUBLED.finditer(key))
    if 0 < len(runs) <= MAX_RUNS:
        for lengths in itertools.product((2, 1), repeat=len(runs)):
            candidate, end = [], 0
            for run, keep in zip(runs, lengths):
                candidate.append(key[end:run.start()] + run.group(1) * keep)
                end = run.end()
            word = "".join(candidate) + key[end:]
            if word != key and word in words:
                return word
    stem = key.rstrip("'’")
    if stem.endswith("in") and len(stem) > 3 and stem + "g" in words:
        return stem + "g"
    return None


@functools.cache
def _plain_words(lexicon: NameLexicon) -> frozenset[str]:
    return lexicon.words | CHAT_WORDS


def respelled(key: str, lexicon: NameLexicon) -> str | None:
    """The English or chat word that a word no name list holds stands for, stretched or clipped
    (`pleaseee` -> `please`, `nahh` -> `nah`, `mornin` -> `morning`) or with the chat plural in
    `z` (`tribez` -> `tribes`, `girlz` -> `girls`), or None; None for every listed name (`robin`,
    `soo`, `lopez`): the name lists are asked first."""
    if lexicon.is_name(key):
        return None
    words = _plain_words(lexicon)
    if key.endswith("z") and key[:-1] + "s" in words:
        return key[:-1] + "s"
    return spelled_out(key, words)


def english_words() -> frozenset[str]:
    """Common English words: `Art`, `August` are no names alone."""
    return load_lexicon().common


LETTERS = "abcdefghijklmnopqrstuvwxyz"
MISSPELT_MIN = 4  # shorter words are one edit from too many words to say anything
MISSPELT_MAX = 40  # longer than any English word: one edit from none (and ~54n edits of n letters each)


def one_edit_from(key: str, words: frozenset[str]) -> bool:
    """Whether one letter dropped, added, changed, or two neighbours swapped, makes the word one of
    `words` (`becaise`, `sholder`, `poluticians`: a misspelt English word, no name)."""
    if not MISSPELT_MIN <= len(key) <= MISSPELT_MAX or not (key.isascii() and key.isalpha()):
        return False
    splits = [(key[:i], key[i:]) for i in range(len(key) + 1)]
    edits = itertools.chain((a + b[1:] for a, b in splits if b),
                            (a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1),
                            (a + c + b[1:] for a, b in splits if b for c in LETTERS),
                            (a + c + b for a, b in splits for c in LETTERS))
    return any(edit in words for edit in edits if edit != key)


@functools.cache
def surname_rank() -> dict[str, int]:
    """Surname -> its frequency rank in the 1990 census list (most frequent first)."""
    lines = (DATA / "surnames.txt").read_text(encoding="utf-8").splitlines()
    words = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return {word: rank for rank, word in enumerate(words)}
