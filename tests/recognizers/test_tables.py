"""The recognizers' tables in recognizers/data/: well formed, and shipped with the package.

YAML reads an unquoted `NO` (Norway) as false and a site entry can lose its mark; these tests
catch such a table before a recognizer silently stops matching.
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from pathlib import Path

import phonenumbers
import pytest
import regex

from recognizers.phone_verdict import Verdict
from recognizers.profile_url import site_link
from recognizers.tables import DATA, load_table, street_types

ROOT = Path(__file__).resolve().parents[2]
TABLES = ["phone.yaml", "profile_sites.yaml", "street_types.yaml"]


def test_every_phone_region_is_one_phonenumbers_knows():
    table = load_table("phone.yaml")
    regions = (table["default_regions"] + table["trunk_zero_written"] + table["mobile_without_trunk"]
               + table["area_code_without_trunk"] + list(table["language_regions"].values()))
    assert set(regions) <= phonenumbers.SUPPORTED_REGIONS
    assert all(isinstance(language, str) for language in table["language_regions"])


def test_every_verdict_has_both_scores():
    scores = load_table("phone.yaml")["scores"]
    assert list(scores) == [verdict.name for verdict in Verdict]
    assert all(set(pair) == {"alone", "cue"} for pair in scores.values())


@pytest.mark.parametrize("site", load_table("profile_sites.yaml")["sites"], ids=lambda s: s["site"])
def test_each_profile_site_is_a_complete_link_rule(site):
    assert set(site) <= {"site", "link", "reserved"}
    assert ("{reserved}" in site["link"]) == ("reserved" in site)
    link = site_link(site)
    assert not re.search(r"\{(?:reserved|name|slug)\}", link)
    regex.compile(link)


@pytest.mark.parametrize("keys", [("after_name", "any_case"), ("after_name", "capitalised"),
                                  ("before_name", "any_case"), ("before_name", "capitalised"),
                                  ("before_name", "other_scripts"), ("word_ending",), ("own_word",),
                                  ("english_common",)])
def test_each_street_type_list_is_a_list_of_words(keys):
    types = street_types(*keys).split("|")
    assert types and all(isinstance(t, str) and t.strip() == t and t for t in types)
    regex.compile("(?:" + "|".join(types) + ")")


@pytest.mark.parametrize("package, path", [("recognizers", DATA / name) for name in TABLES] + [
    ("redact.surrogates", path) for path in sorted((ROOT / "redact/surrogates/data").iterdir())])
def test_tables_are_package_data(package, path):
    """A wheel holds the tables: pyproject's package-data names them (the surrogates' tables were
    missing, so an installed wheel could not make a surrogate)."""
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    relative = path.relative_to(ROOT / package.replace(".", "/")).as_posix()
    assert any(fnmatch.fnmatch(relative, pattern) for pattern in patterns.get(package, []))
