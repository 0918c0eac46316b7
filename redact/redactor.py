"""`Redactor`: the library entry point that ingestion jobs call, a `Pipeline` with conveniences."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import count
from pathlib import Path
from typing import Any

from redact.errors import NotAnalysed
from redact.operators import read_key
from redact.pipeline import Pipeline
from redact.profile import Profile, load_profile
from redact.record import Finding, Record, TextField
from redact.report import report_line
from redact.stages.anonymize import redacted_object
from redact.stages.consent import Consent


class Redactor(Pipeline):
    """Redacts records with one profile. Build it once per process: it loads the model.

    >>> r = Redactor.from_profile("default")
    >>> out, report = r.redact_record({"id": "p1", "text": "Call Maria at +44 7700 900123"})
    """

    @classmethod
    def from_profile(cls, spec: str | Path | dict | Profile, key: bytes | None = None,
                     key_file: str | Path | None = None,
                     opt_out_file: str | Path | None = None) -> Redactor:
        """A Redactor for a built-in profile name, a profile file, a dict or a Profile.

        The key for pseudonyms and digests is `key`, else read from `key_file`, else from the
        REDACT_KEY environment variable.
        """
        return cls(load_profile(spec), key or read_key(key_file), opt_out_file)

    def redact_records(self, objects: Iterable[Any]) -> Iterator[tuple[dict | None, dict]]:
        """(redacted object or None when quarantined, report line) for each object, batched."""
        numbers = count(1)
        records = (self.reader.fill_object(Record(line=next(numbers), raw=b""), obj) for obj in objects)
        for record in self.process(records):
            out = redacted_object(record) if record.live else None
            yield out, report_line(record, self.profile.report)

    def redact_record(self, obj: Any) -> tuple[dict | None, dict]:
        """Redact one object; see redact_records."""
        return next(self.redact_records([obj]))

    def explain(self, text: str) -> tuple[str | None, list[tuple[Finding, str]]]:
        """The redacted text and each finding with the text it matched, for one string (consent,
        which reads a record's other fields, is left out). Raises NotAnalysed when the profile
        quarantines or drops the text (a language it does not cover, the time budget)."""
        record = Record(line=1, raw=b"", id="explain", fields=[TextField(path=("text",), text=text)])
        record = next(self.process(iter([record]), skip=(Consent,)))
        if not record.live:
            why = f"{record.reason} ({record.detail})" if record.detail else str(record.reason)
            raise NotAnalysed(f"could not analyse the text: {why}")
        text_field = record.fields[0]
        return text_field.redacted, [(f, text[f.start:f.end]) for f in text_field.findings]
