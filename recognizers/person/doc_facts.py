"""What the spaCy Doc says about a candidate: every word tagged PROPN raises its score; a place,
date or the like around it lowers list-only evidence (lexical triggers keep their score)."""

from __future__ import annotations

import functools
from typing import Any

from recognizers.person.cue_words import LEXICAL_KINDS, OTHER_ENTITY_LABELS
from recognizers.person.text import Candidate


class DocFacts:
    """What scoring asks of one text's spaCy Doc, read once per text, not once per candidate
    (Doc.has_annotation walks every token; Doc.ents builds a Span per entity)."""

    def __init__(self, doc: Any):
        self.doc = doc

    @functools.cached_property
    def tagged(self) -> bool:
        """The tagger ran."""
        return bool(self.doc.has_annotation("TAG"))

    @functools.cached_property
    def ents(self) -> list[tuple[int, int, str]]:
        """(start token, end token, label) of each entity."""
        return [(e.start, e.end, e.label_) for e in self.doc.ents]

    def labels_around(self, start: int, end: int) -> list[str]:
        """Labels of the entities inside tokens start..end (what Span.ents gives) or, when none
        is, of those overlapping them."""
        inside = [label for s, e, label in self.ents if start <= s and e <= end]
        return inside or [label for s, e, label in self.ents if s < end and start < e]


def doc_facts(doc: Any) -> DocFacts | None:
    """The facts of a Doc that has tokens, else None (no Doc, or an empty one)."""
    return DocFacts(doc) if doc is not None and len(doc) else None


def adjusted_score(score: float, text: str, candidate: Candidate, facts: DocFacts | None,
                   propn_boost: float, other_entity_penalty: float) -> float:
    """`score` raised by `propn_boost` when spaCy tags every word of a capitalised candidate
    PROPN, lowered by `other_entity_penalty` when it labels list-only evidence a place, date..."""
    if facts is None:
        return score
    span = facts.doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    if span is None:
        return score
    capitalised = text[candidate.start].isupper()
    if capitalised and facts.tagged and all(t.pos_ == "PROPN" for t in span):
        score += propn_boost
    if candidate.kind not in LEXICAL_KINDS and any(
            label in OTHER_ENTITY_LABELS for label in facts.labels_around(span.start, span.end)):
        score -= other_entity_penalty
    return round(min(score, 1.0), 3)
