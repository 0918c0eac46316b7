"""Analyze: find entities in every text field, spaCy running over whole batches through nlp.pipe.

Recognizers read the normalised view of each text (`redact.normalize`: invisible characters out,
compatibility forms folded), and each finding is mapped back to the span of the original text it
came from before it is stored, so later stages work in the original's offsets.

A text longer than `record.max_chars` is analysed in windows that overlap by
`record.window_overlap` characters, cut at white space, so that an entity on a boundary is found
whole in one of them; the resolve stage merges what two windows both found.

Each record gets a `Deadline` of `record.time_budget_seconds`, checked between windows and
between recognizers and bounding every pattern's regex; a record that runs out is quarantined
(`time_budget`). A record with more text than one window is analysed on its own, its budget
covering its spaCy passes too; the others share one spaCy pass per batch and their budget starts
after it (their share of it is bounded by `max_chars`).

Each field is analysed by the engine of the language it was identified in (`redact.languages`):
a batch's windows are grouped by language, and each group goes through its own spaCy pipeline
once, so no text meets the model of another language.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from presidio_analyzer import RecognizerResult

from redact import errors
from redact.budget import BudgetExceeded, Deadline
from redact.engine import Engine
from redact.normalize import View, normalized_view
from redact.profile import Thresholds
from redact.record import Finding, Record, TextField

RECORDS_PER_BATCH = 256


@dataclass
class Window:
    """A piece of one text field, analysed on its own."""

    record: Record
    field: TextField
    view: View
    offset: int
    text: str


def windows(text: str, size: int, overlap: int) -> list[tuple[int, str]]:
    """(offset, piece) covering `text`; pieces end at white space where one is near the limit."""
    if len(text) <= size:
        return [(0, text)]
    pieces, start = [], 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            cut = text.rfind(" ", start + size // 2, end)
            end = cut if cut > 0 else end
        pieces.append((start, text[start:end]))
        if end >= len(text):
            break
        start = max(end - overlap, start + 1)
        space = text.find(" ", start, end)
        start = space + 1 if 0 <= space < end else start
    return pieces


class Analyze:
    """Add to each live record the findings above the profile's thresholds."""

    def __init__(self, engine: Engine):
        self.engine = engine
        profile = engine.profile
        self.allow_list = profile.allow_list or None
        self.spec = profile.record

    def run(self, records: Iterator[Record]) -> Iterator[Record]:
        """Analyse records in batches; yield them in their input order."""
        while batch := list(islice(records, RECORDS_PER_BATCH)):
            self.analyze_batch(batch)
            yield from batch

    def analyze_batch(self, batch: list[Record]) -> None:
        """Analyse every text field of the live records of a batch."""
        shared, alone = [], []
        for record in batch:
            if record.live:
                units = self._units(record)
                if sum(len(unit.text) for unit in units) > self.spec.max_chars:
                    record.deadline = Deadline(self.spec.time_budget_seconds)
                    record.deadline.pause()
                    alone.append(units)
                else:
                    shared += units
        self._analyze_shared(shared)
        for units in alone:
            self._analyze_alone(units)

    def _units(self, record: Record) -> list[Window]:
        """The windows of every text field of a record, over the fields' normalised views."""
        units = []
        for text_field in record.fields:
            view = text_field.view = normalized_view(text_field.text, separate_scripts=True)
            units += [Window(record, text_field, view, offset, piece)
                      for offset, piece in windows(view.text, self.spec.max_chars, self.spec.window_overlap)]
        return units

    def _analyze_shared(self, units: list[Window]) -> None:
        """Windows of short records, through one spaCy pass per language; a record's budget runs
        while its windows' recognizers do (its windows are in a row within each language)."""
        for engine, group in self._by_language(units):
            previous: Record | None = None
            for unit, nlp_artifacts in zip(group, self._artifacts(engine, group)):
                if unit.record is not previous:
                    if previous is not None:
                        _deadline(previous).pause()
                    previous = unit.record
                    self._start_clock(previous)
                self.analyze_window(unit, nlp_artifacts, engine)
            if previous is not None:
                _deadline(previous).pause()

    def _start_clock(self, record: Record) -> None:
        if record.deadline is None:
            record.deadline = Deadline(self.spec.time_budget_seconds)
        else:  # its fields in another language were analysed first: the same budget goes on
            record.deadline.resume()

    def _analyze_alone(self, units: list[Window]) -> None:
        """The windows of one long record, about a window's worth of text through spaCy at a
        time, the record's budget (spaCy's time included) checked between them."""
        record = units[0].record
        _deadline(record).resume()
        slices: list[list[Window]] = [[]]
        size = 0
        for unit in units:
            if size + len(unit.text) > self.spec.max_chars and slices[-1]:
                slices.append([])
                size = 0
            slices[-1].append(unit)
            size += len(unit.text)
        for piece in slices:
            if not self._within_budget(record, "spaCy"):
                break
            for engine, group in self._by_language(piece):
                for unit, nlp_artifacts in zip(group, self._artifacts(engine, group)):
                    self.analyze_window(unit, nlp_artifacts, engine)
        _deadline(record).pause()

    def _by_language(self, units: list[Window]) -> list[tuple[Engine, list[Window]]]:
        """The windows grouped by the engine of their field's language, each group in input
        order: every text goes through one spaCy pipeline once."""
        groups: dict[str | None, list[Window]] = {}
        for unit in units:
            groups.setdefault(unit.field.analysed_as, []).append(unit)
        return [(self.engine.for_language(lang), group) for lang, group in groups.items()]

    def _artifacts(self, engine: Engine, units: list[Window]) -> list:
        """spaCy's analysis of each window, in one pass when it can be."""
        try:
            return list(engine.artifacts(unit.text for unit in units))
        except Exception:  # one bad text must not take its batch with it: retry one by one
            return [self._artifacts_alone(engine, unit) for unit in units]

    def analyze_window(self, unit: Window, nlp_artifacts, engine: Engine | None = None) -> None:
        """Add one window's findings to its field, in the original text's offsets."""
        engine = engine or self.engine
        record = unit.record
        if not self._within_budget(record, unit.field.name):
            return
        if nlp_artifacts is not None and unit.field.lang is not None:
            nlp_artifacts.text_language = unit.field.lang  # hints for the phone recognizer
            nlp_artifacts.region_hint = record.region_hint
        try:
            results = engine.analyze(unit.text, nlp_artifacts, self.allow_list, record.deadline)
        except BudgetExceeded as exc:
            record.quarantine(errors.TIME_BUDGET, f"{unit.field.name}: {exc}")
            return
        except Exception as exc:
            record.quarantine(errors.ANALYSIS_FAILED,
                              f"{unit.field.name}: {type(exc).__name__} in analysis")
            return
        thresholds = engine.profile.thresholds
        unit.field.findings += [self._finding(r, unit) for r in results if _passes(r, thresholds)]

    @staticmethod
    def _within_budget(record: Record, where: str) -> bool:
        """False, with the record quarantined, when it is no longer live or out of time."""
        if not record.live:
            return False
        try:
            if record.deadline is not None:
                record.deadline.check(where)
        except BudgetExceeded as exc:
            record.quarantine(errors.TIME_BUDGET, str(exc))
            return False
        return True

    @staticmethod
    def _artifacts_alone(engine: Engine, unit: Window):
        try:
            return next(engine.artifacts([unit.text]))
        except Exception as exc:
            unit.record.quarantine(errors.ANALYSIS_FAILED, f"{type(exc).__name__} in spaCy")
            return None

    @staticmethod
    def _finding(result: RecognizerResult, unit: Window) -> Finding:
        metadata = result.recognition_metadata or {}
        start, end = unit.view.original_span(result.start + unit.offset, result.end + unit.offset)
        return Finding(
            entity_type=result.entity_type, start=start, end=end,
            score=round(float(result.score), 4),
            recognizer=metadata.get(RecognizerResult.RECOGNIZER_NAME_KEY, "unknown"),
            evidence=metadata.get("evidence"),
        )


def _passes(result: RecognizerResult, thresholds: Thresholds) -> bool:
    """The result's score reaches its entity type's threshold, else the default one."""
    return result.score >= thresholds.per_entity.get(result.entity_type, thresholds.default)


def _deadline(record: Record) -> Deadline:
    """The record's deadline, which `_start_clock` set before any of its windows was analysed."""
    assert record.deadline is not None
    return record.deadline
