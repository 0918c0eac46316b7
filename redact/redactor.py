"""`Redactor`: the library entry point that ingestion jobs call, a `Pipeline` with conveniences."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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
        """(redacted object or None when quarantined, report line) for each object, batched.

        When iterating `objects` raises, every object taken from it before is yielded first, then
        the exception is raised again, with a note saying how many that was: a batch already
        taken is never lost.
        """
        source = _Source(objects)
        records = (self.reader.fill_object(Record(line=number, raw=b""), obj) for number, obj in source)
        for record in self.process(records):
            out = redacted_object(record) if record.live else None
            yield out, report_line(record, self.profile.report)
        source.raise_failure()

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


class _Source:
    """The objects a program gives, numbered from 1; an exception while iterating them ends the
    iteration and is kept for `raise_failure`, so what was taken before can still be redacted."""

    def __init__(self, objects: Iterable[Any]):
        self.objects = objects
        self.taken = 0
        self.failure: Exception | None = None

    def __iter__(self) -> Iterator[tuple[int, Any]]:
        iterator = iter(self.objects)
        while True:
            try:
                obj = next(iterator)
            except StopIteration:
                return
            except Exception as exc:
                self.failure = exc
                return
            self.taken += 1
            yield self.taken, obj

    def raise_failure(self) -> None:
        """Raise the exception iterating the objects raised, if any, noting how many came before."""
        if self.failure is not None:
            self.failure.add_note(f"redact_records: the {self.taken} object(s) taken before it were "
                                  f"redacted and yielded")
            raise self.failure
