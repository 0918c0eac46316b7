"""Consent: drop, before any analysis, the records that must not be in the corpus at all.

Rules (each optional, from the profile's `consent:` section): the author opted out; the record's
region is excluded by law (EU, EEA, UK, CH, or any ISO code); the record's kind is excluded (private
messages from a posts corpus); the record falls outside a time window. A record that lacks a field a
rule needs, or holds a value the rule cannot read (a region that is no country, a list where one
value belongs), is dropped as `consent_unknown`: we cannot show consent, so we do not use it.
"""

from __future__ import annotations

import copy
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from redact.normalize import fold, kind_key
from redact.opt_outs import BadOptOuts, read_ids, sqlite_problem
from redact.profile import ConsentSpec, SqliteOptOut
from redact.profile_consent import consent_kind, readable_kind
from redact.record import Record, items_at, path_name, value_at
from redact.regions import expand_regions, region_codes

OPTED_OUT = "opted_out"
REGION_EXCLUDED = "region_excluded"
KIND_EXCLUDED = "kind_excluded"
OUTSIDE_WINDOW = "outside_time_window"
CONSENT_UNKNOWN = "consent_unknown"

__all__ = ["Consent", "OptOuts", "expand_regions", "fold", "kind_key"]


class OptOuts:
    """Opted-out member ids, folded, from a file (held as a set) or a SQLite table (copied, folded,
    into an indexed in-memory table when the run starts, so a record's lookup is one index probe)."""

    def __init__(self, spec: ConsentSpec, extra_file: str | Path | None = None):
        self.ids: set[str] = set()
        self.given = bool(spec.opt_out_file or spec.opt_out_sqlite or extra_file)
        for path, label in ((spec.opt_out_file, "consent.opt_out_file"), (extra_file, "--opt-out")):
            if path:
                self.ids |= read_ids(path, label)
        self.connection = _folded_table(spec.opt_out_sqlite) if spec.opt_out_sqlite else None
        if self.connection is not None:  # one table of every source's ids, counted once each
            self.connection.executemany("INSERT OR IGNORE INTO opt_outs VALUES (?)",
                                        ((member,) for member in self.ids))
            self.ids = set()

    def loaded(self) -> int | None:
        """How many distinct member ids are opted out, from every source (None without any)."""
        return len(self) if self.given else None

    def __len__(self) -> int:
        """How many distinct member ids are opted out, from every source."""
        if self.connection is None:
            return len(self.ids)
        return self.connection.execute("SELECT count(*) FROM opt_outs").fetchone()[0]

    @property
    def active(self) -> bool:
        """True when there is any opt-out source."""
        return bool(self.ids) or self.connection is not None

    def __contains__(self, member_id: str) -> bool:
        if member_id in self.ids:
            return True
        return self.connection is not None and self.connection.execute(
            "SELECT 1 FROM opt_outs WHERE member_id = ?", (member_id,)).fetchone() is not None


def _folded_table(source: SqliteOptOut) -> sqlite3.Connection:
    """An in-memory copy of a SQLite opt-out column, folded, with its index: the source table's
    own index cannot answer a case-folded lookup. A column that cannot be read is a set-up error."""
    problem = sqlite_problem(source.path, source.table, source.column)
    if problem:
        raise BadOptOuts(f"consent.opt_out_sqlite: {problem}")
    memory = sqlite3.connect(":memory:", uri=True, check_same_thread=False, isolation_level=None)
    memory.create_function("fold", 1, fold, deterministic=True)
    uri = Path(source.path).resolve().as_uri() + "?mode=ro"
    memory.execute("ATTACH DATABASE ? AS source", (uri,))
    memory.execute("CREATE TABLE opt_outs (member_id TEXT PRIMARY KEY) WITHOUT ROWID")
    memory.execute(f"INSERT OR IGNORE INTO opt_outs SELECT fold({source.column}) FROM "
                   f"source.{source.table} WHERE fold({source.column}) IS NOT NULL")
    memory.execute("DETACH DATABASE source")
    return memory


class Consent:
    """Drop records by the profile's consent rules; the others pass on untouched.

    Values are normalised before they are compared, all through :func:`fold` (format and control
    characters out, NFKC, trimmed, case-folded): regions read as ISO 3166 codes (`DEU`, `Germany`,
    `de-DE`, `EL` all name a country), kinds through the profile's aliases and without separators
    or a plural `s` (:func:`kind_key`) or punctuation (:func:`consent_kind`). A value that cannot be
    read is `consent_unknown`: a kind that is not letters and digits, or mixes Latin letters with
    another script's (`mеssage` with a Cyrillic `е`).
    """

    def __init__(self, spec: ConsentSpec, opt_out_file: str | Path | None = None,
                 item_authors: list[str] | None = None,
                 refill: Callable[[Record, Any], Record] | None = None):
        self.spec = spec
        # where the items' author ids are, and how a record's fields are planned again without them
        self.item_authors, self.refill = item_authors or [], refill
        self.opt_outs = OptOuts(spec, opt_out_file)
        self.regions = expand_regions(spec.exclude_regions)
        self.kind_names = kind_names(spec)
        self.kinds = self._named(spec.exclude_kinds)
        # every kind a record may be of (see ConsentSpec.kinds): another is consent_unknown
        self.known = self._named([*spec.kinds, *spec.exclude_kinds, *spec.kind_aliases])

    def run(self, records: Iterator[Record]) -> Iterator[Record]:
        """Drop what the rules say; yield every record."""
        for record in records:
            if record.live:
                reason = self.reason(record.data)
                if reason:
                    record.drop(reason)
                else:
                    self.drop_items(record)
            yield record

    def drop_items(self, record: Record) -> None:
        """Remove from the record (a copy of its object: the caller's stays as it was) every item
        its author's consent does not cover, note each with its reason, and plan its fields again."""
        verdicts = self.item_verdicts(record.data)
        if not verdicts:
            return
        data = copy.deepcopy(record.data)
        for address, _ in sorted(verdicts, reverse=True):  # later list elements first
            parent: Any = data
            for key in address[:-1]:
                parent = parent[key]
            del parent[address[-1]]
        record.items_dropped = [(path_name(address), reason) for address, reason in verdicts]
        if self.refill is not None:
            self.refill(record, data)
        else:  # a Consent used on its own: the object only
            record.data = data

    def item_verdicts(self, data: Any) -> list[tuple[tuple[str | int, ...], str]]:
        """(address, reason) of every item to remove, in the order found."""
        rules_on = self.opt_outs.active or bool(self.regions)
        verdicts = {}
        for path in (self.item_authors if rules_on else []):
            author_key = path.rsplit(".", 1)[1]
            for address, item in items_at(data, path):
                reason = self.item_reason(item, author_key)
                if reason and address not in verdicts:
                    verdicts[address] = reason
        return list(verdicts.items())

    def item_reason(self, item: Any, author_key: str) -> str | None:
        """Why an item must go, or None: its author's opt-out, its own region (when it holds the
        region field: else the record's, already judged, stands); an item that is no object, or
        lacks an author id the opt-outs can be read against, is `consent_unknown`."""
        if self.opt_outs.active:
            author = item.get(author_key) if isinstance(item, dict) else None
            verdict = CONSENT_UNKNOWN if author is None or author == "" else self._opted_out(author)
            if verdict:
                return verdict
        if not isinstance(item, dict):
            return None
        region = value_at(item, self.spec.region_field) if self.regions and self.spec.region_field else None
        return self._region_excluded(region) if region is not None else None

    def reason(self, data: Any) -> str | None:
        """Why this record must be dropped, or None. A record without an object has no value at
        any path, so it is `consent_unknown` for every rule in force."""
        spec = self.spec
        checks = (
            (self.opt_outs.active, spec.author_field, self._opted_out),
            (bool(self.regions), spec.region_field, self._region_excluded),
            (bool(self.kinds), spec.kind_field, self._kind_excluded),
            (bool(spec.not_before or spec.not_after), spec.timestamp_field, self._outside_window),
        )
        for needed, field, rule in checks:
            if not needed:
                continue
            value = value_at(data, field) if field else None
            if value is None or value == "":
                return CONSENT_UNKNOWN
            verdict = rule(value)
            if verdict:
                return verdict
        return None

    def _opted_out(self, member_id: Any) -> str | None:
        folded = fold(member_id)
        if folded is None:
            return CONSENT_UNKNOWN
        return OPTED_OUT if folded in self.opt_outs else None

    def _region_excluded(self, value: Any) -> str | None:
        codes = region_codes(value)
        if not codes:
            return CONSENT_UNKNOWN
        return REGION_EXCLUDED if codes & self.regions else None

    def _named(self, kinds: list[str]) -> set[str]:
        """The kinds' keys (see :func:`consent_kind`), an alias read as the kind it names."""
        return {self.kind_names.get(k, k) for k in map(consent_kind, kinds) if k}

    def _kind_excluded(self, value: Any) -> str | None:
        folded = consent_kind(value)
        if folded is None or not readable_kind(folded):
            return CONSENT_UNKNOWN
        kind = self.kind_names.get(folded, folded)
        if kind not in self.known:  # `messaging`, `random`: no kind the profile knows, so no verdict
            return CONSENT_UNKNOWN
        return KIND_EXCLUDED if kind in self.kinds else None

    def _outside_window(self, value: Any) -> str | None:
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            return CONSENT_UNKNOWN
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        before, after = (_utc(self.spec.not_before), _utc(self.spec.not_after))
        if (before and moment < before) or (after and moment > after):
            return OUTSIDE_WINDOW
        return None


def kind_names(spec: ConsentSpec) -> dict[str, str]:
    """Alias key -> kind key (see :func:`consent_kind`), from the profile's `kind_aliases` (checked
    when it loads)."""
    names: dict[str, str] = {}
    for kind, aliases in spec.kind_aliases.items():
        for alias in aliases:
            alias_key, kind_name = consent_kind(alias), consent_kind(kind)
            if alias_key and kind_name:  # always: the profile refuses blank kinds and aliases
                names[alias_key] = kind_name
    return names


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)
