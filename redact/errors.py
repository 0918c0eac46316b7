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
        self.needed_by = needed_by
        super().__init__(
            f"{needed_by} needs a secret key: set REDACT_KEY in the environment or pass "
            f"--key-file FILE (the key is never read from the profile)"
        )


class BadKey(RedactError):
    """A key was given but cannot be used: too short, empty, or a key file that cannot be read."""


class WrongKey(RedactError):
    """A manifest was made with another key than the one given to `redact forget`."""


class TooManyQuarantined(RedactError):
    """More records were quarantined than --max-quarantined allows."""


class AccountingError(RedactError):
    """The run's counts do not add up: read != written + quarantined + dropped."""


class ResumeRefused(RedactError):
    """`--resume` was asked with something other than what the run started with (input, key,
    profile, opt-outs, files), or with partial files that no longer hold what the checkpoint says."""

    def __init__(self, output: str, why: str):
        super().__init__(f"cannot resume {output}: {why}; resume with what the run started with, "
                         f"or start again without --resume")


class FileLocked(RedactError):
    """Another run is writing one of this run's files right now (as whichever of its files)."""

    def __init__(self, path: str, pid: str, label: str = "--output"):
        super().__init__(f"{path} is being written by another run (pid {pid or 'unknown'}); wait "
                         f"for it to finish or stop it, or write to another {label}")



class BadRunPath(RedactError):
    """The run's files cannot be what they were given as: two are one file, one is a directory,
    or a directory cannot be written."""


class NotAnalysed(RedactError, RuntimeError):
    """`explain` was given a text its profile does not analyse (a language it quarantines or
    drops, a pattern over the time budget): the reason and detail say why."""


class RunFailed(RedactError):
    """The run stopped part way because a file failed it: its files are left as `.partial`."""


class DamagedInput(RunFailed):
    """The input could not be read to its end (a truncated or damaged gzip or zstd file, a
    failing disk): says which file and after which line."""


class WriteFailed(RunFailed):
    """A file of the run could not be written (a full disk, a closed pipe): says which."""


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
NO_TEXT_FIELDS = "no_text_fields"  # none of record.text_fields is in the record: nothing to analyse
UNLISTED_FIELD = "unlisted_field"  # a path the profile does not name, under `unlisted: quarantine`
UNLISTED_NUMBER = "unlisted_number"  # an unlisted number, under `unlisted: analyze`
LANGUAGE_UNCOVERED = "language_uncovered"  # a field in a language the profile does not cover
UNLISTED_KEY = "unlisted_key"  # a key under an unlisted or kept path that is not a field name (redact/keys.py)

REASONS = (
    NOT_UTF8, NOT_JSON, NOT_OBJECT, MISSING_ID, BAD_ID, NOT_TEXT, TOO_LARGE,
    ANALYSIS_FAILED, ANONYMIZATION_FAILED, NOT_PROCESSED, WRITE_FAILED,
    WORKER_FAILED, TIME_BUDGET, NO_TEXT_FIELDS, UNLISTED_FIELD, UNLISTED_NUMBER, UNLISTED_KEY,
    LANGUAGE_UNCOVERED,
)
