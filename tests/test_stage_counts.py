"""The pipeline as one ordered list of stages: the summary's per-stage counts, the guards every
caller of `run()` gets, and imports that go one way (issue 18)."""

import ast
import json
from pathlib import Path

import pytest
import yaml

from redact.errors import MissingKey, ProfileError, RedactError
from redact.pipeline import Pipeline, Pipelines, run
from redact.profile import load_profile

TESTS = Path(__file__).parent
ROOT = TESTS.parent
PATTERNS = TESTS / "profiles" / "patterns.yaml"
MIXED = TESTS / "malformed" / "mixed.jsonl"
KEY = b"stage-counts-key-not-secret"


def consent_patterns(**consent):
    """The model-free patterns profile with a consent rule on the region."""
    raw = yaml.safe_load(PATTERNS.read_text())
    raw["consent"] = {"region_field": "region", "exclude_regions": ["EU"], **consent}
    return load_profile(raw)


def consent_input(tmp_path):
    """Good, excluded, unreadable and region-less records: each stage takes some out."""
    lines = [json.dumps({"id": f"r{i}", "region": region, "text": f"mail r{i}@example.com"})
             for i, region in enumerate(["US", "DE", "BR", "FR", "CA"])]
    lines += ['{"id": "broken"', json.dumps({"id": "nr", "text": "no region"})]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n")
    return source


def test_the_summary_counts_each_stage_in_order_and_the_counts_chain(tmp_path):
    source = consent_input(tmp_path)
    summary = run(consent_patterns(), source, tmp_path / "out.jsonl", tmp_path / "r.jsonl",
                  tmp_path / "q.jsonl", summary_file=tmp_path / "s.json")
    stages = json.loads((tmp_path / "s.json").read_text())["stages"]
    assert stages == summary.as_dict()["stages"]
    assert list(stages) == ["read", "consent", "analyze", "resolve", "anonymize", "write"]
    assert stages["read"] == {"in": 7, "out": 6, "quarantined": 1, "dropped": 0, "findings": 0}
    assert stages["consent"] == {"in": 6, "out": 3, "quarantined": 0, "dropped": 3, "findings": 0}
    for before, after in zip(stages, list(stages)[1:], strict=False):
        assert stages[after]["in"] == stages[before]["out"]
    assert stages["analyze"]["findings"] == 3
    assert stages["write"]["out"] == summary.written == 3
    assert stages["write"]["findings"] == sum(summary.findings.values())
    assert sum(s["quarantined"] for s in stages.values()) == sum(summary.quarantined.values())
    assert sum(s["dropped"] for s in stages.values()) == sum(summary.dropped.values())


def test_a_stage_no_record_reached_is_counted_as_zero(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("not json\n")
    summary = run(load_profile(PATTERNS), source, tmp_path / "out.jsonl")
    stages = summary.as_dict()["stages"]
    assert list(stages) == ["read", "analyze", "resolve", "anonymize", "write"]
    assert stages["read"]["quarantined"] == 1
    assert stages["write"] == {"in": 0, "out": 0, "quarantined": 0, "dropped": 0, "findings": 0}


@pytest.mark.parametrize("workers", [1, 2])
def test_the_stage_counts_are_the_same_with_workers(tmp_path, workers):
    source = tmp_path / "in.jsonl"
    source.write_bytes(MIXED.read_bytes() * 40)  # several chunks
    one = run(load_profile(PATTERNS), source, tmp_path / "one.jsonl", workers=1)
    many = run(load_profile(PATTERNS), source, tmp_path / "many.jsonl", workers=workers)
    assert many.as_dict()["stages"] == one.as_dict()["stages"]
    assert one.as_dict()["stages"]["read"]["in"] == one.read


# --- every guard in run(): a library caller gets the CLI's, before any file is made ---

def no_files_made(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name != "in.jsonl"]


def test_a_library_run_without_the_key_its_profile_needs_makes_no_file(tmp_path):
    raw = yaml.safe_load(PATTERNS.read_text())
    raw["operators"] = {"DEFAULT": {"type": "pseudonym"}}
    source = consent_input(tmp_path)
    with pytest.raises(MissingKey):
        run(load_profile(raw), source, tmp_path / "out.jsonl", tmp_path / "r.jsonl")
    assert no_files_made(tmp_path)


def test_a_library_run_with_an_opt_out_list_it_cannot_use_makes_no_file(tmp_path):
    source = consent_input(tmp_path)
    with pytest.raises(ProfileError, match="--opt-out needs consent.author_field"):
        run(consent_patterns(), source, tmp_path / "out.jsonl", opt_out_file=source)
    with pytest.raises(RedactError, match="no such file"):
        run(consent_patterns(author_field="author_id"), source, tmp_path / "out.jsonl",
            opt_out_file=tmp_path / "missing.txt")
    assert no_files_made(tmp_path)


# --- per-process cache for Spark executors and datasets.map workers ---

def test_a_cache_builds_one_pipeline_per_profile_and_key():
    profile = load_profile(PATTERNS)
    data, digest = profile.model_dump(mode="json"), profile.content_hash()
    cache = Pipelines()
    first = cache.get(data, digest, None)
    assert isinstance(first, Pipeline) and cache.get(data, digest, None) is first
    assert cache.get(data, digest, KEY) is not first
    assert Pipelines().get(data, digest, None) is not first  # a cache is its owner's
    assert Pipelines.of_this_process() is Pipelines.of_this_process()


# --- imports go one way ---

OWNED = ["pipeline", "workers", "redactor", "summary", "checkpoint", "guards", "spark", "hf",
         "stages.write"]


def imported_modules(module: str) -> set[str]:
    """The redact modules `module` imports anywhere in its text, functions included."""
    path = ROOT / "redact" / (module.replace(".", "/") + ".py")
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("redact."):
            found.add(node.module.removeprefix("redact."))
        elif isinstance(node, ast.Import):
            found |= {a.name.removeprefix("redact.") for a in node.names if a.name.startswith("redact.")}
    return found


def reaches(start: str, goal: str) -> bool:
    """True when `start` imports `goal`, directly or through other redact modules."""
    seen, stack = set(), [start]
    while stack:
        module = stack.pop()
        for imported in imported_modules(module):
            if imported == goal:
                return True
            exists = (ROOT / "redact" / (imported.replace(".", "/") + ".py")).exists()
            if imported not in seen and exists:
                seen.add(imported)
                stack.append(imported)
    return False


def test_the_workers_import_nothing_of_the_project():
    assert imported_modules("workers") == set()


@pytest.mark.parametrize("module", OWNED)
def test_no_module_of_the_run_is_in_an_import_cycle(module):
    assert not reaches(module, module)
