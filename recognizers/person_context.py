"""The old import path of person_context_v1 (the registry's, bench/person_ablation.py's): the rules
now live in ``recognizers/person/`` (``context.py`` and one module per kind of evidence), the
shared word lists in ``recognizers/lexicon.py``. New code imports from there."""

from recognizers.lexicon import CHAT_WORDS, DATA, NameLexicon, fold, load_lexicon
from recognizers.person.context import PersonContextRecognizer
from recognizers.person.cue_words import (
    DEFAULT_OTHER_ENTITY_PENALTY,
    DEFAULT_PROPN_BOOST,
    DEFAULT_SCORES,
    GREETING_FIRST,
    HONORIFICS,
    NOT_NAMES,
    RELATIONS,
    TITLES,
)

__all__ = [
    "CHAT_WORDS", "DATA", "DEFAULT_OTHER_ENTITY_PENALTY", "DEFAULT_PROPN_BOOST", "DEFAULT_SCORES",
    "GREETING_FIRST", "HONORIFICS", "NOT_NAMES", "RELATIONS", "TITLES", "NameLexicon",
    "PersonContextRecognizer", "fold", "load_lexicon",
]
