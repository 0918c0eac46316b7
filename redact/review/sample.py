"""Draw a reproducible sample of written records, and know each one's inclusion probability.

Every strategy is a design whose inclusion probabilities are known exactly, so verdicts can be
weighted back to the whole run (Horvitz-Thompson totals, Hajek proportions):

- `uniform`: simple random sampling without replacement; every record has pi = n / N.
- `stratified`: a stratum per (record kind, rarest entity type found, or `clean`); every stratum
  gets at least one record and the rest is allocated in proportion to size; pi = n_h / N_h.
- `risk`: probability proportional to a risk score (randomised systematic PPS), so records where
  leaks are likelier are seen more often: scores near the threshold, rare types, propagated
  findings, long records, clean records (where misses hide). pi = n * risk / total risk, capped at 1.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import dataclass
from typing import Any

from redact.errors import RedactError
from redact.profile import Thresholds
from redact.review.population import ReviewRecord, RunFacts, rarity

STRATEGIES = ("uniform", "stratified", "risk")

# What makes a record worth a reviewer's look; each factor is in [0, 1] and adds this much to a
# base risk of 1, so no record's chance is ever zero.
RISK_WEIGHTS = {"near_threshold": 2.0, "rare_type": 1.5, "propagated": 1.5, "long": 1.0, "clean": 2.0}
# A score this close to its entity type's threshold counts as "near" (linearly less so further off).
NEAR_THRESHOLD = 0.15
PROPAGATED = "propagated"


@dataclass
class Draw:
    """One sampled record with its place in the design."""

    record: ReviewRecord
    stratum: str
    inclusion_probability: float
    risk: float | None = None

    @property
    def weight(self) -> float:
        """The design weight, 1 / inclusion probability: how many records of the run it stands for."""
        return 1.0 / self.inclusion_probability

    def sheet_line(self, strategy: str) -> dict[str, Any]:
        """The record's line in sheet.jsonl."""
        line = {"id": self.record.id, "line": self.record.line, "stratum": self.stratum,
                "kind": self.record.kind, "status": self.record.status, "types": self.record.types,
                "strategy": strategy, "inclusion_probability": self.inclusion_probability,
                "weight": self.weight}
        if self.risk is not None:
            line["risk"] = round(self.risk, 6)
        return line


def draw_sample(population: list[ReviewRecord], facts: RunFacts, n: int, strategy: str, seed: int,
                thresholds: Thresholds) -> list[Draw]:
    """A sample of (at most) n records in review order (shuffled), the same for the same seed."""
    if strategy not in STRATEGIES:
        raise RedactError(f"unknown strategy {strategy!r}; known: {', '.join(STRATEGIES)}")
    rng = random.Random(seed)
    strata = [stratum_of(r, facts) for r in population]
    if strategy == "uniform":
        draws = _uniform(population, strata, n, rng)
    elif strategy == "stratified":
        draws = _stratified(population, strata, n, rng)
    else:
        risks = [risk_of(r, facts, len(population), thresholds) for r in population]
        draws = _pps(population, strata, risks, n, rng)
    rng.shuffle(draws)
    return draws


def stratum_of(record: ReviewRecord, facts: RunFacts) -> str:
    """`kind/TYPE` (or `TYPE` without a kind): the rarest entity type found in the run, or `clean`."""
    types = record.types
    entity = min(types, key=lambda t: (facts.records_by_type[t], t)) if types else "clean"
    return f"{record.kind}/{entity}" if record.kind else entity


def risk_of(record: ReviewRecord, facts: RunFacts, population_size: int, thresholds: Thresholds) -> float:
    """The record's risk score: 1 plus the weighted factors of RISK_WEIGHTS."""
    factors = risk_factors(record, facts, population_size, thresholds)
    return 1.0 + sum(RISK_WEIGHTS[name] * value for name, value in factors.items())


def risk_factors(record: ReviewRecord, facts: RunFacts, population_size: int,
                 thresholds: Thresholds) -> dict[str, float]:
    """Each risk factor of a record, in [0, 1]."""
    findings = list(record.all_findings())
    near = [max(0.0, 1 - abs(f["score"] - thresholds.per_entity.get(f["type"], thresholds.default))
                / NEAR_THRESHOLD) for f in findings if isinstance(f.get("score"), (int, float))]
    rare = rarity(facts, population_size)
    return {
        "near_threshold": max(near, default=0.0),
        "rare_type": max((rare.get(t, 0.0) for t in record.types), default=0.0),
        "propagated": float(any(f.get("recognizer") == PROPAGATED for f in findings)),
        "long": record.chars / (record.chars + _median_chars(facts)),
        "clean": float(not findings),
    }


def _median_chars(facts: RunFacts) -> float:
    return facts.median_chars or 1.0


def _uniform(population, strata, n, rng) -> list[Draw]:
    size = len(population)
    take = min(n, size)
    return [Draw(population[i], strata[i], take / size) for i in sorted(rng.sample(range(size), take))]


def _stratified(population, strata, n, rng) -> list[Draw]:
    members: dict[str, list[int]] = {}
    for i, stratum in enumerate(strata):
        members.setdefault(stratum, []).append(i)
    sizes = {h: len(ix) for h, ix in sorted(members.items())}
    allocation = allocate(sizes, n)
    draws = []
    for stratum, size in sizes.items():
        chosen = rng.sample(members[stratum], allocation[stratum])
        draws += [Draw(population[i], stratum, allocation[stratum] / size) for i in sorted(chosen)]
    return draws


def allocate(sizes: dict[str, int], n: int) -> dict[str, int]:
    """Records to draw per stratum: at least one each, the rest in proportion to size (largest
    remainder), never more than a stratum holds."""
    total = sum(sizes.values())
    if n >= total:
        return dict(sizes)
    if n < len(sizes):
        raise RedactError(f"--n {n} is smaller than the {len(sizes)} strata; draw at least "
                          f"{len(sizes)} records or use --strategy risk")
    share = {h: n * size / total for h, size in sizes.items()}
    counts = {h: min(max(round(share[h]), 1), sizes[h]) for h in sizes}
    while sum(counts.values()) < n:
        h = max((h for h in sizes if counts[h] < sizes[h]), key=lambda h: (share[h] - counts[h], h))
        counts[h] += 1
    while sum(counts.values()) > n:
        h = min((h for h in sizes if counts[h] > 1), key=lambda h: (share[h] - counts[h], h))
        counts[h] -= 1
    return counts


def pps_probabilities(sizes: list[float], n: int) -> list[float]:
    """Inclusion probabilities proportional to size for a sample of n, capped at 1: records that
    would exceed 1 are taken for certain and the rest is shared among the others. They sum to n."""
    if n >= len(sizes):
        return [1.0] * len(sizes)
    certain: set[int] = set()
    while True:
        rest = [i for i in range(len(sizes)) if i not in certain]
        left = n - len(certain)
        total = math.fsum(sizes[i] for i in rest)
        over = {i for i in rest if left * sizes[i] >= total}
        if not over:
            probabilities = [1.0] * len(sizes)
            for i in rest:
                probabilities[i] = left * sizes[i] / total
            return probabilities
        certain |= over


def _pps(population, strata, risks, n, rng) -> list[Draw]:
    """Randomised systematic PPS: shuffle, lay the probabilities end to end on [0, n), and take the
    records under the points u, u+1, ..., u+n-1. Each record is taken with exactly its probability."""
    probabilities = pps_probabilities(risks, n)
    order = list(range(len(population)))
    rng.shuffle(order)
    start = rng.random()
    chosen, reached = [], 0.0
    for i in order:
        before, reached = reached, reached + probabilities[i]
        if math.ceil(reached - start - 1e-12) > math.ceil(before - start - 1e-12):
            chosen.append(i)
    return [Draw(population[i], strata[i], probabilities[i], risks[i]) for i in sorted(chosen)]


def stratum_sizes(population: list[ReviewRecord], facts: RunFacts) -> Counter:
    """How many written records each stratum holds."""
    return Counter(stratum_of(r, facts) for r in population)
