"""What the command groups share: every set-up or I/O error becomes one line and an exit code."""

from __future__ import annotations

import contextlib
import errno
import os
import sys

import typer
from typer._click import exceptions as click_exceptions
from typer.core import TyperGroup

from redact.errors import RedactError, RunFailed

EXIT_SETUP = 2
EXIT_TOO_MANY_QUARANTINED = 3
EXIT_IO = 5
# What a device says when it fails, rather than a path that is wrong: an I/O failure, not set-up.
DEVICE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG})


def one_line(exc: RedactError | OSError) -> tuple[str, int]:
    """The message and exit code of an error the CLI reports: a file that failed a run (a damaged
    input, a full disk) exits 5, every other set-up error (a bad profile, a missing file) 2."""
    if isinstance(exc, RunFailed):
        return str(exc), EXIT_IO
    if isinstance(exc, RedactError):
        return str(exc), EXIT_SETUP
    where = " -> ".join(str(name) for name in (exc.filename, exc.filename2) if name is not None)
    message = f"{where}: {exc.strerror}" if where and exc.strerror else str(exc)
    return message, EXIT_IO if exc.errno in DEVICE_ERRNOS else EXIT_SETUP


def exit_with(exc: RedactError | OSError) -> typer.Exit:
    """Print the error as one line (a ProfileError lists every problem) and give the Exit."""
    message, code = one_line(exc)
    typer.echo(f"error: {message}", err=True)
    _forget_unwritable_stdout()
    return typer.Exit(code)


@contextlib.contextmanager
def setup_errors():
    """Turn a set-up or I/O error raised inside into its one line and exit code."""
    try:
        yield
    except (RedactError, OSError) as exc:
        if isinstance(exc, OSError) and exc.errno == errno.EPIPE:
            raise  # typer's own quiet exit for a closed pipe
        raise exit_with(exc) from None


@contextlib.contextmanager
def one_line_usage_errors():
    """A usage error (an unknown option, a bad value, a missing file typer checks) as one line and
    its exit code (2), as every other failure, instead of typer's framed box. The classes are
    those of the copy of click typer runs on (`typer._click`), which are not click's own."""
    try:
        yield
    except click_exceptions.NoArgsIsHelpError:
        raise  # `redact` or `redact profiles` alone: the help, as before
    except click_exceptions.ClickException as exc:
        ctx = getattr(exc, "ctx", None)
        see = f" (see {ctx.command_path} --help)" if ctx is not None else ""
        typer.echo(f"error: {exc.format_message()}{see}", err=True)
        raise typer.Exit(exc.exit_code) from None


class OneLineErrors(TyperGroup):
    """The root command group: an error any command lets out is one line, never a traceback
    (usage errors included). Ctrl-C keeps typer's exit code 130."""

    def make_context(self, *args, **kwargs):
        """Parse the root's own options, a usage error as one line."""
        with one_line_usage_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx):
        """Run the command, with setup_errors() and one_line_usage_errors() around it."""
        with one_line_usage_errors(), setup_errors():
            return super().invoke(ctx)


def _forget_unwritable_stdout() -> None:
    """When stdout cannot take what is buffered for it (a full disk, a closed pipe), point it at
    /dev/null, so that Python's flush at exit adds no second message."""
    try:
        sys.stdout.flush()
    except OSError:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def stderr_is_terminal() -> bool:
    """True when progress bars can be shown."""
    return sys.stderr.isatty()
