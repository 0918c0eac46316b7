"""`redact forget` on the ids consent folds alike, on old manifests, and on files that are none."""

import hashlib
import hmac
import json

import orjson
import pytest
from conftest import TEST_KEY
from typer.testing import CliRunner

from redact.cli.main import app
from redact.manifest import MEMBER_DOMAIN, member_digest

runner = CliRunner()
PROFILE = "tests/profiles/patterns.yaml"
AUTHORS = [" M3", "m3", "Ｍ3", "m4", "m33"]  # the first three are one member to consent


@pytest.fixture
def manifest(tmp_path, monkeypatch):
    """A run's manifest over one record per author in AUTHORS (lines 1-5 of the output)."""
    monkeypatch.setenv("REDACT_KEY", TEST_KEY.decode())
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"r{n}", "author_id": author, "text": "hi"}) + "\n"
                              for n, author in enumerate(AUTHORS, 1)))
    made = tmp_path / "man.jsonl"
    done = runner.invoke(app, ["run", str(source), "-o", str(tmp_path / "out.jsonl"), "--profile",
                               PROFILE, "--manifest", str(made), "--quiet", "--workers", "1"])
    assert done.exit_code == 0, done.output
    return made


def forget(member_id, *manifests):
    return runner.invoke(app, ["forget", member_id, *(a for m in manifests for a in ("--manifest", str(m)))])


@pytest.mark.parametrize("member_id", ["m3", " M3 ", "Ｍ3"])
def test_forget_finds_every_id_consent_folds_alike(manifest, tmp_path, member_id):
    done = forget(member_id, manifest)
    assert done.exit_code == 0, done.output
    assert done.stdout.splitlines() == [f"{tmp_path / 'out.jsonl'}:{n}\tr{n}" for n in (1, 2, 3)]
    assert done.stderr == "3 output line(s) hold this member's content\n"
    assert orjson.loads(manifest.read_bytes().splitlines()[0])["member_ids"] == "folded"


def test_the_manifest_digest_is_that_of_the_folded_id():
    assert member_digest(TEST_KEY, " M3") == member_digest(TEST_KEY, "m3") == member_digest(TEST_KEY, "Ｍ3")
    assert member_digest(TEST_KEY, 3) == member_digest(TEST_KEY, "3")
    assert member_digest(TEST_KEY, "m3") != member_digest(TEST_KEY, "m33")


def test_a_manifest_made_before_ids_were_folded_is_searched_for_the_id_as_given_too(manifest, tmp_path):
    """An old manifest holds digests of the ids unfolded: `forget m3` finds the line whose id was
    exactly m3; `forget " M3"` that one (the id folded) and the line whose id was exactly " M3";
    each with a warning."""
    lines = manifest.read_bytes().splitlines(keepends=True)
    header = orjson.loads(lines[0])
    del header["member_ids"]
    def unfolded(member_id):
        return hmac.new(TEST_KEY, MEMBER_DOMAIN + member_id.encode(), hashlib.sha256).hexdigest()[:32]

    entries = [orjson.loads(line) for line in lines[1:]]
    for entry, author in zip(entries, AUTHORS):
        entry["author"] = unfolded(author)
    old = tmp_path / "old.jsonl"
    old.write_bytes(b"".join(orjson.dumps(line) + b"\n" for line in [header, *entries]))
    for member_id, found in (("m3", [2]), (" M3", [1, 2])):
        done = forget(member_id, old)
        assert done.exit_code == 0, done.output
        assert done.stdout.splitlines() == [f"{tmp_path / 'out.jsonl'}:{n}\tr{n}" for n in found]
        assert f"warning: {old} was made before member ids were folded" in done.stderr
    assert forget("m3", manifest).stderr.count("warning") == 0


@pytest.mark.parametrize("content, says", [
    (None, "its first line is not a manifest header"),  # the run's output
    (b'{"manifest":1}\n', "its first line is not a manifest header"),
    (b"not json\n", "its first line is not a manifest header"),
    (b"", "its first line is not a manifest header"),
    (b'{"manifest":1,"output":"o.jsonl"}\n{"id":"r1"}\n', "its line 2 is not a manifest entry"),
    (b'{"manifest":1,"output":"o.jsonl"}\nnot json\n', "its line 2 is not a manifest entry"),
])
def test_forget_on_a_file_that_is_no_manifest_says_so_in_one_line(manifest, tmp_path, content, says):
    target = tmp_path / "out.jsonl"
    if content is not None:
        target = tmp_path / "other.jsonl"
        target.write_bytes(content)
    done = forget("m3", target)
    assert done.exit_code == 2, done.output
    errors = [line for line in done.stderr.splitlines() if not line.startswith("warning: ")]
    assert errors == [done.stderr.splitlines()[-1]] and done.stdout == ""
    assert errors[0].startswith(f"error: {target} is not a run manifest: {says}")
