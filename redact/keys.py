"""Whether an object key is a field name or may be personal data written as a key.

A key under an unlisted or kept path is written to the output and named in reports and summaries,
so it is data until shown otherwise. A field name is shaped like one (`KEY_SHAPE`: a letter or `_`,
then letters, digits, `_` or `-`, at most 64 characters: never an e-mail address or a phone
number written as people write them) and its word parts (split at `_`, `-`, digits and camelCase:
`kishan_patel`, `kishanPatel`, `Kishan-Patel`) hold no sign of a person:

- a run of `MIN_DIGITS` digits or more (a phone number, a card or account number, a member id);
- two word parts or more, every one a given name or surname of any language's list or a word too
  rare on the web to be a field's (`RARE_WORD`), none a common English word or an abbreviation
  fields use (`FIELD_WORDS`), at least one no English word at all (`kishan_patel`,
  `maria_garcia`, `anna_lee`; not `dev_mode`, `bill_to`, `grace_period`, `jordan_score`,
  `max_len`). A lone word (`Maria`, `lang`) cannot be told from a field name.

The lists and counts are those person detection reads (`recognizers.lexicon`).
"""

from __future__ import annotations

import functools
import re

from recognizers import lexicon

KEY_SHAPE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,63}")  # what schemas name fields; never an email or phone
# A key's word parts: capitalised or lower-case words, runs of capitals, runs of digits.
_PARTS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
# Abbreviations field names are made of that a name list also holds (`max_len`): never a name here.
FIELD_WORDS = lexicon.read_words(lexicon.DATA / "field_words.txt")
MIN_DIGITS = 7  # a run of digits this long may be a phone, card, account or member number
RARE_WORD = 2.5  # web frequency (log10 per billion words) under which a word no list holds may be a name


def is_field_name(key: str) -> bool:
    """True when `key` is shaped like a field name and its word parts hold no sign of a person
    (see the module docstring); cached, as the same keys come back on every record."""
    return bool(KEY_SHAPE.fullmatch(key)) and not _holds_person_data(key)


@functools.lru_cache(maxsize=1 << 14)
def _holds_person_data(key: str) -> bool:
    parts = _PARTS.findall(key)
    if any(part.isdigit() and len(part) >= MIN_DIGITS for part in parts):
        return True
    words = [lexicon.fold(part) for part in parts if not part.isdigit()]
    lexicon_ = lexicon.load_lexicon()
    return (len(words) >= 2 and all(_name_like(word) for word in words)
            and not all(lexicon_.is_word(word) for word in words))


def _name_like(word: str) -> bool:
    """A word that may be part of a name: a given name or surname of any language's list, or a
    word too rare on the web to be a field name's; never a common English word, an abbreviation
    of `FIELD_WORDS`, a chat word or one letter."""
    if len(word) < 2 or word in FIELD_WORDS or word in lexicon.CHAT_WORDS or word in lexicon.english_words():
        return False
    listed = word in lexicon.shared_given_names() or word in lexicon.shared_surnames()
    return listed or lexicon.web_frequency(word) < RARE_WORD
