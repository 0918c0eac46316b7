"""The systems under test: a profile, and stock Presidio as a baseline. Each turns every gold text
into `Detection`s: a finding's type and span, and the characters its operator actually removed."""

from __future__ import annotations

import time
from collections.abc import Iterator
from itertools import count
from typing import Any

from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine, RecognizerRegistry, predefined_recognizers
from presidio_analyzer.nlp_engine import NlpEngineProvider
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig

from redact.evaluate.gold import GoldRecord
from redact.evaluate.metrics import Detection, Scorecard, score
from redact.offline import use_bundled_suffix_list
from redact.operators import mask_indices
from redact.profile import MaskOp, Profile
from redact.record import QUARANTINED, Finding, Record
from redact.redactor import Redactor

BASELINES = ("presidio",)


def for_evaluation(profile: Profile) -> Profile:
    """The profile reading a gold record's `id` and `text` only; its other settings unchanged."""
    record = profile.record.model_copy(update={"id_field": "id", "text_fields": ["text"]})
    return profile.model_copy(update={"record": record})


def processed_records(redactor: Redactor, gold: list[GoldRecord]) -> Iterator[Record]:
    """Each gold text through the redactor's stages as a record `{id, text}`, batched, in order."""
    numbers = count(1)
    records = (redactor.reader.fill_object(Record(line=next(numbers), raw=b""), {"id": g.id, "text": g.text})
               for g in gold)
    return redactor.process(records)


def record_detections(record: Record, profile: Profile, text: str) -> list[Detection] | None:
    """The detections in a processed record's `text` field; None when it was quarantined (a
    dropped record removed nothing)."""
    if record.status == QUARANTINED:
        return None
    if not record.live:
        return []
    findings = [f for text_field in record.fields if text_field.name == "text" for f in text_field.findings]
    return [detection_from_finding(f, profile, text) for f in findings]


def profile_detections(redactor: Redactor, gold: list[GoldRecord]) -> Iterator[list[Detection] | None]:
    """Run a Redactor over the gold texts, batched; None for each record it quarantined."""
    for record, processed in zip(gold, processed_records(redactor, gold)):
        yield record_detections(processed, redactor.profile, record.text)


def detection_from_finding(finding: Finding, profile: Profile, text: str) -> Detection:
    """A finding in `text` as a Detection: what its operator removed, from the profile's settings
    (a partial mask removes from its first to its last masked letter or digit)."""
    start, end, entity_type = finding.start, finding.end, finding.entity_type
    if finding.operator == "keep":
        return Detection(entity_type, start, end, start, start)
    spec = profile.operator_for(entity_type)
    if finding.operator == "mask" and isinstance(spec, MaskOp) and spec.chars_to_mask is not None:
        masked = mask_indices(text[start:end], spec.chars_to_mask, spec.from_end)
        cut = (start + masked[0], start + masked[-1] + 1) if masked else (start, start)
        return Detection(entity_type, start, end, *cut)
    return Detection(entity_type, start, end, start, end)


def evaluate_profile(profile: Profile, gold: list[GoldRecord], key: bytes | None = None) -> Scorecard:
    """Score a profile on a gold set, reading only each record's `text`."""
    started = time.perf_counter()
    redactor = Redactor(for_evaluation(profile), key)
    card = score(profile.name, gold, profile_detections(redactor, gold))
    card.seconds = time.perf_counter() - started
    return card


class PresidioBaseline:
    """Stock Presidio: every default recognizer, the given spaCy model, the default replace.

    Built the way Presidio's documentation builds it, so its row is what a user of plain Presidio
    would get from the same model, measured in the same run on the same texts.
    """

    name = "presidio"

    def __init__(self, model: str, batch_size: int = 64):
        use_bundled_suffix_list()  # Presidio's e-mail and URL checks would fetch a suffix list
        config = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]}
        nlp_engine = NlpEngineProvider(nlp_configuration=config).create_engine()
        analyzer = AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["en"])
        presidios_own(analyzer.registry)
        self.analyzer = BatchAnalyzerEngine(analyzer)
        self.anonymizer = AnonymizerEngine()
        self.batch_size = batch_size

    def detections(self, texts: list[str]) -> Iterator[list[Detection]]:
        """What the default replace removed from each text, in input offsets."""
        results = self.analyzer.analyze_iterator(texts, language="en", batch_size=self.batch_size)
        for text, found in zip(texts, results, strict=True):
            yield replaced_spans(self.anonymizer, text, found)


def presidios_own(registry: RecognizerRegistry) -> None:
    """Put Presidio's own class back wherever the registry built one of ours: Presidio finds a
    predefined recognizer by class name among every subclass of EntityRecognizer loaded in the
    process, so recognizers.phone.PhoneRecognizer could stand in for Presidio's PhoneRecognizer
    (which one came first depended on the order modules were imported)."""
    for index, recognizer in enumerate(registry.recognizers):
        if not type(recognizer).__module__.startswith("presidio_analyzer."):
            stock = getattr(predefined_recognizers, type(recognizer).__name__)
            # presidio types RecognizerRegistry.recognizers as an Iterable; it is the registry's list.
            registry.recognizers[index] = stock(  # type: ignore[index]
                supported_language=recognizer.supported_language)


def replaced_spans(anonymizer: AnonymizerEngine, text: str, results: list[Any]) -> list[Detection]:
    """The spans Presidio's default replace removes, after its own conflict handling and merging.

    The `keep` operator leaves the text as it is, so its items carry input offsets; conflict
    handling and merging do not depend on the operator, so the default replace run replaces the
    same spans (checked by count: its `<TYPE>` texts can differ where merged types differ).
    `results` are the analyzer's RecognizerResults, which the anonymizer takes as its own.
    """
    kept = anonymizer.anonymize(text, results, {"DEFAULT": OperatorConfig("keep")})
    replaced = anonymizer.anonymize(text, results)
    if len(kept.items) != len(replaced.items):
        raise RuntimeError("Presidio's keep and replace runs disagree on the spans replaced")
    spans = sorted((item.start, item.end, item.entity_type) for item in kept.items)
    return [Detection(t, s, e, s, e) for s, e, t in spans]


def evaluate_presidio(model: str, gold: list[GoldRecord], batch_size: int = 64) -> Scorecard:
    """Score stock Presidio with the given spaCy model on a gold set."""
    started = time.perf_counter()
    baseline = PresidioBaseline(model, batch_size)
    card = score(baseline.name, gold, baseline.detections([r.text for r in gold]))
    card.seconds = time.perf_counter() - started
    return card
