"""The base of our pattern recognizers: patterns, context and entity type as class attributes."""

from __future__ import annotations

import types
from collections.abc import Callable, Iterator
from typing import Protocol

import regex
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import EmailRecognizer, IbanRecognizer

from recognizers.email_regions import email_regions
from redact.budget import BudgetExceeded, regex_timeout


class Precheck(Protocol):
    """A compiled `re` or `regex` pattern: all a precheck is asked is whether a text matches it."""

    def search(self, string: str, /) -> object:
        """A match anywhere in `string`, or None."""


class ClassPatternRecognizer(PatternRecognizer):
    """A Presidio PatternRecognizer whose defaults are the class's ENTITY, PATTERNS and CONTEXT,
    so that a subclass is data first and code only where it needs code.

    PRECHECK, when set, is a cheap regex that every match of every pattern implies; the engine
    skips the patterns on a text it does not match (most posts hold no link, no `@`, ...).
    A subclass may also narrow the patterns worth trying on one text (:meth:`patterns_for`)."""

    ENTITY: str = ""
    PATTERNS: list[Pattern] = []
    CONTEXT: list[str] = []
    PRECHECK: Precheck | None = None
    # Set by presidio's constructors, which leave them unannotated (or Optional, though presidio
    # compiles with the flags as an int and every recognizer here keeps its default or sets one).
    name: str
    patterns: list[Pattern]
    global_regex_flags: int

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "en",
        supported_entity: str | None = None,
        name: str | None = None,
        **kwargs,
    ):
        super().__init__(
            supported_entity=supported_entity or self.ENTITY,
            patterns=patterns or self.PATTERNS,
            context=context or self.CONTEXT,
            supported_language=supported_language,
            name=name,  # type: ignore[arg-type]  # presidio declares `name: str = None` and means Optional
            **kwargs,
        )

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None, regex_flags=None):
        """Presidio's pattern matching (same results, scores and explanations; tested against it),
        without its per-pattern timing and over only the patterns worth trying on `text`."""
        return self.match_patterns(text, self.patterns_for(text), regex_flags)

    def patterns_for(self, text: str) -> list[Pattern]:
        """The patterns that can match `text`: all of them unless a subclass knows better."""
        return self.patterns

    def match_patterns(self, text: str, patterns: list[Pattern], flags: int | None = None,
                       regions: list[tuple[int, int]] | None = None) -> list[RecognizerResult]:
        """What PatternRecognizer.analyze gives for `patterns` alone. With `regions`, (start, end)
        pairs that every match lies within, only those are scanned (the pattern still sees the
        characters around them)."""
        return match_patterns(self, text, patterns, flags, regions)


def within_budget(recognizer: EntityRecognizer) -> EntityRecognizer:
    """`recognizer`, its analyze() replaced by the same loop under the record's time budget when it
    is one of Presidio's pattern recognizers (predefined, such as EmailRecognizer or
    IbanRecognizer, or inline in a profile; see BOUNDED_LOOPS): the same results, every regex
    bounded by the record's time budget instead of Presidio's hidden 60 s timeout, and a timeout
    never skipped. Ours (ClassPatternRecognizer) do this already."""
    bounded = BOUNDED_LOOPS.get(type(recognizer).analyze) if isinstance(recognizer, PatternRecognizer) else None
    if bounded is not None:
        # One instance's analyze is replaced on purpose; mypy forbids assigning to a method.
        recognizer.analyze = types.MethodType(bounded, recognizer)  # type: ignore[method-assign]
    return recognizer


def _analyze_patterns(self: PatternRecognizer, text: str, entities: list[str], nlp_artifacts=None,
                      regex_flags=None) -> list[RecognizerResult]:
    patterns = self.patterns  # type: ignore[has-type]  # presidio leaves PatternRecognizer.patterns unannotated
    where = SCANNED_REGIONS.get(type(self))
    regions = where(text) if where is not None else None
    return match_patterns(self, text, patterns, regex_flags, regions) if patterns else []


def _analyze_iban(self: IbanRecognizer, text: str, entities: list[str], nlp_artifacts=None,
                  regex_flags=None) -> list[RecognizerResult]:
    """IbanRecognizer.analyze under the record's time budget: each match is tried from its longest
    form (all its groups) down to its first group, and the first form that validates is the
    finding (in `DE89...3000 2 days` the trailing `2` is no part of it). Like Presidio's, it reads
    the recognizer's own flags, not `regex_flags`."""
    flags = self.global_regex_flags
    assert flags is not None  # presidio types it Optional; IbanRecognizer always sets an int
    results = []
    for pattern in self.patterns:  # type: ignore[has-type]  # presidio leaves it unannotated
        for match in bounded_matches(self, pattern, text, flags):
            for group in reversed(range(1, len(match.groups()) + 1)):
                end = match.end(group) if match.end(group) > 0 else match.end()
                result = _result(self, text, match.start(), end, pattern, flags)
                if result is not None:
                    results.append(result)
                    break
    return results


# Presidio's analyze() methods that run a regex loop (with a hidden 60 s timeout, skipping a
# pattern that times out) -> the same loop under the record's budget. Presidio's other predefined
# recognizers inherit PatternRecognizer.analyze or run no regex loop of their own (phone numbers:
# python-phonenumbers; NER: spaCy). tests/test_budget.py checks each gives what Presidio's gives.
BOUNDED_LOOPS = {
    PatternRecognizer.analyze: _analyze_patterns,
    IbanRecognizer.analyze: _analyze_iban,
}
# Presidio's recognizers whose pattern is tried only where it can match (the same matches as a scan
# of the whole text): EmailRecognizer's costs time quadratic in a run of local-part characters.
SCANNED_REGIONS: dict[type, Callable[[str], list[tuple[int, int]]]] = {EmailRecognizer: email_regions}


def match_patterns(recognizer: PatternRecognizer, text: str, patterns: list[Pattern],
                   flags: int | None = None, regions: list[tuple[int, int]] | None = None
                   ) -> list[RecognizerResult]:
    """What `recognizer`'s PatternRecognizer.analyze gives for `patterns` (see
    ClassPatternRecognizer.match_patterns), each regex call bounded by the current record's time
    budget: a pattern that times out raises BudgetExceeded, it is never skipped (Presidio's own
    analyze logs the timeout and goes on without the pattern's findings)."""
    flags = flags or recognizer.global_regex_flags
    # presidio types global_regex_flags Optional but compiles with it as an int; none here is None.
    assert flags is not None
    results = []
    for pattern in patterns:
        for match in bounded_matches(recognizer, pattern, text, flags, regions):
            result = _result(recognizer, text, match.start(), match.end(), pattern, flags)
            if result is not None:
                results.append(result)
    return EntityRecognizer.remove_duplicates(results)


def bounded_matches(recognizer: PatternRecognizer, pattern: Pattern, text: str, flags: int,
                    regions: list[tuple[int, int]] | None = None) -> Iterator[regex.Match[str]]:
    """The matches of `pattern` in `text` (or in each of `regions`), each regex call given the
    current record's time left as its timeout: BudgetExceeded, naming the recognizer and the
    pattern, when it runs out (or had run out before the call)."""
    compiled: regex.Pattern[str] | None = pattern.compiled_regex
    if not compiled or pattern.compiled_with_flags != flags:
        # presidio's Pattern sets both to a bare None in __init__, the only type mypy sees.
        pattern.compiled_with_flags = flags  # type: ignore[assignment]  # presidio types it None
        compiled = regex.compile(pattern.regex, flags=flags)
        pattern.compiled_regex = compiled  # type: ignore[assignment]  # presidio types it None
    try:
        for start, end in [(0, len(text))] if regions is None else regions:
            timeout = regex_timeout()
            if timeout <= 0:
                raise TimeoutError
            yield from compiled.finditer(text, start, end, timeout=timeout)
    except TimeoutError:
        name = recognizer.name  # type: ignore[has-type]  # presidio leaves EntityRecognizer.name unannotated
        raise BudgetExceeded(f"{name} pattern '{pattern.name}' ran out of time") from None


def _result(self: PatternRecognizer, text: str, start: int, end: int, pattern: Pattern, flags: int
            ) -> RecognizerResult | None:
    matched = text[start:end]
    if not matched:
        return None
    validation = self.validate_result(matched)
    name = self.name  # type: ignore[has-type]  # presidio leaves EntityRecognizer.name unannotated
    # `validation` is None without a validator; presidio's own analyze passes it so, typed as a bool.
    explanation = self.build_regex_explanation(
        name, pattern.name, pattern.regex, pattern.score, validation, flags)  # type: ignore[arg-type]
    result = RecognizerResult(
        entity_type=self.supported_entities[0], start=start, end=end, score=pattern.score,
        analysis_explanation=explanation,
        recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: name,
                              RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id},
    )
    if validation is not None:
        result.score = EntityRecognizer.MAX_SCORE if validation else EntityRecognizer.MIN_SCORE
    if self.invalidate_result(matched):
        result.score = EntityRecognizer.MIN_SCORE
    explanation.score = result.score
    return result if result.score > EntityRecognizer.MIN_SCORE else None

