"""Profiles: every shipped one validates; every broken one fails with all its problems listed."""

from pathlib import Path

import pytest
import yaml

from redact.errors import ProfileError
from redact.profile import builtin_profiles, load_profile

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
