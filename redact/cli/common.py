"""What the command groups share: turning set-up errors into one line and an exit code."""

from __future__ import annotations

import contextlib
import sys

import typer

from redact.errors import ProfileError, RedactError

EXIT_SETUP = 2
EXIT_TOO_MANY_QUARANTINED = 3


@contextlib.contextmanager
def setup_errors():
    """Print a set-up error as it is (a ProfileError lists every problem) and exit 2."""
    try:
        yield
    except ProfileError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_SETUP) from None
    except RedactError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_SETUP) from None


def stderr_is_terminal() -> bool:
    """True when progress bars can be shown."""
    return sys.stderr.isatty()
