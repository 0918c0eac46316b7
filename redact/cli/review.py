"""`redact review sample` and `redact review score`: people judge a sample, the run gets a measured
residual-PII rate."""

from __future__ import annotations

import json
import os
from pathlib import Path

import typer

from redact.cli.common import setup_errors

EXIT_TARGET_MISSED = 4

app = typer.Typer(help="Sample a run for people to judge, and score their verdicts.",
                  no_args_is_help=True)


@app.command("sample")
def sample_command(
    report: Path = typer.Argument(..., exists=True, dir_okay=False,
                                  help="The run's report JSONL (--report of redact run)."),
    output: Path = typer.Option(..., "--output", exists=True, dir_okay=False,
                                help="The run's redacted JSONL (-o of redact run): the texts reviewers see."),
    input: Path | None = typer.Option(
        None, "--input", exists=True, dir_okay=False,
        help="The run's input JSONL: embeds the ORIGINAL text of the sampled records (behind a reveal "
             "button). The page then holds personal data: keep it where the input is kept."),
    n: int = typer.Option(200, "--n", min=1, help="How many records to sample."),
    strategy: str = typer.Option("risk", "--strategy", help="uniform, stratified (by rarest entity type and kind) "
                                                            "or risk (more weight where leaks hide)."),
    seed: int = typer.Option(0, "--seed", help="Random seed: the same seed draws the same sample."),
    directory: Path = typer.Option(Path("review"), "-o", "--dir", file_okay=False,
                                   help="Directory for index.html and sheet.jsonl."),
    profile: str = typer.Option("default", "--profile", "-p",
                                help="The run's profile: where ids and texts are, and the score thresholds."),
    tty: bool = typer.Option(False, "--tty", help="Also print the sampled records here, replacements in colour "
                                                  "(no colour when NO_COLOR is set)."),
) -> None:
    """Draw a reproducible sample of a run's written records and write a review page.

    Writes DIR/index.html (one self-contained file: open it from disk, judge with the keyboard,
    export verdicts.jsonl) and DIR/sheet.jsonl (each sampled record's inclusion probability and
    weight).

    Example: redact review sample posts.report.jsonl --output posts.redacted.jsonl --n 200 \\
             --strategy risk --seed 7 -o review/
    """
    from redact.profile import load_profile
    from redact.review.sample import STRATEGIES
    from redact.review.sheet import draw_review, write_review
    from redact.review.tty import render_tty

    if strategy not in STRATEGIES:
        raise typer.BadParameter(f"'{strategy}'; known: {', '.join(STRATEGIES)}", param_hint="--strategy")
    with setup_errors():
        loaded = load_profile(profile, check_model=False)
        review = draw_review(report, output, loaded, n, strategy, seed, input)
        page, sheet = write_review(review, directory, report)
    if tty:
        colour = "NO_COLOR" not in os.environ
        typer.echo(render_tty(review.draws, colour=colour), color=colour)  # --tty asks for colour
    typer.echo(f"{len(review.draws)} of {review.population} written records sampled ({strategy}, seed {seed})"
               f"\npage   {page}\nsheet  {sheet}", err=True)


@app.command("score")
def score_command(
    verdicts: Path = typer.Argument(..., exists=True, dir_okay=False,
                                    help="verdicts.jsonl exported from the review page."),
    sheet: Path = typer.Option(
        ..., "--sheet", exists=True, dir_okay=False,
        help="The review's sheet.jsonl: the sample the verdicts must belong to, and their weights."),
    target_leak: float = typer.Option(0.01, "--target-leak", min=0, max=1,
                                      help="Sign off only when the leak rate's upper bound is below this."),
    confidence: float = typer.Option(0.95, "--confidence", min=0.5, max=0.9999,
                                     help="Confidence level of the intervals."),
    json_file: Path | None = typer.Option(None, "--json", help="Also write every rate and interval here as JSON."),
) -> None:
    """Residual-leak and over-redaction rates of a judged sample, with confidence intervals,
    overall and per stratum and entity type. Exits 0 when every sampled record of the sheet is
    judged and the leak rate's upper bound is below --target-leak, 4 when not, 2 when a verdict
    is not of the sheet's sample.

    Example: redact review score review/verdicts.jsonl --sheet review/sheet.jsonl --target-leak 0.01 \\
             --confidence 0.95 --json review/score.json
    """
    from redact.review import stats
    from redact.review.verdicts import load_sheet, load_verdicts, unjudged

    with setup_errors():
        design = load_sheet(sheet)
        judged = load_verdicts(verdicts, design)
        card = stats.score(judged, confidence)
    missing = unjudged(judged, design)
    passed = stats.passes(card, target_leak) and not missing
    typer.echo(stats.format_scorecard(card, target_leak, missing, len(design.entries)))
    if json_file:
        facts = {"verdicts": str(verdicts), "sheet": str(sheet), "sample": design.sample,
                 "target_leak": target_leak, "passed": passed, "unjudged": missing, **card.as_dict()}
        json_file.write_text(json.dumps(facts, indent=2) + "\n")
    if not passed:
        raise typer.Exit(EXIT_TARGET_MISSED)
