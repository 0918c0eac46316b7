"""One generator per entity type: a realistic value of the same shape as the original.

A generator takes the original value, a random source seeded from the value's keyed digest (and
the attempt number), and the `Locale` to write in. It need not avoid the original itself: the
operator checks every candidate with `keeps_part_of` and asks again with the next attempt.
"""

from __future__ import annotations

import ipaddress
import random
import re
import unicodedata
from collections.abc import Callable, Iterable
from random import Random
from typing import Protocol

import phonenumbers

from redact.checksums import luhn_valid
from redact.surrogates.guard import keeps_part_of
from redact.surrogates.locale import Locale
from redact.surrogates.shapes import case_like, other_digit, other_letter, scramble


class SurrogateContext(Protocol):
    """What a generator asks of the run's surrogate maker (`operator.Surrogates`)."""

    # `Random`, not `random.Random`: in this class `random` names the method below.
    def random(self, kind: str, value: str, attempt: int = 0) -> Random:
        """A random source seeded by the keyed digest of (kind, value) and the attempt."""

    def is_surname_only(self, word: str) -> bool:
        """True for a word the name lists know as a surname only."""

    def fiction_pattern(self, region: str | None, country_code: int, length: int, mobile: bool,
                        rng: Random) -> str | None:
        """A fiction-range pattern for the region and national length, or None."""

    def iban_country(self, country: str, length: int, rng: Random) -> str | None:
        """Another country whose IBANs have `length` characters, or None."""


Generator = Callable[[str, random.Random, int, Locale, SurrogateContext], str]

RESERVED_DOMAINS = ("example.com", "example.org", "example.net")
# For an original that is itself at example.*: the reserved .test top-level domain (RFC 2606).
TEST_DOMAINS = ("mail.test", "inbox.test")
# Words after a name that are not part of who it is: they are dropped with their separator.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "md", "phd", "esq", "dds", "rn"})
NAME_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
# Stands for a character of a documentation or fiction range when the guard compares a surrogate
# with its value: no value holds it, so the range's fixed part never counts as kept.
RANGE_MASK = "\x00"
IPV4_RANGES = ("192.0.2", "198.51.100", "203.0.113")  # RFC 5737
IPV6_RANGE = "2001:db8"  # RFC 3849


class InRange(str):
    """A surrogate drawn from a documentation or fiction range (RFC 5737/3849 addresses, the
    555-01xx numbers): `checked` is it with the range's fixed characters masked, what the guard
    compares with the value. The range is nobody's: `10.0.0.1` -> `203.0.113.57` shares `.0.`
    with the range, not with the value, and `555 0143` -> `555 0187` keeps only fiction."""

    checked: str


def in_range(text: str, fixed: Iterable[int]) -> InRange:
    """`text` as an InRange whose characters at the `fixed` positions are the range's."""
    masked = list(text)
    for position in fixed:
        masked[position] = RANGE_MASK
    surrogate = InRange(text)
    surrogate.checked = "".join(masked)
    return surrogate


def person(value: str, rng: random.Random, attempt: int, locale: Locale, ctx: SurrogateContext) -> str:
    """A given name for a given name, a full name for a full name, each word in its case style.
    Each word is drawn from its own keyed digest, so `Maria` alone and in `Maria Rossi` become the
    same given name."""
    words = list(NAME_WORD.finditer(value))
    cut = next((i for i, m in enumerate(words) if i and m.group().casefold() in NAME_SUFFIXES), len(words))
    parts, last = [], 0
    for i, match in enumerate(words[:cut]):
        parts += [value[last:match.start()], _name_word(match.group(), i, cut, attempt, locale, ctx)]
        last = match.end()
    if not parts:
        return scramble(value, rng)
    if cut < len(words):  # `Ana Ruiz, MD` -> `Eva Soto`: a degree or generation is dropped
        return "".join(parts).rstrip(" ,")
    return "".join(parts) + value[last:]


def _name_word(word: str, index: int, count: int, attempt: int, locale: Locale, ctx: SurrogateContext) -> str:
    """The surrogate of one word of a name: an initial for an initial, a surname for a surname."""
    rng = ctx.random("PERSON_WORD", word, attempt)
    if len(word) == 1:
        return case_like(word, rng.choice([c for c in "ABCDEFGHJKLMNPRSTVW" if c != word.upper()]))
    surname = index == count - 1 if count > 1 else ctx.is_surname_only(word)
    pool = locale.surnames if surname else locale.given_names
    for _ in range(20):
        name = rng.choice(pool)
        if not keeps_part_of(word, name):
            break
    return case_like(word, name)


def email(value: str, rng: random.Random, attempt: int, locale: Locale, ctx: SurrogateContext) -> str:
    """`first.last@example.org` from a surrogate name, with the original's separator, case
    style and number of digits. An obfuscated address (`ann [at] mail [dot] com`) becomes a plain
    one: its `at` and `dot` would be words kept from the original."""
    at = re.search(r"@|\s*[\[({<]\s*at\s*[\])}>]\s*|\s+at\s+", value, re.IGNORECASE)
    local = value[:at.start()] if at else value
    separator = next((c for c in local if c in "._-"), "")
    words = [rng.choice(locale.given_names), rng.choice(locale.surnames)]
    if local.islower() or not any(c.isalpha() for c in local):
        words = [w.lower() for w in words]
    name = separator.join(_ascii(w) for w in words) or "user"
    name += "".join(other_digit(rng, c) for c in local if c.isdigit())
    domains = [d for d in RESERVED_DOMAINS if d[-1] != value[-1:].casefold()]
    return name + "@" + rng.choice(TEST_DOMAINS if "example" in value.casefold() else domains)


def _ascii(word: str) -> str:
    """A name as an e-mail address can hold it (`José` -> `Jose`)."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c in "-'")).replace("'", "")


def phone(value: str, rng: random.Random, attempt: int, locale: Locale, ctx: SurrogateContext) -> str:
    """A valid-looking number of the same country and national length, from a fiction range
    where the country has one; written in the other notation when the original's first digit
    would be kept (a trunk `0`, a country code): `+44 20 7946 0958` -> `020 7946 0123`.
    Separators as the original's. A number phonenumbers cannot place keeps its shape, each digit
    replaced."""
    number = _parse_phone(value, locale.region)
    if number is None:
        return scramble(value, rng)
    nsn = phonenumbers.national_significant_number(number)
    fake, pattern = _fake_number(number, nsn, rng, ctx)
    international = value.lstrip("( ").startswith(("+", "00"))
    text = phonenumbers.format_number(fake, phonenumbers.PhoneNumberFormat.NATIONAL)
    if not international and _first_alnum(text) == _first_alnum(value):
        text = phonenumbers.format_number(fake, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    text = _separators_like(value, text)
    return _fiction(text, pattern) if pattern else text


def _fiction(text: str, pattern: str) -> InRange:
    """A number written from a fiction pattern, its fixed digits marked as the range's: the
    pattern's (the last digits of the text) and the country code or trunk prefix before them
    (the country's: `text 07700 900370` and `text 020 7946 0123` share `t 0`, nobody's)."""
    digits = [i for i, c in enumerate(text) if c.isdigit()]
    national = digits[-len(pattern):]
    return in_range(text, [*digits[:-len(pattern)], *(at for at, c in zip(national, pattern) if c.isdigit())])


def _parse_phone(value: str, region: str):
    """The number, or None when it is not a possible number of a known country."""
    compact = value.strip()
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    try:
        number = phonenumbers.parse(compact, region)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_possible_number(number) else None


def _fake_number(number, nsn: str, rng: random.Random, ctx: SurrogateContext):
    """A number of the same country and national length, and the fiction pattern it was written
    from: from a fiction range where the country and length have one (whatever the original, on
    every attempt), else (pattern None) the first digit kept and the others drawn; valid where a
    few draws allow."""
    region = phonenumbers.region_code_for_country_code(number.country_code)
    mobile = phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE
    pattern = ctx.fiction_pattern(region, number.country_code, len(nsn), mobile, rng)
    for _ in range(12):
        fake_nsn = _fill(pattern, nsn, rng) if pattern else nsn[:1] + scramble(nsn[1:], rng)
        fake = phonenumbers.parse(f"+{number.country_code}{fake_nsn}")
        if phonenumbers.is_valid_number(fake):
            break
    return fake, pattern


def _first_alnum(text: str) -> str:
    return next((c for c in text if c.isalnum()), "")


def _fill(pattern: str, nsn: str, rng: random.Random) -> str:
    """Digits for a fiction-range pattern: X any digit, N 2-9 (not the original's), digits as
    they are."""
    return "".join(
        str(rng.randrange(10)) if c == "X"
        else rng.choice([d for d in "23456789" if d != original]) if c == "N" else c
        for c, original in zip(pattern, nsn)
    )


def _separators_like(original: str, text: str) -> str:
    """`text` with the original's separator between digit groups (`-`, `.`, ` ` or none)."""
    inner = re.sub(r"^\D+|\D+$", "", original)
    if inner.isdigit():
        return re.sub(r"[^\d+]", "", text)
    separators = [c for c in inner if c in " -./"]
    separator = max(separators, key=separators.count) if separators else " "  # ties: the first
    return re.sub(r"(?<=\d)[ \-](?=\d)", separator, text)


def card(value: str, rng: random.Random, attempt: int, locale: Locale, ctx: SurrogateContext) -> str:
    """A card number of the same length and grouping that fails the Luhn check."""
    fake = scramble(value, rng)
    if luhn_valid(re.sub(r"\D", "", fake)):
        last = max(i for i, c in enumerate(fake) if c.isdigit())
        bumped = str((int(fake[last]) + 5) % 10)  # changes the Luhn sum by 5 or 10-5: never 0 mod 10
        fake = fake[:last] + bumped + fake[last + 1:]
    return fake


def iban(value: str, rng: random.Random, attempt: int, locale: Locale, ctx: SurrogateContext) -> str:
    """An IBAN of the same length and grouping whose check digits are wrong, in a country with
    IBANs of that length (another one than the original's: its code would be kept)."""
    compact = re.sub(r"\s", "", value)
    country = ctx.iban_country(compact[:2].upper(), len(compact), rng) or "XX"
    body = scramble(compact[2:], rng)
    body = _wrong_check_digits(country, body)
    fake = iter(case_like(compact[:2], country) + body)
    return "".join(c if c.isspace() else next(fake, "") for c in value)


def _wrong_check_digits(country: str, body: str) -> str:
    """`body` (check digits + BBAN) with check digits that do not validate."""
    rearranged = body[2:] + country + "00"
    number = int("".join(str(int(c, 36)) for c in rearranged.upper() if c.isascii() and c.isalnum()) or "0")
    valid = 98 - number % 97
    check = body[:2]
    if check.isdigit() and int(check) == valid:
        check = f"{(valid + 1) % 100:02d}"
    return check + body[2:]


def ip_address(value: str, rng: random.Random, attempt: int, locale: Locale, ctx: SurrogateContext) -> str:
    """An address from the documentation ranges, whatever the original: 192.0.2.0/24,
    198.51.100.0/24, 203.0.113.0/24 (one that does not start with the original's digit where
    there is one), 2001:db8::/32, compressed as the original is and in its case."""
    try:
        original = ipaddress.ip_address(value)
    except ValueError:
        return scramble(value, rng)
    if original.version == 4:
        prefix = rng.choice([p for p in IPV4_RANGES if p[0] != value[0]] or list(IPV4_RANGES))
        return in_range(f"{prefix}.{rng.randrange(1, 255)}", range(len(prefix)))
    groups = value.count(":") - 1 if "::" in value else 6
    tail = ":".join(f"{rng.randrange(1, 1 << 16):x}" for _ in range(max(1, min(groups, 6))))
    fake = str(ipaddress.ip_address(f"{IPV6_RANGE}::{tail}" if "::" in value else f"{IPV6_RANGE}:{tail}"))
    return in_range(fake.upper() if value.isupper() else fake, range(len(IPV6_RANGE)))


def address(value: str, rng: random.Random, attempt: int, locale: Locale, ctx: SurrogateContext) -> str:
    """An address in the locale's format: a postcode for a postcode, an apartment or suite for
    one, a street address for a street address, a whole address (lines kept) for a whole one."""
    faker = locale.faker(rng.getrandbits(64))
    stripped = value.strip()
    if re.fullmatch(r"[\d\- ]+", stripped):
        return scramble(value, rng)
    if re.match(r"(apt|suite|unit|flat|#)", stripped, re.IGNORECASE) and hasattr(faker, "secondary_address"):
        return faker.secondary_address()
    if "\n" in stripped:
        return faker.address()
    if "," in stripped:
        return faker.address().replace("\n", ", ")
    return faker.street_address()


HANDLE = re.compile(r"(?P<prefix>@|/?u/)?(?P<user>[^@]*)(?:@(?P<host>.+))?", re.DOTALL)


def handle(value: str, rng: random.Random, attempt: int, locale: Locale, ctx: SurrogateContext) -> str:
    """A handle of the same shape: `@`, then name-like words in the original's case
    style and length, digits for digits, separators kept; a Mastodon host becomes a reserved one."""
    parts = HANDLE.fullmatch(value)
    assert parts is not None  # every part of the pattern is optional: any string matches
    prefix = "@" if parts.group("prefix") else ""  # `u/name` -> `@name`: its `u` would be kept
    fake = prefix + slug_like(parts.group("user"), rng, locale)
    if parts.group("host"):
        fake += "@" + rng.choice([d for d in RESERVED_DOMAINS if d[-1] != value[-1:]])
    return fake


def slug_like(body: str, rng: random.Random, locale: Locale) -> str:
    """A user name shaped like `body`: each run of letters a name of about its length and in its
    case style (`CarolSmith` -> `EvaJones`), each digit another digit, separators kept; a name
    alone for a body with no letter or digit (`@_`)."""
    if not any(c.isalnum() for c in body):
        return _ascii(_name_of_length(3, rng, locale)) + body
    out = []
    for run in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[^\W\d_]+|\d|[\W_]+", body):
        if run[0].isdigit():
            out.append(other_digit(rng, run))
        elif run[0].isalpha():
            out.append(case_like(run, _name_of_length(len(run), rng, locale)))
        else:
            out.append(run)
    return "".join(out)


def _name_of_length(length: int, rng: random.Random, locale: Locale) -> str:
    """An ASCII given name or surname close to `length` characters."""
    names = locale.given_names if rng.random() < 0.5 else locale.surnames
    for _ in range(8):
        name = _ascii(rng.choice(names))
        if abs(len(name) - length) <= 2:
            return name
    return name[:max(length, 1)] if length < len(name) else name


PROFILE_PATH = re.compile(
    r"(?P<head>(?:https?://)?[^/\s]+/(?:#!/)?(?:(?:in|pub|u|user|c|channel|users|people|photos|"
    r"profile|profile/view)/)?@?)(?P<name>[^/?#\s]+)")
PROFILE_HOST = re.compile(r"(?P<head>(?:https?://)?)(?P<name>[\w\-]+)(?P<host>\.(?:github\.io|medium\.com))")


def profile_url(value: str, rng: random.Random, attempt: int, locale: Locale, ctx: SurrogateContext) -> str:
    """A link to the same platform with a fake member name (the path's tail dropped)."""
    host = PROFILE_HOST.match(value)
    if host:
        return host.group("head") + _member(host.group("name"), rng, locale) + host.group("host")
    path = PROFILE_PATH.match(value)
    if not path:
        return url(value, rng, attempt, locale, ctx)
    if "?id=" in value:  # facebook.com/profile.php?id=123
        return value[:value.index("?id=") + 4] + scramble(value[value.index("?id=") + 4:], rng)
    return path.group("head") + _member(path.group("name"), rng, locale)


def _member(name: str, rng: random.Random, locale: Locale) -> str:
    """A member name that keeps no part of `name`."""
    for _ in range(20):
        fake = scramble(name, rng) if name.isdigit() else slug_like(name, rng, locale)
        if not keeps_part_of(name, fake):
            return fake
    return scramble(name, rng)


def url(value: str, rng: random.Random, attempt: int, locale: Locale, ctx: SurrogateContext) -> str:
    """A link at a reserved domain (another one than the original's) with a fake path."""
    scheme = re.match(r"https?://", value)
    domain = rng.choice([d for d in RESERVED_DOMAINS if d not in value])
    return (scheme.group() if scheme else "") + domain + "/" + slug_like("page", rng, locale).lower()


def other(value: str, rng: random.Random, attempt: int, locale: Locale, ctx: SurrogateContext) -> str:
    """Any other type: every digit and letter replaced, the shape kept (ids, SSNs, order numbers);
    a letter added to a value that has none."""
    return scramble(value, rng) if any(c.isalnum() for c in value) else value + other_letter(rng, "")


# Entity type -> generator. A type not listed gets `other`.
GENERATORS: dict[str, Generator] = {
    "PERSON": person,
    "EMAIL_ADDRESS": email,
    "PHONE_NUMBER": phone,
    "CREDIT_CARD": card,
    "IBAN_CODE": iban,
    "IP_ADDRESS": ip_address,
    "STREET_ADDRESS": address,
    "LOCATION": address,
    "SOCIAL_HANDLE": handle,
    "PROFILE_URL": profile_url,
    "URL": url,
}
