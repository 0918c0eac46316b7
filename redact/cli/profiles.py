"""`redact profiles`: list, show, validate and describe profiles."""

from __future__ import annotations

import json

import typer

from redact.cli.common import EXIT_SETUP

app = typer.Typer(help="Built-in and user profiles.", no_args_is_help=True)


@app.command("list")
def list_command() -> None:
    """List the built-in profiles with their descriptions.

    Example: redact profiles list
    """
    import yaml

    from redact.profile import builtin_profiles, profile_source

    for name in builtin_profiles():
        raw = yaml.safe_load(profile_source(name).read_text(encoding="utf-8")) or {}
        first_line = str(raw.get("description", "")).strip().splitlines()[0] if raw.get("description") else ""
        typer.echo(f"{name:<12} {first_line}")


@app.command("show")
def show_command(name: str = typer.Argument(..., help="Built-in profile name or YAML file.")) -> None:
    """Print a profile resolved in full (its `extends` merged in and left out, every default
    made explicit): the output loads on its own, wherever it is saved.

    Example: redact profiles show messages
    """
    import yaml

    from redact.cli.common import setup_errors
    from redact.profile import load_profile

    with setup_errors():
        profile = load_profile(name)
    # `extends` is left out: its parents are merged in already, and a relative path in it would
    # name another file (or none) from wherever the output is saved.
    resolved = profile.model_dump(mode="json", exclude={"extends"})
    typer.echo(yaml.safe_dump(resolved, sort_keys=False, allow_unicode=True))


@app.command("validate")
def validate_command(files: list[str] = typer.Argument(..., help="Profile names or YAML files.")) -> None:
    """Validate profiles; print every problem of each, exit 2 if any is invalid.

    Example: redact profiles validate configs/*.yaml
    """
    from redact.errors import ProfileError
    from redact.profile import load_profile

    failed = False
    for spec in files:
        try:
            profile = load_profile(spec)
        except ProfileError as exc:
            failed = True
            typer.echo(str(exc), err=True)
        else:
            typer.echo(f"ok  {spec} ({profile.name}, {profile.content_hash()})")
    if failed:
        raise typer.Exit(EXIT_SETUP)


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of a profile.

    Example: redact profiles schema > profile.schema.json
    """
    from redact.profile import Profile

    typer.echo(json.dumps(Profile.model_json_schema(), indent=2))
