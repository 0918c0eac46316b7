"""Kinds consent cannot read are `consent_unknown`, never "not excluded" (issue: QA of main):
`mеssage` with a Cyrillic `е`, `d.m.` and `p.m.` were written as posts by the corpus profile,
which excludes messages (dm and pm are its aliases)."""

import pytest
import yaml

from redact.errors import ProfileError
from redact.profile import load_profile
from redact.stages.consent import Consent

PASSING = {"author_id": "m1", "region": "US"}


@pytest.fixture(scope="module")
def corpus():
    return Consent(load_profile("corpus", check_model=False).consent)


@pytest.mark.parametrize("kind, reason", [
    ("m\u0435ssage", "consent_unknown"),   # a Cyrillic е: a disguise of no kind
    ("\u0440ost", "consent_unknown"),      # a Cyrillic р in post
    ("post\U0001F642", "consent_unknown"),  # a symbol: no word
    ("d.m.", "kind_excluded"),             # an abbreviation's dots are left out, as separators are
    ("p.m.", "kind_excluded"),
    ("P.M.s", "kind_excluded"),
    ("m.e.s.s.a.g.e", "kind_excluded"),
    ("post", None),
    ("Post!", None),
    ("comment", None),
    # a word of one script, but no kind the profile knows (`сообщение` is Russian for message):
    # unknown, until `consent.kinds` or `kind_aliases` name it
    ("\u0441\u043e\u043e\u0431\u0449\u0435\u043d\u0438\u0435", "consent_unknown"),
    ("\u6295\u7a3f", "consent_unknown"),
    ("story", "consent_unknown"),
])
def test_a_kind_is_read_or_unknown(corpus, kind, reason):
    assert corpus.reason({**PASSING, "kind": kind}) == reason


def test_an_alias_that_differs_only_by_punctuation_names_one_kind():
    raw = yaml.safe_load(open("configs/corpus.yaml"))
    raw["consent"]["kind_aliases"] = {"message": ["dm"], "comment": ["d.m."]}
    with pytest.raises(ProfileError, match="'d.m.' names two kinds: message and comment"):
        load_profile(raw, check_model=False)


def test_a_kind_the_profile_lists_is_known_and_the_others_stay_unknown():
    raw = yaml.safe_load(open("configs/corpus.yaml"))
    raw["consent"]["kinds"] = ["post", "Story"]
    raw["consent"]["kind_aliases"]["message"].append("\u0441\u043e\u043e\u0431\u0449\u0435\u043d\u0438\u0435")
    consent = Consent(load_profile(raw, check_model=False).consent)
    russian = "\u0441\u043e\u043e\u0431\u0449\u0435\u043d\u0438\u0435"
    verdicts = {kind: consent.reason({**PASSING, "kind": kind}) for kind in ("story", "post", "dm", russian, "comment")}
    # message counts as known because it is excluded; comment is no longer listed
    assert verdicts == {"story": None, "post": None, "dm": "kind_excluded", russian: "kind_excluded",
                        "comment": "consent_unknown"}


@pytest.mark.parametrize("consent, problem", [
    ({"kinds": ["post\U0001F642", "m\u0435ssage", "post"]}, "not a kind consent can read"),  # could never match
    ({"exclude_kinds": [], "kind_aliases": {}, "kinds": ["post"]}, "has no effect without consent.exclude_kinds"),
])
def test_kinds_a_record_can_never_match_or_that_decide_nothing_are_problems(consent, problem):
    raw = yaml.safe_load(open("configs/corpus.yaml"))
    raw["consent"].update(consent)
    with pytest.raises(ProfileError, match=problem):
        load_profile(raw, check_model=False)
