"""Evaluate a profile on labelled text: how much personal data leaks, how much harmless text goes.

- `gold`: reading and checking gold files (`{"id", "text", "spans": [{"start", "end", "label"}]}`);
- `systems`: the systems under test (a profile, stock Presidio), each turning every gold text into
  `Detection`s from its records' findings: a finding's type and span, and what its operator removed;
- `metrics`: leaks, over-redaction, false-positive runs and confusion, from those offsets alone,
  never from output text, so any operator is scored alike;
- `report`: the table and the leaked spans for a person, the gates for CI.
"""

from redact.evaluate.gold import GOLD_LABELS, IGNORE, GoldError, GoldRecord, GoldSpan, load_gold
from redact.evaluate.metrics import NO_FINDING, Detection, Leak, Scorecard, score
from redact.evaluate.report import format_leaks, format_table, gate_failures, splice
from redact.evaluate.systems import (
    BASELINES,
    PresidioBaseline,
    detection_from_finding,
    evaluate_presidio,
    evaluate_profile,
    replaced_spans,
)

__all__ = [
    "BASELINES", "GOLD_LABELS", "IGNORE", "NO_FINDING", "Detection", "GoldError", "GoldRecord", "GoldSpan", "Leak",
    "PresidioBaseline", "Scorecard", "detection_from_finding", "evaluate_presidio", "evaluate_profile",
    "format_leaks", "format_table", "gate_failures", "load_gold", "replaced_spans", "score", "splice",
]
