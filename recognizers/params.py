"""The parameters a profile may give our recognizers: one pydantic model per recognizer.

A profile entry `{name: phone_v1, params: {regions: [GB, US]}}` is validated against the model
named for it in `recognizers.PARAMS`; the validated values are passed to the recognizer's
constructor. Every default is the constructor's own, so an entry without params (or a plain
name) builds the recognizer exactly as before. A recognizer with no model takes no parameters.
"""

from __future__ import annotations

from typing import Annotated, Any

import phonenumbers
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidatorFunctionWrapHandler, field_validator
from pydantic_core import InitErrorDetails

from recognizers.person.cue_words import DEFAULT_SCORES
from recognizers.phone import DEFAULT_REGIONS

Score = Annotated[float, Field(ge=0, le=1)]


class PhoneParams(BaseModel):
    """phone_v1: where a number written without a country code may be from."""

    model_config = ConfigDict(extra="forbid")

    regions: list[str] = Field(
        default_factory=lambda: list(DEFAULT_REGIONS), min_length=1,
        description="ISO 3166 alpha-2 codes tried, in order, for a number without a country code "
        "(the record's region, when the profile names a region_field, is tried first)",
    )

    @field_validator("regions")
    @classmethod
    def _known_regions(cls, regions: list[str]) -> list[str]:
        unknown = [r for r in regions if r not in phonenumbers.SUPPORTED_REGIONS]
        if unknown:
            raise ValueError(f"not a region phonenumbers knows: {', '.join(map(repr, unknown))}; "
                             f"use upper-case ISO 3166 alpha-2 codes such as GB, US, IN")
        return regions


class PersonContextParams(BaseModel):
    """person_context_v1: the score of each kind of evidence, and the least score it reports."""

    model_config = ConfigDict(extra="forbid")

    scores: dict[str, Score] = Field(
        default_factory=dict, description="evidence kind -> score, replacing the default score "
        "of the kinds named (see DEFAULT_SCORES in recognizers/person/cue_words.py)",
    )
    min_score: Score = Field(0.0, description="findings scored below this are not reported")

    @field_validator("scores", mode="wrap")
    @classmethod
    def _known_kinds(cls, scores: Any, handler: ValidatorFunctionWrapHandler) -> dict[str, float]:
        """Unknown kinds are a problem beside the scores out of range, not hidden by them."""
        unknown = sorted(set(scores) - set(DEFAULT_SCORES)) if isinstance(scores, dict) else []
        problem = f"unknown evidence kind(s) {unknown}; valid: {', '.join(DEFAULT_SCORES)}"
        try:
            checked = handler(scores)
        except ValidationError as exc:
            if not unknown:
                raise
            raise _adding(exc, scores, problem) from None
        if unknown:
            raise ValueError(problem)
        return checked


def _adding(exc: ValidationError, value: Any, problem: str) -> ValidationError:
    """`exc` with one more problem of the value it was raised on."""
    details: list[InitErrorDetails] = [
        {"type": e["type"], "loc": e["loc"], "input": e["input"], "ctx": e.get("ctx", {})}
        for e in exc.errors()]
    details.append({"type": "value_error", "loc": (), "input": value, "ctx": {"error": ValueError(problem)}})
    return ValidationError.from_exception_data(exc.title, details)
