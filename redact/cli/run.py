"""`redact run` and `redact explain`."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import typer

from redact.cli.common import EXIT_TOO_MANY_QUARANTINED, setup_errors, stderr_is_terminal

EXIT_INTERRUPTED = 130  # typer's own code for Ctrl-C, kept


def run_command(
    input: str = typer.Argument(
        ..., help="JSONL file (plain, gzip or zstd, told by its first bytes), a Parquet file (.parquet or its "
                  "magic bytes), or - for stdin."),
    output: str = typer.Option(
        "-", "--output", "-o",
        help="Redacted JSONL; - for stdout; .gz or .zst to compress; .parquet for Parquet (the input's schema)."),
    profile: str = typer.Option("default", "--profile", "-p", help="Built-in profile name or YAML file."),
    report: str | None = typer.Option(None, "--report", "-r", help="Per-record report JSONL."),
    quarantine: str | None = typer.Option(
        None, "--quarantine", "-q",
        help="Where unusable lines go (default: OUTPUT.quarantine.jsonl, or ./redact.quarantine.jsonl with stdout)."),
    summary: Path | None = typer.Option(
        None, "--summary", help="Also write the run summary as JSON here (its directory must exist)."),
    key_file: Path | None = typer.Option(
        None, "--key-file", help="Secret key for pseudonyms and digests (else $REDACT_KEY)."),
    max_quarantined: int | None = typer.Option(
        None, "--max-quarantined", min=0, help="Exit with code 3 when more lines than this are quarantined."),
    progress: bool | None = typer.Option(
        None, "--progress/--no-progress", help="Progress bar on stderr (default: when stderr is a terminal)."),
    quiet: bool = typer.Option(False, "--quiet", help="No progress bar and no summary on stderr."),
    manifest: Path | None = typer.Option(
        None, "--manifest", help="Write a manifest: each output record's id, keyed author digest and line "
                                 "(needs the key and record.author_field)."),
    opt_out: Path | None = typer.Option(
        None, "--opt-out",
        help="Member ids to drop (one bare id per line, UTF-8), on top of the profile's consent rules."),
    resume: bool = typer.Option(
        False, "--resume", help="Go on from the checkpoint a killed or interrupted run left (same input, profile, "
                                "key and files; .gz is fine, .zst and stdout are not)."),
    workers: int = typer.Option(
        os.cpu_count() or 1, "--workers", "-w", min=1,
        help="Worker processes, each loading the model once; output is identical for any number."),
) -> None:
    """Redact a JSONL or Parquet file with a profile.

    Example: redact run posts.jsonl -o posts.redacted.jsonl --report posts.report.jsonl --profile default
    Example: redact run posts.parquet -o posts.redacted.parquet --report posts.report.jsonl
    """
    from redact.checkpoint import checkpoint_path
    from redact.operators import read_key
    from redact.pipeline import run
    from redact.profile import load_profile

    with interrupted(output), setup_errors():
        resolved = load_profile(profile)
        key = read_key(key_file)
        # Said once the run is under way (after its checks), so that a refused run prints one line.
        fresh = resume and str(output) != "-" and not checkpoint_path(output).exists()
        show_progress = not quiet and (progress if progress is not None else stderr_is_terminal())
        result = run(resolved, input, output, report, quarantine or default_quarantine(output),
                     progress=show_progress, workers=workers, key=key,
                     opt_out_file=opt_out, manifest=manifest, resume=resume, summary_file=summary)
    facts = result.as_dict()
    if fresh:
        typer.echo(f"resume: no checkpoint beside {output} (its run finished or never started): "
                   "started from the first line", err=True)
    if not quiet:
        typer.echo(format_summary(facts), err=True)
    if facts["unlisted_fields"]:
        typer.echo(unlisted_warning(facts, resolved.record.unlisted), err=True)
    uncovered = facts.get("uncovered_by_language", {})
    if uncovered and resolved.languages and resolved.languages.uncovered == "patterns_only":
        typer.echo(uncovered_warning(uncovered), err=True)
    unknown = facts["dropped_by_reason"].get("consent_unknown", 0)
    if unknown:
        typer.echo(consent_unknown_warning(unknown, facts["read"], resolved.consent), err=True)
    if max_quarantined is not None and facts["quarantined"] > max_quarantined:
        typer.echo(f"error: {facts['quarantined']} lines quarantined, more than --max-quarantined "
                   f"{max_quarantined}", err=True)
        raise typer.Exit(EXIT_TOO_MANY_QUARANTINED)


def uncovered_warning(uncovered: dict[str, int]) -> str:
    """One line for the text fields in languages the profile does not cover, written under
    `languages.uncovered: patterns_only` with their names found by patterns only (no NER, no name
    rules), and the option that quarantines them instead."""
    fields = sum(uncovered.values())
    return (f"WARNING: {fields} text field{'s' if fields != 1 else ''} in languages the profile does not "
            f"cover ({_by(uncovered)}) written with names found by patterns only (a run inside "
            "another language's text: by that language's rules); languages.uncovered: quarantine "
            "quarantines their records")


def consent_unknown_warning(unknown: int, read: int, consent) -> str:
    """The WARNING for records consent could not judge, with what makes a record so (a field missing
    or unreadable; while kinds are excluded, a kind `consent.kinds` does not name) and what to do."""
    why = "a field the consent rules read (consent.*_field) was missing or unreadable"
    if consent.exclude_kinds:
        why += (f", or the kind was none of consent.kinds ({', '.join(consent.kinds)}), the kind aliases "
                "or the excluded kinds: list the data's own kinds in consent.kinds to keep them")
    most = " (most of them: check the profile's consent section)" if unknown > read / 2 else ""
    return f"WARNING: {unknown} of {read} records dropped as consent_unknown{most}: {why}"


@contextlib.contextmanager
def interrupted(output: str):
    """Ctrl-C (SIGINT) during a run: one line saying where its files are, and exit 130."""
    try:
        yield
    except KeyboardInterrupt:
        again = ("stdout cannot be resumed: run it again" if output == "-" else
                 "run again with --resume to go on")
        typer.echo(f"interrupted: the run's files are left as .partial; {again}", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None


UNLISTED_OUTCOME = {"analyze": "analysed as text (numbers quarantined as unlisted_number, keys not "
                               "shaped like field names as unlisted_key)",
                    "drop": "dropped from the output", "quarantine": "quarantined as unlisted_field"}


KEYS_ONLY_OUTCOME = ("quarantined as unlisted_key (keys that are not field names, shown as <key>: "
                     "name the objects holding them in record.drop_fields, or set record.unlisted: drop)")


def unlisted_warning(facts: dict, policy: str) -> str:
    """One line naming the paths the profile does not name (schema drift, usually)."""
    from redact.errors import UNLISTED_FIELD, UNLISTED_KEY
    from redact.fields import HIDDEN_KEY

    paths = facts["unlisted_fields"]
    outcome = UNLISTED_OUTCOME[policy]
    if policy == "analyze" and all(HIDDEN_KEY in path for path in paths if not path.startswith("... ")):
        outcome = KEYS_ONLY_OUTCOME  # every such record was quarantined: nothing was analysed
    reasons = {reason: n for reason, n in facts.get("quarantined_by_reason", {}).items()
               if reason in (UNLISTED_FIELD, UNLISTED_KEY)}
    if policy == "quarantine" and reasons:  # a key that is no field name is unlisted_key here too
        outcome = f"quarantined ({_by(reasons)})"
    return (f"WARNING: fields the profile does not name, in records: {_by(paths)}; they were "
            f"{outcome} by record.unlisted: {policy}; name each in record.text_fields, "
            f"keep_fields, identifier_fields or drop_fields")


def default_quarantine(output: str) -> str:
    """The quarantine file next to the output: posts.redacted.jsonl -> posts.redacted.quarantine.jsonl."""
    if output == "-":
        return "redact.quarantine.jsonl"
    name = Path(output).name
    for suffix in (".jsonl.gz", ".jsonl", ".gz", ".parquet"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return str(Path(output).with_name(f"{name}.quarantine.jsonl"))


def format_summary(facts: dict) -> str:
    """The run summary as a few lines for a person."""
    lines = [
        f"profile     {facts['profile']} ({facts['profile_hash']})",
        f"read        {facts['read']}",
        f"written     {facts['written']} ({facts['redacted']} redacted)",
        f"quarantined {facts['quarantined']} {_by(facts['quarantined_by_reason'])}",
        f"dropped     {facts['dropped']} {_by(facts['dropped_by_reason'])}",
        f"check       read {facts['read']} = written {facts['written']} + quarantined "
        f"{facts['quarantined']} + dropped {facts['dropped']}",
        f"findings    {_by(facts['findings_by_type']) or '-'}",
        f"unlisted    {_by(facts['unlisted_fields']) or '-'}",
        f"speed       {facts['records_per_second']} records/s in {facts['seconds']} s",
        f"versions    {', '.join(f'{k} {v}' for k, v in facts['versions'].items())}",
    ]
    if facts.get("comments_dropped"):
        lines.append(f"comments    {facts['comments_dropped']} removed by consent "
                     f"({_by(facts['comments_dropped_by_reason'])})")
    if facts.get("key_fingerprint"):
        lines.append(f"key         fingerprint {facts['key_fingerprint']}")
    if "opt_outs_loaded" in facts:
        lines.append(f"opt-outs    {facts['opt_outs_loaded']} member ids loaded")
    return "\n".join(lines)


def _by(counts: dict) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items())


def explain_command(
    text: str = typer.Argument(..., help="The text to analyse."),
    profile: str = typer.Option("default", "--profile", "-p", help="Built-in profile name or YAML file."),
    key_file: Path | None = typer.Option(None, "--key-file", help="Secret key, when the profile needs one."),
) -> None:
    """Show what a profile finds in one text, and the text it would write: each finding's span,
    type, score, recognizer (with a rule's kind of evidence: `person_context_v1 (greeting_known)`)
    and operator. Prints the matched text: use it on examples, not on data.

    Example: redact explain "Call Maria at +44 7700 900123" --profile default
    """
    from redact.redactor import Redactor

    with setup_errors():
        redactor = Redactor.from_profile(profile, key_file=key_file)
        redacted, findings = redactor.explain(text)
    for finding, matched in findings:
        rule = f"{finding.recognizer} ({finding.evidence})" if finding.evidence else finding.recognizer
        typer.echo(f"{finding.start:>5}-{finding.end:<5} {finding.entity_type:<16} {finding.score:.2f}  "
                   f"{rule:<40} {finding.operator:<10} {matched!r}")
    if not findings:
        typer.echo("no findings")
    typer.echo(f"-> {redacted}")
