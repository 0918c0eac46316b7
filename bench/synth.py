"""Synthetic social posts and private messages for the benchmark, from a fixed seed.

Mostly ordinary text, with names, @handles, phone numbers, e-mail addresses, profile links and
street addresses sprinkled in at roughly the rates they show up in public posts and DMs. Every
value is invented: phone numbers come from the ranges reserved for fiction (US 555-01xx, UK
07700 900xxx), e-mail and web domains are example.com/.org/.net, and names are common first and
last names paired at random.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import orjson

FIRST_NAMES = (
    "Maria James Priya Daniel Aisha Tom Chen Fatima Lucas Sofia Omar Emma Raj Olivia Kwame Hannah "
    "Diego Yuki Grace Ahmed Chloe Ivan Nadia Ben Leila Marco Zoe Samuel Amara Jonas Elena Mateo "
    "Sarah Dev Ingrid Tariq Julia Kofi Mia Noah"
).split()
LAST_NAMES = (
    "Rossi Okafor Patel Kim Smith Nguyen Garcia Müller Haddad Johnson Silva Kowalski Mensah Tanaka "
    "Brown Ali Novak Fischer Hughes Costa Ivanova Park Dubois Mwangi Larsen Moreau Cohen Reyes"
).split()
STREETS = "Main Elm Oak Baker Church Mill Station Park High Maple Cedar Harbour".split()
STREET_KINDS = "Street St Road Rd Avenue Ave Lane Drive".split()
CITIES = (
    ("Springfield, IL", "62704"), ("London", "NW1 6XE"), ("Manchester", "M1 1AE"),
    ("Austin, TX", "78701"), ("Portland, OR", "97205"), ("Leeds", "LS1 4DY"),
)
PROFILE_SITES = (
    "linkedin.com/in/{slug}", "github.com/{handle}", "x.com/{handle}", "instagram.com/{handle}",
    "t.me/{handle}", "www.facebook.com/{slug}", "medium.com/@{handle}",
)
DOMAINS = ("example.com", "example.org", "example.net", "mail.example.com")

# Ordinary sentences; {slots} are filled from the tuples below, never with personal data.
SENTENCES = (
    "Just finished my first {thing} of the year and honestly it went better than expected.",
    "Does anyone know a good place for {food} near the {place}?",
    "The {place} was packed this {day}, but the {thing} was worth the wait.",
    "Hot take: {thing} is overrated and nobody wants to admit it.",
    "We shipped the new {product} release today after three weeks of testing.",
    "Can't believe it's already {month}. Where did the year go?",
    "If you're going to the {event} on {day}, come say hi at our table.",
    "My team is looking for feedback on the {product} dashboard, comments welcome.",
    "Rain again. Third {day} in a row. Send {food}.",
    "Reading a great book about {topic} and I can't put it down.",
    "Our {event} talk on {topic} is now online, link in bio.",
    "Quick reminder that the {place} closes early on {day} for maintenance.",
    "Tried the new {food} place downtown and would definitely go back.",
    "Thread on what we learned migrating our {product} to a new stack:",
    "Anyone else's {thing} broken after the latest update? Asking for a friend.",
    "Grateful for everyone who showed up to the {event} last {day}.",
    "The kids loved the {place}, we'll be back in {month} for sure.",
    "Honestly the best {thing} I've had in ages, ten out of ten.",
    "Not sure how I feel about the new {product} pricing, seems steep.",
    "Volunteering at the {place} this {day}, we still need a few hands.",
    "lol same", "omg yes", "this is so true", "congrats!!", "can't wait", "see you there",
    "Big news coming in {month}, stay tuned.",
    "Working from the {place} today because the wifi at home gave up.",
    "Our {topic} reading group meets every {day} at 6pm, all welcome.",
    "Three things I wish I'd known before starting in {topic}: patience, notes, and sleep.",
)
THINGS = ("marathon", "coffee", "concert", "podcast", "hike", "sprint", "workshop", "road trip")
FOOD = ("ramen", "tacos", "pizza", "dim sum", "bagels", "curry", "pho", "falafel")
PLACES = ("library", "farmers market", "station", "stadium", "community centre", "park", "gym")
DAYS = ("Monday", "Tuesday", "Friday", "Saturday", "Sunday", "weekend")
MONTHS = ("March", "June", "September", "November", "December")
EVENTS = ("meetup", "conference", "hackathon", "book fair", "open day", "charity run")
TOPICS = ("data engineering", "urban gardening", "climate policy", "jazz history", "typography")
PRODUCTS = ("mobile app", "API", "search", "billing", "analytics", "checkout")
EXTRAS = (" 🎉", " 👏", " 😂", " #tbt", " #hiring", " #weekend", " https://example.com/blog/42") + ("",) * 13

# Chance that a sentence carries each kind of personal data (a sentence may carry several).
RATES = {"name": 0.10, "handle": 0.05, "phone": 0.015, "email": 0.015, "profile": 0.015,
         "address": 0.008}


class Synth:
    """A deterministic generator of posts and messages; the same seed gives the same records."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def records(self, n: int) -> Iterator[dict]:
        """n records: about 70% posts or comments, 30% private messages."""
        for i in range(n):
            yield self.message(i) if self.rng.random() < 0.3 else self.post(i)

    def post(self, i: int) -> dict:
        """A post (sometimes titled, sometimes with comments) or a comment."""
        kind = "post" if self.rng.random() < 0.75 else "comment"
        record = {"id": f"p{i:07d}", "kind": kind, "author_id": f"u{self.rng.randrange(10**6)}",
                  "created_at": f"2026-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"}
        if kind == "post" and self.rng.random() < 0.15:
            record["title"] = self.text(30, 80)
        record["text"] = self.text(50, 1500)
        if kind == "post" and self.rng.random() < 0.3:
            record["comments"] = [{"author_id": f"u{self.rng.randrange(10**6)}",
                                   "text": self.text(20, 200)}
                                  for _ in range(self.rng.randint(1, 3))]
        return record

    def message(self, i: int) -> dict:
        """A private message: shorter, more direct, richer in contact details."""
        return {"id": f"m{i:07d}", "kind": "message", "thread": f"t{self.rng.randrange(10**5)}",
                "text": self.text(50, 600, greeting=True)}

    def text(self, low: int, high: int, greeting: bool = False) -> str:
        """Sentences until a length drawn between low and high (skewed short, as posts are)."""
        target = min(high, max(low, int(self.rng.lognormvariate(5.4, 0.8))))
        parts = [f"{self.rng.choice(('Hi', 'Hey', 'Hello'))} {self.first()},"] if greeting else []
        while sum(len(p) + 1 for p in parts) < target:
            parts.append(self.sentence())
        text = " ".join(parts)
        return text if len(text) <= high else text[:high].rsplit(" ", 1)[0]

    def sentence(self) -> str:
        """One ordinary sentence, with personal data added at the RATES."""
        rng = self.rng
        sentence = rng.choice(SENTENCES).format(
            thing=rng.choice(THINGS), food=rng.choice(FOOD), place=rng.choice(PLACES),
            day=rng.choice(DAYS), month=rng.choice(MONTHS), event=rng.choice(EVENTS),
            topic=rng.choice(TOPICS), product=rng.choice(PRODUCTS),
        ) + rng.choice(EXTRAS)
        additions = [make() for kind, make in self.makers() if rng.random() < RATES[kind]]
        return " ".join([sentence, *additions])

    def makers(self):
        """(kind, function making a short phrase with one value of that kind)."""
        return (("name", self.name_phrase), ("handle", self.handle_phrase),
                ("phone", self.phone_phrase), ("email", self.email_phrase),
                ("profile", self.profile_phrase), ("address", self.address_phrase))

    def first(self) -> str:
        """A first name."""
        return self.rng.choice(FIRST_NAMES)

    def full_name(self) -> str:
        """A first and a last name."""
        return f"{self.first()} {self.rng.choice(LAST_NAMES)}"

    def handle(self) -> str:
        """A user name as used in @handles and profile links."""
        name = self.first().lower()
        return self.rng.choice((name, f"{name}_{_ascii(self.rng.choice(LAST_NAMES))}",
                                f"{name}{self.rng.randint(1, 99)}"))

    def name_phrase(self) -> str:
        """A sentence naming someone."""
        return self.rng.choice((
            "Thanks to {n} for organising.", "{n} said it was the best one yet.",
            "Shout out to {n}!", "Met {n} there, small world.", "Ask {f} about it.",
        )).format(n=self.full_name(), f=self.first())

    def handle_phrase(self) -> str:
        """An @mention."""
        return self.rng.choice(("cc @{h}", "via @{h}", "@{h} you coming?", "thanks @{h}")).format(
            h=self.handle())

    def phone_phrase(self) -> str:
        """A phone number from a fiction range, with its lead-in."""
        number = self.rng.choice((
            f"555-01{self.rng.randint(0, 99):02d}", f"(555) 01{self.rng.randint(0, 99):02d}",
            f"+1 212 555 01{self.rng.randint(0, 99):02d}", f"+44 7700 900{self.rng.randint(0, 999):03d}",
            f"07700 900{self.rng.randint(0, 999):03d}",
        ))
        return self.rng.choice(("Call me on {p}.", "text {p} if you need anything",
                                "my cell is {p}", "WhatsApp: {p}")).format(p=number)

    def email_phrase(self) -> str:
        """An e-mail address at an example domain."""
        local = f"{self.first().lower()}.{_ascii(self.rng.choice(LAST_NAMES))}"
        return self.rng.choice(("Email me at {e}.", "reach me at {e}", "({e})")).format(
            e=f"{local}@{self.rng.choice(DOMAINS)}")

    def profile_phrase(self) -> str:
        """A profile link, with or without its scheme."""
        slug = f"{self.first().lower()}-{_ascii(self.rng.choice(LAST_NAMES))}-{self.rng.randint(1, 999)}"
        link = self.rng.choice(PROFILE_SITES).format(slug=slug, handle=self.handle())
        prefix = self.rng.choice(("", "https://"))
        return self.rng.choice(("Connect with me: {l}", "my profile: {l}", "{l}")).format(l=prefix + link)

    def address_phrase(self) -> str:
        """A street address with city and postcode."""
        city, postcode = self.rng.choice(CITIES)
        street = f"{self.rng.randint(1, 250)} {self.rng.choice(STREETS)} {self.rng.choice(STREET_KINDS)}"
        return f"New place is at {street}, {city} {postcode}."


def _ascii(name: str) -> str:
    """A name as it appears in addresses and user names: lower case, ASCII."""
    return name.lower().replace("ü", "ue")


def texts_of(record: dict) -> list[str]:
    """The texts the default profile redacts in a record: title, text and each comment's text."""
    texts = [record[k] for k in ("title", "text") if k in record]
    return texts + [c["text"] for c in record.get("comments", ())]


def write_jsonl(path: Path, n: int, seed: int) -> Path:
    """Write n records generated from `seed` to a JSONL file; return its path."""
    with open(path, "wb") as out:
        for record in Synth(seed).records(n):
            out.write(orjson.dumps(record) + b"\n")
    return path
