r"""Where Presidio's EmailRecognizer can match: the stretches around each `@` that can end a match.

Its pattern (`\b(local part)[@](domain)\b`, the local part a run of `[!#$%&'*+\-/=?^_`{|}~.\w]`)
is tried at every word boundary of the text, and from each it reads the whole run of local-part
characters before failing when no domain follows: a long run of such characters (`a-a-a-...`)
costs time quadratic in its length (16,000 characters: about 11 s of CPU). A match holds an `@`
with a local-part character other than `.` before it and a dotted domain after it, so it lies
within the run of local-part characters before such an `@` and the domain after it; scanning only
those stretches (merged where they overlap, so that matches are found as a scan of the whole text
finds them) gives the same matches in time linear in the text: in a stretch the domain after the
`@` matches, so the first word boundary tried succeeds.
"""

from __future__ import annotations

import regex

_LOCAL = r"!#$%&'*+\-/=?^_`{|}~\w"  # a local-part character other than `.`, as Presidio's class
# An `@` that can end an e-mail address's local part: a local-part character other than `.`
# before it, a domain word and a dot after it (also the recognizer's precheck).
EMAIL_AT = regex.compile(rf"(?<=[{_LOCAL}])@\w+(?:-+\w+)*\.\w")
# Presidio's domain, greedy: where the longest domain after an `@` ends.
_DOMAIN = regex.compile(r"\w+(?:-+\w+)*(?:\.\w+(?:-+\w+)*)+")
# Searched backwards: the character before a run of local-part characters.
_BEFORE_LOCAL = regex.compile(rf"(?r)[^{_LOCAL}.]")


def email_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of each stretch of `text` an e-mail address can lie in (see the module
    docstring), in order, none overlapping another."""
    regions: list[tuple[int, int]] = []
    for at in EMAIL_AT.finditer(text):
        before = _BEFORE_LOCAL.search(text, 0, at.start())
        start = before.end() if before else 0
        domain = _DOMAIN.match(text, at.start() + 1)
        end = domain.end() if domain else at.end()
        if regions and start <= regions[-1][1]:
            start = regions.pop()[0]
        regions.append((start, end))
    return regions
