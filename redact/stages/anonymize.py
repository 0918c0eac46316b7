"""Anonymize: apply each finding's operator with presidio-anonymizer, keeping output offsets."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from presidio_anonymizer.entities import ConflictResolutionStrategy, RecognizerResult

from redact import errors
from redact.engine import Engine
from redact.operators import keyed_digest
from redact.record import CLEAN, REDACTED, Record, TextField, path_name
from redact.surrogates import Neighbours


class Anonymize:
    """Write each live field's redacted text; a failure quarantines the record (fail closed)."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.digests = engine.profile.report.digests

    def run(self, records: Iterator[Record]) -> Iterator[Record]:
        """Anonymise each live record."""
        for record in records:
            if record.live:
                self.anonymize(record)
            yield record

    def anonymize(self, record: Record) -> None:
        """Anonymise every field of one record and set its status. The surrogates of each field
        keep clear of every value found in the record, so that no surrogate is another of its
        people's real name and a value gets one surrogate throughout the record."""
        near = Neighbours(tuple(f.text for f in record.fields),
                          tuple(f.text[x.start:x.end] for f in record.fields for x in f.findings))
        for text_field in record.fields:
            try:
                self.anonymize_field(text_field, near)
            except Exception as exc:
                record.quarantine(errors.ANONYMIZATION_FAILED,
                                  f"{text_field.name}: {type(exc).__name__} in anonymization")
                return
        try:
            for identifier in record.identifiers:
                identifier.pseudonym = member_pseudonym(self.engine.key, identifier.value)
        except RuntimeError as exc:
            record.quarantine(errors.ANONYMIZATION_FAILED, str(exc))
            return
        changed = any(f.redacted != f.text for f in record.fields)
        record.status = REDACTED if changed else CLEAN

    def anonymize_field(self, text_field: TextField, near: Neighbours) -> None:
        """Set `redacted`, and each finding's operator and output offsets; surrogates keep clear
        of the texts and values `near` holds (the record's)."""
        findings = sorted(text_field.findings, key=lambda f: f.start)
        if not findings:
            text_field.redacted = text_field.text
            return
        results = [RecognizerResult(f.entity_type, f.start, f.end, f.score) for f in findings]
        operators = self.engine.operators_for({f.entity_type for f in findings}, near)
        result = self.engine.anonymizer.anonymize(
            text_field.text, results, operators,
            conflict_resolution=ConflictResolutionStrategy.REMOVE_INTERSECTIONS,
            merge_entities_with_spaces=False,
        )
        items = sorted(result.items, key=lambda item: item.start)
        if len(items) != len(findings):  # our findings are disjoint, so this is a bug: fail closed
            raise RuntimeError("anonymizer changed the number of spans")
        for finding, item in zip(findings, items):
            finding.operator = item.operator
            finding.out_start, finding.out_end = item.start, item.end
            if self.digests:
                assert self.engine.key is not None  # digests are on only with a key
                value = text_field.text[finding.start:finding.end]
                finding.digest = keyed_digest(self.engine.key, finding.entity_type, value)[:16]
        text_field.findings = findings
        text_field.redacted = result.text


def member_pseudonym(key: bytes | None, member_id: str) -> str:
    """The keyed pseudonym written in place of a member identifier: 16 hex characters of
    HMAC-SHA256 over the normalised id (`M10` and ` m10` give the same), bound to MEMBER_ID."""
    if not key:  # the profile was checked for a key before the run: this is a bug, fail closed
        raise RuntimeError("identifier_fields: pseudonymize without a key")
    return keyed_digest(key, "MEMBER_ID", member_id)[:16]


def redacted_object(record: Record) -> dict[str, Any]:
    """The record's object with each text field replaced by its redacted text, each identifier
    by its pseudonym, and the dropped paths left out; the kept metadata untouched."""
    assert record.data is not None  # read gave every record that reaches here its object
    out = dict(record.data)
    for text_field in record.fields:
        if text_field.redacted is None:  # never write text that was not anonymised
            raise RuntimeError(f"{text_field.name} was not anonymised")
        _set_path(out, text_field.path, text_field.redacted)
    for identifier in record.identifiers:
        if identifier.pseudonym is None:
            raise RuntimeError(f"{path_name(identifier.path)} was not pseudonymised")
        _set_path(out, identifier.path, identifier.pseudonym)
    for path in record.removed:
        _set_path(out, path, None, remove=True)
    return out


def _set_path(root: dict, path: tuple, value: str | None, remove: bool = False) -> None:
    """Set (or remove) a value at a path, copying each container on the way so the input object
    is unchanged."""
    node: Any = root
    for key in path[:-1]:
        child = node[key]
        child = dict(child) if isinstance(child, dict) else list(child)
        node[key] = child
        node = child
    if remove:
        del node[path[-1]]
    else:
        node[path[-1]] = value
