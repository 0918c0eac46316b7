"""The `surrogate` operator: a realistic fake value in place of each finding, stable under the key.

The choice is seeded by an HMAC of the entity type and the normalised value under the run's key,
so the same person gets the same surrogate across records, files and runs with the same key, and
other surrogates under another key. Faker instances and name lists are built once per locale and
kept in the engine's `Surrogates` object (no module state).
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import random
from dataclasses import dataclass
from random import Random
from typing import Any

import faker.providers.bank as bank
from presidio_anonymizer.operators import Operator, OperatorType

from recognizers.lexicon import NameLexicon, fold, load_lexicon
from redact.operators import as_read, keyed_digest
from redact.surrogates.generators import GENERATORS, InRange, other
from redact.surrogates.guard import keeps_part_of, runs_near, shares_word
from redact.surrogates.locale import Locale, locale_for_language, shipped_table

# Candidates tried before the record is quarantined rather than written with a part of its value.
ATTEMPTS = 16
# Types whose surrogate keeps the site on purpose (a profile link stays on its platform): their
# generator checks the member name itself.
KEEPS_SITE = frozenset({"PROFILE_URL", "URL"})


@dataclass(frozen=True)
class Neighbours:
    """What the surrogates of one record keep clear of, passed with each call (never stored on the
    shared `Surrogates`, so one Redactor serves many threads): the record's texts, and every
    value found in them, or `Isabel, Teresa` -> `Terrance, ...` would read as Teresa's first
    letters surviving, and Hannah in the text could become Todd of the title."""

    texts: tuple[str, ...] = ()
    values: tuple[str, ...] = ()


NO_NEIGHBOURS = Neighbours()


class Surrogates:
    """The per-run surrogate maker: the key, the locale, and caches of what each locale needs.
    Its only state is those caches (filled once, the same whichever thread fills them).

    `language` (per text) is the hook for text-language detection: today every caller passes None
    and the profile's locale is used.
    """

    def __init__(self, key: bytes, locale: str):
        self.key = key
        self.locale = locale
        self._locales: dict[str, Locale] = {}
        self._lexicon: NameLexicon | None = None

    def make(self, entity_type: str, value: str, language: str | None = None,
             near: Neighbours = NO_NEIGHBOURS) -> str:
        """The surrogate of `value` in a text with `near` values; raises when none keeps clear
        of them (the record is quarantined).

        Generators get the value as a reader sees it, as the pseudonym operator reads it
        (:func:`redact.operators.as_read`): `Ma\\u200dria` is `Maria`, one word, and gets Maria's
        surrogate; `Maria\\u00adRossi` is `Maria Rossi`, two. A surrogate is clean text, never one
        with a zero-width joiner or soft hyphen kept from the original."""
        locale = self.locale_data(locale_for_language(language) if language else self.locale)
        generator = GENERATORS.get(entity_type, other)
        seen = as_read(value)
        for attempt in range(ATTEMPTS):
            rng = self.random(entity_type, seen, attempt)
            candidate = generator(seen, rng, attempt, locale, self)
            if entity_type in KEEPS_SITE and candidate != seen:
                return candidate  # the platform is kept on purpose; the member name is checked
            checked = candidate.checked if isinstance(candidate, InRange) else candidate
            if candidate and not self._keeps_part(value, checked, near) and not keeps_part_of(seen, checked):
                return str(candidate)
            if attempt >= ATTEMPTS - 4 and not isinstance(candidate, InRange):
                generator = other  # last resort: the shape, every letter and digit replaced
                # (never for a documentation or fiction range: out of it, a value looks real)
        raise ValueError(f"no {entity_type} surrogate keeps clear of the original")

    def _keeps_part(self, value: str, candidate: str, near: Neighbours) -> bool:
        """True when the candidate keeps a part of its value, shares a word with another value in
        the text, or would line up with any value there, counting the two characters either side
        of each where it stands: in `Anthony, Hannah` a surrogate `Lindsey` for Hannah would make
        Anthony's `y, ` survive, and `Derek Perez` for `Peter ...` would keep ` Pe`."""
        if keeps_part_of(value, candidate):
            return True
        runs = set().union(*(runs_near(before + candidate + after, len(before), len(before) + len(candidate))
                             for before, after in _contexts(near.texts, value)))
        for neighbour in set(near.values) | {value}:
            if neighbour != value and shares_word(neighbour, candidate):
                return True
            for before, after in _contexts(near.texts, neighbour):
                if runs & runs_near(before + neighbour + after, len(before), len(before) + len(neighbour)):
                    return True
        return False

    def random(self, kind: str, value: str, attempt: int = 0) -> random.Random:
        """A random source seeded by the keyed digest of (kind, value) and the attempt."""
        digest = keyed_digest(self.key, f"surrogate:{kind}", value)
        return random.Random(f"{digest}:{attempt}")

    def locale_data(self, name: str) -> Locale:
        """The cached `Locale` of a Faker locale name."""
        if name not in self._locales:
            self._locales[name] = Locale(name)
        return self._locales[name]

    def is_surname_only(self, word: str) -> bool:
        """True for a word the name lists know as a surname and not as a given name (`Leiva`)."""
        if self._lexicon is None:
            self._lexicon = load_lexicon()
        key = fold(word)
        return key in self._lexicon.surnames and key not in self._lexicon.given

    def fiction_pattern(self, region: str | None, country_code: int, length: int, mobile: bool,
                        rng: Random) -> str | None:
        """A fiction-range pattern (data/fiction_phones.yaml) for the region and national length."""
        table = shipped_table("fiction_phones.yaml")
        ranges = table.get("nanp") if country_code == 1 else table.get(region or "")
        if not ranges:
            return None
        kinds = ("mobile", "other") if mobile else ("other",)
        for kind in kinds:
            fitting = [p for p in ranges.get(kind, ()) if len(p) == length]
            if fitting:
                return rng.choice(fitting)
        return None

    def iban_country(self, country: str, length: int, rng: Random) -> str | None:
        """Another country whose IBANs have `length` characters (from Faker's bank providers)."""
        fitting = sorted(c for c, n in _iban_lengths().items() if n == length and c[0] != country[:1])
        return rng.choice(fitting) if fitting else None


def _contexts(texts: tuple[str, ...], value: str) -> list[tuple[str, str]]:
    """The two characters before and after each place `value` stands in `texts`."""
    places = [(text[max(0, i - 2):i], text[i + len(value):i + len(value) + 2])
              for text in texts for i in _occurrences(text, value)] if value else []
    return places or [("", "")]


def _occurrences(text: str, value: str) -> list[int]:
    """Where `value` starts in `text`."""
    starts, at = [], text.find(value)
    while at >= 0:
        starts.append(at)
        at = text.find(value, at + 1)
    return starts


@functools.cache
def _iban_lengths() -> dict[str, int]:
    """Country code -> IBAN length, from the bank providers Faker ships (read-only, read once)."""
    lengths = {}
    for module in pkgutil.iter_modules(bank.__path__):
        provider = importlib.import_module(f"faker.providers.bank.{module.name}").Provider
        code, bban = getattr(provider, "country_code", ""), getattr(provider, "bban_format", "")
        if len(code) == 2 and code.isalpha() and bban:
            lengths[code] = 4 + len(bban)
    return lengths


class Surrogate(Operator):
    """Presidio operator: replace a value by a realistic surrogate of its type (see `Surrogates`)."""

    def operate(self, text: str | None = None, params: dict[str, Any] | None = None) -> str:
        """Return the surrogate of `text`."""
        assert text is not None and params is not None  # the engine always passes both
        return params["surrogates"].make(params["entity_type"], text, near=params.get("near", NO_NEIGHBOURS))

    def validate(self, params: dict[str, Any] | None = None) -> None:
        """The engine sets every parameter; a missing one is a programming error."""
        for name in ("surrogates", "entity_type"):
            if name not in (params or {}):
                raise ValueError(f"surrogate operator is missing '{name}'")

    def operator_name(self) -> str:
        """Name used in OperatorConfig."""
        return "surrogate"

    def operator_type(self) -> OperatorType:
        """An anonymizing operator."""
        return OperatorType.Anonymize
