"""Evidence from the sentence around a word: the sentence treats the word as a person.

- `pronoun_subject`: the subject of a verb whose next word is a subject or reflexive pronoun,
  `he`, `she`, `himself`, `herself` (`Odjick says he will`, `fouseytube bases himself`, `gaby
  gave herself`): only a person says what he or she will do or does something to him- or herself.
  Not `his`, `her`, `him`: a company does things to its customers (`Verizon charged her`, `Paypal
  blocked his account`). On the training tweets the frame holds a person 12 times in 13 (the miss:
  `The cartwheeling verger says he`).
- `apposition`: a word right before `my` and a relation word (`Skhumba my brother we will miss
  you`, `kishan my bro`): a person addressed or named by what they are to the writer; the word
  opens its sentence or follows a given name (`Harry Rednap my aunt`), since a place or a brand
  ends many a clause with no comma (`Watching Netflix my bf fell asleep`).
- `coordinated`: a word joined by `and` to `you` or `me` (`so nice meeting you and Jonyeee`, `me
  and pete`): what is done with the reader or the writer is mostly done with a person.

The word must be one that may be a name: capitalised, in text whose capitals say something, a
listed name no common word or a word no list holds shaped like a name; in lower case, a listed
given name no English word (`gaby`) or a rare word no list holds (`kishan`, `fouseytube`:
`ScannedText.rare_unlisted`). English words never (`the guy says he`, `I miss my uncle`),
nor a word after an article or a possessive (`the verger says he`). English text only: the cue
words are English. Cue words: ``data/context_rules.yaml`` (`frames`).
"""

from __future__ import annotations

from collections.abc import Iterator

from recognizers.lexicon import respelled
from recognizers.person.cue_words import FRAMES, NOT_NAMES, RELATIONS
from recognizers.person.text import Candidate, ScannedText
from recognizers.person.words import NAME_SHAPE, Word

PRONOUNS = FRAMES["pronouns"]
NOT_VERBS = FRAMES["not_verbs"]
PAST_VERBS = FRAMES["past_verbs"]
DETERMINERS = FRAMES["determiners"]
APPOSITION_OWNERS = FRAMES["apposition_owners"]
COORDINATED_WITH = FRAMES["coordinated_with"]


def frames(t: ScannedText) -> Iterator[Candidate]:
    """`pronoun_subject`, `apposition` and `coordinated` candidates of an English text."""
    if not t.english:
        return
    words = t.words
    for i in _framed(words):
        kind = (_frame_kind(t, i) if i < len(words) - 2 else None) or _coordinated(t, i)
        if kind and _may_be_a_name(t, i):
            yield Candidate(words[i].start, words[i].end, kind)


def _framed(words: list[Word]) -> list[int]:
    """The words a frame's cue words could put in a frame, in order: two before a pronoun (`says
    he`), one before an owner (`my bro`), one or two after `you` or `me` (`& pete`, `and pete`).
    Every other word has no frame: one pass over the keys instead of reading each word's context."""
    framed: set[int] = set()
    for j, w in enumerate(words):
        key = w.key
        if key in PRONOUNS:
            framed.add(j - 2)
        if key in APPOSITION_OWNERS:
            framed.add(j - 1)
        if key in COORDINATED_WITH:
            framed.update((j + 1, j + 2))
    return sorted(i for i in framed if 0 <= i < len(words))


def _coordinated(t: ScannedText, i: int) -> str | None:
    """`coordinated` when word i is joined by `and` or `&` to `you` or `me` before it, one space
    apart each (`meeting you and Jonyeee`, `me & pete`; `&` is no word, it sits in the gap)."""
    words = t.words
    if i > 0 and words[i - 1].key in COORDINATED_WITH and t.gap(i - 1, i) == " & ":
        return "coordinated"
    if i > 1 and words[i - 2].key in COORDINATED_WITH and words[i - 1].key == "and" and \
            t.gap(i - 2, i - 1) == " " and t.gap(i - 1, i) == " ":
        return "coordinated"
    return None


def _frame_kind(t: ScannedText, i: int) -> str | None:
    """The frame words i+1 and i+2 put word i in, one space apart each (`says he`, `my bro`)."""
    verb, after = t.words[i + 1], t.words[i + 2]
    if t.gap(i, i + 1) != " " or t.gap(i + 1, i + 2) != " " or not verb.text.islower():
        return None
    if after.key in PRONOUNS and _a_verb(verb):
        return "pronoun_subject"
    if verb.key in APPOSITION_OWNERS and after.key in RELATIONS and _opens_a_name(t, i):
        return "apposition"
    return None


def _opens_a_name(t: ScannedText, i: int) -> bool:
    """Word i opens its sentence or follows a capitalised listed given name, one space apart
    (`Skhumba my brother`, `Harry Rednap my aunt`): after anything else it is often a place or a
    brand ending a clause with no comma (`Watching Netflix my bf fell asleep`, `At Starbucks my
    friend said`)."""
    if t.words[i].sentence_start:
        return True
    before = t.words[i - 1]
    return before.title and before.key in t.lex.given and t.gap(i - 1, i) == " "


def _a_verb(w: Word) -> bool:
    """A lower-case word that may be a verb in the third person or the past (`says`,
    `continues`, `introduced`, `told`), not an auxiliary that starts a question (`is he`)."""
    key = w.key
    if key in NOT_VERBS or not key.isalpha() or len(key) < 3:
        return False
    return key.endswith(("s", "ed")) or key in PAST_VERBS


def _may_be_a_name(t: ScannedText, i: int) -> bool:
    """Word i may be a name where a frame expects a person (see the module's docstring)."""
    w = t.words[i]
    if w.in_link or w.key in NOT_NAMES or len(w.key) < 2 or (i and t.words[i - 1].key in DETERMINERS):
        return False
    lex = t.lex
    if w.title:
        if not t.caps_informative:
            return False
        if lex.is_name(w.key):
            return w.key not in lex.common
        return not (lex.is_word(w.key) or respelled(w.key, lex)) and bool(NAME_SHAPE.match(w.text))
    if not w.text.islower():
        return False
    if w.key in lex.given:
        return not lex.is_word(w.key)
    return t.english_besides_rare and t.rare_unlisted(w)
