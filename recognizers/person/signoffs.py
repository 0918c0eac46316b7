"""Evidence from who wrote or speaks: sign-offs ending a text (`- Greg`, `Regards,\\nJohn Smith`,
initials: `Regards,\\nJW`), bylines and header fields (`photo by Anna Kowalski`, `From: Maria`), chat
speakers (`Nicole: ...`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from recognizers.lexicon import web_frequency
from recognizers.person.cue_words import BYLINE_NOT_NAMES, HEADER_FIELDS, LOWER_WEB_RARE, NOT_NAMES
from recognizers.person.text import Candidate, ScannedText
from recognizers.person.words import NAME_SHAPE

# Who made or sent something: `photo by`, `Directed By:`, and header fields opening a line.
# (Two patterns: most texts hold a colon, few a `by`, and a line start is quick to reject.)
BYLINE = re.compile(
    r"(?<![\w@#])(?:written|directed|posted|produced|photos?|photographed|edited|reported|hosted|"
    r"shared|sent|created|painted|drawn|designed|illustrated|composed|narrated|translated|"
    r"authored|signed)\s+by[ \t:]*(?=\w)",
    re.IGNORECASE,
)
HEADER_FIELD = re.compile(
    r"(?m)^[ \t>]*(?:from|to|cc|author|authors|sender|recipient|attn|contact)\s*:[ \t:]*(?=\w)",
    re.IGNORECASE,
)
BY = re.compile(r"by", re.IGNORECASE)
# A valediction, then perhaps a dash opening the name's line (`thanks,\n- kishan`).
VALEDICTION = re.compile(
    r"(?:^|\n|[.!?]\s)\s*(?:best|best\s+wishes|regards|kind\s+regards|warm\s+regards|best\s+"
    r"regards|many\s+thanks|thanks|thank\s+you|cheers|love|lots\s+of\s+love|much\s+love|xo|xoxo|"
    r"sincerely|yours|yours\s+truly|yours\s+sincerely|warmly|take\s+care|talk\s+soon|ttyl|"
    r"ty|thx|thnx|tnx|thanx|tks)"
    r"\s*[,!.]*\s*\n?\s*(?:(?<=\n)[ \t]*(?:-{1,2}|~|—|–)[ \t]*)?(?=\w)",
    re.IGNORECASE,
)
# Chat thanks anywhere in a line, since a chat message runs on into them (`ok see u then thx\nkishan`,
# `ok ty kishan`, `thx, kishan`, `ok thanks jerzy`): only the name ending a message part after them is taken.
CHAT_THANKS = re.compile(r"(?<![\w@#'])(?:ty|thx|thnx|tnx|thanx|tks|thanks|thank\s+you|cheers)[ \t]*[,!.]*\s*(?=\w)",
                         re.IGNORECASE)
DASH_SIGNOFF = re.compile(r"(?:^|\s)(?:-{1,2}|~|—|–)\s*(?=\w)")
# A dash opening a line (perhaps quoted) before a sign-off (initials after a dash mid-line are too often an
# acronym: `great game - NBA`).
LINE_DASH_SIGNOFF = re.compile(r"(?m)^[ \t>]*(?:-{1,2}|~|—|–)[ \t]*(?=\w)")
# Initials that sign off: capitals, at most three letters (`JK`), or up to three initials
# with dots (`J.K.`).
MAX_INITIALS = 3
# What a text may end with after a sign-off name: punctuation, emoji, whitespace, and perhaps
# the footer a mail app adds on lines of its own (`Sent from my iPhone`, `Get Outlook for iOS`).
TAIL = re.compile(r"[^\w]*(?:\n[ \t]*(?:sent\s+from\s+(?:my\s+)?|sent\s+via\s+|get\s+outlook\s+for\s+)"
                  r"[^\n]{1,40}[^\w]*)?\Z", re.IGNORECASE)
# A post's closing tags, links and handles may follow a sign-off too (`~ Gurudev #yoga`, `- Greg
# http://t.co/x`): chunks of these, at the very end, are left out before TAIL is asked.
CLOSING_CHUNK = re.compile(r"(?:[#＃@]\w+|https?://\S+|www\.\S+|[^\w\s]+)\Z")
# Where a reply or a forward begins, which ends the message part before it as the end of the text
# does: `-----Original Message-----`, `---------- Forwarded message ---------`, `Begin forwarded
# message:`, a rule of underscores (Outlook), `On <date>, <name> wrote:`, a `From:` line followed
# by a `Sent:`/`Date:` line, and a line quoted with `>` after one that is not.
PART_START = regex.compile(
    r"(?im)^[ \t]*(?:-{2,}[ \t]*(?:original|forwarded)[ \t]+message|begin[ \t]+forwarded[ \t]+message[ \t]*:"
    r"|_{8,}[ \t]*$|on[ \t][^\n]{4,200}\bwrote[ \t]*:[ \t]*$"
    r"|from[ \t]*:[^\n]*\n[ \t]*(?:sent|date)[ \t]*:)"
    r"|(?<=\n)(?<!^[ \t]*>[^\n]*\n)[ \t]*>")
PART_MARKS = ("--", "__", "wrote", ":", ">")

# Two or more lines opening with a capitalised word and a colon make a dialogue.
DIALOGUE_LINE = regex.compile(r"(?m)^[ \t]*\p{Lu}\w+[ \t]?:[ \t]*\S")
LINE_START = re.compile(r"(?m)^[ \t]*(?=\w)")
SPEAKER_COLON = re.compile(r"[ \t]*:")
# A retweet's prefix: what follows it opens the quoted tweet, as a line start does.
RETWEET = re.compile(r"(?<!\w)RT[ \t]+@\w+[ \t]*:[ \t]*(?=\w)")


def bylines(t: ScannedText) -> Iterator[Candidate]:
    """`photo by Anna Kowalski`, `Directed By: Lukas Ostermann`, `From: Maria`: capitalised
    name words after a byline or a header field."""
    text = t.text
    by = BYLINE.finditer(text) if BY.search(text) else ()
    fields = HEADER_FIELD.finditer(text) if ":" in text else ()
    for match in (*by, *fields):
        i = t.index_at(match.end())
        if i is None or not t.words[i].title or t.words[i].key in BYLINE_NOT_NAMES:
            continue
        n = t.name_run(i, lowercase_ok=False)
        if n and (n > 1 or t.known(t.words[i]) or not t.lex.is_word(t.words[i].key)):
            yield t.span(i, n, "byline")


def signoffs(t: ScannedText) -> Iterator[Candidate]:
    """`- Greg`, `~Greg`, `Best, Anna`, `Regards,\\nJohn Smith` at the end of the text (before its
    closing tags and links: `closing_start`) or of a message part a reply or forward follows
    (`part_ends`)."""
    dashes = any(mark in t.text for mark in "-~—–")
    ends = part_ends(t.text)
    for pattern in (DASH_SIGNOFF, VALEDICTION, CHAT_THANKS) if dashes else (VALEDICTION, CHAT_THANKS):
        for match in pattern.finditer(t.text):
            i = t.index_at(match.end())
            if i is None:
                continue
            n = t.name_run(i, lowercase_ok=True) or _lone_word(t, i, match)
            if n and _ends_part(t.text, t.words[i + n - 1].end, ends):
                yield t.span(i, n, "signoff")


def part_ends(text: str) -> list[int]:
    """Where each message part of the text ends: where each reply or forward begins (PART_START),
    and the text's end before its closing tags and links (`closing_start`)."""
    ends = [closing_start(text)]
    if "\n" in text and any(mark in text for mark in PART_MARKS):
        ends += [m.start() for m in PART_START.finditer(text)]
    return ends


def _ends_part(text: str, name_end: int, ends: list[int]) -> bool:
    """Whether only punctuation, white space and a mail app's footer (TAIL) stand between a name's
    end and the end of a message part."""
    return any(end >= name_end and TAIL.fullmatch(text, name_end, end) for end in ends)


def closing_start(text: str) -> int:
    """Where the text's closing hashtags, links and handles start (`... ~ Gurudev #yoga`: the end
    of `Gurudev`); the text's length when it ends otherwise. One pass back over the closing chunks."""
    end, stripped = len(text), False
    while True:
        chunk_end = end
        while chunk_end and text[chunk_end - 1].isspace():
            chunk_end -= 1
        chunk_start = chunk_end
        while chunk_start and not text[chunk_start - 1].isspace():
            chunk_start -= 1
        if chunk_start == chunk_end or not CLOSING_CHUNK.match(text, chunk_start, chunk_end):
            return chunk_end if stripped else len(text)
        end, stripped = chunk_start, True


def _lone_word(t: ScannedText, i: int, signoff: re.Match[str]) -> int:
    """1 when word i, after a sign-off, is a name in lower case or capitals no list holds
    (ScannedText.rare_unlisted), in English text, on a line of its own (`thanks,\\nkishan`) or
    after chat thanks or a dash on the same line, in lower case (`thx kishan`, `great session ~
    kishan #yoga`);
    else 0. The caller checks that it ends the text."""
    w = t.words[i]
    own_line = t.text.rfind("\n", signoff.start() + 1, w.start) >= 0
    same_line = signoff.re is not VALEDICTION and w.text.islower()  # capitals: `- OITNB` is a show
    return int((own_line or same_line) and t.english_besides_rare and t.rare_unlisted(w))


def speakers(t: ScannedText) -> Iterator[Candidate]:
    """`Nicole: Remember me?`: a listed name opening a line, followed by a colon; in a
    dialogue (two or more such lines) any capitalised non-word; after a retweet's `RT @handle :`
    (a quote) a capitalised word rare on the web (`RT @x : Ashutosh : I am ...`)."""
    if ":" not in t.text:  # every speaker is followed by one
        return
    dialogue = len(DIALOGUE_LINE.findall(t.text)) >= 2
    retweets = RETWEET.finditer(t.text) if "RT" in t.text else ()
    for match in (*LINE_START.finditer(t.text), *retweets):
        i = t.index_at(match.end())
        if i is None or not t.words[i].title:
            continue
        w = t.words[i]
        if w.key in HEADER_FIELDS:  # `Cc: Okafor`: an e-mail header, no dialogue
            continue
        quoted = match.re is RETWEET and web_frequency(w.key) < LOWER_WEB_RARE
        if not (t.known(w) or ((dialogue or quoted) and NAME_SHAPE.match(w.text) and not t.lex.is_word(w.key))):
            continue
        n = t.name_run(i, lowercase_ok=False, limit=2)
        if n and SPEAKER_COLON.match(t.text, t.words[i + n - 1].end):
            yield t.span(i, n, "speaker")


def signoff_initials(t: ScannedText) -> Iterator[Candidate]:
    """`Regards,\\nJK`, `Best,\\nJ.K.`, `\\n-- AB` at the end of the text or of a message part
    (`part_ends`): initials after a sign-off (a valediction, or a dash opening a line)."""
    patterns = (LINE_DASH_SIGNOFF, VALEDICTION) if any(m in t.text for m in "-~—–") else (VALEDICTION,)
    ends = part_ends(t.text)
    for pattern in patterns:
        for match in pattern.finditer(t.text):
            i = t.index_at(match.end())
            n = _initials(t, i, mail=len(ends) > 1) if i is not None else 0
            if i is not None and n and _ends_part(t.text, t.words[i + n - 1].end, ends):
                yield t.span(i, n, "signoff_initials")


def _initials(t: ScannedText, i: int, mail: bool = False) -> int:
    """How many words from `i` are initials: one word of two or three capitals that is no word
    (`JW`, not `OK`, `LOL`; any, `JK`, `MS`, `ON`, in `mail`: a text with a reply, a forward or a
    header block), or single capitals each followed by a dot (`J.K.`)."""
    w = t.words[i]
    if w.in_link:
        return 0
    if 1 < len(w.text) <= MAX_INITIALS and w.text.isupper():
        return int(mail or (w.key not in NOT_NAMES and not t.lex.is_word(w.key)))
    n = 0
    while i + n < len(t.words) and n < MAX_INITIALS:
        w = t.words[i + n]
        if not (w.initial and t.text.startswith(".", w.end)) or (n and t.gap(i + n - 1, i + n) not in (".", ". ")):
            break
        n += 1
    return n
