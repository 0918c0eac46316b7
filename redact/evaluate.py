"""Evaluate a profile on labelled text: how much personal data leaks, how much harmless text goes.

A gold file holds one JSON object a line, `{"id", "text", "spans": [{"start", "end", "label"}]}`
(the format of ../shared/eval/README.md). Each system under test (a profile, and optionally stock
Presidio as a baseline) turns every gold text into `Detection`s: a finding's type and span, and
the characters its operator actually removed. The metrics are computed from those offsets alone,
never from output text, so any operator is scored alike:

- leaked: a gold span with any letter or digit that no detection removed. A quarantined record
  counts as leaking all its spans (fail-closed accounting: the metric never rewards a crash);
- over_redaction: share of removed letters and digits lying outside every gold and IGNORE span;
- fp_runs: detections that removed letters or digits and touch no gold or IGNORE span;
- confusion: per gold label, how many of its spans a finding of each type overlaps.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from redact import jsonline
from redact.errors import RedactError
from redact.offline import use_bundled_suffix_list
from redact.operators import mask_indices
from redact.profile import MaskOp, Profile
from redact.record import QUARANTINED
from redact.stages.read import numbered_lines, open_input

GOLD_LABELS = ("PERSON", "EMAIL", "PHONE", "HANDLE", "PROFILE_URL", "ADDRESS", "CARD", "IBAN", "IP", "ID")
IGNORE = "IGNORE"
NO_FINDING = "(none)"  # confusion column for gold spans no finding overlaps
BASELINES = ("presidio",)
MAX_PROBLEMS_SHOWN = 20


class GoldError(RedactError):
    """A gold file cannot be used; lists every problem found, with its line number."""

    def __init__(self, source: str, problems: list[str]):
        self.problems = problems
        shown = problems[:MAX_PROBLEMS_SHOWN]
        more = len(problems) - len(shown)
        lines = [f"gold file {source} has {len(problems)} problem(s):"] + [f"  - {p}" for p in shown]
        if more:
            lines.append(f"  ... and {more} more")
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class GoldSpan:
    """A labelled span of a gold text; end exclusive."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class GoldRecord:
    """One labelled text."""

    id: str
    text: str
    spans: tuple[GoldSpan, ...]


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


# --- reading the gold file -------------------------------------------------------------------

def load_gold(path: str | Path) -> list[GoldRecord]:
    """Read a gold JSONL file; raises GoldError listing every problem, with line numbers."""
    records, problems, seen = [], [], set()
    with open_input(path) as stream:
        for number, raw in numbered_lines(stream):
            if not raw.strip():
                continue
            try:
                record = gold_record(jsonline.loads(raw))
            except (jsonline.LineError, ValueError) as exc:
                problems.append(f"line {number}: {exc}")
                continue
            if record.id in seen:
                problems.append(f"line {number}: id '{record.id}' appears twice")
            seen.add(record.id)
            records.append(record)
    if problems:
        raise GoldError(str(path), problems)
    return records


def gold_record(data: object) -> GoldRecord:
    """Check one parsed gold object; raises ValueError saying what is wrong."""
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    text, record_id, spans = data.get("text"), data.get("id"), data.get("spans")
    if not isinstance(text, str):
        raise ValueError("'text' is missing or not a string")
    if isinstance(record_id, bool) or not isinstance(record_id, (str, int)):
        raise ValueError("'id' is missing or not a string")
    if not isinstance(spans, list):
        raise ValueError("'spans' is missing or not a list")
    return GoldRecord(str(record_id), text, tuple(gold_span(s, len(text)) for s in spans))


def gold_span(data: object, length: int) -> GoldSpan:
    """Check one gold span against its text's length."""
    if not isinstance(data, dict):
        raise ValueError("a span is not an object")
    start, end, label = data.get("start"), data.get("end"), data.get("label")
    if label not in GOLD_LABELS and label != IGNORE:
        raise ValueError(f"unknown label {label!r}; labels: {', '.join(GOLD_LABELS + (IGNORE,))}")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length):
        raise ValueError(f"span {start}-{end} is not inside the text (length {length})")
    return GoldSpan(start, end, label)


# --- the metrics, per record -----------------------------------------------------------------

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


def confusion(spans: Iterable[GoldSpan], detections: list[Detection]) -> dict[str, Counter]:
    """Per gold label, how many of its spans a finding of each type overlaps (keep included)."""
    table: dict[str, Counter] = defaultdict(Counter)
    for span in spans:
        if span.label == IGNORE:
            continue
        types = {d.entity_type for d in detections if d.start < span.end and span.start < d.end}
        table[span.label].update(types or {NO_FINDING})
    return table


# --- the metrics, over a whole run -----------------------------------------------------------

@dataclass
class Scorecard:
    """The metrics of one system over a gold set, accumulated record by record."""

    system: str
    records: int = 0
    quarantined: int = 0
    gold: Counter = field(default_factory=Counter)
    leaked: Counter = field(default_factory=Counter)
    removed: int = 0
    over_removed: int = 0
    fp_runs: int = 0
    confusion: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
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

    def as_dict(self) -> dict:
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


# --- the systems under test ------------------------------------------------------------------

def for_evaluation(profile: Profile) -> Profile:
    """The profile reading a gold record's `id` and `text` only, and reporting each finding's
    operator; its other settings unchanged."""
    record = profile.record.model_copy(update={"id_field": "id", "text_fields": ["text"]})
    report = profile.report.model_copy(update={"operators": True})
    return profile.model_copy(update={"record": record, "report": report})


def profile_detections(redactor, gold: list[GoldRecord]) -> Iterator[list[Detection] | None]:
    """Run a Redactor over the gold texts, batched; None for each record it quarantined."""
    objects = ({"id": record.id, "text": record.text} for record in gold)
    for record, (_, report) in zip(gold, redactor.redact_records(objects)):
        if report["status"] == QUARANTINED:
            yield None
            continue
        findings = report.get("fields", {}).get("text", [])
        yield [detection_from_finding(f, redactor.profile, record.text) for f in findings]


def detection_from_finding(finding: dict, profile: Profile, text: str) -> Detection:
    """A report finding in `text` as a Detection: what its operator removed, from the profile's
    settings (a partial mask removes from its first to its last masked letter or digit)."""
    start, end, entity_type = finding["start"], finding["end"], finding["type"]
    operator = finding["operator"]
    if operator == "keep":
        return Detection(entity_type, start, end, start, start)
    spec = profile.operator_for(entity_type)
    if operator == "mask" and isinstance(spec, MaskOp) and spec.chars_to_mask is not None:
        masked = mask_indices(text[start:end], spec.chars_to_mask, spec.from_end)
        cut = (start + masked[0], start + masked[-1] + 1) if masked else (start, start)
        return Detection(entity_type, start, end, *cut)
    return Detection(entity_type, start, end, start, end)


def evaluate_profile(profile: Profile, gold: list[GoldRecord], key: bytes | None = None) -> Scorecard:
    """Score a profile on a gold set, reading only each record's `text`."""
    from redact.redactor import Redactor  # late: loads spaCy and Presidio

    started = time.perf_counter()
    redactor = Redactor(for_evaluation(profile), key)
    card = score(profile.name, gold, profile_detections(redactor, gold))
    card.seconds = time.perf_counter() - started
    return card


class PresidioBaseline:
    """Stock Presidio: every default recognizer, the given spaCy model, the default replace.

    Built the way Presidio's documentation builds it, so its row is what a user of plain Presidio
    would get from the same model, measured in the same run on the same texts.
    """

    name = "presidio"

    def __init__(self, model: str, batch_size: int = 64):
        use_bundled_suffix_list()  # Presidio's e-mail and URL checks would fetch a suffix list
        import logging

        from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
        from presidio_anonymizer import AnonymizerEngine

        logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
        config = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]}
        nlp_engine = NlpEngineProvider(nlp_configuration=config).create_engine()
        self.analyzer = BatchAnalyzerEngine(AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["en"]))
        self.anonymizer = AnonymizerEngine()
        self.batch_size = batch_size

    def detections(self, texts: list[str]) -> Iterator[list[Detection]]:
        """What the default replace removed from each text, in input offsets."""
        results = self.analyzer.analyze_iterator(texts, language="en", batch_size=self.batch_size)
        for text, found in zip(texts, results, strict=True):
            yield replaced_spans(self.anonymizer, text, found)


def replaced_spans(anonymizer, text: str, results: list) -> list[Detection]:
    """The spans Presidio's default replace removes, after its own conflict handling and merging.

    The `keep` operator leaves the text as it is, so its items carry input offsets; conflict
    handling and merging do not depend on the operator, so the default replace run replaces the
    same spans (checked by count: its `<TYPE>` texts can differ where merged types differ).
    """
    from presidio_anonymizer.entities import OperatorConfig

    kept = anonymizer.anonymize(text, results, {"DEFAULT": OperatorConfig("keep")})
    replaced = anonymizer.anonymize(text, results)
    if len(kept.items) != len(replaced.items):
        raise RuntimeError("Presidio's keep and replace runs disagree on the spans replaced")
    spans = sorted((item.start, item.end, item.entity_type) for item in kept.items)
    return [Detection(t, s, e, s, e) for s, e, t in spans]


def splice(text: str, spans: list[tuple[int, int, str]]) -> str:
    """The text with each (start, end, type) span replaced by `<type>`; spans sorted, disjoint."""
    out, position = [], 0
    for start, end, entity_type in spans:
        out += [text[position:start], f"<{entity_type}>"]
        position = end
    return "".join(out) + text[position:]


def evaluate_presidio(model: str, gold: list[GoldRecord], batch_size: int = 64) -> Scorecard:
    """Score stock Presidio with the given spaCy model on a gold set."""
    started = time.perf_counter()
    baseline = PresidioBaseline(model, batch_size)
    card = score(baseline.name, gold, baseline.detections([r.text for r in gold]))
    card.seconds = time.perf_counter() - started
    return card


# --- for a person, and for CI ----------------------------------------------------------------

def format_table(cards: list[Scorecard]) -> str:
    """One row per system: leak_rate, over_redaction, fp_runs, then leaked/gold per label."""
    labels = labels_in(label for card in cards for label in card.gold)
    header = ["system", "leak_rate", "over_redaction", "fp_runs", "quarantined"] + labels
    rows = [header] + [
        [card.system, f"{card.leak_rate:.3f}", f"{card.over_redaction:.3f}", str(card.fp_runs),
         str(card.quarantined)] + [f"{card.leaked[label]}/{card.gold[label]}" for label in labels]
        for card in cards
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
        for row in rows
    )


def format_leaks(card: Scorecard, limit: int) -> str:
    """Up to `limit` leaked spans with their text: for labelled development data only."""
    lines = [f"{x.record_id}\t{x.label}\t{x.start}-{x.end}\t{x.text!r}" for x in card.leaks[:limit]]
    if len(card.leaks) > limit:
        lines.append(f"... {len(card.leaks) - limit} more leaked span(s)")
    return "\n".join(lines)


def gate_failures(card: Scorecard, max_leak_rate: float | None, max_over_redaction: float | None) -> list[str]:
    """One line per exceeded gate, empty when the scorecard passes."""
    failures = []
    if max_leak_rate is not None and card.leak_rate > max_leak_rate:
        failures.append(f"leak_rate {card.leak_rate:.4f} is above --max-leak-rate {max_leak_rate}")
    if max_over_redaction is not None and card.over_redaction > max_over_redaction:
        failures.append(f"over_redaction {card.over_redaction:.4f} is above --max-over-redaction "
                        f"{max_over_redaction}")
    return failures
