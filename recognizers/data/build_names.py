"""Rebuild `names/<lang>.txt`, the given names and surnames of each language `person_cues_v1`
covers, and `names/world.txt`, those of the Faker locales of no such language, from Faker's
per-locale person providers (run by hand, not at import).

Faker (MIT) ships, per locale, the given names and surnames its fake people are made of: lists
of names real people in that country bear, with no person behind them. The project depends on
Faker 40.63.0 (surrogates), so its environment rebuilds the lists:

    .venv/bin/python -m recognizers.data.build_names
"""

from __future__ import annotations

import functools
import importlib
import unicodedata
from pathlib import Path

from recognizers.lexicon import fold, read_words, web_frequency

HERE = Path(__file__).parent
WORLD_LOCALES = (
    "en_IN", "en_PK", "en_TH", "en_KE", "en_NG", "yo_NG", "ig_NG", "ha_NG", "zu_ZA", "sw", "tw_GH",
    "id_ID", "vi_VN", "az_AZ", "uz_UZ", "fr_DZ", "en_NZ", "en_IE", "ga_IE", "en_GB",
)
# Lists of Latin-script names only, and without the names that are English words (`Comfort`,
# `Peace`, `Yoga`) or common on the web (`Ide`, `Tri`: at least WEB_COMMON, the web frequency from
# which the rules take a capitalised word no list holds for no name): listed, such a word would be
# a name capitalised mid-sentence with no context (`our Yoga class`); left out, it needs context.
LATIN_ONLY = frozenset({"world"})
WEB_COMMON = 4.0
# Language -> the Faker locales whose names it takes.
LOCALES: dict[str, tuple[str, ...]] = {
    "de": ("de_DE", "de_AT", "de_CH"),
    "es": ("es_ES", "es", "es_MX", "es_AR", "es_CO", "es_CL"),
    "it": ("it_IT",),
    "nl": ("nl_NL", "nl_BE"),
    "pl": ("pl_PL",),
    "pt": ("pt_PT", "pt_BR"),
    "sv": ("sv_SE",),
    "cs": ("cs_CZ", "sk_SK"),
    "tr": ("tr_TR",),
    "ru": ("ru_RU", "uk_UA"),
    "zh": ("zh_CN", "zh_TW"),
    "ja": ("ja_JP",),
    "ko": ("ko_KR",),
    # No language of its own: the Faker locales no language above takes, pooled into the given-name
    # and surname lists the English rules and the tagger read (people in English text bear names
    # from everywhere: `ranbir`, `chinedu`, `wanjiru kamau`). Latin-script names only (LATIN_ONLY):
    # the locales of other scripts (hi_IN, ta_IN, ne_NP, si_LK, th_TH, ar_*, el_GR ...) are left out,
    # their names written in Latin letters being in en_IN, en_PK, en_TH. Not `en`, `en_US`: the SSA
    # and Census lists hold their names (`en` adds old spellings that are words: `add`, `abb`). Not
    # the European locales no language takes (da, no, fi, et, lt, lv, hu, hr, sl, ro, is, fr, de_LI,
    # de_LU, es_CA): measured, 3 more names found on wnut17-dev and none on btc-dev, for about 0.2
    # points more over-redaction on each (`lotta`, `hella`, `dogg`, `heli` are names there).
    "world": WORLD_LOCALES,
}
GIVEN_ATTRIBUTES = ("first_names", "first_names_male", "first_names_female")
SURNAME_ATTRIBUTES = ("last_names", "last_names_male", "last_names_female")


def names_of(locale: str, attributes: tuple[str, ...]) -> set[str]:
    """The single-word names a locale's person provider lists under `attributes`."""
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    found: set[str] = set()
    for attribute in attributes:
        values = getattr(provider, attribute, ())
        if not isinstance(values, (tuple, list, dict)):  # a property computed from the others
            continue
        found.update(v.strip() for v in values if isinstance(v, str) and " " not in v.strip())
    return {name for name in found if name}


def latin(name: str) -> bool:
    """Every letter of `name` is a Latin letter (`Chinedu`, `Balázs`, `Søren`; not `राहुल`)."""
    return all(unicodedata.name(c, "").startswith("LATIN") for c in name if c.isalpha())


def name_not_word(name: str) -> bool:
    """A Latin-script name that is no English word of the lists and not common on the web."""
    key = fold(name)
    return latin(name) and key not in english_words() and web_frequency(key.replace("-", "")) < WEB_COMMON


@functools.cache
def english_words() -> frozenset[str]:
    """The common and less common English words of the lists in this folder."""
    return read_words(HERE / "common_words.txt") | read_words(HERE / "less_common_words.txt")


def build(lang: str) -> str:
    """The text of `names/<lang>.txt`: a header, then `given NAME` and `surname NAME` lines."""
    given = set().union(*(names_of(locale, GIVEN_ATTRIBUTES) for locale in LOCALES[lang]))
    surnames = set().union(*(names_of(locale, SURNAME_ATTRIBUTES) for locale in LOCALES[lang]))
    if lang in LATIN_ONLY:
        given, surnames = set(filter(name_not_word, given)), set(filter(name_not_word, surnames))
    lines = [f"# {lang}: given names and surnames from Faker (MIT) locales {', '.join(LOCALES[lang])}"]
    lines += [f"given {name}" for name in sorted(given)]
    lines += [f"surname {name}" for name in sorted(surnames)]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Write every language's list."""
    (HERE / "names").mkdir(exist_ok=True)
    for lang in LOCALES:
        (HERE / "names" / f"{lang}.txt").write_text(build(lang), encoding="utf-8")


if __name__ == "__main__":
    main()
