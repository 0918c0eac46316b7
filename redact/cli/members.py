"""`redact forget` and `redact key`: where a member's content went, and what a new key breaks."""

from __future__ import annotations

from pathlib import Path

import typer

from redact.cli.common import setup_errors

key_app = typer.Typer(help="The secret key behind pseudonyms, digests and manifests.", no_args_is_help=True)

ROTATION = """\
A new key breaks linkage with every output made with the old one, on purpose:
  - pseudonyms: the same person gets a different token (<PERSON_5f2a91> becomes another), so a
    new dataset cannot be joined to an old one on pseudonyms;
  - report digests and manifest author digests change too, so `redact forget` must be run with
    the key each manifest was made with (keep old keys as long as you keep their outputs).
    Manifests and run summaries record each key's fingerprint (a keyed digest, never the key):
    `redact forget` with another key than a manifest's says so and exits 2, and the fingerprint
    `redact key rotate --write` prints tells which key file made which output.
To rotate: write a new key with `redact key rotate --write FILE` (a new file, mode 600), point
REDACT_KEY or --key-file at it, and rebuild the datasets you will keep using. Never put a key in
a profile; it is never printed, logged or written to a report by redact.
"""


def forget_command(
    member_id: str = typer.Argument(..., help="The member id, as in the input's author field."),
    manifests: list[Path] = typer.Option(..., "--manifest", "-m", help="Run manifests to search (repeat the option)."),
    key_file: Path | None = typer.Option(None, "--key-file",
                                         help="The key the manifests were made with (else $REDACT_KEY)."),
) -> None:
    """List every output file and line holding a member's content; exit 1 if none.

    Example: redact forget m1042 --manifest out/posts.manifest.jsonl
    To rebuild without the member: redact run ... --opt-out optouts.txt
    """
    from redact.errors import RedactError
    from redact.manifest import check_key, find_member
    from redact.operators import read_key

    with setup_errors():
        key = read_key(key_file)
        if not key:
            raise RedactError("forget needs the key the manifests were made with ($REDACT_KEY or --key-file)")
        for warning in check_key(key, manifests):
            typer.echo(f"warning: {warning}", err=True)
        found = list(find_member(key, member_id, manifests))
    for hit in found:
        typer.echo(f"{hit['output']}:{hit['line']}\t{hit['id']}")
    typer.echo(f"{len(found)} output line(s) hold this member's content", err=True)
    if not found:
        raise typer.Exit(1)


@key_app.command("rotate")
def rotate_command(
    new_key_file: Path | None = typer.Option(None, "--write", help="Write a new random key to this file (mode 600)."),
) -> None:
    """Explain what a new key breaks, and optionally write a new random key.

    Example: redact key rotate --write keys/2026-12.key
    """
    import os
    import secrets

    from redact.errors import RedactError
    from redact.operators import key_fingerprint

    with setup_errors():
        if new_key_file and (new_key_file.exists() or new_key_file.is_symlink()):
            raise RedactError(f"--write {new_key_file}: the file exists; a key is never written over "
                              f"(outputs made with it need it): choose a new file name")
        typer.echo(ROTATION)
        if new_key_file:
            new_key_file.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(new_key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            key = secrets.token_hex(32)
            with os.fdopen(fd, "w") as out:
                out.write(key + "\n")
            typer.echo(f"new key written to {new_key_file} (fingerprint {key_fingerprint(key.encode())})")
