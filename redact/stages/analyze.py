"""Analyze: find entities in every text field, spaCy running over whole batches through nlp.pipe.

A text longer than `record.max_chars` is analysed in windows that overlap by
`record.window_overlap` characters, cut at white space, so that an entity on a boundary is found
whole in one of them; the resolve stage merges what two windows both found.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from presidio_analyzer import RecognizerResult

from redact import errors
from redact.engine import Engine
from redact.profile import Thresholds
from redact.record import Finding, Record, TextField

RECORDS_PER_BATCH = 256


@dataclass
class Window:
    """A piece of one text field, analysed on its own."""

    record: Record
    field: TextField
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
        units = [
            Window(record, text_field, offset, piece)
            for record in batch if record.live
            for text_field in record.fields
            for offset, piece in windows(text_field.text, self.spec.max_chars, self.spec.window_overlap)
        ]
        spent: dict[int, float] = {}
        for engine, group in self._by_language(units):
            try:
                artifacts = list(engine.artifacts(unit.text for unit in group))
            except Exception:  # one bad text must not take its batch with it: retry one by one
                artifacts = [self._artifacts_alone(engine, unit) for unit in group]
            for unit, nlp_artifacts in zip(group, artifacts):
                if unit.record.live:
                    started = time.perf_counter()
                    self.analyze_window(unit, nlp_artifacts, engine)
                    spent[id(unit.record)] = spent.get(id(unit.record), 0.0) + time.perf_counter() - started
        self._enforce_budget(batch, spent)

    def _by_language(self, units: list[Window]) -> list[tuple[Engine, list[Window]]]:
        """The windows grouped by the engine of their field's language, each group in input
        order: every text goes through one spaCy pipeline once."""
        groups: dict[str | None, list[Window]] = {}
        for unit in units:
            groups.setdefault(unit.field.analysed_as, []).append(unit)
        return [(self.engine.for_language(lang), group) for lang, group in groups.items()]

    def analyze_window(self, unit: Window, nlp_artifacts, engine: Engine | None = None) -> None:
        """Add one window's findings to its field, in the field's offsets."""
        engine = engine or self.engine
        if nlp_artifacts is not None and unit.field.lang is not None:
            nlp_artifacts.text_language = unit.field.lang  # hints for the phone recognizer
            nlp_artifacts.region_hint = unit.record.region_hint
        try:
            results = engine.analyze(unit.text, nlp_artifacts, self.allow_list)
        except Exception as exc:
            unit.record.quarantine(errors.ANALYSIS_FAILED,
                                   f"{unit.field.name}: {type(exc).__name__} in analysis")
            return
        thresholds = engine.profile.thresholds
        unit.field.findings += [self._finding(r, unit.offset) for r in results if _passes(r, thresholds)]

    def _enforce_budget(self, batch: list[Record], spent: dict[int, float]) -> None:
        budget = self.spec.time_budget_seconds
        for record in batch:
            if record.live and spent.get(id(record), 0.0) > budget:
                record.quarantine(errors.TIME_BUDGET, f"analysis took more than {budget} s")

    def _artifacts_alone(self, engine: Engine, unit: Window):
        try:
            return next(engine.artifacts([unit.text]))
        except Exception as exc:
            unit.record.quarantine(errors.ANALYSIS_FAILED, f"{type(exc).__name__} in spaCy")
            return None


    @staticmethod
    def _finding(result: RecognizerResult, offset: int) -> Finding:
        metadata = result.recognition_metadata or {}
        return Finding(
            entity_type=result.entity_type, start=result.start + offset, end=result.end + offset,
            score=round(float(result.score), 4),
            recognizer=metadata.get(RecognizerResult.RECOGNIZER_NAME_KEY, "unknown"),
        )


def _passes(result: RecognizerResult, thresholds: Thresholds) -> bool:
    """The result's score reaches its entity type's threshold, else the default one."""
    return result.score >= thresholds.per_entity.get(result.entity_type, thresholds.default)
