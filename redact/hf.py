"""`redact_dataset`: redact a Hugging Face `datasets.Dataset` the way `redact run` redacts JSONL.

Each row becomes the JSON object `redact run` would read from a JSONL line (as redact.parquet
makes it) and goes through the reader, stages and renderer of the CLI's own code path
(`redact.pipeline.redact_chunk`), a batch at a time in `Dataset.map(batched=True)`. It comes back with every string
taken from the redacted object, `redact_report` (the report line, JSON) and `redact_status`. A
quarantined or dropped row keeps only its kept columns (the id and `record.keep_fields`); every
other column is None: no path writes a value that was not analysed and anonymised.

Each process builds one Pipeline per profile and key, on first use, in its own cache
(`Pipelines.of_this_process()`), as the Spark workers do: `map` pickles the batch function and its
job for its worker processes, so only the process's cache outlives a batch.
The program opens no socket: nothing here loads a dataset; pass one that is already built.
`pip install 'redact[hf]'`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from redact.engine import require_key
from redact.errors import RedactError
from redact.operators import read_key
from redact.parquet import binary_columns, merged_row, row_json
from redact.pipeline import Pipeline, Pipelines, redact_chunk
from redact.profile import Profile, load_profile

if TYPE_CHECKING:
    from datasets import Dataset

REPORT_COLUMN = "redact_report"
STATUS_COLUMN = "redact_status"
BATCH_ROWS = 256


def redact_dataset(ds: Dataset, profile: str | Path | dict | Profile, key: bytes | str | None = None,
                   num_proc: int | None = None, batch_size: int = BATCH_ROWS) -> Dataset:
    """The dataset with its text columns redacted, plus `redact_report` and `redact_status`
    (`clean`, `redacted`, `quarantined` or `dropped`).

    The key is `key`, else REDACT_KEY. Rows are numbered from 1 in the reports' `line`, as the
    lines of the same rows written as JSONL would be.

    >>> out = redact_dataset(posts, "training", key=b"...", num_proc=4)
    >>> out.filter(lambda row: row["redact_status"] in ("clean", "redacted"))
    """
    resolved = load_profile(profile)
    key = key.encode() if isinstance(key, str) else key or read_key()
    require_key(resolved, key)
    binary = binary_columns(ds.data.schema)
    if binary:
        raise RedactError(f"redact_dataset: column(s) {', '.join(binary)} hold bytes, which redact "
                          f"cannot analyse; drop them or cast them to strings first")
    clashes = {REPORT_COLUMN, STATUS_COLUMN} & set(ds.column_names)
    if clashes:
        raise RedactError(f"redact_dataset: the dataset already has column(s) {sorted(clashes)}")
    job = {"profile": resolved.model_dump(mode="json"), "hash": resolved.content_hash(),
           "key": key if resolved.needs_key() else None,
           "kept_columns": kept_columns(resolved)}
    return ds.map(_redact_batch, batched=True, batch_size=batch_size, with_indices=True,
                  num_proc=num_proc, fn_kwargs={"job": job}, load_from_cache_file=False,
                  desc="redact")


def kept_columns(profile: Profile) -> list[str]:
    """The columns a quarantined or dropped row keeps: those the profile keeps whole (the id and
    top-level `record.keep_fields`), when they hold a scalar. Every other value may hold text
    nobody analysed."""
    spec = profile.record
    return sorted(path for path in (spec.id_field, *spec.keep_fields) if "." not in path)


def _kept_whole(name: str, value: Any, job: dict) -> bool:
    """True for a kept column's scalar: a kept struct or list may hold strings, which are analysed
    (not kept) and so never come back from a quarantined or dropped row."""
    return name in job["kept_columns"] and not isinstance(value, (dict, list))


def _pipeline(job: dict) -> Pipeline:
    """This process's Pipeline for the job's profile and key: `map` calls the batch function many
    times (and, with num_proc, in other processes), each must not load the model again."""
    return Pipelines.of_this_process().get(job["profile"], job["hash"], job["key"])


def _redact_batch(batch: dict[str, list], indices: list[int], job: dict) -> dict[str, list]:
    """One batch (columns of values) redacted, with its report and status columns."""
    names = list(batch)
    rows = [dict(zip(names, values, strict=True)) for values in zip(*batch.values(), strict=True)]
    chunk = [(index + 1, row_json(row)) for index, row in zip(indices, rows, strict=True)]
    rendered = redact_chunk(_pipeline(job), chunk)
    if len(rendered) != len(rows):  # never pair a row with another row's redaction
        raise RuntimeError(f"{len(rendered)} records came back for {len(rows)} rows")
    out: dict[str, list[Any]] = {name: [] for name in names}
    for row, result in zip(rows, rendered, strict=True):
        redacted = orjson.loads(result.output) if result.output is not None else None
        new = merged_row(row, redacted) if redacted is not None else \
            {name: value if _kept_whole(name, value, job) else None for name, value in row.items()}
        for name in names:
            out[name].append(new[name])
    out[REPORT_COLUMN] = [r.report.rstrip(b"\n").decode("utf-8") for r in rendered]
    out[STATUS_COLUMN] = [r.status for r in rendered]
    return out
