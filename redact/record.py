"""The one shape that flows through every stage: a `Record` holding its text fields and findings.

Stages fill a record in and never reshape it: `read` sets the parsed object and its text fields,
`analyze` adds findings, `resolve` settles overlaps, `anonymize` writes the redacted text and the
output offsets, and `write` serialises the result. A record whose status is `quarantined` is
skipped by every later stage and its text is never written to the output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Record statuses, as written in the report.
PENDING = "pending"
CLEAN = "clean"
REDACTED = "redacted"
QUARANTINED = "quarantined"
DROPPED = "dropped"


@dataclass
class Finding:
    """One detected entity in one text field. Never holds the matched text itself."""

    entity_type: str
    start: int
    end: int
    score: float
    recognizer: str
    operator: str | None = None
    out_start: int | None = None
    out_end: int | None = None
    digest: str | None = None

    def overlaps(self, other: Finding) -> bool:
        """True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def contains(self, other: Finding) -> bool:
        """True when this span covers all of `other`."""
        return self.start <= other.start and other.end <= self.end


@dataclass
class TextField:
    """One string value to redact, addressed inside the record by `path` (keys and list indices)."""

    path: tuple[str | int, ...]
    text: str
    findings: list[Finding] = field(default_factory=list)
    redacted: str | None = None
    lang: str | None = None  # ISO 639-1 code or `und`; None when the profile identifies none
    lang_confidence: float | None = None
    analysed_as: str | None = None  # the language whose model and rules analyse it

    @property
    def name(self) -> str:
        """The field's address as written in the report: `comments[0].text`."""
        out = ""
        for part in self.path:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
        return out


@dataclass
class Record:
    """An input line on its way through the pipeline."""

    line: int
    raw: bytes
    data: dict[str, Any] | None = None
    id: str | None = None
    fields: list[TextField] = field(default_factory=list)
    status: str = PENDING
    reason: str | None = None
    detail: str | None = None
    region_hint: str | None = None  # ISO 3166 alpha-2 region from the record, for phone numbers

    @property
    def live(self) -> bool:
        """True while no stage has quarantined or dropped the record."""
        return self.status not in (QUARANTINED, DROPPED)

    def quarantine(self, reason: str, detail: str) -> None:
        """Take the record out of the stream: no stage after this one touches its text."""
        self.status = QUARANTINED
        self.reason = reason
        self.detail = detail
        for text_field in self.fields:
            text_field.redacted = None

    def drop(self, reason: str) -> None:
        """Remove the record by a consent rule: counted and reported, never written."""
        self.status = DROPPED
        self.reason = reason
