"""The surrogate operator: realistic, shape-keeping, keyed, and never keeping a part of the value."""

from __future__ import annotations

import re

import phonenumbers
import pytest
from conftest import TEST_KEY
from hypothesis import given, settings
from hypothesis import strategies as st

from redact import Redactor
from redact.errors import MissingKey
from redact.surrogates import Surrogate, Surrogates
from redact.surrogates.guard import keeps_part_of

OTHER_KEY = b"another key"


@pytest.fixture(scope="module")
def maker() -> Surrogates:
    return Surrogates(TEST_KEY, "en_US")


def surrogate(maker: Surrogates, entity_type: str, value: str) -> str:
    """Through the public Presidio operator, as the engine calls it."""
    return Surrogate().operate(value, {"surrogates": maker, "entity_type": entity_type})


@pytest.mark.parametrize("value, check", [
    ("maria", str.islower), ("MARIA", str.isupper), ("Maria", str.istitle),
    ("Maria Rossi", lambda s: len(s.split()) == 2 and s.istitle()),
    ("Ken N. Fukuda", lambda s: re.fullmatch(r"\w+ [A-Z]\. \w+", s)),
    ("Ana Ruiz, MD", lambda s: len(s.split()) == 2 and "," not in s),
])
def test_a_name_keeps_its_shape_and_case(maker, value, check):
    assert check(surrogate(maker, "PERSON", value))


def test_a_given_name_is_the_same_alone_and_in_a_full_name(maker):
    assert surrogate(maker, "PERSON", "Maria Rossi").split()[0] == surrogate(maker, "PERSON", "Maria")


@pytest.mark.parametrize("entity_type, value, pattern", [
    ("EMAIL_ADDRESS", "maria.rossi@gmail.com", r"[a-z]+\.[a-z]+@example\.(com|org|net)"),
    ("EMAIL_ADDRESS", "jobs [at] example [dot] com", r"\w+@mail\.test|\w+@inbox\.test"),
    ("PHONE_NUMBER", "+44 7911 123456", r"07700 900\d{3}"),
    ("PHONE_NUMBER", "(212) 431-8899", r"\(\d{3}\) 555[- ]01\d\d"),
    ("IP_ADDRESS", "8.8.8.8", r"(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+"),
    ("IP_ADDRESS", "fe80::1:2", r"2001:db8::[0-9a-f:]+"),
    ("SOCIAL_HANDLE", "@Carol_2", r"@[A-Z][a-z]+_\d"),
    ("PROFILE_URL", "https://www.linkedin.com/in/maria-rossi-5b2", r"https://www\.linkedin\.com/in/[a-z]+-[a-z]+-\d[a-z]+\d"),
    ("PROFILE_URL", "github.com/mrossi", r"github\.com/[a-z]+"),
    ("CREDIT_CARD", "4111 1111 1111 1111", r"\d{4} \d{4} \d{4} \d{4}"),
    ("IBAN_CODE", "GB49AHER72277635787006", r"[A-Z]{2}\d\d[A-Z0-9]{18}"),
    ("US_SSN", "853-37-1694", r"\d{3}-\d\d-\d{4}"),
])
def test_each_type_has_its_shape(maker, entity_type, value, pattern):
    fake = surrogate(maker, entity_type, value)
    assert re.fullmatch(pattern, fake), fake


# Characters a reader does not see: zero-width joiner and space, soft hyphen, word joiner, an RTL
# override, a byte order mark, NUL.
HIDDEN = ["\u200d", "\u200b", "\u00ad", "\u2060", "\u202e", "\ufeff", "\x00"]
UNSEEN = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("entity_type, value", [
    ("PERSON", "Maria Rossi"), ("PERSON", "Maria"), ("EMAIL_ADDRESS", "maria.rossi@gmail.com"),
    ("PHONE_NUMBER", "+44 7911 123456"), ("SOCIAL_HANDLE", "@Carol_2"), ("PROFILE_URL", "github.com/mrossi"),
    ("CREDIT_CARD", "4111 1111 1111 1111"), ("IBAN_CODE", "GB49AHER72277635787006"), ("US_SSN", "853-37-1694"),
    ("IP_ADDRESS", "8.8.8.8"), ("STREET_ADDRESS", "12 Main Street"), ("URL", "https://maria.example.com/x"),
])
def test_a_surrogate_is_clean_text_whatever_hides_in_the_value(maker, entity_type, value, hidden):
    # `Ma\u200dria Rossi` became `Adam\u200debony Gonzales`: the joiner split the name in two
    # words and was kept between their surrogates.
    for at in (2, len(value) // 2, len(value) - 1):
        fake = surrogate(maker, entity_type, value[:at] + hidden + value[at:])
        assert not UNSEEN.search(fake), ascii(fake)
        if entity_type == "PERSON":  # the name a reader sees gets the surrogate that name gets
            assert fake == surrogate(maker, entity_type, value)


def luhn_valid(digits: str) -> bool:
    """The Luhn check, written out here so that the test does not lean on the code it tests."""
    total = sum(int(d) if i % 2 == 0 else sum(divmod(int(d) * 2, 10)) for i, d in enumerate(reversed(digits)))
    return total % 10 == 0


def test_a_card_fails_luhn_and_an_iban_its_check_digits(maker):
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")
    for number in ("4111 1111 1111 1111", "6011550896033147", "5500 0000 0000 0004"):
        assert not luhn_valid(re.sub(r"\D", "", surrogate(maker, "CREDIT_CARD", number)))
    for iban in ("GB49AHER72277635787006", "DE89 3704 0044 0532 0130 00"):
        fake = re.sub(r"\s", "", surrogate(maker, "IBAN_CODE", iban))
        digits = "".join(str(int(c, 36)) for c in (fake[4:] + fake[:4]).upper())
        assert int(digits) % 97 != 1 and len(fake) == len(re.sub(r"\s", "", iban))


def test_a_phone_keeps_its_country_and_national_length(maker):
    for value in ("+49 171 1234567", "+1-984-182-0190", "+44 20 7946 0958"):
        original = phonenumbers.parse(value)
        region = phonenumbers.region_code_for_country_code(original.country_code)
        fake = phonenumbers.parse(surrogate(maker, "PHONE_NUMBER", value), region)
        assert fake.country_code == original.country_code
        assert len(phonenumbers.national_significant_number(fake)) == \
            len(phonenumbers.national_significant_number(original))


def test_surrogates_are_keyed(maker):
    other = Surrogates(OTHER_KEY, "en_US")
    values = ["Maria Rossi", "Jordan", "Kim Lee", "Sam Ortiz"]
    assert [surrogate(maker, "PERSON", v) for v in values] == \
        [surrogate(Surrogates(TEST_KEY, "en_US"), "PERSON", v) for v in values]
    assert [surrogate(maker, "PERSON", v) for v in values] != [surrogate(other, "PERSON", v) for v in values]


TYPES = ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "IP_ADDRESS",
         "STREET_ADDRESS", "SOCIAL_HANDLE", "US_SSN"]
VALUE = st.text(st.characters(categories=("L", "N"), max_codepoint=0x17F), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(TYPES), st.lists(VALUE, min_size=1, max_size=3), st.sampled_from([" ", "-", ".", "@"]))
def test_a_surrogate_never_keeps_a_word_of_the_value(entity_type, words, separator):
    maker = Surrogates(TEST_KEY, "en_US")
    value = separator.join(words)
    fake = surrogate(maker, entity_type, value)
    assert fake.casefold() != value.casefold()
    assert not set(re.findall(r"\w+", fake.casefold())) & set(re.findall(r"\w+", value.casefold()))
    assert not keeps_part_of(value, fake)


def test_a_profile_link_keeps_its_platform_not_its_member(maker):
    fake = surrogate(maker, "PROFILE_URL", "https://x.com/maria_rossi")
    assert fake.startswith("https://x.com/") and not keeps_part_of("maria_rossi", fake.rsplit("/", 1)[1])


@pytest.mark.slow
def test_the_surrogate_operator_in_a_profile_needs_a_key_and_reports_each_span(monkeypatch):
    monkeypatch.delenv("REDACT_KEY", raising=False)
    profile = {"name": "s", "record": {"text_fields": ["text"]}, "nlp": {"model": None, "components": []},
               "recognizers": ["EmailRecognizer", "phone_v1"], "propagate": [],
               "operators": {"DEFAULT": {"type": "surrogate", "locale": "en_GB"}}}
    with pytest.raises(MissingKey, match="surrogate"):
        Redactor.from_profile(profile)
    redactor = Redactor.from_profile(profile, key=TEST_KEY)
    text, report = redactor.redact_record({"id": "1", "text": "mail ann.lee@gmail.com or ring 07911 123456"})
    assert "<" not in text["text"] and "ann" not in text["text"] and "07911" not in text["text"]
    spans = report["fields"]["text"]
    assert [s["operator"] for s in spans] == ["surrogate", "surrogate"]
    assert [text["text"][s["out_start"]:s["out_end"]].count("@") for s in spans] == [1, 0]


def test_an_unknown_locale_is_a_profile_error_that_names_it():
    from redact.errors import ProfileError
    from redact.profile import load_profile

    with pytest.raises(ProfileError, match="operators.PERSON.surrogate.locale: .*'xx_YY'"):
        load_profile({"name": "s", "extends": "default",
                      "operators": {"PERSON": {"type": "surrogate", "locale": "xx_YY"}}},
                     check_model=False)


def test_a_surrogate_overrides_an_inherited_operator_of_another_type():
    from redact.profile import load_profile

    profile = load_profile("training", check_model=False)
    assert profile.operator_for("PERSON").type == "surrogate"


@pytest.mark.slow
def test_review_marks_surrogates_as_it_marks_placeholders():
    from redact.review.population import ReviewRecord
    from redact.review.sample import Draw
    from redact.review.tty import render_record

    redactor = Redactor.from_profile("training", key=TEST_KEY)
    out, report = redactor.redact_record({"id": "1", "text": "Thanks Maria Rossi, call +44 7911 123456"})
    findings = report["fields"]["text"]
    record = ReviewRecord("1", 1, report["status"], report["fields"], texts={"text": out["text"]})
    marked = render_record(1, Draw(record, "all", 1.0), colour=False)
    assert [f["operator"] for f in findings] == ["surrogate", "surrogate"]
    for finding in findings:
        assert f"[[{out['text'][finding['out_start']:finding['out_end']]}]][{finding['type']}]" in marked


def test_a_handle_with_no_letter_gets_one_rather_than_failing(maker):
    assert re.fullmatch(r"@[A-Za-z]+_", surrogate(maker, "SOCIAL_HANDLE", "@_"))


def _kept(source: str, output: str, start: int, end: int) -> str:
    """The letters and digits of source[start:end] that a reader aligning source and output sees
    surviving (as ../shared/eval/score.py aligns them: runs of 3 or more, or at either end)."""
    import difflib

    kept = []
    matcher = difflib.SequenceMatcher(None, source, output, autojunk=False)
    for block in matcher.get_matching_blocks():
        at_edge = (block.a == 0 and block.b == 0) or (block.a + block.size == len(source)
                                                      and block.b + block.size == len(output))
        if block.size >= 3 or (block.size and at_edge):
            kept += [source[k] for k in range(max(block.a, start), min(block.a + block.size, end))]
    return "".join(c for c in kept if c.isalnum())


LISTS = [
    "They had 6: Gaetane, Hannah, Anthony, Derek, Anna and Andrew.",
    "They had 6: Efimiya, Mary, Ariana, Isabel, Teresa and Jodi.",
    "They had 6: Romi, Erik, Amy, Nathaniel, Donald and Kristen.",
    "If you keep Vin , Dwayne , Ty , Luda , Jason & Michelle I will keep watching",
    "Bill Nighy, Michael Gambon, Jack Davenport, Keira Knightley y Rupert Friend",
    "Douglas, Karl Polanyi, Henry George, Adam Smith and Karl Marx",
]


@pytest.mark.slow
@pytest.mark.parametrize("text", LISTS)
def test_no_surrogate_lines_up_with_another_value_or_its_neighbours(text):
    redactor = Redactor.from_profile("training", key=b"eval-key-17-long-enough")
    out, report = redactor.redact_record({"id": "1", "text": text})
    for finding in report["fields"]["text"]:
        assert not _kept(text, out["text"], finding["start"], finding["end"]), finding


def test_surrogates_do_not_depend_on_the_processs_hash_seed():
    import subprocess
    import sys

    script = ("from redact.surrogates import Surrogates\n"
              "s = Surrogates(b'k', 'en_US')\n"
              "print([s.make(t, v) for t, v in [('PHONE_NUMBER', '(71) 4233-6306'), "
              "('PHONE_NUMBER', '+1 (212) 431-8899'), ('PHONE_NUMBER', '020 7946-0958'), "
              "('IBAN_CODE', 'GB49AHER72277635787006'), ('IBAN_CODE', 'DE89370400440532013000')]])")
    outputs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                              env={**__import__("os").environ, "PYTHONHASHSEED": str(seed)}).stdout
               for seed in range(6)}
    assert len(outputs) == 1, outputs
