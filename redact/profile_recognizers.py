"""Entries of a profile's `recognizers:` list, checked against the registry while they validate.

An entry is a registered name (`phone_v1`), a registered name with parameters
(`{name: phone_v1, params: {regions: [GB, US]}}`, validated against the recognizer's own params
model), or an inline pattern / deny-list recognizer in Presidio's YAML format.
"""

from __future__ import annotations

from typing import Annotated, Any

import regex
from pydantic import (
    AfterValidator,
    BaseModel,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails

from redact.profile_checks import Located, ProfileContext, Strict, context_of, cross_checked, problems_error

# The flags Presidio's PatternRecognizer compiles inline patterns with (its global_regex_flags
# default; tests/test_profile.py checks they still are): a pattern is validated as it will run.
PRESIDIO_REGEX_FLAGS = regex.DOTALL | regex.MULTILINE | regex.IGNORECASE
# The names of the three kinds of entry (pydantic puts them in error locations; load_profile
# leaves them out).
REGISTERED, WITH_PARAMS, INLINE = "registered-name", "name-with-params", "inline-recognizer"
ENTRY_KINDS = (REGISTERED, WITH_PARAMS, INLINE)


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

    @model_validator(mode="wrap")
    @classmethod
    def _something_to_match(cls, data: Any, handler: ValidatorFunctionWrapHandler,
                            info: ValidationInfo) -> Any:
        context = context_of(info)
        if context is not None and isinstance(data, dict) and isinstance(data.get("supported_entity"), str):
            context.entities.add(data["supported_entity"])
        return cross_checked(data, handler, _needs_patterns_or_deny_list)


def _needs_patterns_or_deny_list(data: Any) -> list[Located]:
    if isinstance(data, dict) and not data.get("patterns") and not data.get("deny_list"):
        return [((), "an inline recognizer needs patterns or a deny_list")]
    return []


class RecognizerWithParams(Strict):
    """A registered recognizer with parameters, validated against the recognizer's params model."""

    name: str
    params: dict[str, Any] = Field(
        default_factory=dict, description="the recognizer's parameters (see the README)"
    )

    @model_validator(mode="after")
    def _params_fit(self, info: ValidationInfo) -> RecognizerWithParams:
        context = context_of(info)
        if context is None:
            return self
        problems: list[Located] = [(("name",), message) for message in name_problems(self.name, context)]
        if not problems:
            problems, self.params = _params_problems(self.name, self.params, context)
        if problems:
            raise problems_error(problems)
        return self


def _params_problems(name: str, params: dict[str, Any],
                     context: ProfileContext) -> tuple[list[Located], dict[str, Any]]:
    """Problems of `params` for recognizer `name`, and the params validated (defaults explicit)."""
    model = context.registry.params_model(name)
    if model is None:
        if params:
            return [(("params",), f"'{name}' takes no parameters")], params
        return [], params
    try:
        return [], model.model_validate(params).model_dump(mode="json")
    except ValidationError as exc:
        return [(("params", *err["loc"]), _param_message(name, model, err)) for err in exc.errors()], params


def _param_message(name: str, model: type[BaseModel], err: ErrorDetails) -> str:
    """A params error that names the recognizer (and, for an unknown one, the parameters it takes)."""
    if err["type"] == "extra_forbidden":
        return f"unknown parameter of {name}; it takes: {', '.join(model.model_fields)}"
    return f"{name}: {str(err['msg']).removeprefix('Value error, ')}"


def name_problems(name: str, context: ProfileContext) -> list[str]:
    """What is wrong with a recognizer name, and the entity types it gives recorded in `context`."""
    registry = context.registry
    if name in registry.nlp_engine_recognizers:
        return [f"'{name}' is configured under nlp:, not as a recognizer"]
    if not registry.knows(name):
        return [f"unknown recognizer '{name}'; valid: {', '.join(registry.names())}"]
    try:
        context.entities.update(registry.entities(name))
    except Exception as exc:  # a plugin that does not import or construct
        return [f"'{name}' cannot be built: {exc}"]
    return []


def _registered(name: str, info: ValidationInfo) -> str:
    context = context_of(info)
    problems = name_problems(name, context) if context is not None else []
    if problems:
        raise ValueError(problems[0])
    return name


def _entry_kind(value: Any) -> str | None:
    """Which kind of entry a value is: a name, a name with params ({name, params}), or inline."""
    if isinstance(value, str):
        return REGISTERED
    if isinstance(value, RecognizerWithParams) or (
            isinstance(value, dict) and ("params" in value or set(value) == {"name"})):
        return WITH_PARAMS
    if isinstance(value, (InlineRecognizer, dict)):
        return INLINE
    return None


RecognizerRef = Annotated[
    Annotated[Annotated[str, AfterValidator(_registered)], Tag(REGISTERED)]
    | Annotated[RecognizerWithParams, Tag(WITH_PARAMS)]
    | Annotated[InlineRecognizer, Tag(INLINE)],
    Discriminator(
        _entry_kind, custom_error_type="recognizer_entry",
        custom_error_message="a recognizer entry is a registered name, {name: ..., params: {...}} "
        "or an inline recognizer (name, supported_entity, patterns or deny_list)",
    ),
]


def duplicate_problems(entries: Any) -> list[Located]:
    """A recognizer listed twice (by its name: registered, with params or inline), read from the
    list as given: it would run twice, or one entry's params would silently lose to the other's."""
    first: dict[str, int] = {}
    problems: list[Located] = []
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        name = entry if isinstance(entry, str) else entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(name, str):
            continue
        if name in first:
            problems.append(((index,), f"'{name}' is listed twice (entries {first[name]} and "
                                       f"{index}); list each recognizer once"))
        first.setdefault(name, index)
    return problems


def registered_name(ref: Any) -> str | None:
    """The registered name of an entry (plain or with params); None for an inline recognizer."""
    if isinstance(ref, str):
        return ref
    return ref.name if isinstance(ref, RecognizerWithParams) else None


class Thresholds(Strict):
    """Minimum score for a finding to count: one default, and per entity type."""

    default: float = Field(0.5, ge=0, le=1)
    per_entity: dict[str, Annotated[float, Field(ge=0, le=1)]] = Field(default_factory=dict)
