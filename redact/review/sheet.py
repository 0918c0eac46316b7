"""Draw a sample from a run and write the review: index.html and sheet.jsonl.

sheet.jsonl has one line per sampled record, in review order: id, input line, stratum, kind,
status, entity types, strategy, inclusion probability and design weight (1 / probability).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import orjson

from redact.errors import RedactError
from redact.profile import Profile
from redact.review.page import render_page
from redact.review.population import RunFacts, attach_texts, load_population
from redact.review.sample import Draw, draw_sample
from redact.review.verdicts import sample_id


@dataclass
class Review:
    """A drawn sample, with what the page and the sheet need."""

    draws: list[Draw]
    facts: RunFacts
    population: int
    strategy: str
    seed: int

    def sheet_lines(self) -> list[bytes]:
        """sheet.jsonl, line by line."""
        return [orjson.dumps(d.sheet_line(self.strategy)) for d in self.draws]

    @property
    def sample_id(self) -> str:
        """A short digest of the sheet: names the sample in the page's saved verdicts."""
        return sample_id(self.sheet_lines())


def draw_review(report: Path, output: Path, profile: Profile, n: int, strategy: str, seed: int,
                input: Path | None = None) -> Review:
    """Sample n written records of a run and read their texts (and originals, given `input`)."""
    population, facts = load_population(report, output, profile)
    if not population:
        raise RedactError(f"{report} reports no written record: nothing to review")
    draws = draw_sample(population, facts, n, strategy, seed, profile.thresholds)
    attach_texts([d.record for d in draws], output, profile, input)
    return Review(draws, facts, len(population), strategy, seed)


def write_review(review: Review, directory: Path, report: Path) -> tuple[Path, Path]:
    """Write index.html and sheet.jsonl into the directory; returns their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    sheet, page = directory / "sheet.jsonl", directory / "index.html"
    sheet.write_bytes(b"".join(line + b"\n" for line in review.sheet_lines()))
    design = {"report": report.name, "population": review.population, "strategy": review.strategy,
              "seed": review.seed}
    page.write_text(render_page(review.draws, review.facts, design, review.sample_id), encoding="utf-8")
    return page, sheet
