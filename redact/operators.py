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

KEY_ENV = "REDACT_KEY"


def read_key(key_file: str | Path | None = None) -> bytes | None:
    """The secret key from a key file (when given) or the REDACT_KEY environment variable."""
    if key_file is not None:
        key = Path(key_file).read_bytes().strip()
    else:
        key = os.environ.get(KEY_ENV, "").encode()
    return key or None


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
