"""Report lines: one per input record, from findings only. Never the matched text."""

from __future__ import annotations

from typing import Any

from redact.profile import ReportSpec
from redact.record import Finding, Record


def report_line(record: Record, spec: ReportSpec) -> dict[str, Any]:
    """The report entry for one record: id, line, status, the comments consent removed and the
    paths the profile does not name (when there are any), and per field its findings."""
    line: dict[str, Any] = {"id": record.id, "line": record.line, "status": record.status}
    if record.reason:
        line["reason"] = record.reason
    if record.detail and record.status == "quarantined":
        line["detail"] = record.detail
    if record.items_dropped:  # addresses and reasons only: never an author id
        line["comments_dropped"] = [{"path": path, "reason": why} for path, why in record.items_dropped]
    if record.unlisted:  # paths only, never values: schema drift shows here first
        line["unlisted"] = list(record.unlisted)
    languages = {f.name: {"lang": f.lang, "confidence": f.lang_confidence,
                          **({"mixed": f.mixed} if f.mixed else {})}
                 for f in record.fields if f.lang is not None}
    if languages:
        line["languages"] = languages
    if record.live:
        line["fields"] = {
            f.name: [finding_entry(x, spec) for x in f.findings] for f in record.fields if f.findings
        }
    return line


def finding_entry(finding: Finding, spec: ReportSpec) -> dict[str, Any]:
    """One finding as written in the report."""
    entry: dict[str, Any] = {
        "type": finding.entity_type, "start": finding.start, "end": finding.end,
        "out_start": finding.out_start, "out_end": finding.out_end,
    }
    if spec.scores:
        entry["score"] = finding.score
    if spec.recognizers:
        entry["recognizer"] = finding.recognizer
    if spec.operators:
        entry["operator"] = finding.operator
    if spec.digests and finding.digest:
        entry["digest"] = finding.digest
    return entry
