"""The analyze stage: windows over long texts, and the per-record time budget."""

import pytest

from redact.stages.analyze import windows


@pytest.mark.parametrize("length, size, overlap", [(10, 100, 10), (1000, 100, 20), (5000, 700, 150), (333, 100, 0)])
def test_windows_cover_the_text_and_overlap(length, size, overlap):
    text = " ".join(f"w{i:03d}" for i in range(length))[:length]
    pieces = windows(text, size, overlap)
    covered = set()
    for offset, piece in pieces:
        assert text[offset:offset + len(piece)] == piece and len(piece) <= size
        covered.update(range(offset, offset + len(piece)))
    assert covered == set(range(len(text)))
    for (a, pa), (b, _) in zip(pieces, pieces[1:]):
        assert a < b and a + len(pa) - b >= min(overlap, 5) - 5  # neighbours share about `overlap`


def test_a_text_without_spaces_is_still_cut():
    pieces = windows("x" * 1000, 300, 50)
    assert pieces[0] == (0, "x" * 300) and pieces[-1][0] + len(pieces[-1][1]) == 1000


@pytest.mark.slow
def test_an_entity_on_a_window_boundary_is_found_whole(spine):
    filler = "lorem ipsum " * 2000  # 24,000 characters: two windows of 20,000
    for cut in (19_980, 19_995, 20_000):
        text = filler[:cut] + " write to grace.hopper@example.com today " + filler
        out, report = spine.redact_record({"id": "long", "text": text})
        assert "grace.hopper" not in out["text"] and "<EMAIL_ADDRESS>" in out["text"]
        emails = [f for f in report["fields"]["text"] if f["type"] == "EMAIL_ADDRESS"]
        assert len(emails) == 1  # found in both windows, reported once


@pytest.mark.slow
def test_a_record_over_its_time_budget_is_quarantined_not_passed_through(spine, monkeypatch):
    from redact import budget

    clock = iter(range(0, 10_000, 40))  # every call to the clock advances 40 s
    monkeypatch.setattr(budget.time, "thread_time", lambda: next(clock))
    out, report = spine.redact_record({"id": "slow", "text": "mail ann@example.com"})
    assert out is None and report["status"] == "quarantined" and report["reason"] == "time_budget"
