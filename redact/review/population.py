"""The population a review samples from: every record a run wrote, joined from its report and output.

The report has one line per input line; the output holds only the records written (clean or
redacted), in input order, so the n-th written report line is the n-th output line. Quarantined
and dropped records have no output text and are never sampled, but are counted for the summary.
"""

from __future__ import annotations

import copy
import math
import re
import statistics
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redact import jsonline
from redact.errors import RedactError
from redact.profile import Profile
from redact.record import CLEAN, REDACTED, path_name, value_at
from redact.review.consistency import input_mismatch, output_mismatch
from redact.stages.read import FieldError, Read, numbered_lines, open_input

WRITTEN = (CLEAN, REDACTED)
SCORE_BINS = 10


# One part of a value's address as the report writes it: a key, or an index in brackets.
ADDRESS_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@dataclass
class ReviewRecord:
    """One written record as a reviewer sees it: report facts first, texts once it is sampled."""

    id: str
    line: int
    status: str
    findings: dict[str, list[dict[str, Any]]]
    kind: str | None = None
    chars: int = 0
    output_line: int = 0
    texts: dict[str, str] = field(default_factory=dict)
    originals: dict[str, str] = field(default_factory=dict)
    items_dropped: tuple[str, ...] = ()  # paths of the items consent removed (`comments[0]`)

    @property
    def types(self) -> list[str]:
        """The entity types found in the record, sorted."""
        return sorted({f["type"] for found in self.findings.values() for f in found})

    def all_findings(self) -> Iterator[dict[str, Any]]:
        """Every finding of every field."""
        for found in self.findings.values():
            yield from found


@dataclass
class RunFacts:
    """What the whole report says, for the page's summary: statuses, types and scores."""

    statuses: Counter = field(default_factory=Counter)
    findings_by_type: Counter = field(default_factory=Counter)
    records_by_type: Counter = field(default_factory=Counter)
    score_bins: list[int] = field(default_factory=lambda: [0] * SCORE_BINS)
    median_chars: float = 0.0

    def add(self, report_line: dict[str, Any]) -> None:
        """Count one report line."""
        self.statuses[report_line.get("status", "?")] += 1
        found = [f for fs in (report_line.get("fields") or {}).values() for f in fs]
        for finding in found:
            self.findings_by_type[finding["type"]] += 1
            if isinstance(finding.get("score"), (int, float)):
                self.score_bins[min(int(finding["score"] * SCORE_BINS), SCORE_BINS - 1)] += 1
        self.records_by_type.update({f["type"] for f in found})


def load_population(report: Path, output: Path, profile: Profile) -> tuple[list[ReviewRecord], RunFacts]:
    """Every written record (with its kind and text length, not its text) and the run's counts.

    Raises RedactError when the output does not line up with the report: another record at a
    written record's place, or texts the report's spans do not fit (consistency.py).
    """
    facts = RunFacts()
    population: list[ReviewRecord] = []
    reader = Read(profile.record)
    with open_input(str(output)) as out_stream:
        outputs = numbered_lines(out_stream)
        for report_line in _report_lines(report):
            facts.add(report_line)
            if report_line.get("status") not in WRITTEN:
                continue
            record = ReviewRecord(id=str(report_line["id"]), line=int(report_line["line"]),
                                  status=report_line["status"], findings=report_line.get("fields") or {},
                                  items_dropped=tuple(str(item.get("path")) for item in
                                                      report_line.get("comments_dropped") or ()))
            data = _matching_output(outputs, record, output, profile.record.id_field)
            kind = data.get("kind")
            record.kind = kind if isinstance(kind, str) else None
            texts = _texts(reader, data)
            _refuse(output_mismatch(record.findings, texts, profile), f"{output}:{record.output_line}",
                    record, "output of the same run and profile")
            record.chars = sum(len(t) for t in texts.values())
            population.append(record)
        if next(outputs, None) is not None:
            raise RedactError(f"{output} has more records than {report} reports as written: "
                              f"is it the output of the same run?")
    facts.median_chars = statistics.median(r.chars for r in population) if population else 0.0
    return population, facts


def attach_texts(records: list[ReviewRecord], output: Path, profile: Profile,
                 input: Path | None = None) -> None:
    """Read the redacted texts of the given records (and their originals when `input` is given).

    Raises RedactError when the input's record at a sampled record's line has another id, texts
    that differ from the output outside the report's spans, or the input ends before it: the page
    would show someone else's text behind "reveal".
    """
    reader = Read(profile.record)
    _read_lines(output, {r.output_line: r for r in records},
                lambda record, data, number: setattr(record, "texts", _texts(reader, data)))
    if input is None:
        return

    def take_original(record: ReviewRecord, data: Any, number: int) -> None:
        found = value_at(data, profile.record.id_field)
        if found is None or str(found) != record.id:
            raise RedactError(f"{input}:{number} holds id {found!r} where the report has "
                              f"{record.id!r} at input line {record.line}: is it the input of the same run?")
        record.originals = _texts(reader, _without(data, record.items_dropped))
        _refuse(input_mismatch(record.findings, record.originals, record.texts), f"{input}:{number}",
                record, "input of the same run")

    unread = _read_lines(input, {r.line: r for r in records}, take_original)
    if unread:
        first = min(unread, key=lambda r: r.line)
        raise RedactError(f"{input} ends before line {first.line}, where the report has the record "
                          f"{first.id!r}: is it the input of the same run?")


def _read_lines(path: Path, wanted: dict[int, ReviewRecord], take) -> list[ReviewRecord]:
    """Call take(record, parsed line, line number) for each wanted line; the records not found."""
    left = dict(wanted)
    with open_input(str(path)) as stream:
        for number, raw in numbered_lines(stream):
            if not left:
                break
            if number in left:
                take(left.pop(number), _parse(raw, path, number), number)
    return list(left.values())


def _refuse(mismatch: str | None, where: str, record: ReviewRecord, same: str) -> None:
    """Raise RedactError when a file does not fit the report's record (a stale report, another run)."""
    if mismatch:
        raise RedactError(f"{where} does not fit the report's record {record.id!r} (input line "
                          f"{record.line}): {mismatch}; is it the {same}?")


def _report_lines(report: Path) -> Iterator[dict[str, Any]]:
    with open_input(str(report)) as stream:
        for number, raw in numbered_lines(stream):
            line = _parse(raw, report, number)
            if "id" not in line or "line" not in line:
                raise RedactError(f"{report}:{number} is not a report line (no id or line)")
            yield line


def _matching_output(outputs: Iterator, record: ReviewRecord, output: Path, id_field: str) -> dict:
    item = next(outputs, None)
    if item is None:
        raise RedactError(f"{output} ends before the record {record.id!r} (input line {record.line}) "
                          f"the report says was written: is it the output of the same run?")
    number, raw = item
    data = _parse(raw, output, number)
    node = value_at(data, id_field)
    if str(node) != record.id:
        raise RedactError(f"{output}:{number} holds id {node!r} where the report has {record.id!r} "
                          f"(input line {record.line}): is it the output of the same run and profile?")
    record.output_line = number
    return data


def _texts(reader: Read, data: Any) -> dict[str, str]:
    if not isinstance(data, dict):
        return {}
    try:
        return {f.name: f.text for f in reader.text_fields(data)}
    except FieldError:
        return {}


def _without(data: Any, paths: tuple[str, ...]) -> Any:
    """A copy of an input object without the items consent removed from it (`comments[0]`, as the
    report names them), so that its texts are named as the output's are; `data` when none."""
    if not paths:
        return data
    data = copy.deepcopy(data)
    addresses = [tuple(int(index) if index else key for key, index in ADDRESS_PART.findall(path)) for path in paths]
    for address in sorted(addresses, reverse=True):  # later list elements first, as consent removed them
        parent: Any = data
        try:
            for key in address[:-1]:
                parent = parent[key]
            del parent[address[-1]]
        except (KeyError, IndexError, TypeError):
            raise RedactError(f"the report says consent removed {path_name(address)}, which the input "
                              "record does not hold: is it the input of the same run?") from None
    return data


def _parse(raw: bytes, path: Path, number: int) -> Any:
    """One line of a run's input, output or report, read as the run read its input (numbers
    beyond a double, `1E+400`, are JSON a run writes as it read them)."""
    try:
        return jsonline.loads(raw)
    except jsonline.LineError as exc:
        raise RedactError(f"{path}:{number} is not JSON ({exc.detail})") from None


def rarity(facts: RunFacts, population_size: int) -> dict[str, float]:
    """Each entity type's rarity in [0, 1]: log(N / records holding it) / log(N)."""
    if population_size < 2:
        return {t: 0.0 for t in facts.records_by_type}
    scale = math.log(population_size)
    return {t: max(0.0, min(1.0, math.log(population_size / c) / scale))
            for t, c in facts.records_by_type.items()}
