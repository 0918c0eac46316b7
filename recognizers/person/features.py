"""Per-token features for the learned name tagger, read from the spaCy `Doc` the engine already made.

It ships no one's name: a word's identity is a feature only when the word is in one of the public
lists the project ships (English words, given names, surnames: `recognizers/data/`); any other word
is seen only through its shape, its case (relative to the whole text), which lists hold it,
spaCy's entity label, the cue words around it (honorifics, greetings, relations: the lists of
`person_context`) and the same facts about its neighbours.

The recipe (`features:` in model.yaml) names the optional families of word-form facts a model was
trained with, so that it is always read with the same ones (`WORD_FORMS`): how common the word is
on the web (a bucket of `lexicon.web_frequency`), whether it is an English word stretched or
clipped (`Pleaseee`, `mornin`), and whether an unknown lower-case token is words run together
(`righthererachel`: a user name written without its `@`). None of them is the word itself.
"""

from __future__ import annotations

import functools
import re

from recognizers.lexicon import fold, load_lexicon, one_edit_from, spelled_out, surname_rank, web_frequency
from recognizers.person.cue_words import GREETING_FIRST, HONORIFICS, NOT_NAMES, RELATIONS, TITLES
from recognizers.person.hashtags import LONGEST_SEGMENTED, segmented

# The optional families of word-form facts a recipe may name (model.yaml `features`), and
# `names_identity`: a token's own `w=` only for a word no common-word list holds or a listed given
# name (a common English word is seen through its lists, shape and context: memorises less).
WORD_FORMS = ("web_frequency", "spelled_out", "run_together", "misspelt", "names_identity")
# An unknown lower-case token this long or longer may be words run together (a user name).
RUN_TOGETHER_MIN = 6
# Word types whose groups token_feature_groups keeps per dictionary (a run meets the same words
# again and again); past this, a dictionary starts again.
MAX_WORD_TYPES = 1 << 16

# Words before a name that say one follows: `named`, `called`, `with`, `vs`, `cc`, `ft`.
BEFORE_NAME = frozenset("named called with vs cc ft feat by and & meet met to from love".split())
# Words after a name: a verb of saying, a possessive.
AFTER_NAME = frozenset("said says told tweeted wrote asked 's ’s is was and".split())
SENTENCE_END = frozenset(".!?:;\"“”…")
AFTER_MARKS = ("@", "#", "＃")  # a token after one of these gets `after=` and the mark
# What a token past either end of the text gives as a neighbour, and a token no rule speaks of.
EDGE = {step: (f"{step}:edge",) for step in (-2, -1, 1, 2)}
EV_NONE = ("ev=none",)
SENTENCE_START = ("sentstart",)
Group = tuple[str, ...]  # feature strings that come together (see token_feature_groups)
SHAPE = [(re.compile(p), name) for p, name in (
    (r"^[A-Z]\.$", "X."), (r"^(?:[A-Z]\.){2,}$", "X.X."), (r"^[A-Z]$", "X"),
    (r"^[A-Z][a-z]+$", "Xx"), (r"^[A-Z][a-z]+[A-Z]\w*$", "XxX"), (r"^[A-Z]{2,}$", "XX"),
    (r"^[a-z]+$", "x"), (r"^[a-z]+[A-Z]\w*$", "xX"), (r"^\d+$", "d"), (r"^[A-Z][a-z]*['’][A-Za-z]+$", "Xx'x"),
    (r"^\w+-\w+$", "x-x"), (r"^@\w+$", "@x"), (r"^#\w+$", "#x"), (r"^https?:", "url"),
    (r"^\W+$", "punct"),
)]


@functools.lru_cache(maxsize=1 << 16)
def shape(text: str) -> str:
    """A coarse shape class of a token (`Xx`, `XX`, `x`, `X.`, ...): never its letters."""
    for pattern, name in SHAPE:
        if pattern.match(text):
            return name
    if any(c.isdigit() for c in text):
        return "mixd"
    return "other"


def text_case(tokens) -> str:
    """How the whole text is written: `upper` (shouted), `lower`, `title` (headline) or `mixed`."""
    return case_of([t.text for t in tokens])


def case_of(texts: list[str]) -> str:
    """`text_case` of a text's token strings (a token counts when all letters and longer than 1)."""
    words = [w for w in texts if len(w) > 1 and w.isalpha()]
    if not words:
        return "none"
    upper = sum(map(str.isupper, words)) / len(words)  # map: no Python frame per word
    lower = sum(map(str.islower, words)) / len(words)
    title = sum(map(str.istitle, words)) / len(words)
    if upper >= 0.6:
        return "upper"
    if lower >= 0.9:
        return "lower"
    return "title" if title >= 0.6 else "mixed"


@functools.lru_cache(maxsize=1 << 16)
def _lexical(text: str, lexicon, forms: tuple[str, ...] = ()) -> tuple[str, str, tuple[str, ...], str, tuple[str, ...]]:
    """(key, shape, lists, surname rank bucket, word-form facts) of a token's text: the same text,
    the same facts. `forms`: the recipe's families of word-form facts (`WORD_FORMS`)."""
    key = fold(text)
    lists = []
    if key in lexicon.common:
        lists.append("common")
    elif key in lexicon.less_common:
        lists.append("rare")
    if key in lexicon.given:
        lists.append("given")
    if key in lexicon.surnames:
        lists.append("surname")
    form = word_form(key, bool(lists), lexicon, forms) if forms else ()
    return key, shape(text), tuple(lists), _rank_bucket(surname_rank().get(key)), form


def word_forms(recipe: dict) -> tuple[str, ...]:
    """The families of word-form facts a recipe names (`features:`), in `WORD_FORMS` order; an
    unknown name is an error (a model read with other features than it was trained with would
    tag at random)."""
    named = tuple(recipe.get("features") or ())
    unknown = [name for name in named if name not in WORD_FORMS]
    if unknown:
        raise ValueError(f"model.yaml features: unknown {unknown}; known: {list(WORD_FORMS)}")
    return tuple(name for name in WORD_FORMS if name in named)


def word_form(key: str, listed: bool, lexicon, forms: tuple[str, ...]) -> tuple[str, ...]:
    """The word-form facts of the families in `forms` about a folded token (never its letters):
    `freq=N` (log10 of its count per billion web words, floored, 0 when the web counts lack it),
    `spelled` (an English word stretched or clipped), `seg=N` and `seg|name` (a token no list
    or web count knows, and no stretched word, that splits into N words, one of them a listed
    name), `typo` (an unlisted word one edit from a common English word)."""
    frequency = web_frequency(key) if key.isalnum() else 0.0
    stretched = (not listed and ("spelled_out" in forms or "run_together" in forms) and key.isalpha()
                 and spelled_out(key, lexicon.words) is not None)
    facts = []
    if "web_frequency" in forms:
        facts.append(f"freq={min(int(frequency), 6)}")
    if "spelled_out" in forms and stretched:
        facts.append("spelled")
    if "run_together" in forms and not (listed or frequency or stretched):
        facts += run_together_facts(key, lexicon)
    if "misspelt" in forms and not (listed or stretched) and one_edit_from(key, lexicon.common):
        facts.append("typo")
    return tuple(facts)


def run_together_facts(key: str, lexicon) -> list[str]:
    """`seg=N` for a long lower-case token that wordsegment splits into N > 1 words (capped at 4),
    and `seg|name` when one of them (three letters or more) is a listed name and no common word
    (`righthererachel` -> right here rachel); none for a token longer than LONGEST_SEGMENTED."""
    if not RUN_TOGETHER_MIN <= len(key) <= LONGEST_SEGMENTED or not (key.isascii() and key.isalpha()):
        return []
    parts = segmented(key)
    if len(parts) < 2:
        return []
    facts = [f"seg={min(len(parts), 4)}"]
    if any(len(p) > 2 and lexicon.is_name(p) and p not in lexicon.common for p in parts):
        facts.append("seg|name")
    return facts


def cue_of(key: str) -> str | None:
    """The kind of cue word a token's key is, if any (honorific, title, greeting, relation...)."""
    key = key.rstrip(".")
    if key in HONORIFICS:
        return "honorific"
    if key in TITLES:
        return "title"
    if key in GREETING_FIRST:
        return "greeting"
    if key in RELATIONS:
        return "relation"
    if key in BEFORE_NAME:
        return "before"
    return None


def _rank_bucket(rank: int | None) -> str:
    if rank is None:
        return "none"
    return "1k" if rank < 1000 else "10k" if rank < 10000 else "50k"


def token_features(doc, lexicon=None, evidence: list[list[str]] | None = None,
                   forms: tuple[str, ...] = ()) -> list[list[str]]:
    """One list of feature strings per token of `doc` (crfsuite's attribute format); `evidence`,
    one list per token of what the rules say about it (evidence.py), is added with the same
    facts about the neighbours; `forms`, the recipe's families of word-form facts (`WORD_FORMS`)."""
    return [[feature for group in groups for feature in group]
            for groups in token_feature_groups(doc, lexicon, evidence, forms)]


def token_feature_groups(doc, lexicon=None, evidence: list[list[str]] | None = None,
                         forms: tuple[str, ...] = ()) -> list[list[Group]]:
    """`token_features` in groups: per token, tuples of feature strings whose concatenation, in
    order, is its features. A group is built once for the same facts and handed out again (a
    word's own features, what a neighbour gives), so the tagger looks its weights up once. Each
    kind of group is made for the whole text at once, then the tokens' lists are put together."""
    lexicon = lexicon or load_lexicon()
    memo = _memo(lexicon, forms)
    texts = [token.text for token in doc]  # read once: each spaCy attribute read makes a str
    facts = [memo.facts.get(text) or memo.lexical(text) for text in texts]  # (key, shape, lists, rank, form)
    ents = ["O"] * len(texts)
    for ent in doc.ents:  # cheaper than asking every token for its entity
        for k in range(ent.start, ent.end):
            ents[k] = ("B-" if k == ent.start else "I-") + ent.label_
    case = "case=" + case_of(texts)
    owns = [memo.owns.get((text, case, ent)) or memo.own(text, case, ent, fact)
            for text, fact, ent in zip(texts, facts, ents)]
    two_back, one_back, one_on, two_on = _neighbour_groups(texts, facts, ents, memo)
    if evidence is None:
        out = [[own, a, b, c, d] for own, a, b, c, d in zip(owns, two_back, one_back, one_on, two_on)]
    else:
        out = [[own, a, b, c, d, e] for own, a, b, c, d, e
               in zip(owns, two_back, one_back, one_on, two_on, _evidence_groups(evidence))]
        _add_neighbour_evidence(out, evidence)
    _add_after_own(out, texts)
    return out


class _WordTypes:
    """The groups of each word type met so far, for one lexicon and recipe: keyed on the token's
    text (and the text's case, the token's entity label, a neighbour's shape), strings whose
    hashes Python keeps, so that a token that repeats a word costs a few dictionary look-ups
    instead of hashing the facts tuples `_own` and `_side` are cached on. Bounded: past
    MAX_WORD_TYPES keys, a dictionary starts again."""

    def __init__(self, lexicon, forms: tuple[str, ...]):
        self.lexicon, self.forms = lexicon, forms
        self.facts: dict[str, tuple[str, str, tuple[str, ...], str, tuple[str, ...]]] = {}
        self.owns: dict[tuple[str, str, str], Group] = {}
        # A neighbour's group by (its text, its entity, the token's own shape): one back, one on.
        self.sides: dict[tuple[str, str, str], Group] = {}
        self.sides_after: dict[tuple[str, str, str], Group] = {}
        self.far: dict[tuple[str, str], tuple[Group, Group]] = {}

    def lexical(self, text: str) -> tuple[str, str, tuple[str, ...], str, tuple[str, ...]]:
        """`_lexical` of a token's text, kept."""
        return _kept(self.facts, text, _lexical(text, self.lexicon, self.forms))

    def own(self, text: str, case: str, ent: str, fact) -> Group:
        """A token's own group (`_own`), kept by (text, case, entity)."""
        key, shape_, lists, rank, form = fact
        named = lists and ("names_identity" not in self.forms or "common" not in lists or "given" in lists)
        group = _own(case, shape_, ent, rank, min(len(text), 8), lists, key if named else "",
                     key in NOT_NAMES, form)
        return _kept(self.owns, (text, case, ent), group)


def _kept(cache: dict, key, value):
    """`value`, stored under `key` in a bounded cache."""
    if len(cache) >= MAX_WORD_TYPES:
        cache.clear()
    cache[key] = value
    return value


@functools.cache
def _memo(lexicon, forms: tuple[str, ...]) -> _WordTypes:
    """The word-type groups of a lexicon and recipe (one pair in a run)."""
    return _WordTypes(lexicon, forms)


def _neighbour_groups(texts: list[str], facts: list[tuple[str, str, tuple[str, ...], str, tuple[str, ...]]],
                      ents: list[str], memo: _WordTypes) -> list[list[Group]]:
    """The groups each token gets from its neighbours two back, one back, one on and two on
    (`edge` past either end of the text), one list per distance."""
    far = [memo.far.get((text, ent)) or _kept(memo.far, (text, ent), _far_sides(fact[1], ent, fact[2]))
           for text, fact, ent in zip(texts, facts, ents)]
    shapes = [fact[1] for fact in facts]
    sides, sides_after = memo.sides.get, memo.sides_after.get  # a word type met before: one look-up
    before = [sides((text, ent, own)) or _side_of(memo, -1, text, fact, ent, own)
              for text, fact, ent, own in zip(texts, facts, ents, shapes[1:])]
    after = [sides_after((text, ent, own)) or _side_of(memo, 1, text, fact, ent, own)
             for text, fact, ent, own in zip(texts[1:], facts[1:], ents[1:], shapes)]
    n = len(facts)
    return [[EDGE[-2]] * min(n, 2) + [seen[0] for seen in far[:-2]], [EDGE[-1]] + before,
            after + [EDGE[1]], [seen[1] for seen in far[2:]] + [EDGE[2]] * min(n, 2)]


def _side_of(memo: _WordTypes, step: int, text: str, fact, ent: str, own: str) -> Group:
    """`_side` of a neighbour one away, kept by (its text, its entity, the token's own shape)."""
    cache = memo.sides if step < 0 else memo.sides_after
    found = cache.get((text, ent, own))
    if found is None:
        key, shape_, lists, _, form = fact
        found = _kept(cache, (text, ent, own), _side(step, shape_, ent, lists, key, own, form))
    return found


def _evidence_groups(evidence: list[list[str]]) -> list[Group]:
    """What the rules say about each token (`ev=none` where they say nothing)."""
    return [tuple(e) if e else EV_NONE for e in evidence]


def _add_neighbour_evidence(out: list[list[Group]], evidence: list[list[str]]) -> None:
    """After each token's own evidence, what the rules say of the token before it, then of the one
    after it (only where they say something: most tokens have no evidence on either side). Going
    through the tokens in order puts a token's `-1:` group before its `1:` group."""
    last = len(evidence) - 1
    for j, e in enumerate(evidence):
        if e:
            if j < last:
                out[j + 1].append(tuple("-1:" + x for x in e))
            if j:
                out[j - 1].append(tuple("1:" + x for x in e))


def _add_after_own(out: list[list[Group]], texts: list[str]) -> None:
    """Put the rarer groups in their place after a token's own: `sentstart` for a token that
    opens the text, follows a sentence's end or starts a line (spaCy keeps a line break as a token
    of its own: a token's trailing white space is one space), `after=@` (`#`) for one after a
    handle's or hashtag's mark. No token after a mark opens a sentence."""
    if out:
        out[0].insert(1, SENTENCE_START)
    for i in range(1, len(texts)):
        previous = texts[i - 1]
        if previous in SENTENCE_END or "\n" in previous:
            out[i].insert(1, SENTENCE_START)
        elif previous in AFTER_MARKS:
            out[i].insert(1, ("after=" + previous,))


@functools.lru_cache(maxsize=1 << 16)
def _own(case: str, shape: str, ent: str, rank: str, length: int, lists: tuple[str, ...], key: str,
         not_a_name: bool, form: tuple[str, ...] = ()) -> tuple[str, ...]:
    """A token's own features from its facts (`key` only for a word of the public lists); a
    web-frequency bucket also paired with the lists, the shape and the text's case."""
    feats = [case, "shape=" + shape, case + "|" + shape, "ent=" + ent, "rank=" + rank,
             "len=" + str(length)]
    feats += ["list=" + name for name in lists] or ["list=none"]
    joined = "+".join(lists)
    feats += ["lists=" + joined, f"shape|lists={shape}|{joined}", f"{case}|lists={joined}",
              f"ent|shape={ent}|{shape}"]
    if key:
        feats.append("w=" + key)  # a public lexicon's word: its identity ships no one's name
    if not_a_name:
        feats.append("notname")
    for fact in form:
        feats.append(fact)
        if fact.startswith("freq="):
            feats.append(f"{fact}|lists={joined}")
    return tuple(feats)


@functools.lru_cache(maxsize=1 << 12)
def _far_sides(shape: str, ent: str, lists: tuple[str, ...]) -> tuple[Group, Group]:
    """What a token gives as the neighbour two away: (seen from two tokens on, seen from two
    tokens back). A neighbour two away gives neither its key nor the pair: few to cache."""
    return _side(-2, shape, ent, lists, "", ""), _side(2, shape, ent, lists, "", "")


@functools.lru_cache(maxsize=1 << 16)
def _side(step: int, shape: str, ent: str, lists: tuple[str, ...], key: str, own: str,
          form: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The features one neighbour gives (its key and word form only at distance 1), the same for
    the same facts."""
    feats = [f"{step}:shape={shape}", f"{step}:ent={ent}", f"{step}:lists=" + "+".join(lists)]
    if abs(step) == 1:
        if lists:
            feats.append(f"{step}:w={key}")
        cue = cue_of(key)
        if cue:
            feats.append(f"{step}:cue={cue}")
        if step == 1 and key in AFTER_NAME:
            feats.append("1:after_name")
        feats.append(f"{step}:pair={shape}|{own}")
        feats += [f"{step}:{fact}" for fact in form]
    return tuple(feats)
