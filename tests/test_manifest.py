"""Manifests and `redact forget`: every line of a member's content is found across runs."""

import json

import pytest
from conftest import TEST_KEY
from typer.testing import CliRunner

from redact.cli.main import app
from redact.operators import key_fingerprint

pytestmark = pytest.mark.slow
runner = CliRunner()


def write_run_input(path, start):
    with open(path, "w") as f:
        for i in range(start, start + 30):
            author = "m-target" if i % 7 == 0 else f"m{i % 5}"
            f.write(json.dumps({"id": f"r{i}", "author_id": author, "text": f"post {i}"}) + "\n")
        f.write("not json\n")  # quarantined lines are in no manifest


def test_forget_finds_every_line_of_a_member_in_a_multi_file_run(spine_profile, tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text(f"name: p\nextends: {spine_profile}\nrecord: {{author_field: author_id}}\n")
    key = tmp_path / "key"
    key.write_bytes(TEST_KEY)
    manifests, expected = [], []
    for part, start in (("a", 0), ("b", 30)):
        src, out, man = (tmp_path / f"{part}.jsonl", tmp_path / f"{part}.out.jsonl",
                         tmp_path / f"{part}.manifest.jsonl")
        write_run_input(src, start)
        done = runner.invoke(app, ["run", str(src), "-o", str(out), "--profile", str(profile),
                                   "--key-file", str(key), "--manifest", str(man), "--workers", "1"])
        assert done.exit_code == 0, done.output
        manifests += ["--manifest", str(man)]
        for n, line in enumerate(out.read_text().splitlines(), 1):
            if json.loads(line)["id"] in {f"r{i}" for i in range(60) if i % 7 == 0}:
                expected.append(f"{out}:{n}\t{json.loads(line)['id']}")
        assert "m-target" not in man.read_text()  # digests only
    found = runner.invoke(app, ["forget", "m-target", *manifests, "--key-file", str(key)])
    assert found.exit_code == 0, found.output
    assert found.stdout.splitlines() == expected and len(expected) == 9
    assert all(json.loads(open(m).readline())["key_fingerprint"] == key_fingerprint(TEST_KEY)
               for m in manifests[1::2])
    assert_wrong_key_is_refused(tmp_path, manifests)
    assert_old_manifests_are_searched_with_a_warning(tmp_path, manifests, key, expected)


def assert_wrong_key_is_refused(tmp_path, manifests):
    wrong_key = tmp_path / "other"
    wrong_key.write_bytes(b"another key, long enough")
    done = runner.invoke(app, ["forget", "m-target", *manifests, "--key-file", str(wrong_key)])
    assert done.exit_code == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and f"is not the one {manifests[1]} (" in done.stderr
    assert "output line(s)" not in done.stderr  # not mistaken for a true zero


def assert_old_manifests_are_searched_with_a_warning(tmp_path, manifests, key, expected):
    old = tmp_path / "old.manifest.jsonl"
    lines = open(manifests[1]).read().splitlines(keepends=True)
    header = json.loads(lines[0])
    del header["key_fingerprint"]
    old.write_text(json.dumps(header) + "\n" + "".join(lines[1:]))
    done = runner.invoke(app, ["forget", "m-target", "--manifest", str(old), "--key-file", str(key)])
    assert done.exit_code == 0, done.output
    assert done.stdout.splitlines() == [e for e in expected if e.startswith(f"{header['output']}:")]
    assert f"warning: {old} records no key fingerprint" in done.stderr and done.stdout


def test_a_manifest_without_a_key_is_a_setup_error(spine_profile, tmp_path, monkeypatch):
    monkeypatch.delenv("REDACT_KEY", raising=False)
    done = runner.invoke(app, ["run", "-", "--profile", spine_profile, "--manifest", str(tmp_path / "m")], input=b"")
    assert done.exit_code == 2 and "--manifest needs the secret key" in done.stderr


def test_key_rotate_explains_and_writes_a_private_key(tmp_path):
    done = runner.invoke(app, ["key", "rotate", "--write", str(tmp_path / "k")])
    assert done.exit_code == 0 and "breaks linkage" in done.stdout
    assert (tmp_path / "k").stat().st_mode & 0o777 == 0o600 and len((tmp_path / "k").read_text().strip()) == 64


def test_a_manifest_with_a_key_but_no_author_field_names_only_the_author_field(tmp_path):
    # corpus reads consent.author_field for opt-outs but has no record.author_field: the refusal
    # must not send a user who gave the key looking for a key problem
    key = tmp_path / "k"
    key.write_text("k" * 32)
    done = runner.invoke(app, ["run", "-", "--profile", "corpus", "--key-file", str(key),
                               "--manifest", str(tmp_path / "m")], input=b"")
    assert done.exit_code == 2, done.output
    assert "--manifest needs record.author_field in the profile corpus" in done.stderr
    assert "secret key" not in done.stderr
