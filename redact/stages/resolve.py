"""Resolve: make a record's findings disjoint, after carrying names to their other occurrences.

The overlap rule, deterministic and documented in the README:

0. Overlapping findings of the same entity type are merged into their union.
1. Findings are ranked by entity type (PRECEDENCE: the more specific and more checkable type
   first, so an e-mail or profile link beats a PERSON or URL inside it, and a validated phone
   number beats DATE_TIME), then by score, then by length (longer first), then by position.
2. In that order, each finding keeps the characters no better-ranked finding has taken. A finding
   wholly covered is dropped; one partly covered keeps each uncovered piece that still holds a
   letter or digit, trimmed of spaces and punctuation at its ends. So no character a recognizer
   flagged is left in the text because of an overlap.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from spacy.lang.en.stop_words import STOP_WORDS

from redact import errors
from redact.budget import BudgetExceeded
from redact.normalize import normalized_view
from redact.record import Finding, Record, TextField

PRECEDENCE = (
    "EMAIL_ADDRESS", "PROFILE_URL", "CREDIT_CARD", "IBAN_CODE", "CRYPTO", "IP_ADDRESS",
    "MAC_ADDRESS", "URL", "PHONE_NUMBER", "SOCIAL_HANDLE", "US_SSN", "UK_NHS", "STREET_ADDRESS",
)
# Types not named above rank here: identifiers before the NER's fuzzier types.
LATE_TYPES = ("PERSON", "LOCATION", "ORGANIZATION", "NRP", "DATE_TIME")
PROPAGATED = "propagated"
_TRIMMED = " \t\r\n.,;:!?()[]{}\"'-"
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
# The non-ASCII characters that match an ASCII letter ignoring case (re's rule) but whose lower()
# is not that letter (the Kelvin sign's is `k`): `İ` (whose lower() is two characters), `ı`, `ſ`.
_ALSO_ASCII_LETTERS = "İıſ"


def rank(entity_type: str) -> int:
    """Position of an entity type in the overlap order; lower wins."""
    if entity_type in PRECEDENCE:
        return PRECEDENCE.index(entity_type)
    if entity_type in LATE_TYPES:
        return len(PRECEDENCE) + 1 + LATE_TYPES.index(entity_type)
    return len(PRECEDENCE)


class Resolve:
    """Propagate the profile's `propagate` types, then remove overlaps by the documented rule."""

    def __init__(self, propagate: list[str]):
        self.propagate = set(propagate)

    def run(self, records: Iterator[Record]) -> Iterator[Record]:
        """Resolve each live record's findings."""
        for record in records:
            if record.live:
                if record.deadline is not None:
                    record.deadline.resume()
                try:
                    self.resolve(record)
                except BudgetExceeded as exc:
                    record.quarantine(errors.TIME_BUDGET, str(exc))
                except Exception as exc:  # fail closed: this record, not the run
                    record.quarantine(errors.ANALYSIS_FAILED, f"{type(exc).__name__} in resolution")
                if record.deadline is not None:
                    record.deadline.pause()
            yield record

    def resolve(self, record: Record) -> None:
        """Settle the findings of every field of one record, within its time budget (checked
        between fields and steps: BudgetExceeded when it runs out)."""
        surfaces = self._surfaces(record)
        for text_field in record.fields:
            if surfaces:
                _check(record, f"{text_field.name}: propagation")
                text_field.findings += _occurrences(text_field, surfaces)
            _check(record, f"{text_field.name}: overlaps")
            text_field.findings = disjoint(text_field.text, text_field.findings)

    def _surfaces(self, record: Record) -> dict[str, tuple[str, float]]:
        """Lower-cased name -> (entity type, score) for every propagated finding, and its parts."""
        surfaces: dict[str, tuple[str, float]] = {}
        for text_field in record.fields:
            for f in text_field.findings:
                if f.entity_type not in self.propagate:
                    continue
                value = text_field.text[f.start:f.end]
                read = normalized_view(value, separate_scripts=True).text  # `K i s h a n` -> `Kishan`
                for part in dict.fromkeys([value, *value.split(), read, *read.split()]):
                    part = _EDGE.sub("", part)
                    if _worth_propagating(part, whole=part == value):
                        surfaces.setdefault(part.lower(), (f.entity_type, f.score))
        return surfaces


def _check(record: Record, where: str) -> None:
    if record.deadline is not None:
        record.deadline.check(where)


def _worth_propagating(part: str, whole: bool) -> bool:
    # Single words of a name travel only when they look like a name, not a common word.
    if len(part) < 3 or not any(c.isalpha() for c in part):
        return False
    return whole or (part[0].isupper() and part.lower() not in STOP_WORDS)


def _occurrences(text_field: TextField, surfaces: dict[str, tuple[str, float]]) -> list[Finding]:
    """Every occurrence of a surface as a whole word, ignoring case: what a regex of the surfaces,
    longest first, finds scanning the text left to right, and in the text's analysis view (the
    letters a disguise hides, `normalize.py`), mapped back to the text."""
    ordered = sorted(surfaces, key=len, reverse=True)
    spans = occurrences(text_field.text, ordered)
    view = text_field.view or normalized_view(text_field.text, separate_scripts=True)
    if view.pieces:  # a name written in disguise (`ᴋɪsʜᴀɴ`, `K i s h a n`) reads as itself in the view
        spans += [(*view.original_span(start, end), s) for start, end, s in occurrences(view.text, ordered)]
    return [Finding(surfaces[s][0], start, end, surfaces[s][1], PROPAGATED) for start, end, s in spans]


def occurrences(text: str, ordered: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, surface) for every occurrence in `text` of a surface of `ordered` (longest
    first) as a whole word, ignoring case: what a regex of the surfaces finds scanning the text
    left to right, found without one where ignoring case is lower()."""
    if all(s.isascii() for s in ordered) and not any(c in text for c in _ALSO_ASCII_LETTERS):
        return _ascii_occurrences(text, ordered)
    return list(_regex_occurrences(text, ordered))


def _regex_occurrences(text: str, ordered: list[str]) -> Iterator[tuple[int, int, str]]:
    # One group per surface: case-insensitive matching may pair letters that lower() does not
    # (`ı` with `i`), so the matched text, lowered, need not be the surface.
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(f"({re.escape(s)})" for s in ordered) + r")(?!\w)",
                         re.IGNORECASE)
    for match in pattern.finditer(text):
        assert match.lastindex is not None  # one surface's group matched
        yield match.start(), match.end(), ordered[match.lastindex - 1]


def _ascii_occurrences(text: str, ordered: list[str]) -> list[tuple[int, int, str]]:
    """_regex_occurrences for ASCII surfaces in a text without the letters that match an ASCII
    letter ignoring case but do not lower() to it: there, ignoring case is lower() (which keeps
    offsets) and a word character is alphanumeric or `_`. No regex is compiled per record (most
    records have their own names, so a compiled pattern is rarely used twice)."""
    lowered = text.lower()
    best: dict[int, int] = {}  # start -> index of the first surface that matches there
    for k, surface in enumerate(ordered):
        start = lowered.find(surface)
        while start >= 0:
            end = start + len(surface)
            if (k < best.get(start, len(ordered)) and not (start and _word_char(text[start - 1]))
                    and not (end < len(text) and _word_char(text[end]))):
                best[start] = k
            start = lowered.find(surface, start + 1)
    spans, scanned_to = [], 0
    for start in sorted(best):  # leftmost first, and not overlapping one already taken
        if start >= scanned_to:
            surface = ordered[best[start]]
            scanned_to = start + len(surface)
            spans.append((start, scanned_to, surface))
    return spans


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def merge_same_type(findings: list[Finding]) -> list[Finding]:
    """Overlapping findings of one entity type become their union, with the best score and its
    recognizer: `Tomomi Nishiyama` from one recognizer and `Nishiyama` from another is one name."""
    merged: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.entity_type, f.start, -f.end)):
        last = merged[-1] if merged else None
        if last and last.entity_type == finding.entity_type and finding.start < last.end:
            best = last if last.score >= finding.score else finding
            merged[-1] = Finding(last.entity_type, last.start, max(last.end, finding.end),
                                 best.score, best.recognizer, evidence=best.evidence)
        else:
            merged.append(finding)
    return merged


def disjoint(text: str, findings: list[Finding]) -> list[Finding]:
    """The findings made disjoint by the rule in this module's docstring, sorted by start.

    The characters taken so far are kept as sorted, disjoint intervals (touching ones joined), so
    each finding costs a bisection and the intervals it meets: n log n for n findings, not n²."""
    findings = merge_same_type(findings)
    order = sorted(findings, key=lambda f: (rank(f.entity_type), -f.score, f.start - f.end, f.start))
    kept: list[Finding] = []
    taken = _Taken()
    for finding in order:
        pieces = taken.uncovered(finding.start, finding.end)
        if pieces == [(finding.start, finding.end)]:
            kept.append(finding)
            taken.add(finding.start, finding.end)
            continue
        for start, end in pieces:
            piece = _trim(text, start, end)
            if piece:
                kept.append(Finding(finding.entity_type, *piece, finding.score, finding.recognizer,
                                    evidence=finding.evidence))
                taken.add(*piece)
    return sorted(kept, key=lambda f: f.start)


class _Taken:
    """A set of characters as sorted, disjoint, non-touching intervals [start, end)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def uncovered(self, start: int, end: int) -> list[tuple[int, int]]:
        """The maximal pieces of [start, end) outside the set, in order."""
        pieces, at = [], start
        i = bisect.bisect_right(self.ends, start)  # the first interval ending after `start`
        while i < len(self.starts) and self.starts[i] < end:
            if self.starts[i] > at:
                pieces.append((at, self.starts[i]))
            at = max(at, self.ends[i])
            i += 1
        if at < end:
            pieces.append((at, end))
        return pieces

    def add(self, start: int, end: int) -> None:
        """Add [start, end), joining the intervals it overlaps or touches."""
        i = bisect.bisect_left(self.ends, start)  # the first interval ending at or after `start`
        j = bisect.bisect_right(self.starts, end)  # past the last interval starting at or before `end`
        if i < j:
            start, end = min(start, self.starts[i]), max(end, self.ends[j - 1])
        self.starts[i:j] = [start]
        self.ends[i:j] = [end]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    piece = text[start:end]
    left = piece.lstrip(_TRIMMED)
    stripped = left.rstrip(_TRIMMED)
    if not any(c.isalnum() for c in stripped):
        return None
    offset = len(piece) - len(left)
    return start + offset, start + offset + len(stripped)
