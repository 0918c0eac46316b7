"""The run summary: what a run did, counted as it went, per stage too, and its accounting (read =
written + quarantined + dropped, checked at the end of every run)."""

from __future__ import annotations

from collections import Counter
from contextlib import suppress
from dataclasses import asdict, dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from redact.errors import AccountingError
from redact.profile import Profile
from redact.record import CLEAN, DROPPED, QUARANTINED, REDACTED
from redact.stages.write import Rendered

SUMMARY_PATHS = 200  # unlisted paths the summary (and the run's warning) names
MORE_PATHS = "... and more"  # the summary's count of records holding paths past those


@dataclass
class StageCount:
    """What one stage did, as datatrove counts a step: records that entered it live, left it live,
    were quarantined or dropped by it, and the findings its live records held when they left."""

    entered: int = 0
    left: int = 0
    quarantined: int = 0
    dropped: int = 0
    findings: int = 0

    def add(self, findings: int, stopped: str | None) -> None:
        """Count one record that entered the stage live (`stopped`: its status when the stage
        took it out of the stream, else None)."""
        self.entered += 1
        self.findings += findings
        if stopped == QUARANTINED:
            self.quarantined += 1
        elif stopped == DROPPED:
            self.dropped += 1
        else:
            self.left += 1

    def as_dict(self) -> dict[str, int]:
        """The counts as the summary writes them."""
        return {"in": self.entered, "out": self.left, "quarantined": self.quarantined,
                "dropped": self.dropped, "findings": self.findings}


@dataclass
class Summary:
    """What a run did, counted as it went."""

    profile: str
    profile_hash: str
    read: int = 0
    written: int = 0
    redacted: int = 0
    quarantined: Counter[str] = field(default_factory=Counter)
    dropped: Counter[str] = field(default_factory=Counter)
    findings: Counter[str] = field(default_factory=Counter)
    unlisted: Counter[str] = field(default_factory=Counter)  # records holding each unlisted path
    languages: Counter[str] = field(default_factory=Counter)  # identified fields by language
    uncovered: Counter[str] = field(default_factory=Counter)  # fields in uncovered languages
    seconds: float = 0.0  # of this run (a resumed run: since it resumed)
    resumed: int = 0  # lines a resumed run found done: not counted in its records per second
    workers: int = 1
    versions: dict[str, str] = field(default_factory=dict)
    key_fingerprint: str | None = None  # of the run's key, when it has one (never the key)
    opt_outs: int | None = None  # member ids the opt-out sources hold, when the run has any
    stages: dict[str, StageCount] = field(default_factory=dict)  # in the pipeline's order
    comments_dropped: Counter[str] = field(default_factory=Counter)  # comments consent removed, by reason

    def expect(self, stages: list[str]) -> None:
        """List the run's stages in order, so that a stage no record reached shows zeros."""
        for name in stages:
            self.stages.setdefault(name, StageCount())

    def count(self, rendered: Rendered) -> None:
        """Count one record that has been written to its place."""
        self.read += 1
        self._count_unlisted(rendered.unlisted)
        self.languages.update(rendered.languages)
        self.uncovered.update(rendered.uncovered)
        self.comments_dropped.update(rendered.comments_dropped)
        for stage, findings in rendered.trace:
            stopped = rendered.status if stage == rendered.stopped_by else None
            self.stages.setdefault(stage, StageCount()).add(findings, stopped)
        if rendered.status in (CLEAN, REDACTED):
            self.written += 1
            self.redacted += rendered.status == REDACTED
            self.findings.update(rendered.entity_types)
        elif rendered.status == QUARANTINED:
            self.quarantined[rendered.reason or ""] += 1
        elif rendered.status == DROPPED:
            self.dropped[rendered.reason or ""] += 1

    def counts(self) -> dict[str, Any]:
        """The counts so far, as a checkpoint records them."""
        return {"read": self.read, "written": self.written, "redacted": self.redacted,
                "quarantined": self.quarantined, "dropped": self.dropped,
                "findings": self.findings, "unlisted": self.unlisted,
                "languages": self.languages, "uncovered": self.uncovered,
                "comments_dropped": self.comments_dropped,
                "stages": {name: asdict(count) for name, count in self.stages.items()}}

    def restore(self, counts: dict[str, Any]) -> None:
        """Take the counts a checkpoint recorded (see `counts`)."""
        self.read, self.written, self.redacted = counts["read"], counts["written"], counts["redacted"]
        for name in ("quarantined", "dropped", "findings", "unlisted", "languages", "uncovered",
                     "comments_dropped"):
            setattr(self, name, Counter(counts.get(name, {})))
        self.stages = {name: StageCount(**count) for name, count in counts["stages"].items()}

    def _count_unlisted(self, paths: tuple[str, ...]) -> None:
        """Count the record's unlisted paths: the first SUMMARY_PATHS distinct ones by name, the
        records holding any other (or more than a report line lists) under MORE_PATHS."""
        more = False
        for path in paths:
            named = len(self.unlisted) - (MORE_PATHS in self.unlisted)
            if path in self.unlisted or (named < SUMMARY_PATHS and not path.startswith("... and ")):
                self.unlisted[path] += 1
            else:
                more = True
        if more:
            self.unlisted[MORE_PATHS] += 1

    def unlisted_fields(self) -> dict[str, int]:
        """Records holding each unlisted path, by path, then MORE_PATHS when there were more."""
        named = sorted((path, n) for path, n in self.unlisted.items() if path != MORE_PATHS)
        more = [(MORE_PATHS, self.unlisted[MORE_PATHS])] if MORE_PATHS in self.unlisted else []
        return dict(named + more)

    def check(self) -> None:
        """Raise AccountingError unless every line read ended in exactly one place."""
        total = self.written + sum(self.quarantined.values()) + sum(self.dropped.values())
        if total != self.read:
            raise AccountingError(f"read {self.read} lines but accounted for {total}")

    def as_dict(self) -> dict[str, Any]:
        """The summary as written by --summary."""
        key = {"key_fingerprint": self.key_fingerprint} if self.key_fingerprint else {}
        return {
            "profile": self.profile, "profile_hash": self.profile_hash, **key,
            **({"opt_outs_loaded": self.opt_outs} if self.opt_outs is not None else {}),
            "read": self.read, "written": self.written, "redacted": self.redacted,
            "quarantined": sum(self.quarantined.values()),
            "quarantined_by_reason": dict(sorted(self.quarantined.items())),
            "dropped": sum(self.dropped.values()),
            "dropped_by_reason": dict(sorted(self.dropped.items())),
            **({"comments_dropped": sum(self.comments_dropped.values()),
                "comments_dropped_by_reason": dict(sorted(self.comments_dropped.items()))}
               if self.comments_dropped else {}),
            "findings_by_type": dict(sorted(self.findings.items())),
            "unlisted_fields": self.unlisted_fields(),
            **({"fields_by_language": dict(sorted(self.languages.items())),
                "uncovered_by_language": dict(sorted(self.uncovered.items()))}
               if self.languages else {}),
            "stages": {name: count.as_dict() for name, count in self.stages.items()},
            "seconds": round(self.seconds, 3),
            "records_per_second": round((self.read - self.resumed) / self.seconds, 1) if self.seconds else None,
            "workers": self.workers,
            "versions": self.versions,
        }


def versions(profile: Profile) -> dict[str, str]:
    """Versions of everything that decides the output."""
    model = profile.nlp.model
    if model:
        with suppress(PackageNotFoundError):  # a model given as a path has no version
            model = f"{model} {version(model)}"
    return {
        "redact": version("redact"), "presidio_analyzer": version("presidio-analyzer"),
        "presidio_anonymizer": version("presidio-anonymizer"), "spacy": version("spacy"),
        "model": model or "none",
    }
