"""person_context_v1 on e-mail structure: display names in header lines and before addresses,
`Surname, Given [M.]` forms, initials before a surname, sign-off initials (synthetic e-mails)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from recognizers.lexicon import load_lexicon
from recognizers.person.context import PersonContextRecognizer
from recognizers.person.headers import header_names
from recognizers.person.text import repeated, scan

THRESHOLD = 0.4  # the default profile's PERSON threshold
RECOGNIZER = PersonContextRecognizer()

MEMO = """From: "Kowalczyk, Jan" <jan.kowalczyk@example.com>
Sent: Mon, 3 Mar 2014 10:15
To: Smith, Anna; Brown, Tom M.
Cc: Okafor, Amina
Subject: budget figures

Please see the attached figures.

Thanks,
JW
"""


def found(text: str, nlp_artifacts: object = None) -> list[str]:
    """The text of every finding at or above the threshold, in order."""
    results = RECOGNIZER.analyze(text, ["PERSON"], nlp_artifacts)  # type: ignore[arg-type]
    return [text[r.start:r.end] for r in sorted(results, key=lambda r: r.start) if r.score >= THRESHOLD]


def test_every_name_of_a_memo_header_and_the_signoff_initials_are_found():
    assert found(MEMO) == [
        "Kowalczyk, Jan", "Smith, Anna", "Brown, Tom M", "Okafor", "Amina", "JW"]


@pytest.mark.parametrize("line", ["Sent: Mon, 3 Mar 2014 10:15", "> Date: Fri, 7 Jun 2013 09:02:11 -0700"])
def test_a_weekday_in_a_date_header_is_no_name(line):
    assert found(f"{line}\nSubject: hi") == []


@pytest.mark.parametrize("text", [
    "Thanks.\n\nOn Mon, 3 Mar 2014, Kevin Smith <kevin@example.com> wrote:\n> hi",
    "ok , lunch on Mon 3 March with the team",
])
def test_a_weekday_a_date_follows_is_no_name_wherever_it_stands(text):
    assert "Mon" not in found(text)


def test_a_header_field_is_no_speaker():
    assert "Cc" not in found(MEMO)


@pytest.mark.parametrize("text, expected", [
    # a display name after the list's first item (the byline rule reads only the first)
    ("Cc: team@example.com, Oyelaran <xo@example.com>", ["Oyelaran"]),
    # a quoted display name
    ('From: "Petteri Tarkkonen" <pt@example.fi>', ["Petteri Tarkkonen"]),
    # a surname no list holds, with a listed given name
    ("Cc: Wiśniewska, Zofia; Nguyen, Bao", ["Wiśniewska, Zofia", "Nguyen, Bao"]),
    # a folded header line goes on
    ("To: Smith, Anna;\n    Brown, Tom\nSubject: hi", ["Smith, Anna", "Brown, Tom"]),
    # a surname in capitals, an initial first
    ("From: KOWALCZYK Jan <jk@example.com>", ["KOWALCZYK Jan"]),
    ("To: J. Kowalczyk <jk@example.com>", ["J. Kowalczyk"]),
    ("To: N. van de Biesenbos <nb@example.com>", ["N. van de Biesenbos"]),  # particles inside
    # Outlook's mailto and a reply's attribution line
    ('From: "Oyelaran, Xiadani" [mailto:xo@example.com]', ["Oyelaran, Xiadani"]),
    ("On 3 Mar 2014 at 10:15, Oyelaran <xo@example.com> wrote:", ["Oyelaran"]),
])
def test_display_names_in_headers_and_before_addresses(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "To: All staff\nFrom: The Team",
    "From: Customer Service <help@example.com>",
    "To: Sales Team; Support",
    "From: noreply <noreply@example.com>",
    "Reply-To: <orders@example.com>",
    "cc: me, you and everyone",
    "Subject: Smith, Anna",  # not an address header: the subject may name anything
])
def test_headers_that_name_no_one(text):
    spans = [text[c.start:c.end] for c in header_names(scan(text, load_lexicon()))]
    assert spans == []


@pytest.mark.parametrize("text, expected", [
    ("Thanks for the update.\nRegards,\nJ.K.", ["J.K"]),
    ("see you then\n-- AB", ["AB"]),
    ("> see you then\n> -- AB", ["AB"]),  # in a quoted reply
    ("Best,\nA. B.", ["A. B"]),
])
def test_initials_signing_off_a_text(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, initials", [
    ("Thanks,\nOK", "OK"),           # a word
    ("Best,\nLOL", "LOL"),           # chat
    ("great game - NBA", "NBA"),     # a dash mid-line: no sign-off
    ("Regards,\nJW Rowling's new book is out now", "JW"),  # does not end the text
])
def test_what_is_no_signoff_initial(text, initials):
    assert not any(initials in name for name in found(text))


def with_person_entity(text: str, ents: list[str]) -> list[str]:
    """Findings, the NER having found PERSON entities (BIO tags over the words, one space apart)."""
    doc = Doc(spacy.blank("en").vocab, words=text.split(), ents=ents)

    class Artifacts:
        tokens = doc
        entities = list(doc.ents)

    return found(text, Artifacts())


@pytest.mark.parametrize("text, ents, expected", [
    # The engine trims `J.` off the NER's `J. Kowalczyk`; the name takes its initials back.
    ("ask J. Kowalczyk today", ["O", "O", "B-PERSON", "O"], ["J. Kowalczyk"]),
    ("per J. R. Tarkkonen today", ["O", "O", "O", "B-PERSON", "O"], ["J. R. Tarkkonen"]),
])
def test_a_name_takes_in_the_initials_before_it(text, ents, expected):
    assert with_person_entity(text, ents) == expected


@pytest.mark.parametrize("text, ents", [
    ("ask j. kowalczyk today", ["O", "O", "B-PERSON", "O"]),    # written unlike the name
    ("ask Mr. Kowalczyk today", ["O", "O", "B-PERSON", "O"]),   # an honorific, no initial
])
def test_what_is_no_initial_before_a_name(text, ents):
    assert all(name.lower() == "kowalczyk" for name in with_person_entity(text, ents))


@pytest.mark.parametrize("text, expected", [
    # a lone word on the last line after a sign-off, in lower case or capitals, no list holds
    ("see you monday\n\nthanks,\nkishan", ["kishan"]),
    ("Regards,\nKISHAN", ["KISHAN"]),
    # a display name in a header, in any case
    ("From: kishan <kishan@example.com>", ["kishan"]),
    ("From: KISHAN PATELLO <k@example.com>", ["KISHAN PATELLO"]),
])
def test_lower_case_and_capital_signoffs_and_display_names(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "thanks,\nbro", "Regards,\nnoreply", "thanks,\nkishan said so",  # a word; run together; not alone
    "From: noreply <noreply@example.com>", "From: donotreply <x@example.com>",
    "From: support team <s@example.com>",
])
def test_what_is_no_lower_case_signoff_or_display_name(text):
    assert found(text) == []


@pytest.mark.parametrize("text", [
    # chat after a lower-case sign-off is no name (QA O3): a syllable drawn out, chat words
    "thanks,\nlolol", "thanks,\nlololol", "love,\nxoxoxo", "thanks,\nuwu", "thanks,\ntysm",
    "thanks,\nkthxbye",
])
def test_chat_after_a_lower_case_signoff_is_no_name(text):
    assert found(text) == []


@pytest.mark.parametrize(("key", "expected"), [
    ("lolol", True), ("xoxoxo", True), ("hahahah", True),   # lol, xoxo, haha drawn out
    ("kaka", False), ("kishan", False), ("lalala", False),  # no word starts them; no repetition
])
def test_a_drawn_out_chat_word(key, expected):
    assert repeated(key, load_lexicon()) is expected


@pytest.mark.parametrize("text", [
    # a display name that is a label of its own address's domain is the company sending (QA O2)
    "From: github <notifications@github.com>", "From: GITHUB <n@github.com>",
    "From: venmo <venmo@venmo.com>", "From: instagram <no-reply@mail.instagram.com>",
    "From: etsy <transaction@etsy.com>", "From: zendesk <support@zendesk.com>",
    "contact dropbox <support@dropbox.com>",
])
def test_a_display_name_of_its_own_domain_is_a_brand(text):
    assert found(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    # the local part says nothing: a person writes from their own name
    ("From: kishan <kishan@x.com>", ["kishan"]), ("From: Anna Smith <anna.smith@smith-law.com>", ["Anna Smith"]),
])
def test_a_display_name_like_its_local_part_stays_a_name(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Sara, send it.\nThanks,\nJW\n\n -----Original Message-----\nFrom: Taylor, Mark\nSent: Wed", "JW"),
    ("Sara, send it.\nThanks,\nJK\n\n -----Original Message-----\nFrom: Taylor, Mark\nSent: Wed", "JK"),
    ("ok.\nthanks,\nkishan\n\nSent from my iPhone\n\nOn Mon, 3 Mar 2014, Kevin <k@example.com> wrote:\n> hi", "kishan"),
    ("We agree.\nBest,\nJ.K.\n________________________________\nFrom: Anna\nSent: Monday", "J.K"),
    ("fine by me\n-- AB\n\n---------- Forwarded message ---------\nFrom: Anna <a@example.com>", "AB"),
    ("fine by me\nCheers,\nJW\n> Can you send it?\n> Anna", "JW"),
    ("From: Anna <a@example.com>\nSent: Mon, 3 Mar 2014\nSubject: hi\n\nok\nThanks,\nMS", "MS"),
])
def test_a_signoff_ends_a_message_part_a_reply_or_forward_follows(text, expected):
    assert expected in found(text)


@pytest.mark.parametrize("text", [
    "lol\nThanks,\nJK\nsee you all tomorrow",  # chat initials go on to more text: no sign-off
    "Thanks,\nJK",  # `JK` ends a text no reply follows: chat, as before
])
def test_what_ends_no_message_part(text):
    assert "JK" not in found(text)
