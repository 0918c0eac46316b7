"""Names that spaCy's small model found but called something else, and `First M. Last` shapes.

The small model tags many people as ORG, GPE, NORP or PRODUCT (`Tomomi Nishiyama` -> ORG,
`Franciska` -> GPE), so a profile that keeps only its PERSON label leaks them, and one that keeps
ORG and GPE destroys every company and city. This recognizer keeps such an entity as PERSON only
when it is shaped like a name: one to four capitalised words or initials, none of them an English
word unless the name lists know it, at least one of them in the lists (or two unknown words with
accents or a name's shape), and no word that marks an organisation or a place.

It also finds `Given M. Surname` and `Given M Surname` (a middle initial), a shape that common
words almost never take, with or without the NER.
"""

from __future__ import annotations

import re

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.lexicon import fold, load_lexicon

RELABELLED = frozenset({"ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "FAC", "LOC", "EVENT", "LAW"})
# Places are often given names and surnames too (London, Paris, Jackson): from a place label only
# a name of two or more words with a listed given name is taken.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PARTICLES = frozenset({"van", "von", "de", "der", "den", "ten", "ter", "da", "di", "du", "dos",
                       "das", "del", "della", "la", "le", "bin", "ibn", "al", "el", "mc", "st"})
NOT_A_PERSON = frozenset("""
inc ltd llc corp co company companies bank university college school academy club fc united
group foundation institute hotel airlines airways news times press church hospital council party
state city county republic kingdom island islands street road avenue park station airport
records studios games entertainment media network tv radio magazine journal team league cup
festival conference summit museum gallery theatre theater ministry department agency service
services solutions systems technologies labs store shop market cafe restaurant bar pub
""".split())
WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W\d_])?\.?|[A-Z]\.?", re.UNICODE)
MIDDLE_INITIAL = re.compile(
    r"(?<![\w@#/.])([A-Z][a-zà-öø-ÿ'’-]{1,30}) ([A-Z])\.? ([A-Z][a-zà-öø-ÿ'’-]{1,30})(?![\w@])")


class NerNameRecognizer(LocalRecognizer):
    """PERSON from NER entities of other labels that are shaped like names, and `First M. Last`."""

    name: str  # set by presidio's EntityRecognizer.__init__, which leaves it unannotated

    def __init__(self, supported_language: str = "en", relabel_score: float = 0.6,
                 initial_score: float = 0.7, **kwargs):
        self.relabel_score = relabel_score
        self.initial_score = initial_score
        self.lexicon = load_lexicon()
        super().__init__(supported_entities=["PERSON"], supported_language=supported_language,
                         name=kwargs.pop("name", "ner_names_v1"), **kwargs)

    def load(self) -> None:
        """The lists are loaded in the constructor."""

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """PERSON findings from relabelled entities and middle-initial names."""
        results = []
        doc = getattr(nlp_artifacts, "tokens", None)
        for ent in (doc.ents if doc is not None and doc.has_annotation("ENT_IOB") else ()):
            if ent.label_ in RELABELLED and self.shaped_like_a_name(ent.text, ent.label_ in PLACE_LABELS):
                results.append(self._result(ent.start_char, ent.end_char, self.relabel_score, "relabelled"))
        for match in MIDDLE_INITIAL.finditer(text):
            first, last = fold(match.group(1)), fold(match.group(3))
            if not (self.lexicon.is_word(first) or self.lexicon.is_word(last)):
                results.append(self._result(match.start(), match.end(), self.initial_score, "initial"))
        return results

    def shaped_like_a_name(self, span: str, needs_given_name: bool = False) -> bool:
        """One to four capitalised words or initials, no English word unless a listed name, no
        organisation or place marker, and some evidence of a name."""
        words = WORD.findall(span)
        if not 1 <= len(words) <= 4 or len("".join(words)) < len(span.replace(" ", "")) - 1:
            return False
        evidence, given = 0, False
        for word in words:
            key = fold(word.rstrip("."))
            if key in PARTICLES:
                continue
            if key in NOT_A_PERSON or not word[0].isupper() or (word.isupper() and len(word.rstrip(".")) > 1):
                return False
            listed = self.lexicon.is_name(key)
            if self.lexicon.is_word(key) and not (listed and key not in self.lexicon.common):
                return False
            evidence += 2 if listed else (1 if len(key) > 1 else 0)
            given = given or key in self.lexicon.given
        return evidence >= 2 and (not needs_given_name or (given and len(words) > 1))

    def _result(self, start: int, end: int, score: float, why: str) -> RecognizerResult:
        return RecognizerResult("PERSON", start, end, score, recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            "evidence": why,
        })
