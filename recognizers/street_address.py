"""Street addresses: house number and street, units, city / state / postcode tails, PO boxes.

Street forms (``NUM`` is a house number such as ``12``, ``4B``, ``12-14``):

* English, number first, street type last: ``221B Baker Street``, ``12 Main St.``;
* number first, street type first (French, Spanish, ...): ``10 rue de Rivoli``;
* street type first, number last (Italian, Spanish, Portuguese, Polish, ...): ``Via Roma 5``,
  ``Calle Mayor 3``, ``ul. Narewska 94``;
* a street word with a Germanic, Nordic, Dutch, Finnish or Hungarian street suffix, number
  last: ``Hauptstraße 12``, ``Keizersgracht 123``, ``Søndergade 52``, ``Rákóczi út 13.``;
* PO boxes and US military addresses: ``P.O. Box 211``, ``PSC 1437, Box 3833 APO AA 66791``.

Each form may carry a leading number (a postcode written first) and a tail of up to five
parts, separated by commas, newlines or spaces: units (``Apt 4B``, ``Suite 200``, ``#12``),
postcodes (US ZIP, UK, Canadian, 4-5 digit European), and, after a comma or a line break,
capitalised city, region and country names. The whole address is the span.

False positives the rules avoid: a street type needs a name before it ("2 Street Fighter
games"), name words are never function words ("5 minutes down the road"), and types that
are also ordinary words (Drive, Way, Place, Court, ...) need capitalised names ("3 friends
drive" is not an address).
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import Pattern, RecognizerResult

from recognizers.base import ClassPatternRecognizer
from recognizers.tables import street_types


def _words(*alternatives: str) -> str:
    """A non-capturing alternation of regex fragments."""
    return "(?:" + "|".join(alternatives) + ")"


# Words of one street name are separated by spaces or tabs, never by a line break.
_SP = r"[ \t]{1,3}"
_NUM = r"\d{1,5}(?:[-/]\d{1,5})?(?:[a-zA-Z](?![\p{L}\d]))?"
# Words that never belong to a street name; they stop "5 minutes down the road", and a unit
# ("Apt.") ends the name.
_STOP = (
    r"(?!(?i:the|a|an|and|or|but|to|of|in|on|at|for|from|with|by|is|are|was|were|be|my|your|"
    r"his|her|our|their|its|this|that|these|those|it|i|we|you|he|she|they|me|us|them|down|up|"
    r"over|off|out|into|onto|near|than|then|so|if|not|no|yes|minutes?|mins?|hours?|days?|"
    r"weeks?|months?|years?|miles?|km|blocks?|times?|ways?|more|less|all|some|any|every|each|"
    r"apt|apartment|suite|ste|unit|flat|floor|room|box)"
    r"(?![\p{L}\d]))"
)
# A word of a street name. Only short abbreviations ("St. John Street") end in a period, so a
# name never runs on across the end of a sentence.
_ABBREVIATION = r"\p{Lu}\p{Ll}{0,2}\."
_WORD = _words(_ABBREVIATION, r"[\p{L}\d][\p{L}\p{M}\d'’\-]{0,30}(?![.\p{L}\p{M}\d'’\-])")
_CAP_WORD = _words(_ABBREVIATION, r"\p{Lu}[\p{L}\p{M}\d'’\-]{0,30}(?![.\p{L}\p{M}\d'’\-])")
_NAME_WORD = _STOP + _WORD
_PARTICLE = r"(?i:de|du|des|del|della|di|da|do|dos|das|la|le|les|el|los|las|e|y|von|van|der|den|het|z)"
_NAME_PART = _words(_PARTICLE + r"(?=\s)", _NAME_WORD)

# Street types (data/street_types.yaml) written after the name. Strong ones are also accepted in
# lower case.
_SUFFIX_STRONG = r"(?i:" + street_types("after_name", "any_case") + r")\.?"
_SUFFIX_WEAK = r"(?:" + street_types("after_name", "capitalised") + r")\.?"
_DIRECTION = r"(?:\s(?:North|South|East|West|N|S|E|W|NE|NW|SE|SW)\.?(?![\p{L}\d]))?"
# Street types written before the name.
_PREFIX_TYPE = _words(
    "(?i:" + street_types("before_name", "any_case") + ")",
    "(?:" + street_types("before_name", "capitalised") + ")",
    "(?i:" + street_types("before_name", "other_scripts") + ")",
)
# Street words ending in a street type (Hauptstraße), or such a type as a word of its own.
_ATTACHED_SUFFIX = "(?i:" + street_types("word_ending") + ")"
_SEPARATE_SUFFIX = "(?i:" + street_types("own_word") + ")"

ENGLISH_STREET = (
    _NUM + _SP + _words(
        # The first name word has a letter: in "479 95 Avenue des ..." 95 is the number.
        _STOP + r"(?=\d{0,4}\p{L})" + _WORD + r"(?:" + _SP + _NAME_PART + r"){0,4}" + _SP
        + _SUFFIX_STRONG,
        _CAP_WORD + r"(?:" + _SP + _CAP_WORD + r"){0,3}" + _SP + _SUFFIX_WEAK,
    ) + _DIRECTION + r"(?![\p{L}\d])"
)
NUMBER_TYPE_NAME = (
    _NUM + _SP + _PREFIX_TYPE + _SP + _NAME_PART
    + r"(?:" + _SP + _NAME_PART + r"){0,4}(?<![.,])"
)
TYPE_NAME_NUMBER = (
    _PREFIX_TYPE + _SP + _NAME_PART + r"(?:" + _SP + _NAME_PART + r"){0,4}" + _SP
    + _NUM + r"\.?"
)
# A house number follows within a few words: a cheap test that spares trying every word.
_NUMBER_AHEAD = r"(?=\p{L}[^\n\d]{0,100}\d)"
SUFFIXED_NAME_NUMBER = (
    _NUMBER_AHEAD + r"(?:" + _CAP_WORD + _SP + r"){0,3}" + _words(
        # A stem of four letters or more: "Brigade 2" and "Cutie 3" are not streets. The
        # suffix is checked once, looking back from the end of the word, not at every letter.
        r"[\p{L}][\p{L}\p{M}\-]{4,60}(?![\p{L}\p{M}\-])(?<=\p{L}{4}" + _ATTACHED_SUFFIX + ")",
        _STOP + _WORD + _SP + _SEPARATE_SUFFIX,
    ) + _SP + _NUM + r"\.?"
)
PO_BOX = r"(?i:p\.?\s?o\.?\s?box|post\s?office\s?box|postbox|po\s?box|apartado|postfach)\s{0,3}\d{1,7}"
MILITARY = (
    r"(?:(?i:psc|unit|cmr)\s{1,3}\d{1,5},?\s{1,3}(?i:box)\s{1,3}\d{1,5}"
    r"|(?i:usns|uss|uscgc|usnv)\s{1,3}\p{L}[\p{L}'\-]{1,30})"
    r"[\s,]{1,5}(?i:apo|fpo|dpo)\s{1,3}(?i:aa|ae|ap)\s{1,3}\d{5}"
)

_UNIT_WORD = r"(?i:apt|apartment|suite|ste|unit|flat|fl|floor|room|rm|bldg|building|box)"
_UNIT = r"(?:" + _UNIT_WORD + r"\.?[ \t]{0,3}|#[ \t]{0,2})[\dA-Z]{1,6}(?![\p{L}\d])"
_US_STATE_ZIP = r"[A-Z]{2}[ \t]{1,3}\d{5}(?:-\d{4})?"
_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?[ \t]{0,2}\d[A-Z]{2}"
_CA_POSTCODE = r"[A-Z]\d[A-Z][ \t]?\d[A-Z]\d"
_POSTCODE = _words(_US_STATE_ZIP, _UK_POSTCODE, _CA_POSTCODE, r"\d{4,6}(?!\d)")
# A place name: capitalised or all-caps words, or a "(Greek)" note; never a unit word.
_PLACE_WORD = (
    r"(?!" + _UNIT_WORD + r"\b)"
    + _words(r"\p{Lu}[\p{L}\p{M}'’\-]{1,30}", _ABBREVIATION, r"\(\p{L}{1,20}\)")
    + r"(?![\p{L}\d])"
)
_PLACE_PARTICLE = r"(?:de|du|da|do|dos|das|del|di|la|le|am|an|im|aan|sur|upon|on|na|nad)(?=[ \t]\p{Lu})"
_PLACE = (
    _PLACE_WORD + r"(?:[ \t]{1,2}" + _words(_PLACE_WORD, _PLACE_PARTICLE) + r"){0,4}"
    + r"(?:[ \t]{1,2}" + _POSTCODE + r")?"
    # Then the line ends, punctuation or a postcode follows, or the sentence goes on in lower
    # case ("..., Cyprus last night"); "Mobile: 0341" on the next line is not a place.
    + r"(?=[ \t]*(?:$|[,\n.;?!)]|\d)|[ \t]{1,3}\p{Ll})"
)
# European order: postcode, then the city ("10115 Berlin", "75001 Paris").
_POSTCODE_CITY = r"\d{4,6}[ \t]{1,2}" + _PLACE_WORD + r"(?:[ \t\-]" + _PLACE_WORD + r"){0,2}"
# A line break, perhaps one blank line, and the quote marks or bullets mail clients add.
_LINE_BREAK = r"[ \t]{0,3}\n(?:[ \t>?*|]{0,6}\n)?[ \t>?*|•\-]{0,6}"
_COMMA = r",[ \t]{0,3}"
_TAIL_PART = _words(
    # Units and postcodes may follow a mere space; a unit may be followed by a place.
    _words(_COMMA, _LINE_BREAK, _SP)
    + _words(_POSTCODE_CITY, _UNIT + r"(?:" + _SP + _PLACE + r")?", _POSTCODE),
    # Places need a comma or a line break before them.
    _words(_COMMA, r",?" + _LINE_BREAK + r",?[ \t]{0,3}") + _PLACE,
)
_TAIL = r"(?:" + _TAIL_PART + r"){0,5}"
# "Parmova 109, Suite 380": a street with no type word still reads as an address when a unit
# or a postcode and city follow it.
_NAME_CAP_WORD = r"(?!" + _UNIT_WORD + r"\b)" + _CAP_WORD
NAME_NUMBER_UNIT = (
    _NUMBER_AHEAD + r"(?:" + _NAME_CAP_WORD + _SP + r"){0,3}" + _NAME_CAP_WORD + _SP + _NUM + r"\.?"
    + r"(?=" + _words(_COMMA, _LINE_BREAK, _SP) + _words(_UNIT, _POSTCODE_CITY) + r")"
)
# "92597 Jahu 80, Liiva": a number, a name and a number, then a place, read as postcode (or
# house number), street and house number. A year last is a title ("Top 10 Movies 2023, ...").
NUMBER_NAME_NUMBER_PLACE = (
    r"(?<![\p{L}\d.,])\d{1,6}" + _SP + r"(?:" + _NAME_CAP_WORD + _SP + r"){0,2}"
    + _NAME_CAP_WORD + _SP + r"(?!(?:19|20)\d\d(?!\d))" + _NUM + r"\.?"
    + r"(?=" + _words(_COMMA, r",?" + _LINE_BREAK + r",?[ \t]{0,3}") + _PLACE + r")"
)
# "the corner of 5th Avenue and Main St": two streets, neither with a house number.
CORNER = (
    r"(?i:(?:the[ \t]{1,3})?corner[ \t]{1,3}of)" + _SP + _WORD
    + r"(?:" + _SP + _NAME_PART + r"){0,5}?" + _SP + r"(?:and|&)" + _SP + _WORD
    + r"(?:" + _SP + _NAME_WORD + r"){0,2}(?<![.,])"
)
# A unit written first ("Flat 2, 10 Downing Street", "Unit 3 / 45 Smith St"), or a postcode
# or a second number ("5521 119 Countess Close").
_LEADING = (
    r"(?:" + _UNIT + r"[ \t]{0,3}[,/][ \t]{0,3}(?=\d)"
    + r"|(?<![\p{L}\d.,])\d{3,6}[ \t]{1,3}(?=\d|\p{L}))?"
)
# Not inside a word, a path, a handle (@Kaaaatie) or a hashtag.
_START = r"(?<![\p{L}\d\-/@#])(?=[\p{L}\d#])"
_HAS_DIGIT = re.compile(r"\d")
_FLAGS = re.DOTALL | re.MULTILINE

# What every match of a form holds, found far faster than the form itself (most start at a
# digit): a form is not tried on a text without its mark.
_NUMBER_END = r"\d[a-zA-Z]?\.?"
GATES = {
    # A street type after a space, then no letter or digit (a dot, a space, a comma, the end).
    "English street": r"[ \t]" + _words(_SUFFIX_STRONG, _SUFFIX_WEAK) + r"(?![\p{L}\d])",
    "Number, type, name": r"(?<![\p{L}\d])" + _PREFIX_TYPE + _SP,
    "Type, name, number": r"(?<![\p{L}\d])" + _PREFIX_TYPE + _SP,
    "Suffixed street": r"\d(?<=" + _words(_ATTACHED_SUFFIX, _SEPARATE_SUFFIX) + r"[ \t]{1,3}\d)",
    "Name, number, unit": (
        _NUMBER_END + r"(?=" + _words(_COMMA, _LINE_BREAK, _SP) + _words(_UNIT, _POSTCODE_CITY) + r")"),
    "Number, name, number, place": (
        _NUMBER_END + r"(?=" + _words(_COMMA, r",?" + _LINE_BREAK + r",?[ \t]{0,3}") + _PLACE + r")"),
    "PO box": r"(?i:box|apartado|postfach)",
    "Military address": r"(?i:apo|fpo|dpo)",
    "Street corner": r"(?i:corner)",
}


def merge_overlapping(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Join overlapping findings into one spanning both, with the higher score.

    The forms overlap on one address ("2224 Main Road" and "Main Road 232, Apt. 342"); two
    partial findings would leave the redaction to whichever the resolver keeps.
    """
    merged: list[RecognizerResult] = []
    for result in sorted(results, key=lambda r: (r.start, -r.end)):
        last = merged[-1] if merged else None
        if last is not None and result.start < last.end:
            if result.score > last.score:
                last.score, last.analysis_explanation = result.score, result.analysis_explanation
            last.end = max(last.end, result.end)
        else:
            merged.append(result)
    return merged


class StreetAddressRecognizer(ClassPatternRecognizer):
    """Recognize street addresses and PO boxes (entity ``STREET_ADDRESS``).

    See the module docstring for the forms. Matching is case-sensitive where case carries the
    signal (capitalised names before ambiguous street types, place names in the tail) and
    case-insensitive for street types, units and PO boxes.
    """

    ENTITY = "STREET_ADDRESS"

    PATTERNS = [
        Pattern("English street", _START + _LEADING + ENGLISH_STREET + _TAIL, 0.75),
        Pattern("Number, type, name", _START + _LEADING + NUMBER_TYPE_NAME + _TAIL, 0.7),
        Pattern("Type, name, number", _START + _LEADING + TYPE_NAME_NUMBER + _TAIL, 0.7),
        Pattern("Suffixed street", _START + _LEADING + SUFFIXED_NAME_NUMBER + _TAIL, 0.7),
        Pattern("Name, number, unit", _START + _LEADING + NAME_NUMBER_UNIT + _TAIL, 0.6),
        Pattern("Number, name, number, place", _START + NUMBER_NAME_NUMBER_PLACE + _TAIL, 0.55),
        Pattern("Street corner", _START + CORNER, 0.6),
        Pattern("PO box", _START + _LEADING + PO_BOX + _TAIL, 0.7),
        Pattern("Military address", _START + MILITARY, 0.8),
    ]

    CONTEXT = ["address", "street", "live", "lives", "located", "deliver", "ship", "mail"]

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None, regex_flags=None):
        """Find addresses; where two forms find overlapping parts of one address, keep one."""
        return merge_overlapping(super().analyze(text, entities, nlp_artifacts, regex_flags))

    def patterns_for(self, text: str) -> list[Pattern]:
        """The forms whose marks `text` holds. Every form but a street corner holds a digit:
        most posts are done without trying one."""
        if not _HAS_DIGIT.search(text):
            return [p for p in self.patterns if p.name == "Street corner"] if "corner" in text.lower() else []
        passed: dict[str, bool] = {}  # two forms share a gate: test it once

        def open_to(name: str) -> bool:
            if GATES[name] not in passed:
                passed[GATES[name]] = bool(self._gates[name].search(text))
            return passed[GATES[name]]

        return [p for p in self.patterns if p.name not in self._gates or open_to(p.name)]

    def __init__(self, *args, **kwargs):
        # Case is part of the signal here; the patterns turn case-folding on where it is not.
        super().__init__(*args, global_regex_flags=_FLAGS, **kwargs)
        self._gates = {name: re.compile(gate, flags=_FLAGS) for name, gate in GATES.items()}
