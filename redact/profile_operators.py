"""The `operators:` section of a profile: how each entity type's findings are anonymised."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, field_validator

from redact.profile_checks import Strict
from redact.surrogates import available_locales


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
        if locale is not None and locale not in available_locales():
            raise ValueError(f"unknown locale {locale!r}; Faker knows e.g. en_US, en_GB, de_DE, fr_FR")
        return locale


OperatorSpec = Annotated[
    ReplaceOp | RedactOp | MaskOp | KeepOp | PseudonymOp | SurrogateOp, Field(discriminator="type")
]


def _check_template(template: str, allowed: set[str]) -> str:
    names = set(re.findall(r"{([^{}]*)}", template))
    unknown = names - allowed
    if unknown:
        raise ValueError(f"unknown placeholder(s) {sorted(unknown)}; allowed: {sorted(allowed)}")
    return template
