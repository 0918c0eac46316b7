"""A synthetic e-mail gold set for the person rules on e-mail structure (there is no e-mail dev set):
header lines with display names (`From: "Kowalczyk, Jan" <...>`, `To: Smith, Anna; Brown, Tom M.`,
`Cc:`), a reply's attribution line, initials before a surname and signing off, also before the
message a reply quotes (`Thanks,\nJK\n\n-----Original Message-----`). Names are Faker's
(seeded), so the set holds no one's data; its shapes are the ones the rules were written for, so a
score on it shows what the rules reach, not how they do on real mail.

usage: python bench/email_synth.py OUT.jsonl [--n 120]   then ../shared/eval/score.py OUT.jsonl --cmd ...
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable
from datetime import datetime

from faker import Faker

LOCALES = ["en_US", "en_GB", "pl_PL", "de_DE", "fr_FR", "nl_NL", "sv_SE", "es_ES"]
SUBJECTS = ["budget figures", "Re: minutes", "schedule for next week", "Fwd: invoice 2291", "contract draft"]
BODIES = ["Please see the attached figures.", "Can we move the call to Thursday?",
          "The draft looks fine to me, a few comments inline.", "Thanks for sending this over."]
TEMPLATES = [
    'From: "{L1}, {F1}" <{E1}>\nSent: {DATE}\nTo: {L2}, {F2}; {L3}, {F3} {M}.\nCc: {F4} {L4} <{E4}>\n'
    "Subject: {SUBJ}\n\nHi {F2},\n\n{BODY}\n\nThanks,\n{INI}",
    "On {DATE}, {F1} {L1} <{E1}> wrote:\n> {BODY}\n>\n> -- {INI}",
    "From: {F1} {L1} [mailto:{E1}]\nTo: {I2}. {L2} <{E2}>\nSubject: {SUBJ}\n\n{BODY} {I3}. {L3} agreed.\n\n"
    "Best regards,\n{F1}",
    "{BODY}\n\nThanks,\n{INI}\n\n -----Original Message-----\nFrom: {L2}, {F2} [mailto:{E2}]\nSent: {DATE}\n"
    "To: {L1}, {F1}\nSubject: {SUBJ}\n\n{BODY}\n\n{F2}",
]
# Dates between these, fixed so that the set is the same bytes on every day it is built.
EARLIEST, LATEST = datetime(2000, 1, 1), datetime(2025, 1, 1)
# The gold label of each field (the date is IGNORE: neither a leak nor over-redaction).
LABELS = {**dict.fromkeys(("F1", "L1", "F2", "L2", "F3", "L3", "F4", "L4", "M", "I2", "I3", "INI"), "PERSON"),
          **dict.fromkeys(("E1", "E2", "E4"), "EMAIL_ADDRESS"), "DATE": "IGNORE"}


def fill(template: str, values: dict[str, str], labels: dict[str, str] = LABELS,
         kinds: dict[str, str] | None = None) -> tuple[str, list[dict[str, object]]]:
    """The template filled in, with a gold span over each field `labels` names (and the `kind` of
    an IGNORE span, where `kinds` names one)."""
    text, spans, rest = "", [], template
    while "{" in rest:
        before, _, after = rest.partition("{")
        key, _, rest = after.partition("}")
        text += before
        if key in labels:
            span: dict[str, object] = {"start": len(text), "end": len(text) + len(values[key]), "label": labels[key]}
            if kinds and key in kinds:
                span["kind"] = kinds[key]
            spans.append(span)
        text += values[key]
    return text + rest, spans


def record(i: int, rng: random.Random) -> dict[str, object]:
    """One synthetic e-mail."""
    fake = Faker(rng.choice(LOCALES))
    fake.seed_instance(i)
    values = {f"F{k}": fake.first_name() for k in range(1, 5)} | {f"L{k}": fake.last_name() for k in range(1, 5)}
    values |= {f"E{k}": fake.email() for k in range(1, 5)}
    values |= {"M": fake.random_uppercase_letter(), "I2": values["F2"][0], "I3": values["F3"][0],
               "INI": values["F1"][0] + values["L1"][0],
               "DATE": fake.date_time_between(EARLIEST, LATEST).strftime("%a, %d %b %Y %H:%M"),
               "SUBJ": rng.choice(SUBJECTS), "BODY": rng.choice(BODIES)}
    text, spans = fill(TEMPLATES[i % len(TEMPLATES)], values)
    return {"id": f"email-{i:04d}", "text": text, "spans": spans}


def main() -> None:
    """Write the set."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--n", type=int, default=120)
    args = parser.parse_args()
    write_set(args.out, args.n, record)


def write_set(path: str, n: int, make: Callable[[int, random.Random], dict]) -> None:
    """Write records 0..n-1 that `make` draws (with one generator seeded 15) to `path` as JSONL."""
    rng = random.Random(15)
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            out.write(json.dumps(make(i, rng), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
