"""What the rules say about each token, as features for the learned tagger ("rules become evidence").

The rule recognizers (`person_context_v1`: honorifics, greetings, sign-offs, bylines, name lists,
context words; `ner_names_v1`: names spaCy labelled ORG or GPE, `First M. Last`) and spaCy's own
PERSON entities (trimmed to the name as the engine does) are run on the same Doc; each token they
cover gets a feature naming the kind of evidence (`pc=greeting_known`, `nn=relabelled`,
`sp=PERSON`). The rules' findings of the kinds that pay as findings (the ablation in
MODEL_CARD.md) are also reported as they are, under the rule's own name. The tagger learns from
the training tweets how much each kind is worth, alongside everything else it sees, instead of 22
hand-set scores.
"""

from __future__ import annotations

import bisect
import re
from typing import cast

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.ner_names import NerNameRecognizer
from recognizers.person.context import PersonContextRecognizer
from recognizers.person.trim import trim_to_name

KIND = re.compile(r"person name \((\w+)\)")
# Families of evidence, for ablation (model.yaml `drop_evidence`) and for the model card.
FAMILIES = {
    "honorific": ("honorific", "title", "stage_name"),
    "greeting": ("greeting_known", "greeting_capitalised", "vocative"),
    "signoff_byline_speaker": ("signoff", "byline", "speaker", "signoff_initials"),
    "headers": ("header_name",),
    "pairs_lists": ("full_name", "full_name_lower", "name_pair", "common_pair", "name_list"),
    "context": ("context_known", "context_capitalised", "capitalised_context", "known_lower_context",
                "context_lower"),
    "frames": ("pronoun_subject", "apposition", "coordinated"),
    "single_known": ("known_capitalised", "known_less_common", "known_sentence_start", "known_lower",
                     "capitalised", "run_together"),
    "extension": ("name_extended",),
    "ner_names": ("relabelled", "initial"),
    "spacy_person": ("PERSON",),
}


class RuleEvidence:
    """Runs the rule recognizers on a text and its Doc; gives per-token evidence features."""

    def __init__(self, drop: tuple[str, ...] = ()):
        self.dropped = frozenset(kind for family in drop for kind in FAMILIES[family])
        self.person_context = PersonContextRecognizer(name="person_context_v1", kinds_off=self.dropped)
        self.person_context.load()
        self.ner_names = NerNameRecognizer()

    def features(self, text: str, doc, entities) -> list[list[str]]:
        """One list of evidence features per token of `doc`."""
        return self.read(text, doc, entities)[0]

    def read(self, text: str, doc, entities) -> tuple[list[list[str]], list[tuple[str, RecognizerResult]]]:
        """The evidence features per token, and the rules' own findings with their kinds."""
        out: list[list[str]] = [[] for _ in range(len(doc))]
        findings: list[tuple[str, RecognizerResult]] = []
        starts: list[int] | None = None
        ends: list[int] = []  # filled with `starts`, at the first span
        for start, end, feature, result in self._spans(text, doc, entities):
            if result is not None:
                findings.append((feature.split("=", 1)[1], result))
            if starts is None:
                starts = [t.idx for t in doc]
                ends = [t.idx + len(t) for t in doc]
            first = max(bisect.bisect_right(starts, start) - 1, 0)
            for i in range(first, len(starts)):
                if starts[i] >= end:
                    break
                if ends[i] > start:
                    out[i].append(feature)
        return out, findings

    def _spans(self, text: str, doc, entities):
        # The rule recognizers read only .tokens and .entities of their NlpArtifacts (by getattr).
        artifacts = cast(NlpArtifacts, _Artifacts(doc, entities))
        for r in self.person_context.analyze(text, ["PERSON"], artifacts):
            match = KIND.search(r.analysis_explanation.textual_explanation or "")
            kind = match.group(1) if match else "other"
            if kind not in self.dropped:
                yield r.start, r.end, "pc=" + kind, r
        for r in self.ner_names.analyze(text, ["PERSON"], artifacts):
            kind = (r.recognition_metadata or {}).get("evidence", "other")
            if kind not in self.dropped:
                yield r.start, r.end, "nn=" + kind, r
        if "PERSON" not in self.dropped:
            for ent in entities:
                if ent.label_ == "PERSON":
                    yield ent.start_char, ent.end_char, "sp=PERSON", None


class _Artifacts:
    """The two things the rule recognizers read from Presidio's NlpArtifacts."""

    def __init__(self, doc, entities):
        self.tokens, self.entities = doc, entities


def person_entities(doc) -> list:
    """spaCy's PERSON entities trimmed to the name, as the engine makes them for the default
    profile (for training, where there is no engine)."""
    spans = [trim_to_name(e) for e in doc.ents if e.label_ == "PERSON"]
    for span in spans:
        if span is not None:
            span.label_ = "PERSON"
    return [span for span in spans if span is not None]

