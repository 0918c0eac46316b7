"""Recognizer parameters in a profile: `{name: ..., params: {...}}` entries, validated against the
recognizer's own params model, reach the recognizer; defaults are the recognizer's own."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ConfigDict

from recognizers.phone import DEFAULT_REGIONS
from redact import Redactor
from redact.errors import ProfileError
from redact.profile import Profile, RecognizerWithParams, load_profile
from redact.profile_checks import ProfileContext
from redact.registry import Registry, build_recognizer

GREETING = "thanks Aisha, see you tomorrow"


def profile_with(*recognizers) -> dict:
    """A profile without a spaCy model running the recognizers given."""
    return {"name": "params", "nlp": {"model": None, "components": []},
            "record": {"text_fields": ["text"]}, "recognizers": list(recognizers), "propagate": []}


def test_phone_regions_reach_the_recognizer():
    profile = load_profile(profile_with({"name": "phone_v1", "params": {"regions": ["GB", "US"]}}))
    assert build_recognizer(profile.recognizers[0], "en").regions == ("GB", "US")


@pytest.mark.parametrize("entry", ["phone_v1", {"name": "phone_v1"}, {"name": "phone_v1", "params": {}}])
def test_an_entry_without_params_builds_the_recognizer_as_a_plain_name_does(entry):
    profile = load_profile(profile_with(entry))
    recognizer = build_recognizer(profile.recognizers[0], "en")
    assert recognizer.regions == DEFAULT_REGIONS and recognizer.name == "phone_v1"


@pytest.mark.parametrize("params, found", [
    ({}, True),                                                     # greeting_known scores 0.8
    ({"min_score": 0.9}, False),                                    # ... below the least reported
    ({"min_score": 0.9, "scores": {"greeting_known": 0.95}}, True),  # ... unless scored higher
])
def test_person_context_scores_change_what_is_found(params, found):
    redactor = Redactor(load_profile(profile_with({"name": "person_context_v1", "params": params})))
    out, _ = redactor.redact_record({"id": "1", "text": GREETING})
    assert ("Aisha" not in out["text"]) == found


def test_params_are_kept_with_their_defaults_and_survive_a_round_trip_without_context():
    profile = load_profile(profile_with({"name": "phone_v1", "params": {"regions": ["ES"]}}))
    data = profile.model_dump(mode="json")
    assert data["recognizers"] == [{"name": "phone_v1", "params": {"regions": ["ES"]}}]
    again = Profile.model_validate(data)  # as Spark's workers read it back
    assert again.recognizers == [RecognizerWithParams(name="phone_v1", params={"regions": ["ES"]})]
    assert again.content_hash() == profile.content_hash()


def test_a_profile_with_params_in_a_covered_language_is_checked_too():
    raw = profile_with("EmailRecognizer")
    raw["languages"] = {"identify": ["en", "fr"], "covered": {
        "fr": {"nlp": {"model": None}, "recognizers": [{"name": "phone_v1", "params": {"regions": ["FX"]}}]}}}
    with pytest.raises(ProfileError, match=r"languages.covered.fr.recognizers.0.params.regions: "
                                           r"phone_v1: not a region phonenumbers knows: 'FX'"):
        load_profile(raw)


class WeatherParams(BaseModel):
    """A stand-in plugin's parameters."""

    model_config = ConfigDict(extra="forbid")
    city: str


class PluginRegistry(Registry):
    """The registry with one more recognizer, as a plugin would add it."""

    def names(self) -> list[str]:
        return ["weather_v1", *super().names()]

    def knows(self, name: str) -> bool:
        return name == "weather_v1" or super().knows(name)

    def entities(self, name: str) -> tuple[str, ...]:
        return ("WEATHER",) if name == "weather_v1" else super().entities(name)

    def params_model(self, name: str) -> type[BaseModel] | None:
        return WeatherParams if name == "weather_v1" else super().params_model(name)


def test_names_and_params_are_checked_against_the_registry_in_the_validation_context():
    raw = profile_with({"name": "weather_v1", "params": {"city": "Oslo"}})
    raw["thresholds"] = {"per_entity": {"WEATHER": 0.9}}
    with pytest.raises(ProfileError, match="unknown recognizer 'weather_v1'"):
        load_profile(raw)
    profile = Profile.model_validate(raw, context=ProfileContext(registry=PluginRegistry()))
    assert profile.recognizers[0].params == {"city": "Oslo"}
    raw["recognizers"][0]["params"] = {"town": "Oslo"}
    with pytest.raises(ValueError, match="town"):
        Profile.model_validate(raw, context=ProfileContext(registry=PluginRegistry()))


def test_an_unknown_evidence_kind_is_reported_beside_a_score_out_of_range():
    bad = {"name": "person_context_v1", "params": {"scores": {"greting": 0.5, "greeting_known": 1.5}}}
    with pytest.raises(ProfileError) as caught:
        load_profile(profile_with(bad))
    where = {p.where.split(": ", 1)[1]: p.message for p in caught.value.problems}
    assert "unknown evidence kind(s) ['greting']" in where["recognizers.0.params.scores"]
    assert "less than or equal to 1" in where["recognizers.0.params.scores.greeting_known"]
