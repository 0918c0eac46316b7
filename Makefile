# Everything installs from this repo's own files: requirements.lock (pinned, hashed) and the package.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT := out

.PHONY: install browser demo test test-fast lint lock bench model clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# pip 23.2 (what python3.11's venv brings) rejects a hashed lock whose packages ask for extras
	# (weasel -> smart-open[http]); 23.3 fixed it.
	$(BIN)/python -m pip install --quiet 'pip==25.3'
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: install
	@mkdir -p $(OUT)
	$(BIN)/redact run samples/posts.jsonl -o $(OUT)/posts.redacted.jsonl --report $(OUT)/posts.report.jsonl --summary $(OUT)/posts.summary.json --profile default
	@echo "--- first redacted posts ($(OUT)/posts.redacted.jsonl):"
	@head -n 5 $(OUT)/posts.redacted.jsonl

test: install browser
	$(BIN)/python -m pytest -q

# The review page's browser test drives Debian's chromium through chromedriver (as root in CI).
browser:
	command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		(apt-get update && apt-get install -y --no-install-recommends chromium chromium-driver)

# ruff (style, import order) and mypy (types); .ci/run runs it before the tests.
lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow"

# Throughput, start-up and memory against stock Presidio and bare spaCy; rewrites BENCHMARKS.md
# (~15 min). Not part of `make test`. Options: make bench BENCH_ARGS="--records 500 --repeats 1".
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Retrain the learned name tagger (person_model_v1) from recognizers/person/model.yaml: reads the
# training sections in ../shared/eval/raw (or $$REDACT_EVAL_DIR), ~1-2 min on 2 cores, deterministic;
# rewrites recognizers/person/data/person_model.{crfsuite,json}. Not part of demo or test.
model: install
	$(BIN)/python -m recognizers.person.train

# Re-pin after changing dependencies in pyproject.toml. The lock holds the test, spark, parquet and
# hf extras, so that `make test` runs the Spark, Parquet and datasets tests too.
lock: install
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --no-emit-index-url --no-emit-find-links \
		--extra test --extra spark --extra parquet --extra hf --extra lint --strip-extras -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
