"""The program never tries the network: a whole CLI run creates no socket at all.

The run happens in a subprocess whose `socket.socket` (creation, not only `connect`) and
`getaddrinfo` record every use and refuse it, before anything else is imported.
"""

import json
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.slow

WRAPPER = textwrap.dedent("""
    import socket, sys
    used = []

    class Refused(socket.socket):
        def __init__(self, *args, **kwargs):
            used.append(("socket", args))
            raise OSError("a socket in an offline run")

    def refuse(*args, **kwargs):
        used.append(("getaddrinfo", args))
        raise OSError("a name lookup in an offline run")

    socket.socket, socket.getaddrinfo = Refused, refuse
    from redact.cli.main import app
    try:
        app(sys.argv[1:])
    except SystemExit as done:
        print("used", used, file=sys.stderr)
        raise
""")
PROFILE = """\
name: net
record: {text_fields: [text]}
recognizers: [EmailRecognizer, UrlRecognizer]
propagate: []
"""
TEXT = "mail ann@example.co.uk or see https://example.org/x"


def test_a_whole_cli_run_creates_no_socket_even_with_an_empty_cache(tmp_path):
    (tmp_path / "net.yaml").write_text(PROFILE)
    lines = [json.dumps({"id": i, "text": TEXT}) for i in range(600)]  # enough for the workers
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n")
    env = {"HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, "run", "in.jsonl", "-o", "out.jsonl", "--profile", "net.yaml",
         "--workers", "2", "--quiet"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "used []", done.stderr
    written = (tmp_path / "out.jsonl").read_text().splitlines()
    assert len(written) == 600 and json.loads(written[0])["text"] == "mail <EMAIL_ADDRESS> or see <URL>"
    assert not (tmp_path / "cache").exists()  # nothing fetched, nothing cached


def test_urllib3_still_probes_ipv6_when_it_really_connects():
    probe = textwrap.dedent("""
        import socket, redact, spacy
        from urllib3.util import connection
        assert connection.HAS_IPV6 is False  # not probed at import
        family = connection.allowed_gai_family()
        assert connection.HAS_IPV6 == connection._has_ipv6("::1")
        assert family == (socket.AF_UNSPEC if connection.HAS_IPV6 else socket.AF_INET)
    """)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
