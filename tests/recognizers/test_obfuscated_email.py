"""ObfuscatedEmailRecognizer: name [at] domain [dot] com and its spelled-out kin."""

from __future__ import annotations

import pytest
from conftest import assert_no_backtracking_blow_up

from recognizers.obfuscated_email import ObfuscatedEmailRecognizer

ENTITY = "EMAIL_ADDRESS"
RECOGNIZER = ObfuscatedEmailRecognizer()
# The default threshold of the project's profiles.
THRESHOLD = 0.5


def found(text: str, threshold: float = THRESHOLD) -> list[str]:
    """The text of every finding that reaches ``threshold``, in order."""
    results = RECOGNIZER.analyze(text, entities=[ENTITY], nlp_artifacts=None)
    kept = [r for r in results if r.score >= threshold]
    return [text[r.start:r.end] for r in sorted(kept, key=lambda r: r.start)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # bracketed: certain without context
        ("john [at] example [dot] com", ["john [at] example [dot] com"]),
        ("jane(at)corp(dot)co(dot)uk ok", ["jane(at)corp(dot)co(dot)uk"]),
        ("bob {at} site {dot} org", ["bob {at} site {dot} org"]),
        ("j.doe <at> uni <dot> edu", ["j.doe <at> uni <dot> edu"]),
        ("name (at) domain.com", ["name (at) domain.com"]),
        ("first.last [AT] mail [DOT] example [DOT] de.", ["first.last [AT] mail [DOT] example [DOT] de"]),
        ("x@gmail[dot]com", ["x@gmail[dot]com"]),
        ("x@gmail dot com", ["x@gmail dot com"]),
        # spelled out, with a context word or a mail provider
        ("reach me: john dot smith at acme dot co dot uk", ["john dot smith at acme dot co dot uk"]),
        ("email: ann at foo dot io.", ["ann at foo dot io"]),
        ("my e-mail is Bob AT Domain DOT co DOT uk", ["Bob AT Domain DOT co DOT uk"]),
        ("write to sam at example dot org", ["sam at example dot org"]),
        ("john at gmail dot com", ["john at gmail dot com"]),
        ("kim at hotmail dot co dot uk", ["kim at hotmail dot co dot uk"]),
        # negatives
        ("meet me at home dot", []),
        ("look at this dot com bubble", []),
        ("i am at work dot com lol", []),
        ("a [at] b [dot] notatld", []),
        ("see you at the station", []),
        ("bob@example.com is a plain address", []),  # Presidio's EmailRecognizer finds it
        ("we met at noon dot", []),
        ("prices at [at] and [dot]", []),
        ("he's at school dot dot dot", []),
    ],
)
def test_obfuscated_email(text, expected):
    assert found(text) == expected


def test_spelled_out_without_support_scores_below_threshold():
    [result] = RECOGNIZER.analyze("ping bob at example dot com", [ENTITY], None)
    assert result.score < THRESHOLD


@pytest.mark.parametrize(
    "text",
    [
        "a [at] " * 15_000,
        "a at b dot " * 10_000,
        "a dot " * 17_000,
        "a(at)" + "b(dot)" * 17_000,
        "a" * 100_000,
    ],
)
def test_adversarial_input_is_fast(text):
    assert_no_backtracking_blow_up(lambda: RECOGNIZER.analyze(text, entities=[ENTITY], nlp_artifacts=None),
                                   f"obfuscated_email on {text[:12]!r}...")


@pytest.mark.slow
def test_through_analyzer_engine(through_engine):
    text = "Mail john at example dot com, not at home dot"
    results = through_engine(ObfuscatedEmailRecognizer(), text)
    assert [text[r.start:r.end] for r in results if r.score >= THRESHOLD] == [
        "john at example dot com"
    ]
