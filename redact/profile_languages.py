"""The `languages:` section of a profile: which languages are told apart, and how each is analysed."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, ValidationInfo, ValidatorFunctionWrapHandler, field_validator, model_validator

from redact.language import known_languages
from redact.profile_checks import (
    Located,
    ProfileContext,
    Strict,
    as_mapping,
    context_of,
    cross_checked,
    items_of,
    problems_error,
)
from redact.profile_nlp import NlpSpec, model_problems
from redact.profile_recognizers import RecognizerRef, Thresholds


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

    @field_validator("nlp", mode="wrap")
    @classmethod
    def _model_named_and_installed(cls, nlp: Any, handler: ValidatorFunctionWrapHandler,
                                   info: ValidationInfo) -> Any:
        return cross_checked(nlp, handler, lambda raw: _cover_model_problems(raw, context_of(info)))


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

    @field_validator("identify")
    @classmethod
    def _known_codes(cls, identify: list[str]) -> list[str]:
        known = known_languages()
        problems = [((), f"'{code}' is not a language the identifier knows; use ISO 639-1 codes: "
                     f"{', '.join(sorted(known))}") for code in identify if code not in known]
        if problems:
            raise problems_error(problems)
        return identify

    @field_validator("default_only")
    @classmethod
    def _registered_names(cls, names: list[str], info: ValidationInfo) -> list[str]:
        # A name a profile does not run is fine: a profile that extends another may run fewer.
        context = context_of(info)
        registry = context.registry if context is not None else None
        problems = [((), f"unknown recognizer '{name}'; valid: {', '.join(registry.names())}")
                    for name in names if registry is not None and not registry.knows(name)]
        if problems:
            raise problems_error(problems)
        return names

    @model_validator(mode="wrap")
    @classmethod
    def _covered_models_fit(cls, data: Any, handler: ValidatorFunctionWrapHandler,
                                info: ValidationInfo) -> Any:
        return cross_checked(data, handler, lambda raw: _covered_problems(raw, context_of(info)))


def _cover_model_problems(nlp: Any, context: ProfileContext | None) -> list[Located]:
    """A covered language's nlp must name its model (null: none); the model must be installed."""
    if not isinstance(nlp, dict):
        return []
    if "model" not in nlp:
        return [(("model",), "name the model for this language (null: none); the profile's model "
                 "is never used for another language")]
    return model_problems(nlp, context)


def _covered_problems(spec: Any, context: ProfileContext | None) -> list[Located]:
    """Covered languages whose model is for another language."""
    problems: list[Located] = []
    for lang, cover in as_mapping(as_mapping(spec).get("covered")).items():
        model = as_mapping(as_mapping(cover).get("nlp")).get("model")
        if context is not None and context.check_model and isinstance(model, str):
            trained_for = context.registry.model_language(model)
            if trained_for not in (lang, None):
                problems.append((("covered", lang, "nlp", "model"),
                                 f"{model} is a model for '{trained_for}', not for '{lang}'"))
    return problems


def identified_problems(language: str, spec: Any) -> list[Located]:
    """The profile's own language must be identified and is never a covered one (it is analysed
    with the profile's top-level nlp, recognizers and thresholds); every covered language must be
    identified."""
    spec = as_mapping(spec)
    identify = items_of(spec.get("identify"))
    problems: list[Located] = []
    if identify and language not in identify:
        problems.append((("identify",), f"must include the profile's language '{language}'"))
    for lang in as_mapping(spec.get("covered")):
        if lang == language:
            problems.append((("covered", lang), "the profile's own language is analysed with the "
                             "top-level nlp, recognizers and thresholds"))
        elif identify and lang not in identify:
            problems.append((("covered", lang), "is not among languages.identify"))
    return problems
