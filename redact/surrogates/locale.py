"""Locales of the surrogates: the Faker locale of a language, and what the generators need of one
locale (name lists, phone region, a seeded Faker), with the YAML tables shipped in data/."""

from __future__ import annotations

import functools
import importlib
import threading
from pathlib import Path
from typing import Any

import yaml
from faker import Faker
from faker.config import AVAILABLE_LOCALES

DATA = Path(__file__).parent / "data"
FALLBACK_LOCALE = "en_US"


@functools.cache
def shipped_table(name: str) -> dict:
    """A YAML table shipped in data/ (read-only, read once)."""
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def locale_for_language(language: str | None) -> str:
    """The Faker locale for an ISO 639-1 language (data/locales.yaml), else en_US."""
    return shipped_table("locales.yaml").get(language or "", FALLBACK_LOCALE)


def available_locales() -> list[str]:
    """Every locale Faker knows (what a profile's `locale` may name)."""
    return sorted(AVAILABLE_LOCALES)


class Locale:
    """What the generators need of one locale: name lists, its phone region and a Faker."""

    def __init__(self, name: str):
        self.name = name
        self.region = name.split("_")[-1].upper() if "_" in name else "US"
        provider = _person_provider(name)
        self.given_names = sorted(set(getattr(provider, "first_names", ())) or {"Alex"})
        self.surnames = sorted(set(getattr(provider, "last_names", ())) or {"Smith"})
        self._fakers: dict[int, Faker] = {}  # by thread: seeding one Faker is not thread-safe

    def faker(self, seed: int) -> Faker:
        """This locale's Faker of the calling thread, seeded for one value (another thread's
        seeding never reaches in between)."""
        thread = threading.get_ident()
        if thread not in self._fakers:
            self._fakers[thread] = Faker(self.name)
        faker = self._fakers[thread]
        faker.seed_instance(seed)
        return faker


def _person_provider(locale: str) -> Any:
    """Faker's person provider of `locale` (its name lists are indexed directly: fast)."""
    try:
        return importlib.import_module(f"faker.providers.person.{locale}").Provider
    except ModuleNotFoundError:
        return importlib.import_module(f"faker.providers.person.{FALLBACK_LOCALE}").Provider
