"""The run manifest, and `forget`: where did a member's content go?

A manifest has a header line (profile, profile hash, versions, output file, the key's fingerprint)
and then one line per output record: its id, its author's member id as a keyed digest (of the id
folded as consent folds it, so ` M3` and `m3` are one member), its line in the output, and, when
it holds comments (`record.comment_author_fields`), the digests of their authors
(`comment_authors`): a member's comments in another member's post are found too. With
the same key, `find_member()` lists every output line holding a member's content, across the
manifests of many runs, without the manifests ever holding a member id in clear; `check_key()`
first tells a wrong key from a true zero by the header's fingerprint.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson

from redact.errors import RedactError, WrongKey
from redact.operators import key_fingerprint
from redact.stages.consent import fold

MEMBER_DOMAIN = b"redact-member-v1\x00"
# How the member digests of a manifest were made, in its header: of the member id folded as consent
# folds it (` M3` and `m3` are one member). Manifests without it hold digests of the id unfolded.
MEMBER_IDS = "folded"
HEADER_FIELDS = ("manifest", "output")
ENTRY_FIELDS = ("id", "author", "line")


def member_digest(key: bytes, member_id: Any) -> str | None:
    """HMAC-SHA256 of a member id folded as consent folds it (`redact.stages.consent.fold`), in its
    own domain so it never equals a pseudonym's digest; None for an id consent cannot fold."""
    folded = fold(member_id)
    return None if folded is None else _digest(key, folded)


def _digest(key: bytes, text: str) -> str:
    return hmac.new(key, MEMBER_DOMAIN + text.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def manifest_header(output: str | Path, summary) -> bytes:
    """The first line of a manifest: which output it indexes, made with which profile."""
    header = {"manifest": 1, "output": str(output), "profile": summary.profile,
              "profile_hash": summary.profile_hash, "versions": summary.versions,
              "key_fingerprint": summary.key_fingerprint, "member_ids": MEMBER_IDS}
    return orjson.dumps(header) + b"\n"


def manifest_entry(rendered, output_line: int) -> bytes:
    """The manifest line of one record written to the output at `output_line`."""
    entry: dict[str, Any] = {"id": rendered.id, "author": rendered.author_digest, "line": output_line}
    if rendered.comment_authors:
        entry["comment_authors"] = list(rendered.comment_authors)
    return orjson.dumps(entry) + b"\n"


def read_header(path: str | Path) -> dict:
    """The header of the manifest at `path`; RedactError naming the file when it cannot be read or
    is no manifest (an output, a report, any other file)."""
    try:
        with open(path, "rb") as lines:
            first = next(lines, b"")
    except OSError as exc:
        raise RedactError(f"the manifest {path} cannot be read: {exc.strerror}") from None
    header = _object(first, HEADER_FIELDS)
    if header is None or header["manifest"] != 1:
        raise RedactError(f"{path} is not a run manifest: its first line is not a manifest header "
                          f"(a JSON object with \"manifest\": 1 and \"output\")")
    return header


def _object(line: bytes, fields: tuple[str, ...]) -> dict | None:
    """The JSON object on `line` when it has every one of `fields`, else None."""
    try:
        value = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    return value if isinstance(value, dict) and all(f in value for f in fields) else None


def _entries(path: str | Path) -> Iterator[dict]:
    """The entries of a manifest whose header has been read; RedactError at a line that is none."""
    with open(path, "rb") as lines:
        next(lines)
        for number, raw in enumerate(lines, 2):
            entry = _object(raw, ENTRY_FIELDS)
            if entry is None:
                raise RedactError(f"{path} is not a run manifest: its line {number} is not a "
                                  f"manifest entry (a JSON object with id, author and line)")
            yield entry


def searched_digests(key: bytes, member_id: str, header: dict) -> set[str]:
    """The digests `member_id` has in a manifest with `header`: its folded digest; for a manifest
    made before ids were folded, also the digest of the id as given."""
    folded = member_digest(key, member_id)
    if folded is None:
        raise RedactError(f"the member id {member_id!r} is blank: give the id as in the input")
    return {folded} if header.get("member_ids") == MEMBER_IDS else {folded, _digest(key, member_id)}


def find_member(key: bytes, member_id: str, manifests: Iterable[str | Path]) -> Iterator[dict]:
    """Every output line that holds the member's content (a record or a comment by them):
    {output, line, id} per line."""
    for path in manifests:
        header = read_header(path)
        digests = searched_digests(key, member_id, header)
        for entry in _entries(path):
            if entry["author"] in digests or digests.intersection(entry.get("comment_authors") or ()):
                yield {"output": header["output"], "line": entry["line"], "id": entry["id"]}


def check_key(key: bytes, manifests: Iterable[str | Path]) -> list[str]:
    """Raise WrongKey when a manifest was made with another key; return a warning for each manifest
    too old to carry a key fingerprint (its key cannot be checked, it is still searched) and for
    each made before member ids were folded (searched for the id as given and folded)."""
    fingerprint, warnings, wrong = key_fingerprint(key), [], []
    for path in manifests:
        header = read_header(path)
        made_with = header.get("key_fingerprint")
        if made_with is None:
            warnings.append(f"{path} records no key fingerprint (an older manifest): "
                            f"the key cannot be checked against it")
        elif made_with != fingerprint:
            wrong.append(f"{path} ({made_with})")
        if header.get("member_ids") != MEMBER_IDS:
            warnings.append(f"{path} was made before member ids were folded (an older manifest): "
                            f"searched for the id as given and folded; the member's records whose "
                            f"id was written otherwise (case, spaces, width) are not found in it")
    if wrong:
        raise WrongKey(f"the key given (fingerprint {fingerprint}) is not the one "
                       f"{', '.join(wrong)} was made with: pass that manifest's key")
    return warnings
