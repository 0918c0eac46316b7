"""The secret key: read from REDACT_KEY or a key file, at least 16 bytes, every problem one line."""

import re

import pytest
from conftest import TEST_KEY
from typer.testing import CliRunner

from redact.cli.main import app
from redact.errors import BadKey
from redact.operators import MIN_KEY_BYTES, key_fingerprint, read_key

runner = CliRunner()
GOOD_KEY = b"0123456789abcdef"  # exactly MIN_KEY_BYTES


def test_a_key_of_the_minimum_length_is_read_from_the_environment_or_a_file(tmp_path, monkeypatch):
    monkeypatch.setenv("REDACT_KEY", GOOD_KEY.decode())
    assert len(GOOD_KEY) == MIN_KEY_BYTES and read_key() == GOOD_KEY
    key_file = tmp_path / "key"
    key_file.write_bytes(b"  " + TEST_KEY + b"\n")
    assert read_key(key_file) == TEST_KEY  # the file wins over the environment, stripped


def test_no_key_at_all_is_none(monkeypatch):
    monkeypatch.delenv("REDACT_KEY", raising=False)
    assert read_key() is None


@pytest.mark.parametrize("value", ["k", "0123456789abcde"])
def test_a_short_environment_key_is_refused(value, monkeypatch):
    monkeypatch.setenv("REDACT_KEY", value)
    with pytest.raises(BadKey, match=rf"REDACT_KEY is {len(value)} byte\(s\) long; a key needs at least 16"):
        read_key()


@pytest.mark.parametrize("content, message", [
    (b" \n\t\n", "is empty"),
    (b"", "is empty"),
    (b"short\n", "is 5 byte(s) long"),
])
def test_a_key_file_that_is_empty_or_short_is_refused(content, message, tmp_path):
    key_file = tmp_path / "key"
    key_file.write_bytes(content)
    with pytest.raises(BadKey) as caught:
        read_key(key_file)
    assert f"the key file {key_file} {message}" in str(caught.value)


def test_a_missing_key_file_or_a_directory_is_one_clear_error(tmp_path):
    with pytest.raises(BadKey, match="does not exist"):
        read_key(tmp_path / "nope")
    with pytest.raises(BadKey, match="is a directory"):
        read_key(tmp_path)


def test_the_fingerprint_tells_keys_apart_and_never_holds_the_key():
    assert key_fingerprint(TEST_KEY) == key_fingerprint(TEST_KEY)
    assert key_fingerprint(TEST_KEY) != key_fingerprint(GOOD_KEY)
    assert TEST_KEY.hex() not in key_fingerprint(TEST_KEY) and len(key_fingerprint(TEST_KEY)) == 16


def bad_key_files(tmp_path):
    empty = tmp_path / "empty.key"
    empty.write_text("   \n")
    return {"missing": tmp_path / "missing.key", "a directory": tmp_path, "empty": empty}


@pytest.mark.parametrize("case", ["missing", "a directory", "empty"])
@pytest.mark.parametrize("command", [["run", "-"], ["forget", "m1", "--manifest", "m.jsonl"]])
def test_the_cli_says_what_is_wrong_with_a_key_file_in_one_line(case, command, tmp_path, spine_profile):
    key_file = bad_key_files(tmp_path)[case]
    extra = ["--profile", spine_profile] if command[0] == "run" else []
    done = runner.invoke(app, [*command, *extra, "--key-file", str(key_file)], input=b"")
    assert done.exit_code == 2, done.output
    assert done.stderr.startswith(f"error: the key file {key_file} ") and done.stderr.count("\n") == 1
    assert "set REDACT_KEY or pass" not in done.stderr


def test_the_cli_refuses_a_one_byte_key(spine_profile, monkeypatch):
    monkeypatch.setenv("REDACT_KEY", "k")
    done = runner.invoke(app, ["run", "-", "--profile", spine_profile], input=b"")
    assert done.exit_code == 2 and "REDACT_KEY is 1 byte(s) long" in done.stderr


@pytest.mark.parametrize("value", [" " * 32, "\t\n  \n"])
def test_a_whitespace_only_environment_key_is_refused_like_an_empty_key_file(value, spine_profile,
                                                                             monkeypatch):
    monkeypatch.setenv("REDACT_KEY", value)
    with pytest.raises(BadKey, match="REDACT_KEY holds only whitespace"):
        read_key()
    done = runner.invoke(app, ["run", "-", "--profile", spine_profile], input=b"")
    assert done.exit_code == 2
    assert done.stderr == "error: REDACT_KEY holds only whitespace: set it to the key, or unset it\n"


def test_an_environment_key_is_stripped_like_a_key_file_and_keeps_its_inner_spaces(monkeypatch):
    monkeypatch.setenv("REDACT_KEY", "  correct horse battery staple \n")
    assert read_key() == b"correct horse battery staple"
    monkeypatch.setenv("REDACT_KEY", " " * 10 + "short" + " " * 10)
    with pytest.raises(BadKey, match=r"REDACT_KEY is 5 byte\(s\) long"):
        read_key()


def test_key_rotate_without_write_points_to_write_and_promises_no_key_it_does_not_print():
    done = runner.invoke(app, ["key", "rotate"])
    assert done.exit_code == 0
    assert "(below)" not in done.stdout and "printed below" not in done.stdout
    assert "redact key rotate --write FILE" in done.stdout and "new key written" not in done.stdout


@pytest.mark.parametrize("key, says", [
    (b"short", "is 5 byte(s) long; a key needs at least 16"),
    (b"   " * 8, "is 0 byte(s) long"),
    (TEST_KEY.decode(), "is a str; pass the key as bytes"),
])
def test_a_key_passed_in_code_is_held_to_the_same_rule(key, says):
    """The library, Spark and datasets entry points take keys in code: a short, blank or str key
    is a set-up error there too, not pseudonyms under a guessable key (or every record quarantined)."""
    from redact import Redactor

    profile = {"name": "keyed", "extends": "fast", "operators": {"DEFAULT": {"type": "pseudonym"}}}
    with pytest.raises(BadKey, match=re.escape(says)):
        Redactor.from_profile(profile, key=key)
