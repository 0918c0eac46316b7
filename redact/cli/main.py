"""Entry point of the `redact` command."""

from __future__ import annotations

import typer

from redact.cli import evaluate, members, profiles, review, run
from redact.cli.common import OneLineErrors

app = typer.Typer(
    help="Remove personal data from JSONL posts and messages, with a per-record report.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
    cls=OneLineErrors,
)
app.command("run")(run.run_command)
app.command("explain")(run.explain_command)
app.command("eval")(evaluate.eval_command)
app.command("forget")(members.forget_command)
app.add_typer(profiles.app, name="profiles")
app.add_typer(members.key_app, name="key")
app.add_typer(review.app, name="review")


def main() -> None:
    """Run the CLI."""
    app()


if __name__ == "__main__":
    main()
