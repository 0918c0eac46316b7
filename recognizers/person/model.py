"""The learned name tagger: a CRF (python-crfsuite) over the features of `features.py`.

`NameTagger.names(doc)` gives the token runs whose probability of being part of a person's name
(1 - the CRF's marginal of `O`) reaches the recipe's `extend_threshold` and that hold at least one
token at its `threshold`, with their highest probability (hysteresis: `Donald trump`, `rick
astley`: a sure token carries a less sure neighbour). The rules' findings, the tagger's evidence,
are reported only where the tagger gives one of their tokens at least the recipe's `rule_gate`
(a greeting's `Wi Fi` or `Bio` that it judges no name is dropped). The model is trained by
`make model` (train.py) and read once per process.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from presidio_analyzer import RecognizerResult
from spacy.tokens import Doc

from recognizers.lexicon import load_lexicon
from recognizers.person.crf import LinearChainCRF
from recognizers.person.evidence import FAMILIES, RuleEvidence
from recognizers.person.features import token_feature_groups, word_forms

DATA = Path(__file__).parent / "data"
MODEL = DATA / "person_model.crfsuite"
RECORD = DATA / "person_model.json"


@dataclass(frozen=True)
class NameRun:
    """Tokens doc[start:end] tagged as a name, with the highest P(name) among them."""

    start: int
    end: int
    probability: float


class NameTagger:
    """A trained CRF and the threshold its recipe chose on the dev sets."""

    def __init__(self, model: Path = MODEL, record: Path = RECORD):
        self.crf = LinearChainCRF(model)
        recipe = json.loads(record.read_text(encoding="utf-8"))["recipe"]
        self.threshold = float(recipe["threshold"])
        self.extend_threshold = float(recipe.get("extend_threshold", self.threshold))
        self.rule_gate = float(recipe.get("rule_gate", 0.0))
        self.lexicon = load_lexicon()
        self.forms = word_forms(recipe)
        self.rules = RuleEvidence(tuple(recipe.get("drop_evidence") or ())) if recipe.get("evidence") else None

        self.evidence_only = {kind for family in recipe.get("rules_as_evidence_only") or ()
                              for kind in FAMILIES[family]}

    def probabilities(self, doc, entities=()) -> list[float]:
        """P(name) of each token of `doc`; `entities`: the engine's PERSON entities."""
        return self.read(doc, entities)[0]

    def read(self, doc, entities=(), text: str | None = None) -> tuple[list[float], list]:
        """P(name) of each token, and the rules' findings that count as findings themselves
        (every kind but the recipe's `rules_as_evidence_only`); `text`: the Doc's text, when the
        caller has it (a Doc rebuilds it on every read)."""
        if not len(doc):
            return [], []
        text = doc.text if text is None else text
        evidence, findings = self.rules.read(text, doc, entities) if self.rules else (None, [])
        groups = token_feature_groups(doc, self.lexicon, evidence, self.forms)
        probabilities = [1.0 - p for p in self.crf.marginals(groups, "O")]
        kept = [result for kind, result in findings if kind not in self.evidence_only
                and self.confirms(doc, probabilities, result)]
        return probabilities, kept

    def confirms(self, doc: Doc, probabilities: list[float], result: RecognizerResult) -> bool:
        """True when the tagger gives a token of a rule's finding at least the recipe's
        `rule_gate` (a finding that covers no token passes: the tagger cannot judge it)."""
        if self.rule_gate <= 0.0:
            return True
        covered = [p for token, p in zip(doc, probabilities)
                   if token.idx < result.end and token.idx + len(token.text) > result.start]
        return not covered or max(covered) >= self.rule_gate

    def names(self, doc, entities=(), threshold: float | None = None) -> list[NameRun]:
        """Runs of tokens at or above the threshold."""
        return self.runs(self.probabilities(doc, entities), threshold)

    def runs(self, probabilities: list[float], threshold: float | None = None) -> list[NameRun]:
        """Runs of tokens at or above the recipe's `extend_threshold` that hold a token at or
        above `threshold` (the recipe's unless given)."""
        threshold = self.threshold if threshold is None else threshold
        extend = min(self.extend_threshold, threshold)
        runs, start = [], None
        for i, p in enumerate(probabilities + [0.0]):
            if p >= extend and start is None:
                start = i
            elif p < extend and start is not None:
                peak = max(probabilities[start:i])
                if peak >= threshold:
                    runs.append(NameRun(start, i, peak))
                start = None
        return runs


@functools.cache
def load_tagger() -> NameTagger:
    """The shipped tagger, loaded once per process."""
    return NameTagger()
