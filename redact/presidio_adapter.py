"""Every use of presidio-analyzer's private or undocumented API, in one place.

The engine runs Presidio's analysis without its per-call costs (see `redact.engine`); doing so
leans on a few things Presidio does not promise to keep. They all live here, each named in
`RELIES_ON` with the version this module was written against, so that an upgrade of Presidio
breaks one module, and `tests/test_presidio_adapter.py` says which name changed before anything
else does:

- `SpacyNlpEngine._doc_to_nlp_artifact`: the hook that turns a spaCy Doc into `NlpArtifacts`
  (overridden so that a pipeline we loaded ourselves gives our entities), and `SpacyNlpEngine.nlp`,
  the per-language pipelines it reads stop words and punctuation from;
- `NlpArtifacts`' attributes, which `LazyArtifacts` computes on demand instead of in its
  constructor, and `NlpArtifacts.set_keywords`;
- `LemmaContextAwareEnhancer._extract_surrounding_words` with `_add_n_words_backward` and
  `_add_n_words_forward`: the context words around a match (found by bisection here);
- `AnalyzerEngine._remove_allow_list`, and the two steps of `AnalyzerEngine.analyze` that are
  name-mangled private (`__add_recognizer_id_if_not_exists`, `__remove_decision_process`),
  re-implemented here as `tag_with_recognizer` and `drop_explanations`;
- what `recognizers/base.py`'s pattern loop (PatternRecognizer.analyze under the record's time
  budget) reads: `PatternRecognizer.build_regex_explanation`, `validate_result`,
  `invalidate_result`, `global_regex_flags`, `Pattern.compiled_regex` and `compiled_with_flags`;
  that code stays beside the recognizers, its names are checked here.
"""

from __future__ import annotations

import bisect
import functools
import inspect
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version

import spacy
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from spacy.attrs import IDX, LEMMA, LENGTH, LOWER
from spacy.tokens import Doc, Span

# The presidio-analyzer this module was written and checked against (requirements.lock).
PRESIDIO_VERSION = "2.2.366"

# (class, attribute, the parameters it must take, or None for any) for every private or
# undocumented name used here and by recognizers/base.py. NlpArtifacts' constructor parameters are
# the attributes recognizers and the enhancer read, which LazyArtifacts must give.
RELIES_ON: tuple[tuple[type, str, tuple[str, ...] | None], ...] = (
    (SpacyNlpEngine, "_doc_to_nlp_artifact", ("self", "doc", "language")),
    (SpacyNlpEngine, "is_stopword", ("self", "word", "language")),
    (SpacyNlpEngine, "is_punct", ("self", "word", "language")),
    (NlpArtifacts, "__init__",
     ("self", "entities", "tokens", "tokens_indices", "lemmas", "nlp_engine", "language", "scores")),
    (NlpArtifacts, "set_keywords", ("nlp_engine", "lemmas", "language")),
    (LemmaContextAwareEnhancer, "_extract_surrounding_words", ("self", "nlp_artifacts", "word", "start")),
    (LemmaContextAwareEnhancer, "_add_n_words_backward",
     ("self", "index", "n_words", "lemmas", "lemmatized_filtered_keywords")),
    (LemmaContextAwareEnhancer, "_add_n_words_forward",
     ("self", "index", "n_words", "lemmas", "lemmatized_filtered_keywords")),
    (AnalyzerEngine, "_remove_allow_list",
     ("results", "allow_list", "text", "regex_flags", "allow_list_match")),
    # recognizers/base.py's pattern loop (PatternRecognizer.analyze with the record's time budget)
    (PatternRecognizer, "build_regex_explanation",
     ("recognizer_name", "pattern_name", "pattern", "original_score", "validation_result", "regex_flags")),
    (PatternRecognizer, "validate_result", ("self", "pattern_text")),
    (PatternRecognizer, "invalidate_result", ("self", "pattern_text")),
)


def _instances_relied_on() -> list[tuple[object, tuple[str, ...]]]:
    """(a fresh Presidio object, the attributes its constructor must set that are read or set
    from outside it): PipelineNlpEngine sets `nlp`, ContextEnhancer reads the context window's
    size, recognizers/base.py compiles patterns into `compiled_regex` as Presidio does."""
    return [
        (SpacyNlpEngine(models=[{"lang_code": "en", "model_name": "blank"}]), ("nlp",)),
        (LemmaContextAwareEnhancer(), ("context_prefix_count", "context_suffix_count")),
        (Pattern("p", "p", 0.5), ("compiled_regex", "compiled_with_flags")),
        (PatternRecognizer("P", patterns=[Pattern("p", "p", 0.5)]), ("global_regex_flags",)),
    ]


def installed_presidio() -> str:
    """The installed presidio-analyzer's version ('unknown' when its metadata is missing)."""
    try:
        return version("presidio-analyzer")
    except PackageNotFoundError:
        return "unknown"


def presidio_drift() -> list[str]:
    """One line per name in RELIES_ON that the installed Presidio lacks or takes other parameters
    for: empty when the adapter still fits it."""
    problems = []
    where = f"presidio-analyzer {installed_presidio()} (this adapter was written for {PRESIDIO_VERSION})"
    for owner, name, parameters in RELIES_ON:
        attribute = inspect.getattr_static(owner, name, None)
        if attribute is None:
            problems.append(f"{owner.__name__}.{name} is missing in {where}")
            continue
        if parameters is not None:
            found = tuple(inspect.signature(getattr(owner, name)).parameters)
            if found != parameters:
                problems.append(f"{owner.__name__}.{name} takes {found}, not {parameters}, in {where}")
    for instance, names in _instances_relied_on():
        problems += [f"{type(instance).__name__}().{name} is not set in {where}"
                     for name in names if name not in vars(instance)]
    return problems


class LazyArtifacts(NlpArtifacts):
    """Presidio's NlpArtifacts with lemmas, token offsets and keywords computed only when asked
    for: only context enhancement reads them, and only for texts with findings."""

    def __init__(self, entities: list[Span], doc: Doc, nlp_engine: PipelineNlpEngine, language: str,
                 scores: list[float]):
        # NlpArtifacts' own constructor computes every attribute at once; these give the same ones.
        self.entities, self.tokens, self.scores = entities, doc, scores
        self.nlp_engine, self.language = nlp_engine, language

    @functools.cached_property
    def lemmas(self) -> list[str]:  # type: ignore[override]
        """Lemmas; lower-cased tokens stand in for them when no lemmatizer runs (read from the
        Doc's arrays, not through a Token object per token)."""
        strings = self.tokens.vocab.strings
        attribute = LEMMA if self.nlp_engine.has_lemmas else LOWER
        return [strings[h] for h in self.tokens.to_array(attribute).tolist()]

    @functools.cached_property
    def token_spans(self) -> list[tuple[int, int]]:
        """(start, end) character offsets of each token."""
        return [(idx, idx + length) for idx, length in self.tokens.to_array([IDX, LENGTH]).tolist()]

    @functools.cached_property
    def tokens_indices(self) -> list[int]:  # type: ignore[override]
        """Character offset of each token."""
        return [start for start, _ in self.token_spans]

    @functools.cached_property
    def token_ends(self) -> list[int]:
        """Character offset of the end of each token."""
        return [end for _, end in self.token_spans]

    @functools.cached_property
    def keywords(self) -> list[str]:  # type: ignore[override]
        """Lower-cased lemmas that are not stop words or punctuation (Presidio's definition)."""
        return NlpArtifacts.set_keywords(self.nlp_engine, self.lemmas, self.language)

    @functools.cached_property
    def keyword_set(self) -> frozenset[str]:
        """The keywords, for membership tests."""
        return frozenset(self.keywords)


class ContextEnhancer(LemmaContextAwareEnhancer):
    """Presidio's lemma context enhancer, finding the match's token by bisection and testing
    keywords in a set instead of walking every token of the text for every result."""

    def _extract_surrounding_words(self, nlp_artifacts: NlpArtifacts, word: str, start: int) -> list[str]:
        if not isinstance(nlp_artifacts, LazyArtifacts) or not nlp_artifacts.tokens:
            return super()._extract_surrounding_words(nlp_artifacts, word, start)
        # Presidio's token: the first one whose end lies after `start`.
        index = bisect.bisect_right(nlp_artifacts.token_ends, start)
        if index == len(nlp_artifacts.token_ends):
            raise ValueError(f"Did not find word '{word}' in the list of tokens although it is expected to be found")
        # A set where Presidio passes a list: it only tests membership in it.
        lemmas, keywords = nlp_artifacts.lemmas, nlp_artifacts.keyword_set
        backward = self._add_n_words_backward(index, self.context_prefix_count, lemmas, keywords)  # type: ignore[arg-type]
        forward = self._add_n_words_forward(index, self.context_suffix_count, lemmas, keywords)  # type: ignore[arg-type]
        return list(set(backward + forward))


class PipelineNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine around a pipeline loaded elsewhere; a subclass says how a Doc
    becomes NlpArtifacts in :meth:`artifacts_of`, which Presidio's own process_text and
    process_batch then use too."""

    def __init__(self, nlp: spacy.Language, language: str, model_name: str):
        super().__init__(models=[{"lang_code": language, "model_name": model_name}])
        self.nlp = {language: nlp}  # type: ignore[assignment]  # what load() sets: Presidio reads it
        self.has_lemmas = "lemmatizer" in nlp.pipe_names

    def artifacts_of(self, doc: Doc, language: str) -> NlpArtifacts:
        """Presidio's NlpArtifacts for a Doc of this engine's pipeline."""
        return super()._doc_to_nlp_artifact(doc, language)

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        return self.artifacts_of(doc, language)


def recognizer_id(result: RecognizerResult) -> str:
    """The id of the recognizer a tagged result (see tag_with_recognizer) came from."""
    return result.recognition_metadata[RecognizerResult.RECOGNIZER_IDENTIFIER_KEY]


def tag_with_recognizer(results: Iterable[RecognizerResult], recognizer: EntityRecognizer) -> None:
    """Name the recognizer in each result's metadata unless it already says, as
    AnalyzerEngine.analyze does (context enhancement finds a result's recognizer by this id)."""
    for result in results:
        metadata = result.recognition_metadata
        if metadata is None:
            metadata = result.recognition_metadata = {}
        metadata.setdefault(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY, recognizer.id)
        metadata.setdefault(RecognizerResult.RECOGNIZER_NAME_KEY, recognizer.name)  # type: ignore[has-type]


def remove_allow_list(results: list[RecognizerResult], allow_list: list[str], text: str) -> list[RecognizerResult]:
    """The results whose matched text is not exactly a word of `allow_list`, as analyze() does."""
    return AnalyzerEngine._remove_allow_list(results, allow_list, text, None, "exact")


def drop_explanations(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """The results without their analysis explanation, as analyze() returns them by default."""
    for result in results:
        result.analysis_explanation = None  # type: ignore[assignment]
    return results
