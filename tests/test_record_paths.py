"""The one dotted-path getter that the read stage (record ids), consent (author, region, kind,
timestamp) and the review sampler share."""

from __future__ import annotations

import pytest

from redact.record import value_at

RECORD = {"id": 7, "user": {"id": "u1", "meta": {"region": "DE"}, "tags": ["a"]}, "": "blank"}


@pytest.mark.parametrize("path, value", [
    ("id", 7),
    ("user.id", "u1"),
    ("user.meta.region", "DE"),
    ("user.missing", None),
    ("user.tags.0", None),           # lists are not indexed by a dotted path
    ("user.id.deeper", None),        # runs through a string
    ("missing.id", None),
])
def test_value_at(path, value):
    assert value_at(RECORD, path) == value


def test_a_value_that_is_not_an_object_has_nothing_at_any_path():
    assert value_at(["id"], "id") is None
