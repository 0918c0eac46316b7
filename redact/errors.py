"""Set-up errors (raised, with a message that says how to fix them) and per-record reason codes.

Set-up errors stop a run before its first record. Per-record problems never raise out of the
pipeline: they become a status and one of the reason codes below on the record, are counted in the
run summary, and the stream goes on.
"""

from __future__ import annotations

from dataclasses import dataclass


class RedactError(Exception):
    """Base class of every error redact raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One problem found in a profile: where it is (file and key path) and what is wrong."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class ProfileError(RedactError):
    """A profile is invalid. Carries every problem found, so that one run shows them all."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = problems
        lines = [f"profile {source} has {len(problems)} problem(s):"]
        lines += [f"  - {p}" for p in problems]
        super().__init__("\n".join(lines))


class ModelNotInstalled(RedactError):
    """The spaCy model a profile names is not installed."""

    def __init__(self, model: str):
        self.model = model
        super().__init__(
            f"spaCy model '{model}' is not installed; install it with "
            f"`pip install {model.replace('_', '-')}` (or `python -m spacy download {model}` "
            f"where the network allows), or name an installed model under nlp.model"
        )


class MissingKey(RedactError):
    """A profile asks for keyed pseudonyms or digests, and no key was given."""

    def __init__(self, needed_by: str):
        super().__init__(
            f"{needed_by} needs a secret key: set REDACT_KEY in the environment or pass "
            f"--key-file FILE (the key is never read from the profile)"
        )


class TooManyQuarantined(RedactError):
    """More records were quarantined than --max-quarantined allows."""


class AccountingError(RedactError):
    """The run's counts do not add up: read != written + quarantined + dropped."""


# Per-record reason codes: stable strings, counted in the summary and written to quarantine lines.
NOT_UTF8 = "not_utf8"
NOT_JSON = "not_json"
NOT_OBJECT = "not_object"
MISSING_ID = "missing_id"
BAD_ID = "bad_id"
NOT_TEXT = "field_not_text"
TOO_LARGE = "too_large"
ANALYSIS_FAILED = "analysis_failed"
ANONYMIZATION_FAILED = "anonymization_failed"
NOT_PROCESSED = "not_processed"
WRITE_FAILED = "write_failed"
WORKER_FAILED = "worker_failed"
TIME_BUDGET = "time_budget"
LANGUAGE_UNCOVERED = "language_uncovered"  # a field in a language the profile does not cover

REASONS = (
    NOT_UTF8, NOT_JSON, NOT_OBJECT, MISSING_ID, BAD_ID, NOT_TEXT, TOO_LARGE,
    ANALYSIS_FAILED, ANONYMIZATION_FAILED, NOT_PROCESSED, WRITE_FAILED,
    WORKER_FAILED, TIME_BUDGET, LANGUAGE_UNCOVERED,
)
