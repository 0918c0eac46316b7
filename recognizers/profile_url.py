"""Links to a person's profile on a social or professional network.

What counts as a profile link (decided here, tested in ``tests/recognizers/test_profile_url.py``):

* a link whose path names a member: ``linkedin.com/in/NAME``, ``x.com/NAME``,
  ``github.com/NAME``, ``t.me/NAME``, ``wa.me/NUMBER``, ``reddit.com/u/NAME``, ...;
* any ``host.tld/@NAME`` link: Mastodon instances, Medium, TikTok, YouTube and Threads all
  put members there, and nothing else uses ``/@``;
* a GitHub or GitLab repository link ``github.com/NAME/REPO``: the first segment is a user
  (or an organisation, which we cannot tell apart offline), and a username is personal data,
  so the whole link is redacted rather than leaked;
* the whole link is the span: scheme, ``www.``, the path tail and the query.

Not profiles: company, school, job, event, search, help, settings and documentation pages
(``linkedin.com/company/acme``, ``x.com/search?q=``, ``github.com/features``), which the
sites' reserved-name lists keep out.

The sites, each with its link form and reserved names, are a table: ``data/profile_sites.yaml``.
"""

from __future__ import annotations

import re
from typing import Any

import regex
from presidio_analyzer import Pattern

from recognizers.base import ClassPatternRecognizer
from recognizers.tables import load_table


def _not(*reserved: str) -> str:
    """A lookahead refusing a first path segment that is one of ``reserved`` (a site page)."""
    return r"(?!(?:" + "|".join(reserved) + r")(?![\w\-]))"


# The link must start a token: `dropbox.com/x` is not `x.com/...`, `a@x.com` is an e-mail.
_START = r"(?<![\w@.\-/])"
_SCHEME = r"(?:https?://)?"
_SUB = r"(?:(?:www|m|mobile|old|new|[a-z]{2}(?:-[a-z]{2})?)\.)?"
# A member name: bounded so that no input makes the engine backtrack far.
_NAME = r"[\w\-](?:[\w.\-]{0,98}[\w\-])?"
_SLUG = r"[\w\-]{1,100}"


def site_link(site: dict[str, Any]) -> str:
    """The regex of one site's member pages (an entry of ``data/profile_sites.yaml``): its
    ``link`` with ``{reserved}``, ``{name}`` and ``{slug}`` filled in."""
    link = site["link"]
    if "reserved" in site:
        link = link.replace("{reserved}", _not(*site["reserved"]))
    return link.replace("{name}", _NAME).replace("{slug}", _SLUG)


# Member pages, one alternative a site. Each ends where the member's name ends; the
# path tail and the query are added after.
_SITES = [site_link(site) for site in load_table("profile_sites.yaml")["sites"]]

# The rest of the link: path tail, query and fragment, without trailing sentence punctuation.
_URL_CHAR = r"[^\s<>\"'()\[\]{}]"
_TAIL = r"(?:[/?#](?:" + _URL_CHAR + r"{0,500}[^\s<>\"'()\[\]{}.,!?:;])?)?"

PROFILE_URL_REGEX = (
    _START + _SCHEME + _SUB + r"(?:" + "|".join(_SITES) + r")(?![\w\-])" + _TAIL
)


class ProfileUrlRecognizer(ClassPatternRecognizer):
    """Recognize links to a member's profile (entity ``PROFILE_URL``).

    Covers LinkedIn, X/Twitter, GitHub, GitLab, Facebook, Instagram, TikTok, YouTube, Medium,
    Reddit, Mastodon-style ``host/@user``, Telegram, WhatsApp, Dribbble, Behance, Speaker Deck,
    Stack Exchange and a few link-in-bio sites, with or without scheme and ``www.``. The whole
    link is the span. The score is high so that the finding wins over a ``URL`` or ``PERSON``
    finding that overlaps it.
    """

    ENTITY = "PROFILE_URL"

    PATTERNS = [Pattern("Profile link", PROFILE_URL_REGEX, 0.9)]
    CONTEXT = ["profile", "follow", "connect", "linkedin", "github", "twitter", "account"]
    # Every site's form holds a host name followed by a path (`.com/`: a top-level domain is at
    # most 63 characters, and the bound keeps the search linear), or is a github.io or medium.com
    # host.
    PRECHECK = re.compile(r"\.[a-z][\w.\-]{0,63}/|\.github\.io|\.medium\.com", re.IGNORECASE)

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None, regex_flags=None):
        """Match only in the chunks of text between white space that hold a host name: no link
        holds white space, and most of a post is words around it."""
        return self.match_patterns(text, self.patterns, regex_flags, regions=host_chunks(text, self.PRECHECK))


# White space as the patterns' own regex engine knows it.
_WHITE = regex.compile(r"\s")
_WHITE_BEFORE = regex.compile(r"(?r)\s")


def host_chunks(text: str, hint: re.Pattern) -> list[tuple[int, int]]:
    """(start, end) of each white-space-free chunk of `text` in which `hint` matches."""
    chunks, end = [], 0
    for found in hint.finditer(text):
        if found.start() < end:  # in the chunk just taken
            continue
        white = _WHITE_BEFORE.search(text, 0, found.start())
        start = white.end() if white else 0
        white = _WHITE.search(text, found.start())
        end = white.start() if white else len(text)
        chunks.append((start, end))
    return chunks
