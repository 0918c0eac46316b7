"""Rebuild `names/<lang>.txt`, the given names and surnames of each language `person_cues_v1`
covers, from Faker's per-locale person providers (run by hand, not at import).

Faker (MIT) ships, per locale, the given names and surnames its fake people are made of: lists
of names real people in that country bear, with no person behind them. Faker is not a
dependency of the project; install it beside it:

    pip install --target build/faker faker==40.63.0
    PYTHONPATH=build/faker python recognizers/data/build_names.py
"""

from __future__ import annotations

import importlib
from pathlib import Path

HERE = Path(__file__).parent
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


def build(lang: str) -> str:
    """The text of `names/<lang>.txt`: a header, then `given NAME` and `surname NAME` lines."""
    given = set().union(*(names_of(locale, GIVEN_ATTRIBUTES) for locale in LOCALES[lang]))
    surnames = set().union(*(names_of(locale, SURNAME_ATTRIBUTES) for locale in LOCALES[lang]))
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
