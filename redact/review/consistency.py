"""Does a report belong to the output (and input) it is paired with?

Ids and counts are not enough: a rerun over edited texts has the same ids and the same number of
records, and a stale report would then mark the wrong characters on the page. The report's spans
are checked against the texts instead:

- output: every finding's output span lies inside its field, after the previous one, and holds
  what its operator writes where that is known from the profile (`replace`: the filled template;
  `redact`: nothing; `mask` and `keep`: as many characters as the input span);
- input (given for the originals): outside the spans, the input text and the output text are the
  same, character for character, as they are in what a run writes.

Each check returns why the texts do not fit the report, or None; the reasons name fields, entity
types and offsets, never text.
"""

from __future__ import annotations

from typing import Any

from redact.profile import Profile

SAME_LENGTH = ("mask", "keep")


def output_mismatch(findings: dict[str, list[dict[str, Any]]], texts: dict[str, str],
                    profile: Profile) -> str | None:
    """Why the output texts cannot be the ones the report's findings were written into, or None."""
    for name, found in findings.items():
        text = texts.get(name)
        if text is None:
            return f"the report has findings in field {name!r}, which the output record lacks"
        at = 0
        for finding in _spans(found, "out_start", "out_end"):
            start, end = finding["out_start"], finding["out_end"]
            where = f"field {name!r}: the {finding.get('type')} span {start}..{end}"
            if not at <= start <= end <= len(text):
                return f"{where} does not fit the field's {len(text)} characters after {at}"
            expected = _written(finding, profile)
            if expected is not None and text[start:end] != expected:
                return f"{where} does not hold what `{finding.get('operator')}` writes ({expected!r})"
            if finding.get("operator") in SAME_LENGTH and _input_length(finding) not in (None, end - start):
                return f"{where} is not as long as its input span"
            at = end
    return None


def input_mismatch(findings: dict[str, list[dict[str, Any]]], originals: dict[str, str],
                   texts: dict[str, str]) -> str | None:
    """Why the input texts are not the ones the output was redacted from, or None."""
    if set(originals) != set(texts):
        return "the input record's text fields are not the output record's"
    for name, original in originals.items():
        kept = _kept(original, _spans(findings.get(name, []), "start", "end"), "start", "end")
        written = _kept(texts[name], _spans(findings.get(name, []), "out_start", "out_end"), "out_start", "out_end")
        if kept != written:
            return f"field {name!r} differs from the output outside the report's spans"
    return None


def _spans(found: list[dict[str, Any]], start: str, end: str) -> list[dict[str, Any]]:
    """The findings with both offsets, in order."""
    return sorted((f for f in found if isinstance(f.get(start), int) and isinstance(f.get(end), int)),
                  key=lambda f: (f[start], f[end]))


def _kept(text: str, spans: list[dict[str, Any]], start: str, end: str) -> list[str]:
    """The pieces of text between the spans."""
    pieces, at = [], 0
    for finding in spans:
        pieces.append(text[at:finding[start]])
        at = finding[end]
    pieces.append(text[at:])
    return pieces


def _written(finding: dict[str, Any], profile: Profile) -> str | None:
    """What the finding's operator writes, when the profile fixes it."""
    operator = finding.get("operator")
    if operator == "redact":
        return ""
    configured = profile.operator_for(str(finding.get("type")))
    if operator == "replace" and configured.type == "replace":
        return configured.template.format(entity_type=finding.get("type"))
    return None


def _input_length(finding: dict[str, Any]) -> int | None:
    start, end = finding.get("start"), finding.get("end")
    return end - start if isinstance(start, int) and isinstance(end, int) else None
