"""Mention replacement, a way to change a training tweet (`train.AUGMENT["mentions"]`): a copy of
each tweet that holds a person's name, with every name replaced by another drawn (seeded) from
public name lists, in the cases comments write them (as written, all lower-case, a given name
alone). It teaches the tagger that a name is a position in a context, not a word it has seen, and
that comments write names in lower case.

Training time only (`make model`): the names are drawn from Faker's person providers (MIT) of the
recipe's locales, Latin script only; nothing here runs when text is redacted. The drawn names are
never features (features.py sees a word's identity only when a public list holds it), so the model
stores none of them.
"""

from __future__ import annotations

import functools
import importlib
import random
import re
import unicodedata

from recognizers.lexicon import fold, load_lexicon

# What a recipe's `mentions:` may say, and what it says when it is silent.
DEFAULTS = {
    "copies": 1,          # copies of each tweet that holds a name (0.5: of half of them)
    "lower": 0.5,         # share of copies whose names are all in lower case
    "single": 0.3,        # share of names of two words or more replaced by a given name alone
    "surname": 0.3,       # share of one-word names replaced by a surname (`Obama`), not a given name
    "unlisted": 0.5,      # share of names drawn from those the project's lists do not hold
    "seed": 15,
    "locales": ["en_US", "en_GB", "en_IN", "en_PK", "en_KE", "en_NG", "yo_NG", "ig_NG", "ha_NG",
                "zu_ZA", "sw", "id_ID", "tw_GH", "ga_IE", "es_MX", "pt_BR", "fr_FR", "it_IT"],
}
# A span that is a name written in words (not a hashtag or a handle): it is replaced.
NAMELIKE = re.compile(r"[^\W\d_]+(?:[ '’.-]+[^\W\d_]+)*\.?")
# A drawn name: one word of letters, maybe with an inner hyphen or apostrophe.
ONE_WORD = re.compile(r"[^\W\d_]{2,}(?:['-][^\W\d_]{2,})?")

Item = tuple[str, list[tuple[int, int]]]


def options(recipe: dict | None) -> dict:
    """The recipe's `mentions:` over the defaults; an unknown key is a loud error."""
    given = dict((recipe or {}).get("mentions") or {})
    unknown = sorted(set(given) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"model.yaml mentions: unknown {', '.join(map(repr, unknown))}; "
                         f"known: {', '.join(DEFAULTS)}")
    return {**DEFAULTS, **given}


def latin(word: str) -> bool:
    """Every letter of the word is a Latin letter."""
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in word)


def provider_names(locale: str, attrs: tuple[str, ...]) -> set[str]:
    """The names of one Faker person provider's lists (tuples, or dicts keyed by name)."""
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    names: set[str] = set()
    for attr in attrs:
        names.update(getattr(provider, attr, ()) or ())
    return {n for n in names if ONE_WORD.fullmatch(n) and latin(n)}


@functools.cache
def pools(locales: tuple[str, ...]) -> dict[tuple[str, bool], tuple[str, ...]]:
    """(kind, listed) -> names, sorted: given names and surnames of the locales, split by whether
    the project's lists (which the features see) hold them."""
    lexicon = load_lexicon()
    out: dict[tuple[str, bool], tuple[str, ...]] = {}
    for kind, attrs in (("given", ("first_names", "first_names_male", "first_names_female")),
                        ("surname", ("last_names",))):
        names = set().union(*(provider_names(loc, attrs) for loc in locales))
        for listed in (True, False):
            out[kind, listed] = tuple(sorted(n for n in names if lexicon.is_name(fold(n)) == listed))
    return out


def draw(words: int, rng: random.Random, opts: dict) -> str:
    """A name to put where a name of `words` words was."""
    found = pools(tuple(opts["locales"]))

    def one(kind: str) -> str:
        return rng.choice(found[kind, rng.random() >= opts["unlisted"]])

    if words > 1 and rng.random() >= opts["single"]:
        return f"{one('given')} {one('surname')}"
    return one("surname" if words == 1 and rng.random() < opts["surname"] else "given")


def replaced(text: str, spans: list[tuple[int, int]], rng: random.Random, opts: dict) -> Item | None:
    """The tweet with each name replaced (the same name by the same one), or None if none was.
    The copy's case: all lower-case (a share `lower`), else each name in its original's case
    when that was capitals, as drawn otherwise."""
    lower = rng.random() < opts["lower"]
    chosen: dict[str, str] = {}
    out, new_spans, pos = "", [], 0
    for start, end in spans:
        name = text[start:end]
        if NAMELIKE.fullmatch(name):
            drawn = chosen.setdefault(fold(name), draw(len(name.split()), rng, opts))
            name = drawn.lower() if lower else drawn.upper() if name.isupper() else drawn
        out += text[pos:start]
        new_spans.append((len(out), len(out) + len(name)))
        out += name
        pos = end
    out += text[pos:]
    return (out, new_spans) if chosen else None


def copies(items: list[Item], recipe: dict | None = None) -> list[Item]:
    """Changed copies of the items that hold a name: `copies` of each (a fraction: that share of
    them, a seeded draw), seeded: the same recipe gives the same copies."""
    opts = options(recipe)
    rng = random.Random(opts["seed"])
    out, left = [], float(opts["copies"])
    while left > 0:
        share, left = min(left, 1.0), left - 1.0
        out += [copy for text, spans in items
                if spans and rng.random() < share and (copy := replaced(text, spans, rng, opts))]
    return out
