"""No artefact of a run holds the personal data it met, nor the key: report, summary, manifest and
stderr hold none of it, whatever the detectors found; the output holds none of what they found."""

import json

import pytest
from typer.testing import CliRunner

from redact.cli.main import app
from redact.operators import key_fingerprint

pytestmark = pytest.mark.slow
KEY = "k3y-that-must-never-appear"
PII = {
    "names": ["Henrietta Vasquez", "Olumide Adeyemi"],
    "emails": ["henrietta.vasquez@example.com", "o.adeyemi@example.org"],
    "cards": ["4111 1111 1111 1111", "5555 5555 5555 4444"],
    "ibans": ["GB82 WEST 1234 5698 7654 32"],
}


def test_every_artefact_is_free_of_the_pii_and_the_key(spine_profile, tmp_path, monkeypatch):
    profile = tmp_path / "p.yaml"
    profile.write_text(f"name: p\nextends: {spine_profile}\nrecord: {{author_field: author_id}}\n"
                       "operators: {PERSON: {type: pseudonym}, DEFAULT: {type: replace}}\n"
                       "report: {digests: true}\n")
    source = tmp_path / "in.jsonl"
    with open(source, "w") as f:
        for i in range(40):
            text = (f"{PII['names'][i % 2]} wrote to {PII['emails'][i % 2]} about card "
                    f"{PII['cards'][i % 2]} and IBAN {PII['ibans'][0]}. Thanks {PII['names'][i % 2].split()[0]}!")
            f.write(json.dumps({"id": f"p{i}", "author_id": f"member-{i % 3}", "text": text}) + "\n")
    monkeypatch.setenv("REDACT_KEY", KEY)
    names = ["report.jsonl", "summary.json", "manifest.jsonl"]
    done = CliRunner().invoke(app, ["run", str(source), "-o", str(tmp_path / "out.jsonl"),
                                    "--report", str(tmp_path / "report.jsonl"),
                                    "--summary", str(tmp_path / "summary.json"),
                                    "--manifest", str(tmp_path / "manifest.jsonl"), "--profile", str(profile),
                                    "--workers", "1"])
    assert done.exit_code == 0, done.output
    artefacts = {name: (tmp_path / name).read_text() for name in names}
    artefacts["stderr"] = done.stderr
    fingerprint = key_fingerprint(KEY.encode())  # which key made the run, never the key itself
    assert json.loads(artefacts["summary.json"])["key_fingerprint"] == fingerprint
    assert json.loads(artefacts["manifest.jsonl"].splitlines()[0])["key_fingerprint"] == fingerprint
    assert f"key         fingerprint {fingerprint}" in done.stderr
    needles = [v for values in PII.values() for v in values] + [KEY, "member-1"]
    needles += [v.split()[-1] for v in PII["names"]] + [v.split("@")[0] for v in PII["emails"]]
    for name, text in artefacts.items():
        for needle in needles:
            assert needle not in text, f"{needle!r} found in {name}"
    output = (tmp_path / "out.jsonl").read_text()
    for needle in PII["emails"] + PII["cards"] + PII["ibans"] + [KEY]:  # what the profile finds
        assert needle not in output
    assert not (tmp_path / "out.quarantine.jsonl").read_text()  # nothing quarantined on this input
