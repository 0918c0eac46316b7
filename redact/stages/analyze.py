"""Analyze: find entities in every text field, spaCy running over whole batches through nlp.pipe."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from presidio_analyzer import RecognizerResult

from redact import errors
from redact.engine import Engine
from redact.record import Finding, Record

RECORDS_PER_BATCH = 256


class Analyze:
    """Add to each live record the findings above the profile's thresholds."""

    def __init__(self, engine: Engine):
        self.engine = engine
        profile = engine.profile
        self.entities = profile.entities
        self.allow_list = profile.allow_list or None
        self.thresholds = profile.thresholds

    def run(self, records: Iterator[Record]) -> Iterator[Record]:
        """Analyse records in batches; yield them in their input order."""
        while batch := list(islice(records, RECORDS_PER_BATCH)):
            self.analyze_batch(batch)
            yield from batch

    def analyze_batch(self, batch: list[Record]) -> None:
        """Analyse every text field of the live records of a batch."""
        fields = [(r, f) for r in batch if r.live for f in r.fields]
        try:
            artifacts = list(self.engine.artifacts(f.text for _, f in fields))
        except Exception:  # one bad text must not take its batch with it: retry one by one
            artifacts = [self._artifacts_alone(r, f.text) for r, f in fields]
        for (record, text_field), nlp_artifacts in zip(fields, artifacts):
            if not record.live:
                continue
            try:
                results = self.engine.analyzer.analyze(
                    text_field.text, self.engine.language, entities=self.entities,
                    score_threshold=0.0, allow_list=self.allow_list, nlp_artifacts=nlp_artifacts,
                )
            except Exception as exc:
                record.quarantine(errors.ANALYSIS_FAILED,
                                  f"{text_field.name}: {type(exc).__name__} in analysis")
                continue
            text_field.findings = [self._finding(r) for r in results if self._passes(r)]

    def _artifacts_alone(self, record: Record, text: str):
        try:
            return next(self.engine.artifacts([text]))
        except Exception as exc:
            record.quarantine(errors.ANALYSIS_FAILED, f"{type(exc).__name__} in spaCy")
            return None

    def _passes(self, result: RecognizerResult) -> bool:
        threshold = self.thresholds.per_entity.get(result.entity_type, self.thresholds.default)
        return result.score >= threshold

    @staticmethod
    def _finding(result: RecognizerResult) -> Finding:
        metadata = result.recognition_metadata or {}
        return Finding(
            entity_type=result.entity_type, start=result.start, end=result.end,
            score=round(float(result.score), 4),
            recognizer=metadata.get(RecognizerResult.RECOGNIZER_NAME_KEY, "unknown"),
        )
