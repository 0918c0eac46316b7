"""The `record:` section of a profile: where the id is, and the one role of every path."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field, ValidatorFunctionWrapHandler, field_validator, model_validator

from redact.errors import Problem
from redact.profile_checks import Located, Strict, cross_checked

IdentifierAction = Literal["pseudonymize", "drop"]
UnlistedPolicy = Literal["analyze", "drop", "quarantine"]


class RecordSpec(Strict):
    """Where the record id is in each JSON object, and what happens to every other path in it:
    text to analyse, metadata to keep, an identifier to pseudonymise or drop, a path to drop, and
    the `unlisted` policy for paths none of these name."""

    id_field: str = Field("id", min_length=1)
    author_field: str | None = Field(
        None, description="the author's member id, digested (keyed) into the run manifest"
    )
    comment_author_fields: list[str] = Field(
        default_factory=lambda: ["comments.author_id"], description="the member ids of a record's "
        "nested items (comments): dotted paths whose last key is read in each item (a list on the "
        "way is entered element by element). Consent's author rules (and its region rule, when an "
        "item holds the region field) judge each item, and one that fails them, or whose id cannot "
        "be read, is removed before analysis; the manifest indexes them for `forget`",
    )
    text_fields: list[str] = Field(
        min_length=1,
        description="text to analyse and anonymise: dotted paths; a list on the way is entered "
        "element by element",
    )
    keep_fields: list[str] = Field(
        default_factory=list, description="metadata written as it is, never analysed (ids of "
        "posts, timestamps, kinds, region, language): dotted paths; the id_field is always kept",
    )
    identifier_fields: dict[str, IdentifierAction] = Field(
        default_factory=dict, description="member identifiers (author_id): path -> pseudonymize "
        "(a keyed digest of the value: needs the key) or drop",
    )
    drop_fields: list[str] = Field(
        default_factory=list, description="removed from the output: dotted paths"
    )
    unlisted: UnlistedPolicy = Field(
        "analyze", description="what happens to a path no list above names: analyze (strings are "
        "analysed as text, numbers quarantine the record, booleans and null are kept), drop, or "
        "quarantine the record"
    )
    max_chars: int = Field(
        20_000, ge=100, description="a text longer than this is analysed in overlapping windows"
    )
    window_overlap: int = Field(
        400, ge=0, description="characters shared by neighbouring windows, so that an entity "
        "on a window boundary is still found whole"
    )
    max_record_chars: int = Field(
        1_000_000, ge=1, description="a record whose text fields hold more quarantines (too_large)"
    )
    time_budget_seconds: float = Field(
        30.0, gt=0, description="CPU seconds for a record's analysis and resolution, every regex "
        "included; a record that runs out is quarantined (time_budget)"
    )

    @field_validator("text_fields", "keep_fields", "drop_fields", "identifier_fields")
    @classmethod
    def _paths_are_dotted_names(cls, paths: list[str] | dict[str, str]) -> list[str] | dict[str, str]:
        for path in paths:
            if not re.fullmatch(r"[^.\s]+(\.[^.\s]+)*", path):
                raise ValueError(f"'{path}' is not a dotted path like 'text' or 'comments.body'")
        return paths

    @field_validator("comment_author_fields")
    @classmethod
    def _item_paths(cls, paths: list[str]) -> list[str]:
        for path in paths:
            if not re.fullmatch(r"[^.\s]+(\.[^.\s]+)+", path):
                raise ValueError(f"'{path}' is not a dotted path to a key inside items, like "
                                 "'comments.author_id'")
        return paths

    @model_validator(mode="wrap")
    @classmethod
    def _one_role_per_path(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        return cross_checked(data, handler, role_problems)


FIELD_ROLES = ("text_fields", "keep_fields", "identifier_fields", "drop_fields")


def field_role_problems(source: str, record: Any) -> list[Problem]:
    """`role_problems` of a `record:` section as Problems located in `source`."""
    return [Problem(f"{source}: record.{loc[0]}", message) for loc, message in role_problems(record)]


def role_problems(record: Any) -> list[Located]:
    """A path given two roles (text and kept, kept and dropped, ...), or a path inside another
    listed path (`meta` kept and `meta.bio` analysed): each path must have exactly one role.
    Read from the section as given (it may have other problems)."""
    if not isinstance(record, dict):
        return []
    roles: dict[str, str] = {}
    id_field = record.get("id_field", "id")
    if isinstance(id_field, str):
        roles[id_field] = "id_field"
    problems: list[Located] = []
    for role in FIELD_ROLES:
        paths = record.get(role)
        for path in paths if isinstance(paths, (list, dict)) else ():
            if not isinstance(path, str) or roles.get(path) == role:
                continue
            other = roles.setdefault(path, role)
            if other != role and not (other == "id_field" and role == "keep_fields"):
                problems.append(((role,), f"'{path}' is also in record.{other}: give each path one role"))
    for path, role in roles.items():
        for outer, outer_role in roles.items():
            if path.startswith(outer + ".") and (role, outer_role) != ("id_field", "keep_fields"):
                problems.append(((role,), f"'{path}' is inside '{outer}' (record.{outer_role}), "
                                 "which already decides all of it"))
    return problems
