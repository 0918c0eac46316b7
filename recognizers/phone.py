"""Phone numbers in posts and messages, in the formats of every region phonenumbers knows.

Replaces Presidio's ``PhoneRecognizer``, which runs ``PhoneNumberMatcher`` once per region over
the whole text, misses the looser formats people type (``(+45) 12-34-56-78``,
``0176/ 12345678``, ``98765 43210``) and lets dates and IDs through at a flat 0.4.

How a piece of text becomes a finding (decided here, tested in ``tests/recognizers/test_phone.py``):

1. **Pre-check.** A text without six digits in a row (spaces, dots, dashes, slashes and
   brackets between them allowed) is done with one regex search.
2. **Mask what only looks like a number.** Dates, times, links, IP addresses, versions, money,
   percentages, ISBNs and DOIs are overwritten (offsets kept) so that they can neither match
   nor glue themselves to a neighbouring phone number.
3. **Candidates** start and end a token and are digit groups, bare or in one pair of brackets,
   joined by one to three separators, with an optional ``+`` and extension (``ext. 204``,
   ``x204``). Shapes of other numbers are dropped: decimals, SSNs, year ranges, Luhn-valid
   card numbers, over-long runs, codes such as ``E-151673398``.
4. **phonenumbers says how sure we are** (:class:`Verdict`). With a ``+``/``00`` country
   code: valid, or possible. Without: valid in one of the default regions, written the way
   that region writes it (its trunk 0 where it always writes one; grouped as it groups,
   phonenumbers' STRICT_GROUPING leniency), or only possible. A short (7-8 digit), bare
   9-digit or thousands-grouped number counts as possible at most. A candidate that is not
   valid is tried again without one or two groups at its end ("0800 123 4567 24/7").
5. **Context.** The nearest cue before the number decides: ``phone``, ``call``, ``tel``,
   ``whatsapp``, ``number`` raise the score; ``ticket``, ``order``, ``account``,
   ``card number`` drop the finding unless it is a valid international number. Labels right
   next to it (``Office:``, ``M:``, ``... (mobile)``) count as cues.

Scores (:data:`BASE_SCORES`, :data:`CONTEXT_SCORES`) put valid numbers at 0.8-0.95, above
spaCy's DATE_TIME (0.85) once a cue is near, and merely possible ones at 0.4 (below the
profiles' 0.5) unless a cue is near or the layout is unmistakable (``+44 ...``,
``(555) 010-9999``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from typing import Any

import phonenumbers
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

from recognizers.phone_verdict import Verdict, classify, has_international_prefix
from recognizers.tables import alternation, load_table, street_types
from redact.checksums import luhn_valid

# A number found in a candidate: (start, end, verdict, region).
Reading = tuple[int, int, Verdict, str | None]

# The tables (data/phone.yaml, where each is explained): regions, cue words, labels and scores.
_TABLE = load_table("phone.yaml")
# Regions tried, in order, for a number written without a country code.
DEFAULT_REGIONS: tuple[str, ...] = tuple(_TABLE["default_regions"])
# The region whose numbers a text in each language most likely holds, tried first.
LANGUAGE_REGIONS: dict[str, str] = dict(_TABLE["language_regions"])


def region_hint(nlp_artifacts: Any) -> str | None:
    """The region a text's numbers are tried in first: its record's region, else its language's."""
    region = getattr(nlp_artifacts, "region_hint", None)
    if region in phonenumbers.SUPPORTED_REGIONS:
        return region
    language = getattr(nlp_artifacts, "text_language", None)
    return LANGUAGE_REGIONS.get(language) if isinstance(language, str) else None


# Score before context, and with a phone cue word shortly before (profiles keep findings from
# 0.5 up).
BASE_SCORES = {Verdict[name]: scores["alone"] for name, scores in _TABLE["scores"].items()}
CONTEXT_SCORES = {Verdict[name]: scores["cue"] for name, scores in _TABLE["scores"].items()}
CONTEXT_WINDOW_CHARS = 48

_SEP = r"[ \t\-./()\u00a0]"
# Six digits with phone separators between them: a text without this holds no phone number.
PRECHECK_REGEX = re.compile(r"\d(?:" + _SEP + r"{0,3}\d){5}")

# A token start: not inside a word, an amount (1,234,567), a formula, a path or a #tag;
# "+44" may follow a letter ("my number is+44 ..."). At least six digits must follow.
_START = (
    r"(?=[\d(+])(?:(?<![\w+#@$€£¥₹%*=^/\\~&()])(?<!\d[.,])|(?<=[^\W\d_])(?=\(?\+))"
    r"(?=(?:[^\d\n]{0,4}\d){6})"
)
# A group is a digit run or one bracketed run: "(020)", "( 19 )", "(+45)", "(0)". Brackets
# never nest, so "(456 (4)) 345" cannot be one number. Runs are possessive: no input can make
# the engine try the ways of cutting "12345678" into groups.
_GROUP = r"(?:\(\s?\+?\d++\s?\)|\d++)"
# Groups are joined by one to three separators, or directly at a bracket: "(020)7946", "+31(0)6".
_JOIN = r"(?:[ \t\-./\u00a0]{1,3}|(?<=\))|(?=\())"
_EXTENSION = r"(?:\s{0,2}(?:ext\.?|extn\.?|extension|x|#)\s{0,2}\d{1,6})?"
# A token end: not glued to a word, '%', '=' or a further number ("1.5", "3:30", "24/7").
_END = r"(?![\w@%=*^]|[.,/:\-]\d)"
# Possessive too: a number followed by "%" or "=" is refused whole, not retried shorter.
CANDIDATE_REGEX = re.compile(
    _START + r"(?:\+\s?)?" + _GROUP + r"(?:" + _JOIN + _GROUP + r"){0,11}+" + _EXTENSION + _END,
    re.IGNORECASE,
)
# Whitespace between groups, where two numbers written side by side can be told apart.
_WHITESPACE_GAP = re.compile(r"[ \t\u00a0]+")
# phonenumbers takes 0.1-1 ms a candidate. After this many candidates in one text, the
# rest are not parsed but taken as laid-out phone numbers (redacted at 0.55): a dump of
# thousands of numbers costs well under a second, and fails closed.
CANDIDATE_BUDGET = 500

_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:1[89]|20)\d\d"
_NOT_NEAR_NUMBER_L = r"(?<![\d.\-/])"
_NOT_NEAR_NUMBER_R = r"(?![\d]|[.\-/]\d)"
_DATE_SEP = r"\s?([-/.])\s?"  # tokenised text spaces them: "2017 - 01 - 25"
_MASKS = (
    # dates: 2024-05-12, 12/05/2024, 05.12.2024, 12/5/24
    _YEAR + _DATE_SEP + _MONTH + r"\s?\1\s?" + _DAY,
    r"(?:" + _DAY + _DATE_SEP + _MONTH + r"|" + _MONTH + _DATE_SEP + _DAY + r")\s?(?:\2|\3)\s?"
    + _YEAR,
    _DAY + r"/" + _MONTH + r"/\d\d",
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?[-/ ]\d{1,2}"
    r"(?:st|nd|rd|th)?,?[-/ ]" + _YEAR,
    # links: a number in a path or query is part of the link ("wa.me/..." is the profile
    # link recognizer's)
    r"(?:https?://|www\.)\S+",
    # times: 10:30, 12:37:30, 01 : 00 : 11
    r"\d{1,2}\s?:\s?\d\d(?:\s?:\s?\d\d)?",
    # IPv4 addresses and versions: 192.168.0.1, v2.10.3
    r"\d{1,3}(?:\.\d{1,3}){3}",
    r"v\d+(?:\.\d+)+",
    # money and percentages: $1,234,567  € 1.000.000  1.000.000 EUR  12.5%
    r"[$€£¥₹]\s?\d[\d.,']*",
    r"\d[\d.,']*\s?(?:[$€£¥₹%]|(?:eur|usd|gbp|inr|dollars?|euros?|pounds?|rs)\b)",
    # ISBNs and DOIs
    r"isbn(?:-1[03])?:?\s?(?:\d[\- ]?){9,12}[\dx]",
    r"10\.\d{4,9}/\S+",
)
MASK_REGEX = re.compile(
    "|".join(_NOT_NEAR_NUMBER_L + r"(?:" + m + r")" + _NOT_NEAR_NUMBER_R for m in _MASKS),
    re.IGNORECASE,
)

# Also a Brazilian local mobile ("99202-4635"), so it is not dropped, only made to need a cue.
_ZIP_PLUS_4 = re.compile(r"\d{5}-\d{4}")
# Groups of three after the first, as in a quantity: 1 234 567, 123.456.789.
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:([ .\u00a0])\d{3})(?:\1\d{3})*")
_YEAR_LIST = re.compile(_YEAR + r"(?:[ \-/]{1,3}" + _YEAR + r")+")
_DECIMAL = re.compile(r"\d+\s?\.\s?\d+")
_SSN = re.compile(r"\d{3}-\d{2}-\d{4}")
_YEAR_RANGE = re.compile(_YEAR + r"\s?[-/]\s?(?:" + _YEAR + r"|\d\d)")
_EXTENSION_TAIL = re.compile(r"\s*(?:ext\.?|extn\.?|extension|x|#)\s*\d{1,6}$", re.IGNORECASE)
_GROUP_SPLIT = re.compile(r"[^\d]+")
# "Tel-0161 ...", "#Name#-(123) ..." are labels; "E-1516733", "P0-001-0000" are codes.
_LABEL_BEFORE_HYPHEN = re.compile(r"(?<![\w#])(?:[^\W\d_]|#){3,}$")

# Words that make a number after them something else ("ticket", "card number"), phone cue words,
# and labels that mark a number only right next to it: "Office: ...", "M: ...", "... (home)".
ANTI_CONTEXT: list[str] = list(_TABLE["anti_context"])
CONTEXT: list[str] = list(_TABLE["context"])
_LABEL_WORDS = alternation(_TABLE["labels"])
_LABELS = r"(?:" + _LABEL_WORDS + r")"
_LABEL_BEFORE = re.compile(
    r"(?<!\w)(?:" + _LABEL_WORDS + r"|[mtphcowf])\.?[ \t]?:[ \t]{0,3}$", re.IGNORECASE
)
# Signatures label a number after it: "416 60 039 office", "(37) 788-063-Office".
_LABEL_AFTER = re.compile(r"[ \t]{0,2}[-–(]?[ \t]{0,2}" + _LABELS + r"(?!\w)", re.IGNORECASE)
# A house number before a street name is an address, not a phone number.
_STREET_AFTER = re.compile(
    r"[ \t]{1,3}(?:[A-Z][\w'.\-]*[ \t]{1,3}){0,3}(?:" + street_types("english_common") + r")\b"
)
_CONTEXT_SYMBOLS: str = _TABLE["context_symbols"]


def mask_non_phones(text: str) -> str:
    """``text`` with dates, times, IPs, versions, amounts, ISBNs and DOIs overwritten by ``_``.

    Offsets are kept; ``_`` is a word character, so a masked span also stops a candidate
    from starting or ending right next to it.
    """
    return MASK_REGEX.sub(lambda m: "_" * len(m.group()), text)


def split_extension(candidate: str) -> tuple[str, str]:
    """The number and its extension tail (``" ext. 204"``), either possibly empty."""
    match = _EXTENSION_TAIL.search(candidate)
    if match is None or not candidate[:match.start()].rstrip(")")[-1:].isdigit():
        return candidate, ""
    return candidate[:match.start()], candidate[match.start():]


def is_card_like(number: str, digits: str) -> bool:
    """A payment card number: 13+ digits from a card range, Luhn-valid, in fours or unbroken.

    Left to the card recognizer; with a ``+`` or ``00`` in front it is a phone number.
    """
    if len(digits) < 13 or digits[0] not in "3456" or has_international_prefix(number):
        return False
    groups = [g for g in _GROUP_SPLIT.split(number) if g]
    in_fours = all(len(g) == 4 for g in groups[:-1])
    return in_fours and luhn_valid(digits)


def is_other_number(number: str) -> bool:
    """Shapes of a candidate (extension removed) that are a different kind of number."""
    digits = "".join(c for c in number if c.isdigit())
    limit = 17 if has_international_prefix(number) else 15
    if not 6 <= len(digits) <= limit:
        return True
    if any(p.fullmatch(number) for p in (_DECIMAL, _SSN, _YEAR_RANGE, _YEAR_LIST)):
        return True
    if is_card_like(number, digits):
        return True
    single_digit_groups = sum(len(g) == 1 for g in _GROUP_SPLIT.split(number) if g)
    return single_digit_groups >= 3


def is_code_suffix(text: str, start: int) -> bool:
    """Whether the candidate at ``start`` follows a hyphen that ties it to a code (``E-151``)."""
    if start == 0 or text[start - 1] != "-":
        return False
    return not _LABEL_BEFORE_HYPHEN.search(text[max(0, start - 40):start - 1])


def national_verdict(number: str, verdict: Verdict) -> Verdict | None:
    """The verdict once the length and layout of a number without country code count.

    With 32 regions most 7-8 digit strings, and most bare 9-digit runs, are valid somewhere,
    and so are codes, counts and IDs; so are a number grouped in thousands (``123 456 789``)
    and a US ZIP+4 code (``98101-1234``). Such a number needs a cue word to pass. Six digits
    need a country code.
    """
    if verdict >= Verdict.POSSIBLE_LAID_OUT and has_international_prefix(number):
        return verdict
    digits = sum(c.isdigit() for c in number)
    if digits < 7:
        return None
    short = digits <= (9 if number.isdigit() else 8)
    ambiguous = short or _THOUSANDS.fullmatch(number) or _ZIP_PLUS_4.fullmatch(number)
    return min(verdict, Verdict.POSSIBLE) if ambiguous else verdict


def assess(masked: str, start: int, end: int, regions: tuple[str, ...],
           hint: str | None = None) -> tuple[Verdict, str | None] | None:
    """``(verdict, region)`` for the candidate ``masked[start:end]``, or None if it is not one.

    With no ``regions`` (over budget) phonenumbers is not asked. A number valid in ``hint``, the
    region of the text (its record's region, else its language's), and grouped as that region
    groups its numbers, needs no cue word: ``699 876 543`` in Spanish text.
    """
    number, _ = split_extension(masked[start:end])
    if is_other_number(number) or is_code_suffix(masked, start):
        return None
    verdict, region = classify(number, regions) if regions else (Verdict.POSSIBLE_LAID_OUT, None)
    if hint is not None and region == hint and verdict >= Verdict.VALID:
        return verdict, region  # valid and laid out as in the text's own region: no accident
    national = national_verdict(number, verdict)
    return None if national is None else (national, region)


def end_trims(masked: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``(piece_end, rest_start)`` for the candidate without its last one or two groups."""
    number, _ = split_extension(masked[start:end])
    gaps = list(_WHITESPACE_GAP.finditer(number))
    for dropped in (1, 2):
        if len(gaps) >= dropped:
            yield start + gaps[-dropped].start(), start + gaps[-dropped].end()


def start_trims(masked: str, start: int, end: int) -> Iterator[int]:
    """Starts of the candidate without its first one or two groups; never drops a "+44"."""
    number, _ = split_extension(masked[start:end])
    if has_international_prefix(number):
        return
    gaps = list(_WHITESPACE_GAP.finditer(number))
    for dropped in (1, 2):
        if len(gaps) >= dropped:
            yield start + gaps[dropped - 1].end()


def _cue_regex(words: Sequence[str]) -> re.Pattern:
    """One regex for phone cues and anti-cues; the last match before a number wins."""
    anti = "|".join(ANTI_CONTEXT)
    phone = "|".join(re.escape(w) for w in words)
    return re.compile(
        r"(?<!\w)(?:(?P<anti>(?:" + anti + r")(?:\s*(?:number|no\.?|num|nr|#))?)"
        r"|(?P<phone>" + phone + r")|(?P<symbol>[" + _CONTEXT_SYMBOLS + r"]))(?!\w)",
        re.IGNORECASE,
    )


class SocialPhoneRecognizer(LocalRecognizer):
    """Recognize phone numbers (entity ``PHONE_NUMBER``) in any region's format.

    :param context: phone cue words; a cue within :data:`CONTEXT_WINDOW_CHARS` characters
        before a number raises its score (see :data:`CONTEXT_SCORES`). Profile context words
        added to ``self.context`` later are honoured too.
    :param supported_language: language of the texts, ``"en"`` by default.
    :param supported_entity: entity type of the findings.
    :param regions: regions tried, in order, for a number without a country code.
    :param name: recognizer name in Presidio's explanations.

    The recognizer applies its own context rule (including the anti-cues such as "ticket"
    and "card number", which Presidio's enhancer lacks) and marks every result as already
    enhanced, so scores are the same with or without NLP artifacts.
    """

    name: str  # set by Presidio's __init__, which mypy cannot follow

    def __init__(
        self,
        context: list[str] | None = None,
        supported_language: str = "en",
        supported_entity: str = "PHONE_NUMBER",
        regions: Sequence[str] = DEFAULT_REGIONS,
        name: str | None = None,
    ):
        self.regions = tuple(regions)
        unknown = sorted(set(self.regions) - phonenumbers.SUPPORTED_REGIONS)
        if unknown:
            raise ValueError(
                f"phone_v1: unknown region code(s) {unknown}; use ISO 3166 alpha-2 "
                f"codes that phonenumbers supports, e.g. 'US', 'GB', 'IN'."
            )
        super().__init__(
            supported_entities=[supported_entity],
            supported_language=supported_language,
            context=context if context else list(CONTEXT),
            name=name if name is not None else type(self).__name__,
        )

    def load(self) -> None:  # noqa: D102 - nothing to load
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        """Find phone numbers in ``text``. ``nlp_artifacts`` is not needed; its ``region_hint``
        or ``text_language``, when the analyze stage set them, name the region tried first."""
        if not PRECHECK_REGEX.search(text):
            return []
        masked = mask_non_phones(text)
        cues = self._cues()
        results = []
        hint = region_hint(nlp_artifacts)
        hinted = (hint,) + tuple(r for r in self.regions if r != hint) if hint else self.regions
        for i, match in enumerate(CANDIDATE_REGEX.finditer(masked)):
            regions = hinted if i < CANDIDATE_BUDGET else ()
            for reading in self._readings(masked, match.start(), match.end(), regions, hint):
                result = self._score(text, *reading, cues)
                if result is not None:
                    results.append(result)
        return results

    def _readings(self, masked: str, start: int, end: int, regions: tuple[str, ...],
                  hint: str | None = None) -> list[Reading]:
        """``(start, end, verdict, region)`` of each number in the candidate ``masked[start:end]``.

        A candidate may hold a number beside another ("0800 123 4567 24", "2 0161 496 0000",
        two numbers one space apart). When the whole is not valid, one or two groups are dropped
        at the end, and what follows the valid piece is read again; when the whole is not
        even possible, groups are also dropped at the start.
        """
        whole = assess(masked, start, end, regions, hint)
        if whole is not None and whole[0] >= Verdict.VALID:
            return [(start, end, *whole)]
        for piece_end, rest_start in end_trims(masked, start, end):
            piece = assess(masked, start, piece_end, regions, hint)
            if piece is not None and piece[0] >= Verdict.VALID:
                rest = self._readings(masked, rest_start, end, regions, hint)
                return [(start, piece_end, *piece)] + rest
        if whole is None or whole[0] == Verdict.SHAPED:
            for piece_start in start_trims(masked, start, end):
                piece = assess(masked, piece_start, end, regions, hint)
                if piece is not None and piece[0] >= Verdict.VALID:
                    return [(piece_start, end, *piece)]
        return [(start, end, *whole)] if whole is not None else []

    def _score(
        self, text: str, start: int, end: int, verdict: Verdict, region: str | None, cues: re.Pattern
    ) -> RecognizerResult | None:
        """The finding for a number, scored by its verdict and the words around it."""
        labelled = self._is_labelled(text, start, end)
        cue = "phone" if labelled else self._nearest_cue(text, start, cues)
        if verdict < Verdict.VALID_INTL and (cue == "anti" or _STREET_AFTER.match(text, end)):
            return None
        score = CONTEXT_SCORES[verdict] if cue else BASE_SCORES[verdict]
        return self._result(start, end, score, verdict, region) if score > 0 else None

    @staticmethod
    def _nearest_cue(text: str, start: int, cues: re.Pattern) -> str | None:
        """``"phone"``, ``"anti"`` or None: the kind of the last cue shortly before ``start``.

        A phone cue may head the line above ("Phone:\\n0161 ..."); an anti-cue counts only on
        the number's own line, since the line above is often an address ("Suite 282").
        """
        window = text[max(0, start - CONTEXT_WINDOW_CHARS):start]
        line_start = window.rfind("\n") + 1
        kind = None
        for match in cues.finditer(window):
            if match.group("anti") is None:
                kind = "phone"
            elif match.start() >= line_start:
                kind = "anti"
        return kind

    @staticmethod
    def _is_labelled(text: str, start: int, end: int) -> bool:
        """A label right before (``Office:``, ``M:``) or right after (``- mobile``) the number."""
        before = text[max(0, start - 16):start]
        return bool(_LABEL_BEFORE.search(before) or _LABEL_AFTER.match(text, end))

    def _cues(self) -> re.Pattern:
        # Profiles append context words after construction, so the regex follows self.context.
        return _cached_cue_regex(tuple(self.context or ()))

    def _result(
        self, start: int, end: int, score: float, verdict: Verdict, region: str | None
    ) -> RecognizerResult:
        explanation = AnalysisExplanation(
            recognizer=self.name,
            original_score=score,
            textual_explanation=f"{verdict.name} phone number (region {region or 'unknown'})",
        )
        return RecognizerResult(
            entity_type=self.supported_entities[0],
            start=start,
            end=end,
            score=score,
            analysis_explanation=explanation,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                # Our own context rule has run; Presidio's enhancer must not add to it.
                RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True,
            },
        )


@functools.lru_cache(maxsize=64)
def _cached_cue_regex(words: tuple[str, ...]) -> re.Pattern:
    return _cue_regex(words)
