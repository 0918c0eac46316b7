"""A second synthetic support-chat gold set, of another style and trade than `chat_synth.py`:
time-stamped transcripts of a bank's, an airline's, a parcel carrier's and a clinic's help desk,
agent and customer turns, the customer's turns often typed in lower case. Customers give their
name, address, phone, e-mail, card and IBAN, their employer and job, the cities they travel
between; agents sign with their name and quote booking references, tracking and claim numbers,
flights, carriers, hotels, medicines and account products. Names, companies, streets and cities
are Faker's (seeded, fifteen locales, other than chat_synth's twelve), the trade words a short
list here, so the set holds no one's data. Gold spans: PERSON, ADDRESS, PHONE, EMAIL_ADDRESS,
CARD, IBAN; IGNORE (with its `kind`, as in chat_synth) over companies, job titles, cities,
countries, dates and honorifics. Everything else (references, flight numbers, carriers, hotels,
medicines, products, times) is text no run should redact: redacting it is over-redaction.

usage: python bench/desk_synth.py OUT.jsonl [--n 600]   then ../shared/eval/score.py OUT.jsonl --cmd ...
       python bench/desk_synth.py GOLD.jsonl --kinds OUT.jsonl   (redacted letters inside IGNORE, by kind)
"""

from __future__ import annotations

import random
import string

from chat_synth import IGNORE_KINDS, set_command  # bench/, the script's own folder
from email_synth import EARLIEST, LATEST, fill
from faker import Faker

# Locales for people's names; places, phones and companies from the English and a few others.
NAME_LOCALES = ["en_US", "en_GB", "en_NZ", "en_CA", "de_AT", "fr_CA", "es_MX", "pt_PT", "nl_BE",
                "sv_SE", "da_DK", "fi_FI", "cs_CZ", "ro_RO", "en_IN"]
PLACE_LOCALES = ["en_US", "en_GB", "en_NZ", "en_CA", "en_AU"]
COMPANY_LOCALES = ["en_US", "en_GB", "en_CA", "de_DE", "fr_FR", "nl_NL", "da_DK", "es_ES"]
TRADE = {  # words of each desk's trade: carriers, hotels, medicines, products (no person)
    "CARRIER": ["DHL", "FedEx", "UPS", "Hermes", "Evri", "DPD", "Royal Mail", "Parcelforce", "Purolator",
                "Canada Post", "Australia Post", "GLS", "Yodel", "InPost"],
    "AIRLINE": ["Lufthansa", "KLM", "Ryanair", "Emirates", "Qantas", "easyJet", "Delta", "Air Canada",
                "Iberia", "Aer Lingus", "Finnair", "Wizz Air", "Vueling", "Norwegian"],
    "HOTEL": ["Marriott", "Hilton", "Hyatt", "Radisson", "Wyndham", "Best Western", "Holiday Inn", "Novotel",
              "Ibis", "Premier Inn", "Travelodge", "Sheraton", "Mercure"],
    "MEDICINE": ["Ibuprofen", "Amoxicillin", "Ventolin", "Lipitor", "Metformin", "Zyrtec", "Nexium",
                 "Claritin", "Sertraline", "Omeprazole", "Paracetamol", "Xanax"],
    "PRODUCT": ["Everyday Saver account", "Visa Platinum card", "Mastercard Gold", "Cash ISA", "Amex Gold",
                "Easy Access Saver", "Revolut Premium", "Flex Account", "Business Current Account",
                "Monzo Plus", "Apple Pay", "Google Pay", "PayPal"],
    "CLINIC": ["physiotherapy", "dermatology", "the Cardiology clinic", "Radiology", "the blood test lab",
               "Orthopaedics", "the Fertility unit", "Audiology", "the MRI suite"],
}
TEMPLATES = [
    "[{TIME}] Agent: Good morning, you're through to the card services team, my name is {AGENT}.\n"
    "[{TIME}] Customer: hi {AGENT}, my {PRODUCT} was blocked after a payment in {CITY}. it's {NAME}\n"
    "[{TIME}] Agent: Thanks {FIRST}, can you confirm the last four digits? \n[{TIME}] Customer: {CARD4}",
    "[{TIME}] Customer: I need to change the delivery address for parcel {TRACK}, {CARRIER} says it's "
    "out for delivery\n[{TIME}] Agent: Of course. What's the new address?\n[{TIME}] Customer: {ADDRESS}",
    "[{TIME}] Agent: This is {AGENT} from {HOTEL} reservations. Booking {REF} is under {PREFIX} {LAST}, "
    "arriving {DATE}?\n[{TIME}] Customer: yes that's me, {FIRST} {LAST}",
    "[{TIME}] Customer: my flight {FLIGHT} with {AIRLINE} from {CITY} to {CITY2} was cancelled, booking "
    "ref {REF}. passenger names {NAME} and {NAME2}",
    "[{TIME}] Agent: {DR} {LAST2} has a free slot in {CLINIC} on {DATE} at {HOUR}. Shall I book it for "
    "you, {FIRST}?\n[{TIME}] Customer: yes please, and send the letter to {EMAIL}",
    "[{TIME}] Customer: Hello, I'm {NAME}, {JOB} at {COMPANY}. We'd like to open a {PRODUCT} for the "
    "business.\n[{TIME}] Agent: Happy to help, {PREFIX} {LAST}. Which city is the company registered in?\n"
    "[{TIME}] Customer: {CITY}, {COUNTRY}",
    "[{TIME}] Customer: the refund of {AMOUNT} should go to my IBAN {IBAN}, account holder {NAME}\n"
    "[{TIME}] Agent: Noted, claim {CLAIM} is updated. Anything else?",
    "[{TIME}] Agent: Hi {FIRST}, {AGENT} here from {CARRIER}. The driver tried {STREET} at {HOUR} but "
    "nobody was in.\n[{TIME}] Customer: my neighbour {NAME2} can take it",
    "[{TIME}] Customer: can you reissue the prescription for {MEDICINE}? my GP is {DR} {LAST2} and my "
    "number is {PHONE}\n[{TIME}] Agent: Thank you, {PREFIX} {LAST}, the pharmacy will text you.",
    "[{TIME}] Customer: good afternoon, this is {NAME} from {COMPANY} in {CITY}. our {CARRIER} "
    "pickup {TRACK} never came\n[{TIME}] Agent: Sorry about that, {FIRST}. I've raised case {CLAIM}.",
    "[{TIME}] Agent: For security, what is the phone number on the account?\n[{TIME}] Customer: "
    "{PHONE}, and the card is {CARD}\n[{TIME}] Agent: Thank you {PREFIX} {LAST}, that matches.",
    "[{TIME}] Customer: I'm travelling for work ({JOB}, {COMPANY}) and my {HOTEL} stay in {CITY} was "
    "charged twice to {CARD}. Name on the card: {NAME}",
    "[{TIME}] Agent: {FIRST}, your appointment with {DR} {LAST2} ({CLINIC}) moved to {DATE}, {HOUR}.\n"
    "[{TIME}] Customer: ok thanks, can my husband {FIRST2} come with me?",
    "[{TIME}] Customer: hello, the {AIRLINE} app shows {NAME} on seat {SEAT} of {FLIGHT} but I "
    "booked for my daughter {FIRST2}\n[{TIME}] Agent: I'll fix the passenger name on {REF} now.",
    "[{TIME}] Customer: please update my address to {ADDRESS} and my e-mail to {EMAIL}. thanks, {FIRST}",
    "[{TIME}] Agent: Welcome to the {PRODUCT} helpdesk, {AGENT} speaking. Who do I have the pleasure of "
    "talking to?\n[{TIME}] Customer: {NAME}, I moved to {CITY} and need a new card",
    "[{TIME}] Customer: parcel {TRACK} from {COMPANY} was left with {NAME2} at {STREET}, I never got it\n"
    "[{TIME}] Agent: I'm sorry, {FIRST}. {CARRIER} will call you on {PHONE}.",
    "[{TIME}] Agent: {PREFIX} {LAST}, I see two {MEDICINE} orders this month; the second was cancelled "
    "on {DATE}.\n[{TIME}] Customer: right, thanks {AGENT}",
    "[{TIME}] Customer: My employer {COMPANY} books our trips through you. I'm {FIRST} {LAST}, {JOB}. "
    "Can you move {REF} to {DATE}?",
    "[{TIME}] Agent: Thanks for waiting. I've transferred you to my colleague {AGENT2} in {CLINIC}.\n"
    "[{TIME}] Agent: Hi, {AGENT2} here. Is that {NAME}?\n[{TIME}] Customer: yes",
    "[{TIME}] Customer: hi its {FIRST} {LAST} again about claim {CLAIM}, the {AMOUNT} refund from "
    "{AIRLINE} still isn't in my account {IBAN}",
    "[{TIME}] Customer: I want to add my wife {NAME2} as a second cardholder on the {PRODUCT}. "
    "She lives with me at {ADDRESS}.",
    "[{TIME}] Agent: {FIRST}, the {HOTEL} in {CITY} confirmed your late check-out. The {CARRIER} "
    "courier brings the documents to {STREET}.",
    "[{TIME}] Customer: I was sent an invoice from {COMPANY} for {AMOUNT} on {DATE} but I never "
    "ordered anything. {NAME}, {PHONE}",
    "[{TIME}] Agent: {DR} {LAST2}'s secretary here. {PREFIX} {LAST}, please bring your {MEDICINE} "
    "and the referral letter.\n[{TIME}] Customer: Will do. Regards, {NAME}",
    "[{TIME}] Customer: my mum {NAME2} can't log in, her e-mail is {EMAIL} and she lives in {CITY}, "
    "{COUNTRY}\n[{TIME}] Agent: I'll send her a reset link, {FIRST}.",
    "[{TIME}] Customer: Ordered from {COMPANY} on {DATE}, tracking {TRACK}, {CARRIER} lost it. "
    "I'm {NAME}, a {JOB}, and I need it for work",
    "[{TIME}] Agent: Flight {FLIGHT} to {CITY2} leaves from gate {GATE}. Have a good trip, {PREFIX} "
    "{LAST}!\n[{TIME}] Customer: thanks {AGENT}",
]
LABELS = {**dict.fromkeys(("NAME", "NAME2", "FIRST", "FIRST2", "LAST", "LAST2", "AGENT", "AGENT2"), "PERSON"),
          "ADDRESS": "ADDRESS", "STREET": "ADDRESS", "PHONE": "PHONE", "CARD": "CARD", "CARD4": "CARD",
          "IBAN": "IBAN", "EMAIL": "EMAIL_ADDRESS",
          **dict.fromkeys(IGNORE_KINDS, "IGNORE"), "DR": "IGNORE"}
KINDS = IGNORE_KINDS | {"DR": "honorific"}


def reference(rng: random.Random, letters: int, digits: int, prefix: str = "") -> str:
    """A booking, tracking or claim reference: `letters` capitals then `digits` digits."""
    return prefix + "".join(rng.choice(string.ascii_uppercase) for _ in range(letters)) \
        + "".join(rng.choice(string.digits) for _ in range(digits))


def fakes(i: int, rng: random.Random) -> tuple[Faker, ...]:
    """Seeded Fakers for the customer, the agents and doctor, the places and the companies."""
    chosen = tuple(Faker(rng.choice(locales)) for locales in (NAME_LOCALES, NAME_LOCALES, PLACE_LOCALES,
                                                               COMPANY_LOCALES))
    for fake in chosen:
        fake.seed_instance(i)
    return chosen


def values_for(i: int, rng: random.Random) -> dict[str, str]:
    """Every field's value for record `i`."""
    people, staff, places, firms = fakes(i, rng)
    first, last = people.first_name(), people.last_name()
    card = places.credit_card_number()
    values = {
        "FIRST": first, "LAST": last, "NAME": f"{first} {last}", "FIRST2": people.first_name(),
        "NAME2": f"{people.first_name()} {people.last_name()}", "AGENT": staff.first_name(),
        "AGENT2": staff.first_name(), "LAST2": staff.last_name(), "DR": "Dr.",
        "PREFIX": rng.choice(["Mr", "Ms", "Mrs", "Mr.", "Ms."]),
        "ADDRESS": places.address().replace("\n", ", "), "STREET": places.street_address(),
        "PHONE": places.phone_number(), "CARD": card, "CARD4": card[-4:], "EMAIL": people.email(),
        "IBAN": places.iban(), "COMPANY": firms.company(), "JOB": places.job(), "CITY": places.city(),
        "CITY2": places.city(), "COUNTRY": places.country(),
        "DATE": places.date_between(EARLIEST, LATEST).strftime(rng.choice(["%d %B", "%A %d/%m", "%b %d, %Y"])),
        "TIME": f"{rng.randint(8, 19):02d}:{rng.randint(0, 59):02d}",
        "HOUR": rng.choice(["9:15", "10am", "2.30pm", "16:40"]),
        "REF": reference(rng, 4, 2), "TRACK": reference(rng, 2, 10, "JD0"), "CLAIM": reference(rng, 3, 6, "CL-"),
        "FLIGHT": reference(rng, 2, 3), "SEAT": f"{rng.randint(1, 40)}{rng.choice('ABCDEF')}",
        "GATE": f"{rng.choice('ABCD')}{rng.randint(1, 40)}",
        "AMOUNT": rng.choice(["£42.10", "€180", "$75.99", "£1,250"]),
    }
    return values | {key: rng.choice(words) for key, words in TRADE.items()}


def lower_customer(text: str) -> str:
    """The text with every customer turn in lower case (where that keeps each line's length)."""
    lines = [line.partition("Customer:") for line in text.split("\n")]
    return "\n".join(head + cue + (turn.lower() if len(turn.lower()) == len(turn) else turn)
                     for head, cue, turn in lines)


def record(i: int, rng: random.Random) -> dict[str, object]:
    """One transcript; in one in four the customer types in lower case."""
    text, spans = fill(TEMPLATES[i % len(TEMPLATES)], values_for(i, rng), LABELS, KINDS)
    if rng.random() < 1 / 4:
        text = lower_customer(text)
    return {"id": f"desk-{i:04d}", "kind": "message", "text": text, "spans": spans}


def main() -> None:
    """Write the set, or count what an output redacted inside its IGNORE spans."""
    set_command(__doc__, record)


if __name__ == "__main__":
    main()
