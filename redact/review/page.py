"""The review page: one self-contained HTML file (inline style, script and SVG; nothing fetched).

Every text is HTML-escaped. Original texts are embedded only when the caller passes them (the
`--input` option), only for the sampled records, and inside a <template> a reviewer must reveal.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from redact.review import assets, charts
from redact.review.population import RunFacts
from redact.review.sample import PROPAGATED, Draw

KEYS = [("j / k", "next / previous"), ("1", "ok"), ("2", "missed PII"), ("3", "over-redacted"),
        ("n", "note (Esc leaves it)"), ("r", "reveal original"), ("e", "export verdicts.jsonl")]


def render_page(draws: list[Draw], facts: RunFacts, design: dict[str, Any], sample_id: str) -> str:
    """The whole index.html for a sample."""
    body = "".join(render_record(i, draw) for i, draw in enumerate(draws, start=1))
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        'style-src \'unsafe-inline\'; script-src \'unsafe-inline\'; img-src data:">'
        f'<title>redact review: {escape(design["report"])}</title>'
        f'<style>{assets.STYLE}</style></head>'
        f'<body data-sample="{escape(sample_id)}">'
        f'{render_summary(facts, design, len(draws))}'
        f'{render_toolbar()}<main>{body}</main>'
        f'<script>{assets.SCRIPT}</script></body></html>\n')


def render_summary(facts: RunFacts, design: dict[str, Any], sampled: int) -> str:
    """The run's counts and charts, and how the sample was drawn."""
    by_type = facts.findings_by_type.most_common()
    statuses = sorted(facts.statuses.items(), key=lambda kv: -kv[1])
    text = (f'<p class="facts"><b>{sampled}</b> of {design["population"]} written records sampled '
            f'from <code>{escape(design["report"])}</code> (strategy <b>{escape(design["strategy"])}</b>, '
            f'seed {escape(str(design["seed"]))}). Judge each one: did personal data survive '
            f'(<b>missed PII</b>), was harmless text removed (<b>over-redacted</b>), or is it '
            f'<b>ok</b>? Export the verdicts, then run '
            f'<code>redact review score verdicts.jsonl --sheet sheet.jsonl</code>.</p>')
    return ('<header class="summary"><h1>redact review</h1>' + text
            + charts.bar_chart("Findings by entity type (whole run)", by_type)
            + charts.histogram("Finding scores (whole run)", facts.score_bins)
            + charts.bar_chart("Records by status (whole run)", statuses) + '</header>')


def render_toolbar() -> str:
    """Progress, export and the keyboard shortcuts, kept in view."""
    keys = " ".join(f"<kbd>{escape(k)}</kbd> {escape(what)}" for k, what in KEYS)
    return ('<div class="bar"><span id="progress"></span> '
            '<button id="export">export verdicts.jsonl</button> <button id="clear">clear</button> '
            f'<span class="keys">{keys}</span></div>')


def render_record(number: int, draw: Draw) -> str:
    """One sampled record: its redacted fields with every replacement marked, and verdict controls."""
    record = draw.record
    attributes = {"id": record.id, "line": record.line, "weight": repr(draw.weight),
                  "stratum": draw.stratum, "types": json.dumps(record.types)}
    data = " ".join(f'data-{k}="{escape(str(v))}"' for k, v in attributes.items())
    meta = (f'#{number} · id <b>{escape(record.id)}</b> · line {record.line} · {escape(record.status)}'
            f' · stratum {escape(draw.stratum)} · weight {draw.weight:.3g}'
            + (f' · kind {escape(record.kind)}' if record.kind else ''))
    fields = "".join(_field(name, text, record.findings.get(name, []), "out_start", "out_end")
                     for name, text in record.texts.items())
    original = ""
    if record.originals:
        hidden = "".join(_field(name, text, record.findings.get(name, []), "start", "end")
                         for name, text in record.originals.items())
        original = ('<button class="reveal">reveal original</button><template class="original">'
                    f'<p class="warn">original input text (personal data)</p>{hidden}</template>')
    buttons = "".join(f'<button data-verdict="{v}">{k} {label}</button> ' for k, v, label in
                      (("1", "ok", "ok"), ("2", "missed", "missed PII"), ("3", "over", "over-redacted")))
    return (f'<section class="rec" {data}><div class="meta">{meta} · '
            f'<span class="verdict-label"></span></div>{fields or "<p><i>no text fields</i></p>"}'
            f'{original}<div class="controls">{buttons}</div>'
            f'<textarea class="note" placeholder="note (n)"></textarea></section>')


def _field(name: str, text: str, findings: list[dict[str, Any]], start: str, end: str) -> str:
    return f'<div class="field-name">{escape(name)}</div><pre>{highlight(text, findings, start, end)}</pre>'


def highlight(text: str, findings: list[dict[str, Any]], start: str = "out_start", end: str = "out_end") -> str:
    """The text, escaped, with each finding's span (by the given offset keys) in a <mark> whose title
    says its entity type, score, recognizer and operator. Spans that overlap an earlier one or fall
    outside the text are left unmarked rather than mangling the text."""
    spans = sorted((f for f in findings if isinstance(f.get(start), int) and isinstance(f.get(end), int)),
                   key=lambda f: (f[start], f[end]))
    parts, at = [], 0
    for finding in spans:
        if finding[start] < at or finding[end] > len(text) or finding[end] <= finding[start]:
            continue
        parts.append(escape(text[at:finding[start]]))
        css = ' class="propagated"' if finding.get("recognizer") == PROPAGATED else ""
        parts.append(f'<mark{css} title="{escape(describe(finding))}">'
                     f'{escape(text[finding[start]:finding[end]])}</mark>')
        at = finding[end]
    parts.append(escape(text[at:]))
    return "".join(parts)


def describe(finding: dict[str, Any]) -> str:
    """`PERSON · score 0.85 · spacy_ner · replace`: a finding as a hover text."""
    parts = [finding.get("type", "?")]
    if isinstance(finding.get("score"), (int, float)):
        parts.append(f"score {finding['score']:.2f}")
    parts += [str(finding[k]) for k in ("recognizer", "operator") if finding.get(k)]
    return " · ".join(parts)

