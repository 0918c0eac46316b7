"""What the NER reads: long runs of symbols blanked but for their ends (spaCy's tokenizer is
quadratic on them), same length and offsets, everything else as it is."""

import pytest
from conftest import assert_no_backtracking_blow_up, redactor_for

from redact.tokenizable import RUN_KEEP, tokenizable

# Each of these, repeated with no white space, was quadratic in spaCy's tokenizer (20,000 `#` took
# about 40 s); `.`, `@` and `-` were not, and are blanked all the same.
SYMBOLS = ["#", "!", "_", "=", "$", "*", ",", "?", "…", "😀", "!?", ":)", "😀😂", "@", ".", "-"]


@pytest.mark.parametrize("text", [
    "", "Call Maria at +44 7700 900123", "#" * (2 * RUN_KEEP), "wow!!!!!!!! " * 50,
    "#maria " * 100, "a:b:c:" * 100, "ab" * 5000, "\u0301" * 10 + "x", "=" * 64 + "\n" + "=" * 64,
])
def test_text_without_long_runs_of_symbols_is_read_as_it_is(text):
    assert tokenizable(text) is text or tokenizable(text) == text


@pytest.mark.parametrize("symbols", SYMBOLS)
def test_a_long_run_keeps_its_ends_and_its_length(symbols):
    run = (symbols * 5000)[:5000]
    text = "Hi Maria " + run + "Lopez, bye"
    seen = tokenizable(text)
    assert len(seen) == len(text)
    start = len("Hi Maria ")
    assert seen[:start + RUN_KEEP] == text[:start + RUN_KEEP]
    assert seen[start + len(run) - RUN_KEEP:] == text[start + len(run) - RUN_KEEP:]
    assert set(seen[start + RUN_KEEP:start + len(run) - RUN_KEEP]) == {" "}


def test_the_ner_finds_the_same_entities_at_the_same_offsets_beside_a_long_run():
    engine = redactor_for("default").engine
    plain = "Yesterday Barack Obama met Angela Merkel in Berlin."
    text = "#" * 3000 + " " + plain
    [short], [long] = engine.artifacts([plain]), engine.artifacts([text])
    shift = 3001
    assert [(e.start_char + shift, e.end_char + shift, e.label_) for e in short.entities] == \
           [(e.start_char, e.end_char, e.label_) for e in long.entities]
    assert long.tokens[-1].idx == len(text) - 1  # the doc's offsets are the text's


@pytest.mark.parametrize("symbols", SYMBOLS)
def test_spacy_reads_a_window_of_one_symbol_run_in_linear_time(symbols):
    engine = redactor_for("default").engine
    text = (symbols * 20_000)[:20_000] + " Maria Lopez"
    assert_no_backtracking_blow_up(lambda: list(engine.artifacts([text])), f"a run of {symbols!r}")


@pytest.mark.slow
def test_a_record_with_long_runs_of_symbols_is_redacted_not_quarantined():
    # 30,000 `#` made a window of 20,000 that spaCy took about 40 s over: past the default 30 s
    # budget, the record was quarantined (time_budget).
    text = "#" * 30_000 + " mail ann@example.com " + "!" * 25_000
    out, report = redactor_for("default").redact_record({"id": "run", "text": text})
    assert report["status"] == "redacted"
    [email] = [f for f in report["fields"]["text"] if f["type"] == "EMAIL_ADDRESS"]
    assert (email["start"], email["end"]) == (30_006, 30_021)
    assert out["text"].startswith("#" * 30_000 + " mail ") and "ann@" not in out["text"]
