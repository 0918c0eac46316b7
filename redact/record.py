"""The one shape that flows through every stage: a `Record` holding its text fields and findings.

Stages fill a record in and never reshape it: `read` sets the parsed object and its text fields,
`analyze` starts the record's time budget and adds findings, `resolve` settles overlaps,
`anonymize` writes the redacted text and the output offsets, and `write` serialises the result.
A record whose status is `quarantined` is skipped by every later stage and its text is never
written to the output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from redact.budget import Deadline
from redact.normalize import View

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
    # The kind of evidence of a rule's finding (`context_lower`, `greeting_known`; never text),
    # shown by `redact explain`, not written to the report.
    evidence: str | None = None

    def overlaps(self, other: Finding) -> bool:
        """True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def contains(self, other: Finding) -> bool:
        """True when this span covers all of `other`."""
        return self.start <= other.start and other.end <= self.end


def path_name(path: tuple[str | int, ...]) -> str:
    """A value's address as written in the report: `comments[0].text`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def value_at(data: Any, path: str) -> Any:
    """The value at a dotted path (`user.id`) of a parsed object, or None where the path ends early
    or runs through something that is not an object."""
    node: Any = data
    for key in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def items_at(data: Any, path: str) -> list[tuple[tuple[str | int, ...], Any]]:
    """(address, value) of every item a dotted path's last key is read in: the values at the path
    without its last key, a list on the way entered element by element (`comments.author_id`: each
    comment). An item need not be an object (the caller decides what one that is not means)."""
    *inner, _ = path.split(".")
    found: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    for key in inner:
        found = [((*at, key), node[key]) for at, node in found if isinstance(node, dict) and key in node]
        found = [entry for at, node in found for entry in _elements(at, node)]
    return found if inner else []


def _elements(at: tuple[str | int, ...], node: Any) -> list[tuple[tuple[str | int, ...], Any]]:
    """A list's elements with their addresses; any other value is itself (null is nothing)."""
    if isinstance(node, list):
        return [((*at, index), element) for index, element in enumerate(node) if element is not None]
    return [] if node is None else [(at, node)]


@dataclass
class TextField:
    """One string value to redact, addressed inside the record by `path` (keys and list indices).

    `listed` is False for a string the profile does not name, analysed under `unlisted: analyze`,
    and for a string inside a kept object or list (analysed: only kept scalars are metadata).
    """

    path: tuple[str | int, ...]
    text: str
    findings: list[Finding] = field(default_factory=list)
    redacted: str | None = None
    listed: bool = True
    lang: str | None = None  # ISO 639-1 code or `und`; None when the profile identifies none
    lang_confidence: float | None = None
    analysed_as: str | None = None  # the language whose model and rules analyse it
    mixed: str | None = None  # the uncovered language of a run of another script inside it
    view: View | None = None  # what the recognizers read (normalize.py), kept by the analyze stage

    @property
    def name(self) -> str:
        """The field's address as written in the report: `comments[0].text`."""
        return path_name(self.path)


@dataclass
class IdentifierField:
    """A member identifier the profile pseudonymises: its value and, once anonymised, its
    keyed pseudonym (the value itself is never written)."""

    path: tuple[str | int, ...]
    value: str
    pseudonym: str | None = None


@dataclass
class Record:
    """An input line on its way through the pipeline."""

    line: int | None  # None for a Spark row when redact_dataframe has no line_col
    raw: bytes
    data: dict[str, Any] | None = None
    id: str | None = None
    fields: list[TextField] = field(default_factory=list)
    identifiers: list[IdentifierField] = field(default_factory=list)
    removed: list[tuple[str | int, ...]] = field(default_factory=list)  # paths left out of the output
    unlisted: tuple[str, ...] = ()  # paths the profile does not name, list indices collapsed
    status: str = PENDING
    reason: str | None = None
    detail: str | None = None
    deadline: Deadline | None = None  # set by `analyze`, checked until `resolve` is done
    region_hint: str | None = None  # ISO 3166 alpha-2 region from the record, for phone numbers
    # Filled by the pipeline for the summary's per-stage counts: (stage, findings held when the
    # record left it) for each stage it entered live, and the stage that quarantined or dropped it.
    trace: list[tuple[str, int]] = field(default_factory=list)
    stopped_by: str | None = None
    # Items (comments) consent removed before analysis: (address in the input, reason).
    items_dropped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def live(self) -> bool:
        """True while no stage has quarantined or dropped the record."""
        return self.status not in (QUARANTINED, DROPPED)

    def leave(self, stage: str) -> None:
        """Note that the record leaves `stage`, for the per-stage counts: a stage it entered live,
        with the findings it holds; the first stage it leaves out of the stream took it out."""
        if self.stopped_by is not None:
            return
        self.trace.append((stage, sum(len(f.findings) for f in self.fields) if self.live else 0))
        if not self.live:
            self.stopped_by = stage

    def quarantine(self, reason: str, detail: str) -> None:
        """Take the record out of the stream: no stage after this one touches its text."""
        self.status = QUARANTINED
        self.reason = reason
        self.detail = detail
        for text_field in self.fields:
            text_field.redacted = None
        for identifier in self.identifiers:
            identifier.pseudonym = None

    def drop(self, reason: str) -> None:
        """Remove the record by a consent rule: counted and reported, never written."""
        self.status = DROPPED
        self.reason = reason
