"""Realistic surrogates (Faker) in place of personal data: the `surrogate` operator."""

from redact.surrogates.locale import available_locales, locale_for_language
from redact.surrogates.operator import Neighbours, Surrogate, Surrogates

__all__ = ["Neighbours", "Surrogate", "Surrogates", "available_locales", "locale_for_language"]
