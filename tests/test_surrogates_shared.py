"""Surrogates under sharing: one Redactor used by many threads gives each record what it gives it
alone, and the surrogates of one record keep clear of every value found anywhere in it."""

from __future__ import annotations

import random
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import phonenumbers
import pytest
from conftest import TEST_KEY, redactor_for

from redact.operators import keyed_digest
from redact.surrogates import Surrogates
from redact.surrogates.locale import Locale, shipped_table

QA_KEY = b"k" * 32  # the key QA found the records below with
NAMES = ["Hannah", "Anthony", "Todd", "Maria Rossi", "Kishan Patel", "Elena", "Walter", "Lindsey",
         "Teresa", "Isabel"]


def threaded_records(count: int) -> list[dict]:
    """Records of three names each, drawn from a few, so that neighbours matter to the surrogates."""
    draw = random.Random(1)
    records = []
    for i in range(count):
        a, b, c = draw.sample(NAMES, 3)
        records.append({"id": i, "text": f"Thanks, {a}! {b} and {c} will call +44 7911 123{i:03d} "
                                         f"or mail {a.split()[0].lower()}@gmail.com"})
    return records


@pytest.mark.slow
def test_one_redactor_shared_by_threads_gives_each_record_its_serial_output():
    """The per-text values the surrogates avoid were set on objects the threads share: another
    thread's text swapped in between, and records came out different (with a real name of their
    own input in place of a surrogate)."""
    redactor = redactor_for("training", TEST_KEY)
    records = threaded_records(240)
    serial = [redactor.redact_record(record) for record in records]
    with ThreadPoolExecutor(4) as pool:
        threaded = list(pool.map(redactor.redact_record, records))
    assert sum(s != t for s, t in zip(serial, threaded)) == 0


def test_each_thread_seeds_a_faker_of_its_own():
    """Seeding the one Faker of a locale and then drawing from it let another thread's seed in
    between; each thread has its own, and the same seed draws the same address in any thread."""
    locale = Locale("en_US")
    drawn = []

    def draw():
        drawn.append((locale.faker(7), locale.faker(7).street_address()))

    thread = threading.Thread(target=draw)
    thread.start()
    thread.join()
    faker, address = drawn[0]
    assert locale.faker(7) is not faker
    assert locale.faker(7).street_address() == address


@pytest.mark.slow
@pytest.mark.parametrize("record, fields", [
    ({"id": "a", "title": "Todd and Hannah", "text": "Hannah said hi"}, ("title", "text")),
    ({"id": "e", "text": "Hi Todd", "comments": [{"text": "Hannah here"}, {"text": "Todd, Hannah"}]},
     ("text", "comments")),
])
def test_a_records_surrogates_are_none_of_its_names_and_one_per_name(record, fields):
    """Each field's surrogates kept clear only of that field's values: `Hannah said hi` became
    `Todd said hi` beside the title's real Todd, and Hannah got another surrogate in the title."""
    out, _ = redactor_for("training", QA_KEY).redact_record(record)
    written = " ".join(str(out[name]) for name in fields)
    assert not {"Todd", "Hannah"} & set(written.replace(",", " ").replace("'", " ").split())
    if "title" in out:
        todd, hannah = out["title"].split(" and ")
        assert out["text"] == f"{hannah} said hi" and todd != hannah
    else:
        todd, hannah = out["text"].removeprefix("Hi "), out["comments"][0]["text"].removesuffix(" here")
        assert out["comments"][1]["text"] == f"{todd}, {hannah}"


@pytest.mark.parametrize("hidden", ["\u00ad", "\u200b", "\u2060"])
def test_a_name_with_a_hidden_word_break_gets_the_surrogate_of_the_name_a_reader_sees(hidden):
    """`Maria\u00adRossi` reads as `Maria Rossi`, and its pseudonym is Maria Rossi's: its surrogate
    was that of one word `MariaRossi`."""
    maker = Surrogates(TEST_KEY, "en_US")
    assert maker.make("PERSON", f"Maria{hidden}Rossi") == maker.make("PERSON", "Maria Rossi")
    assert keyed_digest(TEST_KEY, "PERSON", f"Maria{hidden}Rossi") == keyed_digest(TEST_KEY, "PERSON", "Maria Rossi")


IN_DOCUMENTATION_RANGES = re.compile(r"(192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3}|2001:db8:[0-9a-f:]+", re.I)
def fiction_ranges(table: str, country_code: int) -> re.Pattern:
    """The numbers of a table of data/fiction_phones.yaml, country code first."""
    patterns = [p for kind in shipped_table("fiction_phones.yaml")[table].values() for p in kind]
    return re.compile(f"{country_code}({'|'.join(patterns)})".replace("X", r"\d").replace("N", "[2-9]"))


@pytest.mark.parametrize("key", [TEST_KEY, QA_KEY, b"another key, long enough"])
@pytest.mark.parametrize("value", ["10.0.0.1", "192.168.0.1", "172.16.0.5", "1.1.1.1", "192.0.2.5",
                                   "203.0.113.9", "8.8.8.8", "2001:db8::1", "2001:4860:4860::8888"])
def test_an_ip_surrogate_is_a_documentation_address_whatever_the_original(key, value):
    """An address starting with 1 could only get 203.0.113.x, which shares `.0.` or `0.1` with it:
    the guard refused it and the surrogate became random octets, a real-looking public address."""
    fake = Surrogates(key, "en_US").make("IP_ADDRESS", value)
    assert IN_DOCUMENTATION_RANGES.fullmatch(fake), fake
    assert fake.rsplit(".", 1)[-1] != value.rsplit(".", 1)[-1] if "." in value else fake != value


@pytest.mark.parametrize("key", [TEST_KEY, QA_KEY, b"another key, long enough"])
@pytest.mark.parametrize("value, table, region", [
    ("+1 202 555 0143", "nanp", "US"), ("(212) 555-0101", "nanp", "US"), ("+1 415 867 5309", "nanp", "US"),
    ("(212) 431-8899", "nanp", "US"), ("+44 7700 900123", "GB", "GB"), ("+44 20 7946 0958", "GB", "GB"),
    ("+61 2 5550 1234", "AU", "AU"),
])
def test_a_phone_surrogate_stays_in_its_fiction_range_whatever_the_original(key, value, table, region):
    """The fiction pattern shares 555 01 with a number already in it: the guard refused every
    candidate, and the number was drawn at random, a real-looking one."""
    fake = Surrogates(key, "en_US").make("PHONE_NUMBER", value)
    number = phonenumbers.parse(fake, region)
    ranges = fiction_ranges(table, number.country_code)
    assert ranges.fullmatch(f"{number.country_code}{number.national_number}"), fake
