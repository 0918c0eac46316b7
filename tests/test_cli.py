"""The `redact` command through typer's CliRunner."""

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from redact.cli.main import app

TESTS = Path(__file__).parent
MIXED = TESTS / "malformed" / "mixed.jsonl"
MIXED_WRITTEN_IDS = ["g1", "g2", "g3", "g5", "g6", "g7", "g8", 123456789012345678901234567890, "g9"]
runner = CliRunner()


def invoke(*args, **kwargs):
    return runner.invoke(app, [str(a) for a in args], **kwargs)


@pytest.mark.slow
def test_run_writes_output_report_quarantine_and_summary(spine_profile, tmp_path):
    out = tmp_path / "posts.redacted.jsonl"
    result = invoke("run", MIXED, "-o", out, "--report", tmp_path / "r.jsonl",
                    "--summary", tmp_path / "s.json", "--profile", spine_profile)
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp_path / "s.json").read_text())
    assert (summary["read"], summary["written"], summary["quarantined"], summary["dropped"]) == (28, 9, 19, 0)
    assert len((tmp_path / "posts.redacted.quarantine.jsonl").read_bytes().splitlines()) == 19
    assert len((tmp_path / "r.jsonl").read_text().splitlines()) == 28
    assert "read 28 = written 9 + quarantined 19 + dropped 0" in result.stderr
    assert summary["profile"] == "spine" and summary["versions"]["model"].startswith("en_core_web_sm")
    assert "key_fingerprint" not in summary  # only a run with a key has one


@pytest.mark.slow
def test_stdin_gzip_to_stdout(spine_profile, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("run", "-", "--profile", spine_profile, "--quiet", input=gzip.compress(MIXED.read_bytes()))
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert ids == MIXED_WRITTEN_IDS
    assert (tmp_path / "redact.quarantine.jsonl").exists()


@pytest.mark.slow
def test_too_many_quarantined_lines_exit_3_after_the_whole_run(spine_profile, tmp_path):
    out = tmp_path / "o.jsonl"
    result = invoke("run", MIXED, "-o", out, "--profile", spine_profile, "--max-quarantined", 9)
    assert result.exit_code == 3
    assert "19 lines quarantined, more than --max-quarantined 9" in result.stderr
    assert len(out.read_text().splitlines()) == 9


@pytest.mark.slow
def test_explain_shows_findings_and_redacted_text(spine_profile):
    result = invoke("explain", "Mail Maria Rossi at maria@example.com", "--profile", spine_profile)
    assert result.exit_code == 0, result.output
    assert "EMAIL_ADDRESS" in result.stdout and "PERSON" in result.stdout
    assert "-> Mail <PERSON> at <EMAIL_ADDRESS>" in result.stdout


@pytest.mark.slow
def test_explain_shows_the_kind_of_evidence_of_a_rules_finding():
    result = invoke("explain", "see you then\n\nRegards,\nQuelbarina", "--profile", "default")
    assert result.exit_code == 0, result.output
    assert "person_context_v1 (signoff)" in result.stdout


def test_a_broken_profile_fails_before_reading_with_every_problem(tmp_path):
    result = invoke("run", tmp_path / "never-read.jsonl", "--profile", TESTS / "bad_profiles" / "unknown_names.yaml")
    assert result.exit_code == 2
    assert "6 problem(s)" in result.stderr and "EmailRecogniser" in result.stderr


def test_a_missing_model_fails_with_one_line_saying_how_to_install_it(tmp_path):
    result = invoke("explain", "x", "--profile", TESTS / "bad_profiles" / "missing_model.yaml")
    assert result.exit_code == 2
    problem_lines = [line for line in result.stderr.splitlines() if line.strip().startswith("-")]
    assert len(problem_lines) == 1 and "pip install en-core-web-trf" in problem_lines[0]


def test_profiles_list_show_validate_schema():
    listed = invoke("profiles", "list")
    assert listed.exit_code == 0
    assert {"default", "messages", "fast"} <= {line.split()[0] for line in listed.stdout.splitlines()}
    shown = invoke("profiles", "show", TESTS / "profiles" / "spine.yaml")
    assert shown.exit_code == 0 and "text_fields:" in shown.stdout
    schema = json.loads(invoke("profiles", "schema").stdout)
    assert "recognizers" in schema["properties"]
    bad = invoke("profiles", "validate", TESTS / "profiles" / "spine.yaml", TESTS / "bad_profiles" / "bad_values.yaml")
    assert bad.exit_code == 2 and "ok " in bad.stdout and "8 problem(s)" in bad.stderr


def command_paths(group=app, prefix=()):
    import typer.main

    click_group = typer.main.get_command(group)
    for name, command in click_group.commands.items():
        sub = getattr(command, "commands", None)
        if sub:
            for sub_name, sub_command in sub.items():
                yield prefix + (name, sub_name), sub_command
        else:
            yield prefix + (name,), command


@pytest.mark.parametrize("path, command", list(command_paths()),
                         ids=lambda p: " ".join(p) if isinstance(p, tuple) else "")
def test_every_command_and_option_is_documented_with_an_example(path, command):
    assert command.help and "Example: redact" in command.help
    for param in command.params:
        if param.param_type_name == "option":
            assert param.help, f"{' '.join(path)} {param.name} has no help"


def test_profiles_show_output_loads_on_its_own_wherever_it_is_saved(tmp_path):
    from redact.profile import load_profile

    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "parent.yaml").write_text((TESTS / "profiles" / "spine.yaml").read_text())
    child = tmp_path / "profiles" / "child.yaml"
    child.write_text("name: child\nextends: parent.yaml\nthresholds: {default: 0.7}\n")
    shown = invoke("profiles", "show", child)
    assert shown.exit_code == 0, shown.output
    saved = tmp_path / "child.resolved.yaml"  # elsewhere: parent.yaml is not beside it
    saved.write_text(shown.stdout)
    reloaded, original = load_profile(saved), load_profile(child)
    assert reloaded.extends is None
    assert reloaded.model_dump(exclude={"extends"}) == original.model_dump(exclude={"extends"})


@pytest.mark.slow
def test_explain_of_a_text_the_profile_quarantines_is_one_line_not_a_traceback(tmp_path):
    profile = tmp_path / "uq.yaml"
    profile.write_text("name: uq\nextends: default\nlanguages: {uncovered: quarantine}\n")
    greek = "Καλημέρα σας, ονομάζομαι Γιώργος Παπαδόπουλος και μένω στην Αθήνα."
    result = invoke("explain", greek, "--profile", profile)
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == ("error: could not analyse the text: language_uncovered "
                                     "(not covered by the profile: el)")


@pytest.mark.parametrize("args", [("run", "in.jsonl", "--workers", "0"), ("eval", "no_such_gold.jsonl"),
                                  ("run",), ("no_such_command",), ("run", "in.jsonl", "--no-such-option")])
def test_a_usage_error_is_one_line_with_exit_code_2(args):
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("error: "), result.stderr
    assert "--help" in result.stderr


def test_a_refused_resume_is_one_line(tmp_path):
    # the no-checkpoint notice came before the run's checks, so a refused run printed two lines
    pa, pq = pytest.importorskip("pyarrow"), pytest.importorskip("pyarrow.parquet")
    pq.write_table(pa.table({"id": ["a"], "text": ["hi"]}), tmp_path / "in.parquet")
    result = invoke("run", tmp_path / "in.parquet", "-o", tmp_path / "o.jsonl", "-p", "fast", "--resume")
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == ["error: --resume does not work with Parquet input: run again without it"]


def test_resume_without_a_checkpoint_says_it_starts_from_the_first_line(tmp_path):
    # a run that finished leaves no checkpoint: --resume then redoes it all, and says so
    out = tmp_path / "o.jsonl"
    result = invoke("run", Path(__file__).parent.parent / "samples" / "posts.jsonl", "-o", out, "-p", "fast",
                    "--resume", "--no-progress")
    assert result.exit_code == 0, result.output
    assert "resume: no checkpoint beside" in result.stderr and "started from the first line" in result.stderr
    assert len(out.read_text().splitlines()) == 20


def test_the_warning_under_unlisted_quarantine_names_the_reasons_given(tmp_path):
    """It said every record "was quarantined as unlisted_field" though a key that reads as a name
    quarantines its record as unlisted_key under `unlisted: quarantine` too."""
    profile = tmp_path / "p.yaml"
    profile.write_text(f"name: p\nextends: {TESTS / 'profiles' / 'patterns.yaml'}\n"
                       f"record: {{unlisted: quarantine}}\n")
    source = tmp_path / "in.jsonl"
    source.write_text('{"id":"1","text":"hi","kishan_patel":"x"}\n{"id":"2","text":"hi","extra":"y"}\n'
                      '{"id":"3","text":"hi","votes":{"kishan_patel":1}}\n')
    done = CliRunner().invoke(app, ["run", str(source), "-o", str(tmp_path / "out.jsonl"), "--profile",
                                    str(profile), "--quiet", "--workers", "1"])
    assert done.exit_code == 0, done.output
    assert ("they were quarantined (unlisted_field 1, unlisted_key 2) by record.unlisted: quarantine"
            in done.stderr)
    assert "as unlisted_field" not in done.stderr


def test_any_record_of_a_kind_the_profile_does_not_know_is_warned_of_naming_consent_kinds(tmp_path):
    """A profile extending `corpus` on data with its own kinds (`reply`) dropped them as
    consent_unknown without a word below half the records, and above it blamed missing fields."""
    source = tmp_path / "in.jsonl"
    source.write_text("".join(f'{{"id":"{i}","author_id":"m{i}","region":"US","kind":"{kind}","text":"hi"}}\n'
                              for i, kind in enumerate(["post", "post", "reply"])))
    done = CliRunner().invoke(app, ["run", str(source), "-o", str(tmp_path / "out.jsonl"), "--profile",
                                    "corpus", "--quiet", "--workers", "1"])
    assert done.exit_code == 0, done.output
    [warning] = [line for line in done.stderr.splitlines() if line.startswith("WARNING")]
    assert warning.startswith("WARNING: 1 of 3 records dropped as consent_unknown: ")
    assert "consent.kinds (post, comment, article, message)" in warning and "reply" not in warning


@pytest.mark.parametrize("policy, warned", [("patterns_only", True), ("quarantine", False)])
def test_fields_handled_with_patterns_only_are_one_warning_line(tmp_path, policy, warned):
    profile = tmp_path / "langs.yaml"
    profile.write_text(json.dumps({
        "name": "langs", "nlp": {"model": None, "components": []}, "recognizers": ["phone_v1"],
        "record": {"text_fields": ["text"]},
        "languages": {"identify": ["en", "fr"], "uncovered": policy}}))
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate([
        "नमस्ते, मेरा नाम राहुल शर्मा है और मैं दिल्ली में रहता हूँ",
        "Γεια σας, με λένε Γιώργος Παπαδόπουλος και μένω στην Αθήνα",
        "Thanks so much for the help yesterday, see you at the office tomorrow"])))
    result = invoke("run", source, "-o", tmp_path / "out.jsonl", "--profile", profile)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert warnings == ([
        "WARNING: 2 text fields in languages the profile does not cover (el 1, hi 1) written with "
        "names found by patterns only (a run inside another language's text: by that language's "
        "rules); languages.uncovered: quarantine quarantines their records"] if warned else [])
