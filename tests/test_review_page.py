"""The review page and the terminal view: what they show, what they never hold, and escaping."""

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from redact.cli.main import app
from redact.review.page import highlight
from redact.review.tty import render_tty, visible

REVIEW = Path(__file__).parent / "review"
# Text that exists only in the input (each was redacted, quarantined or dropped), by input line.
ORIGINAL_ONLY = {1: "Maria Rossi", 3: "Zygmunt", 5: "jo@example.org", 7: "Bartholomew",
                 8: "DE89370400440532013000", 10: "Evangelina"}
NEVER = ["Xanthippe", "Wenceslas"]   # a quarantined and a dropped record's text
runner = CliRunner()


def sample(tmp_path, *extra, n=100, strategy="risk"):
    args = ["review", "sample", REVIEW / "report.jsonl", "--output", REVIEW / "output.jsonl",
            "--n", n, "--strategy", strategy, "--seed", 7, "-o", tmp_path / "review", *extra]
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "review" / "index.html").read_text()
    sheet = [json.loads(line) for line in (tmp_path / "review" / "sheet.jsonl").read_text().splitlines()]
    return page, sheet, result


def test_without_input_the_page_holds_no_original_text(tmp_path):
    page, sheet, _ = sample(tmp_path)
    assert len(sheet) == 8
    for text in [*ORIGINAL_ONLY.values(), *NEVER]:
        assert text not in page
    assert "<template" not in page and "reveal original</button>" not in page


def test_with_input_only_the_sampled_records_originals_are_embedded_behind_reveal(tmp_path):
    page, sheet, _ = sample(tmp_path, "--input", REVIEW / "input.jsonl", n=3, strategy="uniform")
    sampled = {entry["line"] for entry in sheet}
    assert len(sampled) == 3
    for line, text in ORIGINAL_ONLY.items():
        assert (text in page) == (line in sampled), line
    for text in NEVER:
        assert text not in page
    templates = re.findall(r'<template class="original">(.*?)</template>', page, re.S)
    assert len(templates) == 3
    outside = re.sub(r'<template class="original">.*?</template>', "", page, flags=re.S)
    assert not any(text in outside for text in ORIGINAL_ONLY.values())


@pytest.mark.parametrize("change, message", [
    (lambda lines: lines[1:] + lines[:1], "input.jsonl:1 holds id 'r02' where the report has 'r01' at input line 1"),
    (lambda lines: [line.replace('"r0', '"x0') for line in lines], "holds id 'x01' where the report has 'r01'"),
    (lambda lines: [line.replace('"id"', '"key"') for line in lines], "holds id None where the report has 'r01'"),
    (lambda lines: lines[:6], "input.jsonl ends before line 7, where the report has the record 'r07'"),
])
def test_an_input_whose_ids_do_not_match_the_report_is_refused(tmp_path, change, message):
    lines = (REVIEW / "input.jsonl").read_text().splitlines()
    wrong = tmp_path / "input.jsonl"
    wrong.write_text("\n".join(change(lines)) + "\n")
    args = ["review", "sample", REVIEW / "report.jsonl", "--output", REVIEW / "output.jsonl",
            "--input", wrong, "--n", 100, "-o", tmp_path / "review"]
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "review" / "index.html").exists()


@pytest.mark.parametrize("edit, message", [
    # The input of a rerun over edited texts: same ids, other characters outside the spans.
    (lambda line: line.replace("Nice weather", "Nice sunshine"),
     "input.jsonl:2 does not fit the report's record 'r02' (input line 2): field 'text' differs from the "
     "output outside the report's spans; is it the input of the same run?"),
    (lambda line: line.replace("Call Maria Rossi at", "Call Maria Rossi on"), "input.jsonl:1 does not fit"),
    (lambda line: line.replace('"text": "Thanks', '"body": "Thanks'),
     "input.jsonl:3 does not fit the report's record 'r03' (input line 3): the input record's text fields "
     "are not the output record's"),
])
def test_an_input_the_output_was_not_redacted_from_is_refused(tmp_path, edit, message):
    edited = [edit(line) for line in (REVIEW / "input.jsonl").read_text().splitlines()]
    (tmp_path / "input.jsonl").write_text("\n".join(edited) + "\n")
    args = ["review", "sample", REVIEW / "report.jsonl", "--output", REVIEW / "output.jsonl",
            "--input", tmp_path / "input.jsonl", "--n", 100, "-o", tmp_path / "review"]
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "review" / "index.html").exists()


def test_every_replacement_is_marked_with_its_finding(tmp_path):
    page, sheet, _ = sample(tmp_path)
    report = [json.loads(line) for line in (REVIEW / "report.jsonl").read_text().splitlines()]
    findings = sum(len(f) for line in report if line["status"] in ("clean", "redacted")
                   for f in line["fields"].values())
    assert page.count("<mark") == findings
    assert '<mark title="PERSON · score 0.85 · spacy_ner · replace">&lt;PERSON&gt;</mark>' in page
    assert '<mark class="propagated" title="PERSON · score 0.85 · propagated · replace">' in page
    assert all(entry["weight"] == pytest.approx(1 / entry["inclusion_probability"]) for entry in sheet)


def test_text_is_escaped_and_the_page_is_self_contained(tmp_path):
    page, _, _ = sample(tmp_path)
    assert "&lt;b&gt;now&lt;/b&gt;" in page and "<b>now</b>" not in page
    assert "Tomatoes &amp; &lt;cucumbers&gt;" in page
    for outside in ("http://", "https://", "src=", "<link", "@import", "url("):
        assert outside not in page
    assert page.count("<svg") == 3 and page.count("<script>") == 1


@pytest.mark.parametrize("text, spans, expected", [
    ("Hi <PERSON>!", [(3, 11)], 'Hi <mark title="T">&lt;PERSON&gt;</mark>!'),
    ("a<b>c", [], "a&lt;b&gt;c"),
    ("abcdef", [(0, 2), (1, 3)], '<mark title="T">ab</mark>cdef'),    # overlapping: the first wins
    ("abc", [(2, 9)], "abc"),                                         # out of range: left unmarked
    ("\"q\" & 'a'", [(0, 3)], '<mark title="T">&quot;q&quot;</mark> &amp; &#x27;a&#x27;'),
])
def test_highlight(text, spans, expected):
    findings = [{"type": "T", "out_start": s, "out_end": e} for s, e in spans]
    assert highlight(text, findings) == expected


def test_tty_colours_replacements_and_shows_control_characters(tmp_path):
    _, _, result = sample(tmp_path, "--tty")
    assert "\x1b[30;43m<PERSON>\x1b[0m" in result.stdout
    assert "#8 " in result.stdout and "Maria" not in result.stdout
    assert visible("a\x1b[31mred\x07") == "a\\x1b[31mred\\x07"


def test_tty_without_colour_brackets_replacements(tmp_path):
    from redact.profile import load_profile
    from redact.review.sheet import draw_review

    review = draw_review(REVIEW / "report.jsonl", REVIEW / "output.jsonl",
                         load_profile("default", check_model=False), 100, "uniform", 1)
    text = render_tty(review.draws, colour=False)
    assert "\x1b" not in text and "Call [[<PERSON>]] at [[<PHONE_NUMBER>]]" in text


def test_an_unknown_strategy_is_a_bad_parameter(tmp_path):
    result = runner.invoke(app, ["review", "sample", str(REVIEW / "report.jsonl"), "--output",
                                 str(REVIEW / "output.jsonl"), "--strategy", "vibes"])
    assert result.exit_code == 2 and "known: uniform, stratified, risk" in result.output


@pytest.mark.slow
def test_run_sample_score_end_to_end_on_the_samples(tmp_path):
    root = Path(__file__).parent.parent
    out, report = tmp_path / "out.jsonl", tmp_path / "rep.jsonl"
    ran = runner.invoke(app, ["run", str(root / "samples" / "posts.jsonl"), "-o", str(out), "--report",
                              str(report), "--profile", "default", "--workers", "1", "--quiet"])
    assert ran.exit_code == 0, ran.output
    sampled = runner.invoke(app, ["review", "sample", str(report), "--output", str(out), "--n", "15",
                                  "--strategy", "stratified", "--seed", "7", "-o", str(tmp_path / "review")])
    assert sampled.exit_code == 0, sampled.output
    sheet = [json.loads(line) for line in (tmp_path / "review" / "sheet.jsonl").read_text().splitlines()]
    assert len(sheet) == 15 and sum(e["weight"] for e in sheet) == pytest.approx(20)
    verdicts = tmp_path / "verdicts.jsonl"
    page = (tmp_path / "review" / "index.html").read_text()
    sample = page.split('data-sample="', 1)[1].split('"', 1)[0]
    verdicts.write_text("".join(json.dumps({**e, "verdict": "ok", "note": "", "sample": sample}) + "\n"
                                for e in sheet))
    sheet_option = ["--sheet", str(tmp_path / "review" / "sheet.jsonl")]
    scored = runner.invoke(app, ["review", "score", str(verdicts), "--target-leak", "0.5", *sheet_option])
    assert scored.exit_code == 0, scored.output
    assert runner.invoke(app, ["review", "score", str(verdicts), "--target-leak", "0.01", *sheet_option]).exit_code == 4
    verdicts.write_text("".join(verdicts.read_text().splitlines(keepends=True)[:-2]))
    partial = runner.invoke(app, ["review", "score", str(verdicts), "--target-leak", "0.5", *sheet_option])
    assert partial.exit_code == 4 and "FAIL: 2 of 15 sampled records have no verdict" in partial.stdout


@pytest.mark.slow
def test_an_output_with_numbers_beyond_a_double_can_be_reviewed(tmp_path):
    # The run writes 1E+400 as it read it (numbers verbatim); review reads the output and the input
    # with the run's own line parser, so it can sample what the run wrote.
    source, out, report = tmp_path / "inf.jsonl", tmp_path / "inf.out.jsonl", tmp_path / "inf.rep.jsonl"
    source.write_text('{"id":"r1","text":"Call Maria at +44 7700 900123","created_at":1E+400}\n')
    ran = runner.invoke(app, ["run", str(source), "-o", str(out), "--report", str(report),
                              "--profile", "fast", "--workers", "1", "--quiet"])
    assert ran.exit_code == 0, ran.output
    assert out.read_text().endswith('"created_at":1E+400}\n')
    sampled = runner.invoke(app, ["review", "sample", str(report), "--output", str(out), "--n", "2",
                                  "--profile", "fast", "--input", str(source), "-o", str(tmp_path / "rvi")])
    assert sampled.exit_code == 0, sampled.output
    sheet = [json.loads(line) for line in (tmp_path / "rvi" / "sheet.jsonl").read_text().splitlines()]
    assert [e["id"] for e in sheet] == ["r1"]
