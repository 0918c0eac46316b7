"""The Presidio adapter: every private or undocumented Presidio name the project leans on is still
there, taking what it took, in the installed presidio-analyzer. An upgrade that changes one fails
here, naming it and the version the adapter was written for, before it fails anywhere else."""

import ast
from importlib.metadata import version
from pathlib import Path

import presidio_analyzer
import pytest
import spacy
from conftest import ROOT
from presidio_analyzer import AnalyzerEngine, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redact import presidio_adapter
from redact.presidio_adapter import (
    PRESIDIO_VERSION,
    RELIES_ON,
    LazyArtifacts,
    PipelineNlpEngine,
    presidio_drift,
    remove_allow_list,
)


def test_the_installed_presidio_has_everything_the_adapter_relies_on():
    problems = presidio_drift()
    assert not problems, "Presidio changed under the adapter:\n" + "\n".join(problems)


def test_the_adapter_is_written_for_the_pinned_presidio():
    assert version("presidio-analyzer") == PRESIDIO_VERSION, (
        f"presidio-analyzer {version('presidio-analyzer')} is installed, the adapter was checked against "
        f"{PRESIDIO_VERSION}: run the tests of redact.presidio_adapter, then update PRESIDIO_VERSION")


def test_a_missing_name_is_named_with_the_pinned_version(monkeypatch):
    monkeypatch.delattr(AnalyzerEngine, "_remove_allow_list")
    assert presidio_drift() == [f"AnalyzerEngine._remove_allow_list is missing in presidio-analyzer "
                                f"{version('presidio-analyzer')} (this adapter was written for {PRESIDIO_VERSION})"]


def test_a_changed_signature_is_named(monkeypatch):
    monkeypatch.setattr(AnalyzerEngine, "_remove_allow_list", staticmethod(lambda results, allow_list, text: results))
    [problem] = presidio_drift()
    assert problem.startswith("AnalyzerEngine._remove_allow_list takes ('results', 'allow_list', 'text'), not ")


def presidio_private_names() -> set[str]:
    """Every underscore-prefixed (not dunder) function, class or `self.` attribute of presidio-analyzer."""
    names = set()
    for path in Path(presidio_analyzer.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
                names.add(node.attr)
    return {name for name in names if name.startswith("_") and not name.startswith("__")}


def private_uses(path: Path, private: set[str]) -> set[str]:
    """The Presidio private names a module reads (`x._name`) or overrides (a method `_name`)."""
    used = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in private:
            used.add(node.attr)
        elif isinstance(node, ast.ClassDef):
            used.update(f.name for f in node.body if isinstance(f, ast.FunctionDef) and f.name in private)
    return used


def test_only_the_adapter_touches_presidios_private_names_and_it_checks_each():
    private = presidio_private_names()
    modules = [p for package in ("redact", "recognizers") for p in (ROOT / package).rglob("*.py")]
    elsewhere = {str(p.relative_to(ROOT)): used for p in modules if p.name != "presidio_adapter.py"
                 if (used := private_uses(p, private))}
    assert not elsewhere, f"Presidio's private API outside redact/presidio_adapter.py: {elsewhere}"
    used = private_uses(Path(presidio_adapter.__file__), private)
    assert used and used <= {name for _, name, _ in RELIES_ON}


def test_the_engine_reads_its_pipeline_where_presidio_reads_it():
    nlp = spacy.blank("en")
    engine = PipelineNlpEngine(nlp, "en", "blank")
    assert engine.get_nlp("en") is nlp and engine.is_stopword("the", "en") and engine.is_punct(",", "en")
    artifacts = engine.process_text("Call Ann, then go.", "en")  # Presidio's path to our hook
    assert isinstance(artifacts, NlpArtifacts) and artifacts.tokens.text == "Call Ann, then go."


def test_lazy_artifacts_give_what_presidios_constructor_computes():
    nlp = spacy.blank("en")
    engine = PipelineNlpEngine(nlp, "en", "blank")
    doc = nlp("Call Ann, then go to the shop.")
    ours = LazyArtifacts([], doc, engine, "en", [])
    presidio = NlpArtifacts(entities=[], tokens=doc, tokens_indices=[t.idx for t in doc],
                            lemmas=[t.lower_ for t in doc], nlp_engine=engine, language="en", scores=[])
    assert (ours.tokens_indices, ours.lemmas, ours.keywords) == \
        (presidio.tokens_indices, presidio.lemmas, presidio.keywords)


@pytest.mark.parametrize("allow_list, kept", [(["Ann"], ["Bob"]), (["ann"], ["Ann", "Bob"]), ([], ["Ann", "Bob"])])
def test_the_allow_list_removes_exact_matches(allow_list, kept):
    text = "Ann met Bob"
    results = [RecognizerResult("PERSON", 0, 3, 0.8), RecognizerResult("PERSON", 8, 11, 0.8)]
    assert [text[r.start:r.end] for r in remove_allow_list(results, allow_list, text)] == kept
