"""Whether an object key is a field name or may be personal data written as a key.

A key under an unlisted or kept path is written to the output and named in reports and summaries,
so it is data until shown otherwise. A field name is shaped like one (`KEY_SHAPE`: a Latin letter,
accented ones too, or `_`, then such letters, digits, `_` or `-`, at most 64 characters: never an
e-mail address or a phone number written as people write them) and its word parts (split at `_`,
`-`, digits and camelCase: `kishan_patel`, `kishanPatel`, `Kishan-Patel`, `josé_garcía`) hold no
sign of a person:

- a run of `MIN_DIGITS` digits or more (a phone number, a card or account number, a member id;
  groups joined by `-` or `_` count together: `tel_202-555-0143`, `ssn_078_05_1120`), unless
  it reads as a stamp or a counter: a date `YYYYMMDD` (`seen_20240101`, and
  `snapshot_20240101T120000`; with the time run on, `YYYYMMDDHHMMSS`), a zero-padded counter
  whose digits after the zeros are fewer than `MIN_DIGITS` (`partition_0000001`; a phone number
  with a trunk `0` keeps nine digits or more), or a Unix time in seconds or milliseconds between
  `UNIX_TIMES` (ten or thirteen digits, no leading zero, September 2001 to May 2033:
  `created_1700000000`; a North American number, ten digits from area code 200 up, is past it,
  so `u2025550143` is data, and so are nine-digit numbers and numbers with a trunk `0`);
- two word parts or more, every one a given name or surname of any language's list or a word too
  rare on the web to be a field's (`RARE_WORD`), none a common English word or an abbreviation
  fields use (`FIELD_WORDS`) unless it is one of the `COMMON_SURNAMES` most frequent surnames
  beside a given name that is no English word (`kevin_smith`), at least one no English word at
  all and at least one a listed name (`kishan_patel`, `maria_garcia`, `anna_lee`; not `dev_mode`,
  `bill_to`, `grace_period`, `jordan_score`, `max_len`, nor jargon no list holds: `onnx_opset`,
  `wikidata_qid`); or just two word parts, a given name or an initial then a surname, as user
  names are written (`john_smith`, `mark_jones`, `JohnSmith42`, `j_smith`; `_given_then_surname`).
  A lone word (`Maria`, `lang`) cannot be told from a field name.

The lists and counts are those person detection reads (`recognizers.lexicon`).
"""

from __future__ import annotations

import functools
import re

import regex

from recognizers import lexicon

# What schemas name fields (never an e-mail address or a phone number): Latin letters, those of
# European languages too (`größe`, `código_postal`, `łączny`; Latin-1 to Latin Extended-B, and
# combining accents), digits, `_` and `-`. A key in another script, or in Latin letters in disguise
# (small capitals, fullwidth), stays data.
_LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
KEY_SHAPE = re.compile(f"[{_LETTER}_][{_LETTER}\u0300-\u036f0-9_-]{{0,63}}")
# A key's word parts: capitalised or lower-case words, runs of capitals, runs of digits.
_PARTS = regex.compile(r"\p{Lu}?[\p{Ll}\p{Mn}]+|\p{Lu}+(?![\p{Ll}\p{Mn}])|[0-9]+")
# A number a key holds, its groups joined by `-` or `_` as people write phone and card numbers
# (`tel_202-555-0143`, `card_4111_1111_1111_1111`): read as the digits together.
_DIGIT_GROUPS = re.compile(r"[0-9]+(?:[-_][0-9]+)*")
# Abbreviations field names are made of that a name list also holds (`max_len`): never a name here.
FIELD_WORDS = lexicon.read_words(lexicon.DATA / "field_words.txt")
MIN_DIGITS = 7  # a run of digits this long may be a phone, card, account or member number
ANCHOR_LETTERS = 4  # a given name that anchors a common surname: `kevin`, not `lon`, `cal`, `ada` (lon_west)
RARE_GIVEN_SURNAMES = 1000  # a given name no list holds counts before a surname this frequent (`kishan_patel`)
COMMON_SURNAMES = 500  # a surname this frequent counts though it is an English word, beside a given name
RARE_WORD = 2.5  # web frequency (log10 per billion words) under which a word no list holds may be a name
# 2001-09-09 to 2033-05-18 in seconds, ten digits and no leading zero: a key's time stamp. It stops
# below 2,000,000,000: a ten-digit North American number starts with its area code, 200 or more; a
# nine-digit number (a Spanish or Peruvian phone) or one with a trunk `0` is never a time.
UNIX_TIMES = (1_000_000_000, 1_999_999_999)
_DATE_STAMP = re.compile(r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:[01]\d|2[0-3])?(?:[0-5]\d){0,2}")


def is_field_name(key: str) -> bool:
    """True when `key` is shaped like a field name and its word parts hold no sign of a person
    (see the module docstring); cached, as the same keys come back on every record."""
    return bool(KEY_SHAPE.fullmatch(key)) and not _holds_person_data(key)


@functools.lru_cache(maxsize=1 << 14)
def _holds_person_data(key: str) -> bool:
    numbers = (re.sub(r"[-_]", "", run) for run in _DIGIT_GROUPS.findall(key))
    if any(len(digits) >= MIN_DIGITS and not _stamp_or_counter(digits) for digits in numbers):
        return True
    parts = _PARTS.findall(key)
    words = [lexicon.fold(part) for part in parts if not part.isdigit()]
    if len(words) < 2:
        return False
    if is_user_name(key):
        return True
    lexicon_ = lexicon.load_lexicon()
    # A common surname that is also an English word (`smith`, `baker`) counts beside a given name
    # that is none (`kevin_smith`, `kishan_baker`; not `grace_period`, `mark_level`, `jordan_score`).
    anchored = any(len(word) >= ANCHOR_LETTERS and word in lexicon.shared_given_names()
                   and not lexicon_.is_word(word) for word in words)
    return (all(_name_like(word) or anchored and _common_surname(word) for word in words)
            and not all(lexicon_.is_word(word) for word in words) and any(map(_listed_name, words)))


@functools.lru_cache(maxsize=1 << 14)
def is_user_name(word: str) -> bool:
    """True when `word` (a key, or a user name written without `@` in text: `kishan_patel`,
    `maria.rossi`, `john_smith42`) is two word parts, a given name or an initial then a surname
    (`_given_then_surname`); its digits are not looked at."""
    parts = _PARTS.findall(word)
    words = [lexicon.fold(part) for part in parts if not part.isdigit()]
    # A given name no list holds counts joined by `_` or camelCase (`kishan_patel`), not by `.`:
    # `numpy.cross`, `spacy.lang` are code.
    return len(words) == 2 and _given_then_surname(words[0], words[1], parts[0].isalpha() and not parts[1].isdigit(),
                                                   unlisted_given="." not in word)


def _given_then_surname(given: str, surname: str, initial: bool, unlisted_given: bool) -> bool:
    """A given name or an initial, then a surname: how user names and name keys are written
    (`john_smith`, `mark_jones`, `j_smith`, `JohnSmith42`). Not when either is an abbreviation
    fields use or a chat word (`max_price`), nor when the surname is a common English word unless it
    is one of the `COMMON_SURNAMES` after a given name of `ANCHOR_LETTERS` that is none (`john_smith`;
    not `mark_price`, `lon_west`, `jordan_score`). An initial counts right before one of the
    `COMMON_SURNAMES` or a listed surname of `ANCHOR_LETTERS` that is no English word
    (`j_kowalczyk`; not `x_offset`, `p_value`, `vSan`), never apart from it (`S3Grant`;
    `initial`: the key's first two parts are the initial and the surname). A surname that is an
    English word's plural is none here (`n_fields`). With `unlisted_given`, a given name no list
    holds counts before a frequent surname (`_rare_given`: `kishan_patel`)."""
    english = lexicon.english_words()
    if any(word in FIELD_WORDS or word in lexicon.CHAT_WORDS for word in (given, surname)):
        return False
    if surname.endswith("s") and surname[:-1] in english:  # a count or a list: `n_fields`, `k_means`
        return False
    if len(given) == 1:
        return initial and (_common_surname(surname) or len(surname) >= ANCHOR_LETTERS
                            and surname in lexicon.shared_surnames() and not lexicon.load_lexicon().is_word(surname))
    if given not in lexicon.shared_given_names() and not (unlisted_given and _rare_given(given, surname)):
        return False
    return (surname in lexicon.shared_surnames()
            and (surname not in english or _common_surname(surname) and given not in english
                 and len(given) >= ANCHOR_LETTERS))


def _stamp_or_counter(digits: str) -> bool:
    """A run of digits a key holds as a date stamp, a zero-padded counter or a Unix time (seconds
    or milliseconds), not as a phone, card or member number (see the module docstring)."""
    if len(digits) in (8, 12, 14) and _DATE_STAMP.fullmatch(digits):
        return True
    if len(digits.lstrip("0")) < MIN_DIGITS:
        return True
    low, high = UNIX_TIMES
    return not digits.startswith("0") and (len(digits) == 10 and low <= int(digits) <= high
                                           or len(digits) == 13 and low * 1000 <= int(digits) <= high * 1000 + 999)


def _rare_given(given: str, surname: str) -> bool:
    """A given name the lists miss (`kishan`) before a surname: a word of `ANCHOR_LETTERS` or more
    too rare on the web to be a field's and no English word, before one of the
    `RARE_GIVEN_SURNAMES` most frequent surnames that is no English word either (`patel`)."""
    words = lexicon.load_lexicon()
    return (len(given) >= ANCHOR_LETTERS and lexicon.web_frequency(given) < RARE_WORD and not words.is_word(given)
            and lexicon.surname_rank().get(surname, RARE_GIVEN_SURNAMES) < RARE_GIVEN_SURNAMES
            and not words.is_word(surname))


def _listed_name(word: str) -> bool:
    """A given name or surname of any language's list."""
    return word in lexicon.shared_given_names() or word in lexicon.shared_surnames()


def _common_surname(word: str) -> bool:
    """One of the `COMMON_SURNAMES` most frequent surnames of the census list (`smith`, `baker`;
    not `key`, `code`, `score`, which the list holds too)."""
    return lexicon.surname_rank().get(word, COMMON_SURNAMES) < COMMON_SURNAMES


def _name_like(word: str) -> bool:
    """A word that may be part of a name: a given name or surname of any language's list, or a
    word too rare on the web to be a field name's; never a common English word, an abbreviation
    of `FIELD_WORDS`, a chat word or one letter."""
    if len(word) < 2 or word in FIELD_WORDS or word in lexicon.CHAT_WORDS or word in lexicon.english_words():
        return False
    return _listed_name(word) or lexicon.web_frequency(word) < RARE_WORD
