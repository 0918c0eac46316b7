"""The base of our pattern recognizers: patterns, context and entity type as class attributes."""

from __future__ import annotations

from typing import List, Optional

from presidio_analyzer import Pattern, PatternRecognizer


class ClassPatternRecognizer(PatternRecognizer):
    """A Presidio PatternRecognizer whose defaults are the class's ENTITY, PATTERNS and CONTEXT,
    so that a subclass is data first and code only where it needs code."""

    ENTITY: str = ""
    PATTERNS: List[Pattern] = []
    CONTEXT: List[str] = []

    def __init__(
        self,
        patterns: Optional[List[Pattern]] = None,
        context: Optional[List[str]] = None,
        supported_language: str = "en",
        supported_entity: Optional[str] = None,
        name: Optional[str] = None,
        **kwargs,
    ):
        super().__init__(
            supported_entity=supported_entity or self.ENTITY,
            patterns=patterns or self.PATTERNS,
            context=context or self.CONTEXT,
            supported_language=supported_language,
            name=name,
            **kwargs,
        )
