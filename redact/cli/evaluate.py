"""`redact eval`: score a profile on labelled (gold) text, optionally next to stock Presidio."""

from __future__ import annotations

import json
import os
from pathlib import Path

import typer

from redact.cli.common import setup_errors

EXIT_GATE_FAILED = 1


def eval_command(
    gold: Path = typer.Argument(..., exists=True, dir_okay=False,
                                help="Gold JSONL: {id, text, spans: [{start, end, label}]} a line."),
    profile: str = typer.Option("default", "--profile", "-p", help="Built-in profile name or YAML file."),
    baseline: str | None = typer.Option(
        None, "--baseline",
        help="Also score stock Presidio ('presidio') with the profile's spaCy model, in the same run."),
    json_file: Path | None = typer.Option(
        None, "--json", help="Write every metric (per label, confusion, leaks by id and offsets) here."),
    show_leaks: int = typer.Option(
        0, "--show-leaks", min=0,
        help="Print up to N leaked spans WITH THEIR TEXT: for labelled development data, not real data."),
    max_leak_rate: float | None = typer.Option(
        None, "--max-leak-rate", min=0, max=1, help="Exit 1 when the profile's leak_rate is above this (CI gate)."),
    max_over_redaction: float | None = typer.Option(
        None, "--max-over-redaction", min=0, max=1,
        help="Exit 1 when the profile's over_redaction is above this (CI gate)."),
    key_file: Path | None = typer.Option(
        None, "--key-file",
        help="Key for pseudonyms and digests (else $REDACT_KEY, else a random one: eval writes no text)."),
) -> None:
    """Measure how much labelled personal data a profile leaks and how much other text it removes.

    Only the `text` of each gold record is redacted; a quarantined record leaks all its spans.

    Example: redact eval gold.jsonl --profile default --baseline presidio --json metrics.json
    """
    from redact import evaluate
    from redact.operators import read_key
    from redact.profile import load_profile

    if baseline is not None and baseline not in evaluate.BASELINES:
        raise typer.BadParameter(f"'{baseline}'; known baselines: {', '.join(evaluate.BASELINES)}",
                                 param_hint="--baseline")
    with setup_errors():
        loaded = load_profile(profile)
        records = evaluate.load_gold(gold)
        key = read_key(key_file) or (os.urandom(32) if loaded.needs_key() else None)
        cards = [evaluate.evaluate_profile(loaded, records, key)]
        if baseline:
            cards.append(evaluate.evaluate_presidio(_baseline_model(loaded), records,
                                                    loaded.nlp.batch_size))
    typer.echo(evaluate.format_table(cards))
    if show_leaks:
        for card in cards:
            typer.echo(f"\n{card.system}: {len(card.leaks)} leaked span(s), up to {show_leaks} shown")
            typer.echo(evaluate.format_leaks(card, show_leaks))
    if json_file:
        facts = {"gold": str(gold), "records": len(records), "profile_hash": loaded.content_hash(),
                 "systems": [card.as_dict() for card in cards]}
        json_file.write_text(json.dumps(facts, indent=2) + "\n")
    failures = evaluate.gate_failures(cards[0], max_leak_rate, max_over_redaction)
    for failure in failures:
        typer.echo(f"error: {failure}", err=True)
    if failures:
        raise typer.Exit(EXIT_GATE_FAILED)


def _baseline_model(profile) -> str:
    if profile.nlp.model is None:
        raise typer.BadParameter("the profile runs no spaCy model (nlp.model is null), so there is "
                                 "no model to build the Presidio baseline with", param_hint="--baseline")
    return profile.nlp.model
