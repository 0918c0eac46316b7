"""The cue words and hand-set scores of person_context_v1, read once from
``data/context_rules.yaml`` (each list is commented there)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from recognizers.lexicon import CHAT_WORDS

RULES_FILE = Path(__file__).parent / "data" / "context_rules.yaml"


def _load(path: Path) -> dict[str, Any]:
    rules = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(rules, dict):
        raise ValueError(f"{path}: expected a mapping of cue lists and scores")
    return rules


def _words(key: str) -> frozenset[str]:
    return frozenset(str(_RULES[key]).split())


_RULES = _load(RULES_FILE)

# Score of each kind of evidence (the kinds the rules name).
DEFAULT_SCORES: dict[str, float] = {str(k): float(v) for k, v in _RULES["scores"].items()}
DEFAULT_PROPN_BOOST = float(_RULES["propn_boost"])
DEFAULT_OTHER_ENTITY_PENALTY = float(_RULES["other_entity_penalty"])
OTHER_ENTITY_LABELS = _words("other_entity_labels")
LEXICAL_KINDS = _words("lexical_kinds")
# The fewest letters of a lower-case listed name with no context (`min`, `san`, `han` are not).
KNOWN_LOWER_MIN_LETTERS = int(_RULES["known_lower_min_letters"])
# Web frequency (lexicon.web_frequency) from which a word no list holds is no name, by kind.
WEB_COMMON: dict[str, float] = {str(k): float(v) for k, v in (_RULES.get("web_common") or {}).items()}
# A lower-case word no list holds: rarer on the web than this, and the words before it that make
# it a name (`follow noldirahman`, `by lenilen`).
LOWER_WEB_RARE = float(_RULES["lower_unlisted"]["web_rare"])
LOWER_LEFT: tuple[str, ...] = tuple(str(_RULES["lower_unlisted"]["left"]).split())
# Of those, the words after which a word made of English words run together is no name (`by webpack`).
LOWER_WEAK_LEFT: tuple[str, ...] = tuple(str(_RULES["lower_unlisted"]["weak_left"]).split())
if not set(LOWER_WEAK_LEFT) <= set(LOWER_LEFT):
    raise ValueError(f"{RULES_FILE}: lower_unlisted.weak_left {sorted(set(LOWER_WEAK_LEFT) - set(LOWER_LEFT))} "
                     "not in lower_unlisted.left")
# A lower-case given name that is an English word too is a name after a naming phrase when rarer on
# the web than this (`my name is ebony`; not `my name is in`).
NAMED_WORD_WEB_COMMON = float(_RULES["named_word_web_common"])
# The fewest letters of the given name inside a run-together user name (`righthererachel`).
RUN_TOGETHER_MIN_NAME = int(_RULES["run_together"]["min_name_letters"])

HONORIFICS = _words("honorifics")
CAPITALISED_HONORIFICS = _words("capitalised_honorifics")
TITLES = _words("titles")
STAGE_TITLES = _words("stage_titles")
STAGE_NOT_NAMES = _words("stage_not_names")
STAGE_NOUN_BEFORE = _words("stage_noun_before")
CALENDAR_DAYS = _words("calendar_days")
CALENDAR_WORDS = CALENDAR_DAYS | _words("calendar_periods")
TIME_GREETINGS = _words("time_greetings")
GREETING_FIRST = _words("greeting_first")
ADDRESSING_VERBS = _words("addressing_verbs")
BYLINE_NOT_NAMES = _words("byline_not_names")
HEADER_FIELDS = _words("header_fields")
RELATIONS = _words("relations")
WEAK_WORDS: tuple[str, ...] = tuple(str(_RULES["weak_words"]).split())
NAME_SUFFIXES = _words("name_suffixes")
CAPITALISED_SUFFIXES = _words("capitalised_suffixes")
# The cue words of the sentence frames that treat a word as a person (frames.py), by list name.
FRAMES: dict[str, frozenset[str]] = {str(k): frozenset(str(v).split()) for k, v in _RULES["frames"].items()}

# Name-position words that are never names even when capitalised (`Hey Guys`, `Thanks All`).
NOT_NAMES = CHAT_WORDS
# Words never taken as a name on their own.
NEVER_SINGLE = NOT_NAMES | HONORIFICS | TITLES
