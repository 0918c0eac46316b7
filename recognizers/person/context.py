"""person_context_v1: people's names that spaCy's small model misses in social text, from lexical
context and name lists.

Each kind of evidence is one module beside this one: honorifics and titles (`Dr. Kyle Kuefer`),
greetings and address (`hi dave`, `thanks Aisha!`), sign-offs, bylines and speakers (`- Greg`,
`photo by Anna Kowalski`, `From: Maria`, `Nicole: ...`), e-mail headers and display names
(`To: Smith, Anna; Brown, Tom M.`), full names and name lists (`Naomi Ryan`),
single names by their context (`my friend emma`, `Katrine said`), words the sentence treats as a
person (`kishan says he`, `Skhumba my brother`, `you and Jonyeee`), and the widening of a found name
by the word beside it (`<Petteri> Tarkkonen`). Words that are both a name and a common English
word (`Will`, `May`, `Grace`) need the stronger signals. Cue words and the score of each kind are
data (``data/context_rules.yaml``); the spaCy Doc, when there is one, adjusts the scores
(``doc_facts.py``). The lists come from US SSA baby names, the 1990 US Census (public domain) and
SCOWL (permissive licence): ``recognizers/data/README.md``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.lexicon import DATA, load_lexicon
from recognizers.person.address import in_address
from recognizers.person.cue_words import DEFAULT_OTHER_ENTITY_PENALTY, DEFAULT_PROPN_BOOST, DEFAULT_SCORES
from recognizers.person.doc_facts import DocFacts, adjusted_score, doc_facts
from recognizers.person.extensions import extensions
from recognizers.person.frames import frames
from recognizers.person.full_names import full_names, name_lists
from recognizers.person.greetings import greetings, vocatives
from recognizers.person.headers import date_lines, header_names
from recognizers.person.honorifics import honorifics, stage_names
from recognizers.person.signoffs import bylines, signoff_initials, signoffs, speakers
from recognizers.person.single_names import single_names
from recognizers.person.text import Candidate, ScannedText, scan


def candidates(t: ScannedText) -> Iterator[Candidate]:
    """Every rule's candidates but those in an e-mail's date line (`Sent: Mon, 3 Mar`)."""
    dates = date_lines(t.text)
    for candidate in _rule_candidates(t):
        if not any(start <= candidate.start < end for start, end in dates):
            yield candidate


def _rule_candidates(t: ScannedText) -> Iterator[Candidate]:
    """Every rule's candidates; list-only evidence inside a street address left out."""
    yield from honorifics(t)
    yield from stage_names(t)
    yield from greetings(t)
    yield from vocatives(t)
    yield from signoffs(t)
    yield from bylines(t)
    yield from speakers(t)
    yield from header_names(t)
    yield from signoff_initials(t)
    for candidate in (*full_names(t), *name_lists(t), *single_names(t), *frames(t)):
        # A lower-case word is no street name (`Victor Hugo u. 49`): `hangwani u see now` stays.
        if candidate.kind == "context_lower" or not in_address(t.text, candidate):
            yield candidate


class PersonContextRecognizer(LocalRecognizer):
    """Recognize people's names from lexical context and name lists (entity ``PERSON``).

    Runs alongside Presidio's SpacyRecognizer. Spans cover the name only, never the honorific or
    greeting (`Dr. <Kyle Kuefer>`, `hi <dave>`), as in the evaluation data. Uses the spaCy Doc in
    ``nlp_artifacts`` when present (PROPN tags raise, other NER labels lower list-only evidence);
    without it (``nlp_artifacts=None`` or a blank tokenizer) the lexical rules work unchanged.

    :param scores: scores by evidence kind, overriding :data:`DEFAULT_SCORES` (unknown kinds raise)
    :param min_score: findings below this score are not returned
    :param propn_boost: added when spaCy's tagger calls every word of the span PROPN
    :param other_entity_penalty: subtracted from list-only evidence when spaCy's NER labels the
        span as a place, organisation, date, ...
    :param kinds_off: kinds of evidence left out, as if their rules were not there (the ablation of
        model.yaml's `drop_evidence`)
    """

    name: str  # set by presidio's EntityRecognizer.__init__, which leaves it unannotated

    ENTITIES = ["PERSON"]

    def __init__(
        self,
        supported_language: str = "en",
        supported_entities: list[str] | None = None,
        name: str | None = None,
        scores: Mapping[str, float] | None = None,
        min_score: float = 0.0,
        propn_boost: float = DEFAULT_PROPN_BOOST,
        other_entity_penalty: float = DEFAULT_OTHER_ENTITY_PENALTY,
        data_dir: Path = DATA,
        kinds_off: frozenset[str] = frozenset(),
    ):
        unknown = set(scores or {}) - set(DEFAULT_SCORES)
        if unknown:
            raise ValueError(f"unknown evidence kinds {sorted(unknown)}; valid: {sorted(DEFAULT_SCORES)}")
        self.scores = {**DEFAULT_SCORES, **(scores or {})}
        self.min_score = min_score
        self.propn_boost = propn_boost
        self.other_entity_penalty = other_entity_penalty
        self.data_dir = data_dir
        self.kinds_off = kinds_off
        super().__init__(
            supported_entities=supported_entities or self.ENTITIES,
            supported_language=supported_language,
            name=name if name is not None else type(self).__name__,
        )

    def load(self) -> None:
        """Read the name and word lists (once per process)."""
        self.lexicon = load_lexicon(self.data_dir)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """PERSON findings in `text`; the best-scored evidence wins where spans overlap."""
        if entities and "PERSON" not in entities:
            return []
        t = scan(text, self.lexicon)
        facts = doc_facts(getattr(nlp_artifacts, "tokens", None) if nlp_artifacts else None)
        scored = [(self._score(text, c, facts), c) for c in candidates(t) if c.kind not in self.kinds_off]
        found = self._best(scored)
        # A name found here or by the NER takes in the surname (or given name) beside it that no
        # rule could take alone, `<Petteri> Tarkkonen`; the wider name is no surer than the name.
        anchors = {(r.start, r.end): r.score for r in found}
        for ent in getattr(nlp_artifacts, "entities", None) or ():  # the engine's, trimmed to the name
            if ent.label_ == "PERSON":
                anchors[(ent.start_char, ent.end_char)] = 1.0
        extended = [(min(self._score(text, c, facts), anchors[c.anchor]), c)  # type: ignore[index]
                    for c in extensions(t, list(anchors)) if c.kind not in self.kinds_off]
        return self._best(scored + extended) if extended else found

    def _score(self, text: str, candidate: Candidate, facts: DocFacts | None) -> float:
        return adjusted_score(self.scores[candidate.kind], text, candidate, facts,
                              self.propn_boost, self.other_entity_penalty)

    def _best(self, scored: list[tuple[float, Candidate]]) -> list[RecognizerResult]:
        """The best-scored candidates that do not overlap, a wider weak one widening a strong one
        inside it (`Grace Hopper` around `Hopper`)."""
        taken: list[RecognizerResult] = []
        for score, c in sorted(scored, key=lambda sc: (-sc[0], sc[1].start - sc[1].end)):
            overlapping = [r for r in taken if r.start < c.end and c.start < r.end]
            if len(overlapping) == 1 and c.start <= overlapping[0].start and overlapping[0].end <= c.end:
                overlapping[0].start, overlapping[0].end = c.start, c.end
                continue
            if score < self.min_score or overlapping:
                continue
            taken.append(self._result(score, c))
        return sorted(taken, key=lambda r: r.start)

    def _result(self, score: float, c: Candidate) -> RecognizerResult:
        explanation = AnalysisExplanation(
            recognizer=self.name, original_score=score, textual_explanation=f"person name ({c.kind})")
        return RecognizerResult("PERSON", c.start, c.end, score, explanation, recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id, "evidence": c.kind})
