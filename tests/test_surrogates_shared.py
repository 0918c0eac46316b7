"""Surrogates under sharing: one Redactor used by many threads gives each record what it gives it
alone, and the surrogates of one record keep clear of every value found anywhere in it."""

from __future__ import annotations

import random
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import TEST_KEY, redactor_for

from redact.surrogates.locale import Locale

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
