"""person_model_v1: PERSON where the learned name tagger says so, and where the rules say so
for the kinds of rule that pay beside it.

It reads the spaCy `Doc` the engine already made for the text (no second spaCy pass), asks the
tagger (`model.py`) for runs of name tokens, drops what cannot be a name by itself (a run of
punctuation, an @handle or link, a hashtag's glued words: other recognizers own those; a
possessive's `'s` at its end), and a chat verb that opens a run before a given name (`ping
kevin`), and reports each run with a score
that maps the tagger's threshold to 0.5 and certainty to 1.0. The rules (`person_context_v1`,
`ner_names_v1`) run inside it as the tagger's evidence; their findings are returned too, under
their own names, except the kinds the recipe keeps as evidence only (`rules_as_evidence_only`).
Every finding, the tagger's and the rules', passes the post-filter of `not_names.py` (set
phrases, places, products, companies, acronyms). A profile lists person_model_v1 instead of
those two.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Container

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.attrs import IDX, LENGTH

from recognizers.lexicon import read_words
from recognizers.person.cue_words import ADDRESSING_VERBS
from recognizers.person.hashtags import CAMEL_PART, HASH_MARKS
from recognizers.person.model import DATA, load_tagger
from recognizers.person.not_names import POSSESSIVE, not_names
from recognizers.social_handle import is_user_name

NOT_IN_A_NAME = ("@", "http", "www.")
# A run that ends in a Vietnamese middle name takes the capitalised word after it, the given name,
# which the tagger may leave out when it is an English word (`Nguyễn Văn An`).
VIETNAMESE_MIDDLE = read_words(DATA / "vietnamese_middle_names.txt")


class PersonModelRecognizer(LocalRecognizer):
    """PERSON from the learned name tagger, over the engine's spaCy Doc."""

    name: str  # set by presidio's EntityRecognizer.__init__, which leaves it unannotated

    def __init__(self, supported_language: str = "en", **kwargs):
        super().__init__(supported_entities=["PERSON"], supported_language=supported_language,
                         name=kwargs.pop("name", "person_model_v1"), **kwargs)

    def load(self) -> None:
        """The model is loaded on first use, once per process."""
        self.tagger = load_tagger()
        self.not_names = not_names()

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """One PERSON result per run of name tokens."""
        doc = getattr(nlp_artifacts, "tokens", None)
        if doc is None or not len(doc):
            return []
        entities = [e for e in getattr(nlp_artifacts, "entities", None) or () if e.label_ == "PERSON"]
        probabilities, results = self.tagger.read(doc, entities, text)
        if results:
            bounds = token_bounds(doc)
            results = [r for r in results if self.rule_kept(text, doc, bounds, probabilities, r)]
        for result in results:  # the rule's name stays; Presidio groups results by this id
            result.recognition_metadata[RecognizerResult.RECOGNIZER_IDENTIFIER_KEY] = self.id
        for run in self.tagger.runs(probabilities):
            tokens = [t for t in doc[run.start:given_after_middle(doc, run.end)]
                      if any(c.isalpha() for c in t.text) and not t.text.lower().startswith(NOT_IN_A_NAME)
                      and not glued_hashtag(t)]
            tokens = tokens[1:] if addressing_verb(tokens, self.tagger.lexicon.given) else tokens
            while tokens and tokens[-1].text in POSSESSIVE:
                tokens.pop()
            if not tokens:
                continue
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            if not self.not_names.weak_word(text, start, end, run.probability):
                results.append(self._result(start, end, run.probability))
        for result in results:  # chat or respelled words at its edges are no part of a name
            result.start, result.end = self.not_names.trimmed(text, result.start, result.end)
        return [r for r in results if self.not_names.kind(text, r.start, r.end) is None]

    def rule_kept(self, text: str, doc, bounds: tuple[list[int], list[int]], probabilities: list[float],
                  result: RecognizerResult) -> bool:
        """False for a rule's finding that `not_names.rule_kind` calls no name (`my Roomba`, `You
        Sholder not`), judged with the tagger's highest P(name) over its tokens (`bounds`: the
        tokens' offsets, `token_bounds`) and the labels of spaCy's entities that overlap it."""
        peak = peak_over(bounds, probabilities, result.start, result.end)
        kind = result.recognition_metadata.get("evidence")
        labels = frozenset(e.label_ for e in doc.ents if e.start_char < result.end and e.end_char > result.start)
        return self.not_names.rule_kind(text, result.start, result.end, kind, peak, labels) is None

    def _result(self, start: int, end: int, probability: float) -> RecognizerResult:
        threshold = self.tagger.threshold
        score = 0.5 + 0.5 * (probability - threshold) / max(1.0 - threshold, 1e-9)
        return RecognizerResult("PERSON", start, end, round(min(score, 1.0), 4), recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
        })


def token_bounds(doc) -> tuple[list[int], list[int]]:
    """(each token's start, each token's end) character offsets, in token order: both ascending,
    since tokens neither overlap nor are empty."""
    offsets = doc.to_array([IDX, LENGTH])
    return offsets[:, 0].tolist(), (offsets[:, 0] + offsets[:, 1]).tolist()


def peak_over(bounds: tuple[list[int], list[int]], probabilities: list[float], start: int, end: int) -> float:
    """The highest of `probabilities` (one per token) over the tokens that overlap text[start:end]
    (0.0 when none does): those from the first that ends after `start` to the last that starts
    before `end`, found by bisection instead of a walk over every token."""
    starts, ends = bounds
    return max(probabilities[bisect_right(ends, start):bisect_left(starts, end)], default=0.0)


def given_after_middle(doc, end: int) -> int:
    """The end of a run of name tokens doc[...:end], one token further when its last token is a
    Vietnamese middle name (`Văn`, `Thị`) and the next one a capitalised word: the given name."""
    if end < len(doc) and doc[end - 1].text.lower() in VIETNAMESE_MIDDLE:
        given = doc[end].text
        if given.isalpha() and given[0].isupper():
            return end + 1
    return end


def glued_hashtag(token) -> bool:
    """A hashtag's words glued together (`#ClimateChange`, `# TeamPhil`): which of them is a name
    is person_hashtag_v1's to say (it redacts the name inside, `#Team<PERSON>`), not the tagger's,
    which sees the glued words as one token and would take them all."""
    if token.i == 0 or token.nbor(-1).text not in HASH_MARKS:
        return False
    return sum(part.isalpha() for part in CAMEL_PART.findall(token.text)) > 1


def addressing_verb(tokens, given: Container[str]) -> bool:
    """True when a run opens with a chat or imperative verb that addresses the listed given name
    after it (`ping kevin`, `Ask Maria`, `cc dave`), or is that verb alone before a user name
    (`ping kishan_patel`, which social_handle_v1 finds): the verb is no part of the name."""
    if not tokens or tokens[0].lower_ not in ADDRESSING_VERBS:
        return False
    if len(tokens) > 1:
        return tokens[1].lower_ in given
    verb = tokens[0]
    return verb.i + 1 < len(verb.doc) and is_user_name(verb.doc[verb.i + 1].text)
