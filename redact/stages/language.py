"""Identify: the language of every text field, and the language each is analysed as.

A field in the profile's language, or `und`, is analysed as the profile's language; a field in a
covered language as that language; any other field follows `languages.uncovered`: analysed with
patterns only, or its record quarantined or dropped (reason `language_uncovered`). A field that
holds a run in an uncovered language (`mixed`, see `redact.language`) is counted as uncovered and
quarantined or dropped alike; under `patterns_only` it is analysed as its own language, which runs
every recognizer patterns-only analysis would, and NER. The record's
region field, when the profile names one, becomes its region hint for phone numbers.
"""

from __future__ import annotations

from collections.abc import Iterator

from recognizers.lexicon import fold, load_lexicon
from recognizers.person.multilingual import load_cues
from redact import errors
from redact.language import MAX_CUE_WORDS, UNDETERMINED, WORD, LanguageIdentifier
from redact.languages import UNCOVERED, uncovered_languages
from redact.profile import Profile
from redact.record import Record
from redact.regions import region_codes


class Identify:
    """Set `lang`, `lang_confidence` and `analysed_as` on each text field of the live records."""

    def __init__(self, profile: Profile):
        spec = profile.languages
        assert spec is not None
        self.identifier = LanguageIdentifier(
            spec.identify, spec.min_confidence, spec.min_letters, default=profile.language,
            default_words=common_words(profile.language), default_words_share=spec.default_words_share,
            cue_words=cue_words(spec.identify),
            cue_phrases=cue_phrases(spec.identify, common_words(profile.language)))
        self.default = profile.language
        self.covered = frozenset(spec.covered)
        self.policy = spec.uncovered
        self.region_field = spec.region_field

    def run(self, records: Iterator[Record]) -> Iterator[Record]:
        """Identify the languages of each live record's fields, in input order."""
        for record in records:
            if record.live:
                self.identify(record)
            yield record

    def identify(self, record: Record) -> None:
        """Identify one record's fields; apply the uncovered policy."""
        for text_field in record.fields:
            found = self.identifier.identify(text_field.text)
            text_field.lang, text_field.lang_confidence = found.lang, found.confidence
            text_field.analysed_as = self.analysed_as(found.lang)
            text_field.mixed = found.mixed
        uncovered = sorted({lang for f in record.fields for lang in uncovered_languages(f)})
        if uncovered and self.policy == "quarantine":
            record.quarantine(errors.LANGUAGE_UNCOVERED, f"not covered by the profile: {', '.join(uncovered)}")
        elif uncovered and self.policy == "drop":
            record.drop(errors.LANGUAGE_UNCOVERED)
        if self.region_field and record.data:
            record.region_hint = region_hint(record.data.get(self.region_field))

    def analysed_as(self, lang: str) -> str:
        """The language whose engine analyses text identified as `lang`."""
        if lang in (self.default, UNDETERMINED):
            return self.default
        return lang if lang in self.covered else UNCOVERED


def region_hint(value) -> str | None:
    """The one ISO 3166 alpha-2 code a region field's value names, else None."""
    try:
        codes = region_codes(value)
    except Exception:  # a value regions cannot read is no hint
        return None
    alpha2 = {c for c in codes if len(c) == 2}
    return alpha2.pop() if len(alpha2) == 1 else None


def common_words(language: str) -> frozenset[str]:
    """The common words of a profile language that has a list (English), else none."""
    if language != "en":
        return frozenset()
    return load_lexicon().common


def cue_words(languages: list[str]) -> frozenset[str]:
    """Every word, folded, of the cue lists of `languages` (greetings, sign-offs, forms of address,
    titles, naming phrases, articles, words never names: `recognizers/data/cues/`, read by
    `load_cues`): words of the language, never names, that German and the others write
    capitalised at the start of a short message."""
    words: set[str] = set()
    for cues in map(load_cues, languages):
        for phrase in (*cues.address, *cues.titles, *cues.greetings, *cues.signoffs, *cues.naming,
                       *cues.noun_markers, *cues.not_names):
            words.update(map(fold, WORD.findall(phrase)))
    return frozenset(words)


MIN_CUE_LETTERS = 4  # a shorter cue phrase (`lg`, `vg`, `mvh`) is as likely an abbreviation of another language


def cue_phrases(languages: list[str], default_words: frozenset[str]) -> dict[tuple[str, ...], frozenset[str]]:
    """The greetings, sign-offs and forms of address of `languages` (`recognizers/data/cues/`), as
    folded word tuples -> the languages that use each: what tells a text too short to identify.
    Left out: phrases of the profile language's common words only (`hi`, `hey`, `pan`), shorter
    than `MIN_CUE_LETTERS` letters, or longer than `MAX_CUE_WORDS` words."""
    phrases: dict[tuple[str, ...], set[str]] = {}
    for lang in languages:
        cues = load_cues(lang)
        for phrase in (*cues.address, *cues.greetings, *cues.signoffs):
            words = tuple(map(fold, WORD.findall(phrase)))
            if (words and len(words) <= MAX_CUE_WORDS and sum(map(len, words)) >= MIN_CUE_LETTERS
                    and not all(word in default_words for word in words)):
                phrases.setdefault(words, set()).add(lang)
    return {words: frozenset(langs) for words, langs in phrases.items()}
