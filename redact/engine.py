"""Build, once per process, the spaCy pipeline, Presidio analyzer and anonymizer a profile needs."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import spacy
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import SpacyRecognizer
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig
from spacy.tokens import Doc

from recognizers.base import Precheck, within_budget
from recognizers.person.trim import trim_to_name
from redact.budget import Deadline, bounded_by
from redact.errors import MissingKey, ModelNotInstalled
from redact.languages import UNCOVERED, language_profile
from redact.offline import use_bundled_suffix_list
from redact.operators import Mask, Pseudonym, check_key
from redact.presidio_adapter import (
    ContextEnhancer,
    LazyArtifacts,
    PipelineNlpEngine,
    drop_explanations,
    recognizer_id,
    remove_allow_list,
    tag_with_recognizer,
)
from redact.profile import NlpSpec, Profile
from redact.registry import build_recognizer, model_pipeline, precheck_for
from redact.surrogates import Neighbours, Surrogate, Surrogates, locale_for_language
from redact.tokenizable import tokenizable

# spaCy components each component needs to give its output.
COMPONENT_NEEDS = {
    "lemmatizer": ("tok2vec", "tagger", "attribute_ruler"),
    "attribute_ruler": ("tok2vec", "tagger"),
    "tagger": ("tok2vec",),
    "parser": ("tok2vec",),
    "senter": (),
    "ner": (),
}
NER_RECOGNIZER = "spacy_ner"


def load_nlp(spec: NlpSpec, language: str) -> spacy.Language:
    """The spaCy pipeline with only the components the profile runs (a tokenizer when no model:
    the language's own, or the multi-language one where the language's needs a segmenter that is
    not installed, as Japanese and Korean do)."""
    if spec.model is None:
        try:
            return spacy.blank(language)
        except ImportError:
            return spacy.blank("xx")
    pipeline = model_pipeline(spec.model)
    if pipeline is None:
        raise ModelNotInstalled(spec.model)
    wanted = set(spec.components)
    for name in spec.components:
        wanted.update(COMPONENT_NEEDS.get(name, ()))
    return spacy.load(spec.model, exclude=[c for c in pipeline if c not in wanted])


class LoadedSpacyEngine(PipelineNlpEngine):
    """Presidio's spaCy engine around a pipeline we loaded ourselves, with our NER label mapping."""

    def __init__(self, nlp: spacy.Language, spec: NlpSpec, language: str):
        super().__init__(nlp, language, spec.model or "blank")
        self.labels = dict(spec.ner_labels) if spec.model else {}
        self.score = spec.ner_score
        self.trim = trim_to_name if spec.drop_word_names else (lambda ent: ent)
        # Context enhancement asks about the same few thousand words over and over.
        self.is_stopword = functools.lru_cache(maxsize=1 << 16)(self.is_stopword)  # type: ignore[method-assign]
        self.is_punct = functools.lru_cache(maxsize=1 << 16)(self.is_punct)  # type: ignore[method-assign]

    def get_supported_entities(self) -> list[str]:
        """Entity types the NER mapping gives."""
        return sorted(set(self.labels.values()))

    def artifacts_of(self, doc: Doc, language: str) -> NlpArtifacts:
        """The Doc's entities under our labels (PERSON trimmed to the name), the rest lazily."""
        entities = []
        for ent in doc.ents:
            if ent.label_ in self.labels:
                label = self.labels[ent.label_]
                span = self.trim(ent) if label == "PERSON" else ent
                if span is not None:
                    span.label_ = label
                    entities.append(span)
        return LazyArtifacts(entities, doc, self, language, [self.score] * len(entities))


def require_key(profile: Profile, key: bytes | None) -> None:
    """Raise MissingKey when the profile needs the secret key and there is none, and BadKey for
    a key that is too short or not bytes (library and Spark callers pass keys in code)."""
    needed_by = profile.needs_key()
    if needed_by and not key:
        raise MissingKey(needed_by)
    if key is not None:
        check_key(key)


class Engine:
    """Everything a profile needs to analyse and anonymise text, built once per process."""

    def __init__(self, profile: Profile, key: bytes | None = None,
                 pipelines: dict[tuple, spacy.Language] | None = None):
        require_key(profile, key)
        use_bundled_suffix_list()
        self.profile = profile
        self.key = key
        self.language = profile.language
        # spaCy pipelines by what they load, shared with the engines of the other languages.
        self.pipelines = {} if pipelines is None else pipelines
        self.nlp = self._pipeline(profile.nlp, profile.language)
        self.nlp_engine = LoadedSpacyEngine(self.nlp, profile.nlp, profile.language)
        self.analyzer = AnalyzerEngine(
            registry=self._registry(), nlp_engine=self.nlp_engine,
            supported_languages=[profile.language], context_aware_enhancer=ContextEnhancer(),
        )
        self.anonymizer = AnonymizerEngine()
        self.anonymizer.add_anonymizer(Pseudonym)
        self.anonymizer.add_anonymizer(Mask)  # ours: counts letters and digits, not separators
        self.anonymizer.add_anonymizer(Surrogate)
        self._surrogates: dict[str, Surrogates] = {}
        self._operator_configs: dict[str, OperatorConfig] = {}
        self._plan = self._analysis_plan()
        self._warm_up()
        self.by_language: dict[str, Engine] = {}  # built on first use: see for_language

    def _pipeline(self, spec: NlpSpec, language: str) -> spacy.Language:
        """The pipeline `spec` names, loaded once however many languages name it."""
        key = (spec.model, tuple(spec.components)) if spec.model else (None, language)
        if key not in self.pipelines:
            self.pipelines[key] = load_nlp(spec, language)
        return self.pipelines[key]

    def for_language(self, lang: str | None) -> Engine:
        """The engine that analyses text identified as `lang`: this one for the profile's language
        (and `und`), else the covered language's or the uncovered text's, built the first time
        such text comes (an English-only corpus never loads the French model; the profile check
        has already made sure every model named is installed)."""
        spec = self.profile.languages
        if not lang or spec is None or lang == self.language:
            return self
        if lang not in self.by_language:
            if lang not in spec.covered and lang != UNCOVERED:
                raise KeyError(f"no engine for language '{lang}'")
            self.by_language[lang] = Engine(language_profile(self.profile, lang), self.key, self.pipelines)
        return self.by_language[lang]

    def _warm_up(self) -> None:
        """Compile every recognizer's patterns now, at start-up, not inside the first batch."""
        text = "Mail Ann Lee at ann@example.com or +44 7700 900123, 12 Main St; @ann 4111 1111 1111 1111"
        self.analyze(text, next(self.artifacts([text])))

    def _analysis_plan(self) -> list[tuple[EntityRecognizer, Precheck | None]]:
        """The recognizers a text goes through, in registry order, each with the cheap test a
        text must pass to be worth its patterns (None: every text)."""
        entities = self.profile.entities
        recognizers = self.analyzer.registry.get_recognizers(
            language=self.language, entities=entities, all_fields=not entities)
        order = {id(r): i for i, r in enumerate(self.analyzer.registry.recognizers)}
        recognizers.sort(key=lambda r: order[id(r)])
        self._entities = entities or self.analyzer.get_supported_entities(self.language)
        self._context_words = {r.id: [w.lower() for w in r.context] for r in recognizers if r.context}
        for recognizer in recognizers:
            if not recognizer.is_loaded:
                recognizer.load()
                recognizer.is_loaded = True
        # Presidio lets a recognizer rescore its own results after the fact; none of ours or of
        # the predefined ones does, and one that does goes through Presidio's own analyze().
        self._lean = all(type(r).enhance_using_context is EntityRecognizer.enhance_using_context
                         for r in recognizers)
        return [(r, precheck_for(r)) for r in recognizers]

    def analyze(self, text: str, nlp_artifacts, allow_list: list[str] | None = None,
                deadline: Deadline | None = None) -> list[RecognizerResult]:
        """Presidio's AnalyzerEngine.analyze (every recognizer, context enhancement, duplicates
        removed, allow list, no decision process) with its per-call costs left out: recognizers
        whose precheck the text fails are skipped, and context enhancement runs only when a
        result comes from a recognizer with context words.

        With a `deadline`, it is checked before each recognizer and every pattern's regex gets
        the time left as its timeout: BudgetExceeded when it runs out."""
        with bounded_by(deadline):
            if not self._lean:
                return self.analyzer.analyze(text, self.language, entities=self.profile.entities,
                                             score_threshold=0.0, allow_list=allow_list,
                                             nlp_artifacts=nlp_artifacts)
            return self._analyze_lean(text, nlp_artifacts, allow_list, deadline)

    def _analyze_lean(self, text: str, nlp_artifacts, allow_list: list[str] | None,
                      deadline: Deadline | None) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        for recognizer, precheck in self._plan:
            if precheck is not None and not precheck.search(text):
                continue
            if deadline is not None:
                deadline.check(recognizer.name)  # type: ignore[has-type]
            found = recognizer.analyze(text=text, entities=self._entities, nlp_artifacts=nlp_artifacts) or []
            tag_with_recognizer(found, recognizer)
            results.extend(found)
        # The enhancer rescores each result on its own and leaves those of recognizers without
        # context words alone: it gets only the others (it deep-copies what it gets).
        contextual = [i for i, r in enumerate(results) if recognizer_id(r) in self._context_words]
        raw = [results[i] for i in contextual]
        if raw and self._context_possible(text, raw):
            enhanced = self.analyzer.context_aware_enhancer.enhance_using_context(
                text=text, raw_results=raw, nlp_artifacts=nlp_artifacts,
                recognizers=[r for r, _ in self._plan], context=None)
            for i, result in zip(contextual, enhanced):
                results[i] = result
        results = EntityRecognizer.remove_duplicates([r for r in results if r.score >= 0.0])
        if allow_list:
            results = remove_allow_list(results, allow_list, text)
        return drop_explanations(results)

    def _context_possible(self, text: str, results: list[RecognizerResult]) -> bool:
        """Whether the enhancer could find a context word for any of `results`. Without a
        lemmatizer the words it compares are lower-cased tokens of `text`, and a context word
        counts when it is part of one: none can when no context word is part of the lower-cased
        text. With lemmas (`went` -> `go`) it always could."""
        if self.nlp_engine.has_lemmas:
            return True
        lowered = text.lower()
        ids = {recognizer_id(r) for r in results}
        return any(word in lowered for i in ids for word in self._context_words[i])

    def _registry(self) -> RecognizerRegistry:
        registry = RecognizerRegistry(supported_languages=[self.language])
        for ref in self.profile.recognizers:
            recognizer = within_budget(build_recognizer(ref, self.language))
            self._add_context(recognizer)
            registry.add_recognizer(recognizer)
        ner_entities = self.nlp_engine.get_supported_entities()
        if ner_entities:
            registry.add_recognizer(SpacyRecognizer(
                supported_language=self.language, supported_entities=ner_entities,
                ner_strength=self.profile.nlp.ner_score, name=NER_RECOGNIZER,
            ))
        return registry

    def _add_context(self, recognizer) -> None:
        extra = [w for e in recognizer.supported_entities for w in self.profile.context.get(e, [])]
        if extra:
            recognizer.context = list(recognizer.context or []) + extra

    def artifacts(self, texts: Iterable[str]) -> Iterator[NlpArtifacts]:
        """spaCy's analysis of each text, batched through nlp.pipe (long runs of symbols blanked
        but for their ends: see `redact.tokenizable`; the offsets are the text's)."""
        docs = self.nlp.pipe(map(tokenizable, texts), batch_size=self.profile.nlp.batch_size)
        for doc in docs:
            yield self.nlp_engine.artifacts_of(doc, self.language)

    def operator_config(self, entity_type: str) -> OperatorConfig:
        """The Presidio operator config for an entity type, built once per type."""
        if entity_type not in self._operator_configs:
            self._operator_configs[entity_type] = self._build_operator(entity_type)
        return self._operator_configs[entity_type]

    def _build_operator(self, entity_type: str) -> OperatorConfig:
        op = self.profile.operator_for(entity_type)
        if op.type == "replace":
            return OperatorConfig("replace", {"new_value": op.template.format(entity_type=entity_type)})
        if op.type == "mask":
            return OperatorConfig("mask", {
                "masking_char": op.masking_char, "from_end": op.from_end,
                "chars_to_mask": op.chars_to_mask,
            })
        if op.type == "pseudonym":
            return OperatorConfig("pseudonym", {
                "key": self.key, "entity_type": entity_type,
                "template": op.template, "digest_chars": op.digest_chars,
            })
        if op.type == "surrogate":
            return OperatorConfig("surrogate", {"surrogates": self.surrogates(op.locale)})
        return OperatorConfig(op.type, {})

    def operators_for(self, entity_types: Iterable[str], near: Neighbours) -> dict[str, OperatorConfig]:
        """The operator config of each entity type for one text: the run's, but a surrogate's
        carries that text's `near` values in a config of its own (per call: a Redactor shared by
        threads never lets one text's values reach another's surrogates)."""
        configs = {}
        for entity_type in entity_types:
            config = self.operator_config(entity_type)
            if config.operator_name == "surrogate":
                config = OperatorConfig("surrogate", {**config.params, "near": near})
            configs[entity_type] = config
        return configs

    def surrogates(self, locale: str | None = None) -> Surrogates:
        """The run's surrogate maker for a Faker locale (default: the profile's language's)."""
        locale = locale or locale_for_language(self.language)
        if locale not in self._surrogates:
            # Only a surrogate operator asks for these, and require_key() in __init__ refused a
            # profile with one and no key.
            assert self.key is not None
            self._surrogates[locale] = Surrogates(self.key, locale)
        return self._surrogates[locale]
