"""The normalised view of a text that recognizers read, and the map from its offsets back.

Personal data hides from patterns behind characters a reader does not see or reads as others: a
zero-width space, soft hyphen, word joiner or NUL inside an e-mail address, an RTL override, a
fullwidth `＠` or fullwidth digits. Whoever normalises the text later (NFKC, stripping format
characters: most tokenizer pipelines do) gets the identifier back. So the analyze stage runs on a
VIEW of each text, built grapheme by grapheme:

- format characters (Unicode category Cf) and control characters other than white space are
  left out, except that a zero-width space or a control character at a seam between a lower-case
  letter and a capital reads as a space (`Maria\u200bRossi`, `Kishan\x00Patel` -> `Maria Rossi`,
  `Kishan Patel`; a soft hyphen or word joiner joins: `Java\u00adScript` stays one word);
- compatibility forms are folded with NFKC (fullwidth `＠` -> `@`, `ﬁ` -> `fi`, `①` -> `1`, a
  no-break space -> a space; circled, squared and mathematical letters: `ⓚ`, `🄺`, `𝐊` -> `k`,
  `K`, `K`) and combining sequences composed, except where folding changes what the text says:
  superscripts, subscripts and vulgar fractions stay as they are (`10²` is not `102`, `1½` is not
  `11⁄2`);
- the Latin letters in disguise that NFKC leaves alone are read as letters: small capitals
  (`ᴋɪsʜᴀɴ` -> `Kishan`: one that starts a word as a capital, the others in lower case) and
  negative circled or squared capitals (`🅚`, `🅺` -> `K`; not with the emoji presentation
  selector: `🅿️` stays a parking sign);
- combining marks (Unicode category M) on a base that folds to ASCII are left out, as stripping
  accents does (NFD, then drop the marks: a common tokenizer step): `example.c\u0308om` and
  `example.com\u0301` read as `example.com`, the grapheme mapping back whole. A mark with no base
  of its own (after a hidden character) goes too when the view character before it is ASCII. Marks
  on other bases stay: Devanagari, Arabic or Thai need theirs, and a precomposed `é` is one
  character, not a base and a mark.

- in the analysis view, a word spelled out letter by letter (four letters or more, each alone
  between single spaces, dots or hyphens: `K i s h a n P a t e l`, `K.i.s.h.a.n`, `k-i-s-h-a-n`;
  white space or punctuation at either edge: `(K i s h a n).`) is read joined, with a space kept where a
  capital follows a lower-case letter (`Kishan Patel`); each letter maps back to itself, so a
  finding covers the spaced word whole.

Every character of the view comes from one grapheme of the text, and :meth:`View.original_span`
maps a span of the view to the span of the text its graphemes came from, so a finding covers the
whole original identifier, with the invisible characters inside it. A text with nothing to
normalise (nearly all: checked first, in C) is its own view.

The same view is the form consent values are compared in (:func:`fold`): a region, kind or member
id with a zero-width space or a NUL in it is the value a reader sees.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import regex

# The ASCII characters left out of the view: controls other than white space.
_ASCII_HIDDEN = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")
# A run of characters outside printable ASCII and its white space, with the one before it (the
# base a combining mark belongs to).
_SUSPECT_RUN = re.compile(r".?[^\t-\r\x1c-\x7e]+", re.DOTALL)
# Format and control characters (white space apart), left out of the view, and a combining mark
# on an ASCII base, which NFKC may leave as it is (`c\u0308`): two searches, faster than one with
# both. The `regex` module's Unicode tables may be newer than `unicodedata`'s; these only decide
# which texts get a closer look.
_HIDDEN = regex.compile(r"[\p{Cf}\p{Cc}--[\t-\r\x1c-\x1f\x85]]", regex.V1)
_MARKED_ASCII = regex.compile(r"(?<=[\x00-\x7f])\p{M}")
_GRAPHEME = regex.compile(r"\X", regex.DOTALL)
# Scripts written without spaces between words (or, in Korean, with particles stuck to the word
# before), and where one of their characters touches an ASCII letter or digit.
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")
_SCRIPT_SEAM = regex.compile(
    r"[A-Za-z0-9][\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]"
    r"|[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}][A-Za-z0-9]")
# A word spelled out letter by letter: four letters or more, each alone between single spaces, dots
# or hyphens (one of them throughout: `K i s h a n`, `K.i.s.h.a.n`, `K-i-s-h-a-n`), with white space
# or punctuation (no letter, digit or `_`) at either edge (`(K i s h a n),`): each letter is checked
# on its own, so the run never backs off to the space before a letter touching a `.`. A dotted or
# hyphenated run starts where no letter and its own separator come before (`a.b.c.d.e` is one run
# from `a`); a space or the other separator may (`K-i-s-h-a-n.P-a-t-e-l` is two).
_SPACED = re.compile("|".join(
    rf"(?<!\w){before}[^\W\d_](?:{sep}[^\W\d_](?!\w)){{3,}}"
    for sep, before in ((" ", ""), (r"\.", r"(?<!\w\.)"), ("-", r"(?<!\w-)"))))
# Compatibility decompositions whose folding changes the meaning: these graphemes are only composed.
_MEANINGFUL_FORMS = ("<super>", "<sub>", "<fraction>")
# Latin letters in disguise that NFKC leaves as they are, found by their Unicode names in the blocks
# that hold them: small capitals (`ᴋɪsʜᴀɴ`, read as `Kishan`) and negative circled or squared
# capitals (`🅚🅘🅢`, `🅺🅸🆂`). NFKC folds circled, squared, fullwidth and mathematical letters itself.
_DISGUISE_BLOCKS = ((0x0250, 0x02B0), (0x1D00, 0x1D80), (0xA720, 0xA800), (0x1F100, 0x1F200))
_DISGUISE_NAME = re.compile(r"LATIN LETTER SMALL CAPITAL ([A-Z])"
                            r"|NEGATIVE (?:CIRCLED|SQUARED) LATIN CAPITAL LETTER ([A-Z])")
_EMOJI_PRESENTATION = "\ufe0f"  # `🅿️` (parking), `🅰️` (blood type): an emoji, not a letter


def _disguised_letters() -> dict[int, str]:
    """Each disguised Latin letter (see `_DISGUISE_NAME`) -> the letter it reads as."""
    table = {}
    for start, end in _DISGUISE_BLOCKS:
        for code in range(start, end):
            found = _DISGUISE_NAME.fullmatch(unicodedata.name(chr(code), ""))
            if found:
                table[code] = found.group(1).lower() if found.group(1) else found.group(2)
    return table


_DISGUISED = _disguised_letters()
_SMALL_CAPITALS = frozenset(chr(code) for code, letter in _DISGUISED.items() if letter.islower())
_DISGUISED_LETTER = re.compile("[" + "".join(map(chr, _DISGUISED)) + "]")


@dataclass(frozen=True)
class View:
    """The text recognizers read, and where each of its characters came from.

    `pieces` lists the stretches of the view that differ from the text: (view start, view end,
    original start, original end). Outside them the view is the text, shifted."""

    text: str
    pieces: list[tuple[int, int, int, int]] = field(default_factory=list)

    def original_offset(self, offset: int, end: bool = False) -> int:
        """The text's offset for a view offset: the start of the grapheme the view character at
        `offset` came from, or with `end`, the end of the grapheme of the character before it."""
        if not self.pieces:
            return offset
        index = offset - 1 if end else offset
        i = bisect.bisect_right(self.pieces, (index, float("inf"))) - 1
        if i >= 0 and self.pieces[i][0] <= index < self.pieces[i][1]:
            _, _, original_start, original_end = self.pieces[i]
            return original_end if end else original_start
        # Between pieces (or before the first) the view is the text shifted by the last piece.
        shift = self.pieces[i][3] - self.pieces[i][1] if i >= 0 else 0
        return offset + shift

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the text that view[start:end] came from (graphemes whole)."""
        return self.original_offset(start), self.original_offset(end, end=True)


def normalized_view(text: str, separate_scripts: bool = False) -> View:
    """The view of `text` recognizers read (see the module docstring): `text` itself when there is
    nothing to normalise. With `separate_scripts` (the analysis view), a space stands between an
    ASCII letter or digit and a character of a script written without spaces between words (Han,
    kana, Hangul, Thai...), so that patterns bounded by `\b` find `kim@example.com` in
    `kim@example.com으로` and `010-1234-5678` in `010-1234-5678이고`, and a word spelled out letter
    by letter is read joined (`K i s h a n` -> `Kishan`)."""
    view = _normalized(text, separate_scripts)
    return _joined_letters(text, view) if separate_scripts and _SPACED.search(view.text) else view


def _normalized(text: str, separate_scripts: bool) -> View:
    """The view of `text` before spelled-out words are joined (see `normalized_view`)."""
    if text.isascii():
        if not _ASCII_HIDDEN.search(text):
            return View(text)
    elif (unicodedata.is_normalized("NFKC", text) and not _HIDDEN.search(text) and not _MARKED_ASCII.search(text)
          and not _DISGUISED_LETTER.search(text) and not (separate_scripts and _SCRIPT_SEAM.search(text))):
        return View(text)
    parts: list[str] = []
    pieces: list[tuple[int, int, int, int]] = []
    done = length = 0  # text consumed, view built
    last = ""  # the view's last character
    for run in _SUSPECT_RUN.finditer(text):
        parts.append(text[done:run.start()])
        length += run.start() - done
        last = text[run.start() - 1] if run.start() > done else last
        for grapheme in _GRAPHEME.finditer(text, run.start(), run.end()):
            folded, whole = _fold(grapheme.group(), last)
            following = text[grapheme.end():grapheme.end() + 1]
            if _seam(grapheme.group()[-1]) and (folded[-1:] or last).islower() and following.isupper():
                folded += " "  # `Maria\u200bRossi`: a hidden space at a word's seam reads as the space it is
            if separate_scripts and _UNSPACED.match(folded):
                folded = _spaced(folded, last, text[grapheme.end():grapheme.end() + 1])
            if folded != grapheme.group() or whole:
                pieces.append((length, length + len(folded), grapheme.start(), grapheme.end()))
            parts.append(folded)
            length += len(folded)
            last = folded[-1:] or last
        done = run.end()
    parts.append(text[done:])
    return View("".join(parts), pieces) if pieces else View(text)


def _joined_letters(text: str, view: View) -> View:
    """`view` (of `text`) with each word spelled out letter by letter joined, a space kept where a
    capital follows a lower-case letter (`K i s h a n P a t e l` -> `Kishan Patel`) and read where
    one character alone parts two such words (`K-i-s-h-a-n.P-a-t-e-l` -> `Kishan Patel`)."""
    chars: list[str] = []
    origins: list[tuple[int, int]] = []  # for each view character, the span of `text` it came from
    done = 0
    for run in _SPACED.finditer(_unspaced_masked(view.text)):
        keep = list(range(done, run.start()))
        spaces = {done} if done > 0 and run.start() == done + 1 else set()  # one `.` or `-` after the run before
        for i in range(run.start(), run.end(), 2):
            if i > run.start() and view.text[i - 2].islower() and view.text[i].isupper():
                keep.append(i - 1)  # between two words (`K.i.s.h.a.n.P.a.t.e.l`): a space
                spaces.add(i - 1)
            keep.append(i)
        chars += [" " if i in spaces else view.text[i] for i in keep]
        origins += [view.original_span(i, i + 1) for i in keep]
        done = run.end()
    chars += view.text[done:]
    origins += [view.original_span(i, i + 1) for i in range(done, len(view.text))]
    return View("".join(chars), _pieces(text, chars, origins))


def _unspaced_masked(text: str) -> str:
    """`text` with each character of an unspaced script read as a digit: a word of its own, never
    a letter spelled out (`가 a a a` is no `가aaa`)."""
    return _UNSPACED.sub("0", text) if _UNSPACED.search(text) else text


def _pieces(text: str, chars: list[str], origins: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """The pieces of a view whose characters are `chars`, each from its span of `text` in
    `origins`: where a character is not the text's own, shifted as the one before it, or shares its
    span with its neighbours."""
    pieces: list[tuple[int, int, int, int]] = []
    shift = 0  # text offset - view offset after the last piece
    for i, (char, (start, end)) in enumerate(zip(chars, origins)):
        if end - start == 1 and text[start] == char and start - i == shift:
            continue
        if pieces and pieces[-1][1] == i and pieces[-1][2:] == (start, end):
            pieces[-1] = (pieces[-1][0], i + 1, start, end)
        else:
            pieces.append((i, i + 1, start, end))
        shift = end - (i + 1)
    return pieces


def without_hidden(text: str) -> str:
    """`text` without its format characters (Cf: zero-width joiner and space, soft hyphen, word
    joiner, bidirectional controls) and control characters other than white space.

    >>> without_hidden("Ma\\u200dria\\u00ad Lopez\\x00")
    'Maria Lopez'
    """
    if not _HIDDEN.search(text):
        return text
    return "".join(c for c in text if not _hidden(c))


# What separates the words of a kind (`private message`, `direct-message`, `direct_message`).
_SEPARATORS = regex.compile(r"[\s\p{Pd}_]+")


def fold(value: Any) -> str | None:
    """The form consent values (regions, kinds, member ids, opt-out entries) are compared in: the
    normalised view (format and control characters out, NFKC), white space runs as one space,
    trimmed, case-folded; an integer as its digits. None for anything else (a list, an object, a
    boolean, a float) and for a blank value: unknown.

    >>> fold(" M10\\u200b"), fold("ｍｅｓｓａｇｅ\\x00"), fold(7), fold(["m1"])
    ('m10', 'message', '7', None)
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        return None
    return " ".join(normalized_view(value).text.split()).casefold() or None


def kind_key(value: Any) -> str | None:
    """The form kinds and their aliases are compared in: folded (see :func:`fold`), without
    separators (white space, dashes, `_`), and without a plural `s` (not after another `s`), so
    `Direct Messages`, `direct-message` and `direct_message` are one kind. None when unknown."""
    folded = fold(value)
    if folded is None:
        return None
    key = _SEPARATORS.sub("", folded)
    if len(key) > 2 and key.endswith("s") and not key.endswith("ss"):
        key = key[:-1]
    return key or None


def _fold(grapheme: str, last: str) -> tuple[str, bool]:
    """One grapheme as the view shows it (hidden characters out, disguised Latin letters read as
    letters, compatibility forms folded, marks on an ASCII base out), and whether it must map back
    as a whole even when unchanged: a grapheme kept unfolded for its superscript may hold a
    character that alone would fold (`ªﾞ`).
    `last` is the view character before it ('' at the start): an ASCII one is a base for lone
    marks, and a small capital after no letter starts a word, so it reads as a capital."""
    after_ascii = bool(last) and last.isascii()
    kept = "".join(c for c in grapheme if not _hidden(c))
    if _DISGUISED_LETTER.search(kept):
        if _EMOJI_PRESENTATION in kept:  # an emoji; maps back whole, as its letter alone would fold
            return unicodedata.normalize("NFKC", kept), True
        kept = kept.translate(_DISGUISED)
        kept = kept[0].upper() + kept[1:] if grapheme[0] in _SMALL_CAPITALS and not last.isalpha() else kept
    if any(unicodedata.decomposition(c).startswith(_MEANINGFUL_FORMS) for c in kept):
        return unicodedata.normalize("NFC", kept), len(grapheme) > 1
    base = "" if _mark(kept[:1]) else kept[:1]
    if len(kept) > len(base) and all(map(_mark, kept[len(base):])):
        folded_base = unicodedata.normalize("NFKC", base)
        if folded_base.isascii() if base else after_ascii:
            return folded_base, False
    return unicodedata.normalize("NFKC", kept), False


def _spaced(folded: str, before: str, after: str) -> str:
    """`folded` (a character of an unspaced script) with a space on each side where an ASCII letter
    or digit touches it."""
    if before.isascii() and before.isalnum():
        folded = " " + folded
    if after.isascii() and after.isalnum():
        folded += " "
    return folded


def _mark(c: str) -> bool:
    """True for a combining mark (Mn, Mc, Me); False for anything else and for ''."""
    return unicodedata.category(c).startswith("M") if c else False


def _seam(c: str) -> bool:
    """A hidden character that parts words: a zero-width space, or a control character (NUL). A
    soft hyphen or a word joiner joins (`Java\u00adScript` is one word) and reads as nothing."""
    return c == "\u200b" or (unicodedata.category(c) == "Cc" and not c.isspace())


def _hidden(c: str) -> bool:
    category = unicodedata.category(c)
    return category == "Cf" or (category == "Cc" and not c.isspace())
