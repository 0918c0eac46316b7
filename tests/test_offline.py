"""The program never tries the network: a run with e-mails and URLs opens no socket."""

import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.slow

PROBE = textwrap.dedent("""
    import socket, sys
    attempts = []
    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network use in a test")
    socket.socket.connect = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    from redact import Redactor
    profile = {"name": "net", "record": {"text_fields": ["text"]},
               "recognizers": ["EmailRecognizer", "UrlRecognizer"], "propagate": []}
    r = Redactor.from_profile(profile)
    out, _ = r.redact_record({"id": 1, "text": "mail ann@example.co.uk or see https://example.org/x"})
    assert out["text"] == "mail <EMAIL_ADDRESS> or see <URL>", out
    print("attempts", len(attempts))
""")


def test_a_run_opens_no_socket_even_with_an_empty_cache(tmp_path):
    env = {"HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("attempts 0")
    assert not (tmp_path / "cache").exists()  # nothing fetched, nothing cached
