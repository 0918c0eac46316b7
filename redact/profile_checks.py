"""How a profile is validated in one pass: the context its models read, and errors raised together.

`load_profile` validates the raw YAML once, with
`Profile.model_validate(raw, context=ProfileContext(Registry()))`. The names a profile uses
(recognizers and their parameters, entity types, spaCy models and components, languages) are
checked by the models' own validators against the registry in the context. Cross-field rules are
validators wrapped by :func:`cross_checked`: they run whether or not the fields they read are
valid, so that one run lists every problem of the profile. Without a context (a dump of a
validated profile read back, as Spark's workers do) the shape and the cross-field rules are
checked, not the names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, ValidatorFunctionWrapHandler
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError

from redact.registry import Registry

Loc = tuple[str | int, ...]
Located = tuple[Loc, str]  # (where, relative to the value checked; what is wrong)


class Strict(BaseModel):
    """Base of every profile section: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid")


@dataclass
class ProfileContext:
    """What a profile is validated against, passed to pydantic as the validation context.

    `entities` is filled while the profile's `nlp` and `recognizers` validate (the entity types
    they give) and read by the fields declared after them (thresholds, operators, context,
    entities, propagate): pydantic validates a model's fields in the order they are declared.
    One context serves one validation.
    """

    registry: Registry
    check_model: bool = True
    entities: set[str] = field(default_factory=set)


def context_of(info: ValidationInfo) -> ProfileContext | None:
    """The profile context of a validation, None when the caller passed none."""
    return info.context if isinstance(info.context, ProfileContext) else None


def problems_error(problems: Sequence[Located], errors: Sequence[ErrorDetails] = ()) -> ValidationError:
    """One ValidationError holding `errors` (pydantic's, kept as they are) and `problems`."""
    details = [InitErrorDetails(type=PydanticCustomError(e["type"], e["msg"]), loc=e["loc"],
                                input=e["input"]) for e in errors]
    details += [InitErrorDetails(type=PydanticCustomError("profile", message), loc=loc, input=None)
                for loc, message in problems]
    return ValidationError.from_exception_data("Profile", details)


def cross_checked(value: Any, handler: ValidatorFunctionWrapHandler,
                  check: Callable[[Any], list[Located]]) -> Any:
    """Validate `value` with `handler`, run `check` on the value as given whatever the outcome
    (so it must read it defensively), and raise the problems of both together."""
    errors: list[ErrorDetails] = []
    validated = None
    try:
        validated = handler(value)
    except ValidationError as exc:
        errors = exc.errors()
    problems = check(value)
    if errors or problems:
        raise problems_error(problems, errors)
    return validated


def as_mapping(value: Any) -> dict:
    """A section as a dict: a model dumped, a dict as it is, anything else empty."""
    if isinstance(value, BaseModel):
        return value.model_dump()
    return value if isinstance(value, dict) else {}


def keys_of(value: Any) -> list[str]:
    """The string keys of a mapping given as it may be (anything else: none)."""
    return [k for k in value if isinstance(k, str)] if isinstance(value, dict) else []


def items_of(value: Any) -> list[str]:
    """The strings of a list given as it may be (anything else: none)."""
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
