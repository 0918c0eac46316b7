"""The one form record kinds and their aliases are compared in (consent's `exclude_kinds`).

Both the profile's checks and the consent stage read kinds through :func:`kind_key`, so that a
kind the profile accepts is the kind the stage compares.
"""

from __future__ import annotations

from typing import Any

import regex

from redact.normalize import fold

# What separates the words of a kind (`private message`, `direct-message`, `direct_message`).
_SEPARATORS = regex.compile(r"[\s\p{Pd}_]+")


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
