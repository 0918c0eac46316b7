"""E-mail addresses written to dodge scrapers: ``name [at] domain [dot] com`` and kin.

Three shapes, from most to least certain:

* a bracketed ``at``: ``name [at] domain [dot] com``, ``name(at)domain.com``, ``name {at} ...``;
* a real ``@`` with a bracketed or spelled-out dot: ``name@domain[dot]com``;
* everything spelled out: ``name at domain dot com``. English has both words
  ("meet me at home dot"), so this shape needs at least one `` dot ``, a last label that is a
  real public suffix, and it scores below the default threshold unless a context word
  (email, mail, contact, reach, write, ...) is near or the domain is a well-known mail provider.
"""

from __future__ import annotations

import functools

import regex as re
import tldextract
from presidio_analyzer import Pattern, RecognizerResult

from recognizers.base import ClassPatternRecognizer

_OPEN, _CLOSE = r"[\[({<]", r"[\])}>]"
_BRACKET_AT = r"\s{0,3}" + _OPEN + r"\s{0,3}at\s{0,3}" + _CLOSE + r"\s{0,3}"
_BRACKET_DOT = r"\s{0,3}" + _OPEN + r"\s{0,3}(?:dot|\.)\s{0,3}" + _CLOSE + r"\s{0,3}"
_SPELLED_DOT = r"\s{1,3}dot\s{1,3}"
_SPELLED_AT = r"\s{1,3}at\s{1,3}"
_LOCAL = r"(?<![\w.+\-])[\w](?:[\w.+\-]{0,62}[\w])?"
_LABEL = r"[\p{L}\p{N}](?:[\p{L}\p{N}\-]{0,61}[\p{L}\p{N}])?"
# The domain ends on a label, never inside a word: "name at mail dot company" stops nowhere.
_END = r"(?![\w\-])"

BRACKET_AT_REGEX = (
    _LOCAL + _BRACKET_AT + _LABEL
    + r"(?:(?:" + _BRACKET_DOT + "|" + _SPELLED_DOT + r"|\.)" + _LABEL + r"){1,4}" + _END
)
AT_SIGN_REGEX = (
    _LOCAL + r"\s{0,3}@\s{0,3}" + _LABEL
    + r"(?:\.\p{L}{0,63})?"  # a real dot may come first: name@mail.example[dot]com
    + r"(?:(?:" + _BRACKET_DOT + "|" + _SPELLED_DOT + r")" + _LABEL + r"){1,4}" + _END
)
SPELLED_REGEX = (
    r"(?<![\w.+\-])\w{1,64}(?:" + _SPELLED_DOT + r"\w{1,64}){0,3}"  # john dot smith
    + _SPELLED_AT + _LABEL + r"(?:" + _SPELLED_DOT + _LABEL + r"){1,4}" + _END
)

SPELLED_PATTERN_NAME = "Spelled-out e-mail"
# What every match of a shape holds, all of it: a shape is not tried on a text that lacks one.
GATES = {
    "Bracketed e-mail": [_OPEN + r"\s{0,3}at\s{0,3}" + _CLOSE],
    "E-mail with obfuscated dot": ["@", r"dot|" + _OPEN + r"\s{0,3}\."],
    SPELLED_PATTERN_NAME: [r"\sat\s", r"\sdot\s"],
}
_AT_SPLIT = re.compile(r"\s*(?:" + _OPEN + r"\s*at\s*" + _CLOSE + r"|@|\sat\s)\s*", re.IGNORECASE)
_DOT_SPLIT = re.compile(r"\s*(?:" + _OPEN + r"\s*(?:dot|\.)\s*" + _CLOSE + r"|\.|\sdot\s)\s*", re.IGNORECASE)
# Mail providers whose name alone makes "x at gmail dot com" an address.
MAIL_PROVIDERS = frozenset({
    "gmail", "googlemail", "yahoo", "hotmail", "outlook", "live", "msn", "aol", "icloud",
    "me", "mac", "protonmail", "proton", "gmx", "web", "mail", "yandex", "zoho", "fastmail",
    "tutanota", "hey", "qq", "163", "btinternet", "comcast", "verizon", "orange", "free",
})
CONTEXT_WINDOW_CHARS = 60


@functools.cache
def _suffix_extractor() -> tldextract.TLDExtract:
    """tldextract on its bundled public-suffix snapshot: never touches the network."""
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


def domain_labels(address: str) -> list[str]:
    """The domain labels of an obfuscated address, lower-cased: ``a [at] b [dot] com`` -> b, com."""
    domain = _AT_SPLIT.split(address.strip())[-1]
    return [label.lower() for label in _DOT_SPLIT.split(domain) if label]


def has_public_suffix(address: str) -> bool:
    """Whether the address ends in a real public suffix (com, co.uk, social, ...)."""
    labels = domain_labels(address)
    extracted = _suffix_extractor()(".".join(labels))
    return bool(extracted.suffix) and bool(extracted.domain)


class ObfuscatedEmailRecognizer(ClassPatternRecognizer):
    """Recognize obfuscated e-mail addresses (entity ``EMAIL_ADDRESS``).

    Plain ``name@domain.com`` is left to Presidio's ``EmailRecognizer``. Spelled-out addresses
    (``name at domain dot com``) score :attr:`SPELLED_SCORE` unless a context word is within
    :data:`CONTEXT_WINDOW_CHARS` characters before the address or the domain is a well-known
    mail provider; then they score :attr:`SPELLED_SCORE_SUPPORTED`. The check is done here,
    not only by Presidio's context enhancer, so that it also holds without NLP artifacts.
    """

    ENTITY = "EMAIL_ADDRESS"

    PATTERNS = [
        Pattern("Bracketed e-mail", BRACKET_AT_REGEX, 0.85),
        Pattern("E-mail with obfuscated dot", AT_SIGN_REGEX, 0.85),
        Pattern(SPELLED_PATTERN_NAME, SPELLED_REGEX, 0.4),
    ]
    CONTEXT = ["email", "e-mail", "mail", "contact", "reach", "write", "message", "address"]
    # An `@`, a bracketed `at` or a spelled-out `dot`: every shape holds one of them.
    PRECHECK = re.compile(r"@|at.{0,3}[\])}>]|dot", re.IGNORECASE | re.DOTALL)
    SPELLED_SCORE_SUPPORTED = 0.75

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        words = "|".join(re.escape(word) for word in self.context)
        self._context_regex = re.compile(r"\b(?:" + words + r")", flags=re.IGNORECASE)
        self._gates = {name: [re.compile(gate, flags=self.global_regex_flags) for gate in gates]
                       for name, gates in GATES.items()}

    def patterns_for(self, text: str) -> list[Pattern]:
        """The shapes whose marks `text` holds (most texts with an `@` hold no obfuscation)."""
        return [p for p in self.patterns if all(gate.search(text) for gate in self._gates.get(p.name, ()))]

    def invalidate_result(self, pattern_text: str) -> bool | None:
        """Drop a match whose last label is not a public suffix ("at home dot hmm")."""
        return not has_public_suffix(pattern_text)

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None, regex_flags=None):
        """Find obfuscated addresses; raise spelled-out ones that have support nearby."""
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for result in results:
            if self._is_spelled(result) and self._has_support(text, result):
                result.score = max(result.score, self.SPELLED_SCORE_SUPPORTED)
                # Presidio's enhancer must not add its own boost on top of ours.
                result.recognition_metadata[
                    RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY
                ] = True
        return results

    @staticmethod
    def _is_spelled(result: RecognizerResult) -> bool:
        explanation = result.analysis_explanation
        return explanation is not None and explanation.pattern_name == SPELLED_PATTERN_NAME

    def _has_support(self, text: str, result: RecognizerResult) -> bool:
        """A context word shortly before the address, or a mail provider as the domain."""
        before = text[max(0, result.start - CONTEXT_WINDOW_CHARS):result.start]
        if self._context_regex.search(before):
            return True
        labels = domain_labels(text[result.start:result.end])
        return any(label in MAIL_PROVIDERS for label in labels[:-1])
