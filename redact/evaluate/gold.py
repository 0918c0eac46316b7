"""Gold files: labelled texts, one JSON object a line, `{"id", "text", "spans": [{"start", "end", "label"}]}`
(the format of ../shared/eval/README.md), read and checked whole before anything is scored."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from redact import jsonline
from redact.errors import RedactError
from redact.stages.read import numbered_lines, open_input

GOLD_LABELS = ("PERSON", "EMAIL", "PHONE", "HANDLE", "PROFILE_URL", "ADDRESS", "CARD", "IBAN", "IP", "ID")
IGNORE = "IGNORE"
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


def load_gold(path: str | Path) -> list[GoldRecord]:
    """Read a gold JSONL file; raises GoldError listing every problem, with line numbers."""
    records: list[GoldRecord] = []
    problems: list[str] = []
    seen: set[str] = set()
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
