"""People's names in languages with no NER model here, from per-language cue words and name lists.

The data is per language, in ``recognizers/data/cues/<lang>.yaml`` (cue words) and
``recognizers/data/names/<lang>.txt`` (given names and surnames, from Faker's locales: see
``build_names.py``); the score of each kind of evidence in ``recognizers/person/data/language_cues.yaml``.
A name is:

- the capitalised words after a form of address (`Herr Schmidt`, `Sra. Gómez`, `Pani Kowalska`),
  a greeting or thanks (`Hallo Anna`, `Grazie Marco`), a naming phrase (`ich heiße Jonas`,
  `mam na imię Ola`), or before a form of address written after the name (`Ahmet Bey`);
- the capitalised words ending a text after a sign-off (`Viele Grüße\\nKlaus`);
- a run of capitalised words that starts with a listed given name (`Johann Sebastian Bach`), or a
  listed surname or given name alone mid-sentence; declined forms are tried against the lists
  through the language's `inflections` (Polish `Miłosza` -> `Miłosz`, German `Goethes`), Czech
  women's surnames by their endings (`Nováková`), and Turkish suffixes after an apostrophe are
  left out of the span (`<Ahmet>'in`);
- in Chinese, Japanese and Korean text, the characters before a form of address written after
  the name (`김민수님`, `田中さん`, `王芳女士`) or after a greeting (`感谢王芳`).

Spans cover the name only, never the cue word.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex
import yaml
from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.lexicon import (
    DATA,
    NAME_PARTICLES,
    english_words,
    fold,
    language_names,
    shared_given_names,
    shared_surnames,
)

_RULES = yaml.safe_load((Path(__file__).parent / "data" / "language_cues.yaml").read_text(encoding="utf-8"))
# Score of each kind of evidence (commented in data/language_cues.yaml).
SCORES: dict[str, float] = {str(k): float(v) for k, v in _RULES["scores"].items()}
PARTICLES = NAME_PARTICLES
WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’\-]*\.?")
SENTENCE_END = regex.compile(r"[.!?\n:;\"“”„»«(]")
ROMAN_NUMERAL = regex.compile(r"[IVX]{1,5}")  # Benedetto XVI, Karl V
MAX_NAME_WORDS = 4
CJK_NAME = {"zh": r"\p{Han}{2,3}", "ja": r"[\p{Han}\p{Hiragana}\p{Katakana}]{1,4}", "ko": r"\p{Hangul}{2,4}"}


@dataclass(frozen=True)
class Cues:
    """One language's cue phrases and name lists (see the module docstring)."""

    lang: str
    address: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    address_after: frozenset[str] = frozenset()
    greetings: tuple[str, ...] = ()
    signoffs: tuple[str, ...] = ()
    naming: tuple[str, ...] = ()
    not_names: frozenset[str] = frozenset()
    inflections: tuple[tuple[str, str], ...] = ()
    surname_endings: tuple[str, ...] = ()
    surname_endings_anywhere: tuple[str, ...] = ()
    greetings_cjk: tuple[str, ...] = ()
    address_after_cjk: tuple[str, ...] = ()
    naming_cjk: tuple[str, ...] = ()
    weak_cjk: tuple[str, ...] = ()  # cues before a name that must begin with a listed surname
    naming_after_cjk: tuple[str, ...] = ()  # after a name, as address_after_cjk (と申します)
    name_endings_cjk: tuple[str, ...] = ()  # a name ends where one begins (입니다, です)
    given: frozenset[str] = field(default_factory=frozenset)  # the language's and the shared ones
    own_given: frozenset[str] = field(default_factory=frozenset)  # the language's own
    surnames: frozenset[str] = field(default_factory=frozenset)
    capitalised_nouns: bool = False  # German: a capitalised word alone is no evidence
    noun_markers: frozenset[str] = frozenset()  # words before a noun (articles): der, die, am


def cue_languages() -> list[str]:
    """The languages that have a cue file."""
    return sorted(p.stem for p in (DATA / "cues").glob("*.yaml"))


@functools.cache
def load_cues(lang: str) -> Cues:
    """A language's cues and name lists, read once per process (a language without a cue file
    has the shared given names only)."""
    path = DATA / "cues" / f"{lang}.yaml"
    raw = (yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None) or {}
    own_given, surnames = language_names(lang)
    given = own_given | shared_given_names()
    lists = {k: tuple(str(v).lower() for v in raw.get(k, ())) for k in
             ("address", "titles", "greetings", "signoffs", "naming", "surname_endings",
              "surname_endings_anywhere", "greetings_cjk",
              "address_after_cjk", "naming_cjk",
              "weak_cjk", "naming_after_cjk", "name_endings_cjk")}
    return Cues(lang=lang, **lists, given=given, own_given=own_given, surnames=surnames,
                capitalised_nouns=bool(raw.get("capitalised_nouns", False)),
                noun_markers=frozenset(str(v).lower() for v in raw.get("noun_markers", ())),
                address_after=frozenset(str(v).lower() for v in raw.get("address_after", ())),
                not_names=_not_names(raw),
                inflections=tuple(_inflection(str(i)) for i in raw.get("inflections", ())))


def _inflection(rule: str) -> tuple[str, str]:
    """`suffix>replacement` as a pair (`a>` maps `Miłosza` to `Miłosz`)."""
    suffix, sep, replacement = rule.partition(">")
    if not sep:
        raise ValueError(f"inflection {rule!r}: expected suffix>replacement")
    return suffix, replacement


def _not_names(raw: dict[str, Any]) -> frozenset[str]:
    """Words never part of a name: the listed ones and every one-word cue (`Pani`, `Bey`, `Olá`)."""
    words = set(raw.get("not_names", ()))
    for key in ("address", "address_after", "titles", "greetings", "signoffs", "naming"):
        words.update(v for v in raw.get(key, ()) if " " not in str(v))
    return frozenset(fold(str(v)).rstrip(".") for v in words)


def _phrase_regex(phrases: tuple[str, ...], after: str, ignore_case: bool = True) -> regex.Pattern | None:
    """One regex for a list of cue phrases, each a whole word sequence followed by `after`
    (case-sensitive for titles: `papa Francesco`, not `Papa` heading a sentence)."""
    if not phrases:
        return None
    words = "|".join(regex.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return regex.compile(r"(?<![\p{L}\p{M}])(?:" + words + r")" + after, regex.IGNORECASE if ignore_case else 0)


class Word:
    """A word of the text, with its list key and position in its sentence."""

    __slots__ = ("text", "start", "end", "key", "sentence_start", "previous")

    def __init__(self, text: str, start: int, end: int, sentence_start: bool, previous: str = "") -> None:
        self.text, self.start, self.end, self.sentence_start = text, start, end, sentence_start
        self.key = fold(text.rstrip("."))
        self.previous = previous  # the word before, lower case, when in the same sentence

    @property
    def ends_sentence(self) -> bool:
        """A full stop after the word that is no initial's or short title's (`Gómez.`, not `J.`,
        `Dr.`, `Sra.`, `Ing.`)."""
        return self.text.endswith(".") and len(self.text) > 4

    @property
    def capitalised(self) -> bool:
        """Written like a name: `Anna`, `McKay`, `Nováková`; not `ANNA` (unless one letter)."""
        return self.text[0].isupper() and not (len(self.text) > 2 and self.text.isupper())


def words_of(text: str) -> list[Word]:
    """The words of `text`, each marked when it starts a sentence."""
    words: list[Word] = []
    last_end = 0
    for match in WORD.finditer(text):
        gap = text[last_end:match.start()]
        sentence_start = not words or words[-1].ends_sentence or bool(SENTENCE_END.search(gap))
        previous = "" if sentence_start else words[-1].text.lower()
        words.append(Word(match.group(), match.start(), match.end(), sentence_start, previous))
        last_end = match.end()
    return words


class PersonCuesRecognizer(LocalRecognizer):
    """Recognize people's names (entity ``PERSON``) in one language from its cue words and name
    lists (see the module docstring); for languages without a NER model.

    :param supported_language: the language whose cue file and name list are used (a profile's
        `languages.covered.<lang>.recognizers` builds one per language).
    """

    name: str  # set by presidio's EntityRecognizer.__init__, which leaves it unannotated

    def __init__(self, supported_language: str = "de", supported_entities: list[str] | None = None,
                 name: str | None = None) -> None:
        self.cues = load_cues(supported_language)
        cues = self.cues
        self.patterns = [
            ("address", _phrase_regex(cues.address, r"(?:(?<=\.)\s*|[\s,]+)(?=\p{Lu})")),
            ("title", _phrase_regex(cues.titles, r"\s+(?=\p{Lu})", ignore_case=False)),
            ("naming", _phrase_regex(cues.naming, r"[\s,:]+(?=\p{L})")),
            ("greeting", _phrase_regex(cues.greetings, r"[\s,!:]+(?=\p{Lu})")),
        ]
        self.signoff = _phrase_regex(cues.signoffs, r"[\s,!.]*(?=\p{Lu})")
        self.inflections = tuple((fold(s), fold(r)) for s, r in cues.inflections)
        self.surname_endings = tuple(fold(e) for e in cues.surname_endings)
        self.surname_endings_anywhere = tuple(fold(e) for e in cues.surname_endings_anywhere)
        self.cjk = self._cjk_patterns(supported_language) if supported_language in CJK_NAME else []
        super().__init__(supported_entities=supported_entities or ["PERSON"],
                         supported_language=supported_language, name=name or "person_cues_v1")

    def load(self) -> None:
        """The cues are loaded in the constructor."""

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """PERSON findings from cue words, sign-offs, name lists and, in CJK text, honorifics."""
        words = words_of(text)
        found: dict[tuple[int, int], tuple[float, str]] = {}
        for span, kind in [*self._after_cues(text, words), *self._signoffs(text, words),
                           *self._before_address(words), *self._listed(text, words), *self._cjk(text)]:
            if span[0] < span[1] and SCORES[kind] > found.get(span, (0.0, ""))[0]:
                found[span] = (SCORES[kind], kind)
        return [self._result(start, end, score, kind) for start, end, score, kind in _merged(found)]

    # --- name lists -------------------------------------------------------------------------

    def forms(self, key: str) -> list[str]:
        """`key` and the listed forms it may be declined from (`milosza` -> `milosz`)."""
        forms = [key]
        if "'" in key:
            forms.append(key.split("'")[0])
        for suffix, replacement in self.inflections:
            if key.endswith(suffix) and len(key) - len(suffix) >= 3:
                forms.append(key[:len(key) - len(suffix)] + replacement)
        return forms

    def is_given(self, word: Word) -> bool:
        """A listed given name, perhaps declined or hyphenated (`Augustin-Louis`); never a
        particle (`Von` is a given name too)."""
        if word.key in PARTICLES:
            return False
        keys = [word.key] + (word.key.split("-") if "-" in word.key else [])
        return any(form in self.cues.given for key in keys for form in self.forms(key))

    def _surname_anywhere(self, word: Word) -> bool:
        """A surname by its ending even heading a sentence (Czech `Pavlíková:` in a list)."""
        return any(word.key.endswith(e) and len(word.key) > len(e) + 2 for e in self.surname_endings_anywhere)

    def is_shared_surname(self, word: Word) -> bool:
        """A surname of any language's list or of the US Census list (`Bauman`)."""
        return any(form in shared_surnames() or form in self.cues.surnames for form in self.forms(word.key))

    def is_surname(self, word: Word) -> bool:
        """A listed surname, perhaps declined, or a word with a surname's ending (`Nováková`)."""
        if any(word.key.endswith(e) and len(word.key) > len(e) + 2 for e in self.surname_endings):
            return True
        return any(form in self.cues.surnames for form in self.forms(word.key))

    def _listed(self, text: str, words: list[Word]) -> Iterator[tuple[tuple[int, int], str]]:
        for run in _capitalised_runs(text, words, self.cues.not_names):
            covered: set[int] = set()
            for start, end in self._full_names(run):
                covered.update(range(start, end))
                yield self._span(run[start:end]), "full_name"
            for i, word in enumerate(run):
                if i in covered or word.key in self.cues.not_names:
                    continue
                if word.sentence_start:
                    if self._surname_anywhere(word):
                        yield self._span([word]), "surname_ending"
                    continue
                kind = self._single(word)
                if kind:
                    yield self._span([word]), kind
                elif not self.cues.capitalised_nouns and _unknown_proper_noun(word):
                    yield self._span([word]), "capitalised"

    def _full_names(self, run: list[Word]) -> Iterator[tuple[int, int]]:
        """(start, end) in `run` of each name of two words or more: from a listed given name on,
        or two or three words ending in a listed surname (`Zygmunt Bauman`)."""
        i = 0
        while i < len(run):
            end = _name_end(run, i)
            if end - i >= 2 and self._starts_name(run, i, end):
                yield i, end
                i = end
            else:
                i += 1

    def _starts_name(self, run: list[Word], i: int, end: int) -> bool:
        """run[i:end] is a name: it starts with a given name, or ends in a surname two or three
        words on. Where nouns are capitalised, a given name of another language's list, or a
        surname, counts only with the other (`Ende der Runde`, `Millionen Dollar` are no names)."""
        first, last = run[i], run[end - 1]
        if first.key in self.cues.not_names:
            return False
        if self.cues.capitalised_nouns:
            own = any(f in self.cues.own_given for f in self.forms(first.key))
            shared = self.is_given(first) and first.key not in english_words()
            after_article = first.previous in self.cues.noun_markers  # die Rolle der Mutter
            return own or (shared and (self.is_shared_surname(last) or not after_article))
        if first.sentence_start and ROMAN_NUMERAL.fullmatch(run[i + 1].text):
            return any(f in self.cues.own_given for f in self.forms(first.key))  # not `Nel XV`
        if self.is_given(first):
            return True
        return end - i <= 3 and self.is_shared_surname(last)

    def _single(self, word: Word) -> str | None:
        """The evidence kind for one capitalised word mid-sentence that is a name, else None:
        a listed given name or surname of the language, a shared given name that is not an
        English word, or a Czech women's surname ending. Where nouns are capitalised (German)
        a surname alone is not enough."""
        if any(f in self.cues.own_given for f in self.forms(word.key)) and word.key not in english_words():
            return "listed"
        if self.cues.capitalised_nouns:
            return None
        if self.is_given(word) and word.key not in english_words():
            return "listed"
        if any(f in self.cues.surnames for f in self.forms(word.key)):
            return "listed"
        return "surname_ending" if self.is_surname(word) else None

    # --- cue words --------------------------------------------------------------------------

    def _after_cues(self, text: str, words: list[Word]) -> Iterator[tuple[tuple[int, int], str]]:
        starts = {w.start: i for i, w in enumerate(words)}
        for kind, pattern in self.patterns:
            for match in pattern.finditer(text) if pattern else ():
                i = starts.get(match.end())
                name = self._name_at(text, words, i, allow_lower=kind == "naming") if i is not None else None
                if name:
                    yield self._span(name), kind

    def _signoffs(self, text: str, words: list[Word]) -> Iterator[tuple[tuple[int, int], str]]:
        """A sign-off, then a name that ends the text."""
        if self.signoff is None:
            return
        starts = {w.start: i for i, w in enumerate(words)}
        for match in self.signoff.finditer(text):
            i = starts.get(match.end())
            name = self._name_at(text, words, i) if i is not None else None
            if name and not any(c.isalnum() for c in text[name[-1].end:]):
                yield self._span(name), "signoff"

    def _before_address(self, words: list[Word]) -> Iterator[tuple[tuple[int, int], str]]:
        """Capitalised words before a form of address written after the name (`Ahmet Bey`)."""
        for i, word in enumerate(words):
            if i and word.text.lower() in self.cues.address_after:
                run: list[Word] = []
                for previous in reversed(words[max(0, i - 3):i]):
                    if not previous.capitalised or previous.key in self.cues.not_names:
                        break
                    if run and previous.sentence_start and not self.is_given(previous):
                        break  # `Dün Ahmet Bey`: a sentence's first word joins only as a given name
                    run.insert(0, previous)
                if run:
                    yield self._span(run), "address"

    def _name_at(self, text: str, words: list[Word], i: int, allow_lower: bool = False) -> list[Word]:
        """Up to three capitalised words from words[i] on, joined by white space (a listed given
        name in lower case after a naming phrase)."""
        first = words[i]
        if first.key in self.cues.not_names or first.text.lower() in self.cues.address:
            return []
        if not (first.capitalised or (allow_lower and self.is_given(first))):
            return []
        name = [first]
        for word in words[i + 1:i + 3]:
            if (not word.capitalised or word.key in self.cues.not_names or name[-1].ends_sentence
                    or not text[name[-1].end:word.start].isspace()):
                break
            name.append(word)
        return name

    def _span(self, words: list[Word]) -> tuple[int, int]:
        """The characters of `words`, without a Turkish-style suffix after an apostrophe."""
        last = words[-1].text.rstrip(".")
        end = words[-1].start + len(last)
        for mark in ("'", "’"):
            if mark in last and last.split(mark)[-1].islower():
                end = words[-1].start + last.index(mark)
        return words[0].start, end

    # --- Chinese, Japanese, Korean ----------------------------------------------------------

    def _cjk_patterns(self, lang: str) -> list[tuple[str, regex.Pattern]]:
        """The name before a form of address (`(?P<name>...)`), and the name after a chain of
        greetings and naming cues (`안녕하세요, 저는 김민수`, `大家好，我是李明`): the chain is atomic
        and its longest cues are tried first, so a cue is never read as the name."""
        name = CJK_NAME[lang]
        patterns = []
        after_cues = self.cues.address_after_cjk + self.cues.naming_after_cjk
        if after_cues:
            after = _alternation(after_cues)
            patterns.append(("cjk_address", regex.compile(rf"(?P<name>{name})(?=\s?(?:{after}))")))
        before = self.cues.greetings_cjk + self.cues.naming_cjk + self.cues.weak_cjk
        if before:
            cue = _alternation(before)
            patterns.append(("cjk_greeting", regex.compile(
                rf"(?>(?:(?P<cue>{cue})[\s,，、]*)+)(?P<name>{name})")))
        return patterns

    def _cjk(self, text: str) -> Iterator[tuple[tuple[int, int], str]]:
        for kind, pattern in self.cjk:
            for match in pattern.finditer(text):
                start, end = match.span("name")
                if kind == "cjk_greeting" and match["cue"] in self.cues.weak_cjk and not self._surname_at(text, start):
                    continue
                for cue in (*self.cues.address_after_cjk, *self.cues.name_endings_cjk):  # 김민수님, 김민수입니다
                    at = text.find(cue, start + 1, end + len(cue))
                    if start < at < end:
                        end = at
                if self.supported_language == "zh" and end - start == 3:
                    start, end = self._chinese_name(text, start, end, kind)
                yield (start, end), kind

    def _surname_at(self, text: str, start: int) -> bool:
        """A listed surname of one to three characters begins at `start` (李明, 欧阳娜娜)."""
        return any(text[start:start + n] in self.cues.surnames for n in (1, 2, 3))

    def _chinese_name(self, text: str, start: int, end: int, kind: str) -> tuple[int, int]:
        """Two characters or three of a Chinese name: a surname first (王芳 in 感谢王芳女士)."""
        surnames = self.cues.surnames
        if kind == "cjk_address":  # the name ends at the cue: does it start one character later?
            three = text[start] in surnames and text[start + 1] not in surnames
            return (start, end) if three else (start + 1, end)
        after = text[end:end + 1]  # after a greeting: a third character only before a pause
        return (start, end) if not after or not regex.match(r"\p{Han}", after) else (start, end - 1)

    def _result(self, start: int, end: int, score: float, kind: str) -> RecognizerResult:
        return RecognizerResult("PERSON", start, end, score, recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            "evidence": kind,
        })


def _alternation(phrases: tuple[str, ...]) -> str:
    """`phrases` as a regex alternation, the longest first (`안녕하세요` before `안녕`)."""
    return "|".join(map(regex.escape, sorted(phrases, key=len, reverse=True)))


def _merged(found: dict[tuple[int, int], tuple[float, str]]) -> list[tuple[int, int, float, str]]:
    """Overlapping spans as one, with the best score and its kind (`papa <Benedetto>` and
    `<Benedetto XVI>` are one name)."""
    merged: list[list] = []
    for (start, end), (score, kind) in sorted(found.items()):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], end)
            if score > last[2]:
                last[2], last[3] = score, kind
        else:
            merged.append([start, end, score, kind])
    return [tuple(m) for m in merged]


def _unknown_proper_noun(word: Word) -> bool:
    """Capitalised like a name (`Diderot`, not `UNESCO`, `XVI`, `Il`) and no common English word."""
    text = word.text.rstrip(".")
    return (len(text) > 2 and text[1:].islower() and not ROMAN_NUMERAL.fullmatch(text)
            and word.key not in english_words())


def _name_end(run: list[Word], i: int) -> int:
    """Where a name starting at run[i] ends: at most MAX_NAME_WORDS words besides particles,
    never on a particle."""
    end, count = i, 0
    while end < len(run) and count < MAX_NAME_WORDS:
        count += run[end].key not in PARTICLES
        end += 1
    while end > i + 1 and run[end - 1].key in PARTICLES:
        end -= 1
    return end


def _capitalised_runs(text: str, words: list[Word], not_names: frozenset[str] = frozenset()) -> list[list[Word]]:
    """Runs of capitalised words separated by white space only, with name particles inside
    (`Ludwig van Beethoven`); a word that is never a name (`Bey`, `Pani`) ends a run."""
    runs: list[list[Word]] = []
    run: list[Word] = []
    for i, word in enumerate(words):
        if word.key.rstrip(".") in not_names and word.key not in PARTICLES:
            if run:
                runs.append(run)
            run = []
            continue
        joined = run and not run[-1].ends_sentence and text[run[-1].end:word.start].isspace()
        particle = (word.key in PARTICLES and joined and i + 1 < len(words) and words[i + 1].capitalised
                    and text[word.end:words[i + 1].start].isspace())
        if word.capitalised or particle or (run and joined and ROMAN_NUMERAL.fullmatch(word.text)):
            if run and not joined:
                runs.append(run)
                run = []
            run.append(word)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return [r for r in runs if r[-1].capitalised or ROMAN_NUMERAL.fullmatch(r[-1].text)]
