"""The scorecards for a person (a table, the leaked spans) and for CI (the gates)."""

from __future__ import annotations

from redact.evaluate.metrics import Scorecard, labels_in


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


def splice(text: str, spans: list[tuple[int, int, str]]) -> str:
    """The text with each (start, end, type) span replaced by `<type>`; spans sorted, disjoint."""
    out, position = [], 0
    for start, end, entity_type in spans:
        out += [text[position:start], f"<{entity_type}>"]
        position = end
    return "".join(out) + text[position:]
