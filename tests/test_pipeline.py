"""Whole runs through the library: accounting, order, fail-closed output, and reports."""

import gzip
import json
from pathlib import Path

import orjson
import pytest

from redact.pipeline import run

MALFORMED = Path(__file__).parent / "malformed"
MIXED_WRITTEN_IDS = ["g1", "g2", "g3", "g5", "g6", "g7", "g8", 123456789012345678901234567890, "g9"]
PII = ["maria.rossi@example.com", "ines.roy@example.com", "john.doe@example.com", "anna.berg@example.com",
       "leak@example.com", "4111 1111 1111 1111", "John Smith", "TCK-1234"]

pytestmark = pytest.mark.slow


def run_mixed(spine, tmp_path, source=MALFORMED / "mixed.jsonl"):
    paths = {k: tmp_path / f"{k}.jsonl" for k in ("out", "report", "quarantine")}
    summary = run(spine, source, paths["out"], paths["report"], paths["quarantine"])
    return summary, {k: p.read_bytes().splitlines() for k, p in paths.items()}


def test_a_malformed_file_runs_to_the_end_with_every_line_accounted_for(spine, tmp_path):
    summary, files = run_mixed(spine, tmp_path)
    expected = [json.loads(x) for x in (MALFORMED / "mixed.expected.jsonl").read_text().splitlines()]
    report = [orjson.loads(x) for x in files["report"]]
    assert [(r["line"], r["status"], r.get("reason")) for r in report] == \
        [(e["line"], e["status"], e["reason"]) for e in expected]
    quarantined = [e for e in expected if e["status"] == "quarantined"]
    assert [orjson.loads(x)["line"] for x in files["quarantine"]] == [e["line"] for e in quarantined]
    assert summary.read == len(expected)
    assert summary.written == len(files["out"]) == len(expected) - len(quarantined)
    assert sum(summary.quarantined.values()) == len(quarantined)


def test_output_keeps_input_order_and_holds_no_unprocessed_field(spine, tmp_path):
    _, files = run_mixed(spine, tmp_path)
    out = [json.loads(x) for x in files["out"]]
    assert [o["id"] for o in out] == MIXED_WRITTEN_IDS
    text = b"\n".join(files["out"]).decode()
    for value in PII:
        assert value not in text
    assert out[3]["extra"] == {"keep": [1, 2]}  # a kept field passes through unchanged
    assert out[2]["comments"][0]["text"].endswith("TCK-####")  # mask, 4 chars from the end


def test_reports_hold_offsets_and_never_the_matched_text(spine, tmp_path):
    _, files = run_mixed(spine, tmp_path)
    report = b"\n".join(files["report"]).decode()
    for value in PII + ["maria", "Maria", "Smith"]:
        assert value not in report
    first = orjson.loads(files["report"][0])
    (finding,) = first["fields"]["text"]
    assert set(finding) == {"type", "start", "end", "out_start", "out_end", "score", "recognizer", "operator"}
    assert (finding["type"], finding["start"], finding["end"]) == ("EMAIL_ADDRESS", 13, 36)
    out = orjson.loads(files["out"][0])["text"]
    assert out[finding["out_start"]:finding["out_end"]] == "<EMAIL_ADDRESS>"


def test_gzip_input_and_output(spine, tmp_path):
    source = tmp_path / "in.jsonl.gz"
    source.write_bytes(gzip.compress((MALFORMED / "mixed.jsonl").read_bytes()))
    out = tmp_path / "out.jsonl.gz"
    summary = run(spine, source, out)
    assert len(gzip.decompress(out.read_bytes()).splitlines()) == summary.written == len(MIXED_WRITTEN_IDS)


def test_the_library_call_matches_the_run(spine):
    out, report = spine.redact_record({"id": "p1", "text": "Mail john.doe@example.com", "kind": 3})
    assert out == {"id": "p1", "text": "Mail <EMAIL_ADDRESS>", "kind": 3}
    assert report["status"] == "redacted" and report["fields"]["text"][0]["type"] == "EMAIL_ADDRESS"
    results = list(spine.redact_records([{"id": "a", "text": "hi"}, {"text": "no id"}, {"id": "c"}]))
    assert [o for o, _ in results] == [{"id": "a", "text": "hi"}, None, None]
    assert [r.get("reason") for _, r in results] == [None, "missing_id", "no_text_fields"]


def test_a_failing_recognizer_quarantines_its_records_and_the_run_goes_on(spine, tmp_path, monkeypatch):
    recognizer = spine.engine.analyzer.registry.recognizers[0]
    real = recognizer.analyze

    def flaky(text, entities, nlp_artifacts=None):
        if "maria" in text:
            raise ValueError("boom")
        return real(text, entities, nlp_artifacts)

    monkeypatch.setattr(recognizer, "analyze", flaky)
    summary, files = run_mixed(spine, tmp_path)
    assert summary.quarantined["analysis_failed"] == 1
    assert b"maria" not in b"".join(files["out"])
    assert summary.read == summary.written + sum(summary.quarantined.values())


def test_an_interrupted_run_leaves_no_file_that_looks_finished(spine, tmp_path, monkeypatch):
    from redact.stages import write

    calls = {"n": 0}
    real = write.Sinks.write

    def interrupted(self, rendered, *more):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        real(self, rendered, *more)

    monkeypatch.setattr(write.Sinks, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run(spine, MALFORMED / "mixed.jsonl", tmp_path / "out.jsonl", tmp_path / "report.jsonl")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl.partial", "report.jsonl.partial"]


def test_zstd_input_and_output(spine, tmp_path):
    import zstandard

    source = tmp_path / "in.data"  # told by its magic bytes, not its name
    source.write_bytes(zstandard.ZstdCompressor().compress((MALFORMED / "mixed.jsonl").read_bytes()))
    out = tmp_path / "out.jsonl.zst"
    summary = run(spine, source, out)
    text = zstandard.ZstdDecompressor().stream_reader(out.read_bytes()).read()
    assert len(text.splitlines()) == summary.written == len(MIXED_WRITTEN_IDS)


def test_ten_thousand_lines_a_third_malformed_run_to_the_end(tmp_path):
    """The issue's acceptance case: 10,000 lines, a third broken in varied ways."""
    import random

    from redact.profile import load_profile

    rng = random.Random(5)
    broken = [b"{not json", b"", b"\xff\xfe\xfd", b"[1, 2, 3]", b'"text"', b'{"text": "no id"}',
              b'{"id": null, "text": "x"}', b'{"id": "b", "text": 42}', b'{"id": "b", "comments": [{"text": {}}]}',
              b'{"id": true}', b'{"id": "b", "text": ["ok", 1]}', b'{"id": "b", "text": "unterminated']
    lines, good = [], 0
    for i in range(10_000):
        if i % 3 == 0:
            lines.append(rng.choice(broken))
        else:
            good += 1
            lines.append(orjson.dumps({"id": f"r{i}", "text": f"write to user{i}@example.com or not",
                                        "comments": [{"text": "card 4111 1111 1111 1111 expires soon"}]}))
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    profile = load_profile(str(Path(__file__).parent / "profiles" / "patterns.yaml"))
    summary = run(profile, source, tmp_path / "out.jsonl", tmp_path / "report.jsonl", tmp_path / "q.jsonl")
    assert (summary.read, summary.written, sum(summary.quarantined.values())) == (10_000, good, 10_000 - good)
    assert len(summary.quarantined) >= 5  # varied reasons
    written = [orjson.loads(line) for line in (tmp_path / "out.jsonl").read_bytes().splitlines()]
    texts = [w["text"] for w in written] + [c["text"] for w in written for c in w["comments"]]
    assert len(written) == good
    assert not [t for t in texts if "@example.com" in t or "4111" in t]


def test_a_run_keeps_the_engine_out_of_the_collector_and_gives_it_back(spine, tmp_path, monkeypatch):
    import gc

    import redact.pipeline as pipeline

    frozen_while_redacting = []
    real = pipeline.redact_chunk

    def spy(redactor, chunk):
        frozen_while_redacting.append(gc.get_freeze_count())
        return real(redactor, chunk)

    monkeypatch.setattr(pipeline, "redact_chunk", spy)
    run_mixed(spine, tmp_path)
    assert frozen_while_redacting and min(frozen_while_redacting) > 0
    assert gc.get_freeze_count() == 0

    def broken(redactor, chunk):
        assert gc.get_freeze_count() > 0
        raise RuntimeError("a bug")

    monkeypatch.setattr(pipeline, "redact_chunk", broken)
    with pytest.raises(RuntimeError, match="a bug"):  # and after a run that fails
        run_mixed(spine, tmp_path)
    assert gc.get_freeze_count() == 0
