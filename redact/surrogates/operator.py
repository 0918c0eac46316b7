"""The `surrogate` operator: a realistic fake value in place of each finding, stable under the key.

The choice is seeded by an HMAC of the entity type and the normalised value under the run's key,
so the same person gets the same surrogate across records, files and runs with the same key, and
other surrogates under another key. Faker instances and name lists are built once per locale and
kept in the engine's `Surrogates` object (no module state).
"""

from __future__ import annotations

import functools
import importlib
import random
from pathlib import Path
from typing import Any

import yaml
from faker import Faker
from presidio_anonymizer.operators import Operator, OperatorType

from recognizers.lexicon import fold, load_lexicon
from redact.operators import keyed_digest
from redact.surrogates.generators import GENERATORS, other
from redact.surrogates.guard import keeps_part_of, runs_near, shares_word
from redact.surrogates.shapes import scramble

DATA = Path(__file__).parent / "data"
FALLBACK_LOCALE = "en_US"
# Candidates tried before the record is quarantined rather than written with a part of its value.
ATTEMPTS = 16
# Types whose surrogate keeps the site on purpose (a profile link stays on its platform): their
# generator checks the member name itself.
KEEPS_SITE = frozenset({"PROFILE_URL", "URL"})


@functools.cache
def _table(name: str) -> dict:
    """A YAML table shipped in data/ (read-only, read once)."""
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def locale_for_language(language: str | None) -> str:
    """The Faker locale for an ISO 639-1 language (data/locales.yaml), else en_US."""
    return _table("locales.yaml").get(language or "", FALLBACK_LOCALE)


def available_locales() -> list[str]:
    """Every locale Faker knows (what a profile's `locale` may name)."""
    from faker.config import AVAILABLE_LOCALES

    return sorted(AVAILABLE_LOCALES)


class Locale:
    """What the generators need of one locale: name lists, its phone region and a Faker."""

    def __init__(self, name: str):
        self.name = name
        self.region = name.split("_")[-1].upper() if "_" in name else "US"
        provider = _person_provider(name)
        self.given_names = sorted(set(getattr(provider, "first_names", ())) or {"Alex"})
        self.surnames = sorted(set(getattr(provider, "last_names", ())) or {"Smith"})
        self._faker = Faker(name)

    def faker(self, seed: int) -> Faker:
        """This locale's Faker, seeded for one value."""
        self._faker.seed_instance(seed)
        return self._faker


def _person_provider(locale: str):
    """Faker's person provider of `locale` (its name lists are indexed directly: fast)."""
    try:
        return importlib.import_module(f"faker.providers.person.{locale}").Provider
    except ModuleNotFoundError:
        return importlib.import_module(f"faker.providers.person.{FALLBACK_LOCALE}").Provider


class Surrogates:
    """The per-run surrogate maker: the key, the locale, and caches of what each locale needs.

    `language` (per text) is the hook for text-language detection: today every caller passes None
    and the profile's locale is used.
    """

    def __init__(self, key: bytes, locale: str):
        self.key = key
        self.locale = locale
        self._locales: dict[str, Locale] = {}
        self._lexicon = None
        # The other values found in the text being anonymised (set by `Engine.surrogates_avoiding`):
        # a surrogate keeps clear of them too, or `Isabel, Teresa` -> `Terrance, ...` would read
        # as Teresa's first letters surviving.
        self.avoid: tuple[str, ...] = ()
        self.text = ""

    def make(self, entity_type: str, value: str, language: str | None = None) -> str:
        """The surrogate of `value`; raises when none keeps clear of it (the record is quarantined)."""
        locale = self.locale_data(locale_for_language(language) if language else self.locale)
        generator = GENERATORS.get(entity_type, other)
        for attempt in range(ATTEMPTS):
            rng = self.random(entity_type, value, attempt)
            candidate = generator(value, rng, attempt, locale, self)
            if entity_type in KEEPS_SITE and candidate != value:
                return candidate  # the platform is kept on purpose; the member name is checked
            if candidate and not self._keeps_part(value, candidate):
                return candidate
            if attempt >= ATTEMPTS - 4:  # last resort: the shape, every letter and digit replaced
                generator = other
        raise ValueError(f"no {entity_type} surrogate keeps clear of the original")

    def _keeps_part(self, value: str, candidate: str) -> bool:
        """True when the candidate keeps a part of its value, shares a word with another value in
        the text, or would line up with any value there, counting the two characters either side
        of each where it stands: in `Anthony, Hannah` a surrogate `Lindsey` for Hannah would make
        Anthony's `y, ` survive, and `Derek Perez` for `Peter ...` would keep ` Pe`."""
        if keeps_part_of(value, candidate):
            return True
        runs = set().union(*(runs_near(before + candidate + after, len(before), len(before) + len(candidate))
                             for before, after in self._contexts(value)))
        for other in set(self.avoid) | {value}:
            if other != value and shares_word(other, candidate):
                return True
            for before, after in self._contexts(other):
                if runs & runs_near(before + other + after, len(before), len(before) + len(other)):
                    return True
        return False

    def _contexts(self, value: str) -> list[tuple[str, str]]:
        """The two characters before and after each place `value` stands in the text."""
        places = [(self.text[max(0, i - 2):i], self.text[i + len(value):i + len(value) + 2])
                  for i in _occurrences(self.text, value)] if value else []
        return places or [("", "")]

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
                        rng: random.Random) -> str | None:
        """A fiction-range pattern (data/fiction_phones.yaml) for the region and national length."""
        table = _table("fiction_phones.yaml")
        ranges = table.get("nanp") if country_code == 1 else table.get(region or "")
        if not ranges:
            return None
        kinds = ("mobile", "other") if mobile else ("other",)
        for kind in kinds:
            fitting = [p for p in ranges.get(kind, ()) if len(p) == length]
            if fitting:
                return rng.choice(fitting)
        return None

    def iban_country(self, country: str, length: int, rng: random.Random) -> str | None:
        """Another country whose IBANs have `length` characters (from Faker's bank providers)."""
        fitting = sorted(c for c, n in _iban_lengths().items() if n == length and c[0] != country[:1])
        return rng.choice(fitting) if fitting else None


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
    import pkgutil

    import faker.providers.bank as bank

    lengths = {}
    for module in pkgutil.iter_modules(bank.__path__):
        provider = importlib.import_module(f"faker.providers.bank.{module.name}").Provider
        code, bban = getattr(provider, "country_code", ""), getattr(provider, "bban_format", "")
        if len(code) == 2 and code.isalpha() and bban:
            lengths[code] = 4 + len(bban)
    return lengths


class Surrogate(Operator):
    """Presidio operator: replace a value by a realistic surrogate of its type (see `Surrogates`)."""

    def operate(self, text: str = None, params: dict[str, Any] = None) -> str:
        """Return the surrogate of `text`."""
        return params["surrogates"].make(params["entity_type"], text)

    def validate(self, params: dict[str, Any] = None) -> None:
        """The engine sets every parameter; a missing one is a programming error."""
        for name in ("surrogates", "entity_type"):
            if name not in params:
                raise ValueError(f"surrogate operator is missing '{name}'")

    def operator_name(self) -> str:
        """Name used in OperatorConfig."""
        return "surrogate"

    def operator_type(self) -> OperatorType:
        """An anonymizing operator."""
        return OperatorType.Anonymize
