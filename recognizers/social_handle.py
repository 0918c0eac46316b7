"""Social-media handles: ``@name`` mentions, Reddit ``u/name`` and Mastodon ``@user@host``; and
user names written without ``@`` whose parts read as a person's name (``kishan_patel``)."""

from __future__ import annotations

from collections.abc import Iterable

import regex
from presidio_analyzer import Pattern

from recognizers.base import ClassPatternRecognizer
from redact import keys

# Broadcast mentions in Slack, Discord, Teams and Matrix (`@room`) address a group, not a person.
DEFAULT_ALLOW_LIST = ("here", "channel", "everyone", "all", "room")

# `@` must not follow a word character or another `@`: that is an e-mail address
# (`a@b.com`) or the host part of a Mastodon handle, which the Mastodon pattern covers whole.
_NOT_AFTER_WORD = r"(?<![\w@])"
# `@10am`, `@5 pm`, `@10:30pm` are times, not people.
_NOT_A_TIME = r"(?!\d{1,2}(?:[:.]\d{2})?\s?[ap]\.?m\b)"
# At least one letter or `_` among the next 64 characters.
_HAS_LETTER = r"(?=[\w.\-]{0,63}[\p{L}_])"
# Digits alone can be a handle (`@30SecondsToMars` split by a tokenizer leaves `@30`), but not
# digits with separators: `@123.456.7890` is a phone number, `@10:30` a time.
_DIGITS_ONLY = r"\d{1,15}(?![\w:.\-/,]\d|\w)"
# A name is 1-64 characters; `.` and `-` may sit inside it but never end it, so
# "thanks @anna." and "cc @bob-" stop before the punctuation.
_NAME = r"\w(?:[\w.\-]{0,62}\w)?"
# A host name: up to six labels of letters, digits and inner `-`, then a top-level domain.
_LABEL = r"[\p{L}\p{N}](?:[\p{L}\p{N}\-]{0,61}[\p{L}\p{N}])?"
_HOST = _LABEL + r"(?:\." + _LABEL + r"){0,5}\.\p{L}{2,24}"

MENTION_REGEX = _NOT_AFTER_WORD + "@" + _NOT_A_TIME + _HAS_LETTER + _NAME + r"(?!\w)"
DIGITS_MENTION_REGEX = _NOT_AFTER_WORD + "@" + _NOT_A_TIME + _DIGITS_ONLY
MASTODON_REGEX = _NOT_AFTER_WORD + r"@\w(?:[\w.\-]{0,62}\w)?@" + _HOST + r"(?![\w\-])"
# Reddit names are 3-20 characters of letters, digits, `_` and `-`. The `u/` must start a
# token, so `reddit.com/u/name` is left to the profile-link recognizer.
REDDIT_REGEX = r"(?<![\w/])/?u/[\w\-]{3,20}(?![\w\-/])"
# A user name without `@`: two runs of letters joined by `_` or `.`, perhaps digits after
# (`kishan_patel`, `maria.rossi`, `john_smith42`, `john_smith_42`); not inside an address, a link,
# a path, a longer dotted name or a call (`maria.rossi@x.com`, `x.com/john_smith`, `a.b.c`,
# `long.flatten()`). Whether
# its parts read as a person's name is `redact.keys.is_user_name`'s to say (`my_var`, `user_id`,
# `max_length`, `self.name` are none).
USER_NAME_REGEX = (r"(?<![\w@./\-])[^\W\d_]+[_.][^\W\d_]+(?:_?\d{1,4})?"
                   r"(?![\w@/\-(]|\.[\w])")


_USER_NAME = regex.compile(USER_NAME_REGEX)
# Every user name holds a letter, `_` or `.`, and a letter: a text without that (nine in ten posts)
# is not scanned for one.
_USER_NAME_GATE = regex.compile(r"[^\W\d_][_.][^\W\d_]")


def is_user_name(word: str) -> bool:
    """True when `word` (a token) is a user name written without `@` that reads as a person's
    name, as the recognizer's `User name` pattern finds them (`kishan_patel`, `maria.rossi`)."""
    return bool(_USER_NAME.fullmatch(word)) and keys.is_user_name(word)


class SocialHandleRecognizer(ClassPatternRecognizer):
    """Recognize social-media handles (entity ``SOCIAL_HANDLE``).

    Finds ``@name`` mentions (Unicode letters, digits, ``_``, ``.``, ``-``), Reddit ``u/name``
    and ``/u/name``, Mastodon ``@user@instance.social`` (the whole address is the span), and
    user names without ``@`` written as a given name and a surname joined by ``_`` or ``.``
    (``kishan_patel``, ``maria.rossi``, ``john_smith42``; ``redact.keys.is_user_name``).
    E-mail addresses, times such as ``@10am`` and broadcast mentions in ``allow_list``
    (``@here``, ``@channel``, ``@everyone``, ``@all``) are not handles.

    :param allow_list: names (without ``@``, any case) that are never reported
    """

    ENTITY = "SOCIAL_HANDLE"

    PATTERNS = [
        Pattern("Mastodon handle", MASTODON_REGEX, 0.9),
        Pattern("Mention", MENTION_REGEX, 0.85),
        Pattern("Reddit user", REDDIT_REGEX, 0.8),
        # `@5` is as often "at 5" as a handle.
        Pattern("Digits mention", DIGITS_MENTION_REGEX, 0.55),
        Pattern("User name", USER_NAME_REGEX, 0.8),
    ]

    CONTEXT = ["follow", "dm", "handle", "twitter", "instagram", "reddit", "mastodon", "tag"]

    def __init__(self, *args, allow_list: Iterable[str] = DEFAULT_ALLOW_LIST, **kwargs):
        self.allow_list = frozenset(word.lower().lstrip("@") for word in allow_list)
        super().__init__(*args, **kwargs)

    def patterns_for(self, text: str) -> list[Pattern]:
        """Every pattern, but the user-name one only for a text that may hold a user name."""
        if _USER_NAME_GATE.search(text):
            return self.patterns
        return [pattern for pattern in self.patterns if pattern.name != "User name"]

    def invalidate_result(self, pattern_text: str) -> bool | None:
        """Drop broadcast mentions such as ``@here`` that name no one, and a user name without
        ``@`` whose parts do not read as a person's name (``user_id``, ``np.array``)."""
        if not pattern_text.startswith(("@", "u/", "/u/")) and not keys.is_user_name(pattern_text):
            return True
        return pattern_text.lower().lstrip("@") in self.allow_list
