"""Consent: drop, before any analysis, the records that must not be in the corpus at all.

Rules (each optional, from the profile's `consent:` section): the author opted out; the record's
region is excluded by law (EU, EEA, UK, CH, or any ISO code); the record's kind is excluded (private
messages from a posts corpus); the record falls outside a time window. A record that lacks a field a
rule needs is dropped as `consent_unknown`: we cannot show consent, so we do not use it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from redact.profile import ConsentSpec
from redact.record import Record

OPTED_OUT = "opted_out"
REGION_EXCLUDED = "region_excluded"
KIND_EXCLUDED = "kind_excluded"
OUTSIDE_WINDOW = "outside_time_window"
CONSENT_UNKNOWN = "consent_unknown"

EU = frozenset("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split())
REGION_GROUPS = {
    "EU": EU,
    "EEA": EU | {"IS", "LI", "NO"},
    "UK": frozenset({"GB", "UK"}),
    "CH": frozenset({"CH"}),
}


def expand_regions(codes: list[str]) -> frozenset[str]:
    """Region codes with the named groups (EU, EEA, UK, CH) expanded; upper case."""
    out: set[str] = set()
    for code in codes:
        out |= REGION_GROUPS.get(code.upper(), {code.upper()})
    return frozenset(out)


class OptOuts:
    """Opted-out member ids, from a file (held as a set) or a SQLite table (looked up by index)."""

    def __init__(self, spec: ConsentSpec, extra_file: str | Path | None = None):
        self.ids: set[str] = set()
        for path in filter(None, (spec.opt_out_file, extra_file)):
            with open(path, encoding="utf-8") as lines:
                self.ids.update(s for s in (line.strip() for line in lines) if s)
        self.sqlite = spec.opt_out_sqlite
        self.connection = None
        if self.sqlite:
            uri = Path(self.sqlite.path).resolve().as_uri() + "?mode=ro"
            self.connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self.query = f"SELECT 1 FROM {self.sqlite.table} WHERE {self.sqlite.column} = ? LIMIT 1"

    @property
    def active(self) -> bool:
        """True when there is any opt-out source."""
        return bool(self.ids) or self.connection is not None

    def __contains__(self, member_id: str) -> bool:
        if member_id in self.ids:
            return True
        return self.connection is not None and \
            self.connection.execute(self.query, (member_id,)).fetchone() is not None


class Consent:
    """Drop records by the profile's consent rules; the others pass on untouched."""

    def __init__(self, spec: ConsentSpec, opt_out_file: str | Path | None = None):
        self.spec = spec
        self.opt_outs = OptOuts(spec, opt_out_file)
        self.regions = expand_regions(spec.exclude_regions)
        self.kinds = set(spec.exclude_kinds)

    def run(self, records: Iterator[Record]) -> Iterator[Record]:
        """Drop what the rules say; yield every record."""
        for record in records:
            if record.live:
                reason = self.reason(record.data)
                if reason:
                    record.drop(reason)
            yield record

    def reason(self, data: dict[str, Any]) -> str | None:
        """Why this record must be dropped, or None."""
        spec = self.spec
        checks = (
            (self.opt_outs.active, spec.author_field, self._opted_out),
            (bool(self.regions), spec.region_field, lambda v: str(v).upper() in self.regions and REGION_EXCLUDED),
            (bool(self.kinds), spec.kind_field, lambda v: str(v) in self.kinds and KIND_EXCLUDED),
            (bool(spec.not_before or spec.not_after), spec.timestamp_field, self._outside_window),
        )
        for needed, field, rule in checks:
            if not needed:
                continue
            value = _get(data, field)
            if value is None or value == "":
                return CONSENT_UNKNOWN
            verdict = rule(value)
            if verdict:
                return verdict
        return None

    def _opted_out(self, member_id: Any) -> str | None:
        return OPTED_OUT if str(member_id) in self.opt_outs else None

    def _outside_window(self, value: Any) -> str | None:
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            return CONSENT_UNKNOWN
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        before, after = (_utc(self.spec.not_before), _utc(self.spec.not_after))
        if (before and moment < before) or (after and moment > after):
            return OUTSIDE_WINDOW
        return None


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=timezone.utc)


def _get(data: dict, path: str | None) -> Any:
    node: Any = data
    for key in (path or "").split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node
