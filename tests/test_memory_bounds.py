"""Per-word helpers that once grew with the square of a word's length: a 6,000-letter word (easy
to reach once spaced letters and soft hyphens are joined) built every one-letter edit of itself,
2.4 GB, and the kernel killed the whole run. Memory is bounded by capping the address space of a
run in a subprocess (never by time)."""

import resource
import subprocess
import sys

import orjson
import pytest

from recognizers.lexicon import MISSPELT_MAX, load_lexicon, one_edit_from

# Address space for a whole run of the default profile: spaCy and the models take ~1 GB of it;
# the records below once needed more than 3 GB on top.
RUN_ADDRESS_SPACE = 2_500_000_000
LONG_WORDS = ["Maria\u00ad" * 2000, " ".join("Kishan" * 1000), "becaise" * 900]


def capped():
    """Caps the address space of the child process (run before it executes)."""
    resource.setrlimit(resource.RLIMIT_AS, (RUN_ADDRESS_SPACE, RUN_ADDRESS_SPACE))


@pytest.mark.slow
def test_records_of_one_long_word_are_written_with_bounded_memory(tmp_path):
    source, output = tmp_path / "long.jsonl", tmp_path / "out.jsonl"
    source.write_bytes(b"".join(orjson.dumps({"id": i, "text": text}) + b"\n" for i, text in enumerate(LONG_WORDS)))
    done = subprocess.run([sys.executable, "-m", "redact.cli.main", "run", str(source), "-o", str(output),
                           "--profile", "default", "--quiet", "--workers", "1"],
                          capture_output=True, text=True, preexec_fn=capped)
    assert done.returncode == 0, done.stderr
    written = [orjson.loads(line)["id"] for line in output.read_bytes().splitlines()]
    assert written == list(range(len(LONG_WORDS)))


def test_a_word_longer_than_any_english_word_is_one_edit_from_none():
    common = load_lexicon().common
    assert max(map(len, common)) < MISSPELT_MAX - 1  # the bound changes no answer
    assert one_edit_from("becaise", common)
    assert not one_edit_from("b" + "ecause" * 7, common | {"b" + "ecause" * 7 + "x"})
