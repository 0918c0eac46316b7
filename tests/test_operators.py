"""Operators: replace, redact, mask, keep and the keyed pseudonym."""

import pytest
from conftest import ROOT, TEST_KEY

from redact import Redactor
from redact.errors import MissingKey
from redact.operators import keyed_digest

pytestmark = pytest.mark.slow


def profile_with(operators, report=None):
    profile = {
        "name": "ops", "record": {"text_fields": ["text"]},
        "nlp": {"model": None, "components": []},
        "recognizers": ["EmailRecognizer", "CreditCardRecognizer"],
        "propagate": [], "operators": {"DEFAULT": {"type": "replace"}, **operators},
    }
    if report:
        profile["report"] = report
    return profile


TEXT = "mail ann.lee@example.com, card 4111 1111 1111 1111"


@pytest.mark.parametrize("operator, expected", [
    ({"type": "replace"}, "mail <EMAIL_ADDRESS>, card <CREDIT_CARD>"),
    ({"type": "replace", "template": "[{entity_type}]"}, "mail [EMAIL_ADDRESS], card <CREDIT_CARD>"),
    ({"type": "redact"}, "mail , card <CREDIT_CARD>"),
    ({"type": "mask"}, "mail " + "*" * 19 + ", card <CREDIT_CARD>"),
    ({"type": "mask", "masking_char": "x", "chars_to_mask": 4, "from_end": True},  # the dot is kept
     "mail ann.lee@examplx.xxx, card <CREDIT_CARD>"),
    ({"type": "keep"}, "mail ann.lee@example.com, card <CREDIT_CARD>"),
])
def test_each_operator_writes_what_it_says(operator, expected):
    redactor = Redactor.from_profile(profile_with({"EMAIL_ADDRESS": operator}))
    redacted, findings = redactor.explain(TEXT)
    assert redacted == expected
    assert findings[0][0].operator == operator["type"]


@pytest.mark.parametrize("card, operator, expected", [
    ("4111 1111 1111 1111", {"chars_to_mask": 12}, "#### #### #### 1111"),   # the messages profile
    ("4111-1111-1111-1111", {"chars_to_mask": 12}, "####-####-####-1111"),
    ("4111111111111111", {"chars_to_mask": 12}, "############1111"),
    ("4111 1111 1111 1111", {"chars_to_mask": 12, "from_end": True}, "4111 #### #### ####"),
    ("4111 1111 1111 1111", {"chars_to_mask": 40}, "#### #### #### ####"),
    ("4111 1111 1111 1111", {}, "###################"),                       # null: the whole span
])
def test_a_mask_counts_letters_and_digits_and_keeps_separators(card, operator, expected):
    profile = profile_with({"CREDIT_CARD": {"type": "mask", "masking_char": "#", **operator}})
    redacted, findings = Redactor.from_profile(profile).explain(f"card {card} thanks")
    assert redacted == f"card {expected} thanks"
    assert findings[0][0].operator == "mask"


def test_a_pseudonym_is_stable_across_records_and_case_and_differs_by_key():
    profile = profile_with({"EMAIL_ADDRESS": {"type": "pseudonym"}})
    redactor = Redactor.from_profile(profile, key=TEST_KEY)
    first, _ = redactor.explain("from ann.lee@example.com")
    second, _ = redactor.explain("to ANN.LEE@example.com and bo@example.com")
    token = first.removeprefix("from ")
    assert token.startswith("<EMAIL_ADDRESS_") and len(token) == len("<EMAIL_ADDRESS_") + 7
    assert second.startswith(f"to {token} and <EMAIL_ADDRESS_") and second.count(token) == 1
    other = Redactor.from_profile(profile, key=b"another key, long enough")
    assert other.explain("from ann.lee@example.com")[0] != first


def test_pseudonyms_without_a_key_are_a_configuration_error(monkeypatch):
    monkeypatch.delenv("REDACT_KEY", raising=False)
    with pytest.raises(MissingKey, match="REDACT_KEY"):
        Redactor.from_profile(profile_with({"EMAIL_ADDRESS": {"type": "pseudonym"}}))


def test_report_digests_are_keyed_and_hold_no_value():
    redactor = Redactor.from_profile(profile_with({}, report={"digests": True}), key=TEST_KEY)
    _, report = redactor.redact_record({"id": "1", "text": TEXT})
    digests = [f["digest"] for f in report["fields"]["text"]]
    assert digests[0] == keyed_digest(TEST_KEY, "EMAIL_ADDRESS", "ann.lee@example.com")[:16]
    assert "ann.lee" not in str(report)


@pytest.mark.parametrize("written, read", [
    ("Maria\u00adGarcia", "Maria Garcia"),  # a soft hyphen where a new word begins: a word break
    ("Maria\u200bGarcia", "maria garcia"),
    ("Gar\u00adcia", "Garcia"),  # a soft hyphen inside a word: a hyphenation point, nothing
    ("Ma\u200dria\u2060 Garcia", "Maria Garcia"),
])
def test_a_value_with_hidden_characters_is_digested_as_it_reads(written, read):
    assert keyed_digest(TEST_KEY, "PERSON", written) == keyed_digest(TEST_KEY, "PERSON", read)


def test_a_name_joined_by_a_soft_hyphen_gets_the_pseudonym_of_the_name():
    profile = {"name": "names", "extends": str(ROOT / "configs" / "default.yaml"),
               "operators": {"PERSON": {"type": "pseudonym"}}}
    text = "I met Maria\u00adGarcia and then Maria Garcia again."
    redacted, _ = Redactor.from_profile(profile, key=TEST_KEY).explain(text)
    tokens = [word for word in redacted.split() if word.startswith("<PERSON")]
    assert len(tokens) == 2 and tokens[0] == tokens[1]
