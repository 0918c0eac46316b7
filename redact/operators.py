"""Our anonymizer operators, and the keyed digest behind pseudonyms and report digests.

The key never comes from a profile: it is read from the REDACT_KEY environment variable or a key
file given on the command line, and lives only in the per-run engine.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import unicodedata
from pathlib import Path
from typing import Any

from presidio_anonymizer.operators import Operator, OperatorType

from redact.errors import BadKey

KEY_ENV = "REDACT_KEY"
MIN_KEY_BYTES = 16


def read_key(key_file: str | Path | None = None) -> bytes | None:
    """The secret key from a key file (when given) or the REDACT_KEY environment variable.

    None when neither gives one. Raises BadKey for a key file that cannot be read or is empty, and
    for a key shorter than MIN_KEY_BYTES (a short key makes pseudonyms guessable).
    """
    if key_file is not None:
        key, where = _read_key_file(Path(key_file)), f"the key file {key_file}"
    else:
        key, where = os.environ.get(KEY_ENV, "").encode(), KEY_ENV
        if not key:
            return None
    if len(key) < MIN_KEY_BYTES:
        raise BadKey(f"the key in {where} is {len(key)} byte(s) long; a key needs at least "
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


def normalise(value: str) -> str:
    """The form a value is digested in: `Maria  Rossi` and `maria rossi` are the same person."""
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


def keyed_digest(key: bytes, entity_type: str, value: str) -> str:
    """HMAC-SHA256 of the normalised value, bound to its entity type; hex."""
    message = f"{entity_type}\x00{normalise(value)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


class Pseudonym(Operator):
    """Presidio operator: replace a value by a keyed, stable token such as `<PERSON_5f2a91>`."""

    def operate(self, text: str = None, params: dict[str, Any] = None) -> str:
        """Return the pseudonym of `text`."""
        digest = keyed_digest(params["key"], params["entity_type"], text)
        return params["template"].format(
            entity_type=params["entity_type"], digest=digest[: params["digest_chars"]]
        )

    def validate(self, params: dict[str, Any] = None) -> None:
        """The engine sets every parameter; a missing one is a programming error."""
        for name in ("key", "entity_type", "template", "digest_chars"):
            if name not in params:
                raise ValueError(f"pseudonym operator is missing '{name}'")

    def operator_name(self) -> str:
        """Name used in OperatorConfig."""
        return "pseudonym"

    def operator_type(self) -> OperatorType:
        """An anonymizing operator."""
        return OperatorType.Anonymize
