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
        self.thresholds = profile.thresholds
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
                deadline = Deadline(self.spec.time_budget_seconds)
                units = self._units(record)
                if sum(len(unit.text) for unit in units) > self.spec.max_chars:
                    record.deadline = deadline
                    deadline.pause()
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
            view = normalized_view(text_field.text)
            units += [Window(record, text_field, view, offset, piece)
                      for offset, piece in windows(view.text, self.spec.max_chars, self.spec.window_overlap)]
        return units

    def _analyze_shared(self, units: list[Window]) -> None:
        """Windows of short records (each record's in a row), through one spaCy pass; a record's
        budget runs from its first window's recognizers to its last's."""
        previous = None
        for unit, nlp_artifacts in zip(units, self._artifacts(units)):
            if unit.record is not previous:
                if previous is not None:
                    previous.deadline.pause()
                previous = unit.record
                previous.deadline = Deadline(self.spec.time_budget_seconds)
            self.analyze_window(unit, nlp_artifacts)
        if previous is not None:
            previous.deadline.pause()

    def _analyze_alone(self, units: list[Window]) -> None:
        """The windows of one long record, about a window's worth of text through spaCy at a
        time, the record's budget (spaCy's time included) checked between them."""
        record = units[0].record
        record.deadline.resume()
        slices, size = [[]], 0
        for unit in units:
            if size + len(unit.text) > self.spec.max_chars and slices[-1]:
                slices.append([])
                size = 0
            slices[-1].append(unit)
            size += len(unit.text)
        for piece in slices:
            if not self._within_budget(record, "spaCy"):
                break
            for unit, nlp_artifacts in zip(piece, self._artifacts(piece)):
                self.analyze_window(unit, nlp_artifacts)
        record.deadline.pause()

    def _artifacts(self, units: list[Window]) -> list:
        """spaCy's analysis of each window, in one pass when it can be."""
        try:
            return list(self.engine.artifacts(unit.text for unit in units))
        except Exception:  # one bad text must not take its batch with it: retry one by one
            return [self._artifacts_alone(unit) for unit in units]

    def analyze_window(self, unit: Window, nlp_artifacts) -> None:
        """Add one window's findings to its field, in the original text's offsets."""
        record = unit.record
        if not self._within_budget(record, unit.field.name):
            return
        try:
            results = self.engine.analyze(unit.text, nlp_artifacts, self.allow_list, record.deadline)
        except BudgetExceeded as exc:
            record.quarantine(errors.TIME_BUDGET, f"{unit.field.name}: {exc}")
            return
        except Exception as exc:
            record.quarantine(errors.ANALYSIS_FAILED,
                              f"{unit.field.name}: {type(exc).__name__} in analysis")
            return
        unit.field.findings += [self._finding(r, unit) for r in results if self._passes(r)]

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

    def _artifacts_alone(self, unit: Window):
        try:
            return next(self.engine.artifacts([unit.text]))
        except Exception as exc:
            unit.record.quarantine(errors.ANALYSIS_FAILED, f"{type(exc).__name__} in spaCy")
            return None

    def _passes(self, result: RecognizerResult) -> bool:
        threshold = self.thresholds.per_entity.get(result.entity_type, self.thresholds.default)
        return result.score >= threshold

    @staticmethod
    def _finding(result: RecognizerResult, unit: Window) -> Finding:
        metadata = result.recognition_metadata or {}
        start, end = unit.view.original_span(result.start + unit.offset, result.end + unit.offset)
        return Finding(
            entity_type=result.entity_type, start=start, end=end,
            score=round(float(result.score), 4),
            recognizer=metadata.get(RecognizerResult.RECOGNIZER_NAME_KEY, "unknown"),
        )
