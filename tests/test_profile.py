"""Profiles: every shipped one validates; every broken one fails with all its problems listed."""

import inspect
from pathlib import Path

import pytest
import yaml
from presidio_analyzer import PatternRecognizer

from redact import Redactor
from redact.errors import ProfileError
from redact.profile import PRESIDIO_REGEX_FLAGS, MaskOp, PseudonymOp, builtin_profiles, load_profile

BAD = Path(__file__).parent / "bad_profiles"
EXPECTED = yaml.safe_load((BAD / "expected.yaml").read_text())


def test_the_shipped_profiles_are_the_documented_ones():
    assert {"default", "messages", "fast"} <= set(builtin_profiles())


@pytest.mark.parametrize("name", builtin_profiles())
def test_every_shipped_profile_validates(name):
    profile = load_profile(name)
    assert profile.name == name


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_a_broken_profile_lists_every_problem_with_file_and_key(case):
    path = BAD / f"{case}.yaml"
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    message = str(caught.value)
    for expected in EXPECTED[case]["messages"]:
        assert expected in message
    assert len(caught.value.problems) == EXPECTED[case]["count"], message
    assert all(str(path) in p.where for p in caught.value.problems)


def test_every_broken_profile_has_expectations():
    assert {p.stem for p in BAD.glob("*.yaml")} - {"expected"} == set(EXPECTED)


def test_extends_merges_mappings_and_replaces_lists():
    messages = load_profile("messages")
    default = load_profile("default")
    assert messages.nlp == default.nlp  # inherited whole
    assert messages.thresholds.default == 0.4  # overridden
    assert messages.record.text_fields == ["text", "subject"]  # a list replaces


def test_a_profile_can_be_a_dict_and_the_hash_follows_content():
    base = {"name": "d", "record": {"text_fields": ["text"]}, "recognizers": ["EmailRecognizer"]}
    changed = {**base, "thresholds": {"default": 0.7}}
    assert load_profile(base).content_hash() == load_profile(dict(base)).content_hash()
    assert load_profile(base).content_hash() != load_profile(changed).content_hash()


def test_an_unknown_profile_name_lists_the_built_in_ones():
    with pytest.raises(ProfileError, match="built-in profiles: .*default"):
        load_profile("no-such-profile")


def test_extends_replaces_an_operator_whose_type_changes(tmp_path):
    child = tmp_path / "child.yaml"
    child.write_text("name: child\nextends: default\noperators: {DEFAULT: {type: pseudonym}}\n")
    assert load_profile(child).operators["DEFAULT"] == PseudonymOp(type="pseudonym")


def test_extends_merges_the_parameters_of_an_operator_of_the_same_type(tmp_path):
    (tmp_path / "parent.yaml").write_text(
        "name: parent\nrecord: {text_fields: [text]}\nrecognizers: [EmailRecognizer]\n"
        "operators: {DEFAULT: {type: mask, masking_char: '#', from_end: true}}\n")
    (tmp_path / "same.yaml").write_text(
        "name: same\nextends: parent.yaml\noperators: {DEFAULT: {type: mask, chars_to_mask: 3}}\n")
    (tmp_path / "untyped.yaml").write_text(
        "name: untyped\nextends: parent.yaml\noperators: {DEFAULT: {chars_to_mask: 3}}\n")
    expected = MaskOp(type="mask", masking_char="#", chars_to_mask=3, from_end=True)
    assert load_profile(tmp_path / "same.yaml").operators["DEFAULT"] == expected
    assert load_profile(tmp_path / "untyped.yaml").operators["DEFAULT"] == expected


LOOK_BEHIND = r"(?<=\b(?:Mr|Mrs|Dr)\.?\s)\p{Lu}\p{L}+"  # variable width, Unicode letters


def test_inline_patterns_are_validated_by_the_engine_that_runs_them():
    profile = load_profile({
        "name": "inline", "record": {"text_fields": ["text"]}, "nlp": {"model": None, "components": []},
        "propagate": [], "recognizers": [{"name": "titled", "supported_entity": "TITLED",
                                          "patterns": [{"name": "t", "regex": LOOK_BEHIND, "score": 0.9}]}],
    })
    redacted, findings = Redactor(profile).explain("ask Mrs Ängström or Dr Łukasz, not Mr. x")
    assert redacted == "ask Mrs <TITLED> or Dr <TITLED>, not Mr. x"
    assert [matched for _, matched in findings] == ["Ängström", "Łukasz"]


def test_the_flags_inline_patterns_are_validated_with_are_presidios():
    default = inspect.signature(PatternRecognizer.__init__).parameters["global_regex_flags"].default
    assert default == PRESIDIO_REGEX_FLAGS


def test_a_missing_parent_is_a_problem_of_the_extends_key_of_the_file_naming_it(tmp_path):
    child = tmp_path / "child.yaml"
    child.write_text("name: child\nextends: no_such_parent\n")
    with pytest.raises(ProfileError) as caught:
        load_profile(child)
    [problem] = caught.value.problems
    assert problem.where == f"{child}: extends"
    assert "no such profile 'no_such_parent'" in problem.message


def test_a_yaml_syntax_error_is_one_line(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: [\n")
    with pytest.raises(ProfileError) as caught:
        load_profile(broken)
    [problem] = caught.value.problems
    assert "not valid YAML" in problem.message
    assert "line 2" in problem.message and "\n" not in problem.message


def test_a_key_given_twice_is_a_problem_with_its_lines_not_the_last_value_kept(tmp_path):
    # PyYAML keeps the last silently: `keep` would leave every name in the output
    twice = tmp_path / "twice.yaml"
    twice.write_text("name: twice\nextends: default\noperators:\n  PERSON: {type: replace}\n"
                     "  PERSON: {type: keep}\nrecord:\n  unlisted: quarantine\nrecord:\n  unlisted: analyze\n")
    with pytest.raises(ProfileError) as caught:
        load_profile(twice)
    assert [(p.where, p.message) for p in caught.value.problems] == [
        (f"{twice}: line 5", "key 'PERSON' given twice (first on line 4); YAML would keep the last silently"),
        (f"{twice}: line 8", "key 'record' given twice (first on line 6); YAML would keep the last silently"),
    ]


def test_a_yaml_merge_key_overrides_without_being_a_key_given_twice(tmp_path):
    merged = tmp_path / "merged.yaml"
    merged.write_text("name: merged\nextends: default\noperators:\n  PERSON: &op {type: replace, template: '<P>'}\n"
                      "  PHONE_NUMBER:\n    <<: *op\n    template: '<PH>'\n")
    profile = load_profile(merged, check_model=False)
    assert profile.operator_for("PHONE_NUMBER").model_dump()["template"] == "<PH>"


def test_a_key_given_twice_is_told_with_the_profile_s_other_problems(tmp_path):
    twice = tmp_path / "twice.yaml"
    twice.write_text("name: twice\nextends: default\nrecord:\n  unlisted: quarantine\nrecord:\n  unlisted: analyze\n"
                     "recognizers: [phone_v1, phone_v1]\n")
    with pytest.raises(ProfileError) as caught:
        load_profile(twice, check_model=False)
    assert [p.where for p in caught.value.problems] == [f"{twice}: line 5", f"{twice}: recognizers.1"]
