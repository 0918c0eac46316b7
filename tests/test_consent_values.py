"""Consent values are normalised before they are compared: every spelling of an excluded region,
kind or opted-out member is dropped by the `corpus` profile, and a value that cannot be read is
`consent_unknown`, never "not excluded" (issue 13)."""

import json
import sqlite3

import orjson
import pytest
import yaml

from redact import Redactor
from redact.cli.main import app
from redact.errors import ProfileError
from redact.profile import ConsentSpec, load_profile
from redact.regions import REGION_GROUPS, group_problems, region_codes
from redact.stages.consent import Consent

PASSING = {"author_id": "m1", "region": "US", "kind": "post"}

# (what the record holds instead of PASSING's value, the reason the corpus profile drops it)
VARIANTS = [
    ({"region": "DEU"}, "region_excluded"),
    ({"region": "Germany"}, "region_excluded"),
    ({"region": "de-DE"}, "region_excluded"),
    ({"region": "DE_BY"}, "region_excluded"),      # Bavaria, or German in Belarus: either excludes
    ({"region": "fr "}, "region_excluded"),
    ({"region": "EL"}, "region_excluded"),          # Greece, as the EU writes it
    ({"region": "uk"}, "region_excluded"),
    ({"region": "Federal Republic of Germany"}, "region_excluded"),
    ({"region": "DE-BY"}, "region_excluded"),       # Bavaria (ISO 3166-2), or German in Belarus
    ({"region": ["DE"]}, "consent_unknown"),
    ({"region": {"code": "DE"}}, "consent_unknown"),
    ({"region": "Narnia"}, "consent_unknown"),
    ({"region": ""}, "consent_unknown"),
    ({"region": "  "}, "consent_unknown"),
    ({"region": 42}, "consent_unknown"),
    ({"kind": "Message"}, "kind_excluded"),
    ({"kind": "dm"}, "kind_excluded"),
    ({"kind": " DM "}, "kind_excluded"),
    ({"kind": ["post"]}, "consent_unknown"),
    ({"author_id": " m10"}, "opted_out"),
    ({"author_id": "M10"}, "opted_out"),
    ({"author_id": ["m1"]}, "consent_unknown"),
    # Format and control characters are left out of every value before it is compared.
    ({"kind": "pm\u200b"}, "kind_excluded"),
    ({"kind": "message\u0000"}, "kind_excluded"),
    ({"kind": "\u2060D\u00adM"}, "kind_excluded"),
    ({"author_id": "M10\u200b"}, "opted_out"),
    ({"author_id": "m\u202e12"}, "opted_out"),         # the opt-out file holds it as \u200bM12\x00
    ({"region": "DE\u200b"}, "region_excluded"),
    ({"region": "\ufeffGermany\x07"}, "region_excluded"),
    # Kinds compare without separators and a plural s: the aliases name direct_message.
    ({"kind": "Messages"}, "kind_excluded"),
    ({"kind": "private message"}, "kind_excluded"),
    ({"kind": "Direct Message"}, "kind_excluded"),
    ({"kind": "direct-message"}, "kind_excluded"),
    ({"kind": "DMs"}, "kind_excluded"),
    ({"kind": "InMails"}, "kind_excluded"),
    # A kind the profile does not know (`consent.kinds`: post, comment, article, message by default)
    # is no verdict of `not excluded`: `messaging` may be a message.
    ({"kind": "messaging"}, "consent_unknown"),
    ({"kind": "random"}, "consent_unknown"),
]
# Spellings of regions and kinds outside the excluded ones stay in.
KEPT = [{"region": "us"}, {"region": "United States"}, {"region": "en-US"}, {"region": "BRA"},
        {"kind": "Post"}, {"author_id": "m100"}, {"author_id": 7}, {"kind": "posts\u200b"},
        {"region": "US\u200b"}, {"author_id": "m1\u200b0\u200b0"}, {"kind": "Articles"}, {"kind": "comment"}]


def records():
    rows = [{**PASSING, **change} for change, _ in VARIANTS] + [{**PASSING, **c} for c in KEPT]
    return [{"id": f"r{i}", **row, "text": "Nothing personal here."} for i, row in enumerate(rows)]


EXPECTED = [reason for _, reason in VARIANTS] + [None] * len(KEPT)
# The opt-out list: its entries are folded like the records' member ids.
OPT_OUTS = "m10\n\u200bM12\x00\n"


@pytest.fixture(scope="module")
def opt_outs(tmp_path_factory):
    path = tmp_path_factory.mktemp("consent") / "optouts.txt"
    path.write_text(OPT_OUTS)
    return path


@pytest.mark.parametrize("change, reason", VARIANTS + [(c, None) for c in KEPT])
def test_the_corpus_rules_read_each_spelling(change, reason, opt_outs):
    consent = Consent(load_profile("corpus", check_model=False).consent, opt_outs)
    assert consent.reason({**PASSING, **change}) == reason


@pytest.mark.slow
def test_the_library_drops_every_variant(opt_outs):
    redactor = Redactor.from_profile("corpus", opt_out_file=opt_outs)
    results = list(redactor.redact_records(records()))
    assert [report.get("reason") for _, report in results] == EXPECTED
    assert [out is None for out, _ in results] == [r is not None for r in EXPECTED]


@pytest.mark.slow
def test_the_cli_drops_every_variant(opt_outs, tmp_path):
    from typer.testing import CliRunner

    source, out, report = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "report.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records()))
    result = CliRunner().invoke(app, ["run", str(source), "-o", str(out), "--report", str(report),
                                      "--profile", "corpus", "--opt-out", str(opt_outs),
                                      "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    reasons = [orjson.loads(line).get("reason") for line in report.read_bytes().splitlines()]
    assert reasons == EXPECTED
    written = [orjson.loads(line)["id"] for line in out.read_bytes().splitlines()]
    assert written == [r["id"] for r, reason in zip(records(), EXPECTED) if reason is None]


@pytest.mark.parametrize("value, codes", [
    ("DEU", {"DE"}), ("germany", {"DE"}), ("de_AT", {"AT"}), ("zh-Hant-TW", {"TW"}),
    ("276", {"DE"}), ("the Netherlands", {"NL"}), ("Holland", {"NL"}), ("EL", {"GR"}),
    ("UK", {"GB"}), ("Great Britain", {"GB"}), ("it-CH", {"IT", "CH"}),  # Chieti or Swiss Italian
    ("DE_BY", {"DE", "BY"}), ("es_ca", {"ES", "CA"}), ("DE-BY-x1", {"DE", "BY"}),  # Bavaria or a locale
    ("DE\u200b", {"DE"}), ("\u2066de-AT\u2069", {"AT"}), ("G\x00R", {"GR"}), ("\u200b", set()),
    ("es-419", set()), ("en", set()), ("sr-Latn", set()), ("Deutschland", set()), (None, set()),
    (True, set()), (276, set()),
])
def test_region_codes(value, codes):
    assert region_codes(value) == codes


def test_the_groups_are_iso_codes(monkeypatch):
    assert group_problems() == []
    assert REGION_GROUPS["UK"] == {"GB"} and {"GR", "RE", "AX"} <= REGION_GROUPS["EU"]
    assert REGION_GROUPS["EEA"] == REGION_GROUPS["EU"] | {"IS", "LI", "NO"}
    monkeypatch.setitem(REGION_GROUPS, "EU", REGION_GROUPS["EU"] | {"QQ"})   # a withdrawn code
    with pytest.raises(ProfileError, match="region group EU names codes ISO 3166 does not assign"):
        load_profile("corpus", check_model=False)


def test_exclude_regions_in_any_spelling():
    consent = Consent(ConsentSpec(region_field="r", exclude_regions=["Germany", "fra", "el"]))
    assert [consent.reason({"r": v}) for v in ("DE", "France", "GR", "IT")] == \
        ["region_excluded"] * 3 + [None]


def test_opt_outs_from_sqlite_compare_folded(tmp_path):
    db = tmp_path / "members.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE opt_outs (member_id TEXT PRIMARY KEY)")
        conn.executemany("INSERT INTO opt_outs VALUES (?)", [("M10",), (" Ab12 ",), ("m10",)])
    spec = ConsentSpec(author_field="a", opt_out_sqlite={"path": str(db), "table": "opt_outs",
                                                          "column": "member_id"})
    consent = Consent(spec)
    assert [consent.reason({"a": v}) for v in ("m10", " M10", "aB12", "m11")] == \
        ["opted_out"] * 3 + [None]


def corpus_with(**consent):
    raw = yaml.safe_load(open("configs/corpus.yaml"))
    raw["consent"].update(consent)
    return raw


@pytest.mark.parametrize("consent, message", [
    ({"exclude_regions": ["EU", "Narnia", "42"]}, "consent.exclude_regions: not a region: 'Narnia', '42'"),
    ({"kind_aliases": {"message": ["dm"], "comment": ["DM "]}}, "'DM ' names two kinds: message and comment"),
    ({"kind_aliases": {"message": [""]}}, "kind_aliases.message: a kind or alias must not be blank"),
    ({"kind_aliases": {"message": ["\u200b"]}}, "kind_aliases.message: a kind or alias must not be blank"),
    ({"kind_aliases": {"message": ["direct message"], "comment": ["Direct-Messages"]}},
     "'Direct-Messages' names two kinds: message and comment"),
    ({"exclude_kinds": ["message", "\u200b"]}, "consent.exclude_kinds: a kind must not be blank"),
    ({"kind_aliases": {"message": "dm"}}, "consent.kind_aliases.message: Input should be a valid list"),
    ({"exclude_kinds": []}, "consent.kind_aliases: has no effect without consent.exclude_kinds"),
])
def test_bad_consent_values_are_profile_errors(consent, message):
    with pytest.raises(ProfileError) as caught:
        load_profile(corpus_with(**consent), check_model=False)
    assert message in str(caught.value)
