"""The `consent:` section of a profile: the rules that drop a record before analysis."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

import regex
from pydantic import Field, ValidationInfo, ValidatorFunctionWrapHandler, field_validator, model_validator

from redact.normalize import kind_key
from redact.opt_outs import IDENTIFIER, BadOptOuts, read_ids, sqlite_problem
from redact.profile_checks import Located, Strict, context_of, cross_checked
from redact.regions import REGION_GROUPS, group_problems, unknown_regions

# Punctuation in a kind (`d.m.`, `p.m.`): left out, as kind_key leaves out separators.
_PUNCTUATION = regex.compile(r"\p{P}+")
_LATIN, _OTHER_LETTER = regex.compile(r"\p{Latin}"), regex.compile(r"[^\P{L}\p{Latin}]")


def consent_kind(value: Any) -> str | None:
    """The form consent compares kinds and aliases in: :func:`kind_key` of the value without its
    punctuation (`d.m.` is `dm`, `p.m.` is `pm`); None when unknown (blank, not text)."""
    return kind_key(_PUNCTUATION.sub("", value) if isinstance(value, str) else value)


def readable_kind(key: str) -> bool:
    """True when a kind (as :func:`consent_kind` gives it) is a word consent can read: letters and
    digits only, the letters not Latin mixed with another script (`mеssage` with a Cyrillic `е`
    is a disguise of no kind). Consent drops any other kind as `consent_unknown`."""
    return key.isalnum() and not (_LATIN.search(key) and _OTHER_LETTER.search(key))


# The kinds a record may be of when a profile names none (`consent.kinds`): the record schema's.
KNOWN_KINDS = ("post", "comment", "article", "message")


class SqliteOptOut(Strict):
    """Opted-out member ids in a SQLite table (looked up per record through its index)."""

    path: str
    table: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    column: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")


class ConsentSpec(Strict):
    """Rules that drop a record before analysis: opt-outs, regions, kinds, a time window.

    Values are normalised before they are compared (see `redact.stages.consent`). A record that
    lacks a field a rule needs, or whose value the rule cannot read, is dropped as
    `consent_unknown` (fail closed).
    """

    author_field: str | None = Field(None, description="the field holding the author's member id")
    opt_out_file: str | None = Field(None, description="member ids, one per line")
    opt_out_sqlite: SqliteOptOut | None = None
    region_field: str | None = None
    exclude_regions: list[str] = Field(
        default_factory=list, description="regions (ISO 3166 codes or English names, EL and UK "
        "as the EU writes them) or groups: EU, EEA, UK, CH"
    )
    kind_field: str | None = None
    exclude_kinds: list[str] = Field(default_factory=list)
    kinds: list[str] = Field(
        default_factory=lambda: list(KNOWN_KINDS), description="every kind the data holds, excluded or "
        "not (with exclude_kinds and kind_aliases, which count too): while kinds are excluded, a "
        "record of any other kind is consent_unknown, never 'not excluded'"
    )
    kind_aliases: dict[str, list[str]] = Field(
        default_factory=dict, description="kind -> other names of it in the data "
        "(message: [dm, inmail]); compared like the kinds: folded, without separators or a plural s"
    )
    timestamp_field: str | None = None
    not_before: datetime | None = Field(None, description="drop records created before this")
    not_after: datetime | None = Field(None, description="drop records created after this")

    @field_validator("exclude_regions")
    @classmethod
    def _known_regions(cls, entries: list[str]) -> list[str]:
        unknown = unknown_regions(entries)
        if unknown:
            raise ValueError(f"not a region: {', '.join(map(repr, unknown))}; use ISO 3166 codes "
                             f"(DE, DEU), English names or the groups {', '.join(REGION_GROUPS)}")
        return entries

    @field_validator("exclude_kinds", "kinds")
    @classmethod
    def _kinds_not_blank(cls, kinds: list[str]) -> list[str]:
        keys = [consent_kind(kind) for kind in kinds]
        if not all(keys):
            raise ValueError("a kind must not be blank")
        unreadable = [kind for kind, key in zip(kinds, keys) if key and not readable_kind(key)]
        if unreadable:  # no record's kind could ever match it
            raise ValueError(f"not a kind consent can read (letters and digits of one script): "
                             f"{', '.join(map(repr, unreadable))}")
        return kinds

    @model_validator(mode="wrap")
    @classmethod
    def _rules_have_their_fields(cls, data: Any, handler: ValidatorFunctionWrapHandler,
                                 info: ValidationInfo) -> Any:
        # Files are looked for when a profile is loaded, not when a validated one is read back.
        check_files = context_of(info) is not None
        return cross_checked(data, handler, lambda raw: consent_problems(raw, check_files))


CONSENT_RULES = (  # (what turns the rule on, the field it needs)
    ("opt_out_file", "author_field"), ("opt_out_sqlite", "author_field"),
    ("exclude_regions", "region_field"), ("exclude_kinds", "kind_field"),
    ("not_before", "timestamp_field"), ("not_after", "timestamp_field"),
)


def consent_problems(consent: Any, check_files: bool = True) -> list[Located]:
    """A consent rule without the field it reads, an opt-out file that is not there, aliases with
    no kinds to exclude (read from the section as given: it may have other problems)."""
    if not isinstance(consent, dict):
        return []
    problems: list[Located] = [((needed,), f"consent.{rule} needs {needed}")
                               for rule, needed in CONSENT_RULES
                               if consent.get(rule) and not consent.get(needed)]
    if consent.get("exclude_regions"):
        problems += [(("exclude_regions",), p) for p in group_problems()]
    # `kinds` as it defaults (a resolved profile writes it out: `profiles show`, Spark's workers) is no choice
    for name in ("kind_aliases", "kinds"):
        given = consent.get(name)
        if given and given != list(KNOWN_KINDS) and not consent.get("exclude_kinds"):
            problems.append(((name,), "has no effect without consent.exclude_kinds"))
    problems += alias_problems(consent.get("kind_aliases"))
    return problems + (source_problems(consent) if check_files else [])


def alias_problems(aliases: Any) -> list[Located]:
    """Every blank kind or alias, and every alias that names two kinds (after folding), of
    `kind_aliases` as given (its shape is pydantic's to check)."""
    problems: list[Located] = []
    owner: dict[str, str] = {}
    for kind, names in (aliases.items() if isinstance(aliases, dict) else []):
        for name in [kind, *(names if isinstance(names, list) else [])]:
            folded = consent_kind(name) if isinstance(name, str) else None
            if isinstance(name, str) and not folded:
                problems.append((("kind_aliases", str(kind)), "a kind or alias must not be blank"))
            elif folded and owner.setdefault(folded, kind) != kind:
                problems.append((("kind_aliases",), f"'{name}' names two kinds: {owner[folded]} and {kind}"))
    return problems


def source_problems(consent: dict) -> list[Located]:
    """An opt-out file or SQLite file that is not there, an opt-out file that is no list of bare
    member ids (see `redact.opt_outs`), a SQLite table or column that cannot be read."""
    problems: list[Located] = []
    path = consent.get("opt_out_file")
    if isinstance(path, str):
        problems += [(("opt_out_file",), why) for why in _file_problems(path)]
    sqlite = consent.get("opt_out_sqlite")
    if isinstance(sqlite, dict) and isinstance(sqlite.get("path"), str):
        problems += _sqlite_problems(sqlite)
    return problems


def _file_problems(path: str) -> list[str]:
    if not Path(path).is_file():
        return [f"no such file: {path}"]
    try:
        read_ids(path, "file")
    except BadOptOuts as exc:
        return [str(exc).removeprefix("file ")]
    return []


def _sqlite_problems(sqlite: dict) -> list[Located]:
    path, table, column = sqlite["path"], sqlite.get("table"), sqlite.get("column")
    if not Path(path).is_file():
        return [(("opt_out_sqlite", "path"), f"no such file: {path}")]
    if not all(isinstance(name, str) and re.match(IDENTIFIER, name) for name in (table, column)):
        return []  # the table's and column's own checks say what is wrong with them
    why = sqlite_problem(path, str(table), str(column))
    return [(("opt_out_sqlite",), why)] if why else []
