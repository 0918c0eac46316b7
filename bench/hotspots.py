"""Where a `redact` run spends its time: cProfile over a library run, the model load left out.

    .venv/bin/python bench/hotspots.py --records 1000 --profile default

Prints the time spent inside each package (self time, so every second counts once) and the
functions with the largest cumulative and self times. cProfile slows pure-Python code more than
spaCy's compiled layers, so Python-side shares read somewhat high.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
from collections import Counter
from pathlib import Path

from synth import write_jsonl

# Package -> how its files are recognised in a profile's file names, first match wins.
PACKAGES = (
    ("thinc (spaCy's network)", ("/thinc/",)), ("spacy", ("/spacy/", "spacy/")),
    ("presidio_analyzer", ("/presidio_analyzer/",)), ("presidio_anonymizer", ("/presidio_anonymizer/",)),
    ("phonenumbers", ("/phonenumbers/",)), ("tldextract", ("/tldextract/", "/idna/")),
    ("recognizers (ours)", ("/recognizers/",)), ("redact", ("/redact/",)),
    ("numpy", ("/numpy/",)), ("regex / re", ("/re/", "/regex/", "sre_", "_sre")),
)


def package_of(filename: str, function: str) -> str:
    """The package a profiled function belongs to; built-ins by their name."""
    for package, marks in PACKAGES:
        if any(mark in filename for mark in marks):
            return package
    if filename == "~":
        return "regex / re" if "re.Pattern" in function or "_sre" in function else "builtins"
    return "other Python"


def self_time_by_package(stats: pstats.Stats) -> Counter:
    """Seconds of self time per package."""
    totals: Counter = Counter()
    for (filename, _, function), (_, _, self_time, _, _) in stats.stats.items():
        totals[package_of(filename, function)] += self_time
    return totals


def profile_run(profile: str, source: Path) -> pstats.Stats:
    """Profile one `redact.pipeline.run` over the file, the Redactor built beforehand."""
    from redact.pipeline import run
    from redact.redactor import Redactor

    redactor = Redactor.from_profile(profile)
    profiler = cProfile.Profile()
    with tempfile.TemporaryDirectory(prefix="redact-hotspots-") as out:
        profiler.enable()
        run(redactor, source, Path(out) / "out.jsonl", Path(out) / "report.jsonl")
        profiler.disable()
    return pstats.Stats(profiler)


def main(argv: list[str]) -> None:
    """Profile a run and print the breakdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--profile", default="default")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="redact-hotspots-") as tmp:
        source = write_jsonl(Path(tmp) / "records.jsonl", args.records, args.seed)
        stats = profile_run(args.profile, source)
    totals = self_time_by_package(stats)
    whole = sum(totals.values())
    print(f"self time by package, {args.records} records, profile {args.profile}: {whole:.2f} s")
    for package, seconds in totals.most_common():
        print(f"  {package:<26} {seconds:7.2f} s  {seconds / whole:6.1%}")
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main(sys.argv[1:])
