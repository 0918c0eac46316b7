"""Realistic surrogates (Faker) in place of personal data: the `surrogate` operator."""

from redact.surrogates.operator import Surrogate, Surrogates, available_locales, locale_for_language

__all__ = ["Surrogate", "Surrogates", "available_locales", "locale_for_language"]
