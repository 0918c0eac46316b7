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
reserved-name lists below keep out.
"""

from __future__ import annotations

import re
from typing import List

import regex
from presidio_analyzer import Pattern

from recognizers.base import ClassPatternRecognizer


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

_X_RESERVED = _not(
    "home", "search", "i", "intent", "hashtag", "explore", "settings", "notifications",
    "messages", "login", "logout", "signup", "share", "tos", "privacy", "compose", "about",
    "jobs", "download", "account", "help", "en", "status", "who_to_follow", "lists",
    "topics", "communities", "premium", "verified", "rules", "oauth", "flow",
)
_GIT_RESERVED = _not(
    "features", "orgs", "organizations", "about", "pricing", "enterprise", "topics",
    "collections", "trending", "marketplace", "sponsors", "settings", "login", "join",
    "signup", "explore", "search", "notifications", "issues", "pulls", "new", "site",
    "security", "customer-stories", "team", "readme", "events", "apps", "contact",
    "dashboard", "help", "blog", "solutions", "resources", "open-source", "codespaces",
    "copilot", "premium-support", "why-github", "users", "-", "help", "docs", "pricing",
    "partners", "community", "education", "mobile", "home", "nonprofit", "git-guides",
)
_FACEBOOK_RESERVED = _not(
    "pages", "groups", "events", "help", "business", "policies", "privacy", "login", "watch",
    "marketplace", "gaming", "legal", "ads", "photo", "photos", "sharer", "share", "dialog",
    "plugins", "hashtag", "notes", "settings", "terms", "about", "careers", "l\\.php",
    "story\\.php", "permalink\\.php", "photo\\.php", "video\\.php", "reel", "reels", "stories",
    "fundraisers", "media", "places", "search", "home\\.php", "messages", "friends", "tr",
    "people", "profile\\.php",
)
_INSTAGRAM_RESERVED = _not(
    "p", "reel", "reels", "explore", "accounts", "about", "developer", "legal", "direct",
    "tv", "web", "press", "api", "challenge",
)
_DRIBBBLE_RESERVED = _not(
    "shots", "jobs", "designers", "tags", "search", "session", "signup", "stories", "pro",
    "about", "colors", "learn", "resources", "hiring", "following", "terms", "privacy",
)
_BEHANCE_RESERVED = _not(
    "gallery", "galleries", "search", "joblist", "assets", "blog", "about", "hire",
    "onboarding", "live", "misc", "dev", "for_you", "moodboard",
)
_SPEAKERDECK_RESERVED = _not("search", "signup", "signin", "c", "features", "pro", "p")
_TELEGRAM_RESERVED = _not("joinchat", "addstickers", "addemoji", "share", "s", "proxy", "socks")

# Member pages, one alternative a site. Each ends where the member's name ends; the
# path tail and the query are added after.
_SITES = [
    r"(?:[a-z]{2,3}\.)?linkedin\.com/(?:in|pub|profile/view)/" + r"[^\s/?#<>\"'()]{1,100}",
    r"lnkd\.in/[\w\-]{1,40}",
    r"(?:twitter|x)\.com/(?:#!/)?" + _X_RESERVED + r"@?[\w\-]{1,50}",
    r"(?:github|gitlab)\.com/" + _GIT_RESERVED + r"[\w\-]{1,39}",
    r"gist\.github\.com/[\w\-]{1,39}",
    r"[\w\-]{1,39}\.github\.io",
    r"(?:facebook|fb)\.com/(?:profile\.php\?id=\d{1,20}|people/[^\s/?#<>\"']{1,100}/\d{1,20}|"
    + _FACEBOOK_RESERVED + _NAME + r")",
    r"fb\.me/[\w.\-]{1,50}",
    r"(?:instagram\.com|instagr\.am)/" + _INSTAGRAM_RESERVED + _NAME,
    r"youtube\.com/(?:c|channel|user)/" + _SLUG,
    r"reddit\.com/(?:u|user)/" + _SLUG,
    r"(?:t|telegram)\.me/" + _TELEGRAM_RESERVED + r"\+?[\w\-]{1,64}",
    r"wa\.me/\+?[\w]{1,40}",
    r"dribbble\.com/" + _DRIBBBLE_RESERVED + _SLUG,
    r"behance\.net/" + _BEHANCE_RESERVED + _SLUG,
    r"speakerdeck\.com/" + _SPEAKERDECK_RESERVED + _SLUG,
    r"(?:stackoverflow\.com|superuser\.com|serverfault\.com|askubuntu\.com|"
    r"[\w\-]{1,40}\.stackexchange\.com)/users/\d{1,12}",
    r"bsky\.app/profile/" + _NAME,
    r"(?:linktr\.ee|about\.me|twitch\.tv|soundcloud\.com|pinterest\.com|patreon\.com|"
    r"ko-fi\.com|buymeacoffee\.com|keybase\.io|vk\.com)/" + _not(
        "search", "login", "signup", "settings", "about", "help", "explore", "directory",
        "pin", "s", "privacy", "terms", "discover", "legal", "download", "jobs", "p",
    ) + _SLUG,
    r"flickr\.com/(?:people|photos)/[\w@\-]{1,60}",
    # `/@name` is a member page on Mastodon instances, Medium, TikTok, YouTube, Threads, ...
    r"[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?){0,4}"
    r"\.[a-z]{2,24}/@" + _NAME,
    r"[\w\-]{1,50}\.medium\.com",
]
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

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None, regex_flags=None):
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
