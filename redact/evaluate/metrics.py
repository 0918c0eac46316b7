"""The metrics, computed from offsets alone, never from output text, so any operator is scored alike:

- leaked: a gold span with any letter or digit that no detection removed. A quarantined record
  counts as leaking all its spans (fail-closed accounting: the metric never rewards a crash);
- over_redaction: share of removed letters and digits lying outside every gold and IGNORE span;
- fp_runs: detections that removed letters or digits and touch no gold or IGNORE span;
- confusion: per gold label, how many of its spans a finding of each type overlaps.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from redact.evaluate.gold import GOLD_LABELS, IGNORE, GoldRecord, GoldSpan

NO_FINDING = "(none)"  # confusion column for gold spans no finding overlaps


@dataclass(frozen=True)
class Detection:
    """A finding as the metrics see it: its type and span, and the characters its operator removed.

    `cut_start:cut_end` is the removed part of `start:end`: all of it for replace, redact and
    pseudonym, the masked part for a partial mask, nothing (cut_start == cut_end) for keep.
    """

    entity_type: str
    start: int
    end: int
    cut_start: int
    cut_end: int

    @property
    def redacts(self) -> bool:
        """True when the operator removed at least one character."""
        return self.cut_end > self.cut_start


@dataclass(frozen=True)
class Leak:
    """A gold span that kept a letter or digit; `text` is for --show-leaks, never for the JSON."""

    record_id: str
    label: str
    start: int
    end: int
    text: str


def removed_chars(length: int, detections: Iterable[Detection]) -> list[bool]:
    """True for each character of the text that some detection removed."""
    removed = [False] * length
    for detection in detections:
        for k in range(detection.cut_start, min(detection.cut_end, length)):
            removed[k] = True
    return removed


def labelled_chars(length: int, spans: Iterable[GoldSpan]) -> list[bool]:
    """True for each character inside a gold or IGNORE span."""
    labelled = [False] * length
    for span in spans:
        for k in range(span.start, span.end):
            labelled[k] = True
    return labelled


def is_leaked(text: str, span: GoldSpan, removed: list[bool]) -> bool:
    """True when any letter or digit of the span survived."""
    return any(text[k].isalnum() and not removed[k] for k in range(span.start, span.end))


def over_redaction_counts(text: str, spans: Iterable[GoldSpan], removed: list[bool]) -> tuple[int, int]:
    """(removed letters and digits, those of them outside every gold and IGNORE span)."""
    labelled = labelled_chars(len(text), spans)
    cut = [k for k, gone in enumerate(removed) if gone and text[k].isalnum()]
    return len(cut), sum(1 for k in cut if not labelled[k])


def false_positive_runs(text: str, spans: Iterable[GoldSpan], detections: Iterable[Detection]) -> int:
    """Detections that removed a letter or digit and touch no gold or IGNORE span."""
    labelled = labelled_chars(len(text), spans)
    count = 0
    for d in detections:
        cut = range(d.cut_start, d.cut_end)
        if any(text[k].isalnum() for k in cut) and not any(labelled[k] for k in cut):
            count += 1
    return count


def confusion(spans: Iterable[GoldSpan], detections: list[Detection]) -> dict[str, Counter[str]]:
    """Per gold label, how many of its spans a finding of each type overlaps (keep included)."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for span in spans:
        if span.label == IGNORE:
            continue
        types = {d.entity_type for d in detections if d.start < span.end and span.start < d.end}
        table[span.label].update(types or {NO_FINDING})
    return table


@dataclass
class Scorecard:
    """The metrics of one system over a gold set, accumulated record by record."""

    system: str
    records: int = 0
    quarantined: int = 0
    gold: Counter[str] = field(default_factory=Counter)
    leaked: Counter[str] = field(default_factory=Counter)
    removed: int = 0
    over_removed: int = 0
    fp_runs: int = 0
    confusion: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    leaks: list[Leak] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, record: GoldRecord, detections: list[Detection] | None) -> None:
        """Score one record; `None` means the system quarantined it, so every span leaked."""
        self.records += 1
        self.quarantined += detections is None
        removed = removed_chars(len(record.text), detections or [])
        for span in record.spans:
            if span.label == IGNORE:
                continue
            self.gold[span.label] += 1
            if detections is None or is_leaked(record.text, span, removed):
                self.leaked[span.label] += 1
                self.leaks.append(Leak(record.id, span.label, span.start, span.end,
                                       record.text[span.start:span.end]))
        if detections is None:
            return
        removed_count, over = over_redaction_counts(record.text, record.spans, removed)
        self.removed += removed_count
        self.over_removed += over
        self.fp_runs += false_positive_runs(record.text, record.spans, detections)
        for label, types in confusion(record.spans, detections).items():
            self.confusion[label].update(types)

    @property
    def leak_rate(self) -> float:
        """Share of gold spans leaked, all labels together."""
        total = sum(self.gold.values())
        return round(sum(self.leaked.values()) / total, 4) if total else 0.0

    @property
    def over_redaction(self) -> float:
        """Share of removed letters and digits that were outside every gold and IGNORE span."""
        return round(self.over_removed / self.removed, 4) if self.removed else 0.0

    def as_dict(self) -> dict[str, Any]:
        """Every metric, for --json; leaks by id and offsets only, never their text."""
        return {
            "system": self.system, "records": self.records, "quarantined": self.quarantined,
            "gold_spans": sum(self.gold.values()), "leaked": sum(self.leaked.values()),
            "leak_rate": self.leak_rate, "over_redaction": self.over_redaction,
            "removed_chars": self.removed, "over_removed_chars": self.over_removed,
            "fp_runs": self.fp_runs, "seconds": round(self.seconds, 2),
            "by_label": {
                label: {"gold": self.gold[label], "leaked": self.leaked[label],
                        "leak_rate": round(self.leaked[label] / self.gold[label], 4)}
                for label in labels_in(self.gold)
            },
            "confusion": {label: dict(self.confusion[label].most_common())
                          for label in labels_in(self.confusion)},
            "leaks": [{"id": x.record_id, "label": x.label, "start": x.start, "end": x.end}
                      for x in self.leaks],
        }


def labels_in(counts: Iterable[str]) -> list[str]:
    """The gold labels present, in the README's order."""
    present = set(counts)
    return [label for label in GOLD_LABELS if label in present]


def score(system: str, gold: list[GoldRecord], detections: Iterable[list[Detection] | None]) -> Scorecard:
    """Score a system's detections (one list, or None when quarantined, per gold record, in order)."""
    card = Scorecard(system)
    for record, found in zip(gold, detections, strict=True):
        card.add(record, found)
    return card
