"""From reviewers' verdicts to rates the run can be signed off on.

A verdict per sampled record: `ok`, `missed` (personal data left in the output) or `over`
(text removed that was not personal data). The residual-leak rate is the share of records judged
`missed`, the over-redaction rate the share judged `over`, each weighted by the record's design
weight (a Hajek proportion: sum of weights of flagged records / sum of weights) so a risk-weighted
or stratified sample still estimates the rate of the whole run.

Intervals are Wilson score intervals. With unequal weights the sample carries less information
than its size: the interval uses Kish's effective sample size n_eff = (sum w)^2 / sum w^2 (equal
weights give n_eff = n, the plain Wilson interval).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from statistics import NormalDist
from typing import Any

from redact.errors import RedactError

VERDICTS = ("ok", "missed", "over")


@dataclass(frozen=True)
class Verdict:
    """One reviewer's judgement of one sampled record."""

    id: str
    line: int
    verdict: str
    weight: float = 1.0
    stratum: str = ""
    types: tuple[str, ...] = ()
    note: str = ""


@dataclass
class Estimate:
    """A weighted rate with its Wilson interval."""

    rate: float
    low: float
    high: float
    judged: int
    flagged: int
    n_effective: float


@dataclass
class Scorecard:
    """Leak and over-redaction rates, overall and per stratum and entity type."""

    confidence: float
    leak: Estimate
    over: Estimate
    by_stratum: dict[str, dict[str, Estimate]] = field(default_factory=dict)
    by_type: dict[str, dict[str, Estimate]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """Everything, as plain JSON-ready values."""
        return asdict(self)


def z_value(confidence: float) -> float:
    """The two-sided standard normal quantile: 1.96 for 0.95."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, not {confidence}")
    return NormalDist().inv_cdf(1 - (1 - confidence) / 2)


def wilson(rate: float, n: float, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a proportion `rate` observed on `n` (possibly effective) trials."""
    if n <= 0:
        return 0.0, 1.0
    z2 = z_value(confidence) ** 2
    centre = (rate + z2 / (2 * n)) / (1 + z2 / n)
    half = math.sqrt(rate * (1 - rate) / n + z2 / (4 * n * n)) / (1 + z2 / n) * math.sqrt(z2)
    return max(0.0, centre - half), min(1.0, centre + half)


def kish_effective_size(weights: Iterable[float]) -> float:
    """Kish's effective sample size: (sum w)^2 / sum w^2."""
    weights = list(weights)
    squares = math.fsum(w * w for w in weights)
    return math.fsum(weights) ** 2 / squares if squares else 0.0


def weighted_rate(flags: list[bool], weights: list[float], confidence: float = 0.95) -> Estimate:
    """The Hajek proportion of flagged records, with a Wilson interval on the Kish effective size."""
    total = math.fsum(weights)
    rate = math.fsum(w for flag, w in zip(flags, weights) if flag) / total if total else 0.0
    n_eff = kish_effective_size(weights)
    low, high = wilson(rate, n_eff, confidence)
    return Estimate(rate=rate, low=low, high=high, judged=len(flags), flagged=sum(flags),
                    n_effective=n_eff)


def score(verdicts: list[Verdict], confidence: float = 0.95) -> Scorecard:
    """Leak and over-redaction rates of the verdicts, overall, per stratum and per entity type."""
    if not verdicts:
        raise RedactError("no verdicts to score: judge some records on the review page and export them")
    card = Scorecard(confidence, *_rates(verdicts, confidence))
    for stratum in sorted({v.stratum for v in verdicts}):
        card.by_stratum[stratum] = dict(zip(("leak", "over"), _rates(
            [v for v in verdicts if v.stratum == stratum], confidence)))
    for entity in sorted({t for v in verdicts for t in v.types}):
        card.by_type[entity] = dict(zip(("leak", "over"), _rates(
            [v for v in verdicts if entity in v.types], confidence)))
    return card


def _rates(verdicts: list[Verdict], confidence: float) -> tuple[Estimate, Estimate]:
    weights = [v.weight for v in verdicts]
    return (weighted_rate([v.verdict == "missed" for v in verdicts], weights, confidence),
            weighted_rate([v.verdict == "over" for v in verdicts], weights, confidence))


def format_scorecard(card: Scorecard, target: float, unjudged: int = 0, sampled: int = 0) -> str:
    """The scorecard as a table for a person, ending in one PASS or FAIL line: a sample with
    records left unjudged fails whatever its rates (skipped records bias them)."""
    pct = f"{card.confidence:.0%}"
    lines = [f"{'':<36} {'judged':>6} {'n_eff':>7} {'leak':>7} {pct + ' CI':>17} {'over':>7} {pct + ' CI':>17}",
             _row("all", card.leak, card.over)]
    lines += [_row(f"stratum {h}", e["leak"], e["over"]) for h, e in card.by_stratum.items()]
    lines += [_row(f"type {t}", e["leak"], e["over"]) for t, e in card.by_type.items()]
    if unjudged:
        lines.append(f"FAIL: {unjudged} of {sampled} sampled records have no verdict; judge every one "
                     f"(records skipped as hard to judge or long bias the rates)")
    else:
        verdict = "PASS" if passes(card, target) else "FAIL"
        lines.append(f"{verdict}: residual-leak upper bound {card.leak.high:.4f} "
                     f"{'<' if verdict == 'PASS' else '>='} target {target}")
    return "\n".join(lines)


def passes(card: Scorecard, target: float) -> bool:
    """True when the leak rate's upper confidence bound is below the target."""
    return card.leak.high < target


def _row(name: str, leak: Estimate, over: Estimate) -> str:
    return (f"{name[:36]:<36} {leak.judged:>6} {leak.n_effective:>7.1f} {leak.rate:>7.4f} "
            f"[{leak.low:.4f}, {leak.high:.4f}] {over.rate:>7.4f} [{over.low:.4f}, {over.high:.4f}]")
