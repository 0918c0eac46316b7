"""Profiles: the YAML files that say what to redact and how, parsed into pydantic models.

`load_profile()` validates a profile whole before the first record is read and raises one
`ProfileError` listing every problem, each with the file and key path. Unknown keys are errors;
nothing falls back silently to a default. The sections' models live in `profile_*` modules;
the names they use are checked against the registry passed as the validation context
(`redact.profile_checks`); this module holds the whole profile, its cross-section checks and the
reading of YAML files with `extends`.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import Field, ValidationError, ValidationInfo, ValidatorFunctionWrapHandler, field_validator
from pydantic_core import ErrorDetails

from redact.errors import Problem, ProfileError
from redact.profile_checks import (
    Located,
    ProfileContext,
    Strict,
    as_mapping,
    context_of,
    cross_checked,
    items_of,
    keys_of,
)
from redact.profile_consent import CONSENT_RULES, ConsentSpec, SqliteOptOut
from redact.profile_languages import LanguageSpec, LanguagesSpec, identified_problems
from redact.profile_nlp import DEFAULT_MODEL, NlpSpec, model_problems, ner_entities
from redact.profile_operators import (
    KeepOp,
    MaskOp,
    OperatorSpec,
    PseudonymOp,
    RedactOp,
    ReplaceOp,
    SurrogateOp,
)
from redact.profile_recognizers import (
    ENTRY_KINDS,
    PRESIDIO_REGEX_FLAGS,
    InlineRecognizer,
    PatternSpec,
    RecognizerRef,
    RecognizerWithParams,
    Thresholds,
    duplicate_problems,
    registered_name,
)
from redact.profile_record import RecordSpec, field_role_problems
from redact.registry import Registry

__all__ = [
    "CONSENT_RULES", "DEFAULT_KEY", "DEFAULT_MODEL", "PRESIDIO_REGEX_FLAGS", "ConsentSpec",
    "InlineRecognizer", "KeepOp", "LanguageSpec", "LanguagesSpec", "MaskOp", "NlpSpec",
    "OperatorSpec", "PatternSpec", "Profile", "PseudonymOp", "RecognizerRef", "RecognizerWithParams",
    "RecordSpec", "RedactOp", "ReplaceOp", "ReportSpec", "SqliteOptOut", "SurrogateOp", "Thresholds",
    "builtin_profiles", "field_role_problems", "load_profile", "profile_source", "registered_name",
]

BUILTIN_DIR = Path(str(importlib.resources.files("configs")))
DEFAULT_KEY = "DEFAULT"


class ReportSpec(Strict):
    """What each report line holds besides entity type and offsets (never the matched text)."""

    scores: bool = True
    recognizers: bool = True
    operators: bool = True
    digests: bool = Field(False, description="keyed HMAC digest of each matched value")


class Profile(Strict):
    """A whole redaction profile."""

    name: str
    description: str = ""
    extends: str | None = Field(None, description="a built-in profile name or a path")
    language: str = "en"
    nlp: NlpSpec = Field(default_factory=NlpSpec, validate_default=True)
    record: RecordSpec
    recognizers: list[RecognizerRef] = Field(min_length=1)
    entities: list[str] | None = Field(
        None, description="report only these entity types; null: all that the recognizers find"
    )
    thresholds: Thresholds = Field(default_factory=Thresholds)
    allow_list: list[str] = Field(default_factory=list)
    context: dict[str, list[str]] = Field(
        default_factory=dict, description="extra context words per entity type"
    )
    propagate: list[str] = Field(
        default_factory=lambda: ["PERSON"],
        description="entity types whose every other occurrence in the record is redacted too",
    )
    operators: dict[str, OperatorSpec] = Field(
        default_factory=lambda: _default_operators()
    )
    report: ReportSpec = Field(default_factory=ReportSpec)
    consent: ConsentSpec | None = Field(None, description="rules that drop records before analysis")
    languages: LanguagesSpec | None = Field(
        None, description="identify each field's language and analyse it with that language's "
        "model and rules; null: every text is analysed as `language`",
    )

    @field_validator("nlp", mode="wrap")
    @classmethod
    def _model_installed(cls, nlp: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> Any:
        context = context_of(info)
        if context is not None:
            context.entities |= ner_entities(as_mapping(nlp))
        return cross_checked(nlp, handler, lambda raw: model_problems(as_mapping(raw), context))

    @field_validator("recognizers", mode="wrap")
    @classmethod
    def _each_recognizer_once(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        return cross_checked(value, handler, duplicate_problems)

    @field_validator("entities", "thresholds", "context", "propagate", "operators", mode="wrap")
    @classmethod
    def _known_entity_types(cls, value: Any, handler: ValidatorFunctionWrapHandler,
                            info: ValidationInfo) -> Any:
        # Declared after nlp and recognizers, which record the entity types they give.
        field, context = info.field_name or "", context_of(info)
        return cross_checked(value, handler, lambda raw: entity_problems(field, raw, context))

    @field_validator("languages", mode="wrap")
    @classmethod
    def _languages_identified(cls, value: Any, handler: ValidatorFunctionWrapHandler,
                                 info: ValidationInfo) -> Any:
        language = info.data.get("language")
        return cross_checked(value, handler, lambda raw: identified_problems(language, raw)
                             if isinstance(language, str) else [])

    def content_hash(self) -> str:
        """A short, stable hash of the resolved profile, written to summaries and manifests."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True).encode()
        return hashlib.sha256(canonical).hexdigest()[:16]

    def operator_for(self, entity_type: str) -> OperatorSpec:
        """The operator configured for an entity type, else the DEFAULT one."""
        return self.operators.get(entity_type) or self.operators[DEFAULT_KEY]

    def needs_key(self) -> str | None:
        """Which part of the profile needs the secret key, or None."""
        for entity, op in self.operators.items():
            if op.type in ("pseudonym", "surrogate"):
                return f"operators.{entity} ({op.type})"
        for path, action in self.record.identifier_fields.items():
            if action == "pseudonymize":
                return f"record.identifier_fields.{path} (pseudonymize)"
        return "report.digests" if self.report.digests else None


def _default_operators() -> dict[str, OperatorSpec]:
    return {DEFAULT_KEY: ReplaceOp(type="replace")}


def entity_problems(field: str, value: Any, context: ProfileContext | None) -> list[Located]:
    """Entity types named in a section (as given) that neither the profile's recognizers nor its
    NER give; and operators without the DEFAULT one."""
    problems: list[Located] = []
    if field == "operators" and isinstance(value, dict) and DEFAULT_KEY not in value:
        problems.append(((), "needs a DEFAULT operator for entity types not listed"))
    if context is None:
        return problems
    valid = ", ".join(sorted(context.entities))
    return problems + [(loc, f"unknown entity type '{name}'; the profile's recognizers give: {valid}")
                       for loc, name in _entity_names(field, value) if name not in context.entities]


def _entity_names(field: str, value: Any) -> list[tuple[tuple[str, ...], str]]:
    """(where, entity type) of each entity type a section names."""
    if field in ("entities", "propagate"):
        return [((name,), name) for name in items_of(value)]
    if field == "thresholds":
        return [(("per_entity", name), name) for name in keys_of(as_mapping(value).get("per_entity"))]
    return [((name,), name) for name in keys_of(value) if name != DEFAULT_KEY]


def builtin_profiles() -> list[str]:
    """Names of the profiles shipped in configs/."""
    return sorted(p.stem for p in BUILTIN_DIR.glob("*.yaml"))


def profile_source(name_or_path: str | Path) -> Path:
    """The file a profile name or path refers to."""
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return path
    return BUILTIN_DIR / f"{name_or_path}.yaml"


def load_profile(spec: str | Path | dict | Profile, check_model: bool = True) -> Profile:
    """Load and validate a profile (a built-in name, a path, a dict or a Profile).

    The profile is validated once, whole, with the registry in the validation context (see
    `redact.profile_checks`). Raises ProfileError listing every problem found, with file and key
    path; `check_model=False` leaves out the checks of the spaCy models installed.
    """
    if isinstance(spec, Profile):
        return spec
    twice: list[Problem] = []  # keys a file gives twice: problems, told with the others
    source, raw = _read_with_parents(spec, seen=(), twice=twice)
    context = ProfileContext(registry=Registry(), check_model=check_model)
    try:
        profile = Profile.model_validate(raw, context=context)
    except ValidationError as exc:
        problems = [Problem(f"{source}: {_loc(err['loc'])}", _message(err)) for err in exc.errors()]
        raise ProfileError(source, twice + _dedupe(problems)) from None
    if twice:
        raise ProfileError(source, twice)
    return profile


def _real(spec: str | Path | dict) -> str:
    """The file a profile name or path reads, as one string however it was named."""
    return "<dict>" if isinstance(spec, dict) else os.path.realpath(profile_source(spec))


def _read_with_parents(spec: str | Path | dict, seen: tuple[tuple[str, str], ...],
                       twice: list[Problem]) -> tuple[str, dict]:
    """The profile `spec` names, merged onto its parents; `seen` holds (as named, real path) of
    the profiles that extend it, so that a cycle is named instead of recursing for ever; `twice`
    gets a problem for each key a file gives twice."""
    if isinstance(spec, dict):
        source, raw = "<dict>", dict(spec)
    else:
        path = profile_source(spec)
        source = str(path) if Path(spec).suffix or Path(spec).exists() else f"{spec} ({path.name})"
        raw = _read_yaml(path, source, twice)
    parent = raw.get("extends")
    if not parent:
        return source, raw
    if not isinstance(parent, str):
        raise ProfileError(source, [Problem(f"{source}: extends", "must be a profile name or path")])
    if not isinstance(spec, dict) and Path(parent).suffix in (".yaml", ".yml"):
        parent = str(profile_source(spec).parent / parent)  # relative to the extending file
    if not profile_source(parent).is_file():  # said where it is named, not as the parent's own
        known = ", ".join(builtin_profiles())
        raise ProfileError(source, [Problem(f"{source}: extends",
                                            f"no such profile '{parent}'; built-in profiles: {known}")])
    chain = seen or ((source, _real(spec)),)
    if _real(parent) in [real for _, real in chain]:  # the same file, however it is named
        cycle = " -> ".join([name for name, _ in chain] + [parent])
        raise ProfileError(source, [Problem(f"{source}: extends", f"cycle: {cycle}")])
    _, parent_raw = _read_with_parents(parent, chain + ((parent, _real(parent)),), twice)
    parent_raw.pop("name", None)
    parent_raw.pop("description", None)
    return source, _merge(parent_raw, raw)


def _read_yaml(path: Path, source: str, twice: list[Problem]) -> dict:
    if not path.is_file():
        known = ", ".join(builtin_profiles())
        raise ProfileError(source, [Problem(source, f"no such profile file; built-in profiles: {known}")])
    try:
        loader = _UniqueKeyLoader(path.read_text(encoding="utf-8"))
        try:
            raw = loader.get_single_data()
        finally:
            loader.dispose()
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        detail = " ".join(str(exc).split())  # PyYAML's message spans lines: a problem is one line
        raise ProfileError(source, [Problem(source, f"not valid YAML: {detail}")]) from None
    twice += [Problem(f"{source}: line {line}", f"key {key!r} given twice (first on line {first}); "
                      "YAML would keep the last silently")
              for key, line, first in sorted(loader.duplicates, key=lambda d: d[1])]
    if not isinstance(raw, dict):
        raise ProfileError(source, [Problem(source, "a profile must be a YAML mapping")])
    return raw


class _UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML's safe loader, noting each key a mapping gives twice (`duplicates`: key, its line,
    the line of its first): PyYAML keeps the last value silently, so a setting written twice
    (`unlisted: quarantine` above `unlisted: analyze`) would be lost without a word."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.duplicates: list[tuple[object, int, int]] = []

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            first: dict = {}
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":  # `<<: *anchor`: overridden, not given twice
                    continue
                key = self.construct_object(key_node, deep=deep)
                line = key_node.start_mark.line + 1
                try:
                    if key in first:
                        self.duplicates.append((key, line, first[key]))
                    else:
                        first[key] = line
                except TypeError:  # an unhashable key: the base class says so
                    pass
        return super().construct_mapping(node, deep=deep)


def _merge(base: dict, override: dict) -> dict:
    """Deep-merge `override` onto `base`: mappings merge key by key, everything else replaces.

    A mapping whose `type` changes (an operator: `replace` -> `pseudonym`) replaces the parent's
    whole: the parent's parameters belong to the other type.
    """
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict) and _same_type(merged[key], value):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _same_type(base: dict, override: dict) -> bool:
    return "type" not in override or base.get("type") == override["type"]


def _loc(loc: tuple) -> str:
    # pydantic puts the kinds of recognizer entry and dict-key markers in the path.
    parts = [str(p) for p in loc if p not in ENTRY_KINDS and p != "[key]"]
    return ".".join(parts) or "(top level)"


def _message(err: ErrorDetails) -> str:
    if err["type"] == "extra_forbidden":
        return "unknown key"
    if err["type"] == "missing":
        return "required key is missing"
    return err["msg"].removeprefix("Value error, ")




def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen, unique = set(), []
    for problem in problems:
        if (problem.where, problem.message) not in seen:
            seen.add((problem.where, problem.message))
            unique.append(problem)
    return unique
