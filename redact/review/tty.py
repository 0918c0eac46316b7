"""The sampled records in a terminal: replacements in colour, the entity type after each one.

Texts are printed with control characters made visible, so a record cannot drive the terminal
(an ESC sequence in a post stays text). Original texts are never printed here.
"""

from __future__ import annotations

from typing import Any

from redact.review.sample import PROPAGATED, Draw

RESET = "\x1b[0m"
MARK = "\x1b[30;43m"          # black on yellow
MARK_PROPAGATED = "\x1b[30;45m"
DIM = "\x1b[2m"
BOLD = "\x1b[1m"


def render_tty(draws: list[Draw], colour: bool = True) -> str:
    """Every sampled record, numbered, as terminal text."""
    return "\n".join(render_record(i, draw, colour) for i, draw in enumerate(draws, start=1))


def render_record(number: int, draw: Draw, colour: bool = True) -> str:
    """One record: a header line, then each text field with its replacements marked."""
    record = draw.record
    style = _Style(colour)
    lines = [style.bold(f"#{number} {visible(record.id)}") + style.dim(
        f"  line {record.line} · {record.status} · stratum {visible(draw.stratum)} · weight {draw.weight:.3g}")]
    for name, text in record.texts.items():
        lines.append(style.dim(f"  {visible(name)}: ") + mark_text(text, record.findings.get(name, []), style))
    return "\n".join(lines) + "\n"


def mark_text(text: str, findings: list[dict[str, Any]], style: _Style) -> str:
    """The redacted text with each replacement (out_start/out_end) coloured and labelled."""
    parts, at = [], 0
    for finding in sorted(findings, key=lambda f: (f.get("out_start") or 0, f.get("out_end") or 0)):
        start, end = finding.get("out_start"), finding.get("out_end")
        if not isinstance(start, int) or not isinstance(end, int) or start < at or end > len(text):
            continue
        parts.append(visible(text[at:start]))
        parts.append(style.mark(visible(text[start:end]), finding.get("recognizer") == PROPAGATED))
        if text[start:end] != f"<{finding.get('type')}>":  # say what a pseudonym or mask stands for
            parts.append(style.dim(f"[{finding.get('type')}]"))
        at = end
    parts.append(visible(text[at:]))
    return "".join(parts)


def visible(text: str) -> str:
    """The text with control characters (ESC, BEL, newlines, ...) escaped."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in text)


class _Style:
    def __init__(self, colour: bool):
        self.colour = colour

    def _wrap(self, code: str, text: str) -> str:
        return f"{code}{text}{RESET}" if self.colour else text

    def mark(self, text: str, propagated: bool = False) -> str:
        return self._wrap(MARK_PROPAGATED if propagated else MARK, text) if self.colour else f"[[{text}]]"

    def dim(self, text: str) -> str:
        return self._wrap(DIM, text)

    def bold(self, text: str) -> str:
        return self._wrap(BOLD, text)
