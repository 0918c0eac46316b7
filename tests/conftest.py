"""Shared fixtures. The spaCy model is loaded once per session, per profile."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
ROOT = TESTS.parent
TEST_KEY = b"test-key-not-secret"


@functools.cache
def redactor_for(profile: str, key: bytes | None = None):
    """One Redactor per (profile, key) for the whole session: building one loads the model."""
    from redact import Redactor

    return Redactor.from_profile(profile, key=key)


@pytest.fixture(scope="session")
def spine_profile() -> str:
    """A profile that uses only Presidio's recognizers and NER, so spine tests do not move when
    our heuristics change."""
    return str(TESTS / "profiles" / "spine.yaml")


@pytest.fixture(scope="session")
def spine(spine_profile):
    """The spine test profile's Redactor."""
    return redactor_for(spine_profile)
