"""`Redactor`: the library entry point that ingestion jobs call, and the core the CLI runs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import count
from pathlib import Path
from typing import Any

from redact.engine import Engine, require_key
from redact.errors import Problem, ProfileError, RedactError
from redact.language import preload
from redact.operators import read_key
from redact.profile import Profile, load_profile
from redact.record import Finding, Record, TextField
from redact.report import report_line
from redact.stages.analyze import Analyze
from redact.stages.anonymize import Anonymize, redacted_object
from redact.stages.consent import Consent
from redact.stages.language import Identify
from redact.stages.read import Read
from redact.stages.resolve import Resolve


def check_setup(profile: Profile, key: bytes | None, opt_out_file: str | Path | None) -> None:
    """Raise the set-up errors a run can have beyond the profile itself, before any work starts."""
    require_key(profile, key)
    if opt_out_file is not None:
        if not (profile.consent and profile.consent.author_field):
            raise ProfileError(profile.name, [Problem(
                f"{profile.name}: consent.author_field", "--opt-out needs consent.author_field")])
        if not Path(opt_out_file).is_file():
            raise RedactError(f"--opt-out {opt_out_file}: no such file")


class Redactor:
    """Redacts records with one profile. Build it once per process: it loads the model.

    >>> r = Redactor.from_profile("default")
    >>> out, report = r.redact_record({"id": "p1", "text": "Call Maria at +44 7700 900123"})
    """

    def __init__(self, profile: Profile, key: bytes | None = None, opt_out_file: str | Path | None = None):
        check_setup(profile, key, opt_out_file)
        self.profile = profile
        self.opt_out_file = opt_out_file
        loading = preload() if profile.languages else None
        self.engine = Engine(profile, key)
        if loading is not None:
            loading.join()
        self.reader = Read(profile.record)
        self.stages = [Analyze(self.engine), Resolve(profile.propagate), Anonymize(self.engine)]
        if profile.languages:
            self.stages.insert(0, Identify(profile))
        self.consent = Consent(profile.consent, opt_out_file) if profile.consent else None

    @classmethod
    def from_profile(cls, spec: str | Path | dict | Profile, key: bytes | None = None,
                     key_file: str | Path | None = None,
                     opt_out_file: str | Path | None = None) -> Redactor:
        """A Redactor for a built-in profile name, a profile file, a dict or a Profile.

        The key for pseudonyms and digests is `key`, else read from `key_file`, else from the
        REDACT_KEY environment variable.
        """
        return cls(load_profile(spec), key or read_key(key_file), opt_out_file)

    def process(self, records: Iterator[Record], consent: bool = True) -> Iterator[Record]:
        """Run the consent (when the profile has rules), analyze, resolve and anonymize stages."""
        if consent and self.consent:
            records = self.consent.run(records)
        for stage in self.stages:
            records = stage.run(records)
        return records

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

    def explain(self, text: str) -> tuple[str, list[tuple[Finding, str]]]:
        """The redacted text and each finding with the text it matched, for one string."""
        record = Record(line=1, raw=b"", id="explain", fields=[TextField(path=("text",), text=text)])
        record = next(self.process(iter([record]), consent=False))
        if not record.live:
            raise RuntimeError(f"could not analyse the text: {record.detail}")
        text_field = record.fields[0]
        return text_field.redacted, [(f, text[f.start:f.end]) for f in text_field.findings]
