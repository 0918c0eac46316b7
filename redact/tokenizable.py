"""What spaCy is given for a text: the text, with the middle of each long run of symbols blanked.

spaCy's tokenizer splits a prefix or suffix off a chunk one character at a time and searches the
rest again, so a chunk (no white space in it) of n punctuation or symbol characters costs n²:
8,000 `#` took 6 s, and a window of 20,000 `#`, `!`, `_`, `=`, `$`, emoji or any mix of them about
40 s, over the default time budget, so such a record was quarantined. (`.`, `-`, `@`, `/`, `|`
and `~` are not split that way and cost nothing.)

So the NER reads each run of more than 2 * RUN_KEEP characters that are neither letters nor
digits nor white space with its first and last RUN_KEEP characters as they are and spaces
between: the text keeps its length, so every token and entity has the text's own offsets, and a
word touching a run (`=====Maria`) is tokenised as before. Nothing goes unanalysed: only the NER
reads this copy (every recognizer's patterns read the text whole), and the characters blanked
hold no letter or digit, so no name the NER could find.
"""

from __future__ import annotations

import regex

# Characters kept at each end of a long run of symbols.
RUN_KEEP = 32
_LONG_RUN = regex.compile(rf"[^\s\p{{L}}\p{{N}}]{{{2 * RUN_KEEP + 1},}}")


def tokenizable(text: str) -> str:
    """`text` as the NER reads it: each run of more than 2 * RUN_KEEP symbols (no letter, digit
    or white space) blanked but for RUN_KEEP characters at each end; same length."""
    return _LONG_RUN.sub(_blank_middle, text) if len(text) > 2 * RUN_KEEP else text


def _blank_middle(run: regex.Match[str]) -> str:
    symbols = run.group()
    return symbols[:RUN_KEEP] + " " * (len(symbols) - 2 * RUN_KEEP) + symbols[-RUN_KEEP:]
