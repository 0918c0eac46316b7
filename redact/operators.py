"""Our anonymizer operators, and the keyed digest behind pseudonyms and report digests.

The key never comes from a profile: it is read from the REDACT_KEY environment variable or a key
file given on the command line, and lives only in the per-run engine.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import os
import unicodedata
from pathlib import Path
from typing import Any

import regex
from presidio_anonymizer.operators import Operator, OperatorType

from redact.errors import BadKey
from redact.normalize import without_hidden

KEY_ENV = "REDACT_KEY"
MIN_KEY_BYTES = 16


def read_key(key_file: str | Path | None = None) -> bytes | None:
    """The secret key from a key file (when given) or the REDACT_KEY environment variable.

    Both are stripped of surrounding whitespace (inner spaces are part of the key). None when
    neither gives one (REDACT_KEY unset or empty). Raises BadKey for a key file that cannot be read
    or is empty, a REDACT_KEY of only whitespace, and a key shorter than MIN_KEY_BYTES (a short key
    makes pseudonyms guessable).
    """
    if key_file is not None:
        key, where = _read_key_file(Path(key_file)), f"the key file {key_file}"
    else:
        value = os.environ.get(KEY_ENV, "")
        if not value:
            return None
        key, where = value.encode().strip(), KEY_ENV
        if not key:
            raise BadKey(f"{KEY_ENV} holds only whitespace: set it to the key, or unset it")
    return check_key(key, f"the key in {where}")


def check_key(key: bytes, where: str = "the key") -> bytes:
    """`key`, refused with BadKey unless it is bytes of at least MIN_KEY_BYTES (not counting
    surrounding white space): the one rule for keys from files, the environment and code."""
    if not isinstance(key, bytes):
        raise BadKey(f"{where} is a {type(key).__name__}; pass the key as bytes")
    if len(key.strip()) < MIN_KEY_BYTES:
        raise BadKey(f"{where} is {len(key.strip())} byte(s) long; a key needs at least "
                     f"{MIN_KEY_BYTES} (make one with `redact key rotate --write FILE`)")
    return key


def _read_key_file(path: Path) -> bytes:
    """The stripped content of a key file; BadKey when it is missing, a directory or empty."""
    if path.is_dir():
        raise BadKey(f"the key file {path} is a directory, not a file")
    try:
        key = path.read_bytes().strip()
    except FileNotFoundError:
        raise BadKey(f"the key file {path} does not exist") from None
    except OSError as exc:
        raise BadKey(f"the key file {path} cannot be read: {exc.strerror}") from None
    if not key:
        raise BadKey(f"the key file {path} is empty")
    return key


def key_fingerprint(key: bytes) -> str:
    """A short keyed digest that tells keys apart without revealing them: recorded in checkpoints,
    manifests and summaries so that a run, a resume or `forget` under another key is caught."""
    return hmac.new(key, b"redact-key-fingerprint-v1", hashlib.sha256).hexdigest()[:16]


# Characters a reader does not see (format characters: soft hyphen, zero-width space, joiners,
# bidirectional controls) where the letters' case shows a new word begins: a break between words.
_HIDDEN_WORD_BREAK = regex.compile(r"(?<=\p{Ll})\p{Cf}+(?=\p{Lu})")


def as_read(value: str) -> str:
    """A value as a reader sees it: a hidden character between a lower-case and a capital letter
    reads as a word break (`Maria\u00adRossi` is `Maria Rossi`), other hidden characters are left
    out (`Ma\u200bria` is `Maria`). Pseudonyms and surrogates both read values so."""
    return without_hidden(_HIDDEN_WORD_BREAK.sub(" ", value))


def normalise(value: str) -> str:
    """The form a value is digested in: `Maria  Rossi` and `maria rossi` are the same person, and so
    is `Maria\u00adRossi` (see :func:`as_read`)."""
    return " ".join(unicodedata.normalize("NFKC", as_read(value)).casefold().split())


def keyed_digest(key: bytes, entity_type: str, value: str) -> str:
    """HMAC-SHA256 of the normalised value, bound to its entity type; hex."""
    message = f"{entity_type}\x00{normalise(value)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


class Pseudonym(Operator):
    """Presidio operator: replace a value by a keyed, stable token such as `<PERSON_5f2a91>`."""

    def operate(self, text: str | None = None, params: dict[str, Any] | None = None) -> str:
        """Return the pseudonym of `text`."""
        assert text is not None and params is not None  # the engine always passes both
        digest = keyed_digest(params["key"], params["entity_type"], text)
        return params["template"].format(
            entity_type=params["entity_type"], digest=digest[: params["digest_chars"]]
        )

    def validate(self, params: dict[str, Any] | None = None) -> None:
        """The engine sets every parameter; a missing one is a programming error."""
        for name in ("key", "entity_type", "template", "digest_chars"):
            if name not in (params or {}):
                raise ValueError(f"pseudonym operator is missing '{name}'")

    def operator_name(self) -> str:
        """Name used in OperatorConfig."""
        return "pseudonym"

    def operator_type(self) -> OperatorType:
        """An anonymizing operator."""
        return OperatorType.Anonymize


def mask_indices(text: str, chars_to_mask: int | None, from_end: bool = False) -> list[int]:
    """The positions in `text` a mask overwrites: all of them when chars_to_mask is None, else the
    first (or, from_end, the last) chars_to_mask letters and digits. Spaces, dashes and other
    separators are not counted and stay in place, so `chars_to_mask: 12` on a card number grouped
    in fours hides twelve digits and shows four."""
    if chars_to_mask is None:
        return list(range(len(text)))
    order = range(len(text) - 1, -1, -1) if from_end else range(len(text))
    return sorted(itertools.islice((i for i in order if text[i].isalnum()), chars_to_mask))


class Mask(Operator):
    """Presidio operator `mask`, counting what it hides: it replaces Presidio's own, which counts
    spaces and separators as characters (`############11 1111` showed six digits of a card)."""

    def operate(self, text: str | None = None, params: dict[str, Any] | None = None) -> str:
        """Return `text` with the masked positions overwritten by the masking character."""
        assert text is not None and params is not None  # the engine always passes both
        chars = list(text)
        for i in mask_indices(text, params["chars_to_mask"], params["from_end"]):
            chars[i] = params["masking_char"]
        return "".join(chars)

    def validate(self, params: dict[str, Any] | None = None) -> None:
        """The engine sets every parameter from a validated profile; a missing one is a bug."""
        for name in ("masking_char", "chars_to_mask", "from_end"):
            if name not in (params or {}):
                raise ValueError(f"mask operator is missing '{name}'")

    def operator_name(self) -> str:
        """Name used in OperatorConfig and in the report: it stands in for Presidio's `mask`."""
        return "mask"

    def operator_type(self) -> OperatorType:
        """An anonymizing operator."""
        return OperatorType.Anonymize
