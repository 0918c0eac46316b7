"""The run manifest, and `forget`: where did a member's content go?

A manifest has a header line (profile, profile hash, versions, output file) and then one line per
output record: its id, its author's member id as a keyed digest, and its line in the output. With
the same key, `find_member()` lists every output line holding a member's content, across the
manifests of many runs, without the manifests ever holding a member id in clear.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Iterator
from pathlib import Path

import orjson

MEMBER_DOMAIN = b"redact-member-v1\x00"


def member_digest(key: bytes, member_id: str) -> str:
    """HMAC-SHA256 of a member id, in its own domain so it never equals a pseudonym's digest."""
    return hmac.new(key, MEMBER_DOMAIN + member_id.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


class Manifest:
    """Writes a run's manifest (under a .partial name until the run is complete)."""

    def __init__(self, path: str | Path, output: str | Path, summary):
        self.path = Path(path)
        self.partial = self.path.with_name(self.path.name + ".partial")
        self.file = open(self.partial, "wb")
        self.output = str(output)
        self.line = 0
        header = {"manifest": 1, "output": self.output, "profile": summary.profile,
                  "profile_hash": summary.profile_hash, "versions": summary.versions}
        self.file.write(orjson.dumps(header) + b"\n")

    def add(self, rendered) -> None:
        """Note one record; only records written to the output get an entry."""
        if rendered.output is None:
            return
        self.line += 1
        entry = {"id": rendered.id, "author": rendered.author_digest, "line": self.line}
        self.file.write(orjson.dumps(entry) + b"\n")

    def close(self, complete: bool) -> None:
        """Close, and give the file its name when the run is complete."""
        self.file.close()
        if complete:
            self.partial.replace(self.path)


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
