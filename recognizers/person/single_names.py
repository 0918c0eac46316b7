"""Evidence for one word alone: a listed name, or a capitalised word shaped like a name, scored by
its context (`my friend emma`, `Katrine said`, `with Kishan`, mid-sentence or heading one)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from recognizers.lexicon import NameLexicon, respelled, web_frequency
from recognizers.person.cue_words import (
    KNOWN_LOWER_MIN_LETTERS,
    LOWER_LEFT,
    LOWER_WEAK_LEFT,
    LOWER_WEB_RARE,
    NAMED_WORD_WEB_COMMON,
    NEVER_SINGLE,
    RELATIONS,
    RUN_TOGETHER_MIN_NAME,
    WEAK_WORDS,
    WEB_COMMON,
)
from recognizers.person.greetings import GREETING, addressed
from recognizers.person.hashtags import LONGEST_SEGMENTED, segmented
from recognizers.person.text import CONTEXT_CHARS, LATIN_LETTER, Candidate, ScannedText, words_run_together
from recognizers.person.words import NAME_SHAPE, Word

# Contexts that introduce a name: strong enough even for a lower-case word (`my name is vitoria`).
NAMING_PHRASE = (r"(?:\bnamed|\bname\s*(?:is|was|[?:=-])|\bname'?s|\bcall(?:s|ed)?\s+me|"
                 r"\bknown\s+as|\baka|\ba\.k\.a\.?)")
NAMING = re.compile(NAMING_PHRASE + r"[\s,:\"]*\Z", re.IGNORECASE)
# Left contexts strong enough for a capitalised name not in the lists.
STRONG_LEFT = (re.compile(r"(?:\b(?:my|our|his|her|your|their|ur)\s+(?:\w+\s+)?(?:"
                          + "|".join(sorted(RELATIONS)) + r")|" + NAMING_PHRASE + r"|"
                          r"\bcalled|\bi'?m|\bi\s+am|\bthis\s+is|\bit'?s|\bcc:?|\bw/|\bft\.?|"
                          r"\bfeat\.?)[\s,:]+\Z", re.IGNORECASE))
# STRONG_LEFT's phrases end with one of these words or marks (`is`, `was` perhaps right after
# `name`), just before its trailing `[\s,:]+`: a left context not ending so is rejected by looking
# at its last few characters only (the whole search tries every one of up to 80 starting points).
STRONG_LAST = re.compile(r"(?:\b(?:" + "|".join(sorted(RELATIONS)) + r"|called|i'?m|am|is|it'?s|cc|ft\.?|feat\.?"
                         r"|named|name|name'?s|me|as|aka|a\.k\.a\.?)|w/|[?=-]|is|was)\Z", re.IGNORECASE)
STRONG_LAST_REACH = max(map(len, RELATIONS)) + 1
# What STRONG_LEFT strips from the end: white space (re's \s is str.isspace), commas and colons.
SPACE_COMMA_COLON = "".join(c for c in map(chr, range(0x3000 + 1)) if c.isspace()) + ",:"
# Every NAMING phrase holds one of these: a text without any has no naming context anywhere.
NAMING_HINT = re.compile(r"nam|call|known|aka|a\.k\.a", re.IGNORECASE)
WEAK_LEFT = re.compile(r"(?:" + "|".join(r"\bvs\.?" if w == "vs." else "&" if w == "&" else r"\b" + w
                                         for w in WEAK_WORDS) + r")\s+\Z", re.IGNORECASE)
# A WEAK_LEFT match ends where the trailing white space starts and is at most this long, so the
# search starts there, not at each of the window's characters (same answer, a fraction of the time).
WEAK_LEFT_REACH = max(len(w) for w in WEAK_WORDS)
RIGHT = re.compile(r"\A(?:\s?['’]\s?s\b|\s*,\s*(?:you|u|ur|your|please|pls|plz|i|we)\b|"
                   r"\s+(?:said|says|say|told|tells|asked|asks|wrote|writes|tweeted|"
                   r"posted|replied|texted|called|thinks|thought|wants|wanted|loves|loved|likes|"
                   r"liked|knows|knew|is|was|has|had|and|&|will|would|can|could|did|does|just|"
                   r"looks|looked|got|gets|went|goes|made|makes|lives|lived|works|worked|spent|"
                   r"came|comes|gave|gives|sent|sends|met|joined|left|won|lost|died|plays|played|"
                   r"sings|sang|married|hates|hated|needs|needed|feels|felt|seems|seemed)\b)",
                   re.IGNORECASE)
# Left contexts strong enough for a lower-case word no list holds: a relation word after my/your/...,
# a naming phrase, or one of LOWER_LEFT (`follow noldirahman`, `Candid by lenilen`).
LOWER_STRONG_LEFT = re.compile(r"(?:\b(?:my|our|his|her|your|their|ur)\s+(?:\w+\s+)?(?:"
                               + "|".join(sorted(RELATIONS)) + r")|" + NAMING_PHRASE + r"|\b(?:"
                               + "|".join(map(re.escape, LOWER_LEFT)) + r")\.?)[\s,:]+\Z", re.IGNORECASE)
# The weak ones of LOWER_LEFT, and how many parts of a word after one may be an acronym (three
# letters or fewer) while the rest are English words run together (`chatgpt`: no name).
WEAK_LOWER_LEFT = re.compile(r"\b(?:" + "|".join(map(re.escape, LOWER_WEAK_LEFT)) + r")\.?[\s,:]+\Z",
                             re.IGNORECASE)
WEAK_CUE_ACRONYMS = 1
# Right contexts for the same: `ldshadowlady aka Lizzie`, `edubes , your vedo`; and, opening a
# sentence only, `hangwani u see now` (mid-sentence `u` follows verbs: `gonna unfollow u`).
LOWER_RIGHT = re.compile(r"\A(?:\s+(?:aka|a\.k\.a)\b|\s*,\s*(?:u|you|ur|your)\b)", re.IGNORECASE)
LOWER_RIGHT_OPENING = re.compile(r"\A\s+(?:u|ur|your)\b", re.IGNORECASE)
# A self-introduction opening a message, a sentence or a clause, perhaps after a greeting (`hey its
# julita,`, `hi mark, i'm nando from the support team`, `hi, this is kasia.`), and what closes the name after it: a
# mark, the end, `from` or `here`. Lower-case words after `i'm`, `its` anywhere else are mostly
# adjectives and typos (`i am subed`, `its awsome`); here the word must still be a name no English
# list holds (`hey its fine`, `hi im back`, `im tired.` stay words).
INTRODUCTION_LEFT = re.compile(r"(?:\A|[\n.!?,]\s*)(?:" + GREETING.pattern + r")?"
                               r"(?:it'?s|its|this\s+is|i'?m|i\s+am)\s+\Z", re.IGNORECASE)
INTRODUCTION_RIGHT = re.compile(r"(?:\s*(?:[,.!;\n]|\Z)|\s+(?:from|here)\b)", re.IGNORECASE)
INTRODUCTION_REACH = 40


def single_names(t: ScannedText) -> Iterator[Candidate]:
    """One word from the lists (or capitalised, after a strong context), scored by context."""
    naming_possible = bool(NAMING_HINT.search(t.text))
    for w in _single_candidates(t, naming_possible):
        kind = _single_kind(t, w, naming_possible)
        if kind:
            yield Candidate(w.start, w.end, kind)


def _single_candidates(t: ScannedText, naming_possible: bool) -> list[Word]:
    """The words that context could make a name. Most words are English words that no context
    makes a name: they are set aside here, in one pass, before any context is read; but a given
    name that is an English word too right after a naming phrase (`my name is ebony`)."""
    words, names, caps = t.lex.words, t.lex.names, t.caps_informative
    return [w for w in t.words
            if not (w.in_link or w.key in NEVER_SINGLE or len(w.key) < 2)
            and (not (w.key in words and w.key not in names) if w.title and caps
                 else w.text.islower() and (w.key not in words
                                            or naming_possible and _named_word(t, w)))]


def _named_word(t: ScannedText, w: Word) -> bool:
    """A lower-case given name that is an English word too, right after a naming phrase (`my name
    is ebony`, `call me hope`): a name, unless the word is as common as the function words
    (`my name is in the list`, `call me will`: web frequency NAMED_WORD_WEB_COMMON or more)."""
    return (w.key in t.lex.given and web_frequency(w.key) < NAMED_WORD_WEB_COMMON
            and bool(NAMING.search(t.left_of(w.start))))


def _single_kind(t: ScannedText, w: Word, naming_possible: bool) -> str | None:
    """The evidence for one of the candidates as a name, or None."""
    lex = t.lex
    left = t.left_of(w.start)
    context = Context(t, w, left)
    if w.title and t.caps_informative:
        return _capitalised_kind(t, w, context)
    if naming_possible and NAMING.search(left):
        return "context_known" if lex.is_name(w.key) else "context_capitalised"
    # Lower case: only a given name that is no English word and, outside English text, only
    # with context (`le`, `tu`, `sai` are given names and French, Portuguese words); in a shouted
    # text only after a strong context (`MY COUSIN DAVE`): there a weak one or none leaves a place
    # written like any name (`I MISS LONDON`, `THE WEATHER IN LONDON IS`, `BACK IN JACKSON`).
    if len(w.key) > 2 and w.key in lex.given and (t.english or context.any):
        if context.strong or introduced(t, w):
            return "context_known"
        if t.shouted:
            return None
        if context.any:
            return "known_lower_context"
        return "known_lower" if len(w.key) >= KNOWN_LOWER_MIN_LETTERS else None
    return _lower_unlisted_kind(t, w, left)


def _lower_unlisted_kind(t: ScannedText, w: Word, left: str) -> str | None:
    """The evidence for a lower-case word no list holds, no English or chat word nor one
    respelled, in English text: rare on the web after a strong context (`my cousin cicibussey`),
    or absent from the web and made of words and a given name (`righthererachel`). Not a word
    without a Latin letter once folded: the web counts hold ASCII words only, so every word of
    another script would be `rare` (`follow меня`, follow me; `song by любовь`, love); a word
    mixing scripts stays a candidate (`follow аnna` with a Cyrillic `а` hides a name)."""
    key, lex = w.key, t.lex
    frequency = web_frequency(key)  # most such words are common on the web: cheapest test first
    if (frequency >= LOWER_WEB_RARE or lex.is_name(key) or not key.isalpha()
            or not LATIN_LETTER.search(key) or respelled(key, lex) or not t.english_besides_rare):
        return None
    if _lower_context(t, w, left):
        return "context_lower"
    if frequency == 0.0 and run_together(key, lex):
        return "run_together"
    return None


def _lower_context(t: ScannedText, w: Word, left: str) -> bool:
    """A context that makes a lower-case word no list holds a name (LOWER_STRONG_LEFT, LOWER_RIGHT,
    LOWER_RIGHT_OPENING); after a weak cue (LOWER_WEAK_LEFT: `by`) not a word made of English words
    run together (`by webpack`, `by chatgpt`)."""
    right = t.text[w.end:w.end + CONTEXT_CHARS]
    if LOWER_RIGHT.match(right) or (w.sentence_start and LOWER_RIGHT_OPENING.match(right)):
        return True
    if introduced(t, w):
        return True
    cue = LOWER_STRONG_LEFT.search(left)
    return cue is not None and not (WEAK_LOWER_LEFT.search(cue.group())
                                    and words_run_together(w.key, t.lex, acronyms=WEAK_CUE_ACRONYMS))


def introduced(t: ScannedText, w: Word) -> bool:
    """Lower-case word `w` is the name a writer gives themselves opening a message or a sentence
    (INTRODUCTION_LEFT), the name closed by a mark, `from` or `here` (INTRODUCTION_RIGHT)."""
    return (w.text.islower() and bool(INTRODUCTION_RIGHT.match(t.text, w.end))
            and bool(INTRODUCTION_LEFT.search(t.text, max(0, w.start - INTRODUCTION_REACH), w.start)))


def run_together(key: str, lex: NameLexicon) -> bool:
    """A user name written run together: `key` (lower case, letters, no word the web counts hold)
    splits by wordsegment into English words of three letters or more and, last, a given name no
    common word of RUN_TOGETHER_MIN_NAME letters or more (`righthererachel` -> right here rachel).
    Shorter parts are mostly a misspelled word cut up (`chanle` -> chan le, `cucks` -> cuc ks).
    A key longer than LONGEST_SEGMENTED is no user name (and too long for wordsegment)."""
    if not key.isascii() or len(key) > LONGEST_SEGMENTED:
        return False
    *words, name = segmented(key)
    return (bool(words) and all(len(p) > 2 and lex.is_word(p) for p in words)
            and len(name) >= RUN_TOGETHER_MIN_NAME and name in lex.given and name not in lex.common)


def _capitalised_kind(t: ScannedText, w: Word, context: Context) -> str | None:
    lex = t.lex
    if lex.is_name(w.key) and w.key not in lex.common:
        if context.any:
            return "context_known"
        if w.sentence_start:
            return "known_sentence_start"
        return "known_less_common" if w.key in lex.less_common else "known_capitalised"
    if lex.is_word(w.key):
        return "context_known" if lex.is_name(w.key) and context.strong else None
    if not NAME_SHAPE.match(w.text) or respelled(w.key, lex) or _word_tail(w, lex):
        return None
    kind = _unlisted_kind(t, w, context)
    return None if kind and web_common(w.key, kind) else kind


def _word_tail(w: Word, lex: NameLexicon) -> bool:
    """A hyphen then a lower-case common English word (`Nye-on`, `Finnish-ed`): a word spelled
    out or bent, not a double name (`Jean-luc`, `Mary-ann`: no common words)."""
    head, _, tail = w.key.rpartition("-")
    return bool(head) and tail in lex.common and w.text[-len(tail):].islower()


def _unlisted_kind(t: ScannedText, w: Word, context: Context) -> str | None:
    """The evidence for a capitalised word no list holds, shaped like a name."""
    if context.strong:
        return "context_capitalised"
    if not w.sentence_start and t.english:
        return "capitalised_context" if context.any else "capitalised"
    return "capitalised" if context.any and t.english else None


def web_common(key: str, kind: str) -> bool:
    """A word no list holds is too common on the web to be a name on this kind of evidence
    (`Bio`, `Xanax`: the thresholds of ``web_common`` in the rules' data)."""
    threshold = WEB_COMMON.get(kind)
    return threshold is not None and web_frequency(key.replace("-", "").replace("'", "")) >= threshold


class Context:
    """The context around one word, each part read only when a rule asks for it (reading it is
    the costly part, and most words are decided without it)."""

    def __init__(self, t: ScannedText, word: Word, left: str):
        self.t, self.word, self.left = t, word, left

    @functools.cached_property
    def strong(self) -> bool:
        """A left context that names a person (`my friend`, `this is`)."""
        return strong_left(self.left)

    @functools.cached_property
    def any(self) -> bool:
        """Strong or weak context on either side, or the word addressed by name."""
        left, w, text = self.left, self.word, self.t.text
        return self.strong or addressed(self.t, w) or bool(
            WEAK_LEFT.search(left, max(0, len(left.rstrip()) - WEAK_LEFT_REACH))
            or RIGHT.match(text[w.end:w.end + CONTEXT_CHARS]))


def strong_left(left: str) -> bool:
    """STRONG_LEFT.search(left), most answers read off the last few characters."""
    core = left.rstrip(SPACE_COMMA_COLON)
    if len(core) == len(left) or not STRONG_LAST.search(core, max(0, len(core) - STRONG_LAST_REACH)):
        return False
    return bool(STRONG_LEFT.search(left))
