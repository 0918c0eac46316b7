"""The run manifest, and `forget`: where did a member's content go?

A manifest has a header line (profile, profile hash, versions, output file, the key's fingerprint)
and then one line per output record: its id, its author's member id as a keyed digest, and its
line in the output. With the same key, `find_member()` lists every output line holding a member's
content, across the manifests of many runs, without the manifests ever holding a member id in
clear; `check_key()` first tells a wrong key from a true zero by the header's fingerprint.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Iterator
from pathlib import Path

import orjson

from redact.errors import RedactError, WrongKey
from redact.operators import key_fingerprint

MEMBER_DOMAIN = b"redact-member-v1\x00"


def member_digest(key: bytes, member_id: str) -> str:
    """HMAC-SHA256 of a member id, in its own domain so it never equals a pseudonym's digest."""
    return hmac.new(key, MEMBER_DOMAIN + member_id.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def manifest_header(output: str | Path, summary) -> bytes:
    """The first line of a manifest: which output it indexes, made with which profile."""
    header = {"manifest": 1, "output": str(output), "profile": summary.profile,
              "profile_hash": summary.profile_hash, "versions": summary.versions,
              "key_fingerprint": summary.key_fingerprint}
    return orjson.dumps(header) + b"\n"


def manifest_entry(rendered, output_line: int) -> bytes:
    """The manifest line of one record written to the output at `output_line`."""
    entry = {"id": rendered.id, "author": rendered.author_digest, "line": output_line}
    return orjson.dumps(entry) + b"\n"


def find_member(key: bytes, member_id: str, manifests: Iterable[str | Path]) -> Iterator[dict]:
    """Every output line that holds the member's content: {output, line, id} per line."""
    digest = member_digest(key, member_id)
    for path in manifests:
        with open(path, "rb") as lines:
            header = orjson.loads(next(lines))
            for raw in lines:
                entry = orjson.loads(raw)
                if entry["author"] == digest:
                    yield {"output": header["output"], "line": entry["line"], "id": entry["id"]}


def check_key(key: bytes, manifests: Iterable[str | Path]) -> list[str]:
    """Raise WrongKey when a manifest was made with another key; return a warning for each manifest
    too old to carry a key fingerprint (its key cannot be checked, it is still searched)."""
    fingerprint, warnings, wrong = key_fingerprint(key), [], []
    for path in manifests:
        try:
            with open(path, "rb") as lines:
                made_with = orjson.loads(next(lines, b"{}")).get("key_fingerprint")
        except OSError as exc:
            raise RedactError(f"the manifest {path} cannot be read: {exc.strerror}") from None
        if made_with is None:
            warnings.append(f"{path} records no key fingerprint (an older manifest): "
                            f"the key cannot be checked against it")
        elif made_with != fingerprint:
            wrong.append(f"{path} ({made_with})")
    if wrong:
        raise WrongKey(f"the key given (fingerprint {fingerprint}) is not the one "
                       f"{', '.join(wrong)} was made with: pass that manifest's key")
    return warnings
