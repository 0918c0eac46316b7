"""A synthetic support-chat gold set for the person rules (there is no support-chat dev set):
customers giving their name, address, phone, card and e-mail, the company they work for and their
job, the product they bought; agents greeting them by name and answering. Names, companies, streets
and cities are Faker's (seeded, twelve locales), products and plans a short list here, so the set
holds no one's data. Gold spans: PERSON, ADDRESS, PHONE, CARD, EMAIL; IGNORE over companies, job
titles, cities, countries, dates and honorifics (`Mr.`: the dev gold holds them inside the name, a
`Mr. <PERSON>` shows them apart; their redaction counts neither way, as in the other gold sets),
each IGNORE span also naming its kind (`"kind": "company"`) so `--kinds` can count what a run
redacts inside them. Everything else (the chat's own words, product and plan names, weekdays) is
text no run should redact: over-redaction there is false names.

usage: python bench/chat_synth.py OUT.jsonl [--n 600]   then ../shared/eval/score.py OUT.jsonl --cmd ...
       python bench/chat_synth.py GOLD.jsonl --kinds OUT.jsonl   (redacted letters inside IGNORE, by kind)
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

from email_synth import EARLIEST, LATEST, fill, write_set  # bench/, the script's own folder
from faker import Faker

from recognizers.person.train import eval_dir

# Locales for people's names; addresses, phones and companies come from the English ones.
NAME_LOCALES = ["en_US", "en_GB", "en_IN", "en_AU", "en_IE", "de_DE", "fr_FR", "es_ES", "it_IT",
                "nl_NL", "pl_PL", "pt_BR"]
PLACE_LOCALES = ["en_US", "en_GB", "en_AU", "en_CA", "en_IE"]
PRODUCTS = ["Galaxy Tab", "Pixel 7", "AirPods Pro", "Kindle Paperwhite", "ThinkPad X1", "Echo Dot",
            "Surface Laptop", "Roomba", "Fitbit Charge", "Nest Thermostat", "Instant Pot", "Dyson V11",
            "Apple Watch", "Chromebook", "Ring Doorbell", "Xbox Series S", "Canon EOS", "Vitamix blender",
            "Smart TV", "Bose headphones", "MacBook Air", "Garmin Forerunner", "Philips Hue starter kit"]
PLANS = ["Premium", "Family Plan", "Unlimited Plus", "Gold membership", "Business Pro", "Basic",
         "Student plan", "Prime", "Platinum card", "Travel Rewards card", "Starter bundle"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ISSUES = ["it stopped charging", "the screen keeps flickering", "it won't turn on", "the order never arrived",
          "I was charged twice", "the battery drains overnight", "the app keeps crashing",
          "the box was damaged", "it arrived without the charger"]

TEMPLATES = [
    "Hi, my name is {NAME} and I'd like to update the address on my account to {ADDRESS}.",
    "Hello, this is {FIRST} {LAST}. My {PRODUCT} {ISSUE}, can you help?",
    "Agent: Thanks for contacting us, {FIRST}! Could you confirm the phone number on the account?\n"
    "Customer: Sure, it's {PHONE}.",
    "I ordered a {PRODUCT} on {DAY} and {ISSUE}. Order {ORDER}, name {NAME}.",
    "Please ship the replacement to {NAME}, {ADDRESS}.",
    "My card {CARD} was declined when I tried to upgrade to {PLAN}. Can you check? - {FIRST}",
    "Hi {FIRST}, I'm {AGENT} from the support team. I can see the {PLAN} renewal on your account.",
    "Customer: Hello, I work as a {JOB} at {COMPANY} and need an invoice for my {PRODUCT}.\n"
    "Agent: Of course, {PREFIX} {LAST}. Which e-mail should I send it to?\nCustomer: {EMAIL}",
    "Can you send the receipt to {EMAIL}? The order was placed by my husband {NAME}.",
    "I moved from {CITY} to {ADDRESS} last month and my {PRODUCT} is still going to the old address.",
    "Agent: {PREFIX} {LAST}, your refund for order {ORDER} was issued on {DATE}.\nCustomer: Thank you!",
    "This is {NAME} calling about the {PLAN} subscription. You can reach me at {PHONE} after 5pm.",
    "Hello {AGENT}, my colleague {NAME2} at {COMPANY} said you could help with the {PRODUCT} we bought.",
    "My name is {FIRST} {LAST}, card ending {CARD4}. I'd like to dispute a charge from {DAY}.",
    "Agent: Hi {FIRST}! Sorry to hear {ISSUE}. Have you tried resetting it?\nCustomer: yes twice, still the same",
    "Hi team, {NAME} here, {JOB} at {COMPANY}. Our {PLAN} account needs two more seats.",
    "Could you update my phone to {PHONE} and my e-mail to {EMAIL}? Thanks, {NAME}",
    "Agent: I've escalated this to my supervisor {AGENT}, {FIRST}. You'll hear from us by {DAY}.",
    "I live at {ADDRESS} and the courier left my {PRODUCT} with a neighbour I don't know.",
    "Dear Support, I am writing on behalf of {NAME}, who cannot use the {PRODUCT} since {DATE}. "
    "Regards, {NAME2}",
    "Customer: i need to cancel my {PLAN} before {DAY}\nAgent: No problem, {FIRST}. Can I have the card "
    "number on file?\nCustomer: {CARD}",
    "{FIRST} {LAST} from {COMPANY} here. We are based in {CITY}, {COUNTRY} and want to order 20 {PRODUCT}s.",
    "Please add {NAME2} as an authorised user. Their number is {PHONE}.",
    "Agent: Welcome back, {FIRST}. Is your delivery address still {STREET}?\nCustomer: yes",
    "My mother {NAME2} bought me a {PRODUCT} for my birthday and {ISSUE}. My name is {FIRST}.",
    "hi its {FIRST} again, the {PRODUCT} replacement {ISSUE} too",
    "Agent: Thank you for your patience, {PREFIX} {LAST}. The {PLAN} upgrade is done and a {PRODUCT} "
    "voucher is on its way to {EMAIL}.",
    "As a {JOB} I travel a lot between {CITY} and {CITY2}; can I change the billing address to {ADDRESS}?",
    "Hey, {FIRST} here. Paid with {CARD} on {DATE} but the {PLAN} still shows as inactive.",
    "Customer: Who am I speaking with?\nAgent: This is {AGENT}, {FIRST}. How can I help today?",
]
# The gold label of each field; the rest (chat words, products, plans, days) are text to keep.
LABELS = {**dict.fromkeys(("NAME", "NAME2", "FIRST", "LAST", "AGENT"), "PERSON"),
          "ADDRESS": "ADDRESS", "STREET": "ADDRESS", "PHONE": "PHONE", "CARD": "CARD", "CARD4": "CARD",
          "EMAIL": "EMAIL", **dict.fromkeys(("COMPANY", "JOB", "CITY", "CITY2", "COUNTRY", "DATE", "PREFIX"), "IGNORE")}
IGNORE_KINDS = {"COMPANY": "company", "JOB": "job", "CITY": "city", "CITY2": "city", "COUNTRY": "country",
                "DATE": "date", "PREFIX": "honorific"}


def values_for(i: int, rng: random.Random) -> dict[str, str]:
    """Every field's value for record `i`: people from one locale, places from an English one."""
    people, agents, places = (Faker(rng.choice(locales)) for locales in (NAME_LOCALES, NAME_LOCALES, PLACE_LOCALES))
    for fake in (people, agents, places):
        fake.seed_instance(i)
    first, last = people.first_name(), people.last_name()
    card = places.credit_card_number()
    return {
        "FIRST": first, "LAST": last, "NAME": f"{first} {last}", "NAME2": f"{people.first_name()} {people.last_name()}",
        "AGENT": agents.first_name(), "PREFIX": rng.choice(["Mr.", "Ms.", "Mrs.", "Dr."]),
        "ADDRESS": places.address().replace("\n", ", "), "STREET": places.street_address(),
        "PHONE": places.phone_number(), "CARD": card, "CARD4": card[-4:], "EMAIL": people.email(),
        "COMPANY": places.company(), "JOB": places.job(), "CITY": places.city(), "CITY2": places.city(),
        "COUNTRY": places.country(),
        "DATE": places.date_between(EARLIEST, LATEST).strftime(rng.choice(["%B %d", "%d/%m/%Y", "%A %d %B"])),
        "PRODUCT": rng.choice(PRODUCTS), "PLAN": rng.choice(PLANS), "DAY": rng.choice(DAYS),
        "ISSUE": rng.choice(ISSUES), "ORDER": f"#{rng.randint(10000, 99999)}",
    }


def record(i: int, rng: random.Random) -> dict[str, object]:
    """One synthetic support-chat message; one in six typed all in lower case, as customers do."""
    text, spans = fill(TEMPLATES[i % len(TEMPLATES)], values_for(i, rng), LABELS, IGNORE_KINDS)
    if rng.random() < 1 / 6 and len(text.lower()) == len(text):
        text = text.lower()
    return {"id": f"chat-{i:04d}", "kind": "message", "text": text, "spans": spans}


def redacted_by_kind(gold: Path, output: Path) -> Counter:
    """Redacted letters and digits inside the IGNORE spans of `gold`, by kind, and the kind's total."""
    sys.path.insert(0, str(eval_dir({"eval_dir": "../shared/eval"})))
    from score import redacted_mask  # the referee's own alignment

    outputs = {json.loads(line)["id"]: json.loads(line)["text"] for line in output.open(encoding="utf-8")}
    counts: Counter = Counter()
    for line in gold.open(encoding="utf-8"):
        rec = json.loads(line)
        red = redacted_mask(rec["text"], outputs[rec["id"]])
        for span in rec["spans"]:
            if "kind" in span:
                letters = [k for k in range(span["start"], span["end"]) if rec["text"][k].isalnum()]
                counts[span["kind"] + " redacted"] += sum(red[k] for k in letters)
                counts[span["kind"] + " letters"] += len(letters)
    return counts


def main() -> None:
    """Write the set, or count what an output redacted inside its IGNORE spans."""
    set_command(__doc__, record)


def set_command(description: str, record) -> None:
    """The command line of a chat set's script (`description`: its docstring; `record(i, rng)`:
    its i-th record): write the set, or count what an output redacted inside its IGNORE spans."""
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--n", type=int, default=600)
    parser.add_argument("--kinds", type=Path, help="a run's output over the set OUT: redacted IGNORE letters by kind")
    args = parser.parse_args()
    if args.kinds:
        for kind, n in sorted(redacted_by_kind(Path(args.out), args.kinds).items()):
            print(kind, n)
        return
    write_set(args.out, args.n, record)


if __name__ == "__main__":
    main()
