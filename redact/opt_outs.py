"""Opt-out lists: member ids, one per line in a UTF-8 file, or a column of a SQLite table.

Consent fails closed, so a list that cannot be read as bare ids is refused whole, before the first
record: an entry such as `m6,`, `"m7"` or `m8<TAB>note` (a CSV or spreadsheet export) would never
match the member's id, and that member's records would be written. Nothing is guessed or stripped
beyond what every consent value loses (see `redact.normalize.fold`: hidden characters, case,
surrounding white space).
"""

from __future__ import annotations

import codecs
import sqlite3
from pathlib import Path

from redact.errors import RedactError
from redact.normalize import fold

# What no member id holds and exports put around or between values: white space, CSV and other
# separators, quotes. Looked for in the folded entry (white space runs are one space there).
NOT_IN_AN_ID = frozenset(" ,;|\"'`")
SHOWN_LINES = 5  # offending line numbers a message names
IDENTIFIER = r"^[A-Za-z_][A-Za-z0-9_]*$"  # a SQLite table or column the profile may name


class BadOptOuts(RedactError):
    """An opt-out source that cannot be read as member ids."""


def read_ids(path: str | Path, label: str) -> set[str]:
    """The folded member ids of an opt-out file (blank lines skipped). Raises BadOptOuts, one line
    naming the file as `label` and what is wrong, for a file that is not UTF-8 text or holds an
    entry that is not a bare id (naming the first such lines)."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        number = data.count(b"\n", 0, exc.start) + 1
        utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        where = "a UTF-16 file" if utf16 else f"line {number}"
        raise BadOptOuts(f"{label} {path}: not UTF-8 text ({where}); save it as UTF-8, one "
                         f"member id per line") from None
    ids, bad = set(), []
    for number, line in enumerate(text.split("\n"), 1):
        folded = fold(line)
        if folded and NOT_IN_AN_ID.isdisjoint(folded):
            ids.add(folded)
        elif folded:
            bad.append(number)
    if bad:
        raise BadOptOuts(f"{label} {path}: {_lines(bad)} (white space, a comma, semicolon, | or "
                         f"quote in it); give one id per line, nothing else")
    return ids


def _lines(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:SHOWN_LINES]))
    more = f" and {len(numbers) - SHOWN_LINES} more" if len(numbers) > SHOWN_LINES else ""
    if len(numbers) == 1:
        return f"line {shown} is not a bare member id"
    return f"lines {shown}{more} are not bare member ids"


def sqlite_problem(path: str, table: str, column: str) -> str | None:
    """Why the SQLite opt-out column cannot be read (no such file, table or column, not a
    database), or None when it can."""
    try:
        connection = _read_only(path)
        try:
            connection.execute(f"SELECT {column} FROM {table} LIMIT 0")
        finally:
            connection.close()
    except sqlite3.Error as exc:
        return f"cannot read {table}.{column} from {path} ({exc})"
    return None


def _read_only(path: str) -> sqlite3.Connection:
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True)
